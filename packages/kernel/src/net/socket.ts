// The socket object every family shares (struct socket + struct sock, net/core/sock.c): its
// type and state, the receive queue of messages, the accept queue of a listener, shutdown bits,
// the pending error (SO_ERROR) and the options setsockopt keeps. The data paths that do not
// depend on the family live here too — byte streams (SOCK_STREAM: unix stream, TCP), records
// (SOCK_SEQPACKET) and datagrams (SOCK_DGRAM: unix dgram, UDP) — so AF_UNIX (unix/) and the
// guest-only loopback AF_INET/AF_INET6 (inet/) only add naming: bind, connect, addresses.
//
// Blocking follows the kernel's restart model (see pipe/pipe.ts): an operation that must wait
// returns `Blocked` on the socket's wait queue and runs again from the start when woken. A
// receive hands back what it would take and a `consume` to call once the bytes reached the
// caller, so a copy-out that faults leaves them queued, as skb_copy_datagram_msg does.

import { blocked, type Blocked } from '../syscalls/types.js';
import { errno } from '../syscalls/errno.js';
import type { IoCaller, OpenFile, PollState } from '../vfs/file.js';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../vfs/file.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';
import type { SockAddress } from './address.js';
import type { KernelFileSystem } from '../fs/kernel-fs.js';
import type { WalkEnv } from '../vfs/namei.js';
import type { Path } from '../vfs/dentry.js';
import {
  MSG_NOSIGNAL, MSG_PEEK, MSG_TRUNC, MSG_WAITALL, RCV_SHUTDOWN, SEND_SHUTDOWN, SHUTDOWN_MASK, SOCK_DGRAM, SOCK_SEQPACKET,
  SOCK_STREAM, RMEM_DEFAULT, WMEM_DEFAULT,
} from './constants.js';

const SIGPIPE = 13;
const POLLWRBAND = 0x200;
const POLLRDHUP = 0x2000;

/** struct ucred: who sent a message or made a connection (SCM_CREDENTIALS, SO_PEERCRED). */
export interface Ucred {
  pid: number;
  uid: number;
  gid: number;
}

/** One sent unit (an skb): a datagram, a record, or a piece of a byte stream. */
export interface Message {
  data: Uint8Array;
  /** Bytes of `data` a stream reader has already taken. */
  off: number;
  /** Open files carried by SCM_RIGHTS (one reference each, owned by the message). */
  rights: OpenFile[] | null;
  creds: Ucred;
  /** The sender's address (datagrams: what recvfrom reports). */
  from: SockAddress | null;
}

export interface SendRequest {
  data: Uint8Array;
  flags: number;
  /** Raw destination address (sendto/sendmsg msg_name), null when none was given. */
  dest: Uint8Array | null;
  rights: OpenFile[] | null;
  creds: Ucred;
  nonblock: boolean;
  caller: IoCaller;
  who: NetCaller;
}

/** The calling process as naming needs it: its view of the file tree (unix paths), umask and
 *  credentials (ports below 1024, SO_PEERCRED). */
export interface NetCaller {
  kfs: KernelFileSystem;
  env: WalkEnv;
  cwd: Path;
  umask: number;
  cred: Ucred;
  euid: number;
}

export interface Received {
  /** The bytes for the caller's buffer. */
  data: Uint8Array;
  /** The call's result: bytes copied, or the whole datagram's length with MSG_TRUNC. */
  result: number;
  /** MSG_TRUNC for msg_flags: the datagram or record was longer than the buffer. */
  truncated: boolean;
  from: SockAddress | null;
  rights: OpenFile[];
  creds: Ucred | null;
  /** Takes the bytes off the queue (not for MSG_PEEK): call after they reached the caller. */
  consume(): void;
}

export interface SocketOptions {
  reuseAddr: boolean;
  reusePort: boolean;
  keepAlive: boolean;
  broadcast: boolean;
  oobInline: boolean;
  passCred: boolean;
  linger: { onoff: number; linger: number };
  sndbuf: number;
  rcvbuf: number;
  rcvlowat: number;
  priority: number;
  dontRoute: boolean;
  debug: boolean;
  /** SO_RCVTIMEO / SO_SNDTIMEO in ns: null waits for ever (0/0), 0n never waits (a negative
   *  tv_sec). Receives and accept honour the receive timeout; the send timeout is kept only. */
  rcvtimeoNs: bigint | null;
  sndtimeoNs: bigint | null;
  /** Protocol-level integer options (TCP_NODELAY …), by name number. */
  proto: Map<number, number>;
}

