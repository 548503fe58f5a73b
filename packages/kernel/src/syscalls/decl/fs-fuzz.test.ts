// Random arguments to every file syscall on every ABI: whatever a guest passes, a handler
// returns a value, -errno or Blocked — it never throws into the host. Seeded, so a failure
// reproduces; the failing call is named in the message.
import { describe, expect, it } from 'vitest';
import { FsHarness, MEM_BASE, MEM_SIZE } from './fs-test-kit.js';
import { syscalls } from './fs.js';
import { makeSyscallArgs } from '../context.js';
import type { SyscallAbi } from '../types.js';

/** xorshift32: small, deterministic. */
function rng(seed: number): () => number {
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

function interesting(next: () => number, h: FsHarness): bigint {
  const pick = next() % 14;
  switch (pick) {
    case 0: return 0n;
    case 1: return BigInt(next() % 16); // small fds and flags
    case 2: return BigInt.asUintN(64, -100n); // AT_FDCWD
    case 3: return BigInt.asUintN(64, BigInt(-(next() % 5000))); // negative
    case 4: return (1n << 64n) - 1n;
    case 5: return BigInt(MEM_BASE + (next() % MEM_SIZE)); // somewhere mapped
    case 6: return BigInt(MEM_BASE + MEM_SIZE - (next() % 64)); // running off the end
    case 7: return BigInt(next()) << 20n; // big
    case 8: return BigInt(next() % 0x10000000);
    case 9: return BigInt(h.mem.put(['/tmp/a', 'x', '', '/', '..', '/proc/self/fd/1', '/dev/null', 'd/', '/tmp/a/b'][next() % 9]!));
    case 10: return BigInt(next() & 0o37777777); // flag-like
    case 11: return 0x7fffffffn;
    case 12: return BigInt(next() % 70000);
    default: return BigInt(next());
  }
}

describe('file syscalls never throw on random arguments', () => {
  for (const abi of ['x86_64', 'i386', 'arm64'] as SyscallAbi[]) {
    it(`${abi}: every declared call, 150 random argument sets each`, () => {
      const next = rng(0xc0ffee ^ abi.length);
      const h = new FsHarness({ abi });
      // Something to find: a file, a directory, a pipe, a symlink.
      h.call('mkdir', '/tmp/a', 0o755);
      h.call('open', '/tmp/a/file', 0o102, 0o644);
      h.call('pipe2', h.mem.alloc(8), 0);
      h.call('symlink', '/tmp/a', '/tmp/l');
      for (const decl of syscalls) {
        if (decl.numbers[abi] === undefined) continue;
        for (let i = 0; i < 150; i++) {
          const regs = Array.from({ length: 6 }, () => interesting(next, h));
          let result: unknown;
          try {
            result = decl.handler(h.ctx(), makeSyscallArgs(regs, abi));
          } catch (e) {
            throw new Error(`${abi} ${decl.name}(${regs.map((r) => '0x' + r.toString(16)).join(', ')}) threw: ${(e as Error).stack}`);
          }
          h.thread.restartState = null;
          const ok = typeof result === 'number' || typeof result === 'bigint' || (typeof result === 'object' && result !== null && (result as { blocked?: boolean }).blocked === true);
          expect(ok, `${decl.name} returned ${String(result)}`).toBe(true);
          if (typeof result === 'number') expect(Number.isInteger(result) && result >= -4095, `${decl.name} → ${result}`).toBe(true);
        }
      }
    });
  }
});
