// hostfs: I/O through to a host directory, and containment — no guest path, symlink, `..` or
// rename trick reaches a host file outside the mounted directory. Every host file these tests
// touch lives in a fresh temporary directory.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsHarness } from '../../syscalls/decl/fs-test-kit.js';

const O = { RDONLY: 0, WRONLY: 1, RDWR: 2, CREAT: 0o100, TRUNC: 0o1000, DIRECTORY: 0o200000 };
const E = { ENOENT: -2, EXDEV: -18, EROFS: -30, EACCES: -13, EINVAL: -22 };

let tmp = '';
let host = '';
let outside = '';

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsys-hostfs-'));
  host = path.join(tmp, 'host');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(host, 'inside'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(host, 'inside', 'file.txt'), 'inside text');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  fs.symlinkSync(outside, path.join(host, 'escape_abs'));
  fs.symlinkSync('../outside', path.join(host, 'escape_rel'));
  fs.symlinkSync('../../../../../../../../..', path.join(host, 'escape_deep'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function readAll(h: FsHarness, fd: number): string {
  const buf = h.mem.alloc(4096);
  const n = h.call('read', fd, buf, 4096);
  return n < 0 ? `errno ${-n}` : h.mem.text(buf, n);
}

/** Tries to read `p`; returns its text or the errno. */
function tryRead(h: FsHarness, p: string): string {
  const fd = h.call('open', p, O.RDONLY);
  return fd < 0 ? `errno ${-fd}` : readAll(h, fd);
}

describe('hostfs I/O', () => {
  it('reads, writes, creates, lists, renames, links and removes host files', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(tryRead(h, '/mnt/h/inside/file.txt')).toBe('inside text');
    const fd = h.call('open', '/mnt/h/new.txt', O.CREAT | O.RDWR | O.TRUNC, 0o644);
    expect(fd).toBeGreaterThan(0);
    expect(h.call('write', fd, 'from guest', 10)).toBe(10);
    expect(fs.readFileSync(path.join(host, 'new.txt'), 'utf8')).toBe('from guest');
    expect(h.call('lseek', fd, 5, 0)).toBe(5);
    expect(readAll(h, fd)).toBe('guest');
    const st = h.mem.alloc(144);
    expect(h.call('fstat', fd, st)).toBe(0);
    expect(h.mem.u64(st, 48)).toBe(10n);
    expect(h.call('mkdir', '/mnt/h/sub', 0o755)).toBe(0);
    expect(fs.statSync(path.join(host, 'sub')).isDirectory()).toBe(true);
    expect(h.call('rename', '/mnt/h/new.txt', '/mnt/h/sub/moved.txt')).toBe(0);
    expect(fs.readFileSync(path.join(host, 'sub', 'moved.txt'), 'utf8')).toBe('from guest');
    expect(h.call('link', '/mnt/h/sub/moved.txt', '/mnt/h/hard.txt')).toBe(0);
    expect(fs.statSync(path.join(host, 'hard.txt')).nlink).toBe(2);
    expect(h.call('rename', '/mnt/h/hard.txt', '/tmp/x')).toBe(E.EXDEV);
    expect(h.call('rmdir', '/mnt/h/sub')).toBe(-39);
    expect(h.call('unlink', '/mnt/h/sub/moved.txt')).toBe(0);
    expect(h.call('rmdir', '/mnt/h/sub')).toBe(0);
    expect(fs.existsSync(path.join(host, 'sub'))).toBe(false);
    expect(h.call('open', '/mnt/h/missing', O.RDONLY)).toBe(E.ENOENT);
    // getdents lists the host directory.
    const dfd = h.call('open', '/mnt/h', O.RDONLY | O.DIRECTORY);
    const buf = h.mem.alloc(4096);
    const n = h.call('getdents64', dfd, buf, 4096);
    const names: string[] = [];
    for (let off = 0; off < n;) {
      const len = h.mem.get(buf + off + 16, 2)[0]! | (h.mem.get(buf + off + 17, 1)[0]! << 8);
      const raw = h.mem.get(buf + off + 19, len - 19);
      names.push(Buffer.from(raw.subarray(0, raw.indexOf(0))).toString());
      off += len;
    }
    expect(names.sort()).toEqual(['.', '..', 'escape_abs', 'escape_deep', 'escape_rel', 'hard.txt', 'inside'].sort());
    // Symlink text comes back verbatim.
    const rl = h.mem.alloc(256);
    const len = h.call('readlink', '/mnt/h/escape_rel', rl, 256);
    expect(h.mem.text(rl, len)).toBe('../outside');
  });

  it('removing entries between getdents calls (rm -r) reaches every entry; modes ignore the host umask', () => {
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(host, 'inside', `f${i}`), '');
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    const dfd = h.call('open', '/mnt/h/inside', O.RDONLY | O.DIRECTORY);
    const buf = h.mem.alloc(256);
    let removed = 0;
    for (;;) {
      const n = h.call('getdents64', dfd, buf, 256);
      if (n <= 0) break;
      for (let off = 0; off < n;) {
        const len = h.mem.get(buf + off + 16, 1)[0]! | (h.mem.get(buf + off + 17, 1)[0]! << 8);
        const raw = h.mem.get(buf + off + 19, len - 19);
        const name = Buffer.from(raw.subarray(0, raw.indexOf(0))).toString();
        if (name !== '.' && name !== '..' && h.call('unlinkat', dfd, name, 0) === 0) removed++;
        off += len;
      }
    }
    expect(removed).toBe(61);
    expect(fs.readdirSync(path.join(host, 'inside'))).toEqual([]);
    h.call('umask', 0);
    h.call('close', h.call('open', '/mnt/h/wide', O.CREAT | O.WRONLY, 0o666));
    h.call('mkdir', '/mnt/h/widedir', 0o777);
    expect(fs.statSync(path.join(host, 'wide')).mode & 0o7777).toBe(0o666);
    expect(fs.statSync(path.join(host, 'widedir')).mode & 0o7777).toBe(0o777);
  });

  it('a :ro mount refuses every change with EROFS but reads fine', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/ro', readOnly: true }] });
    expect(tryRead(h, '/ro/inside/file.txt')).toBe('inside text');
    expect(h.call('open', '/ro/inside/file.txt', O.WRONLY)).toBe(E.EROFS);
    expect(h.call('open', '/ro/inside/file.txt', O.RDONLY | O.TRUNC)).toBe(E.EROFS);
    expect(h.call('open', '/ro/new', O.CREAT | O.WRONLY, 0o644)).toBe(E.EROFS);
    expect(h.call('mkdir', '/ro/d', 0o755)).toBe(E.EROFS);
    expect(h.call('mkdir', '/ro/inside', 0o755)).toBe(-17); // EEXIST is reported before EROFS
    expect(h.call('unlink', '/ro/inside/file.txt')).toBe(E.EROFS);
    expect(h.call('rename', '/ro/inside', '/ro/x')).toBe(E.EROFS);
    expect(h.call('symlink', 'x', '/ro/l')).toBe(E.EROFS);
    expect(h.call('chmod', '/ro/inside/file.txt', 0o600)).toBe(E.EROFS);
    expect(h.call('truncate', '/ro/inside/file.txt', 0)).toBe(E.EROFS);
    expect(h.call('access', '/ro/inside/file.txt', 2)).toBe(E.EROFS);
    expect(fs.readFileSync(path.join(host, 'inside', 'file.txt'), 'utf8')).toBe('inside text');
  });
});

