// Extended attributes: setxattr, lsetxattr, fsetxattr, getxattr, lgetxattr, fgetxattr,
// listxattr, llistxattr, flistxattr, removexattr, lremovexattr, fremovexattr (fs/xattr.c).
//
// Rules (fs/xattr.c setxattr_copy / xattr_permission / xattr_resolve_name, include/uapi/linux/
// limits.h): flags other than XATTR_CREATE|XATTR_REPLACE → EINVAL; an empty name or one of 255+
// bytes → ERANGE; a value over XATTR_SIZE_MAX (64 KiB) → E2BIG; a namespace the file system
// has no handler for → EOPNOTSUPP ("user." alone → EINVAL); trusted.* needs CAP_SYS_ADMIN
// (EPERM to write, ENODATA to read); user.* only on regular files and directories (EPERM /
// ENODATA on others, e.g. a symlink through the l* calls); XATTR_CREATE of an existing name →
// EEXIST, XATTR_REPLACE or get/remove of a missing one → ENODATA; a buffer too small → ERANGE
// (size 0 asks for the size).
//
// How vsys models them: the attributes live in the emulated kernel, keyed by (device, inode),
// for every file system it mounts — tmpfs and the host directory alike (Node.js cannot reach the
// host's xattrs, and the guest must not change host files' metadata anyway). They last as long
// as the kernel. The namespaces are those of ext4 and tmpfs: user., trusted., security.
// (system.posix_acl_* are not modelled: EOPNOTSUPP).

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import type { Kernel } from '../../kernel.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EEXIST, EFAULT, EINVAL, ENOSYS, EOPNOTSUPP, EPERM, ERANGE, isErr } from '../../vfs/errno.js';
import { AT_FDCWD, O_PATH, S_IFDIR, S_IFMT, S_IFREG, S_ISVTX } from '../../vfs/constants.js';
import type { Path } from '../../vfs/dentry.js';
import type { Inode } from '../../vfs/inode.js';
import { permission, MAY_READ, MAY_WRITE } from '../../vfs/permission.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { envOf, filesOf, kfsOf, readPath, startDir } from './fs-common.js';

const ENODATA = 61;
const E2BIG = 7;
const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;
const XATTR_NAME_MAX = 255;
const XATTR_SIZE_MAX = 65536;
const XATTR_LIST_MAX = 65536;
const PREFIXES = ['user.', 'trusted.', 'security.'];

const stores = new WeakMap<Kernel, Map<string, Map<string, Uint8Array>>>();

function attrsOf(ctx: SyscallContext, inode: Inode, create: boolean): Map<string, Uint8Array> | null {
  let all = stores.get(ctx.kernel);
  if (!all) stores.set(ctx.kernel, (all = new Map()));
  const st = inode.getattr();
  const key = isErr(st) ? `ino:${inode.ino}` : `${st.dev}:${st.ino}`;
  let m = all.get(key);
  if (!m && create) all.set(key, (m = new Map()));
  return m ?? null;
}

type Target = { kind: 'path'; at: number; follow: boolean } | { kind: 'fd'; fd: number };

function ready(ctx: SyscallContext): boolean {
  return hasKernelFileSystem(ctx.kernel) && ctx.process.files instanceof FdTable && ctx.process.fs instanceof FsContext;
}

function resolve(ctx: SyscallContext, t: Target): Path | number {
  if (t.kind === 'fd') {
    const file = filesOf(ctx).get(t.fd);
    if (!file || file.flags & O_PATH) return -EBADF;
    return file.path;
  }
  const path = readPath(ctx, t.at);
  if (isErr(path)) return path;
  const start = startDir(ctx, AT_FDCWD, path);
  if (isErr(start)) return start;
  return kfsOf(ctx).vfs.lookup(envOf(ctx), start, path, t.follow);
}

/** strncpy_from_user of the name into a 256-byte buffer: ERANGE for "" or 255+ bytes. */
function readName(ctx: SyscallContext, at: number): string | number {
  if (at < 0) return -EFAULT;
  const b = ctx.mem.readCString(at, XATTR_NAME_MAX + 1);
  if (b === null) return -EFAULT;
  if (b === 'toolong' || b.length === 0 || b.length > XATTR_NAME_MAX) return -ERANGE;
  return new TextDecoder('latin1').decode(b);
}

/** xattr_permission, then the handler lookup (xattr_resolve_name). */
function check(ctx: SyscallContext, inode: Inode, name: string, mask: number): number {
  const privileged = ctx.process.creds.privileged;
  const type = inode.mode & S_IFMT;
  const prefix = PREFIXES.find((p) => name.startsWith(p)) ?? (name.startsWith('system.') ? 'system.' : null);
  if (prefix === 'security.' || prefix === 'system.') {
    // left to the file system
  } else if (prefix === 'trusted.') {
    if (!privileged) return mask & MAY_WRITE ? -EPERM : -ENODATA;
  } else if (prefix === 'user.') {
    if (type !== S_IFREG && type !== S_IFDIR) return mask & MAY_WRITE ? -EPERM : -ENODATA;
    if (type === S_IFDIR && inode.mode & S_ISVTX && mask & MAY_WRITE) {
      const attrs = inode.getattr();
      if (!privileged && (isErr(attrs) || attrs.uid !== ctx.process.creds.fsuid)) return -EPERM;
    }
  }
  const env = envOf(ctx);
  const denied = prefix === 'user.' ? permission(inode, mask, env.creds) : 0;
  if (denied) return denied;
  if (!prefix || prefix === 'system.') return -EOPNOTSUPP;
  if (name === prefix) return -EINVAL;
  return 0;
}

