// AF_UNIX sockets (net/unix/af_unix.c, unix(7)): stream, datagram and seqpacket sockets named by
// a filesystem path, an abstract name (sun_path[0] == 0) or nothing. bind() with a path makes a
// socket inode in the guest's tree (mknod S_IFSOCK; an existing name is EADDRINUSE; unlink(2)
// removes the name, not the socket); connect() looks the name up (ENOENT…, EACCES without write
// permission, ECONNREFUSED when the file is not a socket or nobody is bound or listening behind
// it, EPROTOTYPE for another socket type). A connection is made at once: the server's end
// waits in the listener's accept queue, and a full queue (more than `backlog`) makes connect
// wait or fail with EAGAIN. Datagram receivers queue at most net.unix.max_dgram_qlen (10).

import { blocked, type Blocked } from '../../syscalls/types.js';
import { errno } from '../../syscalls/errno.js';
import { isErr } from '../../vfs/errno.js';
import { S_IFMT, S_IFSOCK } from '../../vfs/constants.js';
import type { Inode } from '../../vfs/inode.js';
import { walk } from '../../vfs/namei.js';
import { MAY_WRITE, permission } from '../../vfs/permission.js';
import type { KernelFileSystem } from '../../fs/kernel-fs.js';
import {
  abstractKey, decodeUnix, familyOf, SOCKADDR_UN_SIZE, SUN_PATH_OFFSET, UNNAMED, type SockAddress, type UnixAddress,
} from '../address.js';
import { AF_UNIX, AF_UNSPEC, RCV_SHUTDOWN, SHUTDOWN_MASK, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, UNIX_MAX_DGRAM_QLEN } from '../constants.js';
import { Socket, type NetCaller } from '../socket.js';

/** The names unix sockets are bound to, per kernel file system (a network namespace). */
export class UnixNamespace {
  readonly abstract = new Map<string, UnixSocket>();
  readonly byInode = new WeakMap<Inode, UnixSocket>();
  /** unix_autobind's counter: names "\0" + five hex digits. */
  nextAuto = 0;
}

const namespaces = new WeakMap<KernelFileSystem, UnixNamespace>();

export function unixNamespaceOf(kfs: KernelFileSystem): UnixNamespace {
  let ns = namespaces.get(kfs);
  if (!ns) {
    ns = new UnixNamespace();
    namespaces.set(kfs, ns);
  }
  return ns;
}

/** unix_validate_addr: more than sun_family, at most sizeof(sockaddr_un), family AF_UNIX. */
function validate(raw: Uint8Array): UnixAddress | number {
  if (raw.length <= SUN_PATH_OFFSET || raw.length > SOCKADDR_UN_SIZE || familyOf(raw) !== AF_UNIX) return -errno.EINVAL;
  return decodeUnix(raw);
}

export class UnixSocket extends Socket {
  address: UnixAddress = UNNAMED;
  /** The inode a path bind made (the name's identity, even after a rename). */
  boundInode: Inode | null = null;
  readonly notConnectedRecvError = errno.EINVAL;

  constructor(
    type: number,
    readonly ns: UnixNamespace,
  ) {
    super(AF_UNIX, type, 0);
  }

  localName(): SockAddress {
    return this.address;
  }

  peerName(): SockAddress | null {
    const peer = this.peer as UnixSocket | null;
    if (!peer) return null;
    return peer.address;
  }

  /** An unnamed sender's datagrams carry no address: recvfrom reports length 0 (unix_copy_addr). */
  protected override datagramFrom(): SockAddress | null {
    return this.bound ? this.address : null;
  }

  get bound(): boolean {
    return this.address.kind !== 'unnamed';
  }

  /** unix_autobind: an abstract name of five hex digits; nothing to do when already bound. */
  autobind(): number {
    if (this.bound) return 0;
    for (let tries = 0; tries < 0x100000; tries++) {
      const text = (this.ns.nextAuto++ & 0xfffff).toString(16).padStart(5, '0');
      const name = Buffer.from(text, 'latin1');
      const key = abstractKey(name);
      if (this.ns.abstract.has(key)) continue;
      this.address = { family: AF_UNIX, kind: 'abstract', name };
      this.ns.abstract.set(key, this);
      return 0;
    }
    return -errno.ENOSPC;
  }

  bind(raw: Uint8Array, who: NetCaller): number {
    if (raw.length === SUN_PATH_OFFSET && familyOf(raw) === AF_UNIX) return this.autobind();
    const addr = validate(raw);
    if (typeof addr === 'number') return addr;
    if (addr.kind === 'abstract') {
      if (this.bound) return -errno.EINVAL;
      const key = abstractKey(addr.name);
      if (this.ns.abstract.has(key)) return -errno.EADDRINUSE;
      this.ns.abstract.set(key, this);
      this.address = addr;
      return 0;
    }
    if (addr.kind !== 'path') return -errno.EINVAL;
    // unix_bind_bsd: mknod first (an existing name: EEXIST → EADDRINUSE), then EINVAL for a
    // socket bound already, removing the node it just made.
    const made = who.kfs.vfs.mknod(who.env, who.cwd, addr.path, S_IFSOCK | 0o777, 0, who.umask);
    if (made) return made === -errno.EEXIST ? -errno.EADDRINUSE : made;
    if (this.bound) {
      who.kfs.vfs.unlink(who.env, who.cwd, addr.path);
      return -errno.EINVAL;
    }
    const place = walk(who.env, who.cwd, addr.path, false);
    if (isErr(place)) return place;
    this.boundInode = place.dentry.inode;
    this.ns.byInode.set(this.boundInode, this);
    this.address = addr;
    return 0;
  }

