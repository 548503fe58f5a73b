// `vasm inspect FILE [--json]`: a readelf-style summary (header, sections, segments,
// relocations, symbols) of an ELF file or of each member of an ar archive. A file that
// cannot be read or parsed prints one line `vasm: FILE: <reason>` and exits 1.

import { readFile } from 'node:fs/promises';
import { ElfError } from '@vsys/elf';
import type { VasmCommand } from './command.js';
import { summarize } from '../inspect/summary.js';
import { formatArchive, formatElf } from '../inspect/format-text.js';

export const inspectCommand: VasmCommand = {
  command: 'inspect <file>',
  describe: 'print a readelf-style summary of an ELF file or archive',
  example: ['vasm inspect hello --json', 'print the header, sections, segments and symbols of ./hello as JSON'],
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'ELF file or ar archive' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable JSON output' }),
  run: async (args, io) => {
    const file = String(args.file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(`vasm: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}\n`);
      return 1;
    }
    let summary;
    try {
      summary = summarize(bytes);
    } catch (e) {
      if (e instanceof ElfError) {
        io.stderr(`vasm: ${file}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    if (args.json) io.stdout(JSON.stringify(summary, null, 2) + '\n');
    else io.stdout((summary.kind === 'elf' ? formatElf(summary) : formatArchive(summary)) + '\n');
    return 0;
  },
};
