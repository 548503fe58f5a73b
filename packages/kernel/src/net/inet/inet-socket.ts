// AF_INET and AF_INET6 inside the guest only (ip(7), ipv6(7), tcp(7), udp(7)): a private
// loopback network where 127.0.0.0/8 and ::1 are this machine, INADDR_ANY / in6addr_any bind to
// it, and nothing ever leaves — no host socket is opened. TCP is a connection-based byte stream
// between guest sockets (ports, the listen backlog, EADDRINUSE, ECONNREFUSED when nobody listens,
// a non-blocking connect that answers EINPROGRESS, FIN and RST on close); UDP delivers datagrams
// to the socket bound to the port (a connected sender learns ECONNREFUSED from the "ICMP port
// unreachable" when nobody is). Other destinations are unreachable (ENETUNREACH) for TCP; UDP
// datagrams to them are sent and lost. Ports left unnamed come from 32768–60999
// (ip_local_port_range), in order rather than at random.

import { blocked, type Blocked } from '../../syscalls/types.js';
import { errno } from '../../syscalls/errno.js';
import type { KernelFileSystem } from '../../fs/kernel-fs.js';
import { decodeInet, familyOf, SIN6_LEN_RFC2133, SOCKADDR_IN_SIZE, type InetAddress, type SockAddress } from '../address.js';
import {
  AF_INET, AF_INET6, AF_UNSPEC, EPHEMERAL_HIGH, EPHEMERAL_LOW, IPPROTO_TCP, IPPROTO_UDP, RCV_SHUTDOWN, SEND_SHUTDOWN, SHUTDOWN_MASK,
  SOCK_STREAM, TCP_RMEM_DEFAULT, TCP_WMEM_DEFAULT, UDP_MAX_PAYLOAD,
} from '../constants.js';
import { Socket, type NetCaller, type SendRequest } from '../socket.js';

/** Bound ports per protocol, per kernel file system (one network namespace). */
export class InetNamespace {
  readonly bound = new Map<number, Set<InetSocket>>([[IPPROTO_TCP, new Set()], [IPPROTO_UDP, new Set()]]);
  nextEphemeral = EPHEMERAL_LOW;
}

const namespaces = new WeakMap<KernelFileSystem, InetNamespace>();

export function inetNamespaceOf(kfs: KernelFileSystem): InetNamespace {
  let ns = namespaces.get(kfs);
  if (!ns) {
    ns = new InetNamespace();
    namespaces.set(kfs, ns);
  }
  return ns;
}

/** An address as this network sees it: 'any', 'any6' (also any IPv4), or a v4/v6 key. */
type Where = { kind: 'any4' } | { kind: 'any6' } | { kind: 'v4'; a: Uint8Array } | { kind: 'v6'; a: Uint8Array };

const V4_MAPPED = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
const LOOPBACK4 = Uint8Array.of(127, 0, 0, 1);
const LOOPBACK6 = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

function where(a: InetAddress): Where {
  if (a.family === AF_INET) return a.addr.every((b) => b === 0) ? { kind: 'any4' } : { kind: 'v4', a: a.addr };
  if (a.addr.every((b) => b === 0)) return { kind: 'any6' };
  if (V4_MAPPED.every((b, i) => a.addr[i] === b)) {
    const v4 = a.addr.slice(12);
    return v4.every((b) => b === 0) ? { kind: 'any4' } : { kind: 'v4', a: v4 };
  }
  return { kind: 'v6', a: a.addr };
}

/** Is this address this machine (loopback or unspecified)? */
function isLocal(w: Where): boolean {
  if (w.kind === 'any4' || w.kind === 'any6') return true;
  if (w.kind === 'v4') return w.a[0] === 127;
  return w.a.every((b, i) => b === LOOPBACK6[i]);
}

function sameWhere(x: Where, y: Where): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === 'v4' || x.kind === 'v6') return Buffer.compare(x.a, (y as { a: Uint8Array }).a) === 0;
  return true;
}

/** Do two bound addresses claim the same port space (inet_bind_conflict)? */
function overlaps(x: Where, y: Where): boolean {
  if (x.kind === 'any6' || y.kind === 'any6') return true;
  if (x.kind === 'any4') return y.kind !== 'v6';
  if (y.kind === 'any4') return x.kind !== 'v6';
  return sameWhere(x, y);
}

