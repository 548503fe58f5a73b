// The x86-64 CPU against the host CPU: random instruction sequences (tests/support/
// x86-differential/) assembled by GNU as + ld and run natively, built by `vasm build` and run
// by vrun; every sequence's registers, arithmetic flags (minus those the SDM leaves undefined)
// and memory must match byte for byte. Seeded; a larger run by hand:
//   node --import tsx --import ./tests/support/register-src.mjs tests/support/x86-differential/main.ts --count N --seed S
import { describe, expect, it } from 'vitest';
import { GNU_MISSING, haveGnu } from './support/gnu.js';
import { REGRESSIONS, regressionSequence } from './support/x86-differential/regressions.js';
import { ARITH, CF } from './support/x86-differential/flags.js';
import { SCRATCH } from './support/x86-differential/generator.js';
import { FLAGS_OFFSET, MEMORY_OFFSET, RECORD_BYTES } from './support/x86-differential/program.js';
import { compareEntries, describeSequence, diffRecords, generateBatch, runDifferential, runNative, runUnderVrun } from './support/x86-differential/run.js';

const have = haveGnu();
const SEED = 20261127;
// ~14 s CPU per 1000 sequences (half `vasm build`, half vrun compiling every sequence into a
// block): the larger runs are done by hand with main.ts.
const COUNT = 1000;

