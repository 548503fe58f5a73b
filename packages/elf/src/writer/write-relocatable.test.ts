// writeRelocatable round trips: GNU as object → readObject → writeRelocatable → readelf / ld.
// Documented differences from GNU as's own file: section header order is ours (each .rela
// section follows its target; .symtab/.strtab/.shstrtab last), string tables are laid out
// afresh, SHT_GROUP sections are dropped. Section contents, symbols (same order: GNU as already
// puts locals first), and relocations must be identical.
import { afterAll, describe, expect, it } from 'vitest';
import { readObject } from '../reader/read-object.js';
import { readElf } from '../reader/read-elf.js';
import { writeRelocatable, sectionSymbol } from './write-relocatable.js';
import * as C from '../constants.js';
import type { ObjectFile } from '../model.js';
import { Scratch, hasTool, missingTools, run, runOk } from '../testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const x86Source = `
  .text
  .globl _start
_start:
  lea msg(%rip), %rsi
  mov $1, %edi
  mov $len, %edx
  mov $1, %eax
  syscall
  call finish
  .section .text.exit,"ax",@progbits
finish:
  mov counter(%rip), %rdi
  add ptr(%rip), %rdi
  sub $0x1000, %rdi
  mov $60, %eax
  syscall
  .data
msg: .ascii "round trip\\n"
  .set len, . - msg
counter: .quad 0x1000
ptr: .quad 0
  .bss
  .local scratchpad
  .comm scratchpad, 32, 16
  .comm shared, 16, 8
`;

const armSource = `
  .text
  .globl _start
_start:
  adrp x1, msg
  add x1, x1, :lo12:msg
  mov x0, #1
  mov x2, #11
  mov x8, #64
  svc #0
  bl finish
finish:
  mov x0, #7
  mov x8, #93
  svc #0
  .data
msg: .ascii "round trip\\n"
  .quad _start
