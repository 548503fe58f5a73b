// X86Cpu.watchEntry: exact execution counts of chosen instruction addresses (what `vrun
// --stats` uses to count calls into the vDSO), whether the address starts a block, sits inside
// one (fall-through), heads a block that loops on itself, or runs in the single-instruction
// engine; a watched instruction that faults is not counted (it did not execute); nothing
// watched means translated code carries no counter at all.

import { describe, expect, it } from 'vitest';
import { buildWithSymbols, haveTools, runElfEmulated, TOOLS_MISSING, type MachineOptions } from './testing/harness.js';

const PROGRAM = `
.globl _start
_start:
  mov $1000, %ebx
1:call f
  dec %ebx
  jnz 1b
  mov $7, %ebx
2:call g                 # g falls through into f: f's first instruction is mid-block
  dec %ebx
  jnz 2b
  mov $300, %ecx
loop_head:
  dec %ecx               # a block that branches back to its own start
  jnz loop_head
  mov $60, %eax
  xor %edi, %edi
  syscall
g:
  add $2, %rax
f:
  add $1, %rax
  ret
`;

function run(options: MachineOptions, watch: string[]): { counts: number[]; exit: number | null; sources: string } {
  const { elf, symbols } = buildWithSymbols(PROGRAM);
  const slots: number[] = [];
  const m = runElfEmulated(elf, {
    ...options,
    setup: (mm) => {
      for (const name of watch) slots.push(mm.cpu.watchEntry(symbols.get(name)!));
    },
  });
  return { counts: slots.map((s) => m.cpu.entryCounts[s]!), exit: m.exitStatus, sources: '' };
}

describe.skipIf(!haveTools())('X86Cpu.watchEntry', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);

  for (const [name, options] of [
    ['translated, chained blocks', {}],
    ['blocks compiled at once', { hotThreshold: 0 }],
    ['one instruction per block', { translateBlocks: false }],
  ] as const) {
    it(`counts every execution exactly (${name})`, () => {
      const r = run(options, ['f', 'g', 'loop_head']);
      expect(r.exit).toBe(0);
      expect(r.counts).toEqual([1007, 7, 300]);
    });
  }

  it('gives one slot per address', () => {
    const { elf, symbols } = buildWithSymbols(PROGRAM);
    runElfEmulated(elf, {
      budget: 1,
      setup: (m) => {
        const a = m.cpu.watchEntry(symbols.get('f')!);
        expect(m.cpu.watchEntry(symbols.get('g')!)).toBe(a + 1);
        expect(m.cpu.watchEntry(symbols.get('f')!)).toBe(a);
      },
    });
  });

  it('does not count a watched instruction that faulted', () => {
    const { elf, symbols } = buildWithSymbols(`
.globl _start
_start:
  call h
  mov $60, %eax
  syscall
h:
  mov 0x10, %rax          # unmapped: #PF, the test machine stops at the exception
  ret
`);
    let slot = -1;
    const m = runElfEmulated(elf, { hotThreshold: 0, setup: (mm) => { slot = mm.cpu.watchEntry(symbols.get('h')!); } });
    expect(m.exception?.vector).toBe(14);
    expect(m.cpu.entryCounts[slot]).toBe(0);
  });

  it('costs nothing when nothing is watched: translated code has no counter', () => {
    const { elf } = buildWithSymbols(PROGRAM);
    const m = runElfEmulated(elf, { hotThreshold: 0 });
    expect(m.exitStatus).toBe(0);
    expect(m.cpu.entryCounts).toEqual([]);
    const blocks = (m.cpu as unknown as { blocks: Map<number, { source: string }> }).blocks;
    expect(blocks.size).toBeGreaterThan(0);
    for (const b of blocks.values()) expect(b.source).not.toContain('entryCounts');
  });
});
