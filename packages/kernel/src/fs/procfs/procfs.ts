// procfs (fs/proc/, proc(5)): files generated from kernel state when they are opened.
//   /proc/self            symlink to the caller's pid ("/proc/self" → "<pid>")
//   /proc/<pid>/exe, cwd, root   magic links: readlink shows the path, following them jumps
//                         straight to the file (even a deleted one)
//   /proc/<pid>/fd/<n>    magic links to each open file ("pipe:[ino]" for pipes)
//   /proc/<pid>/maps      the memory map, text supplied by the kernel core
//   /proc/<pid>/status, comm, mounts;  /proc/mounts
//   /proc/<pid>/auxv, limits, statm, fdinfo/<n>, task/<tid>/… (pid-files.ts)
//   /proc/uptime, version, loadavg, meminfo, cpuinfo (system-files.ts)
//   /proc/sys/kernel/{ostype,osrelease,hostname,pid_max}, /proc/sys/fs/pipe-max-size
// Regular proc files report st_size 0 and are read from a snapshot taken at open.

import { storedOrFault } from '../../vfs/file.js';
import { Inode, type DirEntry, type SuperBlock, type Timespec } from '../../vfs/inode.js';
import { ENOENT, EACCES, type Err } from '../../vfs/errno.js';
import { S_IFDIR, S_IFLNK, S_IFREG, S_IFMT } from '../../vfs/constants.js';
import type { OpenFile, FileOps } from '../../vfs/file.js';
import type { Path } from '../../vfs/dentry.js';
import type { MagicLink } from '../../vfs/namei.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { directoryOps } from '../../vfs/directory-file.js';
import type { Process } from '../../process/process.js';
import { auxvBytes, fdinfoText, limitsText, statmText } from './pid-files.js';
import { arm64CpuinfoText, loadavgText, meminfoText, uptimeText, versionText, x86CpuinfoText, type UtsFields } from './system-files.js';

/** What procfs needs from the kernel core. */
export interface ProcSource {
  /** The process making the current call (what /proc/self names). */
  current(): Process | null;
  get(pid: number): Process | undefined;
  pids(): number[];
  /** /proc/PID/maps text. */
  maps(process: Process): string;
  /** /proc/mounts text. */
  mounts(process: Process): string;
  /** d_path of a place as `process` sees it. */
  pathOf(process: Process, place: Path): string;
  /** The process's executable (/proc/PID/exe). */
  exe(process: Process): Path | Err;
  /** CLOCK_MONOTONIC in ns (/proc/uptime); absent: 0. */
  uptimeNs?(): bigint;
  /** uname's release, version and nodename (/proc/version, /proc/sys/kernel/*). */
  uts?(): UtsFields;
  /** Guest RAM in bytes (/proc/meminfo MemTotal); absent: 256 MiB, vrun's default. */
  memTotalBytes?(): number;
  /** Sets uname's nodename (a write to /proc/sys/kernel/hostname); absent: not writable. */
  setHostname?(name: string): void;
}

/** vrun's default --max-memory. */
const DEFAULT_RAM = 256 * 1024 * 1024;
/** pid_max: PID_MAX_DEFAULT (include/linux/threads.h), what a 1-CPU machine boots with. */
const PID_MAX = 32768;
/** fs/pipe.c pipe_max_size: 1 MiB. */
const PIPE_MAX_SIZE = 1048576;
const DEFAULT_UTS: UtsFields = { release: '6.18.0-vsys', version: '#1 SMP PREEMPT_DYNAMIC vsys', hostname: 'vsys' };

export class ProcSuperBlock implements SuperBlock {
  readonly fsType = 'proc';
  /** PROC_SUPER_MAGIC. */
  readonly magic = 0x9fa0;
  readonly readOnly = false;
  private readonly inos = new Map<string, number>();

  constructor(readonly dev: number, readonly now: () => Timespec, readonly source: ProcSource) {}

  /** A stable inode number per proc object. */
  inoOf(key: string): number {
    let ino = this.inos.get(key);
    if (ino === undefined) {
      ino = this.inos.size + 2;
      this.inos.set(key, ino);
    }
    return ino;
  }

