// `vasm disasm FILE [-M intel] [--arch x86_64|arm64]`: the `objdump -d` listing of every
// executable section of an ELF object or executable (or of each member of an ar archive),
// x86-64 or AArch64 (from e_machine).
// x86 prints AT&T syntax unless `-M intel`; `--arch` asserts the file's architecture. A file
// that cannot be read or disassembled prints one line `vasm: FILE: <reason>` and exits 1.

import { readFile } from 'node:fs/promises';
import type { VasmCommand } from './command.js';
import { DisasmError, disassembleElf, type DisasmArch } from '../disasm/disassemble.js';

export const disasmCommand: VasmCommand = {
  command: 'disasm <file>',
  describe: 'disassemble an ELF file or ar archive (objdump -d style)',
  example: ['vasm disasm hello -M intel', 'print the instructions of ./hello in Intel syntax'],
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'ELF object, executable or ar archive (x86-64 or AArch64)' })
      .option('M', { type: 'string', describe: 'disassembler options, as objdump -M: intel, att (x86 only)' })
      .option('arch', { choices: ['x86_64', 'arm64'] as const, describe: 'fail unless the file is of this architecture' }),
  run: async (args, io) => {
    const file = String(args.file);
    const given = args.M === undefined ? [] : Array.isArray(args.M) ? args.M : [args.M];
    const words = given.flatMap((m) => String(m).split(','));
    let syntax: 'att' | 'intel' = 'att';
    for (const w of words) {
      if (w === 'intel' || w === 'intel-mnemonic') syntax = 'intel';
      else if (w === 'att' || w === 'att-mnemonic') syntax = 'att';
      else {
        io.stderr(`vasm: ${file}: unknown disassembler option '${w}' (known: intel, att)\n`);
        return 1;
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(`vasm: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}\n`);
      return 1;
    }
    try {
      io.stdout(disassembleElf(bytes, file, { syntax, arch: args.arch as DisasmArch | undefined }));
    } catch (e) {
      // Anything else is a bug here, still reported as one line (no stack trace).
      io.stderr(`vasm: ${file}: ${e instanceof DisasmError ? e.message : `internal error while disassembling: ${(e as Error)?.message ?? String(e)}`}\n`);
      return 1;
    }
    return 0;
  },
};
