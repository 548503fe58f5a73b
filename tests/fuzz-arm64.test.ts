// Fuzzing the ARM64 boundary, as tests/fuzz.test.ts does for x86-64: random 32-bit words as
// EL0 code, and random syscall numbers with random arguments through `svc #0`, on the full
// machine (A64 CPU, entry.s, kernel). Every outcome must be a guest matter — an exit, a signal,
// an errno, the instruction limit — never a host exception and never a kernel panic. Seeded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArm64Machine, type MachineStop } from '@vsys/kernel';
import { loadImage } from '@vsys/loader';

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

function program(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-fuzz64-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
    execFileSync('aarch64-linux-gnu-ld', ['-o', join(dir, 'p'), join(dir, 'p.o')]);
    return new Uint8Array(readFileSync(join(dir, 'p')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function runImage(image: Uint8Array): MachineStop {
  const machine = createArm64Machine({
    maxMemory: 32 * 1024 * 1024,
    kernelOptions: {
      loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn),
      clock: { mode: 'deterministic' },
      warn: () => {},
    },
  });
  machine.spawn(image, ['fuzz'], []);
  return machine.run({ maxInstructions: 200_000 });
}

const GUEST_OUTCOMES = ['exited', 'instruction-limit', 'deadlock'];
const have = haveTools();

describe.skipIf(!have)(`fuzz arm64${have ? '' : ` (skipped: ${MISSING})`}`, () => {
  const SEED = 0xa64f0001;
  it(`random words at EL0 end as a guest outcome (seed ${SEED.toString(16)})`, () => {
    const next = prng(SEED);
    // Half the words come from the system/exception/branch/load-store spaces (top bits 0xd4,
    // 0xd5, 0xd6, 0x14–0x17, 0x38–0x3f, 0xa8–0xa9 …) so privileged and faulting paths are hit.
    const tops = [0xd4, 0xd5, 0xd6, 0x14, 0x54, 0x38, 0x39, 0xf8, 0xf9, 0xa9, 0xa8, 0xb4, 0x36, 0x88, 0xc8];
    for (let round = 0; round < 24; round++) {
      const words = Array.from({ length: 48 }, () => (next() % 2 === 0 ? ((tops[next() % tops.length]! << 24) | (next() & 0xffffff)) >>> 0 : next()));
      const image = program(`.globl _start\n.text\n_start:\n${words.map((w) => ` .inst 0x${w.toString(16)}`).join('\n')}\n mov x8, #93\n svc #0\n`);
      const stop = runImage(image);
      expect(GUEST_OUTCOMES, `round ${round}: ${JSON.stringify(stop)} for words ${words.map((w) => w.toString(16)).join(',')}`).toContain(stop.kind);
    }
  });

  it(`random syscall numbers and arguments return errnos or end the guest (seed ${(SEED + 1).toString(16)})`, () => {
    const next = prng(SEED + 1);
    const interesting = [0n, 1n, 0xffffffffn, 0xffffffffffffffffn, 0xffff800008000000n, 0x400000n, 4096n, 1n << 48n, 0xffff000000000000n];
    const value = (): bigint => (next() % 3 === 0 ? interesting[next() % interesting.length]! : (BigInt(next()) << 32n) | BigInt(next()));
    const mov = (reg: string, v: bigint): string =>
      [0, 1, 2, 3].map((i) => ` ${i === 0 ? 'movz' : 'movk'} ${reg}, #${(v >> BigInt(16 * i)) & 0xffffn}, lsl #${16 * i}`).join('\n');
    for (let round = 0; round < 12; round++) {
      let src = '.globl _start\n.text\n_start:\n';
      for (let call = 0; call < 24; call++) {
        const nr = next() % 8 === 0 ? value() : BigInt(next() % 460);
        src += `${mov('x8', nr)}\n`;
        for (let r = 0; r < 6; r++) src += `${mov(`x${r}`, value())}\n`;
        src += ' svc #0\n';
      }
      src += ' mov x0, #0\n mov x8, #93\n svc #0\n';
      const stop = runImage(program(src));
      expect(GUEST_OUTCOMES, `round ${round}: ${JSON.stringify(stop)}`).toContain(stop.kind);
    }
  });
});