  makeRoot(): ProcInode {
    return new ProcRoot(this);
  }
}

abstract class ProcInode extends Inode {
  readonly ino: number;
  mode: number;

  constructor(readonly sb: ProcSuperBlock, readonly key: string, mode: number) {
    super();
    this.ino = sb.inoOf(key);
    this.mode = mode;
    const t = sb.now();
    this.atime = this.mtime = this.ctime = t;
  }

  get size(): number {
    return 0;
  }

  override sameAs(other: Inode): boolean {
    return other instanceof ProcInode && other.key === this.key;
  }
}

abstract class ProcDir extends ProcInode {
  constructor(sb: ProcSuperBlock, key: string, mode = S_IFDIR | 0o555) {
    super(sb, key, mode);
    this.nlink = 2;
  }

  abstract children(): ProcInode[] | Err;
  abstract names(): string[];
  abstract child(name: string): ProcInode | Err;
  abstract parentIno(): number;

  override lookup(name: string): Inode | Err {
    return this.child(name);
  }

  // proc's lookup fails missing names with ENOENT instead of leaving a negative dentry, so every
  // call that would create a name here reports ENOENT (measured: mkdir, creat, symlink, link,
  // mknod and rename into /proc); unlink and rmdir of an existing entry get EPERM (the default).
  override create(): Inode | Err { return -ENOENT; }
  override mkdir(): Inode | Err { return -ENOENT; }
  override symlink(): Inode | Err { return -ENOENT; }
  override mknod(): Inode | Err { return -ENOENT; }
  override link(): number { return -ENOENT; }
  override rename(): number { return -ENOENT; }

  override readdir(): DirEntry[] | Err {
    const out: DirEntry[] = [
      { name: '.', ino: this.ino, type: S_IFDIR },
      { name: '..', ino: this.parentIno(), type: S_IFDIR },
    ];
    for (const name of this.names()) {
      const c = this.child(name);
      if (typeof c !== 'number') out.push({ name, ino: c.ino, type: c.mode & S_IFMT });
    }
    return out;
  }

  override open(file: OpenFile): number {
    file.ops = directoryOps;
    return 0;
  }
}

class ProcRoot extends ProcDir {
  constructor(sb: ProcSuperBlock) {
    super(sb, 'root');
  }
  children(): ProcInode[] {
    return [];
  }
  parentIno(): number {
    return this.ino;
  }
  names(): string[] {
    return ['self', 'mounts', ...ROOT_FILES, 'sys', ...this.sb.source.pids().map(String)];
  }
  child(name: string): ProcInode | Err {
    if (name === 'self') return new ProcSelf(this.sb);
    if (name === 'mounts') return new ProcSymlinkText(this.sb, 'mounts', () => 'self/mounts');
    if (name === 'sys') return sysDir(this.sb);
    if ((ROOT_FILES as readonly string[]).includes(name)) return rootFile(this.sb, name as (typeof ROOT_FILES)[number]);
    if (/^[1-9][0-9]*$/.test(name)) {
      const pid = Number(name);
      if (this.sb.source.get(pid)) return new ProcPidDir(this.sb, pid);
      // A non-leader thread's tid is not listed but can be looked up (proc_pid_lookup finds any
      // task): vsys shows that thread's task/TID directory there.
      for (const leader of this.sb.source.pids()) {
        const p = this.sb.source.get(leader);
        if (p?.liveThreads().some((t) => t.tid === pid)) return new ProcPidDir(this.sb, leader, pid);
      }
    }
    return -ENOENT;
  }
}

/** A plain symlink whose text is computed. */
class ProcSymlinkText extends ProcInode {
  constructor(sb: ProcSuperBlock, key: string, private readonly text: () => string | Err) {
    super(sb, key, S_IFLNK | 0o777);
  }
  override readlink(): string | Err {
    return this.text();
  }
}

class ProcSelf extends ProcSymlinkText {
  constructor(sb: ProcSuperBlock) {
    super(sb, 'self', () => {
      const p = sb.source.current();
      return p ? String(p.pid) : -ENOENT;
    });
  }
}

