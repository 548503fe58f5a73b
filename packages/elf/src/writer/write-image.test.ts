// writeImage: hand-laid executables that the host kernel runs and readelf accepts, plus the
// layout checks.
import { afterAll, describe, expect, it } from 'vitest';
import { writeImage, imageHeadersSize, type ImageSpec } from './write-image.js';
import { readElf } from '../reader/read-elf.js';
import * as C from '../constants.js';
import { ElfError } from '../errors.js';
import { Scratch, missingTools, run } from '../testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

function exitProgram(): ImageSpec {
  const textOff = imageHeadersSize(2);
  const textAddr = 0x400000n + BigInt(textOff);
  const dataAddr = 0x401000n + BigInt(textOff + 32) % 0x1000n; // congruent with its offset
  // mov data(%rip)... simpler: mov (abs32), %edi ; mov $60,%eax ; syscall
  const text = new Uint8Array([
    0x8b, 0x3c, 0x25, ...le32(Number(dataAddr)), // mov dataAddr, %edi (SIB absolute)
    0xb8, 60, 0, 0, 0,
    0x0f, 0x05,
  ]);
  return {
    type: C.ET_EXEC,
    machine: C.EM_X86_64,
    entry: textAddr,
    segments: [
      { type: C.PT_LOAD, flags: C.PF_R | C.PF_X, offset: 0n, vaddr: 0x400000n, filesz: BigInt(textOff + text.length), memsz: BigInt(textOff + text.length), align: 0x1000n },
      { type: C.PT_LOAD, flags: C.PF_R | C.PF_W, offset: BigInt(textOff + 32), vaddr: dataAddr, filesz: 4n, memsz: 0x104n, align: 0x1000n },
    ],
    sections: [
      { name: '.text', type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_EXECINSTR, addr: textAddr, offset: BigInt(textOff), data: text, align: 1n },
      { name: '.data', type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_WRITE, addr: dataAddr, offset: BigInt(textOff + 32), data: new Uint8Array([33, 0, 0, 0]), align: 4n },
      { name: '.bss', type: C.SHT_NOBITS, flags: C.SHF_ALLOC | C.SHF_WRITE, addr: dataAddr + 4n, offset: BigInt(textOff + 36), data: new Uint8Array(0), size: 0x100n, align: 4n },
    ],
    symbols: [
      { name: 'value', value: dataAddr, size: 4n, bind: C.STB_LOCAL, type: C.STT_OBJECT, section: '.data' },
      { name: '_start', value: textAddr, size: BigInt(text.length), bind: C.STB_GLOBAL, type: C.STT_FUNC, section: '.text' },
    ],
  };
}

function le32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

describe.skipIf(missingTools('readelf'))('writeImage', () => {
  it('writes an ET_EXEC that readelf accepts and Linux runs', () => {
    const bytes = writeImage(exitProgram());
    const path = scratch.write('exit33', bytes);
    const r = run('readelf', ['-a', '-W', path]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Entry point address:\s+0x4000b0/);
    expect(r.stdout).toMatch(/\.symtab/);
    const elf = readElf(bytes);
    expect(elf.segments.map((p) => p.memsz)).toEqual([BigInt(0xb0 + 14), 0x104n]);
    expect(elf.symbolTables[0]!.symbols.map((s) => s.name)).toEqual(['', 'value', '_start']);
    if (process.platform === 'linux' && process.arch === 'x64') {
      run('chmod', ['+x', path]);
      expect(run(path, []).status).toBe(33);
    }
  });

  it('writes ET_DYN with sh_link by name and no symtab', () => {
    const dynstr = new Uint8Array([0, 0x6c, 0x69, 0x62, 0]);
    const bytes = writeImage({
      type: C.ET_DYN,
      machine: C.EM_AARCH64,
      entry: 0n,
      segments: [{ type: C.PT_LOAD, flags: C.PF_R, offset: 0n, vaddr: 0n, filesz: 0x200n, memsz: 0x200n, align: 0x10000n }],
      sections: [
        { name: '.dynstr', type: C.SHT_STRTAB, flags: C.SHF_ALLOC, addr: 0x100n, offset: 0x100n, data: dynstr, align: 1n },
        { name: '.x', type: C.SHT_PROGBITS, flags: C.SHF_ALLOC, addr: 0x108n, offset: 0x108n, data: new Uint8Array(8), align: 8n, link: '.dynstr' },
      ],
    });
    const path = scratch.write('dyn.so', bytes);
    const r = run('readelf', ['-S', '-l', '-W', path]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/DYN \(Shared object file\)/);
    expect(readElf(bytes).sections[2]!.link).toBe(1);
  });

  it('rejects inconsistent layouts', () => {
    const spec = exitProgram();
    spec.segments[1]!.vaddr += 8n;
    expect(() => writeImage(spec)).toThrow(/not congruent/);
    const overlap = exitProgram();
    overlap.sections[1]!.offset = 0x10n;
    expect(() => writeImage(overlap)).toThrow(ElfError);
    const badLink = exitProgram();
    badLink.sections[0]!.link = '.nope';
    expect(() => writeImage(badLink)).toThrow(/lacks/);
  });
});
