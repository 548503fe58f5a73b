// readElf / readObject against GNU as and ld output, compared field by field with readelf.
import { afterAll, describe, expect, it } from 'vitest';
import { readElf } from './read-elf.js';
import { readObject } from './read-object.js';
import * as C from '../constants.js';
import { ElfError } from '../errors.js';
import { Scratch, missingTools, runOk } from '../testing/host-tools.js';

const skip = missingTools('as', 'ld', 'readelf');
const scratch = new Scratch();
afterAll(() => scratch.dispose());

const source = `
  .section .note.vsys,"a",@note
  .balign 4
  .long 5, 4, 1
  .asciz "vsys"
  .balign 4
  .long 0x11223344
  .text
  .globl _start
_start:
  lea msg(%rip), %rsi
  call helper
  mov $60, %eax
  xor %edi, %edi
  syscall
helper:
  ret
  .data
msg: .ascii "hi\\n"
  .quad _start
  .bss
buf: .skip 64
  .section .tdata,"awT",@progbits
tv: .long 7
`;

/** readelf -S --wide rows: [index, name, type, addr, off, size]. */
function readelfSections(path: string): Array<{ index: number; name: string; type: string; size: number }> {
  const out = runOk('readelf', ['-S', '-W', path]);
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s*\[\s*(\d+)\]\s+(\S*)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)/.exec(line);
    if (m && m[1] !== '0') rows.push({ index: Number(m[1]), name: m[2]!, type: m[3]!, size: parseInt(m[6]!, 16) });
  }
  return rows;
}

function readelfSymbols(path: string): Array<{ value: bigint; size: number; type: string; bind: string; name: string }> {
  const out = runOk('readelf', ['-s', '-W', path]);
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s*\d+:\s+([0-9a-f]+)\s+(\d+)\s+(\w+)\s+(\w+)\s+\w+\s+\S+\s*(.*)$/.exec(line);
    if (m) rows.push({ value: BigInt('0x' + m[1]), size: Number(m[2]), type: m[3]!, bind: m[4]!, name: m[5]! });
  }
  return rows;
}

describe.skipIf(skip)('readElf on GNU as output', () => {
  const obj = scratch.assemble('a.o', source);
  const elf = readElf(obj);

  it('decodes the header', () => {
    expect(elf.header.class).toBe(64);
    expect(elf.header.type).toBe(C.ET_REL);
    expect(elf.header.machine).toBe(C.EM_X86_64);
  });

  it('lists the same sections as readelf -S', () => {
    const expected = readelfSections(scratch.path('a.o'));
    const got = elf.sections.slice(1).map((s) => ({
      index: s.index,
      name: s.name,
      size: Number(s.size),
    }));
    expect(got).toEqual(expected.map(({ index, name, size }) => ({ index, name, size })));
  });

  it('lists the same symbols as readelf -s', () => {
    const expected = readelfSymbols(scratch.path('a.o'));
    const symtab = elf.symbolTables.find((t) => t.type === C.SHT_SYMTAB)!;
    expect(symtab.symbols.length).toBe(expected.length);
    symtab.symbols.forEach((s, i) => {
      expect(s.value).toBe(expected[i]!.value);
      expect(Number(s.size)).toBe(expected[i]!.size);
      expect(C.nameOf(C.STB, s.bind)).toBe(`STB_${expected[i]!.bind}`);
      // readelf prints the section name for STT_SECTION symbols; ours have no name.
      if (s.type !== C.STT_SECTION) expect(s.name).toBe(expected[i]!.name);
    });
  });

  it('reads relocations like readelf -r', () => {
    const out = runOk('readelf', ['-r', '-W', scratch.path('a.o')]);
    const types = [...out.matchAll(/\b(R_X86_64_\w+)/g)].map((m) => m[1]);
    const got = elf.relocationSections.flatMap((rs) =>
      rs.relocations.map((r) => C.nameOf(C.R_X86_64, r.type)),
    );
    expect(got).toEqual(types);
  });

  it('reads the note', () => {
    const note = elf.notes.find((n) => n.name === 'vsys')!;
    expect(note.type).toBe(1);
    expect([...note.desc]).toEqual([0x44, 0x33, 0x22, 0x11]);
  });

  it('readObject maps symbols and relocations onto the model', () => {
    const o = readObject(obj);
    const text = o.sections.findIndex((s) => s.name === '.text');
    expect(text).toBeGreaterThanOrEqual(0);
    const start = o.symbols.find((s) => s.name === '_start')!;
    expect(start.bind).toBe(C.STB_GLOBAL);
    expect(start.section).toEqual({ kind: 'section', index: text });
    expect(o.sections[text]!.relocations.length).toBeGreaterThan(0);
    const bss = o.sections.find((s) => s.name === '.bss')!;
    expect(bss.size).toBe(64n);
    expect(o.sections.some((s) => s.name === '.symtab' || s.name.startsWith('.rela'))).toBe(false);
  });
});

describe.skipIf(skip)('readElf on a GNU ld executable', () => {
  scratch.assemble('b.o', source);
  runOk('ld', ['-o', scratch.path('b'), scratch.path('b.o')]);
  const elf = readElf(scratch.read('b'));

  it('matches readelf -h -l', () => {
    const h = runOk('readelf', ['-h', '-l', '-W', scratch.path('b')]);
    const entry = /Entry point address:\s+0x([0-9a-f]+)/.exec(h)![1]!;
    expect(elf.header.entry).toBe(BigInt('0x' + entry));
    const loads = [...h.matchAll(/^\s+LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)/gm)];
    const ours = elf.segments.filter((p) => p.type === C.PT_LOAD);
    expect(ours.map((p) => [p.offset, p.vaddr, p.filesz, p.memsz])).toEqual(
      loads.map((m) => [BigInt('0x' + m[1]), BigInt('0x' + m[2]), BigInt('0x' + m[3]), BigInt('0x' + m[4])]),
    );
    expect(elf.segments.some((p) => p.type === C.PT_TLS)).toBe(true);
  });
});

