// A thread asleep in nanosleep must be woken when its time is up even while another thread spins
// in user mode without a system call: on Linux the timer interrupt (hrtimer expiry) wakes the
// sleeper and the spinner is preempted at the end of its slice. Before the fix the spinner ran
// alone until the instruction limit, because only sleepers already moved back to the run queue
// made a slice end. Each program: a thread sleeps 1 ms then sets a flag; main spins on the flag
// (no system call), then prints "woke". Both arches share the scheduler (sched/scheduler.ts,
// arch/schedule-loop.ts).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { runVrun } from '../packages/cli/src/vrun/session.js';

const dir = mkdtempSync(join(tmpdir(), 'sched-sleepers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const X86 = `
  .text
  .globl main
main:
  sub $8, %rsp
  lea tid(%rip), %rdi
  xor %esi, %esi
  lea sleeper(%rip), %rdx
  xor %ecx, %ecx
  call pthread_create
1:cmpl $0, flag(%rip)
  je 1b
  lea msg(%rip), %rdi
  call puts
  xor %eax, %eax
  add $8, %rsp
  ret
sleeper:
  sub $8, %rsp
  lea ts(%rip), %rdi
  xor %esi, %esi
  call nanosleep
  movl $1, flag(%rip)
  xor %eax, %eax
  add $8, %rsp
  ret
  .data
ts: .quad 0, 1000000
msg: .asciz "woke"
  .bss
  .p2align 3
tid: .zero 8
flag: .zero 4
`;

const ARM64 = `
  .text
  .globl main
main:
  stp x29, x30, [sp, #-16]!
  adrp x0, tid
  add x0, x0, :lo12:tid
  mov x1, #0
  adrp x2, sleeper
  add x2, x2, :lo12:sleeper
  mov x3, #0
  bl pthread_create
  adrp x1, flag
  add x1, x1, :lo12:flag
1:ldr w2, [x1]
  cbz w2, 1b
  adrp x0, msg
  add x0, x0, :lo12:msg
  bl puts
  mov w0, #0
  ldp x29, x30, [sp], #16
  ret
sleeper:
  stp x29, x30, [sp, #-16]!
  adrp x0, ts
  add x0, x0, :lo12:ts
  mov x1, #0
  bl nanosleep
  adrp x1, flag
  add x1, x1, :lo12:flag
  mov w2, #1
  str w2, [x1]
  mov x0, #0
  ldp x29, x30, [sp], #16
  ret
  .data
  .p2align 3
ts: .quad 0, 1000000
msg: .asciz "woke"
  .bss
  .p2align 3
tid: .zero 8
flag: .zero 4
`;

/** Runs `image` under vrun with an instruction limit far above what the program needs once the
 *  sleeper is woken (it then stops within a few slices). */
async function run(image: string): Promise<{ status: number; stdout: string }> {
  const out = join(dir, 'stdout');
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(out, 'w'), openSync('/dev/null', 'w')];
  let status: number;
  try {
    const parsed = await parseVrunArgs(['--max-instructions', '40000000', image]);
    if (parsed.ok !== true) throw new Error(`vrun arguments: ${JSON.stringify(parsed)}`);
    status = runVrun(parsed.options, { cwd: dir, env: {}, stderr: () => {}, stdio: fds });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  return { status, stdout: readFileSync(out, 'utf8') };
}

describe('a sleeper is woken while another thread spins without system calls', () => {
  for (const [arch, source] of [
    ['x86_64', X86],
    ['arm64', ARM64],
  ] as const) {
    it(arch, async () => {
      const src = join(dir, `spin-${arch}.s`);
      writeFileSync(src, source);
      const image = join(dir, `spin-${arch}`);
      expect(await vasmMain(['build', '--arch', arch, '-o', image, src])).toBe(0);
      expect(await run(image)).toEqual({ status: 0, stdout: 'woke\n' });
    });
  }
});
