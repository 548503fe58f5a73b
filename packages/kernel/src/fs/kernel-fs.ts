// The kernel's file system, assembled: a tmpfs root with /tmp (tmpfs, 1777), /dev (devtmpfs),
// /proc (procfs), host directories mounted through hostfs, pipefs for anonymous pipes, the
// character-device registry, and the console bound to the host's fds 0/1/2.
//
// It is the core's `KernelVfs`: pass it as `new Kernel({ vfs: kfs, extraSyscalls: fsSyscalls })`
// (or let table.ts import decl/fs.ts). The kernel then calls `newFiles`/`newFsContext` for each
// new process — a first process gets the console on fds 0, 1, 2 and the configured cwd, a child
// gets copies of its parent's (fork) — and `mmapFile` for mmap of a file. The file syscalls
// find it through `ctx.kernel` (kernel.options.vfs, or `attachKernelFileSystem`).

import { F_SEAL_FUTURE_WRITE, F_SEAL_WRITE, isSealable } from './tmpfs/seals.js';
import { Vfs, type MountOptions } from '../vfs/vfs.js';
import { Dentry, Mount, type Path } from '../vfs/dentry.js';
import { DeviceRegistry } from '../vfs/devices.js';
import { FdTable } from '../vfs/fd-table.js';
import { FsContext } from '../vfs/fs-context.js';
import { OpenFile } from '../vfs/file.js';
import type { Timespec } from '../vfs/inode.js';
import { EACCES, ENOENT, ENOMEM, isErr, type Err } from '../vfs/errno.js';
import { MAY_EXEC, permission } from '../vfs/permission.js';
import { walk, type WalkEnv } from '../vfs/namei.js';
import { O_ACCMODE, O_APPEND, O_DIRECT, O_LARGEFILE, O_NOATIME, O_RDONLY, O_WRONLY, S_IFMT, S_IFREG } from '../vfs/constants.js';
import { TmpfsSuperBlock } from './tmpfs/tmpfs.js';
import { createDevfs } from './devfs/devfs.js';
import { ProcSuperBlock, type ProcSource } from './procfs/procfs.js';
import { utsOf } from '../syscalls/decl/system.js';
import type { Kernel } from '../kernel.js';
import { createHostfs } from './hostfs/hostfs.js';
import { PipeFs } from '../pipe/pipe.js';
import { LockTable } from '../vfs/locks.js';
import { ConsoleInode } from '../drivers/console.js';
import { nodeHostIo, type HostIo } from '../drivers/host-io.js';
import { DEV_FULL, DEV_NULL, DEV_RANDOM, DEV_URANDOM, DEV_ZERO, fullDevice, nullDevice, randomDevice, zeroDevice } from '../drivers/memory-devices.js';
import { DEV_TTY, ttyDevice } from '../drivers/tty.js';
import type { Process, ProcessFiles, ProcessFsContext } from '../process/process.js';
import type { KernelVfs } from '../kernel.js';
import type { MappableFile } from '../mm/memory-map.js';
import { Resource } from '../process/rlimits.js';
import { formatMaps } from '../mm/maps-text.js';

export interface HostMount {
  /** Host directory. */
  host: string;
  /** Absolute guest path; missing directories are created on the tmpfs root. */
  guest: string;
  readOnly?: boolean;
}

export interface KernelFileSystemOptions {
  /** Host directories to mount (`vrun --mount HOST:GUEST[:ro]`; the host cwd by default is the
   *  caller's business: pass it here). */
  mounts?: HostMount[];
  /** The first process's working directory (a guest path; default "/"). */
  cwd?: string;
  /** CLOCK_REALTIME for inode times (default: the host clock). */
  now?: () => Timespec;
  /** Host stdio access for the console (tests pass a fake). */
  hostIo?: HostIo;
  /** Host fds behind guest fds 0, 1, 2 (default 0, 1, 2). */
  stdioFds?: [number, number, number];
  /** The processes procfs shows (default: none but the callers seen). */
  processes?: { get(pid: number): Process | undefined; pids(): number[] };
  /** /proc/PID/maps text (default: formatMaps of the process's memory map). */
  maps?: (process: Process) => string;
  /** Guest RAM in bytes, /proc/meminfo's MemTotal (vrun --max-memory; default 256 MiB). */
  memTotalBytes?: number;
}

const rootCreds = { uid: 0, gid: 0 };

