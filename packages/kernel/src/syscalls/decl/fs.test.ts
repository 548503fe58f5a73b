// The file syscalls against what Linux does (facts §7.2, LTP/gVisor assertions quoted there,
// and the recorded conformance cases dirs, dup, emfile, file_rw, pipe, sigpipe, errno_basic).
import { describe, expect, it } from 'vitest';
import { FsHarness, MEM_BASE } from './fs-test-kit.js';
import { isBlocked } from '../types.js';
import { Resource } from '../../process/rlimits.js';

const E = { ENOENT: -2, EBADF: -9, EAGAIN: -11, EFAULT: -14, EBUSY: -16, EEXIST: -17, EXDEV: -18, ENOTDIR: -20, EISDIR: -21, EINVAL: -22, EMFILE: -24, ENOTTY: -25, ESPIPE: -29, EROFS: -30, EPIPE: -32, ERANGE: -34, ENAMETOOLONG: -36, ENOTEMPTY: -39, ELOOP: -40 };
const O = { RDONLY: 0, WRONLY: 1, RDWR: 2, CREAT: 0o100, EXCL: 0o200, TRUNC: 0o1000, APPEND: 0o2000, NONBLOCK: 0o4000, DIRECTORY: 0o200000, NOFOLLOW: 0o400000, CLOEXEC: 0o2000000, PATH: 0o10000000 };
const AT_FDCWD = -100;

function readAll(h: FsHarness, fd: number, max = 4096): string {
  const buf = h.mem.alloc(max);
  const n = h.call('read', fd, buf, max);
  if (n < 0) throw new Error(`read failed ${n}`);
  return h.mem.text(buf, n);
}

describe('conformance case file_rw', () => {
  it('creates, writes, seeks, reads back, unlinks', () => {
    const h = new FsHarness();
    const fd = h.call('open', 'note.txt', O.CREAT | O.TRUNC | O.RDWR, 0o644);
    expect(fd).toBe(3);
    expect(h.call('write', fd, 'bytes through the VFS\n'.replace(/$/, ''), 22)).toBe(22);
    expect(h.call('lseek', fd, 0, 0)).toBe(0);
    expect(readAll(h, fd, 64)).toBe('bytes through the VFS\n');
    expect(readAll(h, fd, 64)).toBe('');
    expect(h.call('close', fd)).toBe(0);
    expect(h.call('unlink', 'note.txt')).toBe(0);
    expect(h.call('unlink', 'note.txt')).toBe(E.ENOENT);
  });
});

describe('conformance case dirs', () => {
  it('EEXIST, EISDIR, ENOTDIR, ENOTEMPTY in Linux order', () => {
    const h = new FsHarness();
    expect(h.call('mkdir', 'box', 0o755)).toBe(0);
    expect(h.call('mkdir', 'box', 0o755)).toBe(E.EEXIST);
    expect(h.call('open', 'box', O.WRONLY)).toBe(E.EISDIR);
    const fd = h.call('open', 'box/item', O.CREAT | O.WRONLY, 0o600);
    expect(fd).toBe(3);
    expect(h.call('close', fd)).toBe(0);
    expect(h.call('open', 'box/item/x', O.RDONLY)).toBe(E.ENOTDIR);
    expect(h.call('rmdir', 'box')).toBe(E.ENOTEMPTY);
    expect(h.call('unlink', 'box/item')).toBe(0);
    expect(h.call('rmdir', 'box')).toBe(0);
  });
});

describe('conformance case dup', () => {
  it('dup2 names stdout again; closed fd is EBADF; dup takes the lowest free fd', () => {
    const h = new FsHarness();
    expect(h.call('dup2', 1, 10)).toBe(10);
    expect(h.call('write', 10, 'via fd 10\n', 10)).toBe(10);
    expect(h.hostIo.out()).toBe('via fd 10\n');
    expect(h.call('close', 10)).toBe(0);
    expect(h.call('write', 10, 'x', 1)).toBe(E.EBADF);
    expect(h.call('dup', 1)).toBe(3);
  });
  it('dup2(fd, fd) returns fd, dup3(fd, fd, 0) and bad flags are EINVAL, ≥ limit is EBADF (facts §7.2 #13, #20)', () => {
    const h = new FsHarness();
    expect(h.call('dup2', 1, 1)).toBe(1);
    expect(h.call('dup2', 55, 55)).toBe(E.EBADF);
    expect(h.call('dup3', 1, 1, 0)).toBe(E.EINVAL);
    expect(h.call('dup3', 1, 5, 0xdead)).toBe(E.EINVAL);
    expect(h.call('dup2', 0, 100000)).toBe(E.EBADF);
    expect(h.call('dup2', 0, -1)).toBe(E.EBADF);
    expect(h.call('dup3', 1, 7, O.CLOEXEC)).toBe(7);
    expect(h.call('fcntl', 7, 1 /* F_GETFD */)).toBe(1);
  });
});

describe('conformance case emfile', () => {
  it('with RLIMIT_NOFILE 8, opens 3..7 then EMFILE; dup too; dup2(0, 100) is EBADF', () => {
    const h = new FsHarness();
    h.process.rlimits.set(Resource.RLIMIT_NOFILE, { cur: 8n, max: 8n });
    const got: number[] = [];
    for (let i = 0; i < 6; i++) got.push(h.call('open', '/dev/null', O.RDONLY));
    expect(got).toEqual([3, 4, 5, 6, 7, E.EMFILE]);
    expect(h.call('dup', 0)).toBe(E.EMFILE);
    expect(h.call('dup2', 0, 100)).toBe(E.EBADF);
    // The fd is reserved before the walk: even a missing file reports EMFILE.
    expect(h.call('open', '/nonexistent', O.RDONLY)).toBe(E.EMFILE);
  });
});

