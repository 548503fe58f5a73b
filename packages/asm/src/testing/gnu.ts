// Test helpers: run GNU as / ld on the host, and put two relocatable objects (ours and GNU
// as's) into one comparable shape — section contents, relocations with their symbols resolved
// to names (section symbols by their section's name), and symbol table entries — so a test can
// compare them with toEqual.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readObject, type ObjectFile } from '@vsys/elf';

/** Is a host tool on PATH? */
export function hasTool(name: string): boolean {
  const r = spawnSync(name, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-asm-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Assemble `source` with GNU as; returns the object bytes or the error text. */
export function gnuAssemble(source: string, tool = 'as'): { bytes: Uint8Array | null; stderr: string } {
  const { dir, cleanup } = tempDir();
  try {
    const src = join(dir, 'in.s');
    const out = join(dir, 'out.o');
    writeFileSync(src, source);
    const r = spawnSync(tool, [src, '-o', out], { encoding: 'utf8' });
    if (r.status !== 0) return { bytes: null, stderr: r.stderr };
    return { bytes: new Uint8Array(readFileSync(out)), stderr: r.stderr };
  } finally {
    cleanup();
  }
}

export interface ComparableSection {
  name: string;
  type: number;
  flags: string;
  contents: string;
  relocations: string[];
}

export interface Comparable {
  sections: ComparableSection[];
  symbols: string[];
}

/** The comparable shape of an object. */
export function comparable(obj: ObjectFile): Comparable {
  const secName = (i: number): string => obj.sections[i]?.name ?? `#${i}`;
  const symName = (i: number): string => {
    if (i < 0) return '*ABS*';
    const s = obj.symbols[i]!;
    if (s.type === 3 /* STT_SECTION */ && s.section.kind === 'section') return secName(s.section.index);
    return s.name;
  };
  const sections = obj.sections
    .filter((s) => !['.symtab', '.strtab', '.shstrtab'].includes(s.name))
    .map((s) => ({
      name: s.name,
      type: s.type,
      flags: s.flags.toString(16),
      contents: s.type === 8 ? `nobits:${s.size ?? 0n}` : Buffer.from(s.data).toString('hex'),
      relocations: s.relocations
        .map((r) => `${r.offset.toString(16)} type=${r.type} ${symName(r.symbol)}${r.addend < 0n ? '' : '+'}${r.addend}`)
        .sort(),
    }));
  const symbols = obj.symbols
    .filter((s) => s.type !== 3)
    .map((s) => {
      const where = s.section.kind === 'section' ? secName(s.section.index) : s.section.kind;
      return `${s.name} bind=${s.bind} type=${s.type} ${where} value=${s.value} size=${s.size} other=${s.other ?? 0}`;
    })
    .sort();
  return { sections, symbols };
}

export function readGnuObject(bytes: Uint8Array): ObjectFile {
  return readObject(bytes);
}