/** What the file system uses of the Kernel, when it has one (all optional: tests run without). */
export interface KernelHooks {
  processes?: Map<number, Process>;
  clock?: { realtimeNs(): bigint; monotonicNs?(): bigint };
  /** uname's release (/proc/version, /proc/sys/kernel/osrelease). */
  release?: string;
  mapsText?(process: Process): string;
  raiseSigpipe?(thread: import('../process/process.js').Thread): void;
}

export class KernelFileSystem implements KernelVfs {
  readonly vfs: Vfs;
  readonly devices = new DeviceRegistry();
  readonly pipefs: PipeFs;
  readonly hostIo: HostIo;
  /** Advisory locks of every file (fcntl record locks, OFD locks, flock). */
  readonly locks = new LockTable();
  /** The process whose syscall is running (procfs's "self"); set by every file syscall. */
  currentProcess: Process | null = null;
  /** The kernel this file system serves (set by attachKernelFileSystem or the first syscall). */
  kernel: KernelHooks | null = null;
  private readonly consoleInodes: ConsoleInode[];
  private readonly consoleMount: Mount;
  private readonly consolePaths: Path[];
  private readonly startCwd: string;
  private readonly options: KernelFileSystemOptions;

  constructor(options: KernelFileSystemOptions = {}) {
    this.options = options;
    this.vfs = new Vfs(options.now);
    const now = this.vfs.now;
    this.hostIo = options.hostIo ?? nodeHostIo;
    this.devices.register(DEV_NULL, nullDevice);
    this.devices.register(DEV_ZERO, zeroDevice);
    this.devices.register(DEV_FULL, fullDevice);
    this.devices.register(DEV_RANDOM, randomDevice);
    this.devices.register(DEV_URANDOM, randomDevice);
    this.devices.register(DEV_TTY, ttyDevice(this.hostIo));

    const rootSb = new TmpfsSuperBlock(this.vfs.allocAnonDev(), now, this.devices, 'rootfs');
    const rootDir = rootSb.makeRoot(0o755);
    const root = this.vfs.mountRoot(rootSb, rootDir, { source: 'rootfs' });
    for (const name of ['tmp', 'dev', 'proc']) rootDir.mkdir(name, name === 'tmp' ? 0o1777 : 0o755, rootCreds);

    const env: WalkEnv = { root, creds: rootCreds };
    const at = (p: string): Path => {
      const found = walk(env, root, p, true);
      if (isErr(found)) throw new Error(`KernelFileSystem: cannot find ${p} (errno ${-found})`);
      return found;
    };
    const tmpSb = new TmpfsSuperBlock(this.vfs.allocAnonDev(), now, this.devices);
    this.mountOrThrow(at('/tmp'), tmpSb, tmpSb.makeRoot(0o1777), { source: 'tmpfs' });
    const dev = createDevfs(this.vfs.allocAnonDev(), now, this.devices);
    this.mountOrThrow(at('/dev'), dev.sb, dev.root, { source: 'udev' });
    const procSb = new ProcSuperBlock(this.vfs.allocAnonDev(), now, this.procSource());
    this.mountOrThrow(at('/proc'), procSb, procSb.makeRoot(), { source: 'proc' });

    for (const m of options.mounts ?? []) {
      const err = this.mountHost(m);
      if (err) throw new Error(`cannot mount ${m.host} at ${m.guest}: errno ${-err}`);
    }

    this.pipefs = new PipeFs(this.vfs.allocAnonDev(), now);
    const consoleSb = { fsType: 'devpts', dev: this.vfs.allocAnonDev(), readOnly: false, now, magic: 0x1cd1 /* DEVPTS_SUPER_MAGIC */ };
    const fds = options.stdioFds ?? [0, 1, 2];
    this.consoleInodes = fds.map((hostFd, i) => new ConsoleInode(consoleSb, 3 + i, hostFd, this.hostIo));
    // The console inodes live on an unattached mount, so /proc/self/fd/N and /dev/stdout lead
    // back to them.
    const consoleRoot = new Dentry('/', null, this.consoleInodes[0]!);
    this.consoleMount = new Mount(consoleSb, consoleRoot, null, null, false, 'devpts');
    this.consolePaths = this.consoleInodes.map((inode, i) => ({
      mnt: this.consoleMount, dentry: new Dentry(String(i), consoleRoot, inode),
    }));
    this.startCwd = options.cwd ?? '/';
  }