describe('hostfs containment', () => {
  it('`..` at the mount root goes to the guest parent, never the host one', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(tryRead(h, '/mnt/h/../outside/secret.txt')).toBe('errno 2');
    expect(tryRead(h, '/mnt/h/../../outside/secret.txt')).toBe('errno 2');
    expect(h.call('chdir', '/mnt/h/inside')).toBe(0);
    expect(tryRead(h, '../../outside/secret.txt')).toBe('errno 2');
    expect(tryRead(h, '../../../../../../outside/secret.txt')).toBe('errno 2');
    expect(h.call('chdir', '/mnt/h')).toBe(0);
    expect(h.call('chdir', '..')).toBe(0);
    const buf = h.mem.alloc(64);
    const n = h.call('getcwd', buf, 64);
    expect(h.mem.text(buf, n - 1)).toBe('/mnt');
  });

  it('host symlinks are resolved in the guest tree: absolute targets are guest paths, climbing ones stop at the guest root', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(tryRead(h, '/mnt/h/escape_abs/secret.txt')).toBe('errno 2');
    expect(tryRead(h, '/mnt/h/escape_rel/secret.txt')).toBe('errno 2');
    expect(tryRead(h, `/mnt/h/escape_deep${outside}/secret.txt`)).toBe('errno 2');
    // When the guest tree does have the target path, the guest file is what is found.
    h.call('mkdir', '/mnt/outside', 0o755);
    const fd = h.call('open', '/mnt/outside/secret.txt', O.CREAT | O.WRONLY, 0o644);
    h.call('write', fd, 'guest file', 10);
    expect(tryRead(h, '/mnt/h/escape_rel/secret.txt')).toBe('guest file');
    // Opening the link itself with O_NOFOLLOW is ELOOP, not a host follow.
    expect(h.call('open', '/mnt/h/escape_abs', O.RDONLY | 0o400000)).toBe(-40);
  });

  it('guest-made symlinks pointing at host paths stay in the guest tree', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(h.call('symlink', outside, '/mnt/h/mine')).toBe(0);
    expect(fs.readlinkSync(path.join(host, 'mine'))).toBe(outside);
    expect(tryRead(h, '/mnt/h/mine/secret.txt')).toBe('errno 2');
    expect(h.call('symlink', '/', '/mnt/h/root')).toBe(0);
    expect(tryRead(h, `/mnt/h/root${outside}/secret.txt`)).toBe('errno 2');
  });

  it('a working directory whose host directory was renamed and replaced by a symlink is stale, not an escape', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(h.call('mkdir', '/mnt/h/a', 0o755)).toBe(0);
    expect(h.call('chdir', '/mnt/h/a')).toBe(0);
    // Behind the guest's back, the host swaps the directory for a link to the outside.
    fs.renameSync(path.join(host, 'a'), path.join(host, 'b'));
    fs.symlinkSync(outside, path.join(host, 'a'));
    expect(tryRead(h, 'secret.txt')).toBe('errno 2');
    expect(h.call('open', 'new', O.CREAT | O.WRONLY, 0o644)).toBe(E.ENOENT);
    expect(fs.existsSync(path.join(outside, 'new'))).toBe(false);
    const st = h.mem.alloc(144);
    expect(h.call('stat', '.', st)).toBe(E.ENOENT);
    // The same swap done by the guest itself.
    expect(h.call('chdir', '/mnt/h/b')).toBe(0);
    expect(h.call('rename', '/mnt/h/b', '/mnt/h/c')).toBe(0);
    expect(h.call('symlink', outside, '/mnt/h/b')).toBe(0);
    expect(tryRead(h, 'secret.txt')).toBe('errno 2');
    expect(h.call('mkdir', 'x', 0o755)).toBe(E.ENOENT);
    expect(fs.existsSync(path.join(outside, 'x'))).toBe(false);
  });

  it('an open directory fd whose host directory was replaced cannot be used to reach outside', () => {
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    const dfd = h.call('open', '/mnt/h/inside', O.RDONLY | O.DIRECTORY);
    fs.renameSync(path.join(host, 'inside'), path.join(host, 'moved'));
    fs.symlinkSync(outside, path.join(host, 'inside'));
    expect(h.call('openat', dfd, 'secret.txt', O.RDONLY)).toBe(E.ENOENT);
    expect(h.call('unlinkat', dfd, 'secret.txt', 0)).toBe(E.ENOENT);
    expect(fs.existsSync(path.join(outside, 'secret.txt'))).toBe(true);
  });

  it('host special files cannot be opened', () => {
    const fifo = path.join(host, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      console.warn('hostfs: FIFO case skipped — mkfifo is missing');
      return;
    }
    const h = new FsHarness({ mounts: [{ host, guest: '/mnt/h' }] });
    expect(h.call('open', '/mnt/h/fifo', O.RDONLY | 0o4000)).toBe(E.EACCES);
  });
});
