// fcntl's owner, signal, lease, notify, pipe-size and seal commands (fs/fcntl.c do_fcntl,
// fs/locks.c fcntl_setlease, fs/notify/dnotify, fs/pipe.c pipe_fcntl, mm/memfd.c memfd_fcntl),
// each with Linux's checks in Linux's order. Measured on Linux 6.18 (tests/cases/x86_64/fd_*).
//
// What is modelled and what is not:
// - F_SETOWN/F_SETOWN_EX/F_SETSIG record the owner and signal of the open file description
//   (shared across dup and fork, as the kernel's f_owner); they are reported back by the GET
//   commands. O_ASYNC's SIGIO delivery itself is not modelled.
// - Leases: no lease is ever granted. F_GETLEASE is F_UNLCK; F_SETLEASE runs Linux's checks
//   (EACCES for another user's file, EINVAL for a non-regular file or unknown type) and then
//   answers EAGAIN, which is what Linux answers for a conflicting open or for removing a lease
//   not held. (Linux grants a read lease on a file nobody else has open for writing.)
// - F_NOTIFY: arg 0 (drop the watch) succeeds anywhere, a non-directory is ENOTDIR; a watch on a
//   directory is EINVAL, as on a kernel with dnotify disabled (dnotify is not modelled).
// - F_SEAL_WRITE is EBUSY while a live process maps the file MAP_SHARED with write allowed.

import type { SyscallContext } from '../context.js';
import type { SyscallArgs } from '../types.js';
import { EACCES, EAGAIN, EBADF, EBUSY, EFAULT, EINVAL, ENOTDIR, EPERM } from '../../vfs/errno.js';
import { errno } from '../errno.js';
import { S_IFMT, S_IFREG } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { PIPE_MAX_SIZE, Pipe, pipeOps, roundPipeSize } from '../../pipe/pipe.js';
import { F_ALL_SEALS, F_SEAL_EXEC, F_SEAL_FUTURE_WRITE, F_SEAL_GROW, F_SEAL_SEAL, F_SEAL_SHRINK, F_SEAL_WRITE, isSealable } from '../../fs/tmpfs/seals.js';
import { putInt32 } from './fs-common.js';

/** include/uapi/asm-generic/fcntl.h and include/uapi/linux/fcntl.h. */
export const F_SETOWN = 8;
export const F_GETOWN = 9;
export const F_SETSIG = 10;
export const F_GETSIG = 11;
export const F_SETOWN_EX = 15;
export const F_GETOWN_EX = 16;
export const F_SETLEASE = 1024;
export const F_GETLEASE = 1025;
export const F_NOTIFY = 1026;
export const F_SETPIPE_SZ = 1031;
export const F_GETPIPE_SZ = 1032;
export const F_ADD_SEALS = 1033;
export const F_GET_SEALS = 1034;
/** struct f_owner_ex's type. */
const F_OWNER_TID = 0;
const F_OWNER_PID = 1;
const F_OWNER_PGRP = 2;
const F_RDLCK = 0;
const F_WRLCK = 1;
const F_UNLCK = 2;
/** DN_MULTISHOT: the only bit that does not ask for an event. */
const DN_MULTISHOT = 0x80000000;
/** _NSIG: F_SETSIG takes 0 (back to SIGIO) up to this. */
const NSIG = 64;

export const MORE_FCNTL_COMMANDS = new Set([
  F_SETOWN, F_GETOWN, F_SETSIG, F_GETSIG, F_SETOWN_EX, F_GETOWN_EX, F_SETLEASE, F_GETLEASE, F_NOTIFY,
  F_SETPIPE_SZ, F_GETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS,
]);

/** The kernel's fown_struct: who gets SIGIO for this open file description. `kind` is the pid
 *  type (a thread, a thread group, a process group); id 0 is nobody. */
interface FileOwner {
  kind: 'tid' | 'tgid' | 'pgid';
  id: number;
  signal: number;
}

const owners = new WeakMap<OpenFile, FileOwner>();

function ownerOf(file: OpenFile): FileOwner {
  let owner = owners.get(file);
  if (!owner) {
    // A file that never had an owner reads back as {F_OWNER_TID, 0} (measured).
    owner = { kind: 'tid', id: 0, signal: 0 };
    owners.set(file, owner);
  }
  return owner;
}

/** find_vpid: does any task use `n` as its thread, process, group or session id? */
function pidInUse(ctx: SyscallContext, n: number): boolean {
  if (n <= 0) return false;
  if (ctx.kernel.processes.has(n) || ctx.kernel.threads.has(n)) return true;
  for (const p of ctx.kernel.processes.values()) if (p.pgid === n || p.sid === n) return true;
  return false;
}

/** pid_task(owner.pid, type): is a task of that kind still there? */
function ownerAlive(ctx: SyscallContext, owner: FileOwner): boolean {
  if (owner.id === 0) return false;
  if (owner.kind === 'tid') return ctx.kernel.threads.has(owner.id);
  if (owner.kind === 'tgid') return ctx.kernel.processes.has(owner.id);
  for (const p of ctx.kernel.processes.values()) if (p.pgid === owner.id) return true;
  return false;
}

/** The pipe behind a pipe or FIFO end (get_pipe_info), else null. */
function pipeOf(file: OpenFile): Pipe | null {
  if (file.ops !== pipeOps) return null;
  const end = file.priv as { pipe?: unknown } | undefined;
  return end && end.pipe instanceof Pipe ? end.pipe : null;
}

