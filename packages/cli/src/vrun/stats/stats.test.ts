// vrun --stats: the vDSO's entry points and code sites against readelf/objdump, exact vDSO
// call counts on known programs (with the vDSO clock on and off), the pricing arithmetic
// recomputed from the model's data, the JSON form, and docs/stats.md holding the model's table.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vdsoImage } from '@vsys/vdso';
import { main as vasmMain } from '../../vasm.js';
import { parseVrunArgs } from '../options.js';
import { runVrun } from '../session.js';
import { ARM64_CYCLE_MODEL, renderCycleModelTable, X86_64_CYCLE_MODEL, type CostKey } from './cycle-model.js';
import { priceRun, type RunCounts } from './price.js';
import { vdsoLayout } from './vdso-calls.js';

const dir = mkdtempSync(join(tmpdir(), 'vrun-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function haveBinutils(): boolean {
  try {
    execFileSync('objdump', ['--version'], { stdio: 'ignore' });
    execFileSync('readelf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!haveBinutils())('the x86-64 vDSO as --stats sees it (against readelf and objdump)', () => {
  const image = vdsoImage('x86_64');
  const path = join(dir, 'vdso.so');
  writeFileSync(path, image);

  it('finds every exported function at the address readelf --dyn-syms gives', () => {
    const expected = new Map<bigint, string[]>();
    for (const line of execFileSync('readelf', ['--dyn-syms', '-W', path], { encoding: 'utf8' }).split('\n')) {
      const m = /^\s*\d+: ([0-9a-f]+)\s+\d+ FUNC\s+(GLOBAL|WEAK)\s+\S+\s+\d+ (\S+?)(@@?\S+)?$/.exec(line);
      if (m) expected.set(BigInt('0x' + m[1]), [...(expected.get(BigInt('0x' + m[1])) ?? []), m[3]!]);
    }
    const layout = vdsoLayout(image);
    expect(layout.functions.map((f) => f.offset)).toEqual([...expected.keys()].sort((a, b) => (a < b ? -1 : 1)));
    for (const f of layout.functions) expect([f.name, ...f.aliases].sort()).toEqual(expected.get(f.offset)!.sort());
    expect(layout.functions.map((f) => f.name)).toContain('__vdso_clock_gettime');
  });

  it('finds the syscall and rdtsc instructions objdump -d shows', () => {
    const sites = (mnemonic: RegExp): bigint[] =>
      execFileSync('objdump', ['-d', path], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => mnemonic.test(l.split('\t')[2] ?? ''))
        .map((l) => BigInt('0x' + l.trim().split(':')[0]));
    const layout = vdsoLayout(image);
    expect(layout.syscallSites).toEqual(sites(/^syscall\b/));
    expect(layout.counterReadSites).toEqual(sites(/^rdtscp?\b/));
    expect(layout.syscallSites.length).toBeGreaterThan(0);
    expect(layout.counterReadSites.length).toBeGreaterThan(0);
  });
});

/** A libc program: clock_gettime(CLOCK_MONOTONIC) N times, gettimeofday twice, time once,
 *  clock_gettime(CLOCK_PROCESS_CPUTIME_ID) once (a clock the vDSO hands to the kernel). */
function clockProgram(calls: number): string {
  return `
	.text
	.globl main
main:
	push %rbx
	mov $${calls}, %ebx
1:	mov $1, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	dec %ebx
	jnz 1b
	lea ts(%rip), %rdi
	xor %esi, %esi
	call gettimeofday
	lea ts(%rip), %rdi
	xor %esi, %esi
	call gettimeofday
	xor %edi, %edi
	call time
	mov $2, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	xor %eax, %eax
	pop %rbx
	ret
	.bss
	.p2align 3
ts:	.zero 16
`;
}

async function runStats(image: string, args: string[]): Promise<{ status: number; messages: string }> {
  const parsed = await parseVrunArgs([...args, image]);
  if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
  const messages: string[] = [];
  const devnull = (await import('node:fs')).openSync('/dev/null', 'r+');
  const status = runVrun(parsed.options, { cwd: dir, env: {}, stderr: (t) => messages.push(t), stdio: [devnull, devnull, devnull] });
  return { status, messages: messages.join('') };
}

function line(text: string, label: string): number {
  const m = new RegExp(`^\\s+${label.replace(/[()$]/g, '\\$&')}: ([0-9,]+)$`, 'm').exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

describe('vrun --stats counts vDSO calls exactly', () => {
  const N = 1000;
  let image = '';

  it('builds the program', async () => {
    image = join(dir, 'clock');
    writeFileSync(`${image}.s`, clockProgram(N));
    expect(await vasmMain(['build', '-o', image, `${image}.s`])).toBe(0);
  });

  it('N calls through libc → N vDSO calls, no clock_gettime syscall but the CPU-time clock', async () => {
    const { status, messages } = await runStats(image, ['--stats']);
    expect(status).toBe(0);
    expect(line(messages, '__vdso_clock_gettime')).toBe(N + 1);
    expect(line(messages, '__vdso_gettimeofday')).toBe(2);
    expect(line(messages, '__vdso_time')).toBe(1);
    expect(line(messages, 'vDSO calls')).toBe(N + 4);
    expect(line(messages, 'clock_gettime')).toBe(1); // CLOCK_PROCESS_CPUTIME_ID
    expect(line(messages, 'gettimeofday')).toBe(0);
    expect(messages).toMatch(/\(made the system call: 1; counter reads: \d/);
    expect(messages).toMatch(new RegExp(`vDSO: ${(N + 4).toLocaleString('en')} calls, ${(N + 3).toLocaleString('en')} served without the kernel, saved ≈ [0-9,]+ cycles vs syscalls`));
  });

  it('--vdso-clock=off: the same N vDSO calls, each making the syscall', async () => {
    const { status, messages } = await runStats(image, ['--stats', '--vdso-clock=off']);
    expect(status).toBe(0);
    expect(line(messages, '__vdso_clock_gettime')).toBe(N + 1);
    expect(line(messages, 'clock_gettime')).toBe(N + 1);
    expect(line(messages, 'gettimeofday')).toBe(2);
    expect(line(messages, 'time')).toBe(1);
    expect(messages).toMatch(new RegExp(`\\(made the system call: ${(N + 4).toLocaleString('en')}; counter reads: 0\\)`));
    expect(messages).toMatch(/served without the kernel, saved ≈ 0 cycles/);
  });

  it('--stats --json: one JSON object with the same counts', async () => {
    const { status, messages } = await runStats(image, ['--stats', '--json']);
    expect(status).toBe(0);
    const obj = JSON.parse(messages) as { vdso: { calls: Record<string, number>; fallbacks: number }; syscalls: Record<string, number>; cycles: { total: number; lines: { cycles: number }[] } };
    expect(obj.vdso.calls.__vdso_clock_gettime).toBe(N + 1);
    expect(obj.vdso.fallbacks).toBe(1);
    expect(obj.syscalls.clock_gettime).toBe(1);
    expect(obj.cycles.total).toBe(obj.cycles.lines.reduce((a, l) => a + l.cycles, 0));
  });

  it('without --stats there is no report (and nothing is watched: see the emu entry-counts tests)', async () => {
    const { status, messages } = await runStats(image, []);
    expect(status).toBe(0);
    expect(messages).toBe('');
  });
});

describe('vrun --stats on arm64 counts __kernel_clock_gettime exactly', () => {
  const N = 500;
  const source = `
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	mov x19, #${N}
1:	mov x0, #1
	adrp x1, ts
	add x1, x1, :lo12:ts
	bl clock_gettime
	subs x19, x19, #1
	b.ne 1b
	mov w0, #0
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.bss
	.p2align 3
ts:	.zero 16
`;
  it.skipIf(!vdsoImage('arm64'))('N calls → N vDSO calls; --vdso-clock=off: N calls that made the syscall', async () => {
    const image = join(dir, 'clock-arm64');
    writeFileSync(`${image}.s`, source);
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, `${image}.s`])).toBe(0);
    const on = await runStats(image, ['--stats']);
    expect(on.status).toBe(0);
    expect(line(on.messages, '__kernel_clock_gettime')).toBe(N);
    expect(line(on.messages, 'clock_gettime')).toBe(0);
    expect(on.messages).toMatch(new RegExp(`\\(made the system call: 0; counter reads: ${N}\\)`));
    expect(on.messages).toContain('instructions (EL0)');
    const off = await runStats(image, ['--stats', '--vdso-clock=off']);
    expect(off.status).toBe(0);
    expect(line(off.messages, '__kernel_clock_gettime')).toBe(N);
    expect(line(off.messages, 'clock_gettime')).toBe(N);
    expect(off.messages).toMatch(new RegExp(`\\(made the system call: ${N}; counter reads: 0\\)`));
  });

  it.skipIf(!vdsoImage('arm64'))('finds the arm64 vDSO exports, svc and cntvct reads (against its own symbols and words)', () => {
    const layout = vdsoLayout(vdsoImage('arm64')!);
    expect(layout.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['__kernel_clock_gettime', '__kernel_gettimeofday', '__kernel_clock_getres', '__kernel_rt_sigreturn']));
    expect(layout.syscallSites.length).toBeGreaterThan(0);
    expect(layout.counterReadSites.length).toBeGreaterThan(0);
    let objdump = '';
    try {
      const path = join(dir, 'vdso-arm64.so');
      writeFileSync(path, vdsoImage('arm64')!);
      objdump = execFileSync('aarch64-linux-gnu-objdump', ['-d', path], { encoding: 'utf8' });
    } catch {
      return; // no aarch64 binutils here: the counts above are all that is checked
    }
    const sites = (re: RegExp): bigint[] =>
      objdump
        .split('\n')
        .filter((l) => re.test(l.split('\t').slice(2, 4).join(' ')))
        .map((l) => BigInt('0x' + l.trim().split(':')[0]));
    expect(layout.syscallSites).toEqual(sites(/^svc\s+#0x0\b/));
    expect(layout.counterReadSites).toEqual(sites(/^mrs\s+x\d+, cntvct_el0/));
  });
});

describe('vrun --stats counts vsyscall-page emulations', () => {
  it('two calls to time() at 0xffffffffff600400 and one to gettimeofday', async () => {
    const image = join(dir, 'vsyscall');
    writeFileSync(
      `${image}.s`,
      `.globl _start
_start:
	mov $0xffffffffff600400, %rbx
	xor %edi, %edi
	call *%rbx
	xor %edi, %edi
	call *%rbx
	lea tv(%rip), %rdi
	xor %esi, %esi
	mov $0xffffffffff600000, %rax
	call *%rax
	mov $60, %eax
	xor %edi, %edi
	syscall
	.bss
tv:	.zero 16
`,
    );
    expect(await vasmMain(['build', '--nostdlib', '-o', image, `${image}.s`])).toBe(0);
    const { status, messages } = await runStats(image, ['--stats']);
    expect(status).toBe(0);
    expect(line(messages, 'vsyscall emulations')).toBe(3);
    expect(line(messages, 'time (0xffffffffff600400)')).toBe(2);
    expect(line(messages, 'gettimeofday (0xffffffffff600000)')).toBe(1);
    expect(line(messages, 'exceptions')).toBe(3);
    expect(line(messages, 'syscalls')).toBe(1);
  });
});

describe('pricing', () => {
  const counts: RunCounts = {
    arch: 'x86_64',
    userInstructions: 12_345,
    kernelInstructions: 6_789,
    addressSpaceSwitches: 40,
    tlbFlushes: 3,
    tlbPageInvalidations: 5,
    exceptions: 2,
    hypercalls: 22,
    syscalls: 21,
    vsyscalls: 1,
    vdso: { calls: new Map([['__vdso_clock_gettime', 100], ['__vdso_time', 7]]), fallbacks: 4, counterReads: 101 },
  };

  it('prices each event with its constant from the model', () => {
    const c = X86_64_CYCLE_MODEL.costs;
    const p = priceRun(counts);
    const expected: Partial<Record<CostKey, number>> = {
      userInstruction: 12_345 * c.userInstruction.cycles,
      kernelInstruction: 6_789 * c.kernelInstruction.cycles,
      syscallReturn: (22 - 2) * c.syscallReturn.cycles,
      exceptionReturn: 2 * c.exceptionReturn.cycles,
      addressSpaceSwitch: 40 * c.addressSpaceSwitch.cycles,
      tlbFlush: 3 * c.tlbFlush.cycles,
      tlbPageInvalidation: 5 * c.tlbPageInvalidation.cycles,
      syscallHandler: (21 + 1) * c.syscallHandler.cycles,
      counterRead: 101 * c.counterRead.cycles,
    };
    expect(Object.fromEntries(p.lines.map((l) => [l.cost, l.cycles]))).toEqual(expected);
    expect(p.totalCycles).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    const roundTrip = c.syscallReturn.cycles + c.syscallHandler.cycles + (40 / 22) * c.addressSpaceSwitch.cycles + (6_789 / 22) * c.kernelInstruction.cycles;
    expect(p.vdso!.calls).toBe(107);
    expect(p.vdso!.served).toBe(103);
    expect(p.vdso!.syscallRoundTrip).toBeCloseTo(roundTrip, 9);
    expect(p.vdso!.savedCycles).toBeCloseTo(103 * (roundTrip - c.vdsoCall.cycles), 6);
  });

  it('on arm64, svc calls are the exceptions that were system calls; the rest are faults', () => {
    const c = ARM64_CYCLE_MODEL.costs;
    const p = priceRun({ ...counts, arch: 'arm64', exceptions: 25, hypercalls: 25, vsyscalls: 0 });
    const by = Object.fromEntries(p.lines.map((l) => [l.cost, l.count]));
    expect(by.syscallReturn).toBe(21);
    expect(by.exceptionReturn).toBe(4);
    expect(p.model).toBe(ARM64_CYCLE_MODEL);
    expect(p.lines.find((l) => l.cost === 'syscallReturn')!.cycles).toBe(21 * c.syscallReturn.cycles);
  });

  it('every constant says what it is and where it comes from', () => {
    for (const model of [X86_64_CYCLE_MODEL, ARM64_CYCLE_MODEL]) {
      for (const cost of Object.values(model.costs)) {
        expect(cost.cycles).toBeGreaterThan(0);
        expect(cost.source.length).toBeGreaterThan(20);
        expect(['measured', 'derived', 'assumed']).toContain(cost.basis);
      }
    }
  });

  it('docs/stats.md holds the model tables as the data renders them', () => {
    const doc = readFileSync(new URL('../../../../../docs/stats.md', import.meta.url), 'utf8');
    expect(doc).toContain(renderCycleModelTable(X86_64_CYCLE_MODEL));
    expect(doc).toContain(renderCycleModelTable(ARM64_CYCLE_MODEL));
  });
});
