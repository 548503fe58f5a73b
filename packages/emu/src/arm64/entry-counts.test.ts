// Arm64Cpu.watchEntry: exact execution counts of chosen instruction addresses (what `vrun
// --stats` uses to count calls into the vDSO): an address that starts a block, one reached by
// falling through, one at the head of a block that loops on itself, one reached by a `b` the
// block builder follows; a watched instruction that faults is not counted; nothing watched
// means translated code carries no counter.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElf, haveTools, loadHarness, TOOLS_MISSING } from './testing/harness.js';

const PROGRAM = `
.globl _start
_start:
  mov x19, #1000
1:bl f
  subs x19, x19, #1
  b.ne 1b
  mov x19, #7
2:bl g                   // g falls through into f
  subs x19, x19, #1
  b.ne 2b
  mov x19, #5
3:bl j                   // j is a b the block builder follows to f
  subs x19, x19, #1
  b.ne 3b
  mov x1, #300
loop_head:
  subs x1, x1, #1        // a block that branches back to its own start
  b.ne loop_head
  mov x0, #0
  mov x8, #93
  svc #0
j:
  b f
g:
  add x0, x0, #2
f:
  add x0, x0, #1
  ret
`;

/** Symbol values of a linked image (aarch64-linux-gnu-nm). */
function symbolsOf(image: Uint8Array): Map<string, bigint> {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-a64-'));
  try {
    writeFileSync(join(dir, 'p'), image);
    const out = new Map<string, bigint>();
    for (const line of execFileSync('aarch64-linux-gnu-nm', [join(dir, 'p')], { encoding: 'utf8' }).split('\n')) {
      const m = /^([0-9a-f]+) \w (\S+)$/.exec(line.trim());
      if (m) out.set(m[2]!, BigInt('0x' + m[1]));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!haveTools())('Arm64Cpu.watchEntry', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);

  for (const translateBlocks of [true, false]) {
    it(`counts every execution exactly (${translateBlocks ? 'translated blocks' : 'one instruction per block'})`, () => {
      const image = buildElf(PROGRAM);
      const sym = symbolsOf(image);
      const h = loadHarness(image, { translateBlocks });
      const slots = ['f', 'g', 'j', 'loop_head'].map((n) => h.cpu.watchEntry(sym.get(n)!));
      expect(h.run()).toEqual({ kind: 'exit', code: 0 });
      expect(slots.map((s) => h.cpu.entryCounts[s])).toEqual([1012, 7, 5, 300]);
    });
  }

  it('does not count a watched instruction that faulted', () => {
    const image = buildElf(`
.globl _start
_start:
  bl h
  mov x8, #93
  svc #0
h:
  mov x1, #16
  ldr x0, [x1]            // unmapped: a data abort, the harness stops there
  ret
`);
    const sym = symbolsOf(image);
    const h = loadHarness(image);
    const slot = h.cpu.watchEntry(sym.get('h')! + 4n);
    const entry = h.cpu.watchEntry(sym.get('h')!);
    expect(h.run()).toMatchObject({ kind: 'exception', ec: 0x24 });
    expect(h.cpu.entryCounts[slot]).toBe(0);
    expect(h.cpu.entryCounts[entry]).toBe(1);
  });

  it('costs nothing when nothing is watched: no counter in the translated code', () => {
    const h = loadHarness(buildElf(PROGRAM));
    expect(h.run()).toEqual({ kind: 'exit', code: 0 });
    expect(h.cpu.entryCounts).toEqual([]);
    const blocks = (h.cpu as unknown as { blocks: Map<number, { fn: () => void }> }).blocks;
    expect(blocks.size).toBeGreaterThan(0);
    for (const b of blocks.values()) expect(String(b.fn)).not.toContain('entryCounts');
  });
});