/** The device as a VMA names it ("MM:mm", kernel-fs.ts mmapFile). */
function vmaDevOf(file: OpenFile): string | null {
  const attrs = file.ops.getattr ? file.ops.getattr(file) : file.inode.getattr();
  if (typeof attrs === 'number') return null;
  const dev = attrs.dev;
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  return `${hex2((dev >>> 8) & 0xfff)}:${hex2((dev & 0xff) | ((dev >>> 12) & 0xfff00))}`;
}

/** i_mmap_writable > 0: does any live process map this file MAP_SHARED with VM_MAYWRITE (a
 *  read-only shared mapping of a file open for writing counts too — measured EBUSY)? */
function hasWritableSharedMapping(ctx: SyscallContext, file: OpenFile): boolean {
  const dev = vmaDevOf(file);
  for (const p of ctx.kernel.processes.values()) {
    if (p.state !== 'alive') continue;
    for (const v of p.mm.areas) if (v.shared && v.may.write && v.inode === file.inode.ino && v.dev === dev) return true;
  }
  return false;
}

/** The calls here on `file` (already looked up: a bad fd was EBADF). */
export function moreFcntl(ctx: SyscallContext, file: OpenFile, cmd: number, a: SyscallArgs): number {
  const argi = a.int(2);
  switch (cmd) {
    case F_GETOWN: {
      // f_getown: the owner's id while it lives, negative for a process group.
      const owner = ownerOf(file);
      if (!ownerAlive(ctx, owner)) return 0;
      return owner.kind === 'pgid' ? -owner.id : owner.id;
    }
    case F_SETOWN: {
      // f_setown: a negative id names a process group (INT_MIN cannot be negated: EINVAL).
      if (argi === -0x80000000) return -EINVAL;
      const id = Math.abs(argi);
      if (id !== 0 && !pidInUse(ctx, id)) return -errno.ESRCH;
      const owner = ownerOf(file);
      owner.kind = argi < 0 ? 'pgid' : 'tgid';
      owner.id = id;
      return 0;
    }
    case F_GETOWN_EX: {
      const owner = ownerOf(file);
      const type = owner.kind === 'tid' ? F_OWNER_TID : owner.kind === 'tgid' ? F_OWNER_PID : F_OWNER_PGRP;
      return putInt32(ctx, a.ptr(2), [type, ownerAlive(ctx, owner) ? owner.id : 0]);
    }
    case F_SETOWN_EX: {
      const addr = a.ptr(2);
      const raw = addr < 0 ? null : ctx.mem.read(addr, 8);
      if (!raw) return -EFAULT;
      const view = new DataView(raw.buffer, raw.byteOffset, 8);
      const type = view.getInt32(0, true);
      const id = view.getInt32(4, true);
      const kind = type === F_OWNER_TID ? 'tid' : type === F_OWNER_PID ? 'tgid' : type === F_OWNER_PGRP ? 'pgid' : null;
      if (!kind) return -EINVAL;
      if (id !== 0 && !pidInUse(ctx, id)) return -errno.ESRCH;
      const owner = ownerOf(file);
      owner.kind = kind;
      owner.id = id;
      return 0;
    }
    case F_GETSIG:
      return ownerOf(file).signal;
    case F_SETSIG:
      // valid_signal: 0 (the default, SIGIO) up to _NSIG, compared unsigned.
      if (argi >>> 0 > NSIG) return -EINVAL;
      ownerOf(file).signal = argi;
      return 0;
    case F_GETLEASE:
      return F_UNLCK;
    case F_SETLEASE: {
      // vfs_setlease: the file's owner or CAP_LEASE; regular files only; generic_setlease's types.
      const creds = ctx.process.creds;
      if (file.inode.uid !== creds.fsuid && !creds.privileged) return -EACCES;
      if ((file.inode.mode & S_IFMT) !== S_IFREG) return -EINVAL;
      if (argi !== F_RDLCK && argi !== F_WRLCK && argi !== F_UNLCK) return -EINVAL;
      return -EAGAIN;
    }
    case F_NOTIFY:
      if ((argi & ~DN_MULTISHOT) === 0) return 0;
      if (!file.inode.isDir()) return -ENOTDIR;
      return -EINVAL;
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ: {
      const pipe = pipeOf(file);
      if (!pipe) return -EBADF;
      if (cmd === F_GETPIPE_SZ) return pipe.capacity;
      // pipe_set_size: a power-of-two number of pages; growing past pipe-max-size needs
      // CAP_SYS_RESOURCE; the queued pages must fit in the new ring (EBUSY).
      const size = roundPipeSize(argi);
      if (size === 0) return -EINVAL;
      if (size > pipe.capacity && size > PIPE_MAX_SIZE && !ctx.process.creds.privileged) return -EPERM;
      if (size / 4096 < pipe.occupiedPages) return -EBUSY;
      pipe.resize(size);
      return size;
    }
    case F_GET_SEALS:
      return isSealable(file.inode) ? file.inode.seals : -EINVAL;
    case F_ADD_SEALS: {
      // memfd_add_seals, in its order.
      if (!file.writable) return -EPERM;
      let seals = argi >>> 0;
      if (seals & ~F_ALL_SEALS) return -EINVAL;
      const inode = file.inode;
      if (!isSealable(inode)) return -EINVAL;
      if (inode.seals & F_SEAL_SEAL) return -EPERM;
      // mapping_deny_writable: F_SEAL_WRITE waits for no shared mapping that may write.
      if (seals & F_SEAL_WRITE && !(inode.seals & F_SEAL_WRITE) && hasWritableSharedMapping(ctx, file)) return -EBUSY;
      // F_SEAL_EXEC on a file with exec bits brings the write seals with it (W^X).
      if (seals & F_SEAL_EXEC && file.inode.mode & 0o111) seals |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE;
      inode.seals |= seals;
      return 0;
    }
    default:
      return -EINVAL;
  }
}
