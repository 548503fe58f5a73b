// Decoders for the socket syscalls, as strace prints them (strace's net.c, sockaddr.c,
// msghdr.c and their xlat tables):
//   socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3
//   connect(3, {sa_family=AF_UNIX, sun_path="/tmp/s"}, 110) = 0
//   bind(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
//   getsockname(3, {sa_family=AF_UNIX, sun_path=@"abstract"}, [110 => 11]) = 0
//   setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
//   sendmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[…], msg_iovlen=1, msg_control=[{cmsg_len=20,
//     cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0]}], msg_controllen=24, msg_flags=0}, 0) = 3
// `socklen` and `outmsghdr` are read at entry and shown again at exit with what the kernel wrote
// (`[IN => OUT]`); the tracer calls `decodeNetExit` for them.

import { makeSyscallArgs, type ArgType, type SyscallDecl } from '@vsys/kernel';
import { formatEnum, formatFlags, type FlagTable } from './flags.js';
import { quoteBytes } from './quote.js';
import type { CallView, DecodeOptions } from './decode.js';

export const NET_OUTPUT_TYPES: readonly ArgType[] = ['outsockaddr', 'outsockoptval', 'recvbuf', 'mmsgvec', 'outmmsgvec'];
/** Shown at entry and again at exit (the kernel rewrites them). */
export const NET_INOUT_TYPES: ReadonlySet<ArgType> = new Set<ArgType>(['socklen', 'outmsghdr']);

const AF_NAMES = [
  'AF_UNSPEC', 'AF_UNIX', 'AF_INET', 'AF_AX25', 'AF_IPX', 'AF_APPLETALK', 'AF_NETROM', 'AF_BRIDGE', 'AF_ATMPVC', 'AF_X25',
  'AF_INET6', 'AF_ROSE', 'AF_DECnet', 'AF_NETBEUI', 'AF_SECURITY', 'AF_KEY', 'AF_NETLINK', 'AF_PACKET', 'AF_ASH', 'AF_ECONET',
  'AF_ATMSVC', 'AF_RDS', 'AF_SNA', 'AF_IRDA', 'AF_PPPOX', 'AF_WANPIPE', 'AF_LLC', 'AF_IB', 'AF_MPLS', 'AF_CAN', 'AF_TIPC',
  'AF_BLUETOOTH', 'AF_IUCV', 'AF_RXRPC', 'AF_ISDN', 'AF_PHONET', 'AF_IEEE802154', 'AF_CAIF', 'AF_ALG', 'AF_NFC', 'AF_VSOCK',
  'AF_KCM', 'AF_QIPCRTR', 'AF_SMC', 'AF_XDP', 'AF_MCTP',
];
export const ADDRESS_FAMILIES: FlagTable = AF_NAMES.map((n, i) => [i, n]);

