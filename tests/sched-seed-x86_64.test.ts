// vrun --sched-seed: two threads that never yield append their letter to a shared log (an
// atomic index) between busy loops, so only preemption interleaves them. The same seed gives
// the same log; different seeds give different interleavings; without a seed the fixed quantum
// is deterministic too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'sched-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RACE = `
  .text
  .globl main
main:
  push %rbx
  lea ta(%rip), %rdi
  xor %esi, %esi
  lea worker(%rip), %rdx
  mov $'A', %ecx
  call pthread_create
  lea tb(%rip), %rdi
  xor %esi, %esi
  lea worker(%rip), %rdx
  mov $'B', %ecx
  call pthread_create
  mov ta(%rip), %rdi
  xor %esi, %esi
  call pthread_join
  mov tb(%rip), %rdi
  xor %esi, %esi
  call pthread_join
  lea log(%rip), %rdi
  call puts
  xor %eax, %eax
  pop %rbx
  ret

# worker(letter): 60 times: a busy loop of ~6000 instructions, then log[index++] = letter
worker:
  mov $60, %r8d
1:mov $2000, %ecx
2:dec %ecx
  jnz 2b
  mov $1, %eax
  lock xadd %eax, next(%rip)
  lea log(%rip), %rdx
  mov %dil, (%rdx,%rax)
  dec %r8d
  jnz 1b
  xor %eax, %eax
  ret

  .bss
  .p2align 3
ta: .zero 8
tb: .zero 8
next: .zero 4
log: .zero 128
`;

describe('vrun --sched-seed', () => {
  it('rejects a seed that is not an unsigned 32-bit integer', async () => {
    expect((await parseVrunArgs(['--sched-seed', 'x', 'img'])).ok).toBe(false);
    expect((await parseVrunArgs(['--sched-seed', '4294967296', 'img'])).ok).toBe(false);
    const ok = await parseVrunArgs(['--sched-seed', '42', 'img']);
    expect(ok.ok === true && ok.options.schedSeed).toBe(42);
  });

  it('same seed, same interleaving; other seeds, other interleavings', async () => {
    const src = join(dir, 'race.s');
    writeFileSync(src, RACE);
    const image = join(dir, 'race');
    expect(await vasmMain(['build', '-o', image, src])).toBe(0);
    const logOf = async (args: string[]) => {
      const r = await vrunOutcome(image, args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^[AB]{120}\n$/);
      return r.stdout;
    };
    expect(await logOf([])).toBe(await logOf([]));
    const seeded = await logOf(['--sched-seed', '7']);
    expect(await logOf(['--sched-seed', '7'])).toBe(seeded);
    const others = await Promise.all([1, 2, 3].map((s) => logOf(['--sched-seed', String(s)])));
    expect(new Set([seeded, ...others]).size).toBeGreaterThan(1);
  });
});
