// The /proc and /dev files programs commonly read, through the syscalls a guest uses (open,
// read, fstat, getdents64, readlink) on a Kernel with a KernelFileSystem. Formats are compared
// with what the build machine's Linux 6.18 shows (quoted in each test); values come from the
// emulated kernel's own state (rlimits, the auxv the process holds, sethostname, the clock).

import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../testing/harness.js';
import { KernelFileSystem } from '../kernel-fs.js';
import { syscalls as fsSyscalls } from '../../syscalls/decl/fs.js';
import { FakeHostIo } from '../../syscalls/decl/fs-test-kit.js';
import { ProcessUserMemory } from '../../mm/user-memory.js';
import { Resource } from '../../process/rlimits.js';
import { arm64CpuinfoText, arm64Features, meminfoText, uptimeText, x86CpuFlags } from './system-files.js';
import { auxvBytes } from './pid-files.js';

function setup(opts: { memTotalBytes?: number; arch?: 'x86_64' | 'arm64' } = {}): Harness {
  const vfs = new KernelFileSystem({ hostIo: new FakeHostIo(), cwd: '/tmp', ...(opts.memTotalBytes ? { memTotalBytes: opts.memTotalBytes } : {}) });
  return makeHarness({ vfs, extraSyscalls: fsSyscalls, ...(opts.arch ? { arch: opts.arch } : {}) });
}

const mem = (h: Harness) => new ProcessUserMemory(h.process.mm);

function putString(h: Harness, at: number, s: string): number {
  if (!mem(h).write(at, Buffer.from(s + '\0', 'latin1'))) throw new Error('cannot write scratch');
  return at;
}

function openPath(h: Harness, path: string, flags = 0): number {
  return Number(h.ret('openat', -100, putString(h, h.scratch, path), flags, 0));
}

/** The whole file, read in small pieces (as cat would). */
function readAll(h: Harness, path: string): Buffer {
  const fd = openPath(h, path);
  expect(fd, path).toBeGreaterThanOrEqual(0);
  const parts: Buffer[] = [];
  for (;;) {
    const n = Number(h.ret('read', fd, h.scratch + 4096, 1000));
    expect(n).toBeGreaterThanOrEqual(0);
    if (n === 0) break;
    parts.push(Buffer.from(mem(h).read(h.scratch + 4096, n)!));
  }
  h.ret('close', fd);
  return Buffer.concat(parts);
}

const text = (h: Harness, path: string) => readAll(h, path).toString('latin1');

/** fstat → [st_mode, st_nlink, st_rdev] (x86-64 struct stat). */
function statOf(h: Harness, path: string, flags = 0x200000 /* O_PATH */): [number, number, number] {
  const fd = openPath(h, path, flags);
  expect(fd, path).toBeGreaterThanOrEqual(0);
  expect(h.ret('fstat', fd, h.scratch + 8192)).toBe(0n);
  const v = new DataView(mem(h).read(h.scratch + 8192, 144)!.buffer);
  h.ret('close', fd);
  return [v.getUint32(24, true), Number(v.getBigUint64(16, true)), Number(v.getBigUint64(40, true))];
}

function lstatMode(h: Harness, path: string): number {
  return statOf(h, path, 0x200000 | 0x20000 /* O_NOFOLLOW */)[0];
}

describe('/dev', () => {
  it('full, random: char devices 0666 with makedev(1,7) and (1,8); full reads zeros, writes ENOSPC', () => {
    const h = setup();
    expect(statOf(h, '/dev/full')).toEqual([0o20666, 1, 0x107]);
    expect(statOf(h, '/dev/random')[2]).toBe(0x108);
    const fd = openPath(h, '/dev/full', 2);
    expect(h.ret('write', fd, h.scratch, 1)).toBe(-28n);
    mem(h).write(h.scratch + 512, new Uint8Array([1, 2, 3, 4]));
    expect(h.ret('read', fd, h.scratch + 512, 4)).toBe(4n);
    expect([...mem(h).read(h.scratch + 512, 4)!]).toEqual([0, 0, 0, 0]);
    const r = openPath(h, '/dev/random');
    expect(h.ret('read', r, h.scratch + 512, 64)).toBe(64n);
  });

  it('stdin, stdout, stderr, fd link into /proc/self; shm is a sticky 1777 directory', () => {
    const h = setup();
    const link = (p: string) => {
      const n = Number(h.ret('readlinkat', -100, putString(h, h.scratch, p), h.scratch + 512, 64));
      return Buffer.from(mem(h).read(h.scratch + 512, n)!).toString();
    };
    expect(link('/dev/stdin')).toBe('/proc/self/fd/0');
    expect(link('/dev/stdout')).toBe('/proc/self/fd/1');
    expect(link('/dev/stderr')).toBe('/proc/self/fd/2');
    expect(link('/dev/fd')).toBe('/proc/self/fd');
    expect(lstatMode(h, '/dev/stdin')).toBe(0o120777);
    expect(statOf(h, '/dev/shm')[0]).toBe(0o41777);
  });
});