  private mountOrThrow(at: Path, sb: Parameters<Vfs['mount']>[1], rootInode: Parameters<Vfs['mount']>[2], o: MountOptions): void {
    const r = this.vfs.mount(at, sb, rootInode, o);
    if (isErr(r)) throw new Error(`mount failed: errno ${-r}`);
  }

  /** Mounts a host directory at a guest path, creating the guest directories on the way. */
  mountHost(m: HostMount): number {
    const root = this.vfs.root;
    let place: Path = root;
    const env: WalkEnv = { root, creds: rootCreds };
    for (const part of m.guest.split('/').filter(Boolean)) {
      let next = walk(env, place, part, true);
      if (isErr(next)) {
        const err = this.vfs.mkdir(env, place, part, 0o755, 0);
        if (err) return err;
        next = walk(env, place, part, true);
        if (isErr(next)) return next;
      }
      place = next;
    }
    const made = createHostfs(m.host, this.vfs.allocAnonDev(), m.readOnly ?? false, this.vfs.now);
    if (isErr(made)) return made;
    const mounted = this.vfs.mount(place, made.sb, made.root, { readOnly: m.readOnly, source: m.host });
    return isErr(mounted) ? mounted : 0;
  }

  /** Serves `kernel`: its processes for procfs, and — unless a clock was given in the options —
   *  its CLOCK_REALTIME for inode times (deterministic runs then give deterministic times). */
  bindKernel(kernel: KernelHooks): void {
    this.kernel = kernel;
    const clock = kernel.clock;
    if (!this.options.now && clock && typeof clock.realtimeNs === 'function') {
      this.vfs.clock = () => {
        const ns = clock.realtimeNs();
        return { sec: Number(ns / 1_000_000_000n), nsec: Number(ns % 1_000_000_000n) };
      };
    }
  }

  /** KernelVfs: the fd table of a new process — a copy of the parent's (fork: the same open
   *  file descriptions), or the console on 0, 1, 2 for a first process. */
  newFiles(process: Process): ProcessFiles {
    const limit = (): number => process.rlimits.soft(Resource.RLIMIT_NOFILE);
    const parentFiles = process.parent?.files;
    const table = parentFiles instanceof FdTable ? parentFiles.clone(limit) : this.consoleTable(limit);
    table.onClose = this.posixLockReleaser(process);
    return table;
  }

  /** Closing any descriptor of a file drops the process's POSIX locks on it. */
  posixLockReleaser(process: Process): (file: OpenFile) => void {
    return (file) => this.locks.releaseOwner(lockKey(file), { kind: 'process', pid: process.pid });
  }

  /** KernelVfs: root, cwd and umask — the parent's (copied) or "/" and the configured cwd. */
  newFsContext(process: Process): ProcessFsContext {
    const parentFs = process.parent?.fs;
    if (parentFs instanceof FsContext) return parentFs.clone();
    const root = this.vfs.root;
    const cwd = walk({ root, creds: rootCreds }, root, this.startCwd, true);
    return new FsContext(root, isErr(cwd) ? root : cwd);
  }

  /** KernelVfs: the open file behind `fd` for mmap — EBADF for no such fd, EACCES for a file not
   *  open for reading, ENODEV for files without pages (pipes, the console, directories). */
  mmapFile(process: Process, fd: number): MappableFile | number {
    const files = process.files;
    const file = files instanceof FdTable ? files.get(fd) : undefined;
    if (!file) return -9; // EBADF
    if (!file.ops.seekable || file.inode.isDir() || !file.ops.read) return -19; // ENODEV
    if (!file.readable) return -13; // EACCES
    const attrs = file.ops.getattr ? file.ops.getattr(file) : file.inode.getattr();
    const dev = isErr(attrs) ? 0 : attrs.dev;
    const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
    const root = process.fs instanceof FsContext ? process.fs.root : this.vfs.root;
    const caller = { mem: { read: () => null, write: () => false, readCString: () => null }, signal() {} };
    return {
      readable: file.readable,
      writable: file.writable,
      path: this.vfs.pathOf(root, file.path),
      dev: `${hex2((dev >>> 8) & 0xfff)}:${hex2((dev & 0xff) | ((dev >>> 12) & 0xfff00))}`,
      inode: file.inode.ino,
      writeSealed: isSealable(file.inode) && (file.inode.seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) !== 0,
      read: (offset, length) => {
        let out = new Uint8Array(0);
        const r = file.ops.read!(file, length, offset, (data) => ((out = new Uint8Array(data)), data.length), caller);
        return typeof r === 'number' && r > 0 ? out : new Uint8Array(0);
      },
    };
  }

