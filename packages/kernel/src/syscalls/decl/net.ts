// The socket syscalls (net/socket.c): socket, socketpair, bind, listen, accept, accept4,
// connect, getsockname, getpeername, sendto, recvfrom, sendmsg, recvmsg, shutdown, setsockopt,
// getsockopt, and i386's socketcall multiplexer (its direct numbers 359–373 too). Each finds the
// socket behind the fd (EBADF, then ENOTSOCK), copies addresses in and out as
// move_addr_to_kernel / move_addr_to_user do (a length above sizeof(sockaddr_storage) or below
// 0 → EINVAL; the caller's *addrlen gets the full length while at most that many bytes are
// written), and hands the rest to the socket (packages/kernel/src/net). O_NONBLOCK on the file
// makes every call behave as with MSG_DONTWAIT.

import type { SyscallContext } from '../context.js';
import { makeSyscallArgs } from '../context.js';
import { type Blocked, type SyscallArgs, type SyscallDecl, type SyscallResult } from '../types.js';
import { numbersOf } from '../numbers.js';
import { errno } from '../errno.js';
import { O_NONBLOCK } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { callerOf, envOf, filesOf, fsOf, kfsOf } from './fs-common.js';
import { readUserPrefix, writeUserPrefix } from './fs-rw.js';
import {
  AF_INET, AF_INET6, AF_UNIX, IPPROTO_MAX, MSG_WAITFORONE, IPPROTO_TCP, IPPROTO_UDP, MSG_CMSG_CLOEXEC, MSG_DONTWAIT, MSG_OOB, MSG_TRUNC, NPROTO,
  SOCK_CLOEXEC, SOCK_DGRAM, SOCK_MAX, SOCK_NONBLOCK, SOCK_RAW, SOCK_SEQPACKET, SOCK_STREAM, SOCK_TYPE_MASK, SOMAXCONN,
} from '../../net/constants.js';
import { encodeAddress } from '../../net/address.js';
import { isWait, Socket, type NetCaller, type Ucred } from '../../net/socket.js';
import { UnixSocket, unixNamespaceOf } from '../../net/unix/unix-socket.js';
import { InetSocket, inetNamespaceOf } from '../../net/inet/inet-socket.js';
import { sockFsOf } from '../../net/sockfs.js';
import { dropRights, socketFileOps, socketOf } from '../../net/socket-file.js';
import { getSocketOption, setSocketOption } from '../../net/sockopt.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { buildControl, dropControl, parseControl, readControl } from '../../net/control.js';

/** sizeof(struct sockaddr_storage). */
const SOCKADDR_STORAGE = 128;
/** UIO_MAXIOV. */
const UIO_MAXIOV = 1024;
/** One call moves at most this much (as read/write cap theirs). */
const MAX_IO = 16 * 1024 * 1024;

// ------------------------------------------------------------------ helpers

function fileOf(ctx: SyscallContext, fd: number): OpenFile | number {
  return filesOf(ctx).get(fd) ?? -errno.EBADF;
}

/** sockfd_lookup_light: EBADF for no file, ENOTSOCK for a file that is not a socket. */
function socketAt(ctx: SyscallContext, fd: number): { sock: Socket; file: OpenFile } | number {
  const file = fileOf(ctx, fd);
  if (typeof file === 'number') return file;
  if (file.ops !== socketFileOps) return -errno.ENOTSOCK;
  return { sock: socketOf(file), file };
}

function credOf(ctx: SyscallContext): Ucred {
  const c = ctx.process.creds;
  return { pid: ctx.process.pid, uid: c.euid, gid: c.egid };
}

function netCaller(ctx: SyscallContext): NetCaller {
  const fs = fsOf(ctx);
  const c = ctx.process.creds;
  return { kfs: kfsOf(ctx), env: envOf(ctx), cwd: fs.cwd, umask: fs.umask, cred: credOf(ctx), euid: c.euid };
}

/** move_addr_to_kernel: the caller's address bytes, or -errno. */
function addrIn(ctx: SyscallContext, addr: number, len: number): Uint8Array | number {
  if (len < 0 || len > SOCKADDR_STORAGE) return -errno.EINVAL;
  if (len === 0) return new Uint8Array(0);
  const raw = addr < 0 ? null : ctx.mem.read(addr, len);
  return raw ?? -errno.EFAULT;
}

/** move_addr_to_user: reads *ulen (EFAULT; < 0 → EINVAL), writes min(*ulen, length) bytes of
 *  the address and the full length back. */