describe('conformance cases pipe and sigpipe', () => {
  it('bytes go through; EOF after the writer closes; lseek is ESPIPE', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    expect(h.call('pipe', fds)).toBe(0);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    expect([r, w]).toEqual([3, 4]);
    expect(h.call('write', w, 'ping\n', 5)).toBe(5);
    expect(h.call('close', w)).toBe(0);
    expect(readAll(h, r, 16)).toBe('ping\n');
    expect(readAll(h, r, 16)).toBe('');
    expect(h.call('lseek', r, 0, 0)).toBe(E.ESPIPE);
  });
  it('write with no reader: EPIPE and one SIGPIPE (SI_USER, own pid)', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    h.call('close', h.mem.i32(fds, 0));
    expect(h.call('write', h.mem.i32(fds, 1), 'x', 1)).toBe(E.EPIPE);
    expect(h.thread.pendingSignals.length).toBe(1);
    expect(h.thread.pendingSignals[0]!.signo).toBe(13);
  });
  it('blocking read on an empty pipe returns Blocked and is woken by a write', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    const buf = h.mem.alloc(16);
    const res = h.callRaw('read', r, buf, 16);
    expect(isBlocked(res as never)).toBe(true);
    let woken = 0;
    const wait = (res as { wait: { subscribe(f: () => void): void } }).wait;
    wait.subscribe(() => woken++);
    h.call('write', w, 'hi', 2);
    expect(woken).toBe(1);
    expect(h.call('read', r, buf, 16)).toBe(2);
  });
  it('O_NONBLOCK: empty read EAGAIN, full pipe write EAGAIN; capacity 64 KiB; FIONREAD; pipe2 flags', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    expect(h.call('pipe2', fds, 0xdead)).toBe(E.EINVAL);
    expect(h.call('pipe2', fds, O.NONBLOCK | O.CLOEXEC)).toBe(0);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    expect(h.call('fcntl', r, 1)).toBe(1);
    expect(h.call('fcntl', w, 1)).toBe(1);
    expect(h.call('fcntl', r, 3 /* F_GETFL */)).toBe(O.NONBLOCK | O.RDONLY);
    expect(h.call('fcntl', w, 3)).toBe(O.NONBLOCK | O.WRONLY);
    expect(h.call('read', r, h.mem.alloc(4), 4)).toBe(E.EAGAIN);
    const chunk = h.mem.alloc(65536);
    expect(h.call('write', w, chunk, 65536)).toBe(65536);
    expect(h.call('write', w, chunk, 1)).toBe(E.EAGAIN);
    const n = h.mem.alloc(4);
    expect(h.call('ioctl', r, 0x541b, n)).toBe(0);
    expect(h.mem.i32(n)).toBe(65536);
    // Wrong ends: EBADF (pipe03, facts #4).
    expect(h.call('read', w, chunk, 1)).toBe(E.EBADF);
    expect(h.call('write', r, chunk, 1)).toBe(E.EBADF);
    expect(h.call('pread64', r, chunk, 1, 0)).toBe(E.ESPIPE);
    // Both ends share st_ino.
    const st1 = h.mem.alloc(144);
    const st2 = h.mem.alloc(144);
    h.call('fstat', r, st1);
    h.call('fstat', w, st2);
    expect(h.mem.u64(st1, 8)).toBe(h.mem.u64(st2, 8));
    expect(h.mem.u32(st1, 24) & 0o170000).toBe(0o010000);
  });
  it('a blocking write larger than the free space writes what fits, sleeps, and finishes the rest when re-run', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    const big = h.mem.alloc(70000);
    h.mem.bytes.fill(0x61, big - MEM_BASE, big - MEM_BASE + 70000);
    const first = h.callRaw('write', w, big, 70000);
    expect(isBlocked(first as never)).toBe(true);
    const sink = h.mem.alloc(65536);
    expect(h.call('read', r, sink, 65536)).toBe(65536);
    // The scheduler re-runs the same call: it completes with the whole count.
    expect(h.call('write', w, big, 70000)).toBe(70000);
    expect(h.call('read', r, sink, 65536)).toBe(70000 - 65536);
    // A small write blocks without writing anything when it does not fit whole (PIPE_BUF).
    const fill = h.mem.alloc(65536);
    expect(h.call('write', w, fill, 65536 - 10)).toBe(65526);
    expect(isBlocked(h.callRaw('write', w, fill, 100) as never)).toBe(true);
    h.thread.restartState = null;
    expect(h.call('read', r, sink, 65536)).toBe(65526);
  });

  it('a failed copy-out leaves the bytes in the pipe', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    h.call('write', h.mem.i32(fds, 1), 'abc', 3);
    expect(h.call('read', h.mem.i32(fds, 0), 8, 3)).toBe(E.EFAULT);
    expect(readAll(h, h.mem.i32(fds, 0), 8)).toBe('abc');
  });
});