  private consoleTable(limit: () => number): FdTable {
    const table = new FdTable(limit);
    this.consoleInodes.forEach((inode, fd) => {
      // The access mode and status flags the host fd has (a terminal is often O_RDWR on all
      // three); O_NONBLOCK is the host runtime's business and is not shown to the guest.
      const host = this.hostIo.flags?.(inode.hostFd);
      const keep = O_ACCMODE | O_APPEND | O_LARGEFILE | O_DIRECT | O_NOATIME;
      const flags = host != null ? host & keep : fd === 0 ? O_RDONLY : O_WRONLY;
      const file = new OpenFile(this.consolePaths[fd]!, inode, flags, { seekable: false });
      inode.open(file);
      table.installAt(fd, file, false);
    });
    return table;
  }

  /** Gives `process` its fd table (fds 0/1/2 on the console unless `stdio` is false) and its fs
   *  context (root "/", cwd from the options, umask 022). */
  setupProcess(process: Process, stdio = true): void {
    const limit = (): number => process.rlimits.soft(Resource.RLIMIT_NOFILE);
    const table = stdio ? this.consoleTable(limit) : new FdTable(limit);
    table.onClose = this.posixLockReleaser(process);
    process.files = table;
    const root = this.vfs.root;
    const cwd = walk({ root, creds: rootCreds }, root, this.startCwd, true);
    process.fs = new FsContext(root, isErr(cwd) ? root : cwd);
  }

  /** fork/clone: the child gets a copy of (or, with CLONE_FILES / CLONE_FS, the same) fd table
   *  and fs context. */
  forkProcess(parent: Process, child: Process, share: { files?: boolean; fs?: boolean } = {}): void {
    const files = parent.files;
    if (files instanceof FdTable) {
      if (share.files) child.files = files;
      else {
        const table = files.clone(() => child.rlimits.soft(Resource.RLIMIT_NOFILE));
        table.onClose = this.posixLockReleaser(child);
        child.files = table;
      }
    }
    const fsCtx = parent.fs;
    if (fsCtx instanceof FsContext) child.fs = share.fs ? fsCtx : fsCtx.clone();
  }

  /** execve: close-on-exec descriptors are closed. */
  execProcess(process: Process): void {
    if (process.files instanceof FdTable) process.files.closeOnExec();
  }

  /** Resolves a guest path as `process` would (for execve and the loader). */
  resolve(process: Process, path: string): Path | Err {
    const fsCtx = process.fs instanceof FsContext ? process.fs : new FsContext(this.vfs.root, this.vfs.root);
    return walk({ root: fsCtx.root, creds: { uid: process.creds.fsuid, gid: process.creds.fsgid } }, fsCtx.cwd, path, true);
  }

  /** What execve needs from the file system (fs/exec.c do_open_execat): the file at `path`,
   *  resolved as `process` sees it, that may be executed — EACCES for anything but a regular
   *  file or without an x bit (even for root, facts §7.2 #18) — and its bytes. */
  readExecutable(process: Process, path: string): { bytes: Uint8Array; path: Path } | Err {
    if (path.length === 0) return -ENOENT;
    const place = this.resolve(process, path);
    if (isErr(place)) return place;
    const inode = place.dentry.inode;
    if ((inode.mode & S_IFMT) !== S_IFREG) return -EACCES;
    const denied = permission(inode, MAY_EXEC, { uid: process.creds.fsuid, gid: process.creds.fsgid, groups: process.creds.groups });
    if (denied) return denied;
    const file = new OpenFile(place, inode, O_RDONLY, { seekable: false });
    const opened = inode.open(file);
    if (opened < 0) return opened;
    file.get();
    try {
      const chunks: Uint8Array[] = [];
      let pos = 0;
      const caller = { mem: { read: () => null, write: () => false, readCString: () => null }, signal() {}, positional: true };
      for (;;) {
        let got: Uint8Array = new Uint8Array(0);
        const n = file.ops.read?.(file, 1 << 20, pos, (d) => ((got = new Uint8Array(d)), d.length), caller);
        if (typeof n !== 'number') return -EACCES;
        if (n < 0) return n;
        if (n === 0) break;
        chunks.push(got);
        pos += n;
        if (pos > 1 << 30) return -ENOMEM;
      }
      const bytes = new Uint8Array(pos);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return { bytes, path: place };
    } finally {
      file.put();
    }
  }