const ROOT_FILES = ['cpuinfo', 'loadavg', 'meminfo', 'uptime', 'version'] as const;

function utsOf(sb: ProcSuperBlock): UtsFields {
  return sb.source.uts?.() ?? DEFAULT_UTS;
}

/** The system-wide files at the top of /proc (all 0444). */
function rootFile(sb: ProcSuperBlock, name: (typeof ROOT_FILES)[number]): ProcInode {
  const src = sb.source;
  const gen: Record<(typeof ROOT_FILES)[number], () => string> = {
    uptime: () => uptimeText(src.uptimeNs?.() ?? 0n),
    version: () => versionText(utsOf(sb)),
    loadavg: () => {
      const procs = src.pids().map((pid) => src.get(pid)).filter((p): p is Process => p !== undefined);
      const threads = procs.flatMap((p) => p.liveThreads());
      const running = threads.filter((t) => t.state === 'running' || t.state === 'runnable').length;
      return loadavgText(running, threads.length, Math.max(0, ...src.pids()));
    },
    meminfo: () => {
      const used = src.pids().map((pid) => src.get(pid)?.mm?.areas ?? []).flat()
        .filter((a) => a.prot.write && !a.shared).reduce((n, a) => n + (a.end - a.start), 0);
      return meminfoText(src.memTotalBytes?.() ?? DEFAULT_RAM, used);
    },
    cpuinfo: () => {
      const p = src.current();
      if (p?.arch !== 'arm64') return x86CpuinfoText();
      return arm64CpuinfoText(p.auxv.find((e) => e.type === AT_HWCAP)?.value ?? 0n);
    },
  };
  return new ProcText(sb, name, gen[name]);
}

/** AT_HWCAP (include/uapi/linux/auxvec.h). */
const AT_HWCAP = 16;

/** A directory with a fixed list of entries. */
class ProcStaticDir extends ProcDir {
  constructor(sb: ProcSuperBlock, key: string, private readonly parentKey: string, private readonly entries: Record<string, () => ProcInode>, nlink = 2) {
    super(sb, key);
    this.nlink = nlink;
  }
  children(): ProcInode[] {
    return [];
  }
  parentIno(): number {
    return this.sb.inoOf(this.parentKey);
  }
  names(): string[] {
    return Object.keys(this.entries);
  }
  child(name: string): ProcInode | Err {
    const make = Object.hasOwn(this.entries, name) ? this.entries[name] : undefined;
    return make ? make() : -ENOENT;
  }
}

/** A /proc/sys file (ProcSysctl, below). */
function sysctl(sb: ProcSuperBlock, key: string, mode: number, value: () => string, store?: (text: string) => void): ProcInode {
  const f = new ProcSysctl(sb, key, () => `${value()}\n`, store ? { current: value, store } : undefined);
  f.mode = S_IFREG | mode;
  return f;
}

/** /proc/sys: proc_sys_root; Linux reports nlink 1 for the sysctl directories. */
function sysDir(sb: ProcSuperBlock): ProcInode {
  return new ProcStaticDir(sb, 'sys', 'root', {
    fs: () => new ProcStaticDir(sb, 'sys:fs', 'sys', {
      'pipe-max-size': () => sysctl(sb, 'sys:fs:pipe-max-size', 0o644, () => String(PIPE_MAX_SIZE)),
    }, 1),
    kernel: () => new ProcStaticDir(sb, 'sys:kernel', 'sys', {
      hostname: () => sysctl(sb, 'sys:kernel:hostname', 0o644, () => utsOf(sb).hostname,
        sb.source.setHostname ? (name) => sb.source.setHostname!(name) : undefined),
      osrelease: () => sysctl(sb, 'sys:kernel:osrelease', 0o444, () => utsOf(sb).release),
      ostype: () => sysctl(sb, 'sys:kernel:ostype', 0o444, () => 'Linux'),
      pid_max: () => sysctl(sb, 'sys:kernel:pid_max', 0o644, () => String(PID_MAX)),
    }, 1),
  }, 1);
}

