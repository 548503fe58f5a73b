// Socket addresses (struct sockaddr_un, sockaddr_in, sockaddr_in6; unix(7), ip(7), ipv6(7)):
// decoded from the bytes a caller passes to bind/connect/sendto, and encoded for
// getsockname/getpeername/accept/recvfrom. Ports are kept in host order here; on the wire
// (in the struct) they are big-endian, as htons(3) makes them.

import { AF_INET, AF_INET6, AF_UNIX } from './constants.js';

/** An AF_UNIX name: none (unnamed: socketpair, an unbound socket), a filesystem path, or an
 *  abstract name (sun_path[0] == 0; the bytes after that NUL, which need not be text). */
export type UnixAddress =
  | { family: typeof AF_UNIX; kind: 'unnamed' }
  | { family: typeof AF_UNIX; kind: 'path'; path: string }
  | { family: typeof AF_UNIX; kind: 'abstract'; name: Uint8Array };

export interface InetAddress {
  family: typeof AF_INET | typeof AF_INET6;
  port: number;
  /** 4 bytes (AF_INET) or 16 (AF_INET6), network order. */
  addr: Uint8Array;
  flowinfo?: number;
  scopeId?: number;
}

export type SockAddress = UnixAddress | InetAddress;

/** offsetof(struct sockaddr_un, sun_path) and sizeof(struct sockaddr_un). */
export const SUN_PATH_OFFSET = 2;
export const SOCKADDR_UN_SIZE = 110;
export const SOCKADDR_IN_SIZE = 16;
export const SOCKADDR_IN6_SIZE = 28;
/** The shorter sockaddr_in6 of RFC 2133 (no sin6_scope_id) that Linux still accepts. */
export const SIN6_LEN_RFC2133 = 24;

export const UNNAMED: UnixAddress = { family: AF_UNIX, kind: 'unnamed' };

/** sa_family of a raw address (0 when too short to hold one). */
export function familyOf(raw: Uint8Array): number {
  return raw.length >= 2 ? raw[0]! | (raw[1]! << 8) : 0;
}

/** A unix address from `raw` (already checked to be 3..110 bytes with sun_family AF_UNIX): the
 *  path ends at the first NUL or at the end of the given length (unix_mkname_bsd). */
export function decodeUnix(raw: Uint8Array): UnixAddress {
  const body = raw.subarray(SUN_PATH_OFFSET);
  if (body.length > 0 && body[0] === 0) return { family: AF_UNIX, kind: 'abstract', name: body.slice(1) };
  const end = body.indexOf(0);
  return { family: AF_UNIX, kind: 'path', path: Buffer.from(end < 0 ? body : body.subarray(0, end)).toString('latin1') };
}

export function decodeInet(raw: Uint8Array): InetAddress {
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const family = familyOf(raw);
  if (family === AF_INET6) {
    return {
      family: AF_INET6, port: v.getUint16(2, false), flowinfo: v.getUint32(4, false), addr: raw.slice(8, 24),
      scopeId: raw.length >= SOCKADDR_IN6_SIZE ? v.getUint32(24, true) : 0,
    };
  }
  return { family: AF_INET, port: v.getUint16(2, false), addr: raw.slice(4, 8) };
}

/** The bytes getsockname & co. report, and their length: an unnamed unix socket is just
 *  sun_family (2 bytes); a path is followed by its NUL; an abstract name is not. */
export function encodeAddress(a: SockAddress): Uint8Array {
  if (a.family === AF_UNIX) {
    if (a.kind === 'unnamed') return Uint8Array.of(AF_UNIX, 0);
    const body = a.kind === 'path' ? Buffer.from(a.path + '\0', 'latin1') : Buffer.concat([Uint8Array.of(0), a.name]);
    const out = new Uint8Array(SUN_PATH_OFFSET + body.length);
    out[0] = AF_UNIX;
    out.set(body, SUN_PATH_OFFSET);
    return out;
  }
  const out = new Uint8Array(a.family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE);
  const v = new DataView(out.buffer);
  v.setUint16(0, a.family, true);
  v.setUint16(2, a.port, false);
  if (a.family === AF_INET) out.set(a.addr, 4);
  else {
    v.setUint32(4, a.flowinfo ?? 0, false);
    out.set(a.addr, 8);
    v.setUint32(24, a.scopeId ?? 0, true);
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A key naming an abstract unix address in the namespace's table. */
export function abstractKey(name: Uint8Array): string {
  return Buffer.from(name).toString('hex');
}