const SOCK_TYPES: FlagTable = [[1, 'SOCK_STREAM'], [2, 'SOCK_DGRAM'], [3, 'SOCK_RAW'], [4, 'SOCK_RDM'], [5, 'SOCK_SEQPACKET'], [6, 'SOCK_DCCP'], [10, 'SOCK_PACKET']];
const SOCK_FLAGS: FlagTable = [[0o2000000, 'SOCK_CLOEXEC'], [0o4000, 'SOCK_NONBLOCK']];
const IPPROTOS: FlagTable = [
  [0, 'IPPROTO_IP'], [1, 'IPPROTO_ICMP'], [2, 'IPPROTO_IGMP'], [4, 'IPPROTO_IPIP'], [6, 'IPPROTO_TCP'], [8, 'IPPROTO_EGP'],
  [12, 'IPPROTO_PUP'], [17, 'IPPROTO_UDP'], [22, 'IPPROTO_IDP'], [29, 'IPPROTO_TP'], [33, 'IPPROTO_DCCP'], [41, 'IPPROTO_IPV6'],
  [46, 'IPPROTO_RSVP'], [47, 'IPPROTO_GRE'], [50, 'IPPROTO_ESP'], [51, 'IPPROTO_AH'], [58, 'IPPROTO_ICMPV6'], [92, 'IPPROTO_MTP'],
  [94, 'IPPROTO_BEETPH'], [98, 'IPPROTO_ENCAP'], [103, 'IPPROTO_PIM'], [108, 'IPPROTO_COMP'], [132, 'IPPROTO_SCTP'],
  [136, 'IPPROTO_UDPLITE'], [137, 'IPPROTO_MPLS'], [143, 'IPPROTO_ETHERNET'], [255, 'IPPROTO_RAW'], [262, 'IPPROTO_MPTCP'],
];
export const MSG_FLAGS: FlagTable = [
  [0x1, 'MSG_OOB'], [0x2, 'MSG_PEEK'], [0x4, 'MSG_DONTROUTE'], [0x8, 'MSG_CTRUNC'], [0x10, 'MSG_PROXY'], [0x20, 'MSG_TRUNC'],
  [0x40, 'MSG_DONTWAIT'], [0x80, 'MSG_EOR'], [0x100, 'MSG_WAITALL'], [0x200, 'MSG_FIN'], [0x400, 'MSG_SYN'], [0x800, 'MSG_CONFIRM'],
  [0x1000, 'MSG_RST'], [0x2000, 'MSG_ERRQUEUE'], [0x4000, 'MSG_NOSIGNAL'], [0x8000, 'MSG_MORE'], [0x10000, 'MSG_WAITFORONE'],
  [0x40000, 'MSG_BATCH'], [0x2000000, 'MSG_SOCK_DEVMEM'], [0x4000000, 'MSG_ZEROCOPY'], [0x8000000, 'MSG_SPLICE_PAGES'],
  [0x20000000, 'MSG_FASTOPEN'], [0x40000000, 'MSG_CMSG_CLOEXEC'], [0x80000000, 'MSG_CMSG_COMPAT'],
];
const SHUT_HOW: FlagTable = [[0, 'SHUT_RD'], [1, 'SHUT_WR'], [2, 'SHUT_RDWR']];
const SOL_LEVELS: FlagTable = [
  [0, 'SOL_IP'], [1, 'SOL_SOCKET'], [6, 'SOL_TCP'], [17, 'SOL_UDP'], [41, 'SOL_IPV6'], [58, 'SOL_ICMPV6'], [132, 'SOL_SCTP'],
  [255, 'SOL_RAW'], [263, 'SOL_PACKET'], [270, 'SOL_NETLINK'], [274, 'SOL_BLUETOOTH'], [279, 'SOL_ALG'], [283, 'SOL_TLS'], [284, 'SOL_XDP'],
];
const SO_NAMES: FlagTable = [
  [1, 'SO_DEBUG'], [2, 'SO_REUSEADDR'], [3, 'SO_TYPE'], [4, 'SO_ERROR'], [5, 'SO_DONTROUTE'], [6, 'SO_BROADCAST'], [7, 'SO_SNDBUF'],
  [8, 'SO_RCVBUF'], [9, 'SO_KEEPALIVE'], [10, 'SO_OOBINLINE'], [11, 'SO_NO_CHECK'], [12, 'SO_PRIORITY'], [13, 'SO_LINGER'],
  [14, 'SO_BSDCOMPAT'], [15, 'SO_REUSEPORT'], [16, 'SO_PASSCRED'], [17, 'SO_PEERCRED'], [18, 'SO_RCVLOWAT'], [19, 'SO_SNDLOWAT'],
  [20, 'SO_RCVTIMEO_OLD'], [21, 'SO_SNDTIMEO_OLD'], [22, 'SO_SECURITY_AUTHENTICATION'], [25, 'SO_BINDTODEVICE'],
  [26, 'SO_ATTACH_FILTER'], [27, 'SO_DETACH_FILTER'], [28, 'SO_PEERNAME'], [29, 'SO_TIMESTAMP_OLD'], [30, 'SO_ACCEPTCONN'],
  [31, 'SO_PEERSEC'], [32, 'SO_SNDBUFFORCE'], [33, 'SO_RCVBUFFORCE'], [34, 'SO_PASSSEC'], [35, 'SO_TIMESTAMPNS_OLD'], [36, 'SO_MARK'],
  [37, 'SO_TIMESTAMPING_OLD'], [38, 'SO_PROTOCOL'], [39, 'SO_DOMAIN'], [40, 'SO_RXQ_OVFL'], [41, 'SO_WIFI_STATUS'], [42, 'SO_PEEK_OFF'],
  [43, 'SO_NOFCS'], [44, 'SO_LOCK_FILTER'], [45, 'SO_SELECT_ERR_QUEUE'], [46, 'SO_BUSY_POLL'], [47, 'SO_MAX_PACING_RATE'],
  [48, 'SO_BPF_EXTENSIONS'], [49, 'SO_INCOMING_CPU'], [50, 'SO_ATTACH_BPF'], [59, 'SO_PEERGROUPS'], [60, 'SO_ZEROCOPY'],
];
const TCP_NAMES: FlagTable = [
  [1, 'TCP_NODELAY'], [2, 'TCP_MAXSEG'], [3, 'TCP_CORK'], [4, 'TCP_KEEPIDLE'], [5, 'TCP_KEEPINTVL'], [6, 'TCP_KEEPCNT'],
  [7, 'TCP_SYNCNT'], [8, 'TCP_LINGER2'], [9, 'TCP_DEFER_ACCEPT'], [10, 'TCP_WINDOW_CLAMP'], [11, 'TCP_INFO'], [12, 'TCP_QUICKACK'],
  [13, 'TCP_CONGESTION'], [18, 'TCP_USER_TIMEOUT'], [23, 'TCP_FASTOPEN'],
];
const SCM_TYPES: FlagTable = [[1, 'SCM_RIGHTS'], [2, 'SCM_CREDENTIALS'], [3, 'SCM_SECURITY'], [4, 'SCM_PIDFD']];

