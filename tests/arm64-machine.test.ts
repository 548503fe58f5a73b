// The ARM64 machine end to end, in-process: programs built with the aarch64 GNU toolchain (the
// oracle) run on @vsys/emu's A64 CPU through the real entry code (entry.s assembled by vasm)
// into the same Kernel the x86-64 machine uses, and back with eret. Also: vasm's entry.s is
// byte-identical to GNU as's once both are placed, and `vrun --stats` speaks of EL0/EL1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readObject } from '@vsys/elf';
import {
  arm64EntryImageFromObject, arm64EntrySourcePath, arm64Layout, assembleArm64EntryWithVasm, createArm64Machine, type MachineStop,
} from '@vsys/kernel';
import { loadImage } from '@vsys/loader';
import { formatStats } from '../packages/cli/src/vrun/session.js';

const MISSING = 'aarch64-linux-gnu-as/-ld are not installed (apt-get install binutils-aarch64-linux-gnu)';

function haveTools(): boolean {
  try {
    execFileSync('aarch64-linux-gnu-as', ['--version'], { stdio: 'ignore' });
    execFileSync('aarch64-linux-gnu-ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-a64m-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function program(source: string): Uint8Array {
  return withDir((dir) => {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
    execFileSync('aarch64-linux-gnu-ld', ['-o', join(dir, 'p'), join(dir, 'p.o')]);
    return new Uint8Array(readFileSync(join(dir, 'p')));
  });
}

function run(source: string) {
  const machine = createArm64Machine({
    maxMemory: 32 * 1024 * 1024,
    kernelOptions: {
      loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn),
      clock: { mode: 'deterministic' },
      warn: () => {},
    },
  });
  machine.spawn(program(source), ['prog'], []);
  const stop: MachineStop = machine.run({ maxInstructions: 10_000_000 });
  return { stop, stats: machine.stats(), machine };
}

const prologue = '.globl _start\n.text\n_start:\n';
const have = haveTools();

describe.skipIf(!have)(`ARM64 machine${have ? '' : ` (skipped: ${MISSING})`}`, () => {
  it('vasm assembles entry.s to the same bytes as GNU as (after placing both at KERNEL_TEXT)', () => {
    const gnu = withDir((dir) => {
      execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'e.o'), arm64EntrySourcePath()]);
      return readObject(new Uint8Array(readFileSync(join(dir, 'e.o'))));
    });
    const ours = arm64EntryImageFromObject(assembleArm64EntryWithVasm(), arm64Layout.KERNEL_TEXT);
    const theirs = arm64EntryImageFromObject(gnu, arm64Layout.KERNEL_TEXT);
    expect(Buffer.from(ours.text).equals(Buffer.from(theirs.text))).toBe(true);
    expect(ours.constants).toEqual(theirs.constants);
    expect(ours.labels).toEqual(theirs.labels);
    expect((ours.labels.vectors - arm64Layout.KERNEL_TEXT) % 2048n).toBe(0n);
  });

  it('one svc round trip: EL0 and EL1 instructions, two mode switches and one exception per call', () => {
    const { stop, stats } = run(`${prologue} mov x19, #100\n1: mov x8, #172\n svc #0\n subs x19, x19, #1\n b.ne 1b\n mov x0, #5\n mov x8, #94\n svc #0\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 5 } });
    expect(stats.arch).toBe('arm64');
    expect(stats.syscalls.get('getpid')).toBe(100);
    expect(stats.syscalls.get('exit_group')).toBe(1);
    expect(stats.userInstructions).toBe(1 + 100 * 4 + 3);
    expect(stats.exceptions).toBe(101);
    expect(stats.hypercalls).toBe(101);
    expect(stats.modeSwitches).toBeGreaterThanOrEqual(200);
    expect(stats.kernelInstructions).toBeGreaterThan(100 * 40);
    const text = formatStats(stats);
    expect(text).toContain('instructions (EL0): 404');
    expect(text).toContain('instructions (EL1):');
    expect(text).toContain('TTBR loads:');
  });

  it('a blocking call parks the thread at EL1 and resumes it (nanosleep under the deterministic clock)', () => {
    const { stop, stats } = run(
      `${prologue} adr x0, ts\n mov x1, #0\n mov x8, #101\n svc #0\n mov x20, x0\n mov x0, #1\n adr x1, msg\n mov x2, #3\n mov x8, #64\n svc #0\n mov x0, x20\n mov x8, #93\n svc #0\n .balign 8\nts: .quad 0, 20000000\nmsg: .ascii "ok\\n"\n`,
    );
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 0 } });
    expect(stats.syscalls.get('nanosleep')).toBe(1);
  });

  it('TPIDR_EL0 survives system calls (it is the thread pointer libc finds errno through)', () => {
    const { stop } = run(`${prologue} movz x1, #0xbeef\n msr tpidr_el0, x1\n mov x8, #172\n svc #0\n mrs x2, tpidr_el0\n sub x0, x2, x1\n mov x8, #93\n svc #0\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 0 } });
  });

  it('an x86-64 image is refused by the ARM64 machine with a typed error, not a crash', () => {
    const machine = createArm64Machine({ maxMemory: 8 << 20, kernelOptions: { loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn), warn: () => {} } });
    const x86 = new Uint8Array(64);
    x86.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    x86[18] = 62;
    expect(() => machine.spawn(x86, ['x'], [], 'x')).toThrow();
  });
});