describe('/proc/self', () => {
  it('auxv is the process auxv as 16-byte pairs ending in AT_NULL, mode 0400', () => {
    const h = setup();
    h.process.auxv = [{ type: 6, value: 4096n }, { type: 17, value: 100n }, { type: 0, value: 0n }];
    const b = readAll(h, '/proc/self/auxv');
    expect(b.length).toBe(48);
    expect(b.readBigUint64LE(0)).toBe(6n);
    expect(b.readBigUint64LE(8)).toBe(4096n);
    expect(b.readBigUint64LE(16)).toBe(17n);
    expect(b.readBigUint64LE(32)).toBe(0n);
    expect(statOf(h, '/proc/self/auxv')[0]).toBe(0o100400);
    // a missing AT_NULL is added, as saved_auxv always ends with one
    expect(auxvBytes([{ type: 6, value: 4096n }]).length).toBe(32);
  });

  it('limits: the header and one line per rlimit from the process (setrlimit shows)', () => {
    const h = setup();
    h.process.rlimits.set(Resource.RLIMIT_NOFILE, { cur: 256n, max: 4096n });
    const lines = text(h, '/proc/self/limits').split('\n');
    // Linux 6.18: "Limit                     Soft Limit           Hard Limit           Units     "
    expect(lines[0]).toBe('Limit                     Soft Limit           Hard Limit           Units     ');
    expect(lines[1]).toBe('Max cpu time              unlimited            unlimited            seconds   ');
    expect(lines[8]).toBe('Max open files            256                  4096                 files     ');
    // no unit for nice / rtprio: the line ends after the hard limit's padding
    expect(lines[14]).toBe('Max nice priority         0                    0                    ');
    expect(lines.length).toBe(18);
  });

  it('fdinfo/N: pos, flags with O_CLOEXEC and O_LARGEFILE in octal, mnt_id, ino; dir 0555', () => {
    const h = setup();
    const fd = openPath(h, '/dev/null', 0o2000000);
    h.ret('lseek', fd, 0, 0);
    const t = text(h, `/proc/self/fdinfo/${fd}`);
    expect(t).toMatch(/^pos:\t0\nflags:\t02100000\nmnt_id:\t\d+\nino:\t\d+\n$/);
    const noCloexec = openPath(h, '/dev/null', 2);
    expect(text(h, `/proc/self/fdinfo/${noCloexec}`)).toMatch(/^pos:\t0\nflags:\t0100002\n/);
    expect(statOf(h, '/proc/self/fdinfo')[0]).toBe(0o40555);
    expect(statOf(h, `/proc/self/fdinfo/${fd}`)[0]).toBe(0o100444);
    expect(openPath(h, '/proc/self/fdinfo/99')).toBe(-2);
  });

  it('fdinfo shows arm64 flag values to an arm64 process (O_LARGEFILE 0400000)', () => {
    const h = setup({ arch: 'arm64' });
    const fd = openPath(h, '/dev/null', 0);
    expect(text(h, `/proc/self/fdinfo/${fd}`)).toMatch(/^pos:\t0\nflags:\t0400000\n/);
  });

  it('statm: seven numbers, size covering the mappings, lib and dt 0', () => {
    const h = setup();
    const f = text(h, '/proc/self/statm').trim().split(' ').map(Number);
    expect(f.length).toBe(7);
    expect(f[0]).toBeGreaterThanOrEqual(16); // the 64 KiB scratch mapping
    expect(f[4]).toBe(0);
    expect(f[6]).toBe(0);
  });

  it('task/ has one directory per live thread with the same files; nlink 2 + threads', () => {
    const h = setup();
    const tid = h.thread.tid;
    expect(statOf(h, '/proc/self/task')[1]).toBe(3);
    expect(text(h, `/proc/self/task/${tid}/comm`)).toBe(text(h, '/proc/self/comm'));
    expect(text(h, `/proc/self/task/${tid}/limits`)).toBe(text(h, '/proc/self/limits'));
    expect(openPath(h, `/proc/self/task/${tid}/task`)).toBe(-2);
    expect(openPath(h, `/proc/self/task/${tid + 1000}`)).toBe(-2);
    const fd = openPath(h, '/proc/self/task', 0o200000);
    const n = Number(h.ret('getdents64', fd, h.scratch + 1024, 4096));
    const names = Buffer.from(mem(h).read(h.scratch + 1024, n)!).toString('latin1');
    expect(names).toContain(`${tid}\0`);
  });

  it('task/ follows thread creation: a second thread gets its directory and nlink grows', () => {
    const h = setup();
    const second = h.kernel.createThread(h.process, h.thread);
    expect(statOf(h, '/proc/self/task')[1]).toBe(4);
    const fd = openPath(h, '/proc/self/task', 0o200000);
    const n = Number(h.ret('getdents64', fd, h.scratch + 1024, 4096));
    const names = Buffer.from(mem(h).read(h.scratch + 1024, n)!).toString('latin1');
    expect(names).toContain(`${h.thread.tid}\0`);
    expect(names).toContain(`${second.tid}\0`);
    expect(text(h, `/proc/self/task/${second.tid}/status`)).toMatch(/^Threads:\t2$/m);
    expect(text(h, '/proc/loadavg')).toMatch(/ \d\/2 /);
    // /proc/<tid> of the non-leader thread: found by lookup, not listed in /proc
    expect(text(h, `/proc/${second.tid}/comm`)).toBe(text(h, '/proc/self/comm'));
    const root = openPath(h, '/proc', 0o200000);
    const m = Number(h.ret('getdents64', root, h.scratch + 1024, 8192));
    expect(Buffer.from(mem(h).read(h.scratch + 1024, m)!).toString('latin1')).not.toContain(`${second.tid}\0`);
  });
});

