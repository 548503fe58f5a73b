// The vsys libc end to end on x86-64: each program in packages/libc/programs/x86_64/ is built
// with `vasm build` (which adds crt0.o because the program defines main, and pulls libc.a
// members for what is left undefined) and run under vrun; gcc links the same assembly against
// glibc and Linux runs it. stdout, stderr and the exit status must be identical.
// Also: `--nostdlib` leaves the symbols undefined, and a program with its own _start gets no crt0.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readElf } from '@vsys/elf';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { buildWithGlibc, haveNativeX86, libcTestPrograms, runNative } from '../packages/libc/src/testing/programs.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'libc-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Programs that pass natively (src/build.test.ts) but need kernel work not there yet. */
const PENDING_UNDER_VRUN: Record<string, string> = {};

describe.skipIf(!haveNativeX86())('libc x86-64 under vrun behaves as glibc on Linux', () => {
  for (const program of libcTestPrograms('x86_64')) {
    const name = basename(program, '.s');
    const pending = PENDING_UNDER_VRUN[name];
    if (pending) {
      it.todo(`${name} (${pending})`);
      continue;
    }
    it(name, async () => {
      const image = join(dir, `${name}-vasm`);
      expect(await vasmMain(['build', '-o', image, program])).toBe(0);
      const glibcImage = join(dir, `${name}-glibc`);
      buildWithGlibc(program, glibcImage);
      const glibc = runNative(glibcImage, dir);
      const vrun = await vrunOutcome(image);
      expect(vrun.messages).toBe('');
      expect({ status: vrun.status, stdout: vrun.stdout, stderr: vrun.stderr }).toEqual({ status: glibc.status, stdout: glibc.stdout, stderr: glibc.stderr });
    });
  }
});

/** The `name: N` count of one syscall in vrun --stats output (0 when absent). */
function syscallCount(stats: string, name: string): number {
  const m = new RegExp(`^\\s+${name}: ([0-9,]+)$`, 'm').exec(stats);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

describe.skipIf(!haveNativeX86())('libc time calls and the vDSO under vrun', () => {
  // programs/x86_64/clock.s makes 14 clock_gettime calls: 12 on clocks the vDSO serves
  // (MONOTONIC ×10, REALTIME, MONOTONIC_COARSE), one CPU-time clock and one invalid clock.
  it('clock_gettime through the vDSO makes no system call; --vdso-clock=off makes one per call', async () => {
    const image = join(dir, 'clock-stats');
    expect(await vasmMain(['build', '-o', image, libcTestPrograms('x86_64').find((p) => p.endsWith('/clock.s'))!])).toBe(0);
    const on = await vrunOutcome(image, ['--stats']);
    const off = await vrunOutcome(image, ['--stats', '--vdso-clock=off']);
    expect(on.status).toBe(0);
    expect(off.status).toBe(0);
    expect(off.stdout).toBe(on.stdout);
    expect(syscallCount(on.messages, 'clock_gettime')).toBe(2);
    expect(syscallCount(on.messages, 'gettimeofday')).toBe(0);
    expect(syscallCount(on.messages, 'time')).toBe(0);
    expect(syscallCount(off.messages, 'clock_gettime')).toBe(14);
    expect(syscallCount(off.messages, 'gettimeofday')).toBe(1);
    expect(syscallCount(off.messages, 'time')).toBe(2);
  });
});

describe('vasm build and the libc', () => {
  it('--nostdlib links no libc: printf stays undefined', async () => {
    const src = join(dir, 'nostd.s');
    writeFileSync(src, '.text\n.globl _start\n_start:\n call printf\n');
    const errs: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errs.push(String(chunk)), true)) as typeof process.stderr.write;
    let status: number;
    try {
      status = await vasmMain(['build', '--nostdlib', '-o', join(dir, 'nostd'), src]);
    } finally {
      process.stderr.write = orig;
    }
    expect(status).toBe(1);
    expect(errs.join('')).toMatch(/undefined reference to .printf./);
  });

  it('a program with its own _start gets no crt0, but libc members for its undefined symbols', async () => {
    const src = join(dir, 'own-start.s');
    writeFileSync(src, '.text\n.globl _start\n_start:\n mov $3, %edi\n call exit\n');
    const image = join(dir, 'own-start');
    expect(await vasmMain(['build', '-o', image, src])).toBe(0);
    const elf = readElf(new Uint8Array(readFileSync(image)));
    const syms = elf.symbolTables.flatMap((t) => t.symbols.map((s) => s.name));
    expect(syms).toContain('exit');
    expect(syms).not.toContain('__vsys_main_tcb');
    expect((await vrunOutcome(image)).status).toBe(3);
  });
});
