// Socket constants as the UAPI headers define them (include/linux/socket.h, include/linux/net.h,
// include/uapi/asm-generic/socket.h — x86-64, i386 and arm64 share these values,
// include/uapi/linux/in.h). The tracer has its own name tables; these are the kernel's numbers.

export const AF_UNSPEC = 0;
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
/** Address families Linux knows at all (NPROTO = AF_MAX, include/linux/socket.h). */
export const NPROTO = 46;

export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const SOCK_RDM = 4;
export const SOCK_SEQPACKET = 5;
/** One past the last socket type (SOCK_MAX, include/linux/net.h). */
export const SOCK_MAX = 11;
export const SOCK_TYPE_MASK = 0xf;
/** socket(2)/socketpair(2)/accept4(2) flags: O_NONBLOCK and O_CLOEXEC (x86 and generic). */
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;

export const IPPROTO_IP = 0;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_MAX = 263;

export const SOL_SOCKET = 1;
export const SOL_TCP = IPPROTO_TCP;

export const SO_DEBUG = 1;
export const SO_REUSEADDR = 2;
export const SO_TYPE = 3;
export const SO_ERROR = 4;
export const SO_DONTROUTE = 5;
export const SO_BROADCAST = 6;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_KEEPALIVE = 9;
export const SO_OOBINLINE = 10;
export const SO_PRIORITY = 12;
export const SO_LINGER = 13;
export const SO_REUSEPORT = 15;
export const SO_PASSCRED = 16;
export const SO_PEERCRED = 17;
export const SO_RCVLOWAT = 18;
export const SO_SNDLOWAT = 19;
export const SO_RCVTIMEO_OLD = 20;
export const SO_SNDTIMEO_OLD = 21;
export const SO_ACCEPTCONN = 30;
export const SO_SNDBUFFORCE = 32;
export const SO_RCVBUFFORCE = 33;
export const SO_PROTOCOL = 38;
export const SO_DOMAIN = 39;

export const TCP_NODELAY = 1;
export const TCP_MAXSEG = 2;
export const TCP_CORK = 3;
export const TCP_KEEPIDLE = 4;
export const TCP_KEEPINTVL = 5;
export const TCP_KEEPCNT = 6;

export const SCM_RIGHTS = 1;
export const SCM_CREDENTIALS = 2;
/** Most fds one SCM_RIGHTS message may carry (SCM_MAX_FD, include/net/scm.h). */
export const SCM_MAX_FD = 253;

export const MSG_OOB = 0x1;
export const MSG_PEEK = 0x2;
export const MSG_DONTROUTE = 0x4;
export const MSG_CTRUNC = 0x8;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const MSG_EOR = 0x80;
export const MSG_WAITALL = 0x100;
export const MSG_NOSIGNAL = 0x4000;
export const MSG_MORE = 0x8000;
export const MSG_WAITFORONE = 0x10000;
export const MSG_CMSG_CLOEXEC = 0x40000000;

export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
/** sk_shutdown bits (include/net/sock.h). */
export const RCV_SHUTDOWN = 1;
export const SEND_SHUTDOWN = 2;
export const SHUTDOWN_MASK = 3;

/** net.core.somaxconn default since Linux 5.4: listen(2) backlogs are capped here. */
export const SOMAXCONN = 4096;
/** net.core.wmem_default / rmem_default / rmem_max / wmem_max. */
export const WMEM_DEFAULT = 212992;
export const RMEM_DEFAULT = 212992;
export const SYSCTL_RMEM_MAX = 212992;
export const SYSCTL_WMEM_MAX = 212992;
/** The smallest buffers setsockopt leaves (SOCK_MIN_RCVBUF / SOCK_MIN_SNDBUF, include/net/sock.h
 *  on 64-bit: 2 * (2048 + sizeof(struct sk_buff) rounded) as Linux 6.x computes them). */
export const SOCK_MIN_RCVBUF = 2304;
export const SOCK_MIN_SNDBUF = 4608;
/** tcp_rmem[1] and tcp_wmem[1]: a TCP socket's starting buffers. */
export const TCP_RMEM_DEFAULT = 131072;
export const TCP_WMEM_DEFAULT = 16384;
/** net.unix.max_dgram_qlen: datagrams a unix socket queues before senders wait. */
export const UNIX_MAX_DGRAM_QLEN = 10;
/** net.ipv4.ip_local_port_range. */
export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;
/** Largest UDP payload over IPv4 (65535 − 20 − 8). */
export const UDP_MAX_PAYLOAD = 65507;