const PID_FILES = ['auxv', 'cmdline', 'comm', 'cwd', 'environ', 'exe', 'fd', 'fdinfo', 'limits', 'maps', 'mounts', 'root', 'stat', 'statm', 'status', 'task'];

/** /proc/PID, or /proc/PID/task/TID when `tid` is given (the same files, without task/). */
class ProcPidDir extends ProcDir {
  constructor(sb: ProcSuperBlock, readonly pid: number, readonly tid: number | null = null) {
    super(sb, tid === null ? `pid:${pid}` : `pid:${pid}:task:${tid}`);
  }
  private proc(): Process | undefined {
    const p = this.sb.source.get(this.pid);
    if (p && this.tid !== null && !p.liveThreads().some((t) => t.tid === this.tid)) return undefined;
    return p;
  }
  children(): ProcInode[] {
    return [];
  }
  parentIno(): number {
    return this.sb.inoOf(this.tid === null ? 'root' : `pid:${this.pid}:task`);
  }
  names(): string[] {
    if (!this.proc()) return [];
    return this.tid === null ? PID_FILES : PID_FILES.filter((n) => n !== 'task');
  }
  child(name: string): ProcInode | Err {
    const proc = this.proc();
    if (!proc) return -ENOENT;
    const sb = this.sb;
    const key = `${this.key}:${name}`;
    switch (name) {
      case 'fd':
        return new ProcFdDir(sb, this.pid);
      case 'fdinfo':
        return new ProcFdDir(sb, this.pid, true);
      case 'task':
        return this.tid === null ? new ProcTaskDir(sb, this.pid) : -ENOENT;
      case 'auxv': {
        const f = new ProcText(sb, key, () => auxvBytes(proc.auxv));
        f.mode = S_IFREG | 0o400;
        return f;
      }
      case 'limits':
        return new ProcText(sb, key, () => limitsText(proc));
      case 'statm':
        return new ProcText(sb, key, () => statmText(proc));
      case 'exe':
        return new ProcMagicLink(sb, key, () => magicExe(sb, proc));
      case 'cwd':
        return new ProcMagicLink(sb, key, () => (proc.fs instanceof FsContext ? proc.fs.cwd : -ENOENT));
      case 'root':
        return new ProcMagicLink(sb, key, () => (proc.fs instanceof FsContext ? proc.fs.root : -ENOENT));
      case 'maps':
        return new ProcText(sb, key, () => sb.source.maps(proc));
      case 'mounts':
        return new ProcText(sb, key, () => sb.source.mounts(proc));
      case 'comm':
        return new ProcText(sb, key, () => `${proc.comm}\n`);
      case 'status':
        return new ProcText(sb, key, () => statusText(proc));
      case 'stat':
        return new ProcText(sb, key, () => statText(proc));
      case 'cmdline':
        // Each argument with its NUL, as the kernel copies the argv area (proc_pid_cmdline_read).
        return new ProcText(sb, key, () => proc.argv.map((s) => s + '\0').join(''));
      case 'environ': {
        const f = new ProcText(sb, key, () => proc.envp.map((s) => s + '\0').join(''));
        f.mode = S_IFREG | 0o400;
        return f;
      }
      default:
        return -ENOENT;
    }
  }
}

/** /proc/PID/exe: the executable's path, resolved in the process's own tree. */
function magicExe(sb: ProcSuperBlock, proc: Process): Path | Err {
  return sb.source.exe(proc);
}

/** /proc/PID/task: one directory per live thread (proc_task_readdir); nlink 2 + threads. */
class ProcTaskDir extends ProcDir {
  constructor(sb: ProcSuperBlock, readonly pid: number) {
    super(sb, `pid:${pid}:task`);
    this.nlink = 2 + (sb.source.get(pid)?.liveThreads().length ?? 0);
  }
  children(): ProcInode[] {
    return [];
  }
  parentIno(): number {
    return this.sb.inoOf(`pid:${this.pid}`);
  }
  names(): string[] {
    return (this.sb.source.get(this.pid)?.liveThreads() ?? []).map((t) => String(t.tid));
  }
  child(name: string): ProcInode | Err {
    if (!/^[1-9][0-9]*$/.test(name)) return -ENOENT;
    const tid = Number(name);
    if (!this.sb.source.get(this.pid)?.liveThreads().some((t) => t.tid === tid)) return -ENOENT;
    return new ProcPidDir(this.sb, this.pid, tid);
  }
}