function setxattr(ctx: SyscallContext, t: Target, nameAt: number, valueAt: number, size: number, flags: number): number {
  if (!ready(ctx)) return -ENOSYS;
  if (flags & ~(XATTR_CREATE | XATTR_REPLACE)) return -EINVAL;
  const name = readName(ctx, nameAt);
  if (typeof name === 'number') return name;
  let value = new Uint8Array(0);
  if (size) {
    if (size > XATTR_SIZE_MAX) return -E2BIG;
    const v = valueAt < 0 ? null : ctx.mem.read(valueAt, size);
    if (!v) return -EFAULT;
    value = new Uint8Array(v);
  }
  const place = resolve(ctx, t);
  if (typeof place === 'number') return place;
  if (place.mnt.isReadOnly) return -30; // EROFS (mnt_want_write)
  const inode = place.dentry.inode;
  const bad = check(ctx, inode, name, MAY_WRITE);
  if (bad) return bad;
  const attrs = attrsOf(ctx, inode, true)!;
  if (flags & XATTR_CREATE && attrs.has(name)) return -EEXIST;
  if (flags & XATTR_REPLACE && !attrs.has(name)) return -ENODATA;
  attrs.set(name, value);
  return 0;
}

function getxattr(ctx: SyscallContext, t: Target, nameAt: number, valueAt: number, size: number): number {
  if (!ready(ctx)) return -ENOSYS;
  const place = resolve(ctx, t);
  if (typeof place === 'number') return place;
  const name = readName(ctx, nameAt);
  if (typeof name === 'number') return name;
  const inode = place.dentry.inode;
  const bad = check(ctx, inode, name, MAY_READ);
  if (bad) return bad;
  const v = attrsOf(ctx, inode, false)?.get(name);
  if (!v) return -ENODATA;
  if (size === 0) return v.length;
  if (size < v.length) return size >= XATTR_SIZE_MAX ? -E2BIG : -ERANGE;
  if (v.length && (valueAt < 0 || !ctx.mem.write(valueAt, v))) return -EFAULT;
  return v.length;
}

function listxattr(ctx: SyscallContext, t: Target, listAt: number, sizeArg: number): number {
  if (!ready(ctx)) return -ENOSYS;
  const place = resolve(ctx, t);
  if (typeof place === 'number') return place;
  const size = Math.min(sizeArg, XATTR_LIST_MAX);
  const privileged = ctx.process.creds.privileged;
  const names = [...(attrsOf(ctx, place.dentry.inode, false)?.keys() ?? [])].filter((n) => privileged || !n.startsWith('trusted.'));
  const bytes = new TextEncoder().encode(names.map((n) => n + '\0').join(''));
  if (size === 0) return bytes.length;
  if (size < bytes.length) return sizeArg >= XATTR_LIST_MAX ? -E2BIG : -ERANGE;
  if (bytes.length && (listAt < 0 || !ctx.mem.write(listAt, bytes))) return -EFAULT;
  return bytes.length;
}

function removexattr(ctx: SyscallContext, t: Target, nameAt: number): number {
  if (!ready(ctx)) return -ENOSYS;
  const name = readName(ctx, nameAt);
  if (typeof name === 'number') return name;
  const place = resolve(ctx, t);
  if (typeof place === 'number') return place;
  if (place.mnt.isReadOnly) return -30;
  const inode = place.dentry.inode;
  const bad = check(ctx, inode, name, MAY_WRITE);
  if (bad) return bad;
  const attrs = attrsOf(ctx, inode, false);
  if (!attrs?.delete(name)) return -ENODATA;
  return 0;
}

const pathArg = { name: 'pathname', type: 'path' as const };
const fdArg = { name: 'fd', type: 'fd' as const };
const nameArg = { name: 'name', type: 'path' as const };

function forms(base: string, make: (t: (a: { ptr(i: number): number; int(i: number): number }) => Target) => SyscallDecl['handler'], rest: SyscallDecl['args'], classes: SyscallDecl['classes']): SyscallDecl[] {
  return [
    { name: base, numbers: numbersOf(base), classes, args: [pathArg, ...rest], handler: make((a) => ({ kind: 'path', at: a.ptr(0), follow: true })) },
    { name: `l${base}`, numbers: numbersOf(`l${base}`), classes, args: [pathArg, ...rest], handler: make((a) => ({ kind: 'path', at: a.ptr(0), follow: false })) },
    { name: `f${base}`, numbers: numbersOf(`f${base}`), classes: ['desc'], args: [fdArg, ...rest], handler: make((a) => ({ kind: 'fd', fd: a.int(0) })) },
  ];
}

export const syscalls: readonly SyscallDecl[] = [
  ...forms('setxattr', (t) => (ctx, a) => setxattr(ctx, t(a), a.ptr(1), a.ptr(2), a.size(3), a.int(4)),
    [nameArg, { name: 'value', type: 'xattrvalue', len: 3 }, { name: 'size', type: 'uint' }, { name: 'flags', type: 'xattrflags' }], ['file']),
  ...forms('getxattr', (t) => (ctx, a) => getxattr(ctx, t(a), a.ptr(1), a.ptr(2), a.size(3)),
    [nameArg, { name: 'value', type: 'outxattrvalue' }, { name: 'size', type: 'uint' }], ['file']),
  ...forms('listxattr', (t) => (ctx, a) => listxattr(ctx, t(a), a.ptr(1), a.size(2)),
    [{ name: 'list', type: 'xattrlist' }, { name: 'size', type: 'uint' }], ['file']),
  ...forms('removexattr', (t) => (ctx, a) => removexattr(ctx, t(a), a.ptr(1)),
    [nameArg], ['file']),
];
