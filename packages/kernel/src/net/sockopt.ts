// setsockopt(2) / getsockopt(2) (net/core/sock.c sk_setsockopt / sk_getsockopt, socket(7),
// tcp(7)): SOL_SOCKET options every socket has, and the TCP level for TCP sockets. Values are
// C ints unless noted; a SOL_SOCKET set reads one int before looking at the name (optlen < 4 →
// EINVAL, a bad pointer → EFAULT, even for names it does not know → ENOPROTOOPT). A get
// copies min(*optlen, size) bytes and writes the size back. AF_UNIX has no other levels
// (EOPNOTSUPP); IP-level options (IPPROTO_IP, IPPROTO_IPV6, SOL_UDP) are not modelled:
// ENOPROTOOPT, as Linux answers for names it does not know.

import { errno } from '../syscalls/errno.js';
import {
  AF_UNIX, IPPROTO_TCP, SO_ACCEPTCONN, SO_BROADCAST, SO_DEBUG, SO_DOMAIN, SO_DONTROUTE, SO_ERROR, SO_KEEPALIVE, SO_LINGER,
  SO_OOBINLINE, SO_PASSCRED, SO_PEERCRED, SO_PRIORITY, SO_PROTOCOL, SO_RCVBUF, SO_RCVBUFFORCE, SO_RCVLOWAT, SO_REUSEADDR,
  SO_REUSEPORT, SO_SNDBUF, SO_SNDBUFFORCE, SO_SNDLOWAT, SO_TYPE, SO_RCVTIMEO_OLD, SO_SNDTIMEO_OLD, SOCK_MIN_RCVBUF, SOCK_MIN_SNDBUF, SOL_SOCKET, SOL_TCP,
  SYSCTL_RMEM_MAX, SYSCTL_WMEM_MAX, TCP_CORK, TCP_KEEPCNT, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_MAXSEG, TCP_NODELAY,
} from './constants.js';
import type { Socket } from './socket.js';

/** What the caller's optval bytes hold: null when unreadable (EFAULT). */
export type OptionBytes = (len: number) => Uint8Array | null;

const INT_MAX = 0x7fffffff;

function int(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(0, true);
}

function ints(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setInt32(i * 4, x, true));
  return out;
}

/** TCP-level defaults before anything is set (tcp_init_sock, net.ipv4.tcp_keepalive_*). */
const TCP_DEFAULTS = new Map<number, number>([
  [TCP_NODELAY, 0], [TCP_CORK, 0], [TCP_KEEPIDLE, 7200], [TCP_KEEPINTVL, 75], [TCP_KEEPCNT, 9], [TCP_MAXSEG, 536],
]);

/** sizeof(struct timeval): two longs. */
const timevalSize = (wide: boolean): number => (wide ? 16 : 8);

/** sock_set_timeout: EINVAL when short, EDOM for tv_usec outside 0..999999; 0/0 waits for ever,
 *  a negative tv_sec never waits. */
function setTimeout(read: OptionBytes, optlen: number, wide: boolean): bigint | null | number {
  const size = timevalSize(wide);
  if (optlen < size) return -errno.EINVAL;
  const raw = read(size);
  if (!raw) return -errno.EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const sec = wide ? v.getBigInt64(0, true) : BigInt(v.getInt32(0, true));
  const usec = wide ? v.getBigInt64(8, true) : BigInt(v.getInt32(4, true));
  if (usec < 0n || usec >= 1_000_000n) return -errno.EDOM;
  if (sec < 0n) return 0n;
  if (sec === 0n && usec === 0n) return null;
  return sec * 1_000_000_000n + usec * 1000n;
}

function timevalBytes(ns: bigint | null, wide: boolean): Uint8Array {
  const t = ns ?? 0n;
  const sec = t / 1_000_000_000n;
  const usec = (t % 1_000_000_000n) / 1000n;
  const out = new Uint8Array(timevalSize(wide));
  const v = new DataView(out.buffer);
  if (wide) {
    v.setBigInt64(0, sec, true);
    v.setBigInt64(8, usec, true);
  } else {
    v.setInt32(0, Number(sec), true);
    v.setInt32(4, Number(usec), true);
  }
  return out;
}