/** Would a socket bound at `bound` receive what is sent to `dest`? */
function accepts(bound: Where, dest: Where): boolean {
  if (bound.kind === 'any6') return true;
  if (bound.kind === 'any4') return dest.kind === 'v4' || dest.kind === 'any4';
  return sameWhere(bound, dest);
}

export class InetSocket extends Socket {
  /** The bound address (port 0 while unbound). */
  local: InetAddress;
  remote: InetAddress | null = null;
  /** A non-blocking connect answered EINPROGRESS; the next connect reports how it ended. */
  connecting = false;
  /** The peer has closed and the RST answering our first write after that has arrived. */
  private resetArrived = false;
  readonly notConnectedRecvError = errno.ENOTCONN;

  constructor(
    family: number,
    type: number,
    protocol: number,
    readonly ns: InetNamespace,
  ) {
    super(family, type, protocol);
    this.local = { family: family as typeof AF_INET, port: 0, addr: new Uint8Array(family === AF_INET ? 4 : 16) };
    if (protocol === IPPROTO_TCP) {
      this.options.rcvbuf = TCP_RMEM_DEFAULT;
      this.options.sndbuf = TCP_WMEM_DEFAULT;
    }
  }

  get isTcp(): boolean {
    return this.protocol === IPPROTO_TCP;
  }

  private get table(): Set<InetSocket> {
    return this.ns.bound.get(this.protocol)!;
  }

  localName(): SockAddress {
    return this.local;
  }

  peerName(): SockAddress | null {
    return this.state === 'connected' || (this.isTcp && this.peer) ? this.remote : null;
  }

  /** An address given in this socket's family (IPv4 as v4-mapped for an AF_INET6 socket). */
  private inFamily(w: Where, port: number): InetAddress {
    if (this.family === AF_INET) {
      const addr = w.kind === 'v4' ? w.a : new Uint8Array(4);
      return { family: AF_INET, port, addr };
    }
    const addr = new Uint8Array(16);
    if (w.kind === 'v4') {
      addr.set(V4_MAPPED);
      addr.set(w.a, 12);
    } else if (w.kind === 'v6') addr.set(w.a);
    return { family: AF_INET6, port, addr, flowinfo: 0, scopeId: 0 };
  }

  /** Checks an address argument's length and family (inet_bind / tcp_v4_connect / tcp_v6_connect). */
  private parse(raw: Uint8Array): InetAddress | number {
    if (this.family === AF_INET) {
      if (raw.length < SOCKADDR_IN_SIZE) return -errno.EINVAL;
      if (familyOf(raw) !== AF_INET) return -errno.EAFNOSUPPORT;
    } else {
      if (raw.length < SIN6_LEN_RFC2133) return -errno.EINVAL;
      if (familyOf(raw) !== AF_INET6) return -errno.EAFNOSUPPORT;
    }
    return decodeInet(raw);
  }

  /** Takes `port` (0: an ephemeral one) at `at` for this socket, or EADDRINUSE. */
  private claim(at: Where, port: number): number {
    const conflicts = (p: number): boolean => {
      for (const other of this.table) {
        if (other === this || other.released || other.local.port !== p) continue;
        if (!overlaps(where(other.local), at)) continue;
        const reuse = this.options.reuseAddr && other.options.reuseAddr && (!this.isTcp || other.state !== 'listening');
        const reusePort = this.options.reusePort && other.options.reusePort;
        if (!reuse && !reusePort) return true;
      }
      return false;
    };
    if (port === 0) {
      const span = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
      for (let i = 0; i < span; i++) {
        const p = EPHEMERAL_LOW + ((this.ns.nextEphemeral - EPHEMERAL_LOW + i) % span);
        if (!conflicts(p)) {
          this.ns.nextEphemeral = p + 1 > EPHEMERAL_HIGH ? EPHEMERAL_LOW : p + 1;
          port = p;
          break;
        }
      }
      if (port === 0) return -errno.EADDRINUSE;
    } else if (conflicts(port)) return -errno.EADDRINUSE;
    this.local = this.inFamily(at, port);
    this.table.add(this);
    return 0;
  }