const ptr = (v: bigint): string => (v === 0n ? 'NULL' : `0x${v.toString(16)}`);

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readInt(view: CallView, addr: bigint): number | null {
  if (addr === 0n || addr >= 1n << 53n) return null;
  const b = view.mem.read(Number(addr), 4);
  return b ? dv(b).getInt32(0, true) : null;
}

/** inet_ntop(AF_INET6) as glibc writes it (inet_ntop6): the longest run of two or more zero
 *  groups (the first of equal runs) becomes "::"; when that run is the first six groups, or the
 *  first five followed by ffff, the last 32 bits are a dotted quad (::a.b.c.d, ::ffff:a.b.c.d). */
export function formatIpv6(a: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((a[i]! << 8) | a[i + 1]!);
  let bestAt = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestAt = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestAt >= 0 && i >= bestAt && i < bestAt + bestLen) {
      if (i === bestAt) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestAt === 0 && (bestLen === 6 || (bestLen === 5 && groups[5] === 0xffff))) {
      out += `${a[12]}.${a[13]}.${a[14]}.${a[15]}`;
      break;
    }
    out += groups[i]!.toString(16);
  }
  if (bestAt >= 0 && bestAt + bestLen === 8) out += ':';
  return out;
}

/** A sockaddr of `len` bytes (print_sockaddr). */
export function formatSockaddr(b: Uint8Array, o: DecodeOptions): string {
  const v = dv(b);
  const family = v.getUint16(0, true);
  const head = `sa_family=${formatEnum(family, ADDRESS_FAMILIES, 'AF')}`;
  const rest = b.subarray(2);
  if (family === 1) {
    if (rest.length === 0) return `{${head}}`;
    const path = rest.subarray(0, 108);
    if (path[0] === 0) return `{${head}, sun_path=@${quoteBytes(path.subarray(1), false, o.hex)}}`;
    const end = path.indexOf(0);
    return `{${head}, sun_path=${quoteBytes(end < 0 ? path : path.subarray(0, end), false, o.hex)}}`;
  }
  if (family === 2 && b.length >= 16) {
    return `{${head}, sin_port=htons(${v.getUint16(2, false)}), sin_addr=inet_addr("${b[4]}.${b[5]}.${b[6]}.${b[7]}")}`;
  }
  if (family === 10 && b.length >= 24) {
    const scope = b.length >= 28 ? `, sin6_scope_id=${v.getUint32(24, true)}` : '';
    return `{${head}, sin6_port=htons(${v.getUint16(2, false)}), sin6_flowinfo=htonl(${v.getUint32(4, false)}), inet_pton(AF_INET6, "${formatIpv6(b.subarray(8, 24))}", &sin6_addr)${scope}}`;
  }
  return `{${head}, sa_data=${quoteBytes(rest, false, o.hex)}}`;
}