describe('conformance case errno_basic and facts §7.2', () => {
  it('ENOENT, EBADF, EFAULT', () => {
    const h = new FsHarness();
    expect(h.call('open', '/nonexistent/file', O.RDONLY)).toBe(E.ENOENT);
    expect(h.call('write', 99, 'x', 1)).toBe(E.EBADF);
    expect(h.call('close', -1)).toBe(E.EBADF);
    expect(h.call('write', 1, 0, 5)).toBe(E.EFAULT);
    expect(h.call('write', 1, 0, 0)).toBe(0);
  });
  it('/dev/null never reads the buffer', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/dev/null', O.WRONLY);
    expect(h.call('write', fd, 8, 1)).toBe(1);
    expect(h.call('read', h.call('open', '/dev/null', O.RDONLY), h.mem.alloc(4), 4)).toBe(0);
  });
  it('open("") ENOENT, open(NULL) EFAULT, EEXIST with O_EXCL, mkdir("/tmp") EEXIST, open("/tmp", O_WRONLY) EISDIR', () => {
    const h = new FsHarness();
    expect(h.call('open', '', O.RDONLY)).toBe(E.ENOENT);
    expect(h.call('open', 0, O.RDONLY)).toBe(E.EFAULT);
    h.call('close', h.call('open', '/tmp/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('open', '/tmp/f', O.WRONLY | O.CREAT | O.EXCL, 0o644)).toBe(E.EEXIST);
    expect(h.call('mkdir', '/tmp', 0o755)).toBe(E.EEXIST);
    expect(h.call('open', '/tmp', O.WRONLY)).toBe(E.EISDIR);
    expect(h.call('open', '/tmp/f', O.RDONLY | O.DIRECTORY)).toBe(E.ENOTDIR);
  });
  it('ENOTDIR for a file used as a directory (#8), openat on a file fd and a bad dirfd (#24, #25)', () => {
    const h = new FsHarness();
    const fd = h.call('open', 'file', O.CREAT | O.RDWR, 0o644);
    expect(h.call('mkdir', 'file/sub', 0o755)).toBe(E.ENOTDIR);
    expect(h.call('chdir', 'file')).toBe(E.ENOTDIR);
    expect(h.call('rmdir', 'file')).toBe(E.ENOTDIR);
    expect(h.call('openat', fd, 'rel', O.RDONLY)).toBe(E.ENOTDIR);
    expect(h.call('openat', 77, 'rel', O.RDONLY)).toBe(E.EBADF);
    expect(h.call('openat', 77, '/tmp', O.RDONLY | O.DIRECTORY)).toBeGreaterThan(0);
    expect(h.call('fcntl', 99, 1)).toBe(E.EBADF);
  });
  it('lseek: bad whence and negative result EINVAL (#10); SEEK_END; seek past end then write leaves a hole', () => {
    const h = new FsHarness();
    const fd = h.call('open', 'f', O.CREAT | O.RDWR, 0o644);
    expect(h.call('lseek', fd, 0, 99)).toBe(E.EINVAL);
    expect(h.call('lseek', fd, -1, 0)).toBe(E.EINVAL);
    h.call('write', fd, 'abc', 3);
    expect(h.call('lseek', fd, 2, 2)).toBe(5);
    h.call('write', fd, 'Z', 1);
    h.call('lseek', fd, 0, 0);
    expect(readAll(h, fd)).toBe('abc\0\0Z');
    expect(h.call('lseek', fd, 0, 3 /* SEEK_DATA */)).toBe(0);
    expect(h.call('lseek', fd, 6, 3)).toBe(-6 /* ENXIO */);
  });
  it('read on O_WRONLY / write on O_RDONLY is EBADF; read on a directory is EISDIR (#3, read02)', () => {
    const h = new FsHarness();
    const w = h.call('open', 'f', O.CREAT | O.WRONLY, 0o644);
    expect(h.call('read', w, h.mem.alloc(4), 4)).toBe(E.EBADF);
    const r = h.call('open', 'f', O.RDONLY);
    expect(h.call('write', r, 'x', 1)).toBe(E.EBADF);
    const d = h.call('open', '/tmp', O.RDONLY);
    expect(h.call('read', d, h.mem.alloc(4), 4)).toBe(E.EISDIR);
  });
  it('a write from a bad buffer changes nothing (LTP write03)', () => {
    const h = new FsHarness();
    const fd = h.call('open', 'f', O.CREAT | O.RDWR, 0o644);
    h.call('write', fd, 'keep', 4);
    h.call('lseek', fd, 0, 0);
    expect(h.call('write', fd, 0x1, 4)).toBe(E.EFAULT);
    expect(readAll(h, fd)).toBe('keep');
  });
  it('a buffer running into unmapped memory: short write/read on a file, EFAULT on a pipe (measured on Linux 6.18)', () => {
    // Native: write(file, page_end - 10, 100) = 10; write(pipe, same) = EFAULT;
    // read(file, page_end - 6, 100) = 6.
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/short', O.CREAT | O.RDWR, 0o644);
    const end = MEM_BASE + (1 << 20);
    h.mem.bytes.fill(0x41, (1 << 20) - 10);
    expect(h.call('write', fd, end - 10, 100)).toBe(10);
    expect(h.call('lseek', fd, 0, 2)).toBe(10);
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    expect(h.call('write', h.mem.i32(fds, 1), end - 10, 100)).toBe(E.EFAULT);
    // A pipe write of two pages whose second faults keeps the first whole page.
    expect(h.call('write', h.mem.i32(fds, 1), end - 4096 - 10, 4096 + 100)).toBe(4096);
    expect(h.call('lseek', fd, 0, 0)).toBe(0);
    expect(h.call('read', fd, end - 6, 100)).toBe(6);
    expect(h.call('lseek', fd, 0, 1)).toBe(6);
    expect(h.call('writev', fd, h.mem.alloc(16), 0)).toBe(0);
  });

  it('O_APPEND writes at the end; pwrite does not move the offset', () => {
    const h = new FsHarness();
    const fd = h.call('open', 'f', O.CREAT | O.RDWR | O.APPEND, 0o644);
    h.call('write', fd, 'ab', 2);
    h.call('lseek', fd, 0, 0);
    h.call('write', fd, 'cd', 2);
    const g = h.call('open', 'f', O.RDWR);
    expect(readAll(h, g)).toBe('abcd');
    expect(h.call('pwrite64', g, 'X', 1, 0)).toBe(1);
    expect(h.call('lseek', g, 0, 1)).toBe(4);
    const buf = h.mem.alloc(4);
    expect(h.call('pread64', g, buf, 4, 0)).toBe(4);
    expect(h.mem.text(buf, 4)).toBe('Xbcd');
    expect(h.call('pread64', g, buf, 4, -1)).toBe(E.EINVAL);
  });
  it('getcwd: ERANGE for size 0 and 1, length including the NUL (#21)', () => {
    const h = new FsHarness();
    const buf = h.mem.alloc(64);
    expect(h.call('getcwd', buf, 0)).toBe(E.ERANGE);
    expect(h.call('getcwd', buf, 1)).toBe(E.ERANGE);
    expect(h.call('getcwd', buf, 64)).toBe(2);
    expect(h.mem.text(buf, 2)).toBe('/\0');
    h.call('mkdir', '/tmp/a', 0o755);
    expect(h.call('chdir', '/tmp/a')).toBe(0);
    expect(h.call('getcwd', buf, 64)).toBe(7);
    expect(h.mem.text(buf, 6)).toBe('/tmp/a');
    expect(h.call('getcwd', 8, 64)).toBe(E.EFAULT);
    h.call('rmdir', '/tmp/a');
    expect(h.call('getcwd', buf, 64)).toBe(E.ENOENT);
  });
  it('rename(missing) ENOENT (#27); rmdir(non-empty) ENOTEMPTY, unlink(dir) EISDIR (#19)', () => {
    const h = new FsHarness();
    expect(h.call('rename', 'nope', 'x')).toBe(E.ENOENT);
    h.call('mkdir', 'd', 0o755);
    h.call('close', h.call('open', 'd/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('rmdir', 'd')).toBe(E.ENOTEMPTY);
    expect(h.call('unlink', 'd')).toBe(E.EISDIR);
  });
});

describe('path walk', () => {
  it('., .., //, trailing slashes', () => {
    const h = new FsHarness();
    h.call('mkdir', '/tmp/d', 0o755);
    h.call('close', h.call('open', '/tmp/d/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('open', '/tmp/./d/../d//f', O.RDONLY)).toBeGreaterThan(0);
    expect(h.call('open', '/../../tmp/d/f', O.RDONLY)).toBeGreaterThan(0);
    expect(h.call('open', '/tmp/d/f/', O.RDONLY)).toBe(E.ENOTDIR);
    expect(h.call('open', '/tmp/d/', O.RDONLY)).toBeGreaterThan(0);
    expect(h.call('open', '/tmp/new/', O.CREAT | O.WRONLY, 0o644)).toBe(E.EISDIR);
    expect(h.call('mkdir', '/tmp/e/', 0o755)).toBe(0);
    expect(h.call('unlink', '/tmp/d/f/')).toBe(E.ENOTDIR);
    expect(h.call('rmdir', '/tmp/e/')).toBe(0);
  });
  it('rmdir(".") EINVAL, rmdir("..") ENOTEMPTY, rmdir("/") EBUSY, unlink(".") EISDIR, mkdir(".") EEXIST', () => {
    const h = new FsHarness();
    expect(h.call('rmdir', '.')).toBe(E.EINVAL);
    expect(h.call('rmdir', '/tmp/..')).toBe(E.ENOTEMPTY);
    expect(h.call('rmdir', '/')).toBe(E.EBUSY);
    expect(h.call('unlink', '.')).toBe(E.EISDIR);
    expect(h.call('mkdir', '.', 0o755)).toBe(E.EEXIST);
    expect(h.call('rmdir', '/tmp')).toBe(E.EBUSY);
  });
  it('ENAMETOOLONG: a 256-byte component, a path without NUL in 4096 bytes', () => {
    const h = new FsHarness();
    expect(h.call('open', '/tmp/' + 'a'.repeat(256), O.RDONLY)).toBe(E.ENAMETOOLONG);
    expect(h.call('open', '/tmp/' + 'a'.repeat(255), O.RDONLY)).toBe(E.ENOENT);
    expect(h.call('open', '/'.repeat(4096), O.RDONLY)).toBe(E.ENAMETOOLONG);
    expect(h.call('open', '/'.repeat(4095), O.RDONLY | O.DIRECTORY)).toBeGreaterThan(0);
  });
  it('symlinks: followed in the middle and at the end, O_NOFOLLOW → ELOOP, loops → ELOOP, dangling + O_CREAT creates the target', () => {
    const h = new FsHarness();
    h.call('mkdir', '/tmp/real', 0o755);
    expect(h.call('symlink', '/tmp/real', '/tmp/abs')).toBe(0);
    expect(h.call('symlink', 'real', '/tmp/rel')).toBe(0);
    h.call('close', h.call('open', '/tmp/abs/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('open', '/tmp/rel/f', O.RDONLY)).toBeGreaterThan(0);
    expect(h.call('symlink', 'f', '/tmp/real/lf')).toBe(0);
    expect(h.call('open', '/tmp/real/lf', O.RDONLY | O.NOFOLLOW)).toBe(E.ELOOP);
    expect(h.call('symlink', 'loop', '/tmp/loop')).toBe(0);
    expect(h.call('open', '/tmp/loop', O.RDONLY)).toBe(E.ELOOP);
    expect(h.call('symlink', 'made', '/tmp/dangling')).toBe(0);
    const fd = h.call('open', '/tmp/dangling', O.CREAT | O.WRONLY, 0o644);
    expect(fd).toBeGreaterThan(0);
    expect(h.call('access', '/tmp/made', 0)).toBe(0);
    expect(h.call('open', '/tmp/dangling', O.CREAT | O.EXCL | O.WRONLY, 0o644)).toBe(E.EEXIST);
    const buf = h.mem.alloc(64);
    expect(h.call('readlink', '/tmp/rel', buf, 64)).toBe(4);
    expect(h.mem.text(buf, 4)).toBe('real');
    expect(h.call('readlink', '/tmp/rel', buf, 2)).toBe(2);
    expect(h.call('readlink', '/tmp/real', buf, 64)).toBe(E.EINVAL);
    expect(h.call('readlink', '/tmp/rel', buf, 0)).toBe(E.EINVAL);
    expect(h.call('symlink', '', '/tmp/empty')).toBe(E.ENOENT);
    // 40 links are fine, 41 are ELOOP.
    h.call('close', h.call('open', '/tmp/t0', O.CREAT | O.WRONLY, 0o644));
    for (let i = 1; i <= 41; i++) h.call('symlink', `t${i - 1}`, `/tmp/t${i}`);
    expect(h.call('open', '/tmp/t40', O.RDONLY)).toBeGreaterThan(0);
    expect(h.call('open', '/tmp/t41', O.RDONLY)).toBe(E.ELOOP);
  });
  it('.. at a mount root goes to the parent mount; cross-mount rename and link are EXDEV', () => {
    const h = new FsHarness();
    h.call('chdir', '/tmp');
    const buf = h.mem.alloc(64);
    h.call('chdir', '..');
    expect(h.call('getcwd', buf, 64)).toBe(2);
    h.call('close', h.call('open', '/tmp/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('rename', '/tmp/f', '/f')).toBe(E.EXDEV);
    expect(h.call('link', '/tmp/f', '/f')).toBe(E.EXDEV);
  });
});

describe('rename, link, unlink semantics', () => {
  it('replaces files, moves directories, refuses a directory into itself, keeps open files alive', () => {
    const h = new FsHarness();
    h.call('chdir', '/tmp');
    const fd = h.call('open', 'a', O.CREAT | O.RDWR, 0o644);
    h.call('write', fd, 'A', 1);
    h.call('close', h.call('open', 'b', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('rename', 'a', 'b')).toBe(0);
    expect(h.call('access', 'a', 0)).toBe(E.ENOENT);
    expect(readAll(h, h.call('open', 'b', O.RDONLY))).toBe('A');
    h.call('mkdir', 'd', 0o755);
    expect(h.call('rename', 'd', 'd/sub')).toBe(E.EINVAL);
    expect(h.call('rename', 'b', 'd')).toBe(E.EISDIR);
    h.call('mkdir', 'e', 0o755);
    expect(h.call('rename', 'd', 'b')).toBe(E.ENOTDIR);
    expect(h.call('rename', 'd', 'e')).toBe(0);
    expect(h.call('renameat2', AT_FDCWD, 'b', AT_FDCWD, 'e', 1 /* NOREPLACE */)).toBe(E.EEXIST);
    expect(h.call('rename', 'b', 'b')).toBe(0);
    // unlink of an open file: data stays readable through the fd.
    expect(h.call('unlink', 'b')).toBe(0);
    h.call('lseek', fd, 0, 0);
    expect(readAll(h, fd)).toBe('A');
  });
  it('linkat(fd, "", …, AT_EMPTY_PATH) links the open file; faccessat2 with AT_EMPTY_PATH checks it', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/orig', O.CREAT | O.RDWR, 0o644);
    expect(h.call('linkat', fd, '', AT_FDCWD, '/tmp/second', 0x1000)).toBe(0);
    expect(h.call('linkat', fd, '', AT_FDCWD, '/tmp/third', 0)).toBe(E.ENOENT);
    expect(h.call('faccessat2', fd, '', 6, 0x1000)).toBe(0);
    expect(h.call('faccessat2', fd, '', 1, 0x1000)).toBe(-13);
    const st = h.mem.alloc(144);
    h.call('stat', '/tmp/second', st);
    expect(h.mem.u64(st, 16)).toBe(2n);
  });

  it('hard links share the inode and count links', () => {
    const h = new FsHarness();
    h.call('chdir', '/tmp');
    h.call('close', h.call('open', 'x', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('link', 'x', 'y')).toBe(0);
    expect(h.call('link', 'x', 'y')).toBe(E.EEXIST);
    expect(h.call('link', '/tmp', 'z')).toBe(-1 /* EPERM */);
    const st = h.mem.alloc(144);
    h.call('stat', 'y', st);
    expect(h.mem.u64(st, 16)).toBe(2n);
    expect(h.call('unlinkat', AT_FDCWD, 'x', 0x1)).toBe(E.EINVAL);
    expect(h.call('unlinkat', AT_FDCWD, 'x', 0)).toBe(0);
    h.call('stat', 'y', st);
    expect(h.mem.u64(st, 16)).toBe(1n);
  });
});

describe('stat layouts', () => {
  it('x86-64 struct stat (144 bytes): mode at 24, size at 48, nlink at 16; umask applies', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/s', O.CREAT | O.WRONLY, 0o666);
    h.call('write', fd, 'hello', 5);
    const st = h.mem.alloc(144);
    expect(h.call('stat', '/tmp/s', st)).toBe(0);
    expect(h.mem.u32(st, 24)).toBe(0o100644);
    expect(h.mem.u64(st, 48)).toBe(5n);
    expect(h.mem.u64(st, 16)).toBe(1n);
    expect(h.mem.u64(st, 56)).toBe(4096n);
    expect(h.call('newfstatat', fd, '', st, 0x1000)).toBe(0);
    expect(h.mem.u64(st, 48)).toBe(5n);
    expect(h.call('newfstatat', fd, '', st, 0)).toBe(E.ENOENT);
    expect(h.call('stat', '/tmp/s', 8)).toBe(E.EFAULT);
    expect(h.call('newfstatat', AT_FDCWD, '/tmp/s', st, 0x4)).toBe(E.EINVAL);
  });
  it('arm64 struct stat (128 bytes): mode at 16, nlink at 20, size at 48, blksize at 56', () => {
    const h = new FsHarness({ abi: 'arm64' });
    const st = h.mem.alloc(128);
    expect(h.call('newfstatat', AT_FDCWD, '/dev/null', st, 0)).toBe(0);
    expect(h.mem.u32(st, 16)).toBe(0o020666);
    expect(h.mem.u32(st, 20)).toBe(1);
    expect(h.mem.u64(st, 32)).toBe(0x103n);
    expect(h.mem.u32(st, 56)).toBe(4096);
  });
  it('arm64 open flags: O_DIRECTORY is 040000 there', () => {
    const h = new FsHarness({ abi: 'arm64' });
    h.call('openat', AT_FDCWD, '/tmp/f', O.CREAT | O.WRONLY, 0o644);
    expect(h.call('openat', AT_FDCWD, '/tmp/f', 0o40000)).toBe(E.ENOTDIR);
    expect(h.call('openat', AT_FDCWD, '/tmp', 0o40000)).toBeGreaterThan(0);
  });
  it('statx fills the basic stats', () => {
    const h = new FsHarness();
    const buf = h.mem.alloc(256);
    expect(h.call('statx', AT_FDCWD, '/tmp', 0, 0x7ff, buf)).toBe(0);
    expect(h.mem.u32(buf, 0)).toBe(0x17ff);
    expect(h.mem.u64(buf, 8)).toBe(0x2000n); // STATX_ATTR_MOUNT_ROOT: /tmp is a mount
    expect(h.mem.u32(buf, 28) & 0xffff).toBe(0o41777);
  });
});

describe('getdents64', () => {
  it('lists ., .., then the newest entry first (Linux 6.18 tmpfs); EINVAL when one record does not fit; ENOTDIR on a file', () => {
    const h = new FsHarness();
    h.call('mkdir', '/tmp/d', 0o755);
    for (const n of ['b', 'a', 'c']) h.call('close', h.call('open', `/tmp/d/${n}`, O.CREAT | O.WRONLY, 0o644));
    const fd = h.call('open', '/tmp/d', O.RDONLY | O.DIRECTORY);
    expect(h.call('getdents64', fd, h.mem.alloc(8), 8)).toBe(E.EINVAL);
    const buf = h.mem.alloc(4096);
    const n = h.call('getdents64', fd, buf, 4096);
    const names: string[] = [];
    for (let off = 0; off < n;) {
      const reclen = h.mem.get(buf + off + 16, 2);
      const len = reclen[0]! | (reclen[1]! << 8);
      const raw = h.mem.get(buf + off + 19, len - 19);
      names.push(Buffer.from(raw.subarray(0, raw.indexOf(0))).toString());
      off += len;
    }
    expect(names).toEqual(['.', '..', 'c', 'a', 'b']);
    expect(h.call('getdents64', fd, buf, 4096)).toBe(0);
    expect(h.call('lseek', fd, 0, 0)).toBe(0);
    expect(h.call('getdents64', fd, buf, 4096)).toBe(n);
    const f = h.call('open', '/tmp/d/a', O.RDONLY);
    expect(h.call('getdents64', f, buf, 4096)).toBe(E.ENOTDIR);
    // seekdir: lseek to an entry's d_off resumes right after that entry.
    h.call('lseek', fd, 0, 0);
    h.call('getdents64', fd, buf, 4096);
    const secondOff = h.mem.u64(buf + 24, 8); // d_off of the second record ("..", reclen 24)
    expect(h.call('lseek', fd, Number(secondOff), 0)).toBe(Number(secondOff));
    const m = h.call('getdents64', fd, buf, 4096);
    const firstName = Buffer.from(h.mem.get(buf + 19, 2)).toString('latin1').replace(/\0.*$/, '');
    expect(m).toBeGreaterThan(0);
    expect(firstName).toBe('c');
  });
});

describe('fcntl, ioctl, umask, truncate, access', () => {
  it('F_DUPFD from a minimum, F_SETFL changes only status flags, F_GETFL shows O_LARGEFILE on 64-bit', () => {
    const h = new FsHarness();
    expect(h.call('fcntl', 1, 0, 10)).toBe(10);
    expect(h.call('fcntl', 1, 1030, 10)).toBe(11);
    expect(h.call('fcntl', 11, 1)).toBe(1);
    const fd = h.call('open', '/tmp/f', O.CREAT | O.RDWR, 0o644);
    expect(h.call('fcntl', fd, 3)).toBe(0o100002);
    expect(h.call('fcntl', fd, 4, O.APPEND | O.WRONLY)).toBe(0);
    expect(h.call('fcntl', fd, 3)).toBe(0o100002 | O.APPEND);
    expect(h.call('fcntl', fd, 0, -1)).toBe(E.EINVAL);
  });
  it('ioctl: TCGETS on a non-terminal console and on a file is ENOTTY; on a host terminal fills termios', () => {
    const h = new FsHarness();
    const t = h.mem.alloc(64);
    expect(h.call('ioctl', 1, 0x5401, t)).toBe(E.ENOTTY);
    expect(h.call('ioctl', h.call('open', '/dev/null', O.RDONLY), 0x5401, t)).toBe(E.ENOTTY);
    h.hostIo.tty = true;
    expect(h.call('ioctl', 1, 0x5401, t)).toBe(0);
    expect(h.mem.u32(t, 12) & 0o2).toBe(0o2); // ICANON
    expect(h.call('ioctl', 1, 0x5401, 8)).toBe(E.EFAULT);
    expect(h.call('ioctl', 99, 0x5401, t)).toBe(E.EBADF);
  });
  it('console: reads the host stdin to EOF, writes the host stdout; fstat shows the host type', () => {
    const h = new FsHarness();
    h.hostIo.stdin = Buffer.from('line one\nline two\n');
    expect(readAll(h, 0)).toBe('line one\nline two\n');
    expect(readAll(h, 0)).toBe('');
    h.call('write', 1, 'out', 3);
    h.call('write', 2, 'err', 3);
    expect(h.hostIo.out(1)).toBe('out');
    expect(h.hostIo.out(2)).toBe('err');
    const st = h.mem.alloc(144);
    h.call('fstat', 1, st);
    expect(h.mem.u32(st, 24) & 0o170000).toBe(0o010000);
    expect(h.call('lseek', 1, 0, 1)).toBe(E.ESPIPE);
  });
  it('console over a host regular file: seekable like the file (bad whence EINVAL), pread works', () => {
    const h = new FsHarness({ setupIo: (io) => {
      io.kinds[0] = 'file';
      io.stdin = Buffer.from('line one\nline two\n');
    } });
    expect(h.call('lseek', 0, 0, 99)).toBe(E.EINVAL);
    expect(h.call('lseek', 0, -1, 0)).toBe(E.EINVAL);
    const buf = h.mem.alloc(16);
    expect(h.call('read', 0, buf, 4)).toBe(4);
    expect(h.call('lseek', 0, 0, 1)).toBe(4);
    expect(h.call('pread64', 0, buf, 3, 5)).toBe(3);
    expect(h.mem.text(buf, 3)).toBe('one');
    expect(h.call('read', 0, buf, 5)).toBe(5);
    expect(h.mem.text(buf, 5)).toBe(' one\n');
    expect(h.call('lseek', 0, 0, 0)).toBe(0);
    expect(h.call('read', 0, buf, 4)).toBe(4);
    expect(h.mem.text(buf, 4)).toBe('line');
    expect(h.call('lseek', 0, 0, 2)).toBe(18);
    const st = h.mem.alloc(144);
    h.call('fstat', 0, st);
    expect(h.mem.u32(st, 24) & 0o170000).toBe(0o100000);
    expect(h.mem.u64(st, 48)).toBe(18n);
  });

  it('console fds carry the host fds\' access mode and flags (a terminal opened O_RDWR can be written through fd 0)', () => {
    const h = new FsHarness({ setupIo: (io) => {
      io.hostFlags[0] = 0o104002; // O_RDWR|O_NONBLOCK|O_LARGEFILE, as fdinfo shows a terminal
      io.hostFlags[1] = 0o102001; // O_WRONLY|O_APPEND|O_LARGEFILE (>> redirection)
    } });
    expect(h.call('fcntl', 0, 3)).toBe(0o100002);
    expect(h.call('fcntl', 1, 3)).toBe(0o102001);
    expect(h.call('write', 0, 'x', 1)).toBe(1);
    expect(h.call('fcntl', 2, 3)).toBe(O.WRONLY);
  });

  it('console over the host /dev/null: write(1, NULL, 5) is 5, as on Linux', () => {
    const h = new FsHarness({ setupIo: (io) => {
      io.kinds[1] = 'null';
    } });
    expect(h.call('write', 1, 0, 5)).toBe(5);
    expect(h.call('write', 2, 0, 5)).toBe(E.EFAULT);
  });

  it('umask returns the old mask and shapes new modes', () => {
    const h = new FsHarness();
    expect(h.call('umask', 0o077)).toBe(0o022);
    h.call('mkdir', '/tmp/m', 0o777);
    const st = h.mem.alloc(144);
    h.call('stat', '/tmp/m', st);
    expect(h.mem.u32(st, 24)).toBe(0o40700);
    expect(h.call('umask', 0o022)).toBe(0o077);
  });
  it('truncate/ftruncate: grow with zeros, shrink; EINVAL for negative, read-only fd, or a directory', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/t', O.CREAT | O.RDWR, 0o644);
    h.call('write', fd, 'abcdef', 6);
    expect(h.call('ftruncate', fd, 3)).toBe(0);
    expect(h.call('truncate', '/tmp/t', 5)).toBe(0);
    h.call('lseek', fd, 0, 0);
    expect(readAll(h, fd)).toBe('abc\0\0');
    expect(h.call('ftruncate', fd, -1)).toBe(E.EINVAL);
    expect(h.call('ftruncate', h.call('open', '/tmp/t', O.RDONLY), 0)).toBe(E.EINVAL);
    expect(h.call('truncate', '/tmp', 0)).toBe(E.EISDIR);
  });
  it('access: F_OK/R_OK/W_OK; X_OK needs an x bit even for root; bad mode EINVAL', () => {
    const h = new FsHarness();
    h.call('close', h.call('open', '/tmp/f', O.CREAT | O.WRONLY, 0o644));
    expect(h.call('access', '/tmp/f', 0)).toBe(0);
    expect(h.call('access', '/tmp/f', 6)).toBe(0);
    expect(h.call('access', '/tmp/f', 1)).toBe(-13);
    expect(h.call('chmod', '/tmp/f', 0o755)).toBe(0);
    expect(h.call('access', '/tmp/f', 1)).toBe(0);
    expect(h.call('access', '/tmp/f', 8)).toBe(E.EINVAL);
    expect(h.call('faccessat2', AT_FDCWD, '/tmp/f', 0, 0x8000)).toBe(E.EINVAL);
  });
  it('readv/writev gather and scatter; bad iovcnt EINVAL', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/v', O.CREAT | O.RDWR, 0o644);
    const a = h.mem.put(Buffer.from('hello '));
    const b = h.mem.put(Buffer.from('world'));
    const iov = h.mem.alloc(32);
    const v = new DataView(h.mem.bytes.buffer);
    v.setBigUint64(iov - MEM_BASE, BigInt(a), true);
    v.setBigUint64(iov - MEM_BASE + 8, 6n, true);
    v.setBigUint64(iov - MEM_BASE + 16, BigInt(b), true);
    v.setBigUint64(iov - MEM_BASE + 24, 5n, true);
    expect(h.call('writev', fd, iov, 2)).toBe(11);
    expect(h.call('writev', fd, iov, -1)).toBe(E.EINVAL);
    expect(h.call('writev', fd, iov, 1025)).toBe(E.EINVAL);
    h.call('lseek', fd, 0, 0);
    expect(h.call('readv', fd, iov, 2)).toBe(11);
    expect(h.mem.text(a, 6) + h.mem.text(b, 5)).toBe('hello world');
  });
});

describe('devfs and procfs', () => {
  it('/dev/zero gives zeros, /dev/urandom gives bytes, /dev/full gives ENOSPC', () => {
    const h = new FsHarness();
    const z = h.call('open', '/dev/zero', O.RDWR);
    const buf = h.mem.put(Buffer.from('xxxx'));
    expect(h.call('read', z, buf, 4)).toBe(4);
    expect([...h.mem.get(buf, 4)]).toEqual([0, 0, 0, 0]);
    expect(h.call('read', h.call('open', '/dev/urandom', O.RDONLY), buf, 4)).toBe(4);
    expect(h.call('write', h.call('open', '/dev/full', O.WRONLY), buf, 4)).toBe(-28);
  });
  it('/proc/self → pid, /proc/self/fd/N names the open file, /dev/stdout reaches fd 1', () => {
    const h = new FsHarness({ pid: 4242 });
    const buf = h.mem.alloc(256);
    expect(h.call('readlink', '/proc/self', buf, 256)).toBe(4);
    expect(h.mem.text(buf, 4)).toBe('4242');
    const fd = h.call('open', '/tmp/named', O.CREAT | O.WRONLY, 0o644);
    const n = h.call('readlink', `/proc/self/fd/${fd}`, buf, 256);
    expect(h.mem.text(buf, n)).toBe('/tmp/named');
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const m = h.call('readlink', `/proc/self/fd/${h.mem.i32(fds, 0)}`, buf, 256);
    expect(h.mem.text(buf, m)).toMatch(/^pipe:\[\d+\]$/);
    const out = h.call('open', '/dev/stdout', O.WRONLY);
    expect(h.call('write', out, 'via /dev/stdout', 15)).toBe(15);
    expect(h.hostIo.out()).toBe('via /dev/stdout');
    // Through the magic link: a deleted file can still be reopened.
    h.call('write', fd, 'still here', 10);
    h.call('unlink', '/tmp/named');
    const again = h.call('open', `/proc/self/fd/${fd}`, O.RDONLY);
    expect(readAll(h, again)).toBe('still here');
    const status = h.call('open', '/proc/self/status', O.RDONLY);
    expect(readAll(h, status)).toContain('Pid:\t4242\n');
  });
});

describe('more files: FIFOs, O_PATH, sendfile, /proc/self/exe', () => {
  it('mknod makes a FIFO that works as a pipe; mknod of a directory is EPERM', () => {
    const h = new FsHarness();
    expect(h.call('mknod', '/tmp/fifo', 0o010644, 0)).toBe(0);
    const st = h.mem.alloc(144);
    h.call('stat', '/tmp/fifo', st);
    expect(h.mem.u32(st, 24)).toBe(0o010644);
    expect(h.call('open', '/tmp/fifo', O.WRONLY | O.NONBLOCK)).toBe(-6 /* ENXIO: no reader */);
    const r = h.call('open', '/tmp/fifo', O.RDONLY | O.NONBLOCK);
    const w = h.call('open', '/tmp/fifo', O.WRONLY);
    expect(h.call('write', w, 'through fifo', 12)).toBe(12);
    expect(readAll(h, r)).toBe('through fifo');
    expect(h.call('lseek', r, 0, 0)).toBe(E.ESPIPE);
    expect(h.call('mknod', '/tmp/dir', 0o040755, 0)).toBe(-1);
    expect(h.call('mknod', '/tmp/fifo', 0o010644, 0)).toBe(E.EEXIST);
  });

  it('O_PATH descriptors name a file but cannot read or write it; fstat and fchdir work', () => {
    const h = new FsHarness();
    const f = h.call('open', '/tmp/f', O.CREAT | O.RDWR, 0o644);
    h.call('write', f, 'abc', 3);
    const p = h.call('open', '/tmp/f', O.PATH | O.RDWR);
    expect(h.call('read', p, h.mem.alloc(4), 4)).toBe(E.EBADF);
    expect(h.call('write', p, 'x', 1)).toBe(E.EBADF);
    const st = h.mem.alloc(144);
    expect(h.call('fstat', p, st)).toBe(0);
    expect(h.mem.u64(st, 48)).toBe(3n);
    const d = h.call('open', '/tmp', O.PATH | O.DIRECTORY);
    expect(h.call('fchdir', d)).toBe(0);
    expect(h.call('access', 'f', 0)).toBe(0);
    expect(h.call('fcntl', p, 3)).toBe(O.PATH);
  });

  it('sendfile copies between descriptors, from the file offset or from *offset', () => {
    const h = new FsHarness();
    const src = h.call('open', '/tmp/src', O.CREAT | O.RDWR, 0o644);
    h.call('write', src, 'sendfile data', 13);
    h.call('lseek', src, 0, 0);
    expect(h.call('sendfile', 1, src, 0, 100)).toBe(13);
    expect(h.hostIo.out()).toBe('sendfile data');
    expect(h.call('lseek', src, 0, 1)).toBe(13);
    const off = h.mem.alloc(8);
    new DataView(h.mem.bytes.buffer).setBigInt64(off - MEM_BASE, 9n, true);
    expect(h.call('sendfile', 1, src, off, 4)).toBe(4);
    expect(h.hostIo.out()).toBe('sendfile datadata');
    expect(h.mem.u64(off)).toBe(13n);
    expect(h.call('sendfile', 1, 99, 0, 4)).toBe(E.EBADF);
  });

  it('/proc refuses changes as Linux does (measured): ENOENT for new names, EPERM to remove, EINVAL to write', () => {
    const h = new FsHarness();
    expect(h.call('mkdir', '/proc/x', 0o755)).toBe(E.ENOENT);
    expect(h.call('unlink', '/proc/self')).toBe(-1);
    expect(h.call('open', '/proc/newfile', O.CREAT | O.WRONLY, 0o644)).toBe(E.ENOENT);
    expect(h.call('symlink', 'a', '/proc/l')).toBe(E.ENOENT);
    expect(h.call('rename', '/proc/self', '/proc/x')).toBe(E.ENOENT);
    expect(h.call('rmdir', '/proc/self/fd')).toBe(-1);
    expect(h.call('link', '/proc/self/status', '/proc/self/x')).toBe(E.ENOENT);
    expect(h.call('mknod', '/proc/f', 0o010644, 0)).toBe(E.ENOENT);
    const fd = h.call('open', '/proc/self/status', O.WRONLY);
    expect(fd).toBeGreaterThan(0);
    expect(h.call('write', fd, 'x', 1)).toBe(E.EINVAL);
  });

  it('/proc/self/cmdline, environ and stat', () => {
    const h = new FsHarness({ pid: 321 });
    h.process.argv = ['prog', 'one', ''];
    h.process.envp = ['A=1'];
    h.process.comm = 'prog';
    expect(readAll(h, h.call('open', '/proc/self/cmdline', O.RDONLY))).toBe('prog\0one\0\0');
    expect(readAll(h, h.call('open', '/proc/self/environ', O.RDONLY))).toBe('A=1\0');
    const stat = readAll(h, h.call('open', '/proc/321/stat', O.RDONLY));
    expect(stat.trimEnd().split(' ')).toHaveLength(52);
    expect(stat.startsWith('321 (prog) ')).toBe(true);
  });

  it('close_range closes or marks close-on-exec a range; i386 truncate64/ftruncate64 join their halves', () => {
    const h = new FsHarness();
    for (let i = 0; i < 4; i++) h.call('dup', 1);
    expect(h.call('close_range', 4, 5, 0)).toBe(0);
    expect(h.call('fcntl', 4, 1)).toBe(E.EBADF);
    expect(h.call('fcntl', 6, 1)).toBe(0);
    expect(h.call('close_range', 6, 0xffffffff, 4)).toBe(0);
    expect(h.call('fcntl', 6, 1)).toBe(1);
    expect(h.call('close_range', 7, 6, 0)).toBe(E.EINVAL);
    expect(h.call('close_range', 0, 1, 1)).toBe(E.EINVAL);
    const x = new FsHarness({ abi: 'i386' });
    const fd = x.call('open', '/tmp/t', O.CREAT | O.RDWR, 0o644);
    expect(x.call('ftruncate64', fd, 5, 0)).toBe(0);
    expect(x.call('truncate64', '/tmp/t', 7, 0)).toBe(0);
    const st = x.mem.alloc(96);
    x.call('fstat64', fd, st);
    expect(x.mem.u64(st, 44)).toBe(7n);
    expect(x.call('ftruncate64', fd, 0, 0x80000000)).toBe(E.EINVAL);
  });

  it('readExecutable (for execve): bytes of an executable regular file; EACCES without an x bit or for a directory', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/prog', O.CREAT | O.WRONLY, 0o755);
    h.call('write', fd, '\x7fELF rest', 9);
    const ok = h.kfs.readExecutable(h.process, '/tmp/prog');
    expect(typeof ok === 'object' && Buffer.from(ok.bytes).toString('latin1')).toBe('\x7fELF rest');
    h.call('chmod', '/tmp/prog', 0o644);
    expect(h.kfs.readExecutable(h.process, '/tmp/prog')).toBe(-13);
    expect(h.kfs.readExecutable(h.process, '/tmp')).toBe(-13);
    expect(h.kfs.readExecutable(h.process, '/tmp/none')).toBe(E.ENOENT);
    expect(h.kfs.readExecutable(h.process, '')).toBe(E.ENOENT);
  });

  it('/proc/self/exe reads back the executable path and opens the file', () => {
    const h = new FsHarness();
    const fd = h.call('open', '/tmp/prog', O.CREAT | O.WRONLY, 0o755);
    h.call('write', fd, 'ELF?', 4);
    h.process.exePath = '/tmp/prog';
    const buf = h.mem.alloc(64);
    const n = h.call('readlink', '/proc/self/exe', buf, 64);
    expect(h.mem.text(buf, n)).toBe('/tmp/prog');
    expect(readAll(h, h.call('open', '/proc/self/exe', O.RDONLY))).toBe('ELF?');
    expect(h.call('readlink', '/proc/self/cwd', buf, 64)).toBe(1);
    expect(h.call('open', '/proc/999999/status', O.RDONLY)).toBe(E.ENOENT);
    expect(readAll(h, h.call('open', '/proc/mounts', O.RDONLY))).toContain('tmpfs /tmp tmpfs rw 0 0\n');
  });
});

describe('i386 ABI (int $0x80)', () => {
  it('stat64/fstat64 fill the 96-byte struct stat64; old stat the 64-byte one', () => {
    const h = new FsHarness({ abi: 'i386' });
    const fd = h.call('open', '/tmp/f', O.CREAT | O.RDWR, 0o640);
    h.call('write', fd, 'twelve bytes', 12);
    const st = h.mem.alloc(96);
    expect(h.call('fstat64', fd, st)).toBe(0);
    expect(h.mem.u32(st, 16)).toBe(0o100640); // st_mode
    expect(h.mem.u32(st, 20)).toBe(1); // st_nlink
    expect(h.mem.u64(st, 44)).toBe(12n); // st_size
    expect(h.mem.u64(st, 88)).toBe(BigInt(h.mem.u32(st, 12))); // st_ino and __st_ino
    const old = h.mem.alloc(64);
    expect(h.call('stat', '/tmp/f', old)).toBe(0);
    expect(h.mem.get(old + 8, 2)).toEqual(new Uint8Array([0o100640 & 0xff, 0o100640 >> 8]));
    expect(h.mem.u32(old, 20)).toBe(12);
  });
  it('_llseek returns the 64-bit offset through its pointer; old getdents uses 4-byte longs', () => {
    const h = new FsHarness({ abi: 'i386' });
    const fd = h.call('open', '/tmp/f', O.CREAT | O.RDWR, 0o644);
    const res = h.mem.alloc(8);
    expect(h.call('_llseek', fd, 1, 5, res, 0)).toBe(0);
    expect(h.mem.u64(res)).toBe(0x100000005n);
    const d = h.call('open', '/tmp', O.RDONLY | O.DIRECTORY);
    const buf = h.mem.alloc(256);
    const n = h.call('getdents', d, buf, 256);
    expect(n).toBeGreaterThan(0);
    // First record: "." — d_ino (4), d_off (4), d_reclen (2) at 8, name at 10, d_type last.
    const reclen = h.mem.get(buf + 8, 2)[0]!;
    expect(reclen).toBe(16); // align(10-byte header + '.' + NUL + d_type, 4)
    expect(h.mem.text(buf + 10, 1)).toBe('.');
    expect(h.mem.get(buf + reclen - 1, 1)[0]).toBe(4 /* DT_DIR */);
  });
});

describe('poll and select', () => {
  const pollfd = (h: FsHarness, entries: [number, number][]): number => {
    const at = h.mem.alloc(entries.length * 8);
    const v = new DataView(h.mem.bytes.buffer);
    entries.forEach(([fd, events], i) => {
      v.setInt32(at - MEM_BASE + i * 8, fd, true);
      v.setInt16(at - MEM_BASE + i * 8 + 4, events, true);
      v.setInt16(at - MEM_BASE + i * 8 + 6, 0x7fff, true);
    });
    return at;
  };
  const revents = (h: FsHarness, at: number, i: number): number => h.mem.get(at + i * 8 + 6, 2)[0]! | (h.mem.get(at + i * 8 + 7, 1)[0]! << 8);

  it('poll: pipe readiness (POLLIN after a write, POLLOUT with space, POLLHUP / POLLERR after the other end closes), POLLNVAL, negative fds', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    let p = pollfd(h, [[r, 1], [w, 4], [99, 1], [-1, 1]]);
    expect(h.call('poll', p, 4, 0)).toBe(2);
    expect([0, 1, 2, 3].map((i) => revents(h, p, i))).toEqual([0, 4, 0x20, 0]);
    h.call('write', w, 'x', 1);
    p = pollfd(h, [[r, 1]]);
    expect(h.call('poll', p, 1, 0)).toBe(1);
    expect(revents(h, p, 0)).toBe(1);
    h.call('close', w);
    p = pollfd(h, [[r, 1]]);
    expect(h.call('poll', p, 1, 0)).toBe(1);
    expect(revents(h, p, 0)).toBe(0x11);
    const fds2 = h.mem.alloc(8);
    h.call('pipe', fds2);
    h.call('close', h.mem.i32(fds2, 0));
    p = pollfd(h, [[h.mem.i32(fds2, 1), 4]]);
    expect(h.call('poll', p, 1, 0)).toBe(1);
    expect(revents(h, p, 0)).toBe(4 | 8);
    // Regular files are always ready.
    const f = h.call('open', '/tmp/f', O.CREAT | O.RDWR, 0o644);
    p = pollfd(h, [[f, 5]]);
    expect(h.call('poll', p, 1, -1)).toBe(1);
    expect(revents(h, p, 0)).toBe(5);
    expect(h.call('poll', p, -1, 0)).toBe(E.EINVAL);
    expect(h.call('poll', 8, 1, 0)).toBe(E.EFAULT);
  });

  it('poll sleeps until a write wakes it, or until its timeout passes', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    const p = pollfd(h, [[r, 1]]);
    const first = h.callRaw('poll', p, 1, 1000) as { blocked: boolean; wait: { subscribe(f: () => void): void }; deadlineNs?: bigint };
    expect(first.blocked).toBe(true);
    expect(first.deadlineNs).toBe(h.nowNs + 1_000_000_000n);
    let woken = 0;
    first.wait.subscribe(() => woken++);
    h.call('write', w, 'x', 1);
    expect(woken).toBe(1);
    expect(h.call('poll', p, 1, 1000)).toBe(1);
    // Timeout: nothing ready; after the deadline the re-run returns 0.
    h.call('read', r, h.mem.alloc(4), 4);
    const again = h.callRaw('poll', p, 1, 50) as { deadlineNs?: bigint };
    expect(again.deadlineNs).toBe(h.nowNs + 50_000_000n);
    h.nowNs += 60_000_000n;
    expect(h.call('poll', p, 1, 50)).toBe(0);
  });

  it('select and pselect6: fd_set bits in and out, EBADF for a closed fd in a set, remaining time written back', () => {
    const h = new FsHarness();
    const fds = h.mem.alloc(8);
    h.call('pipe', fds);
    const [r, w] = [h.mem.i32(fds, 0), h.mem.i32(fds, 1)];
    const rset = h.mem.alloc(8);
    const wset = h.mem.alloc(8);
    const setBits = (at: number, bits: number[]): void => {
      h.mem.write(at, new Uint8Array(8));
      for (const b of bits) h.mem.bytes[at - MEM_BASE + (b >> 3)]! |= 1 << (b & 7);
    };
    setBits(rset, [r]);
    setBits(wset, [w]);
    const tv = h.mem.alloc(16);
    const v = new DataView(h.mem.bytes.buffer);
    v.setBigInt64(tv - MEM_BASE, 2n, true);
    v.setBigInt64(tv - MEM_BASE + 8, 0n, true);
    expect(h.call('select', 8, rset, wset, 0, tv)).toBe(1);
    expect(h.mem.get(rset, 1)[0]).toBe(0);
    expect(h.mem.get(wset, 1)[0]).toBe(1 << w);
    expect(h.mem.u64(tv)).toBe(2n);
    setBits(rset, [r, 9]);
    expect(h.call('select', 10, rset, 0, 0, tv)).toBe(E.EBADF);
    v.setBigInt64(tv - MEM_BASE + 8, 1_000_000n, true);
    expect(h.call('select', 8, rset, 0, 0, tv)).toBe(E.EINVAL);
    h.call('write', w, 'x', 1);
    setBits(rset, [r]);
    const ts = h.mem.alloc(16);
    expect(h.call('pselect6', 8, rset, 0, 0, ts, 0)).toBe(1);
    expect(h.mem.get(rset, 1)[0]).toBe(1 << r);
  });
});

describe('locks that wait', () => {
  it('F_OFD_SETLKW and flock without LOCK_NB sleep until the holder lets go; closing the last descriptor lets go', () => {
    const h = new FsHarness();
    const a = h.call('open', '/tmp/lk', O.CREAT | O.RDWR, 0o644);
    const b = h.call('open', '/tmp/lk', O.RDWR);
    const fl = h.mem.alloc(32);
    const v = new DataView(h.mem.bytes.buffer);
    const setFl = (type: number): void => {
      h.mem.write(fl, new Uint8Array(32));
      v.setInt16(fl - MEM_BASE, type, true);
    };
    setFl(1);
    expect(h.call('fcntl', a, 37, fl)).toBe(0);
    setFl(1);
    type Waiting = { blocked: boolean; wait: { subscribe(f: () => void): () => void } };
    const waiting = h.callRaw('fcntl', b, 38, fl) as Waiting;
    expect(waiting.blocked).toBe(true);
    let woken = 0;
    // As the scheduler does: one wake, then the subscription is dropped.
    const drop = waiting.wait.subscribe(() => {
      woken++;
      drop();
    });
    setFl(2);
    expect(h.call('fcntl', a, 37, fl)).toBe(0);
    expect(woken).toBe(1);
    setFl(1);
    expect(h.call('fcntl', b, 38, fl)).toBe(0);
    // flock: a holds it exclusively; b waits; closing a's only descriptor releases it.
    expect(h.call('flock', a, 2)).toBe(0);
    const fw = h.callRaw('flock', b, 2) as Waiting;
    expect(fw.blocked).toBe(true);
    const drop2 = fw.wait.subscribe(() => {
      woken++;
      drop2();
    });
    expect(h.call('close', a)).toBe(0);
    expect(woken).toBe(2);
    expect(h.call('flock', b, 2 | 4)).toBe(0);
  });
});