function addrOut(ctx: SyscallContext, bytes: Uint8Array, addr: number, lenAddr: number): number {
  const raw = lenAddr < 0 ? null : ctx.mem.read(lenAddr, 4);
  if (!raw) return -errno.EFAULT;
  const have = new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true);
  if (have < 0) return -errno.EINVAL;
  const n = Math.min(have, bytes.length);
  if (n > 0 && (addr < 0 || !ctx.mem.write(addr, bytes.subarray(0, n)))) return -errno.EFAULT;
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, bytes.length, true);
  return ctx.mem.write(lenAddr, out) ? 0 : -errno.EFAULT;
}

/** Installs a descriptor for `sock` with SOCK_NONBLOCK / SOCK_CLOEXEC from `flags`. */
function installSocket(ctx: SyscallContext, sock: Socket, flags: number): number {
  const c = ctx.process.creds;
  const file = sockFsOf(kfsOf(ctx)).open(sock, socketFileOps, flags & SOCK_NONBLOCK ? O_NONBLOCK : 0, c.fsuid, c.fsgid);
  sock.file = file;
  const fd = filesOf(ctx).alloc(file, (flags & SOCK_CLOEXEC) !== 0);
  if (fd < 0) file.ops.release?.(file);
  return fd;
}

/** __sock_create's checks and the family's create: a new socket or -errno. */
function createSocket(ctx: SyscallContext, family: number, type: number, protocol: number): Socket | number {
  if (family < 0 || family >= NPROTO) return -errno.EAFNOSUPPORT;
  if (type < 0 || type >= SOCK_MAX) return -errno.EINVAL;
  const kfs = kfsOf(ctx);
  let sock: Socket;
  if (family === AF_UNIX) {
    // unix_create: protocol 0 or PF_UNIX; SOCK_RAW is taken as SOCK_DGRAM.
    if (protocol && protocol !== AF_UNIX) return -errno.EPROTONOSUPPORT;
    if (type === SOCK_RAW) type = SOCK_DGRAM;
    if (type !== SOCK_STREAM && type !== SOCK_DGRAM && type !== SOCK_SEQPACKET) return -errno.ESOCKTNOSUPPORT;
    sock = new UnixSocket(type, unixNamespaceOf(kfs));
  } else if (family === AF_INET || family === AF_INET6) {
    // inet_create: the protocol must belong to the type (inetsw); raw sockets are not modelled.
    if (protocol < 0 || protocol >= IPPROTO_MAX) return -errno.EINVAL;
    if (type === SOCK_STREAM) {
      if (protocol !== 0 && protocol !== IPPROTO_TCP) return -errno.EPROTONOSUPPORT;
      protocol = IPPROTO_TCP;
    } else if (type === SOCK_DGRAM) {
      if (protocol !== 0 && protocol !== IPPROTO_UDP) return -errno.EPROTONOSUPPORT;
      protocol = IPPROTO_UDP;
    } else if (type === SOCK_RAW) return -errno.EPROTONOSUPPORT;
    else return -errno.ESOCKTNOSUPPORT;
    sock = new InetSocket(family, type, protocol, inetNamespaceOf(kfs));
  } else return -errno.EAFNOSUPPORT;
  sock.ownerCred = credOf(ctx);
  sock.clock = ctx.kernel.clock;
  return sock;
}

function nonblocking(file: OpenFile, flags: number): boolean {
  return (file.flags & O_NONBLOCK) !== 0 || (flags & MSG_DONTWAIT) !== 0;
}

interface IoVec {
  base: number;
  len: number;
}

/** An iovec array: 16-byte {base, len} entries (8 on i386); EMSGSIZE past UIO_MAXIOV
 *  (__copy_msghdr), EINVAL for a negative length, EFAULT when unreadable. */
function readIovecs(ctx: SyscallContext, addr: number, count: number): IoVec[] | number {
  if (count > UIO_MAXIOV) return -errno.EMSGSIZE;
  if (count === 0) return [];
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, count * (wide ? 16 : 8));
  if (!raw) return -errno.EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: IoVec[] = [];
  for (let i = 0; i < count; i++) {
    const base = wide ? v.getBigUint64(i * 16, true) : BigInt(v.getUint32(i * 8, true));
    const len = wide ? v.getBigInt64(i * 16 + 8, true) : BigInt(v.getInt32(i * 8 + 4, true));
    if (len < 0n) return -errno.EINVAL;
    out.push({ base: base < 1n << 53n ? Number(base) : -1, len: Number(len > BigInt(MAX_IO) ? BigInt(MAX_IO) : len) });
  }
  return out;
}