export type SocketState = 'unconnected' | 'listening' | 'connected';

/** A receive waiting under SO_RCVTIMEO: when it gives up. A signal ends such a wait with
 *  -EINTR even under SA_RESTART (sock_intr_errno: only a wait without a timeout is
 *  -ERESTARTSYS), which `restartCode` tells the signal code (signal/restart.ts). */
interface TimeoWait {
  kind: 'sock-timeo';
  deadline: bigint;
  restartCode: null;
}

/** How far a blocking stream send got before it slept (kept in the thread's restart state). */
interface SendProgress {
  kind: 'sock-send';
  socket: Socket;
  length: number;
  done: number;
}

export abstract class Socket {
  readonly wait = new SimpleWaitQueue();
  state: SocketState = 'unconnected';
  /** sk_shutdown: RCV_SHUTDOWN | SEND_SHUTDOWN. */
  shutdown = 0;
  peer: Socket | null = null;
  readonly recvQueue: Message[] = [];
  /** Bytes (streams) queued in recvQueue not yet read. */
  queuedBytes = 0;
  /** A listener's connections not yet accepted. */
  readonly acceptQueue: Socket[] = [];
  backlog = 0;
  /** sk_err: reported once by the next call that checks it (SO_ERROR reads and clears it). */
  error = 0;
  /** The credentials of the process at the other end (SO_PEERCRED), set at connect time. */
  peerCred: Ucred | null = null;
  /** Who made this socket (or listened on it): what the connecting side's SO_PEERCRED shows,
   *  and the sender of data written with write(2), which has no caller credentials at hand. */
  ownerCred: Ucred | null = null;
  released = false;
  /** A connection made by connect() that no accept() has taken yet (its release resets the
   *  connecting side: unix_release_sock's `embrion`). */
  embryo = false;
  /** The kernel's monotonic clock, for SO_RCVTIMEO (set when the socket is made). */
  clock: { monotonicNs(): bigint } | null = null;
  /** The one open file of this socket (set when a descriptor is made for it). */
  file: OpenFile | null = null;
  readonly options: SocketOptions;

  constructor(
    readonly family: number,
    readonly type: number,
    readonly protocol: number,
  ) {
    this.options = {
      reuseAddr: false, reusePort: false, keepAlive: false, broadcast: false, oobInline: false, passCred: false,
      linger: { onoff: 0, linger: 0 }, sndbuf: WMEM_DEFAULT, rcvbuf: RMEM_DEFAULT, rcvlowat: 1, priority: 0,
      dontRoute: false, debug: false, rcvtimeoNs: null, sndtimeoNs: null, proto: new Map(),
    };
  }

  get connectionBased(): boolean {
    return this.type === SOCK_STREAM || this.type === SOCK_SEQPACKET;
  }

  // ---- what each family supplies ----

  abstract bind(raw: Uint8Array, who: NetCaller): number;
  abstract connect(raw: Uint8Array, nonblock: boolean, who: NetCaller): number | Blocked;
  abstract listen(backlog: number): number;
  /** The address getsockname reports. */
  abstract localName(): SockAddress;
  /** The address getpeername reports; null → ENOTCONN. */
  abstract peerName(): SockAddress | null;
  /** A datagram's receiver for a send with destination `dest` (null: the connected peer), or
   *  -errno. `undefined` means the datagram is sent and lost (no receiver on the loopback). */
  abstract datagramTarget(dest: Uint8Array | null, length: number, who: NetCaller): Socket | number | undefined;
  /** Family checks before a stream/record send (EISCONN for an address, ENOTCONN …): 0 to go on. */
  abstract checkStreamSend(dest: Uint8Array | null): number;
  /** Family work when the last descriptor closes (names, ports, the peer's view). */
  protected abstract onRelease(): void;
  /** The error a receive on an unconnected connection-based socket gets (unix EINVAL, TCP ENOTCONN). */
  abstract readonly notConnectedRecvError: number;

  // ---- helpers ----