/** The sockaddr at argument `i`, `len` bytes long. */
function sockaddrArg(view: CallView, i: number, len: number, o: DecodeOptions): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  if (len < 2 || addr < 0) return ptr(raw);
  const b = view.mem.read(addr, Math.min(len, 128));
  return b ? formatSockaddr(b, o) : ptr(raw);
}

function socktype(value: number): string {
  const t = SOCK_TYPES.find(([n]) => n === (value & 0xf));
  if (!t) return formatFlags(value, SOCK_FLAGS).replace(/^(0x[0-9a-f]+)$/, '$1 /* SOCK_??? */');
  const flags = value & ~0xf;
  return flags ? `${t[1]}|${formatFlags(flags, SOCK_FLAGS)}` : t[1];
}

function sockproto(view: CallView, i: number): string {
  const family = view.args.int(0);
  const p = view.args.int(i);
  // socket(2) names IP protocols; socketpair(2) shows the number (strace's decoders differ).
  if ((family === 2 || family === 10) && view.decl.name === 'socket') return formatEnum(p, IPPROTOS, 'IPPROTO');
  return String(p);
}

function optName(view: CallView, i: number): string {
  const level = view.args.int(1);
  const name = view.args.int(i);
  if (level === 1) return formatEnum(name, SO_NAMES, 'SO');
  if (level === 6) return formatEnum(name, TCP_NAMES, 'TCP');
  return String(name);
}

/** An option value of `len` bytes (setsockopt's input, getsockopt's output). */
function optValue(view: CallView, i: number, len: number): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const level = view.args.int(1);
  const name = view.args.int(2);
  if (addr < 0 || len <= 0) return ptr(raw);
  const b = view.mem.read(addr, len);
  if (!b) return ptr(raw);
  const v = dv(b);
  if (level === 1 && name === 13 && len >= 8) return `{l_onoff=${v.getInt32(0, true)}, l_linger=${v.getInt32(4, true)}}`;
  if (level === 1 && name === 17) {
    // struct ucred, as far as the length reaches.
    const parts: string[] = [];
    if (len >= 4) parts.push(`pid=${v.getInt32(0, true)}`);
    if (len >= 8) parts.push(`uid=${v.getUint32(4, true)}`);
    if (len >= 12) parts.push(`gid=${v.getUint32(8, true)}`);
    return `{${parts.join(', ')}}`;
  }
  if (len === 4) return `[${v.getInt32(0, true)}]`;
  // Shorter than an int: the address; anything else strace does not decode: the bytes.
  if (len < 4) return ptr(raw);
  return quoteBytes(b.subarray(0, Math.min(len, 32)), len > 32);
}

interface Hdr {
  name: bigint;
  namelen: number;
  iov: bigint;
  iovlen: bigint;
  control: bigint;
  controllen: bigint;
  flags: number;
}

function readHdr(view: CallView, i: number): Hdr | null {
  return readHdrAt(view, view.args.u64(i));
}

function readHdrAt(view: CallView, raw: bigint): Hdr | null {
  if (raw === 0n || raw >= 1n << 53n) return null;
  const wide = view.abi !== 'i386';
  const b = view.mem.read(Number(raw), wide ? 56 : 28);
  if (!b) return null;
  const v = dv(b);
  return wide
    ? { name: v.getBigUint64(0, true), namelen: v.getInt32(8, true), iov: v.getBigUint64(16, true), iovlen: v.getBigUint64(24, true),
        control: v.getBigUint64(32, true), controllen: v.getBigUint64(40, true), flags: v.getInt32(48, true) }
    : { name: BigInt(v.getUint32(0, true)), namelen: v.getInt32(4, true), iov: BigInt(v.getUint32(8, true)), iovlen: BigInt(v.getUint32(12, true)),
        control: BigInt(v.getUint32(16, true)), controllen: BigInt(v.getUint32(20, true)), flags: v.getInt32(24, true) };
}