/** Gathers the bytes of `iovs` (EFAULT when a buffer cannot be read). */
function gather(ctx: SyscallContext, iovs: IoVec[]): Uint8Array | number {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const iov of iovs) {
    if (iov.len === 0) continue;
    const want = Math.min(iov.len, MAX_IO - total);
    if (want <= 0) break;
    const data = readUserPrefix(ctx, iov.base, want);
    if (!data || data.length < want) return -errno.EFAULT;
    parts.push(data);
    total += want;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Scatters `data` over `iovs`; false when a buffer cannot take its part. */
function scatter(ctx: SyscallContext, iovs: IoVec[], data: Uint8Array): boolean {
  let at = 0;
  for (const iov of iovs) {
    if (at >= data.length) break;
    const n = Math.min(iov.len, data.length - at);
    if (n === 0) continue;
    if (writeUserPrefix(ctx, iov.base, data.subarray(at, at + n)) < n) return false;
    at += n;
  }
  return true;
}

// ------------------------------------------------------------------ the calls

function sysSocket(ctx: SyscallContext, family: number, type: number, protocol: number): number {
  const flags = type & ~SOCK_TYPE_MASK;
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -errno.EINVAL;
  const sock = createSocket(ctx, family, type & SOCK_TYPE_MASK, protocol);
  if (typeof sock === 'number') return sock;
  const fd = installSocket(ctx, sock, flags);
  return fd;
}

/** __sys_socketpair: two descriptors are reserved and stored in sv[] before the sockets are
 *  made (so a bad sv is EFAULT before any family or type check), then the family pairs them. */
function sysSocketpair(ctx: SyscallContext, family: number, type: number, protocol: number, sv: number): number {
  const flags = type & ~SOCK_TYPE_MASK;
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -errno.EINVAL;
  const files = filesOf(ctx);
  const fd1 = files.lowestFree();
  if (fd1 < 0) return fd1;
  const fd2 = files.lowestFree(fd1 + 1);
  if (fd2 < 0) return fd2;
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setInt32(0, fd1, true);
  v.setInt32(4, fd2, true);
  if (sv < 0 || !ctx.mem.write(sv, out)) return -errno.EFAULT;
  const a = createSocket(ctx, family, type & SOCK_TYPE_MASK, protocol);
  if (typeof a === 'number') return a;
  if (family !== AF_UNIX) return -errno.EOPNOTSUPP;
  const b = createSocket(ctx, family, type & SOCK_TYPE_MASK, protocol) as Socket;
  const cred = credOf(ctx);
  Socket.pair(a, b, cred, cred);
  installSocket(ctx, a, flags);
  installSocket(ctx, b, flags);
  return 0;
}

function sysBind(ctx: SyscallContext, fd: number, addr: number, len: number): number {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const raw = addrIn(ctx, addr, len);
  if (typeof raw === 'number') return raw;
  return s.sock.bind(raw, netCaller(ctx));
}

function sysConnect(ctx: SyscallContext, fd: number, addr: number, len: number): number | Blocked {
  const file = fileOf(ctx, fd);
  if (typeof file === 'number') return file;
  const raw = addrIn(ctx, addr, len);
  if (typeof raw === 'number') return raw;
  if (file.ops !== socketFileOps) return -errno.ENOTSOCK;
  return socketOf(file).connect(raw, (file.flags & O_NONBLOCK) !== 0, netCaller(ctx));
}

function sysListen(ctx: SyscallContext, fd: number, backlog: number): number {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  // (unsigned) backlog > somaxconn → somaxconn.
  return s.sock.listen(backlog >>> 0 > SOMAXCONN ? SOMAXCONN : backlog);
}

function sysAccept(ctx: SyscallContext, fd: number, addr: number, lenAddr: number, flags: number): number | Blocked {
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -errno.EINVAL;
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const { sock, file } = s;
  if (!sock.connectionBased) return -errno.EOPNOTSUPP;
  const free = filesOf(ctx).lowestFree();
  if (free < 0) return free;
  const got = sock.withRcvTimeout(sock.accept((file.flags & O_NONBLOCK) !== 0), callerOf(ctx).restart);
  if (typeof got === 'number' || isWait(got)) return got;
  const newFd = installSocket(ctx, got, flags);
  if (newFd < 0) return newFd;
  const name = got.peerName();
  const err = addr === 0 ? 0 : addrOut(ctx, encodeAddress(name ?? got.localName()), addr, lenAddr);
  if (err) {
    filesOf(ctx).close(newFd);
    return err;
  }
  return newFd;
}

function sysGetName(ctx: SyscallContext, fd: number, addr: number, lenAddr: number, peer: boolean): number {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const name = peer ? s.sock.peerName() : s.sock.localName();
  if (!name) return -errno.ENOTCONN;
  return addrOut(ctx, encodeAddress(name), addr, lenAddr);
}

interface SendArgs {
  data: Uint8Array | IoVec[];
  flags: number;
  dest: Uint8Array | null;
  control: Uint8Array | null;
}

function doSend(ctx: SyscallContext, sock: Socket, file: OpenFile, a: SendArgs): number | Blocked {
  if (a.flags & MSG_OOB) return -errno.EOPNOTSUPP;
  let data: Uint8Array;
  if (a.data instanceof Uint8Array) data = a.data;
  else {
    const g = gather(ctx, a.data);
    if (typeof g === 'number') return g;
    data = g;
  }
  let rights: OpenFile[] | null = null;
  let creds = credOf(ctx);
  if (a.control && a.control.length > 0) {
    const cred = ctx.process.creds;
    const parsed = parseControl(ctx.abi, a.control, filesOf(ctx), sock.family === AF_UNIX, (c) =>
      cred.euid === 0 || (c.pid === ctx.process.pid && [cred.uid, cred.euid, cred.suid].includes(c.uid) && [cred.gid, cred.egid, cred.sgid].includes(c.gid)));
    if (typeof parsed === 'number') return parsed;
    rights = parsed.rights;
    if (parsed.creds) creds = parsed.creds;
  }
  const req = { data, flags: a.flags, dest: a.dest, rights, creds, nonblock: nonblocking(file, a.flags), caller: callerOf(ctx), who: netCaller(ctx) };
  const r = sock.send(req);
  // Files not handed to a receiver go back.
  if (req.rights) dropControl({ rights: req.rights, creds: null });
  return r;
}

function sysSendto(ctx: SyscallContext, fd: number, buf: number, len: number, flags: number, addr: number, addrLen: number): number | Blocked {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  let dest: Uint8Array | null = null;
  if (addr !== 0) {
    const raw = addrIn(ctx, addr, addrLen);
    if (typeof raw === 'number') return raw;
    dest = raw.length ? raw : null;
  }
  const n = Math.min(len, MAX_IO);
  let data: Uint8Array;
  if (n === 0) data = new Uint8Array(0);
  else {
    const read = readUserPrefix(ctx, buf, n);
    if (!read || read.length < n) return -errno.EFAULT;
    data = read;
  }
  return doSend(ctx, s.sock, s.file, { data, flags, dest, control: null });
}

/** struct msghdr: 56 bytes on 64-bit ABIs, 28 for i386's compat_msghdr. */
interface MsgHdr {
  name: number;
  namelen: number;
  iov: number;
  iovlen: number;
  control: number;
  controllen: number;
}

function readMsgHdr(ctx: SyscallContext, addr: number): MsgHdr | number {
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, wide ? 56 : 28);
  if (!raw) return -errno.EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const ptr = (off: number): number => {
    if (!wide) return v.getUint32(off, true);
    const p = v.getBigUint64(off, true);
    return p < 1n << 53n ? Number(p) : -1;
  };
  const size = (off: number): number => {
    if (!wide) return v.getUint32(off, true);
    const p = v.getBigUint64(off, true);
    return p > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(p);
  };
  return wide
    ? { name: ptr(0), namelen: v.getInt32(8, true), iov: ptr(16), iovlen: size(24), control: ptr(32), controllen: size(40) }
    : { name: ptr(0), namelen: v.getInt32(4, true), iov: ptr(8), iovlen: size(12), control: ptr(16), controllen: size(20) };
}