  bind(raw: Uint8Array, who: NetCaller): number {
    const addr = this.parse(raw);
    if (typeof addr === 'number') return addr;
    const at = where(addr);
    if (!isLocal(at)) return -errno.EADDRNOTAVAIL;
    if (addr.port !== 0 && addr.port < 1024 && who.euid !== 0) return -errno.EACCES;
    if (this.local.port !== 0 || this.state !== 'unconnected') return -errno.EINVAL;
    return this.claim(at, addr.port);
  }

  /** An unbound socket gets an ephemeral port on first use (inet_autobind). */
  private autobind(): number {
    return this.local.port === 0 ? this.claim(where(this.local), 0) : 0;
  }

  /** The address a send to `dest` comes from: the bound one, or the destination's own
   *  loopback address when bound to any. */
  private sourceFor(dest: Where): InetAddress {
    const w = where(this.local);
    if (w.kind !== 'any4' && w.kind !== 'any6') return this.local;
    const src: Where = dest.kind === 'v4' || dest.kind === 'v6' ? dest : dest.kind === 'any6' ? { kind: 'v6', a: LOOPBACK6 } : { kind: 'v4', a: LOOPBACK4 };
    return this.inFamily(src, this.local.port);
  }

  /** Sending to 0.0.0.0 / :: reaches this machine (the kernel rewrites it to loopback). */
  private destination(addr: InetAddress): Where {
    const w = where(addr);
    if (w.kind === 'any4') return { kind: 'v4', a: LOOPBACK4 };
    if (w.kind === 'any6') return { kind: 'v6', a: LOOPBACK6 };
    return w;
  }

  connect(raw: Uint8Array, nonblock: boolean): number | Blocked {
    if (raw.length < 2) return -errno.EINVAL;
    if (familyOf(raw) === AF_UNSPEC) return this.disconnect();
    if (!this.isTcp) return this.connectDatagram(raw);
    if (this.connecting) {
      // __inet_stream_connect, SS_CONNECTING: established → 0 (now SS_CONNECTED); reset → the error.
      this.connecting = false;
      if (this.state === 'connected') return 0;
      return -(this.takeError() || errno.ECONNABORTED);
    }
    if (this.state === 'connected') return -errno.EISCONN;
    if (this.state !== 'unconnected') return -errno.EISCONN;
    const addr = this.parse(raw);
    if (typeof addr === 'number') return addr;
    const dest = this.destination(addr);
    if (!isLocal(dest)) return -errno.ENETUNREACH;
    if (this.family === AF_INET && dest.kind === 'v6') return -errno.EAFNOSUPPORT;
    const err = this.autobind();
    if (err) return err;
    const listener = this.findTcpListener(dest, addr.port);
    if (!listener) {
      if (nonblock) {
        this.connecting = true;
        this.error = errno.ECONNREFUSED;
        this.notify();
        return -errno.EINPROGRESS;
      }
      return -errno.ECONNREFUSED;
    }
    if (listener.acceptQueueFull && !nonblock) return blocked(listener.wait);
    const child = new InetSocket(listener.family, SOCK_STREAM, IPPROTO_TCP, this.ns);
    child.local = child.inFamily(dest, addr.port);
    const src = this.sourceFor(dest);
    this.local = src;
    child.remote = child.inFamily(where(src), src.port);
    this.remote = this.inFamily(dest, addr.port);
    child.options.reuseAddr = listener.options.reuseAddr;
    child.clock = listener.clock;
    child.ownerCred = listener.ownerCred;
    Socket.pair(this, child, { pid: 0, uid: -1, gid: -1 }, { pid: 0, uid: -1, gid: -1 });
    this.peerCred = child.peerCred = null;
    child.embryo = true;
    listener.acceptQueue.push(child);
    listener.wait.wakeAll();
    this.notify();
    if (nonblock) {
      this.connecting = true;
      return -errno.EINPROGRESS;
    }
    return 0;
  }

  private findTcpListener(dest: Where, port: number): InetSocket | null {
    for (const s of this.table) {
      if (s.released || s.state !== 'listening' || s.local.port !== port || s.shutdown & RCV_SHUTDOWN) continue;
      if (s.family === AF_INET && dest.kind === 'v6') continue;
      if (accepts(where(s.local), dest)) return s;
    }
    return null;
  }