export function setSocketOption(sock: Socket, level: number, name: number, read: OptionBytes, optlen: number, wide = true): number {
  if (optlen < 0) return -errno.EINVAL;
  if (level === SOL_SOCKET && (name === SO_RCVTIMEO_OLD || name === SO_SNDTIMEO_OLD)) {
    const t = setTimeout(read, optlen, wide);
    if (typeof t === 'number') return t;
    if (name === SO_RCVTIMEO_OLD) sock.options.rcvtimeoNs = t;
    else sock.options.sndtimeoNs = t;
    return 0;
  }
  if (level !== SOL_SOCKET) {
    if (sock.family === AF_UNIX) return -errno.EOPNOTSUPP;
    if (level !== SOL_TCP || sock.protocol !== IPPROTO_TCP || !TCP_DEFAULTS.has(name)) return -errno.ENOPROTOOPT;
    if (optlen < 4) return -errno.EINVAL;
    const raw = read(4);
    if (!raw) return -errno.EFAULT;
    const val = int(raw);
    if (name === TCP_KEEPIDLE || name === TCP_KEEPINTVL) {
      if (val < 1 || val > 32767) return -errno.EINVAL;
    } else if (name === TCP_KEEPCNT) {
      if (val < 1 || val > 127) return -errno.EINVAL;
    } else if (name === TCP_MAXSEG) {
      if (val !== 0 && (val < 88 || val > 65535 - 40)) return -errno.EINVAL;
    } else if (name === TCP_NODELAY || name === TCP_CORK) {
      sock.options.proto.set(name, val ? 1 : 0);
      return 0;
    }
    sock.options.proto.set(name, val);
    return 0;
  }
  if (optlen < 4) return -errno.EINVAL;
  const raw = read(4);
  if (!raw) return -errno.EFAULT;
  const val = int(raw);
  const on = val !== 0;
  const o = sock.options;
  switch (name) {
    case SO_DEBUG: o.debug = on; return 0;
    case SO_REUSEADDR: o.reuseAddr = on; return 0;
    case SO_REUSEPORT: o.reusePort = on; return 0;
    case SO_DONTROUTE: o.dontRoute = on; return 0;
    case SO_BROADCAST: o.broadcast = on; return 0;
    case SO_KEEPALIVE: o.keepAlive = on; return 0;
    case SO_OOBINLINE: o.oobInline = on; return 0;
    case SO_PRIORITY: o.priority = val; return 0;
    case SO_SNDBUF:
    case SO_SNDBUFFORCE: {
      // min_t(u32, val, wmem_max), then doubled for bookkeeping, at least SOCK_MIN_SNDBUF.
      const v = name === SO_SNDBUF ? Math.min(val >>> 0, SYSCTL_WMEM_MAX) : Math.max(val, 0);
      o.sndbuf = Math.max(Math.min(v, INT_MAX / 2) * 2, SOCK_MIN_SNDBUF);
      sock.notify();
      return 0;
    }
    case SO_RCVBUF:
    case SO_RCVBUFFORCE: {
      const v = name === SO_RCVBUF ? Math.min(val >>> 0, SYSCTL_RMEM_MAX) : Math.max(val, 0);
      o.rcvbuf = Math.max(Math.min(v, INT_MAX / 2) * 2, SOCK_MIN_RCVBUF);
      return 0;
    }
    case SO_RCVLOWAT: o.rcvlowat = val < 0 ? INT_MAX : val === 0 ? 1 : val; return 0;
    case SO_LINGER: {
      if (optlen < 8) return -errno.EINVAL;
      const l = read(8);
      if (!l) return -errno.EFAULT;
      o.linger = { onoff: int(l) ? 1 : 0, linger: int(l.subarray(4)) };
      return 0;
    }
    case SO_PASSCRED:
      if (sock.family !== AF_UNIX) return -errno.EOPNOTSUPP;
      o.passCred = on;
      return 0;
    default:
      return -errno.ENOPROTOOPT;
  }
}

/** The option's bytes, or -errno. */
export function getSocketOption(sock: Socket, level: number, name: number, wide = true): Uint8Array | number {
  if (level !== SOL_SOCKET) {
    if (sock.family === AF_UNIX) return -errno.EOPNOTSUPP;
    if (level === SOL_TCP && sock.protocol === IPPROTO_TCP) {
      const d = TCP_DEFAULTS.get(name);
      if (d === undefined) return -errno.ENOPROTOOPT;
      return ints(sock.options.proto.get(name) ?? d);
    }
    // ip_getsockopt knows SOL_IP (and udp_getsockopt SOL_UDP); any other level is EOPNOTSUPP.
    return level === 0 || level === 41 || level === 17 ? -errno.ENOPROTOOPT : -errno.EOPNOTSUPP;
  }
  const o = sock.options;
  switch (name) {
    case SO_DEBUG: return ints(o.debug ? 1 : 0);
    case SO_REUSEADDR: return ints(o.reuseAddr ? 1 : 0);
    case SO_REUSEPORT: return ints(o.reusePort ? 1 : 0);
    case SO_TYPE: return ints(sock.type);
    case SO_ERROR: return ints(sock.takeError());
    case SO_DONTROUTE: return ints(o.dontRoute ? 1 : 0);
    case SO_BROADCAST: return ints(o.broadcast ? 1 : 0);
    case SO_SNDBUF: return ints(o.sndbuf);
    case SO_RCVBUF: return ints(o.rcvbuf);
    case SO_KEEPALIVE: return ints(o.keepAlive ? 1 : 0);
    case SO_OOBINLINE: return ints(o.oobInline ? 1 : 0);
    case SO_PRIORITY: return ints(o.priority);
    case SO_LINGER: return ints(o.linger.onoff, o.linger.linger);
    case SO_PASSCRED:
      if (sock.family !== AF_UNIX) return -errno.EOPNOTSUPP;
      return ints(o.passCred ? 1 : 0);
    case SO_PEERCRED: {
      const c = sock.peerCred;
      return c ? ints(c.pid, c.uid, c.gid) : ints(0, -1, -1);
    }
    case SO_RCVLOWAT: return ints(o.rcvlowat);
    case SO_RCVTIMEO_OLD: return timevalBytes(o.rcvtimeoNs, wide);
    case SO_SNDTIMEO_OLD: return timevalBytes(o.sndtimeoNs, wide);
    case SO_SNDLOWAT: return ints(1);
    case SO_ACCEPTCONN: return ints(sock.state === 'listening' ? 1 : 0);
    case SO_PROTOCOL: return ints(sock.protocol);
    case SO_DOMAIN: return ints(sock.family);
    default:
      return -errno.ENOPROTOOPT;
  }
}