describe('system-wide /proc files', () => {
  it('version and sys/kernel follow uname (sethostname shows in hostname)', () => {
    const h = setup();
    const release = h.kernel.release;
    expect(text(h, '/proc/version')).toMatch(new RegExp(`^Linux version ${release.replace(/\./g, '\\.')} \\(`));
    expect(text(h, '/proc/sys/kernel/ostype')).toBe('Linux\n');
    expect(text(h, '/proc/sys/kernel/osrelease')).toBe(`${release}\n`);
    expect(text(h, '/proc/sys/kernel/hostname')).toBe('vsys\n');
    putString(h, h.scratch + 600, 'guesthost');
    expect(h.ret('sethostname', h.scratch + 600, 9)).toBe(0n);
    expect(text(h, '/proc/sys/kernel/hostname')).toBe('guesthost\n');
    // a write to hostname is uname's nodename (proc_dostring: up to the newline)
    const w = openPath(h, '/proc/sys/kernel/hostname', 1);
    putString(h, h.scratch + 600, 'fromproc\nrest');
    expect(h.ret('write', w, h.scratch + 600, 13)).toBe(13n);
    expect(h.ret('uname', h.scratch + 2048)).toBe(0n);
    expect(Buffer.from(mem(h).read(h.scratch + 2048 + 65, 9)!).toString('latin1')).toBe('fromproc\0');
    // strict mode: the next write goes at the file position (13), past the 8-byte string: ignored
    putString(h, h.scratch + 600, '2');
    expect(h.ret('write', w, h.scratch + 600, 1)).toBe(1n);
    expect(text(h, '/proc/sys/kernel/hostname')).toBe('fromproc\n');
    // writes at the end of the string append to it
    const a = openPath(h, '/proc/sys/kernel/hostname', 1);
    putString(h, h.scratch + 600, 'ab');
    expect(h.ret('write', a, h.scratch + 600, 2)).toBe(2n);
    putString(h, h.scratch + 600, 'cd\n');
    expect(h.ret('write', a, h.scratch + 600, 3)).toBe(3n);
    expect(text(h, '/proc/sys/kernel/hostname')).toBe('abcd\n');
    expect(text(h, '/proc/sys/kernel/pid_max')).toBe('32768\n');
    expect(text(h, '/proc/sys/fs/pipe-max-size')).toBe('1048576\n');
    // Linux 6.18: ostype/osrelease 0444, hostname/pid_max/pipe-max-size 0644
    expect(statOf(h, '/proc/sys/kernel/ostype')[0]).toBe(0o100444);
    expect(statOf(h, '/proc/sys/kernel/hostname')[0]).toBe(0o100644);
    expect(statOf(h, '/proc/sys/fs/pipe-max-size')[0]).toBe(0o100644);
    expect(statOf(h, '/proc/sys/kernel')[0]).toBe(0o40555);
  });

  it('uptime follows the kernel clock; loadavg counts threads and the last pid', () => {
    const h = setup();
    expect(text(h, '/proc/uptime')).toMatch(/^\d+\.\d\d 0\.00\n$/);
    expect(uptimeText(123_456_789_012n)).toBe('123.45 0.00\n');
    expect(uptimeText(5_000_000n)).toBe('0.00 0.00\n');
    expect(text(h, '/proc/loadavg')).toBe(`0.00 0.00 0.00 1/1 ${h.process.pid}\n`);
  });

  it('meminfo: MemTotal is the configured RAM, MemFree + used = total, kB columns as Linux', () => {
    const h = setup({ memTotalBytes: 64 * 1024 * 1024 });
    const t = text(h, '/proc/meminfo');
    const lines = t.split('\n');
    // Linux: "MemTotal:       24683656 kB"
    expect(lines[0]).toBe('MemTotal:          65536 kB');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(t)![1]);
    expect(kb('MemFree')).toBeLessThanOrEqual(65536);
    expect(kb('MemFree') + kb('AnonPages')).toBe(65536);
    expect(kb('MemAvailable')).toBe(kb('MemFree'));
    expect(meminfoText(1 << 30, 0).split('\n')[0]).toBe('MemTotal:        1048576 kB');
    expect(text(setup(), '/proc/meminfo')).toMatch(/^MemTotal:\s+262144 kB$/m);
  });

  it('cpuinfo: x86 flags are the emulated CPUID bits; arm64 Features are the HWCAP bits', () => {
    const h = setup();
    const t = text(h, '/proc/cpuinfo');
    expect(t).toMatch(/^processor\t: 0$/m);
    expect(t).toMatch(/^vendor_id\t: GenuineIntel$/m);
    expect(t).toMatch(/^model name\t: vsys virtual x86-64 CPU$/m);
    const flags = /^flags\t\t: (.*)$/m.exec(t)![1]!.split(' ');
    expect(flags).toEqual(x86CpuFlags());
    expect(flags).toEqual(expect.arrayContaining(['tsc', 'cmov', 'cx16', 'popcnt', 'syscall', 'nx', 'lm']));
    expect(flags).not.toContain('sse2');
    expect(arm64Features(0b11n | (1n << 7n))).toEqual(['fp', 'asimd', 'crc32']);
    const a = setup({ arch: 'arm64' });
    a.process.auxv = [{ type: 16, value: 0b11n }, { type: 0, value: 0n }];
    expect(text(a, '/proc/cpuinfo')).toBe(arm64CpuinfoText(0b11n));
    expect(text(a, '/proc/cpuinfo')).toMatch(/^Features\t: fp asimd$/m);
  });

  it('the new entries are listed in /proc and new names under /proc/sys are ENOENT', () => {
    const h = setup();
    const fd = openPath(h, '/proc', 0o200000);
    const n = Number(h.ret('getdents64', fd, h.scratch + 1024, 8192));
    const names = Buffer.from(mem(h).read(h.scratch + 1024, n)!).toString('latin1');
    for (const name of ['cpuinfo', 'loadavg', 'meminfo', 'uptime', 'version', 'sys']) expect(names).toContain(`${name}\0`);
    expect(openPath(h, '/proc/sys/kernel/nothing')).toBe(-2);
    // Linux: open("/proc/sys/kernel/ostype", O_WRONLY) as root is EACCES (0444 sysctl)
    expect(openPath(h, '/proc/sys/kernel/ostype', 1)).toBe(-13);
  });
});
