// A small long-running x86-64 guest for the tracer's end-to-end tests (vrun --strace, vrun
// --listen + vstrace -p): `ticker COUNT [NANOSECONDS [STOPFILE]]` sleeps NANOSECONDS (default
// 1 ms) with nanosleep(2) and writes "tick\n" to fd 1, COUNT times (default 3), then
// exit_group(0); with STOPFILE it also calls open(STOPFILE, O_RDONLY) after each write and
// ends early (still exit_group(0)) once that file exists, so a test can end it when it is done. Raw
// system calls only (x86-64 Linux ABI: number in rax, arguments in rdi, rsi, rdx), so the same
// source runs natively (GNU as + ld) and under vrun (vasm build).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as vasmMain } from '../../packages/cli/src/vasm.js';

export const TICKER_SOURCE = `
    .globl _start
    .text
_start:
    mov (%rsp), %rbx            # argc
    mov $3, %r12                # default COUNT
    xor %r13d, %r13d            # STOPFILE (none)
    cmp $2, %rbx
    jb 3f
    mov 16(%rsp), %rdi          # argv[1]
    call atou
    mov %rax, %r12
    cmp $3, %rbx
    jb 3f
    mov 24(%rsp), %rdi          # argv[2]
    call atou
    mov %rax, req+8(%rip)       # tv_nsec
    cmp $4, %rbx
    jb 3f
    mov 32(%rsp), %r13          # argv[3]
3:  test %r12, %r12
    jz 5f
4:  mov $35, %eax               # nanosleep(&req, NULL)
    lea req(%rip), %rdi
    xor %esi, %esi
    syscall
    mov $1, %eax                # write(1, "tick\\n", 5)
    mov $1, %edi
    lea tick(%rip), %rsi
    mov $5, %edx
    syscall
    test %r13, %r13
    jz 6f
    mov $2, %eax                # open(STOPFILE, O_RDONLY)
    mov %r13, %rdi
    xor %esi, %esi
    syscall
    test %rax, %rax
    jns 5f                      # it exists: stop (exit closes the fd)
6:  dec %r12
    jnz 4b
5:  mov $231, %eax              # exit_group(0)
    xor %edi, %edi
    syscall

# atou(rdi = decimal digits) -> rax
atou:
    xor %eax, %eax
1:  movzbl (%rdi), %ecx
    sub $'0', %ecx
    cmp $9, %ecx
    ja 2f
    imul $10, %rax, %rax
    add %rcx, %rax
    inc %rdi
    jmp 1b
2:  ret

    .data
req:    .quad 0, 1000000        # tv_sec, tv_nsec
tick:   .ascii "tick\\n"
`;

/** Writes the source into `dir` and builds it with vasm (in-process); returns the image path. */
export async function buildTicker(dir: string): Promise<string> {
  const source = join(dir, 'ticker.s');
  const image = join(dir, 'ticker');
  writeFileSync(source, TICKER_SOURCE);
  const status = await vasmMain(['build', '-o', image, source]);
  if (status !== 0) throw new Error(`vasm build ${source} exited with ${status}`);
  return image;
}

/** `waiter ROUNDS TICKS STOPFILE`: ROUNDS times, clone(2) a thread that sleeps TICKS × 50 ms
 *  with nanosleep and then writes one byte into a pipe, while the main thread blocks in
 *  read(2) on the pipe's other end; stops early once STOPFILE can be opened; exit_group(0). The
 *  main thread spends nearly all its time inside read, so a tracer that detaches from it finds
 *  a call in progress. (Threads, not fork: the kernel makes threads only, so far.) */
export const WAITER_SOURCE = `
    .globl _start
    .text
_start:
    mov 16(%rsp), %rdi          # argv[1]: ROUNDS
    call atou
    mov %rax, %r14
    mov 24(%rsp), %rdi          # argv[2]: TICKS
    call atou
    mov %rax, ticks(%rip)
    mov 32(%rsp), %r13          # argv[3]: STOPFILE
    mov $22, %eax               # pipe(fds)
    lea fds(%rip), %rdi
    syscall
1:  mov $56, %eax               # clone(CLONE_VM|FS|FILES|SIGHAND|THREAD, stack top, 0, 0, 0)
    mov $0x10f00, %edi
    lea stack_top(%rip), %rsi
    xor %edx, %edx
    xor %r10d, %r10d
    xor %r8d, %r8d
    syscall
    test %rax, %rax
    jz 4f
    xor %eax, %eax              # read(fds[0], &byte, 1)
    movslq fds(%rip), %rdi
    lea byte(%rip), %rsi
    mov $1, %edx
    syscall
    mov $2, %eax                # open(STOPFILE, O_RDONLY)
    mov %r13, %rdi
    xor %esi, %esi
    syscall
    test %rax, %rax
    jns 3f
    dec %r14
    jnz 1b
3:  mov $231, %eax              # exit_group(0)
    xor %edi, %edi
    syscall
4:  mov ticks(%rip), %r15       # the thread: nanosleep(&req, NULL) TICKS times
5:  mov $35, %eax
    lea req(%rip), %rdi
    xor %esi, %esi
    syscall
    dec %r15
    jnz 5b
    mov $1, %eax                # write(fds[1], "x", 1)
    movslq fds+4(%rip), %rdi
    lea byte(%rip), %rsi
    mov $1, %edx
    syscall
    mov $60, %eax               # exit(0): this thread only
    xor %edi, %edi
    syscall

# atou(rdi = decimal digits) -> rax
atou:
    xor %eax, %eax
1:  movzbl (%rdi), %ecx
    sub $'0', %ecx
    cmp $9, %ecx
    ja 2f
    imul $10, %rax, %rax
    add %rcx, %rax
    inc %rdi
    jmp 1b
2:  ret

    .data
req:    .quad 0, 50000000       # 50 ms
byte:   .byte 'x'
    .bss
    .align 16
fds:    .skip 8
ticks:  .skip 8
stack:  .skip 16384
stack_top:
`;

/** Builds WAITER_SOURCE with vasm into `dir`; returns the image path. */
export async function buildWaiter(dir: string): Promise<string> {
  const source = join(dir, 'waiter.s');
  const image = join(dir, 'waiter');
  writeFileSync(source, WAITER_SOURCE);
  const status = await vasmMain(['build', '-o', image, source]);
  if (status !== 0) throw new Error(`vasm build ${source} exited with ${status}`);
  return image;
}