  private connectDatagram(raw: Uint8Array): number {
    const addr = this.parse(raw);
    if (typeof addr === 'number') return addr;
    const err = this.autobind();
    if (err) return err;
    const dest = this.destination(addr);
    if (isLocal(dest) && where(this.local).kind.startsWith('any')) this.local = this.sourceFor(dest);
    this.remote = this.inFamily(dest, addr.port);
    this.state = 'connected';
    return 0;
  }

  private disconnect(): number {
    if (this.isTcp && this.state === 'connected') {
      this.closeConnection();
      this.state = 'unconnected';
    }
    if (!this.isTcp) {
      this.remote = null;
      this.state = 'unconnected';
    }
    return 0;
  }

  listen(backlog: number): number {
    if (!this.isTcp) return -errno.EOPNOTSUPP;
    if (this.state === 'connected' || this.connecting) return -errno.EINVAL;
    if (this.state !== 'listening') {
      const err = this.autobind();
      if (err) return err;
    }
    this.backlog = backlog;
    this.state = 'listening';
    this.wait.wakeAll();
    return 0;
  }

  checkStreamSend(): number {
    return 0;
  }

  /** A TCP write after the peer closed: the first goes out and the peer answers with RST (the
   *  bytes are lost); later ones fail with EPIPE (tcp_reset in CLOSE_WAIT). */
  override send(req: SendRequest): number | Blocked {
    if (this.isTcp && this.state === 'connected' && this.peer?.released && !this.resetArrived && !(this.shutdown & SEND_SHUTDOWN)) {
      this.resetArrived = true;
      this.shutdown = SHUTDOWN_MASK;
      this.notify();
      return req.data.length;
    }
    return super.send(req);
  }

  datagramTarget(dest: Uint8Array | null, length: number): Socket | number | undefined {
    if (length > 0xffff) return -errno.EMSGSIZE;
    let to: InetAddress;
    if (dest) {
      const addr = this.parse(dest);
      if (typeof addr === 'number') return addr;
      if (addr.port === 0) return -errno.EINVAL;
      to = addr;
    } else {
      if (this.state !== 'connected' || !this.remote) return -errno.EDESTADDRREQ;
      to = this.remote;
    }
    const err = this.autobind();
    if (err) return err;
    if (length > UDP_MAX_PAYLOAD) return -errno.EMSGSIZE;
    const w = this.destination(to);
    if (!isLocal(w)) return undefined;
    const src = this.sourceFor(w);
    for (const s of this.table) {
      if (s.released || s.local.port !== to.port) continue;
      if (s.family === AF_INET && w.kind === 'v6') continue;
      if (!accepts(where(s.local), w)) continue;
      // A connected receiver takes datagrams from its peer only.
      if (s.remote && (s.remote.port !== src.port || !sameWhere(where(s.remote), where(src)))) continue;
      if (s.shutdown & RCV_SHUTDOWN) continue;
      this.pendingFrom = s.inFamily(where(src), src.port);
      return s;
    }
    // Port unreachable: a connected socket hears of it (udp_err); the datagram is gone.
    if (this.state === 'connected') {
      this.error = errno.ECONNREFUSED;
      this.notify();
    }
    return undefined;
  }

  /** The sender address of the datagram being sent, in the receiver's family. */
  private pendingFrom: InetAddress | null = null;

  /** Datagrams carry the sender's address as the receiver's family shows it. */
  protected override datagramFrom(): SockAddress {
    const from = this.pendingFrom ?? this.local;
    this.pendingFrom = null;
    return from;
  }

  /** TCP close: RST when unread data is thrown away (the peer gets ECONNRESET), else FIN. */
  private closeConnection(): void {
    const peer = this.peer;
    if (!peer || peer.released) return;
    if (this.recvQueue.length > 0 || this.embryo) {
      peer.error = errno.ECONNRESET;
      peer.shutdown = SHUTDOWN_MASK;
    } else peer.shutdown |= RCV_SHUTDOWN;
    peer.wait.wakeAll();
  }

  protected onRelease(): void {
    if (this.isTcp) this.closeConnection();
    this.table.delete(this);
  }
}