function iovList(view: CallView, h: Hdr, total: number | null, o: DecodeOptions): string {
  const wide = view.abi !== 'i386';
  const count = Number(h.iovlen);
  if (h.iov === 0n || count > 1024) return ptr(h.iov);
  const size = wide ? 16 : 8;
  const t = h.iov < 1n << 53n ? view.mem.read(Number(h.iov), count * size) : null;
  if (!t) return ptr(h.iov);
  const v = dv(t);
  const parts: string[] = [];
  let left = total ?? Number.MAX_SAFE_INTEGER;
  for (let k = 0; k < count; k++) {
    const base = wide ? v.getBigUint64(k * 16, true) : BigInt(v.getUint32(k * 8, true));
    const len = wide ? Number(v.getBigUint64(k * 16 + 8, true)) : v.getUint32(k * 8 + 4, true);
    const take = Math.max(0, Math.min(len, left));
    left -= take;
    const shown = Math.min(take, o.strsize);
    const data = base < 1n << 53n ? view.mem.read(Number(base), shown) : null;
    parts.push(`{iov_base=${data ? quoteBytes(data, take > shown, o.hex) : ptr(base)}, iov_len=${len}}`);
  }
  return `[${parts.join(', ')}]`;
}

function cmsgList(view: CallView, h: Hdr): string {
  const wide = view.abi !== 'i386';
  const len = Number(h.controllen);
  const b = h.control < 1n << 53n ? view.mem.read(Number(h.control), Math.min(len, 4096)) : null;
  if (!b) return ptr(h.control);
  const v = dv(b);
  const header = wide ? 16 : 12;
  const align = wide ? 8 : 4;
  const parts: string[] = [];
  for (let off = 0; off + header <= b.length; ) {
    const clen = wide ? Number(v.getBigUint64(off, true)) : v.getUint32(off, true);
    const level = v.getInt32(off + (wide ? 8 : 4), true);
    const type = v.getInt32(off + (wide ? 12 : 8), true);
    const head = `cmsg_len=${clen}, cmsg_level=${formatEnum(level, SOL_LEVELS, 'SOL')}`;
    if (clen < header) {
      parts.push(`{${head}, cmsg_type=${type}}`);
      break;
    }
    // A cmsg_len past the buffer is shown with the bytes the buffer has.
    const data = b.subarray(off + header, Math.min(off + clen, b.length));
    const dvd = dv(data);
    let body: string;
    if (level === 1 && type === 1) {
      const fds: number[] = [];
      for (let k = 0; k + 4 <= data.length; k += 4) fds.push(dvd.getInt32(k, true));
      body = `cmsg_type=SCM_RIGHTS, cmsg_data=[${fds.join(', ')}]`;
    } else if (level === 1 && type === 2 && data.length >= 12) {
      body = `cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=${dvd.getInt32(0, true)}, uid=${dvd.getUint32(4, true)}, gid=${dvd.getUint32(8, true)}}`;
    } else {
      body = `cmsg_type=${level === 1 ? formatEnum(type, SCM_TYPES, 'SCM') : String(type)}, cmsg_data=${quoteBytes(data, false)}`;
    }
    parts.push(`{${head}, ${body}}`);
    off += Math.ceil(clen / align) * align;
  }
  return `[${parts.join(', ')}]`;
}

/** struct msghdr as strace prints it; `namelenIn` is the msg_namelen before a recvmsg. */
function msghdr(view: CallView, i: number, h: Hdr, total: number | null, namelenIn: number | null, o: DecodeOptions): string {
  const parts: string[] = [];
  const namelen = h.namelen;
  if (h.name === 0n) parts.push('msg_name=NULL');
  else if (namelen <= 0 || namelen < 2) parts.push(`msg_name=${ptr(h.name)}`);
  else {
    const b = h.name < 1n << 53n ? view.mem.read(Number(h.name), Math.min(namelen, 128)) : null;
    parts.push(`msg_name=${b ? formatSockaddr(b, o) : ptr(h.name)}`);
  }
  parts.push(namelenIn !== null && namelenIn !== namelen ? `msg_namelen=${namelenIn} => ${namelen}` : `msg_namelen=${namelen}`);
  parts.push(`msg_iov=${iovList(view, h, total, o)}`, `msg_iovlen=${h.iovlen}`);
  if (h.controllen > 0n) parts.push(`msg_control=${cmsgList(view, h)}`);
  parts.push(`msg_controllen=${h.controllen}`, `msg_flags=${formatFlags(h.flags, MSG_FLAGS)}`);
  void i;
  return `{${parts.join(', ')}}`;
}