describe.skipIf(skip)('readElf on an ELF32 (as --32) object', () => {
  const bytes = (() => {
    const src = scratch.write('i.s', '.text\n.globl _start\n_start: movl $msg, %ecx\n call foo\n int $0x80\n.data\nmsg: .long msg\n');
    runOk('as', ['--32', '-o', scratch.path('i.o'), src]);
    return scratch.read('i.o');
  })();
  const elf = readElf(bytes);

  it('decodes class, sections, symbols and REL relocations like readelf', () => {
    expect(elf.header.class).toBe(32);
    expect(elf.header.machine).toBe(C.EM_386);
    const expected = readelfSections(scratch.path('i.o'));
    expect(elf.sections.slice(1).map((s) => [s.name, Number(s.size)])).toEqual(expected.map((e) => [e.name, e.size]));
    const syms = readelfSymbols(scratch.path('i.o'));
    expect(elf.symbolTables[0]!.symbols.map((s) => [s.value, Number(s.size)])).toEqual(syms.map((s) => [s.value, s.size]));
    const out = runOk('readelf', ['-r', '-W', scratch.path('i.o')]);
    const types = [...out.matchAll(/\b(R_386_\w+)/g)].map((m) => m[1]);
    expect(elf.relocationSections.every((r) => !r.rela)).toBe(true);
    expect(elf.relocationSections.flatMap((r) => r.relocations.map((x) => C.nameOf(C.R_386, x.type)))).toEqual(types);
  });
});

describe.skipIf(missingTools('gcc', 'readelf'))('symbol versions in a dynamic executable', () => {
  it('match readelf --dyn-syms', () => {
    const c = scratch.write('v.c', '#include <stdio.h>\nint main(void) { puts("x"); return 0; }\n');
    runOk('gcc', ['-o', scratch.path('v'), c]);
    const elf = readElf(scratch.read('v'));
    const dynsym = elf.symbolTables.find((t) => t.type === C.SHT_DYNSYM)!;
    const ours = dynsym.symbols.slice(1).map((s) => s.name + (s.version ? `${s.version.hidden || !s.version.defined ? '@' : '@@'}${s.version.name}` : ''));
    const theirs = runOk('readelf', ['--dyn-syms', '-W', scratch.path('v')])
      .split('\n')
      .filter((l) => /^\s*\d+:/.test(l))
      .slice(1)
      .map((l) => l.trim().split(/\s+/)[7]!.replace(/ \(\d+\)$/, ''));
    expect(ours).toEqual(theirs);
    expect(ours.some((n) => n.startsWith('puts@GLIBC_'))).toBe(true);
  });

  it('reads the same notes as readelf -n (4- and 8-aligned)', () => {
    const elf = readElf(scratch.read('v'));
    const listing = runOk('readelf', ['-n', '-W', scratch.path('v')]);
    const theirs = [...listing.matchAll(/^\s+(\S+)\s+0x([0-9a-f]+)\s/gm)].map((m) => `${m[1]} ${parseInt(m[2]!, 16)}`);
    expect(elf.notes.map((n) => `${n.name} ${n.desc.length}`)).toEqual(theirs);
  });
});

describe('readElf rejects malformed input with ElfError', () => {
  const good = (() => {
    // A minimal valid ELF64 header with no tables.
    const b = new Uint8Array(64);
    b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    b[16] = 1; // ET_REL
    b[18] = 62;
    b[20] = 1;
    b[52] = 64;
    return b;
  })();

  it('accepts the minimal header', () => {
    expect(readElf(good).sections).toEqual([]);
  });

  const cases: Array<[string, (b: Uint8Array) => Uint8Array, RegExp]> = [
    ['empty file', () => new Uint8Array(0), /too short/],
    ['bad magic', (b) => { b[1] = 0; return b; }, /bad magic/],
    ['bad class', (b) => { b[4] = 9; return b; }, /EI_CLASS/],
    ['big-endian', (b) => { b[5] = 2; return b; }, /big-endian/],
    ['truncated header', (b) => b.subarray(0, 40), /too short for an ELF header/],
    ['e_shoff past the end', (b) => { new DataView(b.buffer).setBigUint64(40, 0x1000n, true); b[58] = 64; b[60] = 1; return b; }, /e_shoff points past the end of the file \(0x1000 > 0x40\)/],
    ['absurd e_shnum', (b) => { new DataView(b.buffer).setBigUint64(40, 0x40n, true); b[58] = 64; b[60] = 0xff; b[61] = 0xfe; return b; }, /section header table runs past the end/],
    ['e_phoff past the end', (b) => { new DataView(b.buffer).setBigUint64(32, 0xffffffffffffn, true); b[54] = 56; b[56] = 1; return b; }, /e_phoff points past the end/],
    ['bad e_shentsize', (b) => { new DataView(b.buffer).setBigUint64(40, 0x40n, true); b[58] = 12; b[60] = 1; return b; }, /e_shentsize/],
  ];
  for (const [name, mutate, message] of cases) {
    it(name, () => {
      const bytes = mutate(good.slice());
      expect(() => readElf(bytes)).toThrow(ElfError);
      expect(() => readElf(bytes)).toThrow(message);
    });
  }
});