`;

function symbolRows(path: string): string[] {
  return runOk('readelf', ['-s', '-W', path])
    .split('\n')
    .filter((l) => /^\s*\d+:/.test(l))
    .map((l) => l.replace(/^\s*\d+:\s*/, '').replace(/\s+\d+\s+(\S+)$/, ' $1').replace(/\s+/g, ' '));
}

function relocRows(path: string): string[] {
  return runOk('readelf', ['-r', '-W', path])
    .split('\n')
    .filter((l) => /^[0-9a-f]{16}\s/.test(l))
    .map((l) => l.replace(/\s+/g, ' '));
}

describe.skipIf(missingTools('as', 'ld', 'readelf'))('x86-64 round trip', () => {
  const original = scratch.assemble('x.o', x86Source);
  const rewritten = writeRelocatable(readObject(original));
  scratch.write('x2.o', rewritten);

  it('readelf -a accepts it without warnings', () => {
    const r = run('readelf', ['-a', '-W', scratch.path('x2.o')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('keeps symbols and relocations', () => {
    // Symbol rows without the Ndx column (section numbering differs).
    expect(symbolRows(scratch.path('x2.o'))).toEqual(symbolRows(scratch.path('x.o')));
    expect(relocRows(scratch.path('x2.o'))).toEqual(relocRows(scratch.path('x.o')));
  });

  it('keeps section contents', () => {
    const a = readElf(original);
    const b = readElf(rewritten);
    for (const s of a.sections) {
      if (s.type === C.SHT_PROGBITS || s.type === C.SHT_NOBITS) {
        const t = b.sections.find((x) => x.name === s.name)!;
        expect(t.size).toBe(s.size);
        expect(t.flags).toBe(s.flags);
        expect([...t.data]).toEqual([...s.data]);
      }
    }
  });

  it('GNU ld links it and the program runs', () => {
    runOk('ld', ['-o', scratch.path('x2'), scratch.path('x2.o')]);
    const r = run(scratch.path('x2'), []);
    expect(r.stdout).toBe('round trip\n');
    expect(r.status).toBe(0);
  });
});

describe.skipIf(missingTools('aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'readelf'))('arm64 round trip', () => {
  const original = scratch.assemble('a.o', armSource, 'arm64');
  const rewritten = writeRelocatable(readObject(original));
  scratch.write('a2.o', rewritten);

  it('readelf agrees', () => {
    const r = run('readelf', ['-a', '-W', scratch.path('a2.o')]);
    expect(r.stderr).toBe('');
    expect(symbolRows(scratch.path('a2.o'))).toEqual(symbolRows(scratch.path('a.o')));
    expect(relocRows(scratch.path('a2.o'))).toEqual(relocRows(scratch.path('a.o')));
  });

  it.skipIf(!hasTool('qemu-aarch64'))('links with GNU ld and runs under qemu', () => {
    runOk('aarch64-linux-gnu-ld', ['-o', scratch.path('a2'), scratch.path('a2.o')]);
    const r = run('qemu-aarch64', [scratch.path('a2')]);
    expect(r.stdout).toBe('round trip\n');
    expect(r.status).toBe(7);
  });
});

describe.skipIf(missingTools('ld', 'readelf', 'nm'))('objects built from the model', () => {
  // A hand-made object: locals listed after globals on purpose; a section symbol added by
  // sectionSymbol(); relocations renumbered by the writer.
  const text = new Uint8Array([
    0x48, 0x8b, 0x3d, 0, 0, 0, 0, // mov value(%rip), %rdi  (PC32 at 3)
    0xb8, 60, 0, 0, 0, // mov $60, %eax
    0x0f, 0x05, // syscall
  ]);
  const obj: ObjectFile = {
    machine: C.EM_X86_64,
    sections: [
      { name: '.text', type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_EXECINSTR, align: 16n, data: text, relocations: [] },
      { name: '.data', type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_WRITE, align: 8n, data: new Uint8Array([0, 0, 0, 0, 42, 0, 0, 0]), relocations: [] },
      { name: '.bss', type: C.SHT_NOBITS, flags: C.SHF_ALLOC | C.SHF_WRITE, align: 32n, data: new Uint8Array(0), size: 0x64n, relocations: [] },
    ],
    symbols: [
      { name: '_start', value: 0n, size: 14n, bind: C.STB_GLOBAL, type: C.STT_FUNC, section: { kind: 'section', index: 0 } },
      { name: 'value', value: 4n, size: 4n, bind: C.STB_LOCAL, type: C.STT_OBJECT, section: { kind: 'section', index: 1 } },
      { name: 'ext', value: 0n, size: 0n, bind: C.STB_WEAK, type: C.STT_NOTYPE, section: { kind: 'undefined' } },
    ],
  };
  const dataSym = sectionSymbol(obj, 1);
  obj.sections[0]!.relocations.push({ offset: 3n, type: C.R_X86_64.R_X86_64_PC32, symbol: dataSym, addend: 4n - 4n });
  const bytes = writeRelocatable(obj);
  scratch.write('m.o', bytes);

  it('puts locals first with sh_info = first global', () => {
    const elf = readElf(bytes);
    const symtab = elf.symbolTables[0]!;
    expect(symtab.symbols.map((s) => [s.name, s.bind])).toEqual([
      ['', 0], ['value', C.STB_LOCAL], ['', C.STB_LOCAL], ['_start', C.STB_GLOBAL], ['ext', C.STB_WEAK],
    ]);
    expect(elf.sections[symtab.section]!.info).toBe(3);
    expect(elf.relocationSections[0]!.relocations[0]!.symbol).toBe(2);
    expect(run('readelf', ['-a', '-W', scratch.path('m.o')]).stderr).toBe('');
  });

  it('nm shows what was asked for', () => {
    expect(runOk('nm', [scratch.path('m.o')]).trim().split('\n')).toEqual([
      '0000000000000000 T _start',
      '                 w ext',
      '0000000000000004 d value',
    ]);
  });

  it('GNU ld links it and the program exits with the loaded value', () => {
    runOk('ld', ['-o', scratch.path('m'), scratch.path('m.o')]);
    expect(run(scratch.path('m'), []).status).toBe(42);
    // Our object's .bss has exactly the size asked for (ld pads its output .bss to 8).
    const sections = runOk('readelf', ['-S', '-W', scratch.path('m.o')]);
    expect(sections).toMatch(/\.bss\s+NOBITS\s+[0-9a-f]+ [0-9a-f]+ 000064 00\s+WA\s+0\s+0\s+32/);
  });
});