/** The text of a socket argument, or null when `type` is not one of these. */
export function decodeNetArg(view: CallView, i: number, type: ArgType, lenArg: number | undefined, result: bigint | null, o: DecodeOptions): string | null {
  const a = view.args;
  const failed = result !== null && result < 0n && result >= -4095n;
  switch (type) {
    case 'sockfamily':
      return formatEnum(a.int(i), ADDRESS_FAMILIES, 'AF');
    case 'socktype':
      return socktype(a.int(i) >>> 0);
    case 'sockproto':
      return sockproto(view, i);
    case 'sockflags': {
      const text = formatFlags(a.int(i), SOCK_FLAGS);
      return /^0x[0-9a-f]+$/.test(text) ? `${text} /* SOCK_??? */` : text;
    }
    case 'sockaddr':
      return sockaddrArg(view, i, lenArg !== undefined ? a.int(lenArg) : 0, o);
    case 'outsockaddr': {
      if (result === null || failed || a.u64(i) === 0n) return ptr(a.u64(i));
      const len = lenArg !== undefined ? readInt(view, a.u64(lenArg)) : null;
      return sockaddrArg(view, i, len ?? 0, o);
    }
    case 'socklen': {
      if (a.u64(i) === 0n) return 'NULL';
      const n = readInt(view, a.u64(i));
      return n === null ? ptr(a.u64(i)) : `[${n}]`;
    }
    case 'msgflags':
      return formatFlags(a.int(i), MSG_FLAGS);
    case 'shuthow':
      return formatEnum(a.int(i), SHUT_HOW, 'SHUT');
    case 'sockoptlevel': {
      const level = a.int(i);
      const known = SOL_LEVELS.find(([n]) => n === level);
      return known ? known[1] : `0x${(level >>> 0).toString(16)} /* SOL_?? */`;
    }
    case 'sockoptname':
      return optName(view, i);
    case 'sockoptval':
      return optValue(view, i, lenArg !== undefined ? a.int(lenArg) : 0);
    case 'outsockoptval': {
      if (result === null || failed) return ptr(a.u64(i));
      const len = lenArg !== undefined ? readInt(view, a.u64(lenArg)) : null;
      return optValue(view, i, len ?? 0);
    }
    case 'mmsgvec':
    case 'outmmsgvec': {
      // sendmmsg/recvmmsg: the entries the call processed (the result), each {msg_hdr, msg_len}.
      if (result === null || failed || a.u64(i) === 0n) return ptr(a.u64(i));
      const wide = view.abi !== 'i386';
      const size = wide ? 64 : 32;
      const parts: string[] = [];
      for (let k = 0; k < Number(result) && k < 1024; k++) {
        const at = a.u64(i) + BigInt(k * size);
        const h = readHdrAt(view, at);
        const lenBytes = at + BigInt(wide ? 56 : 28) < 1n << 53n ? view.mem.read(Number(at) + (wide ? 56 : 28), 4) : null;
        if (!h || !lenBytes) return ptr(a.u64(i));
        const msgLen = dv(lenBytes).getUint32(0, true);
        const hdr = msghdr(view, i, h, type === 'outmmsgvec' ? msgLen : null, null, o);
        parts.push(`{msg_hdr=${hdr}, msg_len=${msgLen}}`);
      }
      return `[${parts.join(', ')}]`;
    }
    case 'socketcallnr': {
      const known = SOCKETCALL_NAMES.find(([n]) => n === a.int(i));
      return known ? known[1] : String(a.int(i));
    }
    case 'recvbuf': {
      // MSG_TRUNC may return more than the buffer holds: strace shows what was stored.
      if (result === null || failed || a.u64(i) === 0n) return ptr(a.u64(i));
      const stored = Math.min(Number(result), lenArg !== undefined ? a.size(lenArg) : Number(result));
      const shown = Math.min(stored, o.strsize);
      const b = a.ptr(i) < 0 ? null : view.mem.read(a.ptr(i), shown);
      return b ? quoteBytes(b, stored > shown, o.hex) : ptr(a.u64(i));
    }
    case 'msghdr': {
      const h = readHdr(view, i);
      return h ? msghdr(view, i, h, null, null, o) : ptr(a.u64(i));
    }
    case 'outmsghdr': {
      // At entry: what strace keeps to show after a failure.
      const h = readHdr(view, i);
      return h ? `{msg_namelen=${h.namelen}}` : ptr(a.u64(i));
    }
    default:
      return null;
  }
}

