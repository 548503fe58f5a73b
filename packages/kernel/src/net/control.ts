// Ancillary data (cmsg(3), unix(7) "Ancillary messages", net/core/scm.c): SCM_RIGHTS passes
// open files — the receiver gets new descriptors for the same open file descriptions — and
// SCM_CREDENTIALS passes {pid, uid, gid}. struct cmsghdr is {size_t cmsg_len; int level; int
// type} padded to 8 bytes (16-byte header) on x86-64 and arm64, and {u32, int, int} aligned to
// 4 (12-byte header) for i386 (compat_cmsghdr).

import { errno } from '../syscalls/errno.js';
import type { SyscallAbi, UserMemory } from '../syscalls/types.js';
import type { FdTable } from '../vfs/fd-table.js';
import type { OpenFile } from '../vfs/file.js';
import { MSG_CMSG_CLOEXEC, MSG_CTRUNC, SCM_CREDENTIALS, SCM_MAX_FD, SCM_RIGHTS, SOL_SOCKET } from './constants.js';
import type { Ucred } from './socket.js';

interface Layout {
  header: number;
  align: number;
  wide: boolean;
}

function layoutOf(abi: SyscallAbi): Layout {
  return abi === 'i386' ? { header: 12, align: 4, wide: false } : { header: 16, align: 8, wide: true };
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

export interface SendControl {
  rights: OpenFile[] | null;
  creds: Ucred | null;
}

/** Drops the references a parsed control block took. */
export function dropControl(c: SendControl): void {
  for (const f of c.rights ?? []) f.put();
  c.rights = null;
}

/** __scm_send: walks the cmsg headers of a sendmsg. `unix` is false for families that take no
 *  SCM_RIGHTS (EINVAL); `allowed` checks claimed credentials (EPERM). */
export function parseControl(
  abi: SyscallAbi, bytes: Uint8Array, files: FdTable, unix: boolean, allowed: (c: Ucred) => boolean,
): SendControl | number {
  const L = layoutOf(abi);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: SendControl = { rights: null, creds: null };
  const fail = (e: number): number => {
    dropControl(out);
    return -e;
  };
  for (let off = 0; off + L.header <= bytes.length; ) {
    const len = L.wide ? Number(v.getBigUint64(off, true)) : v.getUint32(off, true);
    const level = v.getInt32(off + (L.wide ? 8 : 4), true);
    const type = v.getInt32(off + (L.wide ? 12 : 8), true);
    if (len < L.header || len > bytes.length - off) return fail(errno.EINVAL);
    if (level === SOL_SOCKET) {
      if (type === SCM_RIGHTS) {
        if (!unix) return fail(errno.EINVAL);
        const count = Math.floor((len - L.header) / 4);
        if (count > 0) {
          const have = out.rights?.length ?? 0;
          if (count + have > SCM_MAX_FD) return fail(errno.EINVAL);
          out.rights ??= [];
          for (let i = 0; i < count; i++) {
            const file = files.get(v.getInt32(off + L.header + i * 4, true));
            if (!file) return fail(errno.EBADF);
            out.rights.push(file.get());
          }
        }
      } else if (type === SCM_CREDENTIALS) {
        if (len !== L.header + 12) return fail(errno.EINVAL);
        const c = { pid: v.getInt32(off + L.header, true), uid: v.getUint32(off + L.header + 4, true), gid: v.getUint32(off + L.header + 8, true) };
        if (!allowed(c)) return fail(errno.EPERM);
        out.creds = c;
      } else return fail(errno.EINVAL);
    }
    off += alignUp(len, L.align);
  }
  return out;
}

export interface ReceivedControl {
  /** The bytes to store at msg_control. */
  bytes: Uint8Array;
  /** MSG_CTRUNC when something did not fit. */
  flags: number;
}

/** scm_recv: the credentials (when SO_PASSCRED is on) and the files received, as cmsgs in a
 *  buffer of `room` bytes. Files are installed in `files` (each new descriptor takes its own
 *  reference; the caller drops the message's once the message is consumed). */
export function buildControl(
  abi: SyscallAbi, room: number, creds: Ucred | null, rights: OpenFile[], files: FdTable, flags: number,
): ReceivedControl | number {
  const L = layoutOf(abi);
  const chunks: Uint8Array[] = [];
  let used = 0;
  let outFlags = 0;
  const header = (len: number, type: number, body: Uint8Array): Uint8Array => {
    const b = new Uint8Array(len);
    const v = new DataView(b.buffer);
    if (L.wide) v.setBigUint64(0, BigInt(len), true);
    else v.setUint32(0, len, true);
    v.setInt32(L.wide ? 8 : 4, SOL_SOCKET, true);
    v.setInt32(L.wide ? 12 : 8, type, true);
    b.set(body.subarray(0, len - L.header), L.header);
    return b;
  };
  const put = (type: number, body: Uint8Array): boolean => {
    // put_cmsg: a header that does not fit sets MSG_CTRUNC; a body cut short is cut short.
    const left = room - used;
    if (left < L.header) {
      outFlags |= MSG_CTRUNC;
      return false;
    }
    let len = L.header + body.length;
    if (len > left) {
      outFlags |= MSG_CTRUNC;
      len = left;
    }
    chunks.push(header(len, type, body));
    used += Math.min(alignUp(len, L.align), left);
    return true;
  };
  if (creds) {
    const b = new Uint8Array(12);
    const v = new DataView(b.buffer);
    v.setInt32(0, creds.pid, true);
    v.setUint32(4, creds.uid >>> 0, true);
    v.setUint32(8, creds.gid >>> 0, true);
    put(SCM_CREDENTIALS, b);
  }
  if (rights.length > 0) {
    // scm_detach_fds: as many descriptors as whole ints fit after the header.
    const left = room - used;
    const fit = left > L.header ? Math.min(rights.length, Math.floor((left - L.header) / 4)) : 0;
    const fds: number[] = [];
    for (let i = 0; i < fit; i++) {
      const fd = files.alloc(rights[i]!, (flags & MSG_CMSG_CLOEXEC) !== 0);
      if (fd < 0) break;
      fds.push(fd);
    }
    if (fds.length < rights.length) outFlags |= MSG_CTRUNC;
    if (fds.length > 0) {
      const b = new Uint8Array(fds.length * 4);
      const v = new DataView(b.buffer);
      fds.forEach((fd, i) => v.setInt32(i * 4, fd, true));
      put(SCM_RIGHTS, b);
    }
  }
  const bytes = new Uint8Array(used);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c.subarray(0, Math.min(c.length, used - at)), at);
    at += alignUp(c.length, L.align);
  }
  return { bytes, flags: outFlags };
}

export function readControl(mem: UserMemory, addr: number, len: number): Uint8Array | null {
  if (len === 0) return new Uint8Array(0);
  return addr < 0 ? null : mem.read(addr, len);
}