  /** SO_RCVTIMEO on a receive or accept that must wait: sleep at most until the deadline (kept
   *  in the thread's restart state across re-runs), then EAGAIN (sock_rcvtimeo). */
  withRcvTimeout<T>(result: T | Blocked, restart: IoCaller['restart']): T | Blocked | number {
    const prior = restart?.get() as TimeoWait | null | undefined;
    const ours = prior !== null && typeof prior === 'object' && prior.kind === 'sock-timeo';
    const timeo = this.options.rcvtimeoNs;
    if (!isWait(result) || timeo === null || !this.clock || !restart) {
      if (ours) restart?.set(null);
      return result;
    }
    const now = this.clock.monotonicNs();
    const deadline = ours ? prior.deadline : now + timeo;
    if (now >= deadline) {
      restart.set(null);
      return -errno.EAGAIN;
    }
    restart.set({ kind: 'sock-timeo', deadline, restartCode: null } satisfies TimeoWait);
    return blocked(result.wait, deadline);
  }

  /** Wakes everyone waiting on this socket and its peer. */
  notify(): void {
    this.wait.wakeAll();
    this.peer?.wait.wakeAll();
  }

  /** Reads and clears the pending error (sock_error). */
  takeError(): number {
    const e = this.error;
    this.error = 0;
    return e;
  }

  enqueue(message: Message): void {
    this.recvQueue.push(message);
    this.queuedBytes += message.data.length - message.off;
    this.wait.wakeAll();
  }

  /** Bytes a stream receiver holds at most before senders wait: the sender's SO_SNDBUF, as
   *  unix_stream_sendmsg bounds a writer by its own wmem (skb overheads are not counted). */
  protected streamRoom(receiver: Socket): number {
    return Math.max(0, this.options.sndbuf - receiver.queuedBytes);
  }

  /** EPIPE, and SIGPIPE unless MSG_NOSIGNAL (send(2)) on byte streams; records and datagrams
   *  go through unix_dgram_sendmsg, which sends no signal. */
  protected broken(req: SendRequest): number {
    if (!(req.flags & MSG_NOSIGNAL) && this.type === SOCK_STREAM) req.caller.signal(SIGPIPE);
    return -errno.EPIPE;
  }

  // ---- sending ----

  send(req: SendRequest): number | Blocked {
    if (this.type === SOCK_DGRAM) return this.sendDatagram(req);
    const check = this.checkStreamSend(req.dest);
    if (check) return check;
    return this.type === SOCK_SEQPACKET ? this.sendRecord(req) : this.sendStream(req);
  }

  /** The peer a connection-based send goes to, or the error for a broken connection. */
  protected streamPeer(req: SendRequest): Socket | number {
    if (this.shutdown & SEND_SHUTDOWN) return this.broken(req);
    const peer = this.peer;
    if (!peer || peer.released || peer.shutdown & RCV_SHUTDOWN) return this.broken(req);
    return peer;
  }

  protected sendStream(req: SendRequest): number | Blocked {
    const prior = req.caller.restart?.get() as SendProgress | null | undefined;
    let done = prior && prior.kind === 'sock-send' && prior.socket === this && prior.length === req.data.length ? prior.done : 0;
    if (prior) req.caller.restart?.set(null);
    const peer = this.streamPeer(req);
    if (typeof peer === 'number') return done > 0 ? done : peer;
    if (req.data.length === 0) return 0;
    const room = this.streamRoom(peer);
    if (room > 0) {
      const n = Math.min(room, req.data.length - done);
      peer.enqueue({ data: req.data.slice(done, done + n), off: 0, rights: done === 0 ? req.rights : null, creds: req.creds, from: null });
      if (done === 0) req.rights = null;
      done += n;
      peer.notify();
    }
    if (done === req.data.length) return done;
    if (req.nonblock) return done > 0 ? done : -errno.EAGAIN;
    req.caller.restart?.set({ kind: 'sock-send', socket: this, length: req.data.length, done } satisfies SendProgress);
    return blocked(peer.wait);
  }