function sysSendmsg(ctx: SyscallContext, fd: number, msgAddr: number, flags: number): number | Blocked {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const m = readMsgHdr(ctx, msgAddr);
  if (typeof m === 'number') return m;
  if (m.namelen < 0) return -errno.EINVAL;
  let dest: Uint8Array | null = null;
  if (m.name !== 0 && m.namelen > 0) {
    const raw = addrIn(ctx, m.name, Math.min(m.namelen, SOCKADDR_STORAGE));
    if (typeof raw === 'number') return raw;
    dest = raw;
  }
  const iovs = readIovecs(ctx, m.iov, m.iovlen);
  if (typeof iovs === 'number') return iovs;
  if (m.controllen > 0x7fffffff) return -errno.ENOBUFS;
  const control = readControl(ctx.mem, m.control, m.controllen);
  if (!control) return -errno.EFAULT;
  return doSend(ctx, s.sock, s.file, { data: iovs, flags, dest, control });
}

interface RecvOut {
  result: number;
  from: Uint8Array | null;
  control: Uint8Array;
  msgFlags: number;
}

function doRecv(ctx: SyscallContext, sock: Socket, file: OpenFile, iovs: IoVec[], flags: number, controlRoom: number): RecvOut | number | Blocked {
  if (flags & MSG_OOB) return -errno.EOPNOTSUPP;
  const len = iovs.reduce((n, v) => n + v.len, 0);
  const got = sock.withRcvTimeout(sock.receive(Math.min(len, MAX_IO), flags, nonblocking(file, flags)), callerOf(ctx).restart);
  if (typeof got === 'number' || isWait(got)) return got;
  if (!scatter(ctx, iovs, got.data)) return -errno.EFAULT;
  let control = new Uint8Array(0);
  let msgFlags = got.truncated ? MSG_TRUNC : 0;
  const passCreds = sock.family === AF_UNIX && sock.options.passCred && got.creds ? got.creds : null;
  if (controlRoom > 0 || got.rights.length > 0 || passCreds) {
    const built = buildControl(ctx.abi, controlRoom, passCreds, got.rights, filesOf(ctx), flags);
    if (typeof built === 'number') return built;
    control = built.bytes as Uint8Array<ArrayBuffer>;
    msgFlags |= built.flags;
  }
  const rights = got.rights;
  got.consume();
  if (!(flags & 2)) dropRights(rights); // MSG_PEEK leaves the message's own references queued
  msgFlags |= flags & MSG_CMSG_CLOEXEC;
  const from = got.from ? encodeAddress(got.from) : null;
  return { result: got.result, from, control, msgFlags };
}

