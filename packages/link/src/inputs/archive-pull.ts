// Archive member selection: a member is pulled only when its archive index says it defines a
// symbol that is referenced and still undefined. Pulled members can reference more symbols,
// so this repeats over all archives until nothing changes (a fixed point, like ld's
// --start-group … --end-group; unlike plain ld, archive order does not matter).

import { ElfError, archiveSymbolsOf, readObject, type ArchiveFile } from '@vsys/elf';
import type { Diagnostic } from '../types.js';
import type { LoadedObject } from './loaded-object.js';
import type { SymbolTable } from '../symbols/symbol-table.js';

export interface ArchiveInput {
  name: string;
  archive: ArchiveFile;
}

function indexOf(archive: ArchiveFile): Array<{ name: string; member: number }> {
  if (archive.symbols.length > 0) return archive.symbols;
  // No `/` index (ar q without s): compute one the way `ar s` would.
  return archive.members.flatMap((m, member) => archiveSymbolsOf(m.data).map((name) => ({ name, member })));
}

/** Why a member was pulled: the symbol it was pulled for (for the map file, as ld's
 *  "Archive member included to satisfy reference by file (symbol)"). */
export interface PulledMember {
  member: string;
  symbol: string;
}

export function pullArchiveMembers(
  archives: ArchiveInput[],
  symbols: SymbolTable,
  objects: LoadedObject[],
  diagnostics: Diagnostic[],
): PulledMember[] {
  const why: PulledMember[] = [];
  const indexes = archives.map((a) => indexOf(a.archive));
  const pulled = archives.map(() => new Set<number>());
  let changed = true;
  while (changed) {
    changed = false;
    archives.forEach((a, ai) => {
      for (const entry of indexes[ai]!) {
        if (pulled[ai]!.has(entry.member) || !symbols.wants(entry.name)) continue;
        pulled[ai]!.add(entry.member);
        const member = a.archive.members[entry.member]!;
        const name = `${a.name}(${member.name})`;
        try {
          const file: LoadedObject = { name, object: readObject(member.data), index: objects.length };
          objects.push(file);
          why.push({ member: name, symbol: entry.name });
          symbols.addObject(file, diagnostics);
          changed = true;
        } catch (e) {
          if (!(e instanceof ElfError)) throw e;
          diagnostics.push({ severity: 'error', message: `${name}: ${e.message}` });
        }
      }
    });
  }
  return why;
}
