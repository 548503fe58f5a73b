// The i386 ABI of the file syscalls against the host kernel: fs-oracle-i386.c issues them with
// `int $0x80` from a 64-bit process (Linux's compat entry, the same path vsys's x86-64 machine
// takes for int $0x80) and dumps the bytes the kernel wrote into 0xee-filled buffers; vsys runs
// the same calls on the i386 table and must write the same bytes — struct stat64 and the old
// struct stat field by field, including the padding Linux leaves untouched — except the fields
// that name this particular inode or moment (st_dev, st_ino, the times).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsHarness } from './fs-test-kit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const canRun = process.platform === 'linux' && process.arch === 'x64' && spawnSync('gcc', ['--version']).status === 0;
if (!canRun) console.warn('fs-i386: skipped — needs gcc on an x86-64 Linux host');

let work = '';
let probe = '';
beforeAll(() => {
  if (!canRun) return;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vsys-fs-i386-'));
  probe = path.join(work, 'probe');
  execFileSync('gcc', ['-static', '-no-pie', '-O1', '-o', probe, path.join(here, 'fs-oracle-i386.c')]);
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Byte ranges that identify the inode or the moment, not the layout: [start, end). */
const MASKS: Record<string, [number, number][]> = {
  stat64: [[0, 8], [12, 16], [64, 96]],
  fstat64: [[0, 8], [12, 16], [64, 96]],
  lstat64: [[0, 8], [12, 16], [64, 96]],
  fstatat64: [[0, 8], [12, 16], [64, 96]],
  stat: [[0, 8], [32, 56]],
  fstat: [[0, 8], [32, 56]],
  lstat: [[0, 8], [32, 56]],
};

function masked(line: string): string {
  const [what, r, hex] = line.split(' ');
  const ranges = MASKS[what!];
  if (!ranges || hex === undefined) return line;
  const chars = hex.split('');
  for (const [a, b] of ranges) for (let i = a * 2; i < b * 2; i++) chars[i] = '.';
  return `${what} ${r} ${chars.join('')}`;
}

function runVsys(): string[] {
  const h = new FsHarness({ abi: 'i386' });
  h.call('mkdir', '/tmp/w', 0o755);
  h.call('chdir', '/tmp/w');
  const out: string[] = [];
  const buf = h.mem.alloc(512);
  const fill = (): void => {
    h.mem.write(buf, new Uint8Array(512).fill(0xee));
  };
  const hex = (n: number): string => Buffer.from(h.mem.get(buf, n)).toString('hex');
  const dump = (what: string, r: number, n: number): void => {
    out.push(r >= 0 ? `${what} ${r} ${hex(n)}` : `${what} ${r}`);
  };
  const fd = h.call('open', 'f386', 0o102, 0o640);
  out.push(`open ${fd}`);
  out.push(`write ${h.call('write', fd, 'hello i386', 10)}`);
  fill(); dump('fstat64', h.call('fstat64', fd, buf), 100);
  fill(); dump('stat64', h.call('stat64', 'f386', buf), 100);
  fill(); dump('stat', h.call('stat', 'f386', buf), 68);
  fill(); dump('fstat', h.call('fstat', fd, buf), 68);
  out.push(`symlink ${h.call('symlink', 'f386', 'l386')}`);
  fill(); dump('lstat64', h.call('lstat64', 'l386', buf), 100);
  fill(); dump('lstat', h.call('lstat', 'l386', buf), 68);
  fill(); dump('fstatat64', h.call('newfstatat', -100, 'l386', buf, 0x100), 100);
  fill(); dump('_llseek', h.call('_llseek', fd, 0, 3, buf, 0), 8);
  fill(); dump('_llseek_end', h.call('_llseek', fd, 0, 0, buf, 2), 8);
  out.push(`_llseek_neg ${h.call('_llseek', fd, 0xffffffff, 0, buf, 0)}`);
  out.push(`lseek ${h.call('lseek', fd, 4, 0)}`);
  out.push(`lseek_bad ${h.call('lseek', fd, 0, 9)}`);
  out.push(`fcntl64 ${h.call('fcntl64', fd, 3, 0)}`);
  out.push(`fcntl ${h.call('fcntl', fd, 3, 0)}`);
  fill(); dump('pread64', h.call('pread64', fd, buf, 4, 6, 0), 4);
  out.push(`mkdir ${h.call('mkdir', 'd386', 0o755)}`);
  const d = h.call('open', '.', 0o200000);
  fill();
  const n = h.call('getdents', d, buf, 512);
  out.push(`getdents ${n}`);
  for (let off = 0; off < n;) {
    const rec = h.mem.get(buf + off, 512 - off);
    const reclen = rec[8]! | (rec[9]! << 8);
    const name = Buffer.from(rec.subarray(10, rec.indexOf(0, 10))).toString('latin1');
    out.push(`dirent reclen=${reclen} name=${name} type=${rec[reclen - 1]}`);
    off += reclen;
  }
  out.push(`getdents_small ${h.call('getdents', d, buf, 8)}`);
  return out;
}

describe.skipIf(!canRun)('i386 file syscalls (int $0x80) agree with the host kernel', () => {
  it('struct stat64, old struct stat, _llseek, fcntl64, pread64, old getdents', () => {
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    const dir = fs.mkdtempSync(path.join(base, 'vsys-i386-case-'));
    let native: string[];
    try {
      native = execFileSync(probe, [], { cwd: dir, encoding: 'latin1' }).split('\n').slice(0, -1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // getdents order is the filesystem's; compare records as a set.
    const norm = (lines: string[]): string[] => {
      const dirents = lines.filter((l) => l.startsWith('dirent ')).sort();
      return [...lines.filter((l) => !l.startsWith('dirent ')).map(masked), ...dirents];
    };
    expect(norm(runVsys())).toEqual(norm(native));
  });
});