/** /proc/PID/fd (0500, magic links) or /proc/PID/fdinfo (0555, 0444 text files). */
class ProcFdDir extends ProcDir {
  constructor(sb: ProcSuperBlock, readonly pid: number, readonly info = false) {
    super(sb, `pid:${pid}:${info ? 'fdinfo' : 'fd'}`, S_IFDIR | (info ? 0o555 : 0o500));
  }
  private table(): FdTable | undefined {
    const files = this.sb.source.get(this.pid)?.files;
    return files instanceof FdTable ? files : undefined;
  }
  children(): ProcInode[] {
    return [];
  }
  parentIno(): number {
    return this.sb.inoOf(`pid:${this.pid}`);
  }
  names(): string[] {
    return (this.table()?.openFds() ?? []).map(String);
  }
  child(name: string): ProcInode | Err {
    if (!/^(0|[1-9][0-9]*)$/.test(name)) return -ENOENT;
    const fd = Number(name);
    const table = this.table();
    const file = table?.get(fd);
    if (!file) return -ENOENT;
    const proc = this.sb.source.get(this.pid)!;
    if (this.info) {
      const cloexec = table!.getCloexec(fd);
      return new ProcText(this.sb, `pid:${this.pid}:fdinfo:${fd}:${file.id}`, () =>
        fdinfoText(proc, { offset: file.offset, flags: file.flags, mntId: file.path.mnt.id, ino: file.inode.ino }, cloexec));
    }
    const link = new ProcMagicLink(this.sb, `pid:${this.pid}:fd:${fd}:${file.id}`, () => file.path, () => {
      const named = file.inode as Inode & { procLinkName?: () => string };
      if (typeof named.procLinkName === 'function') return named.procLinkName();
      return this.sb.source.pathOf(proc, file.path);
    });
    link.mode = S_IFLNK | (file.readable ? 0o400 : 0) | (file.writable ? 0o200 : 0) | 0o100;
    return link;
  }
}

/** A magic link (proc_pid_get_link): readlink gives a path, following it gives the place. */
class ProcMagicLink extends ProcInode implements MagicLink {
  constructor(
    sb: ProcSuperBlock,
    key: string,
    private readonly target: () => Path | Err,
    private readonly text?: () => string,
  ) {
    super(sb, key, S_IFLNK | 0o777);
  }
  magicTarget(): Path | Err {
    return this.target();
  }
  override readlink(): string | Err {
    if (this.text) return this.text();
    const place = this.target();
    if (typeof place === 'number') return place;
    const proc = this.sb.source.current();
    return proc ? this.sb.source.pathOf(proc, place) : -EACCES;
  }
}

/** A read-only text (or binary) file generated at open (seq_file). */
class ProcText extends ProcInode {
  constructor(sb: ProcSuperBlock, key: string, private readonly generate: () => string | Uint8Array) {
    super(sb, key, S_IFREG | 0o444);
  }
  override open(file: OpenFile): number {
    const content = this.generate();
    file.priv = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    file.ops = snapshotOps;
    return 0;
  }
}

const snapshotOps: FileOps = {
  seekable: true,
  read(file, len, pos, sink) {
    const text = file.priv as Uint8Array;
    if (pos >= text.length) return 0;
    const chunk = text.subarray(pos, Math.min(text.length, pos + len));
    return storedOrFault(sink(chunk));
  },
  // No write method: write(2) on these is EINVAL (a file whose f_op has no write).
};

/** A sysctl file (fs/proc/proc_sysctl.c): 0444 for the read-only tables, 0644 where Linux lets
 *  root write. proc_sys_permission → test_perm checks the mode bits even for root, so opening a
 *  0444 sysctl for writing is EACCES (measured: ostype). vsys does not accept sysctl writes
 *  yet: write(2) on a 0644 one is EINVAL. */