function sysRecvfrom(ctx: SyscallContext, fd: number, buf: number, len: number, flags: number, addr: number, lenAddr: number): number | Blocked {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const r = doRecv(ctx, s.sock, s.file, [{ base: buf, len: Math.min(len, MAX_IO) }], flags, 0);
  if (typeof r === 'number' || isWait(r)) return r;
  if (addr !== 0) {
    // Streams report no address: *addrlen becomes 0.
    const err = addrOut(ctx, r.from ?? new Uint8Array(0), addr, lenAddr);
    if (err) return err;
  }
  return r.result;
}

function sysRecvmsg(ctx: SyscallContext, fd: number, msgAddr: number, flags: number): number | Blocked {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const m = readMsgHdr(ctx, msgAddr);
  if (typeof m === 'number') return m;
  if (m.namelen < 0) return -errno.EINVAL;
  const iovs = readIovecs(ctx, m.iov, m.iovlen);
  if (typeof iovs === 'number') return iovs;
  const r = doRecv(ctx, s.sock, s.file, iovs, flags, m.control === 0 ? 0 : Math.min(m.controllen, 0x7fffffff));
  if (typeof r === 'number' || isWait(r)) return r;
  const wide = ctx.abi !== 'i386';
  // msg_namelen: the sender's address length (0 for streams), at most what the caller had room for.
  let namelen = 0;
  if (m.name !== 0 && r.from) {
    const n = Math.min(r.from.length, Math.min(m.namelen, SOCKADDR_STORAGE));
    if (n > 0 && !ctx.mem.write(m.name, r.from.subarray(0, n))) return -errno.EFAULT;
    namelen = r.from.length;
  }
  if (r.control.length > 0 && !ctx.mem.write(m.control, r.control)) return -errno.EFAULT;
  const out = new DataView(new ArrayBuffer(4));
  const put32 = (off: number, value: number): boolean => {
    out.setInt32(0, value, true);
    return ctx.mem.write(msgAddr + off, new Uint8Array(out.buffer.slice(0)));
  };
  const putSize = (off: number, value: number): boolean => {
    if (!wide) return put32(off, value);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(value), true);
    return ctx.mem.write(msgAddr + off, b);
  };
  const ok = put32(wide ? 8 : 4, namelen) && putSize(wide ? 40 : 20, r.control.length) && put32(wide ? 48 : 24, r.msgFlags);
  return ok ? r.result : -errno.EFAULT;
}

/** struct mmsghdr: a msghdr and the unsigned msg_len the kernel fills (64 bytes; 32 on i386). */
function mmsgLayout(ctx: SyscallContext): { size: number; lenAt: number } {
  return ctx.abi === 'i386' ? { size: 32, lenAt: 28 } : { size: 64, lenAt: 56 };
}

function putMsgLen(ctx: SyscallContext, addr: number, value: number): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value, true);
  return ctx.mem.write(addr, b);
}