  protected sendRecord(req: SendRequest): number | Blocked {
    const peer = this.streamPeer(req);
    if (typeof peer === 'number') return peer;
    // A record must fit the send buffer whole (unix_dgram_sendmsg: len > sk_sndbuf - 32).
    if (req.data.length > this.options.sndbuf - 32) return -errno.EMSGSIZE;
    if (peer.recvQueue.length > 0 && this.streamRoom(peer) < req.data.length) {
      if (req.nonblock) return -errno.EAGAIN;
      return blocked(peer.wait);
    }
    peer.enqueue({ data: req.data.slice(), off: 0, rights: req.rights, creds: req.creds, from: null });
    req.rights = null;
    peer.notify();
    return req.data.length;
  }

  /** The sender address a datagram carries (recvfrom's src_addr); null for none. */
  protected datagramFrom(): SockAddress | null {
    return this.localName();
  }

  /** Whether `receiver` has no room for another datagram now. */
  protected datagramQueueFull(receiver: Socket): boolean {
    void receiver;
    return false;
  }

  protected sendDatagram(req: SendRequest): number | Blocked {
    const target = this.datagramTarget(req.dest, req.data.length, req.who);
    if (typeof target === 'number') return target;
    if (target === undefined) return req.data.length;
    if (this.datagramQueueFull(target)) {
      if (req.nonblock) return -errno.EAGAIN;
      return blocked(target.wait);
    }
    target.enqueue({ data: req.data.slice(), off: 0, rights: req.rights, creds: req.creds, from: this.datagramFrom() });
    req.rights = null;
    target.wait.wakeAll();
    return req.data.length;
  }

  // ---- receiving ----

  /** recvmsg's core: `len` bytes at most, MSG_PEEK / MSG_TRUNC / MSG_WAITALL honoured. */
  receive(len: number, flags: number, nonblock: boolean): Received | number | Blocked {
    if (this.connectionBased && this.state !== 'connected') {
      return this.type === SOCK_STREAM ? -this.notConnectedRecvError : -errno.ENOTCONN;
    }
    if (this.recvQueue.length === 0) {
      const err = this.takeError();
      if (err) return -err;
      if (this.shutdown & RCV_SHUTDOWN) return this.nothing();
      if (len === 0 && this.type === SOCK_STREAM) return this.nothing();
      if (nonblock) return -errno.EAGAIN;
      return blocked(this.wait);
    }
    if (this.type === SOCK_STREAM) {
      // MSG_WAITALL: wait until the whole length is queued (or the stream ends).
      const waitAll = flags & MSG_WAITALL && !(flags & MSG_PEEK) && !nonblock;
      if (waitAll && this.queuedBytes < len && !(this.shutdown & RCV_SHUTDOWN) && this.error === 0 && this.readableUpTo() >= this.queuedBytes) {
        return blocked(this.wait);
      }
      return this.takeStream(len, flags);
    }
    return this.takeRecord(len, flags);
  }

  /** An empty read at end of stream. */
  private nothing(): Received {
    return { data: new Uint8Array(0), result: 0, truncated: false, from: null, rights: [], creds: null, consume: () => {} };
  }

  /** How many queued stream bytes one read may take before a message carrying files. */
  private readableUpTo(): number {
    let n = 0;
    for (let i = 0; i < this.recvQueue.length; i++) {
      const m = this.recvQueue[i]!;
      if (i > 0 && m.rights) break;
      n += m.data.length - m.off;
      if (m.rights) break;
    }
    return n;
  }

  private takeStream(len: number, flags: number): Received {
    // A read stops before a message with files once it has bytes, and after the message whose
    // files it took (unix_stream_read_generic).
    const parts: Uint8Array[] = [];
    let total = 0;
    let rights: OpenFile[] = [];
    let creds: Ucred | null = null;
    const taken: { m: Message; n: number }[] = [];
    for (let i = 0; i < this.recvQueue.length && total < len; i++) {
      const m = this.recvQueue[i]!;
      if (i > 0 && m.rights) break;
      const n = Math.min(len - total, m.data.length - m.off);
      parts.push(m.data.subarray(m.off, m.off + n));
      taken.push({ m, n });
      total += n;
      creds ??= m.creds;
      if (m.rights) {
        rights = m.rights;
        break;
      }
    }
    const data = concat(parts, total);
    const peek = (flags & MSG_PEEK) !== 0;
    return {
      data, result: total, truncated: false, from: null, rights, creds,
      consume: () => {
        if (peek) return;
        for (const { m, n } of taken) {
          m.off += n;
          this.queuedBytes -= n;
          if (m.rights) m.rights = null; // the files now belong to the receiver
        }
        while (this.recvQueue.length && this.recvQueue[0]!.off >= this.recvQueue[0]!.data.length) this.recvQueue.shift();
        this.notify();
      },
    };
  }

