// A socket's open file (socket_file_ops, net/socket.c): read(2) and write(2) are recv and send
// with no flags, readv/writev go through them, poll reports the socket's readiness on its wait
// queue (so poll, select and epoll see sockets the way they see pipes), ioctl answers FIONREAD
// (SIOCINQ) and SIOCOUTQ, and the last close releases the socket.

import { errno } from '../syscalls/errno.js';
import type { FileOps, OpenFile } from '../vfs/file.js';
import { O_NONBLOCK } from '../vfs/constants.js';
import { SOCK_STREAM } from './constants.js';
import { isWait, type NetCaller, type Socket, type Ucred } from './socket.js';

const FIONREAD = 0x541b;
const SIOCOUTQ = 0x5411;
const NOBODY: Ucred = { pid: 0, uid: 0, gid: 0 };

export function socketOf(file: OpenFile): Socket {
  return file.priv as Socket;
}

/** Hands every received file reference back (a read(2) that took a message with SCM_RIGHTS
 *  discards the files, as unix_stream_read_generic does without a control buffer). */
export function dropRights(rights: readonly OpenFile[]): void {
  for (const f of rights) f.put();
}

export const socketFileOps: FileOps = {
  seekable: false,

  read(file, len, _pos, sink, caller) {
    const sock = socketOf(file);
    const got = sock.withRcvTimeout(sock.receive(len, 0, (file.flags & O_NONBLOCK) !== 0), caller.restart);
    if (typeof got === 'number' || isWait(got)) return got;
    if (got.data.length > 0 && sink(got.data) < got.data.length) return -errno.EFAULT;
    got.consume();
    dropRights(got.rights);
    return got.result;
  },

  write(file, data, _pos, caller) {
    const sock = socketOf(file);
    return sock.send({
      data, flags: 0, dest: null, rights: null, creds: sock.ownerCred ?? NOBODY,
      nonblock: (file.flags & O_NONBLOCK) !== 0, caller, who: null as unknown as NetCaller,
    });
  },

  poll(file) {
    return socketOf(file).poll();
  },

  ioctl(file, cmd, arg, caller) {
    const sock = socketOf(file);
    let value: number;
    if (cmd === FIONREAD) {
      // Streams: bytes queued; datagrams: the size of the next one (unix_ioctl / udp_ioctl).
      const first = sock.recvQueue[0];
      value = sock.type === SOCK_STREAM ? sock.queuedBytes : first ? first.data.length : 0;
    } else if (cmd === SIOCOUTQ) value = 0;
    else return -errno.ENOTTY;
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, value, true);
    return caller.mem.write(arg, out) ? 0 : -errno.EFAULT;
  },

  release(file) {
    socketOf(file).release();
  },
};