  /** unix_find_other: the socket bound to `addr`, or the errno. */
  findOther(addr: UnixAddress, who: NetCaller): UnixSocket | number {
    let other: UnixSocket | undefined;
    if (addr.kind === 'path') {
      const place = walk(who.env, who.cwd, addr.path, true);
      if (isErr(place)) return place;
      const inode = place.dentry.inode;
      const denied = permission(inode, MAY_WRITE, who.env.creds);
      if (denied) return denied;
      if ((inode.mode & S_IFMT) !== S_IFSOCK) return -errno.ECONNREFUSED;
      other = this.ns.byInode.get(inode);
    } else if (addr.kind === 'abstract') {
      other = this.ns.abstract.get(abstractKey(addr.name));
    }
    if (!other || other.released) return -errno.ECONNREFUSED;
    if (other.type !== this.type) return -errno.EPROTOTYPE;
    return other;
  }

  connect(raw: Uint8Array, nonblock: boolean, who: NetCaller): number | Blocked {
    if (this.type === SOCK_DGRAM) return this.connectDatagram(raw, who);
    const addr = validate(raw);
    if (typeof addr === 'number') return addr;
    if (this.options.passCred) {
      const err = this.autobind();
      if (err) return err;
    }
    const other = this.findOther(addr, who);
    if (typeof other === 'number') return other;
    if (other.state !== 'listening' || other.shutdown & RCV_SHUTDOWN) return -errno.ECONNREFUSED;
    if (other.acceptQueueFull) {
      if (nonblock) return -errno.EAGAIN;
      return blocked(other.wait);
    }
    if (this.state === 'connected') return -errno.EISCONN;
    if (this.state !== 'unconnected') return -errno.EINVAL;
    // The server's end: a new socket with the listener's name (unix_stream_connect: newsk).
    const server = new UnixSocket(this.type, this.ns);
    server.address = other.address;
    server.options.passCred = other.options.passCred;
    server.clock = other.clock;
    server.ownerCred = other.ownerCred;
    Socket.pair(this, server, who.cred, other.ownerCred ?? who.cred);
    server.embryo = true;
    other.acceptQueue.push(server);
    other.wait.wakeAll();
    this.notify();
    return 0;
  }

  private connectDatagram(raw: Uint8Array, who: NetCaller): number {
    if (raw.length < 2) return -errno.EINVAL;
    if (familyOf(raw) === AF_UNSPEC) {
      this.peer = null;
      this.state = 'unconnected';
      return 0;
    }
    const addr = validate(raw);
    if (typeof addr === 'number') return addr;
    if (this.options.passCred) {
      const err = this.autobind();
      if (err) return err;
    }
    const other = this.findOther(addr, who);
    if (typeof other === 'number') return other;
    // unix_may_send: a receiver connected elsewhere takes nothing from us.
    if (other.peer && other.peer !== this) return -errno.EPERM;
    this.peer = other;
    this.peerCred = other.ownerCred;
    this.state = 'connected';
    return 0;
  }

  listen(backlog: number): number {
    if (this.type !== SOCK_STREAM && this.type !== SOCK_SEQPACKET) return -errno.EOPNOTSUPP;
    if (!this.bound) return -errno.EINVAL;
    if (this.state !== 'unconnected' && this.state !== 'listening') return -errno.EINVAL;
    this.backlog = backlog;
    this.state = 'listening';
    this.wait.wakeAll();
    return 0;
  }

  checkStreamSend(dest: Uint8Array | null): number {
    if (this.type === SOCK_SEQPACKET) return this.state === 'connected' ? 0 : -errno.ENOTCONN;
    if (dest) return this.state === 'connected' ? -errno.EISCONN : -errno.EOPNOTSUPP;
    if (!this.peer) return -errno.ENOTCONN;
    return 0;
  }

  protected override datagramQueueFull(receiver: Socket): boolean {
    return receiver.recvQueue.length >= UNIX_MAX_DGRAM_QLEN;
  }

  datagramTarget(dest: Uint8Array | null, length: number, who: NetCaller): Socket | number {
    let addr: UnixAddress | null = null;
    if (dest) {
      const v = validate(dest);
      if (typeof v === 'number') return v;
      addr = v;
    } else if (!this.peer) return -errno.ENOTCONN;
    if (this.options.passCred) {
      const err = this.autobind();
      if (err) return err;
    }
    if (length > this.options.sndbuf - 32) return -errno.EMSGSIZE;
    let other: Socket | number = this.peer!;
    if (addr) other = this.findOther(addr, who);
    if (typeof other === 'number') return other;
    if (other.released) {
      if (this.peer === other) {
        this.peer = null;
        this.state = 'unconnected';
      }
      return -errno.ECONNREFUSED;
    }
    if (other.peer && other.peer !== this) return -errno.EPERM;
    if (other.shutdown & RCV_SHUTDOWN) return -errno.EPIPE;
    return other;
  }

  protected onRelease(): void {
    if (this.address.kind === 'abstract') {
      const key = abstractKey(this.address.name);
      if (this.ns.abstract.get(key) === this) this.ns.abstract.delete(key);
    }
    if (this.boundInode && this.ns.byInode.get(this.boundInode) === this) this.ns.byInode.delete(this.boundInode);
    const peer = this.peer;
    if (peer && this.connectionBased) {
      // The other end can read what is queued, then sees end of file — or ECONNRESET when this
      // end still held unread data or was never accepted (unix_release_sock).
      peer.shutdown = SHUTDOWN_MASK;
      if (this.recvQueue.length > 0 || this.embryo) peer.error = errno.ECONNRESET;
      peer.wait.wakeAll();
    }
    this.peer = null;
  }
}