/** sendmmsg(2) (__sys_sendmmsg): sendmsg for each entry, its byte count into msg_len; the number
 *  sent, or the first entry's error. A send that would wait after the first returns the count. */
function sysSendmmsg(ctx: SyscallContext, fd: number, vec: number, vlen: number, flags: number): number | Blocked {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const { size, lenAt } = mmsgLayout(ctx);
  const n = Math.min(vlen >>> 0, UIO_MAXIOV);
  let sent = 0;
  for (; sent < n; sent++) {
    const entry = vec + sent * size;
    const r = sysSendmsg(ctx, fd, entry, flags);
    if (isWait(r)) return sent > 0 ? sent : r;
    if (r < 0) return sent > 0 ? sent : r;
    if (!putMsgLen(ctx, entry + lenAt, r)) return sent > 0 ? sent : -errno.EFAULT;
  }
  return sent;
}

/** recvmmsg(2) (do_recvmmsg): recvmsg for each entry; after the first, MSG_WAITFORONE makes the
 *  rest non-blocking. The timeout is checked (EFAULT / EINVAL) but, as in vsys's other receives,
 *  only the first datagram is waited for: the call returns what has arrived once one has. */
function sysRecvmmsg(ctx: SyscallContext, fd: number, vec: number, vlen: number, flags: number, timeout: number): number | Blocked {
  if (timeout !== 0) {
    const wide = ctx.abi !== 'i386';
    const raw = timeout < 0 ? null : ctx.mem.read(timeout, wide ? 16 : 8);
    if (!raw) return -errno.EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const sec = wide ? v.getBigInt64(0, true) : BigInt(v.getInt32(0, true));
    const nsec = wide ? v.getBigInt64(8, true) : BigInt(v.getInt32(4, true));
    if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) return -errno.EINVAL;
  }
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const { size, lenAt } = mmsgLayout(ctx);
  const n = Math.min(vlen >>> 0, UIO_MAXIOV);
  let got = 0;
  for (; got < n; got++) {
    const entry = vec + got * size;
    const more = got > 0 ? MSG_DONTWAIT : 0;
    const r = sysRecvmsg(ctx, fd, entry, (flags & ~MSG_WAITFORONE) | more);
    if (isWait(r)) return got > 0 ? got : r;
    if (r < 0) return got > 0 ? got : r;
    if (!putMsgLen(ctx, entry + lenAt, r)) return got > 0 ? got : -errno.EFAULT;
  }
  return got;
}

function sysShutdown(ctx: SyscallContext, fd: number, how: number): number {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  if (how < 0 || how > 2) return -errno.EINVAL;
  const sock = s.sock;
  if (sock.family === AF_UNIX) {
    sock.shut(how);
    return 0;
  }
  // inet_shutdown: an unconnected socket records the bits and answers ENOTCONN; a listener
  // stops listening on SHUT_RD/SHUT_RDWR.
  if (sock.state === 'listening') {
    if (how !== 1) {
      sock.state = 'unconnected';
      sock.notify();
    }
    return 0;
  }
  sock.shut(how);
  return sock.state === 'connected' ? 0 : -errno.ENOTCONN;
}

function sysSetsockopt(ctx: SyscallContext, fd: number, level: number, name: number, val: number, len: number): number {
  if (len < 0) return -errno.EINVAL; // before the descriptor (__sys_setsockopt)
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  return setSocketOption(s.sock, level, name, (n) => (val < 0 ? null : ctx.mem.read(val, n)), len, ctx.abi !== 'i386');
}

function sysGetsockopt(ctx: SyscallContext, fd: number, level: number, name: number, val: number, lenAddr: number): number {
  const s = socketAt(ctx, fd);
  if (typeof s === 'number') return s;
  const raw = lenAddr < 0 ? null : ctx.mem.read(lenAddr, 4);
  if (level === 1 && !raw) return -errno.EFAULT;
  const have = raw ? new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) : 0;
  if (level === 1 && have < 0) return -errno.EINVAL;
  const got = getSocketOption(s.sock, level, name, ctx.abi !== 'i386');
  if (typeof got === 'number') return got;
  if (!raw) return -errno.EFAULT;
  if (have < 0) return -errno.EINVAL;
  const n = Math.min(have, got.length);
  if (n > 0 && (val < 0 || !ctx.mem.write(val, got.subarray(0, n)))) return -errno.EFAULT;
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, n, true);
  return ctx.mem.write(lenAddr, out) ? 0 : -errno.EFAULT;
}

// ------------------------------------------------------------------ declarations

const fdArg = { name: 'sockfd', type: 'fd' } as const;

