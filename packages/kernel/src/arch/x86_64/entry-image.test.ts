import { describe, expect, it } from 'vitest';
import * as asm from '@vsys/asm';
import { R_X86_64, STB_GLOBAL, STB_LOCAL, STT_NOTYPE, type ObjectFile } from '@vsys/elf';

const { R_X86_64_PC32 } = R_X86_64;
import { entryImageFromObject, EntryImageError, relocateSection } from './entry-image.js';
import { entrySourcePath } from './entry-object.js';
import { GNU_AS_MISSING, gnuAssembleFile, haveGnuAs } from './testing/gnu-as.js';

const BASE = 0xffffffff81000000n;

describe.skipIf(!haveGnuAs())(`entry.s assembled by GNU as${haveGnuAs() ? '' : ` (skipped: ${GNU_AS_MISSING})`}`, () => {
  const obj = gnuAssembleFile(entrySourcePath());
  const image = entryImageFromObject(obj, BASE);

  it('defines Linux struct pt_regs offsets (arch/x86/include/asm/ptrace.h)', () => {
    const order = ['PT_R15', 'PT_R14', 'PT_R13', 'PT_R12', 'PT_RBP', 'PT_RBX', 'PT_R11', 'PT_R10', 'PT_R9', 'PT_R8',
      'PT_RAX', 'PT_RCX', 'PT_RDX', 'PT_RSI', 'PT_RDI', 'PT_ORIG_RAX', 'PT_RIP', 'PT_CS', 'PT_EFLAGS', 'PT_RSP', 'PT_SS'] as const;
    order.forEach((name, i) => expect(image.constants[name], name).toBe(i * 8));
    expect(image.constants.PT_REGS_SIZE).toBe(21 * 8);
    expect([image.constants.KERNEL_CS, image.constants.USER_CS, image.constants.USER_DS]).toEqual([0x10, 0x33, 0x2b]);
  });

  it('places the entry points inside .text at the base', () => {
    expect(image.labels.entry_SYSCALL_64).toBe(BASE);
    for (const v of Object.values(image.labels)) {
      expect(v >= BASE && v < BASE + BigInt(image.text.length)).toBe(true);
    }
    expect(image.symbolAt(image.labels.entry_INT80_compat + 1n)).toBe('entry_INT80_compat+0x1');
    expect(image.symbolAt(BASE - 1n)).toBeNull();
  });

  it('starts the syscall entry with swapgs (0f 01 f8) and contains exactly one vmcall per path', () => {
    expect(Array.from(image.text.slice(0, 3))).toEqual([0x0f, 0x01, 0xf8]);
    let vmcalls = 0;
    for (let i = 0; i + 2 < image.text.length; i++) {
      if (image.text[i] === 0x0f && image.text[i + 1] === 0x01 && image.text[i + 2] === 0xc1) vmcalls++;
    }
    expect(vmcalls).toBe(3); // syscall, int 0x80, exceptions
  });

  it.skipIf(typeof (asm as Record<string, unknown>).assemble !== 'function')(
    'vasm assembles entry.s to the same .text bytes as GNU as (skipped while @vsys/asm has no assemble())',
    async () => {
      const { assembleEntryWithVasm } = await import('./entry-object.js');
      const mine = entryImageFromObject(assembleEntryWithVasm(), BASE);
      expect(Buffer.from(mine.text).toString('hex')).toBe(Buffer.from(image.text).toString('hex'));
      expect(mine.constants).toEqual(image.constants);
      expect(mine.labels).toEqual(image.labels);
    },
  );
});

describe('entryImageFromObject on hand-made objects', () => {
  const text = (data: number[]) => ({
    name: '.text', type: 1, flags: 6n, align: 16n, data: new Uint8Array(data), relocations: [] as ObjectFile['sections'][0]['relocations'],
  });
  it('reports a missing layout constant as an EntryImageError', () => {
    const obj: ObjectFile = { machine: 62, sections: [text([0x90])], symbols: [] };
    expect(() => entryImageFromObject(obj, BASE)).toThrow(EntryImageError);
  });
  it('applies a PC32 relocation against a .text symbol', () => {
    const sec = text([0xe8, 0, 0, 0, 0, 0x90]);
    sec.relocations.push({ offset: 1n, type: R_X86_64_PC32, symbol: 0, addend: -4n });
    const obj: ObjectFile = {
      machine: 62,
      sections: [sec],
      symbols: [{ name: 'target', value: 5n, size: 0n, bind: STB_LOCAL, type: STT_NOTYPE, section: { kind: 'section', index: 0 } }],
    };
    // call target: S + A - P = (BASE+5) - 4 - (BASE+1) = 0
    expect(Array.from(relocateSection(obj, 0, BASE))).toEqual([0xe8, 0, 0, 0, 0, 0x90]);
    sec.relocations[0]!.addend = -8n;
    expect(Array.from(relocateSection(obj, 0, BASE))).toEqual([0xe8, 0xfc, 0xff, 0xff, 0xff, 0x90]);
  });
  it('refuses a reference to an undefined symbol', () => {
    const sec = text([0xe8, 0, 0, 0, 0]);
    sec.relocations.push({ offset: 1n, type: R_X86_64_PC32, symbol: 0, addend: -4n });
    const obj: ObjectFile = {
      machine: 62,
      sections: [sec],
      symbols: [{ name: 'printf', value: 0n, size: 0n, bind: STB_GLOBAL, type: STT_NOTYPE, section: { kind: 'undefined' } }],
    };
    expect(() => relocateSection(obj, 0, BASE)).toThrow(/printf outside .text/);
  });
});