class ProcSysctl extends ProcText {
  constructor(sb: ProcSuperBlock, key: string, generate: () => string, private readonly writable?: SysctlString) {
    super(sb, key, generate);
  }
  override open(file: OpenFile): number {
    if (file.writable && !(this.mode & 0o200)) return -EACCES;
    const r = super.open(file);
    if (r === 0 && this.writable) file.ops = sysctlStringOps(this.writable);
    return r;
  }
}

/** A writable string sysctl: its current value and where a new one goes. */
interface SysctlString {
  current(): string;
  store(text: string): void;
}

/** __NEW_UTS_LEN: a utsname string holds at most 64 bytes. */
const UTS_LEN = 64;

/** proc_dostring's write with sysctl_writes_strict = 1 (the default): the bytes go at the file
 *  position into the current string (a position past its end changes nothing), up to the first
 *  newline or NUL, at most maxlen − 1 bytes; the whole count is reported written. */
function sysctlStringOps(value: SysctlString): FileOps {
  return {
    ...snapshotOps,
    write(_file, data, pos) {
      const current = value.current();
      if (pos > current.length) return data.length;
      let end = 0;
      while (end < data.length && data[end] !== 0x0a && data[end] !== 0) end++;
      const next = (current.slice(0, pos) + Buffer.from(data.subarray(0, end)).toString('latin1')).slice(0, UTS_LEN);
      value.store(next);
      return data.length;
    },
  };
}

/** /proc/PID/status, the fields of fs/proc/array.c in their order (a subset). */
function statusText(p: Process): string {
  const state = p.state === 'zombie' ? 'Z (zombie)' : 'R (running)';
  const c = p.creds;
  const umask = p.fs instanceof FsContext ? p.fs.umask : 0o022;
  const fdSize = p.files instanceof FdTable ? Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, p.files.openFds().length)))) : 64;
  const lines = [
    `Name:\t${p.comm}`,
    `Umask:\t${umask.toString(8).padStart(4, '0')}`,
    `State:\t${state}`,
    `Tgid:\t${p.pid}`,
    `Ngid:\t0`,
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    `TracerPid:\t0`,
    `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}`,
    `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}`,
    `FDSize:\t${fdSize}`,
    `Groups:\t${c.groups.join(' ')}${c.groups.length ? ' ' : ''}`,
    `Threads:\t${p.liveThreads().length}`,
  ];
  return lines.join('\n') + '\n';
}

/** /proc/PID/stat (fs/proc/array.c do_task_stat): 52 space-separated fields. What vsys does
 *  not track (fault counts, CPU times, addresses) is 0. */
function statText(p: Process): string {
  const state = p.state === 'zombie' ? 'Z' : p.liveThreads().some((t) => t.state === 'running' || t.state === 'runnable') ? 'R' : 'S';
  const vsize = p.mm?.areas ? p.mm.areas.reduce((n, v) => n + (v.end - v.start), 0) : 0;
  const fields: (string | number)[] = [
    p.pid, `(${p.comm})`, state, p.ppid, p.pgid, p.sid,
    0, -1, 0, // tty_nr, tpgid, flags
    0, 0, 0, 0, // minflt, cminflt, majflt, cmajflt
    0, 0, 0, 0, // utime, stime, cutime, cstime
    20, 0, p.liveThreads().length, 0, // priority, nice, num_threads, itrealvalue
    0, vsize, 0, '18446744073709551615', // starttime, vsize, rss, rsslim
    0, 0, 0, 0, 0, // startcode, endcode, startstack, kstkesp, kstkeip
    0, 0, 0, 0, 0, 0, 0, // signal, blocked, sigignore, sigcatch, wchan, nswap, cnswap
    17, 0, 0, 0, 0, 0, 0, // exit_signal, processor, rt_priority, policy, blkio, guest, cguest
    0, 0, 0, 0, 0, 0, 0, // start_data, end_data, start_brk, arg_start, arg_end, env_start, env_end
    0, // exit_code
  ];
  return fields.join(' ') + '\n';
}
