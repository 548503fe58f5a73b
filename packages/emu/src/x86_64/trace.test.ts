// Compiled blocks as traces (block.ts, codegen.ts): a block follows direct calls and jumps,
// returns to the call it followed, and indirect calls and returns to their last target, onto
// other pages. Each case runs against the one-instruction engine (translateBlocks: false), and
// each way out of a trace is taken: an indirect target that changes, a return address the
// callee rewrote, a followed page remapped to another frame, code written while the trace runs.

import { describe, expect, it } from 'vitest';
import type { Block } from './block.js';
import { assembleText, haveTools, runUserCode, TOOLS_MISSING, USER_TEXT, type TestMachine } from './testing/harness.js';

function regs(m: TestMachine): bigint[] {
  return Array.from({ length: 16 }, (_, i) => m.cpu.getReg(i));
}

/** The compiled blocks in the CPU's code cache (white box: the cache is private). */
function compiledBlocks(m: TestMachine): Block[] {
  const blocks = (m.cpu as unknown as { blocks: Map<number, Block> }).blocks;
  return [...blocks.values()].filter((b) => b.tier === 1);
}

/** Pages (virtual, page-aligned) a block's instructions come from. */
function pagesOf(b: Block): Set<number> {
  return new Set(b.addrLo.map((lo) => (lo >>> 0) & ~4095));
}

/** A loop on the first page that calls functions on the second page (at 0x1000), directly and
 *  through a pointer, then exits with the low byte of %rbx. */
function twoPages(loop: string, functions: string): Uint8Array {
  return assembleText(`${loop}\nmov %ebx, %edi\nmov $60, %eax\nsyscall\n.org 0x1000\n${functions}\n`);
}

function both(bytes: Uint8Array, extra: { writableCode?: boolean } = {}): { compiled: TestMachine; single: TestMachine } {
  return {
    compiled: runUserCode(bytes, { budget: 1_000_000, hotThreshold: 4, ...extra }),
    single: runUserCode(bytes, { budget: 1_000_000, translateBlocks: false, ...extra }),
  };
}