describe.skipIf(!have)(`x86-64 differential: native vs vrun${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  it(`regression cases (${REGRESSIONS.length}) run as on the host`, async () => {
    const seqs = REGRESSIONS.map(regressionSequence);
    const { diffs, failure } = await compareEntries(seqs.map((seq) => ({ seq })));
    expect(failure).toBeUndefined();
    const bad = diffs.flatMap((d, i) => (d ? [`${REGRESSIONS[i]!.name}:\n${describeSequence(seqs[i]!)}\n${d.join('\n')}`] : []));
    expect(bad).toEqual([]);
  });

  it(`${COUNT} random sequences (seed ${SEED}) run as on the host`, async () => {
    const result = await runDifferential(generateBatch(SEED, COUNT), COUNT, 3);
    expect(result.failure).toBeUndefined();
    expect(result.mismatches.map((m) => m.report)).toEqual([]);
  }, 600_000);

  it('#DE (divide by zero, quotient too large) ends the program with SIGFPE as on the host', async () => {
    const cases = [
      'xor %ecx, %ecx\n div %ecx',
      'movabs $0x8000000000000000, %rax\n cqto\n mov $-1, %rcx\n idiv %rcx',
      'mov $0x1000, %ax\n mov $2, %cl\n div %cl',
      'mov $-0x8000, %ax\n cwtd\n movw $-1, (%rsp)\n idivw (%rsp)',
    ];
    for (const body of cases) {
      const source = `.text\n.globl _start\n_start:\n ${body}\n mov $60, %eax\n xor %edi, %edi\n syscall\n`;
      const native = runNative(source);
      const emulated = await runUnderVrun(source);
      expect(native.status, body).toBe(128 + 8);
      expect(emulated.status, `${body}\n${emulated.stderr}`).toBe(native.status);
    }
  });

  it('system instructions in ring 3 end with the host\'s signal', async () => {
    // #GP → SIGSEGV, #UD → SIGILL, #BP → SIGTRAP. Left out: what differs by vendor, by the
    // host's kernel set-up or under a hypervisor (SYSENTER: #UD on AMD, a 32-bit system call on
    // Intel; XGETBV needs CR4.OSXSAVE; SMSW/SGDT/SIDT/SLDT/STR are emulated by Linux's UMIP
    // support; VMCALL in a guest VM), and what vasm does not assemble (monitor, mwait, clts,
    // invd, wbinvd). sysexit was #UD under vrun (its decoded names sysexitd/sysexitq were not
    // translated); SDM SYSEXIT: #GP(0) at CPL > 0.
    const insns = ['hlt', 'cli', 'sti', 'in $0x60, %al', 'out %al, $0x80', 'inl (%dx), %eax', 'lldt %ax', 'sysexit', 'sysexitq',
      'ud2', 'int3', 'int $3', 'int $0x10', 'rdmsr', 'wrmsr', 'mov %cr0, %rax', 'mov %rax, %cr3', 'mov %dr7, %rax',
      'invlpg (%rsp)', 'lgdt (%rsp)', 'lidt (%rsp)', 'swapgs', 'rdpmc', 'ltr %ax'];
    const bad: string[] = [];
    for (const insn of insns) {
      const source = `.text\n.globl _start\n_start:\n xor %eax, %eax\n xor %ecx, %ecx\n ${insn}\n mov $60, %eax\n xor %edi, %edi\n syscall\n`;
      const native = runNative(source);
      const emulated = await runUnderVrun(source);
      if (native.status !== emulated.status) bad.push(`${insn}: native ${native.status}, vrun ${emulated.status} ${native.stderr}`);
    }
    expect(bad).toEqual([]);
  });

  it('far returns, jumps and calls to the user code segment run as on the host; bad selectors fault alike', async () => {
    // vrun raised #GP for every far return (found by this test's system-instruction round).
    // Exit status: CS after the return, or the signal. 0x2b is the user data segment, 0x10 the
    // kernel's code segment, 0 the null selector. (0x23, 32-bit code, is compatibility mode,
    // which vsys does not emulate.)
    const exit = ' mov %cs, %edi\n and $0xff, %edi\n mov $60, %eax\n syscall\n';
    const cases = [
      ' pushq $0x33\n lea 1f(%rip), %rax\n push %rax\n lretq\n1:',
      ' pushq $0x33\n lea 1f(%rip), %rax\n push %rax\n lretq $0\n1:',
      ' sub $16, %rsp\n pushq $0x33\n lea 1f(%rip), %rax\n push %rax\n lretq $16\n1:',
      ' sub $8, %rsp\n lea 1f(%rip), %rax\n mov %eax, (%rsp)\n movl $0x33, 4(%rsp)\n lret\n1:',
      ' sub $8, %rsp\n lea 1f(%rip), %rax\n mov %eax, (%rsp)\n movl $0x33, 4(%rsp)\n lret $24\n1:',
      ' pushq $0x2b\n lea 1f(%rip), %rax\n push %rax\n lretq\n1:',
      ' pushq $0x10\n lea 1f(%rip), %rax\n push %rax\n lretq\n1:',
      ' pushq $0\n lea 1f(%rip), %rax\n push %rax\n lretq\n1:',
      ' pushq $0x33\n movabs $0x800000000000, %rax\n push %rax\n lretq\n1:',
    ];
    // Far JMP/CALL through an m16:32 pointer (FF /5, FF /3): vrun took them for near ones.
    const far = (insn: string, sel: number): string =>
      ` lea ptr(%rip), %rax\n lea fn(%rip), %rcx\n mov %ecx, (%rax)\n movw $${sel}, 4(%rax)\n mov %rsp, %rbx\n ${insn} *(%rax)\n` +
      ` mov %rbx, %rdi\n sub %r12, %rdi\n shl $2, %edi\n sub %rsp, %rbx\n add %ebx, %edi\n mov $60, %eax\n syscall\n` +
      `fn:\n mov %rsp, %r12\n${insn === 'lcall' ? ' lretl\n' : ' mov $7, %edi\n mov $60, %eax\n syscall\n'}` +
      `.data\nptr: .quad 0, 0\n.text\n1:`;
    cases.push(far('ljmp', 0x33), far('lcall', 0x33), far('ljmp', 0x2b), far('lcall', 0x10), far('lcall', 0));
    const bad: string[] = [];
    for (const body of cases) {
      const source = `.text\n.globl _start\n_start:\n${body}\n${exit}`;
      const native = runNative(source);
      const emulated = await runUnderVrun(source);
      if (native.status !== emulated.status) bad.push(`${body}: native ${native.status}, vrun ${emulated.status}`);
    }
    expect(bad).toEqual([]);
  });

  it('a program that finds HWCAP2_FSGSBASE in its auxv can run rdfsbase/rdgsbase (as natively)', async () => {
    // Linux advertises HWCAP2_FSGSBASE only when CR4.FSGSBASE is on; vsys advertised it with
    // CR4.FSGSBASE off, so such a program died of SIGILL under vrun (found by this generator).
    const source = `.text\n.globl _start\n_start:\n mov (%rsp), %rcx\n lea 16(%rsp,%rcx,8), %rbx\n` +
      `1: cmpq $0, (%rbx)\n lea 8(%rbx), %rbx\n jne 1b\n` +
      `2: mov (%rbx), %rax\n test %rax, %rax\n jz 4f\n cmp $26, %rax\n je 3f\n add $16, %rbx\n jmp 2b\n` +
      `3: testb $2, 8(%rbx)\n jz 4f\n rdfsbase %rax\n rdgsbase %rdx\n` +
      `4: mov $60, %eax\n xor %edi, %edi\n syscall\n`;
    const native = runNative(source);
    expect(native.status).toBe(0);
    const emulated = await runUnderVrun(source);
    expect(emulated.status, emulated.stderr).toBe(0);
  });

  it('RFLAGS.TF single-steps: a #DB trap (SIGTRAP) after each instruction, as on the host', async () => {
    // vrun ignored TF (found by probing). Without a handler the program dies of SIGTRAP; with
    // one, the traps are counted until a popf clears TF (the popf itself still traps).
    const plain = '.text\n.globl _start\n_start:\n pushfq\n orq $0x100, (%rsp)\n popfq\n nop\n nop\n mov $60, %eax\n xor %edi, %edi\n syscall\n';
    const counted = '.text\n.globl _start\n_start:\n mov $13, %eax\n mov $5, %edi\n lea act(%rip), %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n' +
      ' pushfq\n orq $0x100, (%rsp)\n popfq\n nop\n nop\n mov $3, %ecx\n1: dec %ecx\n jnz 1b\n rep stosb\n pushfq\n andq $-0x101, (%rsp)\n popfq\n nop\n' +
      ' mov count(%rip), %edi\n mov $60, %eax\n syscall\nhandler:\n incl count(%rip)\n ret\nrestorer:\n mov $15, %eax\n syscall\n' +
      '.data\nact: .quad handler, 0x04000004, restorer, 0\ncount: .long 0\n';
    for (const source of [plain, counted]) {
      const native = runNative(source);
      const emulated = await runUnderVrun(source);
      expect(emulated.status, source).toBe(native.status);
    }
    expect(runNative(plain).status).toBe(128 + 5);
  });

  // Found by probing, not fixed yet (an alignment check on every ring-3 access when AC is set,
  // on the hot path P1 is rewriting): natively this ends with SIGBUS, under vrun it runs on.
  it.todo('RFLAGS.AC set by popf with CR0.AM makes a misaligned ring-3 access raise #AC (SIGBUS, status 135) — vrun does no alignment check (exit 0)');

  it('the record comparison reports registers, flags and memory, and skips undefined flags', () => {
    const native = new Uint8Array(RECORD_BYTES);
    const reg = native.slice(); reg[8 * 3] = 1;
    expect(diffRecords(native, reg, 0)).toEqual(['rbx: native 0x0000000000000000, vrun 0x0000000000000001']);
    const flags = native.slice(); flags[FLAGS_OFFSET] = CF;
    expect(diffRecords(native, flags, 0)).toHaveLength(1);
    expect(diffRecords(native, flags, CF)).toEqual([]);
    const mem = native.slice(); mem[MEMORY_OFFSET + 5] = 7;
    expect(diffRecords(native, mem, ARITH)).toEqual([`memory 0x${(SCRATCH + 5).toString(16)}: native 0x0, vrun 0x7`]);
  });
});