/** The exit text of an in/out argument whose entry text was `entry`. */
export function decodeNetExit(view: CallView, i: number, type: ArgType, entry: string, result: bigint, o: DecodeOptions): string {
  const failed = result < 0n && result >= -4095n;
  if (failed) return entry;
  if (type === 'socklen') {
    const m = /^\[(-?\d+)\]$/.exec(entry);
    const now = readInt(view, view.args.u64(i));
    if (!m || now === null || String(now) === m[1]) return entry;
    return `[${m[1]} => ${now}]`;
  }
  if (type === 'outmsghdr') {
    const h = readHdr(view, i);
    const m = /^\{msg_namelen=(-?\d+)\}$/.exec(entry);
    return h ? msghdr(view, i, h, Number(result), m ? Number(m[1]) : null, o) : entry;
  }
  return entry;
}

// ------------------------------------------------------------------ i386 socketcall

/** socketcall's call numbers (include/uapi/linux/net.h) and how many longs each reads. */
const SOCKETCALLS: readonly (readonly [string, number])[] = [
  ['', 0], ['socket', 3], ['bind', 3], ['connect', 3], ['listen', 2], ['accept', 3], ['getsockname', 3], ['getpeername', 3],
  ['socketpair', 4], ['send', 4], ['recv', 4], ['sendto', 6], ['recvfrom', 6], ['shutdown', 2], ['setsockopt', 5],
  ['getsockopt', 5], ['sendmsg', 3], ['recvmsg', 3], ['accept4', 4], ['recvmmsg', 5], ['sendmmsg', 4],
];
export const SOCKETCALL_NAMES: FlagTable = SOCKETCALLS.slice(1).map(([n], i) => [i + 1, `SYS_${n.toUpperCase()}`]);

/** The calls socketcall makes that have no i386 number of their own: their signatures. */
const noNumber = (name: string, args: SyscallDecl['args'], ret?: SyscallDecl['ret']): SyscallDecl => ({
  name, numbers: {}, args, classes: ['network'], ...(ret ? { ret } : {}), handler: () => -38,
});
const INNER_ONLY: Record<string, SyscallDecl> = {
  send: noNumber('send', [{ name: 'sockfd', type: 'fd' }, { name: 'buf', type: 'string', len: 2 }, { name: 'len', type: 'uint' }, { name: 'flags', type: 'msgflags' }]),
  recv: noNumber('recv', [{ name: 'sockfd', type: 'fd' }, { name: 'buf', type: 'recvbuf', len: 2 }, { name: 'len', type: 'uint' }, { name: 'flags', type: 'msgflags' }]),
  accept: noNumber('accept', [{ name: 'sockfd', type: 'fd' }, { name: 'addr', type: 'outsockaddr', len: 2 }, { name: 'addrlen', type: 'socklen' }], 'fd'),
};

/** strace shows an i386 socketcall(2) as the call it makes, with that call's arguments read from
 *  the array: `socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0`. Null when the call number is
 *  unknown or the array cannot be read (then the raw `socketcall(N, 0x…)` line stands). */
export function innerSocketcall(view: CallView, table: readonly (SyscallDecl | undefined)[]): { view: CallView; name: string } | null {
  if (view.decl.name !== 'socketcall' || view.abi !== 'i386') return null;
  const call = view.args.int(0);
  if (call < 1 || call >= SOCKETCALLS.length) return null;
  const [name, nargs] = SOCKETCALLS[call]!;
  const decl = INNER_ONLY[name] ?? table.find((d) => d?.name === name);
  const addr = view.args.ptr(1);
  const raw = addr < 0 ? null : view.mem.read(addr, nargs * 4);
  if (!decl || !raw) return null;
  const words: number[] = [];
  for (let i = 0; i < nargs; i++) words.push(dv(raw).getUint32(i * 4, true));
  return { view: { ...view, decl, args: makeSyscallArgs(words, 'i386') }, name };
}
