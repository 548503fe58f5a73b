// Fuzzing the boundary: random bytes as ring-3 code, and random system-call numbers with random
// arguments, on the full machine (CPU, entry code, kernel). Every outcome must be a guest
// matter — an exit, a signal, an errno, the instruction limit — never a host exception and
// never a kernel panic. Seeded, so a failure reproduces; the seed is in the test name.
import { describe, expect, it } from 'vitest';
import { createX86Machine, type MachineStop } from '@vsys/kernel';
import { loadImage } from '@vsys/loader';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';

/** xorshift32: a tiny deterministic PRNG. */
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
  const machine = createX86Machine({
    maxMemory: 32 * 1024 * 1024,
    kernelOptions: {
      loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn),
      clock: { mode: 'deterministic' }, // sleeps advance guest time instead of waiting
      warn: () => {},
    },
  });
  machine.spawn(image, ['fuzz'], []);
  return machine.run({ maxInstructions: 200_000 });
}

const GUEST_OUTCOMES = ['exited', 'instruction-limit', 'deadlock'];
const have = haveGnu();

describe.skipIf(!have)(`fuzz${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  const SEED = 0x5eed1234;
  it(`random bytes in ring 3 end as a guest outcome (seed ${SEED.toString(16)})`, () => {
    const next = prng(SEED);
    for (let round = 0; round < 24; round++) {
      const bytes = Array.from({ length: 48 }, () => next() & 0xff);
      const image = gnuProgram(`.globl _start\n.text\n_start:\n.byte ${bytes.join(',')}\n`);
      const stop = runImage(image);
      expect(GUEST_OUTCOMES, `round ${round}: ${JSON.stringify(stop)} for bytes ${bytes.join(',')}`).toContain(stop.kind);
    }
  });

  it(`random register state through rt_sigreturn ends as a guest outcome (seed ${(SEED + 2).toString(16)})`, () => {
    // A SIGUSR1 handler overwrites random sigcontext slots (rip, rsp, eflags, cs …, the mask)
    // with random or interesting values and returns: whatever the restored state, the outcome
    // is a guest signal or exit — never a kernel panic.
    const next = prng(SEED + 2);
    const interesting = [0n, 0x7ffffffff000n, 0x800000000000n, 0xffffffffffffffffn, 0xffffffff81000000n, 0x401000n, 0x3n, 0x2bn];
    for (let round = 0; round < 24; round++) {
      let body = '';
      for (let k = 0; k < 4; k++) {
        const slot = next() % 19; // 0..17 sigcontext words, 18 = uc_sigmask
        const off = slot === 18 ? 296 : 40 + slot * 8;
        const v = next() % 2 ? interesting[next() % interesting.length]! : (BigInt(next()) << 32n) | BigInt(next());
        body += ` movabs $${v}, %rax\n mov %rax, ${off}(%rdx)\n`;
      }
      const src =
        '.globl _start\n.text\n_start:\n' +
        ' mov $13, %eax\n mov $10, %edi\n lea act(%rip), %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n' +
        ' mov $39, %eax\n syscall\n mov %rax, %rdi\n mov $62, %eax\n mov $10, %esi\n syscall\n' +
        ' mov $60, %eax\n xor %edi, %edi\n syscall\n' +
        `handler:\n${body} ret\n` +
        'restorer:\n mov $15, %eax\n syscall\n' +
        '.data\nact: .quad handler, 0x04000004, restorer, 0\n';
      const stop = runImage(gnuProgram(src));
      expect(GUEST_OUTCOMES, `round ${round}: ${JSON.stringify(stop)}`).toContain(stop.kind);
    }
  });

  it(`random syscall numbers and arguments return errnos or end the guest (seed ${(SEED + 1).toString(16)})`, () => {
    const next = prng(SEED + 1);
    const interesting = [0n, 1n, 0xffffffffn, 0xffffffffffffffffn, 0x7ffffffff000n, 0xffffffff81000000n, 0x400000n, 4096n];
    const value = (): bigint =>
      next() % 3 === 0 ? interesting[next() % interesting.length]! : (BigInt(next()) << 32n) | BigInt(next());
    // The numbers that end the program (exit, exit_group, execve, kill/tgkill of itself, fork family) are
    // left in: their outcomes are guest outcomes too.
    for (let round = 0; round < 12; round++) {
      let src = '.globl _start\n.text\n_start:\n';
      for (let call = 0; call < 24; call++) {
        const nr = next() % 8 === 0 ? value() : BigInt(next() % 460);
        src += ` movabs $${nr}, %rax\n`;
        for (const reg of ['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9']) src += ` movabs $${value()}, %${reg}\n`;
        src += next() % 6 === 0 ? ' int $0x80\n' : ' syscall\n';
      }
      src += ' mov $60, %eax\n xor %edi, %edi\n syscall\n';
      const stop = runImage(gnuProgram(src));
      expect(GUEST_OUTCOMES, `round ${round}: ${JSON.stringify(stop)}`).toContain(stop.kind);
    }
  });
});