export const netSyscalls: SyscallDecl[] = [
  {
    name: 'socket', numbers: numbersOf('socket'), classes: ['network'], ret: 'fd',
    args: [{ name: 'domain', type: 'sockfamily' }, { name: 'type', type: 'socktype' }, { name: 'protocol', type: 'sockproto' }],
    handler: (ctx, a) => sysSocket(ctx, a.int(0), a.int(1), a.int(2)),
  },
  {
    name: 'socketpair', numbers: numbersOf('socketpair'), classes: ['network'],
    args: [{ name: 'domain', type: 'sockfamily' }, { name: 'type', type: 'socktype' }, { name: 'protocol', type: 'sockproto' }, { name: 'sv', type: 'pipefds' }],
    handler: (ctx, a) => sysSocketpair(ctx, a.int(0), a.int(1), a.int(2), a.ptr(3)),
  },
  {
    name: 'bind', numbers: numbersOf('bind'), classes: ['network'],
    args: [fdArg, { name: 'addr', type: 'sockaddr', len: 2 }, { name: 'addrlen', type: 'int' }],
    handler: (ctx, a) => sysBind(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'connect', numbers: numbersOf('connect'), classes: ['network'],
    args: [fdArg, { name: 'addr', type: 'sockaddr', len: 2 }, { name: 'addrlen', type: 'int' }],
    handler: (ctx, a) => sysConnect(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'listen', numbers: numbersOf('listen'), classes: ['network'],
    args: [fdArg, { name: 'backlog', type: 'int' }],
    handler: (ctx, a) => sysListen(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'accept', numbers: numbersOf('accept'), classes: ['network'], ret: 'fd',
    args: [fdArg, { name: 'addr', type: 'outsockaddr', len: 2 }, { name: 'addrlen', type: 'socklen' }],
    handler: (ctx, a) => sysAccept(ctx, a.int(0), a.ptr(1), a.ptr(2), 0),
  },
  {
    name: 'accept4', numbers: numbersOf('accept4'), classes: ['network'], ret: 'fd',
    args: [fdArg, { name: 'addr', type: 'outsockaddr', len: 2 }, { name: 'addrlen', type: 'socklen' }, { name: 'flags', type: 'sockflags' }],
    handler: (ctx, a) => sysAccept(ctx, a.int(0), a.ptr(1), a.ptr(2), a.int(3)),
  },
  {
    name: 'getsockname', numbers: numbersOf('getsockname'), classes: ['network'],
    args: [fdArg, { name: 'addr', type: 'outsockaddr', len: 2 }, { name: 'addrlen', type: 'socklen' }],
    handler: (ctx, a) => sysGetName(ctx, a.int(0), a.ptr(1), a.ptr(2), false),
  },
  {
    name: 'getpeername', numbers: numbersOf('getpeername'), classes: ['network'],
    args: [fdArg, { name: 'addr', type: 'outsockaddr', len: 2 }, { name: 'addrlen', type: 'socklen' }],
    handler: (ctx, a) => sysGetName(ctx, a.int(0), a.ptr(1), a.ptr(2), true),
  },
  {
    name: 'sendto', numbers: numbersOf('sendto'), classes: ['network'],
    args: [fdArg, { name: 'buf', type: 'string', len: 2 }, { name: 'len', type: 'uint' }, { name: 'flags', type: 'msgflags' }, { name: 'dest_addr', type: 'sockaddr', len: 5 }, { name: 'addrlen', type: 'int' }],
    handler: (ctx, a) => sysSendto(ctx, a.int(0), a.ptr(1), a.size(2), a.int(3), a.ptr(4), a.int(5)),
  },
  {
    name: 'recvfrom', numbers: numbersOf('recvfrom'), classes: ['network'],
    args: [fdArg, { name: 'buf', type: 'recvbuf', len: 2 }, { name: 'len', type: 'uint' }, { name: 'flags', type: 'msgflags' }, { name: 'src_addr', type: 'outsockaddr', len: 5 }, { name: 'addrlen', type: 'socklen' }],
    handler: (ctx, a) => sysRecvfrom(ctx, a.int(0), a.ptr(1), a.size(2), a.int(3), a.ptr(4), a.ptr(5)),
  },
  {
    name: 'sendmsg', numbers: numbersOf('sendmsg'), classes: ['network'],
    args: [fdArg, { name: 'msg', type: 'msghdr' }, { name: 'flags', type: 'msgflags' }],
    handler: (ctx, a) => sysSendmsg(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'recvmsg', numbers: numbersOf('recvmsg'), classes: ['network'],
    args: [fdArg, { name: 'msg', type: 'outmsghdr' }, { name: 'flags', type: 'msgflags' }],
    handler: (ctx, a) => sysRecvmsg(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'sendmmsg', numbers: numbersOf('sendmmsg'), classes: ['network'],
    args: [fdArg, { name: 'msgvec', type: 'mmsgvec' }, { name: 'vlen', type: 'uint' }, { name: 'flags', type: 'msgflags' }],
    handler: (ctx, a) => sysSendmmsg(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3)),
  },
  {
    name: 'recvmmsg', numbers: numbersOf('recvmmsg'), classes: ['network'],
    args: [fdArg, { name: 'msgvec', type: 'outmmsgvec' }, { name: 'vlen', type: 'uint' }, { name: 'flags', type: 'msgflags' }, { name: 'timeout', type: 'timespec' }],
    handler: (ctx, a) => sysRecvmmsg(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3), a.ptr(4)),
  },
  {
    name: 'shutdown', numbers: numbersOf('shutdown'), classes: ['network'],
    args: [fdArg, { name: 'how', type: 'shuthow' }],
    handler: (ctx, a) => sysShutdown(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'setsockopt', numbers: numbersOf('setsockopt'), classes: ['network'],
    args: [fdArg, { name: 'level', type: 'sockoptlevel' }, { name: 'optname', type: 'sockoptname' }, { name: 'optval', type: 'sockoptval', len: 4 }, { name: 'optlen', type: 'int' }],
    handler: (ctx, a) => sysSetsockopt(ctx, a.int(0), a.int(1), a.int(2), a.ptr(3), a.int(4)),
  },
  {
    name: 'getsockopt', numbers: numbersOf('getsockopt'), classes: ['network'],
    args: [fdArg, { name: 'level', type: 'sockoptlevel' }, { name: 'optname', type: 'sockoptname' }, { name: 'optval', type: 'outsockoptval', len: 4 }, { name: 'optlen', type: 'socklen' }],
    handler: (ctx, a) => sysGetsockopt(ctx, a.int(0), a.int(1), a.int(2), a.ptr(3), a.ptr(4)),
  },
];

/** socketcall(call, args) (i386, net/socket.c): call numbers 1–20 and how many unsigned longs
 *  each reads from `args` (nargs[]). */
const SOCKETCALL: readonly (readonly [string, number] | null)[] = [
  null, ['socket', 3], ['bind', 3], ['connect', 3], ['listen', 2], ['accept', 3], ['getsockname', 3], ['getpeername', 3],
  ['socketpair', 4], ['send', 4], ['recv', 4], ['sendto', 6], ['recvfrom', 6], ['shutdown', 2], ['setsockopt', 5],
  ['getsockopt', 5], ['sendmsg', 3], ['recvmsg', 3], ['accept4', 4], ['recvmmsg', 5], ['sendmmsg', 4],
];

function socketcall(ctx: SyscallContext, a: SyscallArgs): SyscallResult | Blocked {
  const call = a.int(0);
  if (call < 1 || call > 20) return -errno.EINVAL;
  const [name, nargs] = SOCKETCALL[call]!;
  const addr = a.ptr(1);
  const raw = addr < 0 ? null : ctx.mem.read(addr, nargs * 4);
  if (!raw) return -errno.EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const words: number[] = [];
  for (let i = 0; i < nargs; i++) words.push(v.getUint32(i * 4, true));
  // send/recv are sendto/recvfrom without an address.
  if (name === 'send' || name === 'recv') words.push(0, 0);
  const target = name === 'send' ? 'sendto' : name === 'recv' ? 'recvfrom' : name;
  const decl = netSyscalls.find((d) => d.name === target);
  if (!decl) return -errno.ENOSYS;
  return decl.handler(ctx, makeSyscallArgs(words, 'i386'));
}

/** Sockets need the kernel's file system (names, descriptors): without one, ENOSYS. */
function needsFileSystem(decl: SyscallDecl): SyscallDecl {
  const handler = decl.handler;
  return {
    ...decl,
    handler(ctx, args) {
      if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable) || !(ctx.process.fs instanceof FsContext)) return -errno.ENOSYS;
      return handler(ctx, args);
    },
  };
}

const socketcallDecl: SyscallDecl = {
  name: 'socketcall', numbers: numbersOf('socketcall'), classes: ['network'],
  args: [{ name: 'call', type: 'socketcallnr' }, { name: 'args', type: 'ptr' }],
  handler: socketcall,
};

export const syscalls: readonly SyscallDecl[] = [...netSyscalls, socketcallDecl].map(needsFileSystem);