describe.skipIf(!haveTools())('compiled blocks as traces', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);

  it('a loop calling a function on another page through a pointer, and back, is one block', () => {
    const bytes = twoPages(
      `lea f(%rip), %r12\nxor %ebx, %ebx\nmov $200, %ecx\n1: call *%r12\nadd %rax, %rbx\ndec %ecx\njnz 1b`,
      `f: lea 3(%rcx,%rcx), %rax\nret`,
    );
    const { compiled, single } = both(bytes);
    expect(single.exitStatus).not.toBeNull();
    expect(compiled.exitStatus).toBe(single.exitStatus);
    expect(regs(compiled)).toEqual(regs(single));
    expect(compiled.cpu.counters.retiredUser).toBe(single.cpu.counters.retiredUser);
    // The loop's block holds the call, the function on the next page and the loop's tail.
    const spanning = compiledBlocks(compiled).filter((b) => pagesOf(b).size === 2);
    expect(spanning.length).toBeGreaterThan(0);
    expect(spanning.some((b) => b.frames.length === 1 && b.addrLo.includes(USER_TEXT + 0x1000))).toBe(true);
  });

  it('an indirect call whose target changes leaves the block and goes where the pointer says', () => {
    // After 20 turns the pointer alternates between f and g every turn.
    const bytes = twoPages(
      `lea f(%rip), %r12\nlea g(%rip), %r13\nxor %ebx, %ebx\nmov $200, %ecx\n1: call *%r12\nadd %rax, %rbx\ncmp $180, %ecx\nja 2f\nxchg %r12, %r13\n2: dec %ecx\njnz 1b`,
      `f: lea 3(%rcx,%rcx), %rax\nret\ng: lea 7(%rcx), %rax\nimul $5, %rax\nret`,
    );
    const { compiled, single } = both(bytes);
    expect(single.exitStatus).not.toBeNull();
    expect(compiled.exitStatus).toBe(single.exitStatus);
    expect(regs(compiled)).toEqual(regs(single));
    expect(compiled.cpu.counters.retiredUser).toBe(single.cpu.counters.retiredUser);
  });

  it('a return to an address the callee rewrote leaves the block there', () => {
    // Every 4th turn f replaces its return address with `skip` (which adds 1000 instead).
    const bytes = twoPages(
      `xor %ebx, %ebx\nmov $100, %ecx\n1: call f\nadd %rax, %rbx\njmp 2f\nskip: add $1000, %rbx\n2: dec %ecx\njnz 1b`,
      `f: mov %ecx, %eax\nand $3, %eax\njnz 3f\nlea skip(%rip), %rdx\nmov %rdx, (%rsp)\n3: ret`,
    );
    const { compiled, single } = both(bytes);
    expect(single.exitStatus).not.toBeNull();
    expect(compiled.exitStatus).toBe(single.exitStatus);
    expect(regs(compiled)).toEqual(regs(single));
  });

  it('a followed page remapped to another frame is fetched through the new mapping', () => {
    const loop = `xor %ebx, %ebx\n1: call f\nadd %rax, %rbx\njmp 1b`;
    const bytes = twoPages(loop, `f: mov $1, %eax\nret`);
    const other = twoPages(loop, `f: mov $100, %eax\nret`).subarray(0x1000, 0x2000);
    const m = runUserCode(bytes, { budget: 40_000, hotThreshold: 4 });
    expect(compiledBlocks(m).some((b) => pagesOf(b).size === 2)).toBe(true);
    const before = m.cpu.getReg(3);
    expect(before).toBeGreaterThan(1000n);
    expect(before).toBeLessThan(100_000n); // only ones so far
    // Remap the function's page to a frame that returns 100 (the tables tell the CPU).
    const frame = m.physical.allocFrame()!;
    m.physical.writeBytes(frame, other);
    m.tables.unmap(m.root, BigInt(USER_TEXT + 0x1000));
    m.tables.map(m.root, BigInt(USER_TEXT + 0x1000), frame, { read: true, write: false, exec: true, user: true });
    m.run(4_000);
    const calls = 4_000 / 5; // five instructions a turn
    // Every call after the remap returns 100 (at most one turn straddles the switch).
    expect(m.cpu.getReg(3) - before).toBeGreaterThanOrEqual(BigInt(calls - 1) * 100n);
  });

  it('code written by the trace itself is seen at the next followed target', () => {
    // Each turn patches the immediate of `add $0, %ebx` on the other page, then calls it.
    const bytes = twoPages(
      `xor %ebx, %ebx\nmov $100, %ecx\n1: mov %cl, patch+2(%rip)\ncall patch\ndec %ecx\njnz 1b`,
      `patch: add $0, %ebx\nret`,
    );
    const { compiled, single } = both(bytes, { writableCode: true });
    expect(single.exitStatus).toBe(5050 & 0xff);
    expect(compiled.exitStatus).toBe(5050 & 0xff);
    expect(regs(compiled)).toEqual(regs(single));
  });

  it('a fault on the followed page reports that page\'s address', () => {
    // f reads through a null pointer on its 30th call: #PF with RIP inside f (another page,
    // another high word of nothing — the same as the single-instruction engine).
    const bytes = twoPages(
      `mov $30, %ecx\nlea buf(%rip), %rsi\n1: call f\ndec %ecx\njnz 1b\nbuf: .quad 0`,
      `f: cmp $1, %ecx\njne 2f\nxor %esi, %esi\n2: mov (%rsi), %rax\nret`,
    );
    const { compiled, single } = both(bytes);
    expect(single.exception?.vector).toBe(14);
    expect(compiled.exception).toEqual(single.exception);
    expect(compiled.cpu.counters.retiredUser).toBe(single.cpu.counters.retiredUser);
  });
});