  private procSource(): ProcSource {
    const o = this.options;
    const seen = new Map<number, Process>();
    const lookup = (pid: number): Process | undefined =>
      o.processes?.get(pid) ?? this.kernel?.processes?.get(pid) ?? seen.get(pid);
    return {
      current: () => {
        const p = this.currentProcess;
        if (p) seen.set(p.pid, p);
        return p;
      },
      get: (pid) => {
        const p = lookup(pid);
        return p && p.state !== 'reaped' ? p : undefined;
      },
      pids: () => {
        if (this.currentProcess) seen.set(this.currentProcess.pid, this.currentProcess);
        const all = new Set([...(o.processes?.pids() ?? []), ...(this.kernel?.processes?.keys() ?? []), ...seen.keys()]);
        return [...all].filter((pid) => lookup(pid)?.state !== 'reaped').sort((a, b) => a - b);
      },
      maps: (p) => (o.maps ? o.maps(p) : this.kernel?.mapsText ? this.kernel.mapsText(p) : formatMaps(p.mm)),
      mounts: (p) => this.mountsText(p),
      pathOf: (p, place) => this.vfs.pathOf(p.fs instanceof FsContext ? p.fs.root : this.vfs.root, place),
      exe: (p) => (p.exePath ? this.resolve(p, p.exePath) : -2),
      uptimeNs: () => this.kernel?.clock?.monotonicNs?.() ?? 0n,
      uts: () => ({
        release: this.kernel?.release ?? '6.18.0-vsys',
        version: '#1 SMP PREEMPT_DYNAMIC vsys',
        // sethostname changes what uname and /proc/sys/kernel/hostname report alike.
        hostname: this.kernel?.release !== undefined ? utsOf(this.kernel as unknown as Kernel).hostname : 'vsys',
      }),
      ...(o.memTotalBytes !== undefined ? { memTotalBytes: () => o.memTotalBytes! } : {}),
      setHostname: (name: string) => {
        if (this.kernel?.release !== undefined) utsOf(this.kernel as unknown as Kernel).hostname = name;
      },
    };
  }

  /** /proc/mounts (fs/proc_namespace.c show_vfsmnt): "source target fstype options 0 0". */
  private mountsText(p: Process): string {
    const root = p.fs instanceof FsContext ? p.fs.root : this.vfs.root;
    return this.vfs.mounts().map((m) => {
      const target = m.parent && m.mountpoint ? this.vfs.pathOf(root, { mnt: m.parent, dentry: m.mountpoint }) : '/';
      return `${m.source} ${target} ${m.sb.fsType} ${m.isReadOnly ? 'ro' : 'rw'} 0 0\n`;
    }).join('');
  }
}

/** The lock table's key for an open file: st_dev:st_ino. */
export function lockKey(file: OpenFile): string {
  return `${file.inode.sb.dev}:${file.inode.ino}`;
}

const attached = new WeakMap<object, KernelFileSystem>();

/** Ties a KernelFileSystem to a kernel object, for the file syscalls to find. */
export function attachKernelFileSystem(kernel: object, kfs: KernelFileSystem): void {
  attached.set(kernel, kfs);
  kfs.bindKernel(kernel as KernelHooks);
}

/** Whether `kernel` has a file system (without throwing). */
export function hasKernelFileSystem(kernel: object): boolean {
  if (attached.has(kernel)) return true;
  return (kernel as { options?: { vfs?: unknown } }).options?.vfs instanceof KernelFileSystem;
}

/** The file system of `kernel`: attached explicitly, or given as `new Kernel({ vfs })`. */
export function kernelFileSystemOf(kernel: object): KernelFileSystem {
  let kfs: unknown = attached.get(kernel);
  if (!kfs) {
    kfs = (kernel as { options?: { vfs?: unknown } }).options?.vfs;
    if (kfs instanceof KernelFileSystem) attachKernelFileSystem(kernel, kfs);
  }
  if (!(kfs instanceof KernelFileSystem)) throw new Error('kernel has no file system (pass a KernelFileSystem as KernelOptions.vfs)');
  if (!kfs.kernel) kfs.bindKernel(kernel as KernelHooks);
  return kfs;
}
