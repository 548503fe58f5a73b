// The ABI details of fs-io.ts and fs-times.ts the recorded x86-64 cases cannot show: i386's
// 64-bit values split over two registers (preadv/pwritev pos_l/pos_h, fallocate, fadvise64 and
// fadvise64_64), x86-64 ignoring preadv's pos_h, 32-bit timevals, and splice/tee/vmsplice
// blocking and not consuming (tee).
import { describe, expect, it } from 'vitest';
import { FsHarness } from './fs-test-kit.js';
import { isBlocked, type SyscallAbi, type SyscallDecl } from '../types.js';
import { makeSyscallArgs } from '../context.js';
import { syscalls as ioSyscalls } from './fs-io.js';
import { syscalls as timeSyscalls } from './fs-times.js';
import { EBADF, EINVAL, ESPIPE } from '../../vfs/errno.js';

type Arg = number | bigint | string;

function call(h: FsHarness, name: string, ...args: Arg[]) {
  const decl = [...ioSyscalls, ...timeSyscalls].find((d: SyscallDecl) => d.name === name && d.numbers[h.abi as SyscallAbi] !== undefined);
  if (!decl) throw new Error(`no ${name} on ${h.abi}`);
  const regs = args.map((a) => (typeof a === 'string' ? BigInt(h.mem.put(a + '\0')) : BigInt(a)));
  return decl.handler(h.ctx(), makeSyscallArgs(regs, h.abi));
}

function iov(h: FsHarness, parts: [number, number][], wide: boolean): number {
  const b = new Uint8Array(parts.length * (wide ? 16 : 8));
  const v = new DataView(b.buffer);
  parts.forEach(([base, len], i) => {
    if (wide) {
      v.setBigUint64(i * 16, BigInt(base), true);
      v.setBigUint64(i * 16 + 8, BigInt(len), true);
    } else {
      v.setUint32(i * 8, base, true);
      v.setUint32(i * 8 + 4, len, true);
    }
  });
  return h.mem.put(b);
}

function setup(abi: SyscallAbi) {
  const h = new FsHarness({ abi });
  h.call('mkdir', '/tmp/w', 0o755);
  h.call('chdir', '/tmp/w');
  const fd = h.call('open', 'f\0', 0o102, 0o644); // O_RDWR|O_CREAT
  return { h, fd };
}

describe('i386 register pairs', () => {
  it('pwritev/preadv take the position as (pos_l, pos_h); a negative one is EINVAL', () => {
    const { h, fd } = setup('i386');
    const data = h.mem.put('abcdef');
    expect(call(h, 'pwritev', fd, iov(h, [[data, 6]], false), 1, 3, 0)).toBe(6);
    const out = h.mem.alloc(8);
    expect(call(h, 'preadv', fd, iov(h, [[out, 4]], false), 1, 4, 0)).toBe(4);
    expect(h.mem.text(out, 4)).toBe('bcde');
    expect(call(h, 'preadv', fd, iov(h, [[out, 4]], false), 1, 0, 0x80000000)).toBe(-EINVAL);
    // 2^32 + 1: past the end of the 9-byte file, so nothing to read
    expect(call(h, 'preadv', fd, iov(h, [[out, 4]], false), 1, 1, 1)).toBe(0);
  });

  it('x86-64 preadv ignores pos_h (pos_from_hilo shifts it out)', () => {
    const { h, fd } = setup('x86_64');
    const data = h.mem.put('xyz');
    expect(call(h, 'pwritev', fd, iov(h, [[data, 3]], true), 1, 0, 7)).toBe(3);
    const out = h.mem.alloc(8);
    expect(call(h, 'preadv', fd, iov(h, [[out, 3]], true), 1, 0, 0xffffffff)).toBe(3);
    expect(h.mem.text(out, 3)).toBe('xyz');
  });

  it('fallocate(fd, mode, off_lo, off_hi, len_lo, len_hi) grows the file', () => {
    const { h, fd } = setup('i386');
    expect(call(h, 'fallocate', fd, 0, 0, 0, 100, 0)).toBe(0);
    expect(h.call('lseek', fd, 0, 2)).toBe(100);
    expect(call(h, 'fallocate', fd, 0, 0, 0, 0, 0x80000000)).toBe(-EINVAL); // negative length
  });

  it('fadvise64 (fd, off_lo, off_hi, len, advice) and fadvise64_64 (…, len_lo, len_hi, advice)', () => {
    const { h, fd } = setup('i386');
    expect(call(h, 'fadvise64', fd, 0, 0, 10, 2)).toBe(0);
    expect(call(h, 'fadvise64', fd, 0, 0, 10, 9)).toBe(-EINVAL);
    expect(call(h, 'fadvise64_64', fd, 0, 0, 10, 0, 2)).toBe(0);
    expect(call(h, 'fadvise64_64', fd, 0, 0, 0, 0xffffffff, 2)).toBe(-EINVAL); // len < 0
    expect(call(h, 'fadvise64_64', fd, 0, 0, 10, 0, 6)).toBe(-EINVAL);
  });

  it('utimes reads two 32-bit timevals on i386', () => {
    const { h } = setup('i386');
    const tv = new Uint8Array(16);
    const v = new DataView(tv.buffer);
    [100, 5, 200, 6].forEach((x, i) => v.setInt32(i * 4, x, true));
    expect(call(h, 'utimes', 'f', h.mem.put(tv))).toBe(0);
    const st = h.mem.alloc(144);
    expect(h.call('stat64', 'f\0', st)).toBe(0);
    const s = new DataView(h.mem.get(st, 96).buffer);
    // struct stat64: st_atime at 64, st_atime_nsec 68, st_mtime 72, st_mtime_nsec 76
    expect([s.getUint32(64, true), s.getUint32(68, true), s.getUint32(72, true), s.getUint32(76, true)]).toEqual([100, 5000, 200, 6000]);
  });
});

describe('splice, tee, vmsplice on pipes', () => {
  it('splice from an empty pipe with a writer sleeps; tee copies without consuming', () => {
    const { h, fd } = setup('x86_64');
    const fds = h.mem.alloc(8);
    h.call('pipe2', fds, 0);
    h.call('pipe2', fds + 16, 0);
    const [r, w] = [h.mem.get(fds, 1)[0]!, h.mem.get(fds + 4, 1)[0]!];
    const [r2, w2] = [h.mem.get(fds + 16, 1)[0]!, h.mem.get(fds + 20, 1)[0]!];
    expect(isBlocked(call(h, 'splice', r, 0, fd, 0, 10, 0) as never)).toBe(true);
    const data = h.mem.put('hi!');
    expect(call(h, 'vmsplice', w, iov(h, [[data, 3]], true), 1, 0)).toBe(3);
    expect(call(h, 'tee', r, w2, 100, 0)).toBe(3);
    expect(call(h, 'tee', r, w2, 100, 0)).toBe(3); // still there: tee does not consume
    expect(call(h, 'splice', r, 0, fd, 0, 100, 0)).toBe(3);
    expect(h.call('lseek', fd, 0, 1)).toBe(3);
    expect(call(h, 'splice', fd, 0, r2, 0, 10, 0)).toBe(-EBADF); // a pipe's read end cannot take data
    expect(call(h, 'splice', fd, 0, w, h.mem.put(new Uint8Array(8)), 10, 0)).toBe(-ESPIPE); // no offset for a pipe
    const out = h.mem.alloc(8);
    expect(call(h, 'vmsplice', r2, iov(h, [[out, 8]], true), 1, 0)).toBe(6);
    expect(h.mem.text(out, 6)).toBe('hi!hi!');
  });
});
