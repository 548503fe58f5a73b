// The arm64 vDSO end to end: a guest program (packages/vdso/src/arm64/testing/clock-check.s)
// finds __kernel_clock_gettime, __kernel_gettimeofday and __kernel_clock_getres from
// AT_SYSINFO_EHDR by walking the vDSO's dynamic symbols with versions, calls them, and checks
// each answer against the clock_gettime syscall made around it. With the vDSO the calls on
// REALTIME/MONOTONIC(_COARSE) make no syscall (vrun --stats); with --vdso-clock=off every one
// does. The same program linked by GNU ld behaves the same. Also: the vvar offsets the two
// vDSO sources use are the kernel's VVAR layout (one source of truth, checked here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VVAR } from '@vsys/kernel';
import { vdsoSourcePath } from '@vsys/vdso';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'vdso-arm64-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const program = join(vdsoSourcePath('arm64')!, '..', 'testing', 'clock-check.s');
const CHECKS = ['monotonic', 'realtime', 'monotonic_coarse', 'getres', 'gettimeofday', 'process_cputime', 'einval'];
const ALL_OK = CHECKS.map((c) => `${c}: ok\n`).join('');

function syscallCount(stats: string, name: string): number {
  const m = new RegExp(`^\\s+${name}: ([0-9,]+)$`, 'm').exec(stats);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

function haveGnuArm64(): boolean {
  try {
    execFileSync('aarch64-linux-gnu-as', ['--version'], { stdio: 'ignore' });
    execFileSync('aarch64-linux-gnu-ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('arm64 vDSO under vrun', () => {
  const image = join(dir, 'clock-check');

  it('is found through AT_SYSINFO_EHDR and versioned symbols; time calls make no syscall', async () => {
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, program])).toBe(0);
    const on = await vrunOutcome(image, ['--stats']);
    expect(on.stdout).toBe(ALL_OK);
    expect(on.status).toBe(0);
    // The program's own 6 clock_gettime syscalls, and the two clocks the vDSO passes on to the
    // kernel (PROCESS_CPUTIME_ID, and the invalid 100); nothing else enters the kernel.
    expect(syscallCount(on.messages, 'clock_gettime')).toBe(8);
    expect(syscallCount(on.messages, 'gettimeofday')).toBe(0);
    expect(syscallCount(on.messages, 'clock_getres')).toBe(0);
  });

  it('with --vdso-clock=off makes exactly one syscall per time call', async () => {
    const off = await vrunOutcome(image, ['--stats', '--vdso-clock=off']);
    expect(off.stdout).toBe(ALL_OK);
    expect(off.status).toBe(0);
    // + 9 vDSO clock_gettime calls on the counter clocks (MONOTONIC 4, REALTIME 3, COARSE 1,
    // and REALTIME before gettimeofday), + gettimeofday itself; clock_getres needs no counter.
    expect(syscallCount(off.messages, 'clock_gettime')).toBe(8 + 9);
    expect(syscallCount(off.messages, 'gettimeofday')).toBe(1);
    expect(syscallCount(off.messages, 'clock_getres')).toBe(0);
  });

  it.skipIf(!haveGnuArm64())('the same program linked by GNU ld gives the same answers', async () => {
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'cc.o'), program]);
    execFileSync('aarch64-linux-gnu-ld', ['-o', join(dir, 'cc-gnu'), join(dir, 'cc.o')]);
    const r = await vrunOutcome(join(dir, 'cc-gnu'));
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: ALL_OK });
  });
});

describe('vvar layout: one source of truth', () => {
  for (const arch of ['x86_64', 'arm64'] as const) {
    it(`the ${arch} vDSO reads the offsets the kernel's VvarTimekeeper writes`, () => {
      const source = readFileSync(vdsoSourcePath(arch)!, 'utf8');
      const sets = new Map([...source.matchAll(/^\s*\.set\s+VV_(\w+),\s*(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
      const expected: Record<string, number> = {
        SEQ: VVAR.SEQ, MODE: VVAR.CLOCK_MODE, CYCLE_LAST: VVAR.CYCLE_LAST, MULT: VVAR.MULT, SHIFT: VVAR.SHIFT,
        MONO_NS: VVAR.MONOTONIC_NS, REAL_NS: VVAR.REALTIME_NS, COARSE_NS: VVAR.COARSE_RES_NS,
        TZ_MINUTESWEST: VVAR.TZ_MINUTESWEST, TZ_DSTTIME: VVAR.TZ_DSTTIME, BASETIME: VVAR.BASETIME,
      };
      expect(Object.fromEntries(sets)).toEqual(expected);
      // vvar sits 6 pages below the image: [vvar] (4) + [vvar_vclock] (2), as the loader maps them.
      expect(source).toMatch(/\.set\s+VVAR_OFFSET,\s*-0x6000/);
    });
  }
});