  private takeRecord(len: number, flags: number): Received {
    const m = this.recvQueue[0]!;
    const n = Math.min(len, m.data.length);
    const peek = (flags & MSG_PEEK) !== 0;
    return {
      data: m.data.subarray(0, n),
      result: flags & MSG_TRUNC ? m.data.length : n,
      truncated: n < m.data.length,
      from: m.from, rights: m.rights ?? [], creds: m.creds,
      consume: () => {
        if (peek) return;
        this.recvQueue.shift();
        this.queuedBytes -= m.data.length;
        m.rights = null;
        this.notify();
      },
    };
  }

  // ---- connections ----

  /** Makes `a` and `b` the two ends of one connection (socketpair, connect/accept). */
  static pair(a: Socket, b: Socket, aCred: Ucred, bCred: Ucred): void {
    a.peer = b;
    b.peer = a;
    a.state = b.state = 'connected';
    a.peerCred = bCred;
    b.peerCred = aCred;
  }

  /** accept(2)'s core: the oldest pending connection, EAGAIN, or a wait. */
  accept(nonblock: boolean): Socket | number | Blocked {
    if (this.state !== 'listening') return -errno.EINVAL;
    const child = this.acceptQueue.shift();
    if (child) {
      child.embryo = false;
      this.wait.wakeAll();
      return child;
    }
    const err = this.takeError();
    if (err) return -err;
    if (nonblock) return -errno.EAGAIN;
    return blocked(this.wait);
  }

  /** The accept queue is full: more than `backlog` waiting (unix_recvq_full, sk_acceptq_is_full). */
  get acceptQueueFull(): boolean {
    return this.acceptQueue.length > this.backlog;
  }

  /** shutdown(2) after the family's checks: this end's bits, and the peer's mirror for
   *  connection-based sockets (unix_shutdown; a TCP FIN ends the peer's reading). */
  shut(how: number): void {
    const mode = (how + 1) & SHUTDOWN_MASK; // SHUT_RD→RCV, SHUT_WR→SEND, SHUT_RDWR→both
    this.shutdown |= mode;
    const peer = this.peer;
    if (peer && this.connectionBased) {
      let peerMode = 0;
      if (mode & RCV_SHUTDOWN && this.family === 1) peerMode |= SEND_SHUTDOWN;
      if (mode & SEND_SHUTDOWN) peerMode |= RCV_SHUTDOWN;
      peer.shutdown |= peerMode;
    }
    this.notify();
  }

  // ---- poll ----

  poll(): PollState {
    let mask = 0;
    if (this.error) mask |= POLLERR;
    if (this.shutdown === SHUTDOWN_MASK) mask |= POLLHUP;
    if (this.shutdown & RCV_SHUTDOWN) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (this.recvQueue.length > 0 || this.acceptQueue.length > 0) mask |= POLLIN | POLLRDNORM;
    if (this.connectionBased && this.state === 'unconnected') mask |= POLLHUP;
    if (this.writable()) mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
    return { mask, queues: [this.wait] };
  }

  /** unix_writable / sock_writeable: not a listener and room to send. */
  protected writable(): boolean {
    if (this.state === 'listening') return false;
    const peer = this.peer;
    if (peer && this.connectionBased && !peer.released && this.state === 'connected') return this.streamRoom(peer) > 0;
    if (peer && this.type === SOCK_DGRAM && !peer.released) return !this.datagramQueueFull(peer);
    return true;
  }

  // ---- closing ----

  /** The last descriptor closed (sock_close). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
    for (const m of this.recvQueue.splice(0)) for (const f of m.rights ?? []) f.put();
    this.queuedBytes = 0;
    for (const child of this.acceptQueue.splice(0)) child.release();
    this.notify();
  }
}

/** Is `x` a Blocked result (for results that are not syscall results: sockets, messages)? */
export function isWait(x: unknown): x is Blocked {
  return typeof x === 'object' && x !== null && (x as Blocked).blocked === true;
}

export function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
