// The socket syscalls against the rules of unix(7), ip(7), socket(7) and the errno Linux gives,
// run through the declarations with a fake process (no CPU). The end-to-end behaviour is also
// recorded from real Linux in tests/cases/*/sock_*.
import { describe, expect, it } from 'vitest';
import { errno } from '../syscalls/errno.js';
import { isBlocked } from '../syscalls/types.js';
import { NetHarness } from './net-test-kit.js';
import {
  AF_INET, AF_INET6, AF_UNIX, MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC, SHUT_WR, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK,
  SOCK_SEQPACKET, SOCK_STREAM, SOL_SOCKET, SO_ERROR, SO_TYPE, SO_ACCEPTCONN, SO_RCVBUF,
} from './constants.js';

const E = errno;

function setup(): NetHarness {
  return new NetHarness();
}

function socketpair(h: NetHarness, type: number): [number, number] {
  const sv = h.pair();
  expect(h.call('socketpair', AF_UNIX, type, 0, sv)).toBe(0);
  return [h.mem.i32(sv, 0), h.mem.i32(sv, 1)];
}

describe('socket(2)', () => {
  it('checks flags, family, type and protocol in Linux order', () => {
    const h = setup();
    expect(h.call('socket', AF_UNIX, SOCK_STREAM | 0x40, 0)).toBe(-E.EINVAL);
    expect(h.call('socket', 117, SOCK_STREAM, 0)).toBe(-E.EAFNOSUPPORT);
    expect(h.call('socket', AF_INET, 13, 0)).toBe(-E.EINVAL);
    expect(h.call('socket', AF_UNIX, SOCK_STREAM, 5)).toBe(-E.EPROTONOSUPPORT);
    expect(h.call('socket', AF_INET, SOCK_DGRAM, 6)).toBe(-E.EPROTONOSUPPORT);
    expect(h.call('socket', AF_INET, SOCK_SEQPACKET, 0)).toBe(-E.ESOCKTNOSUPPORT);
    expect(h.call('socket', AF_UNIX, 4, 0)).toBe(-E.ESOCKTNOSUPPORT);
    expect(h.call('socket', AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)).toBe(3);
    expect(h.call('socket', AF_INET6, SOCK_DGRAM, 17)).toBe(4);
  });

  it('gives S_IFSOCK to fstat and ENOTSOCK to socket calls on other files', () => {
    const h = setup();
    const fd = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    const st = h.mem.alloc(144);
    expect(h.call('fstat', fd, st)).toBe(0);
    expect(h.mem.u32(st, 24) & 0o170000).toBe(0o140000);
    expect(h.call('listen', 0, 1)).toBe(-E.ENOTSOCK);
    expect(h.call('listen', 99, 1)).toBe(-E.EBADF);
  });
});

describe('AF_UNIX', () => {
  it('socketpair streams bytes both ways; EOF after the peer closes', () => {
    const h = setup();
    const [a, b] = socketpair(h, SOCK_STREAM);
    expect(h.call('write', a, 'hello', 5)).toBe(5);
    expect(h.call('write', a, ' world', 6)).toBe(6);
    const buf = h.mem.alloc(64);
    expect(h.call('recvfrom', b, buf, 3, MSG_PEEK, 0, 0)).toBe(3);
    expect(h.call('read', b, buf, 64)).toBe(11);
    expect(h.mem.text(buf, 11)).toBe('hello world');
    expect(h.call('close', a)).toBe(0);
    expect(h.call('read', b, buf, 64)).toBe(0);
    expect(h.call('write', b, 'x', 1)).toBe(-E.EPIPE);
    expect(h.thread.pendingSignals.some((s) => s.signo === 13)).toBe(true);
  });

  it('an empty read blocks, or EAGAIN when non-blocking', () => {
    const h = setup();
    const [a, b] = socketpair(h, SOCK_STREAM);
    const buf = h.mem.alloc(8);
    expect(isBlocked(h.callRaw('read', b, buf, 8) as never)).toBe(true);
    expect(h.call('recvfrom', b, buf, 8, MSG_DONTWAIT, 0, 0)).toBe(-E.EAGAIN);
    expect(h.call('shutdown', a, SHUT_WR)).toBe(0);
    expect(h.call('read', b, buf, 8)).toBe(0);
  });

  it('seqpacket and dgram keep boundaries; MSG_TRUNC reports the whole length', () => {
    for (const type of [SOCK_SEQPACKET, SOCK_DGRAM]) {
      const h = setup();
      const [a, b] = socketpair(h, type);
      expect(h.call('write', a, 'abcdef', 6)).toBe(6);
      expect(h.call('write', a, 'gh', 2)).toBe(2);
      const buf = h.mem.alloc(8);
      expect(h.call('recvfrom', b, buf, 4, MSG_TRUNC, 0, 0)).toBe(6);
      expect(h.mem.text(buf, 4)).toBe('abcd');
      expect(h.call('read', b, buf, 8)).toBe(2);
    }
  });

  it('binds a path (EADDRINUSE when taken), connects, accepts, and names both ends', () => {
    const h = setup();
    const srv = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    const [addr, len] = h.unix('/tmp/sock');
    expect(h.call('bind', srv, addr, len)).toBe(0);
    const other = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    expect(h.call('bind', other, addr, len)).toBe(-E.EADDRINUSE);
    const cli = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    expect(h.call('connect', cli, addr, len)).toBe(-E.ECONNREFUSED); // not listening yet
    expect(h.call('listen', srv, 5)).toBe(0);
    expect(h.call('connect', cli, addr, len)).toBe(0);
    expect(h.call('connect', cli, addr, len)).toBe(-E.EISCONN);
    const name = h.mem.alloc(110);
    const nameLen = h.int(110);
    const conn = h.call('accept', srv, name, nameLen);
    expect(conn).toBeGreaterThan(0);
    expect(h.mem.i32(nameLen)).toBe(2); // the client is unnamed
    h.mem.write(nameLen, Uint8Array.of(110, 0, 0, 0));
    expect(h.call('getpeername', cli, name, nameLen)).toBe(0);
    expect(h.mem.i32(nameLen)).toBe(2 + '/tmp/sock'.length + 1);
    expect(h.mem.text(name + 2, 9)).toBe('/tmp/sock');
    expect(h.call('write', cli, 'ping', 4)).toBe(4);
    const buf = h.mem.alloc(8);
    expect(h.call('read', conn, buf, 8)).toBe(4);
    // The name is a socket inode: open(2) gives ENXIO; unlink removes it and connect says ENOENT.
    expect(h.call('open', '/tmp/sock', 2)).toBe(-E.ENXIO);
    expect(h.call('unlink', '/tmp/sock')).toBe(0);
    const late = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    expect(h.call('connect', late, addr, len)).toBe(-E.ENOENT);
  });

  it('abstract names and autobind', () => {
    const h = setup();
    const s = h.call('socket', AF_UNIX, SOCK_DGRAM, 0);
    const [addr, len] = h.unix('\0vsys-test');
    expect(h.call('bind', s, addr, len)).toBe(0);
    expect(h.call('bind', s, addr, len)).toBe(-E.EINVAL);
    const t = h.call('socket', AF_UNIX, SOCK_DGRAM, 0);
    expect(h.call('bind', t, addr, len)).toBe(-E.EADDRINUSE);
    expect(h.call('bind', t, h.unix('')[0], 2)).toBe(0); // autobind
    const name = h.mem.alloc(110);
    const nameLen = h.int(110);
    expect(h.call('getsockname', t, name, nameLen)).toBe(0);
    expect(h.mem.i32(nameLen)).toBe(8);
    expect(h.call('sendto', t, 'dg', 2, 0, addr, len)).toBe(2);
    const from = h.mem.alloc(110);
    const fromLen = h.int(110);
    const buf = h.mem.alloc(8);
    expect(h.call('recvfrom', s, buf, 8, 0, from, fromLen)).toBe(2);
    expect(h.mem.i32(fromLen)).toBe(8);
    expect(h.mem.get(from + 2, 6)).toEqual(h.mem.get(name + 2, 6));
  });

  it('passes open files with SCM_RIGHTS', () => {
    const h = setup();
    const [a, b] = socketpair(h, SOCK_STREAM);
    const pipeFds = h.pair();
    expect(h.call('pipe2', pipeFds, 0)).toBe(0);
    const wfd = h.mem.i32(pipeFds, 1);
    // msghdr with one iovec and one SCM_RIGHTS cmsg carrying the pipe's write end.
    const data = h.mem.put(Uint8Array.of(0x2a));
    const iov = h.mem.alloc(16);
    const v = new DataView(h.mem.bytes.buffer);
    const at = (p: number): number => p - 0x10000;
    v.setBigUint64(at(iov), BigInt(data), true);
    v.setBigUint64(at(iov) + 8, 1n, true);
    const cmsg = h.mem.alloc(24);
    v.setBigUint64(at(cmsg), 20n, true);
    v.setInt32(at(cmsg) + 8, SOL_SOCKET, true);
    v.setInt32(at(cmsg) + 12, 1, true);
    v.setInt32(at(cmsg) + 16, wfd, true);
    const msg = h.mem.alloc(56);
    v.setBigUint64(at(msg) + 16, BigInt(iov), true);
    v.setBigUint64(at(msg) + 24, 1n, true);
    v.setBigUint64(at(msg) + 32, BigInt(cmsg), true);
    v.setBigUint64(at(msg) + 40, 24n, true);
    expect(h.call('sendmsg', a, msg, 0)).toBe(1);
    expect(h.call('close', wfd)).toBe(0);
    // Receive into fresh buffers.
    const rbuf = h.mem.alloc(8);
    const riov = h.mem.alloc(16);
    v.setBigUint64(at(riov), BigInt(rbuf), true);
    v.setBigUint64(at(riov) + 8, 8n, true);
    const rc = h.mem.alloc(64);
    const rmsg = h.mem.alloc(56);
    v.setBigUint64(at(rmsg) + 16, BigInt(riov), true);
    v.setBigUint64(at(rmsg) + 24, 1n, true);
    v.setBigUint64(at(rmsg) + 32, BigInt(rc), true);
    v.setBigUint64(at(rmsg) + 40, 64n, true);
    expect(h.call('recvmsg', b, rmsg, 0)).toBe(1);
    expect(h.mem.u64(rmsg, 40)).toBe(24n);
    const newFd = h.mem.i32(rc + 16);
    expect(newFd).toBeGreaterThan(2);
    // The received descriptor writes into the same pipe.
    expect(h.call('write', newFd, 'via fd', 6)).toBe(6);
    const out = h.mem.alloc(8);
    expect(h.call('read', h.mem.i32(pipeFds, 0), out, 8)).toBe(6);
    expect(h.mem.text(out, 6)).toBe('via fd');
  });

  it('getsockopt SO_TYPE, SO_ACCEPTCONN, SO_ERROR; setsockopt SO_RCVBUF doubles', () => {
    const h = setup();
    const s = h.call('socket', AF_UNIX, SOCK_SEQPACKET, 0);
    const val = h.int(0);
    const len = h.int(4);
    expect(h.call('getsockopt', s, SOL_SOCKET, SO_TYPE, val, len)).toBe(0);
    expect(h.mem.i32(val)).toBe(SOCK_SEQPACKET);
    expect(h.call('getsockopt', s, SOL_SOCKET, SO_ACCEPTCONN, val, len)).toBe(0);
    expect(h.mem.i32(val)).toBe(0);
    expect(h.call('getsockopt', s, SOL_SOCKET, SO_ERROR, val, len)).toBe(0);
    expect(h.call('setsockopt', s, SOL_SOCKET, SO_RCVBUF, h.int(1000), 4)).toBe(0);
    expect(h.call('getsockopt', s, SOL_SOCKET, SO_RCVBUF, val, len)).toBe(0);
    expect(h.mem.i32(val)).toBe(2304);
    expect(h.call('getsockopt', s, SOL_SOCKET, 9999, val, len)).toBe(-E.ENOPROTOOPT);
    expect(h.call('setsockopt', s, SOL_SOCKET, SO_RCVBUF, h.int(1), 2)).toBe(-E.EINVAL);
    expect(h.call('setsockopt', s, 6, 1, h.int(1), 4)).toBe(-E.EOPNOTSUPP);
  });
});

describe('AF_INET loopback', () => {
  it('TCP: listen, connect, accept, data, getsockname with the assigned port', () => {
    const h = setup();
    const srv = h.call('socket', AF_INET, SOCK_STREAM, 0);
    const [addr, len] = h.inet('127.0.0.1', 8080);
    expect(h.call('bind', srv, addr, len)).toBe(0);
    const cli = h.call('socket', AF_INET, SOCK_STREAM, 0);
    expect(h.call('connect', cli, addr, len)).toBe(-E.ECONNREFUSED);
    expect(h.call('listen', srv, 1)).toBe(0);
    const busy = h.call('socket', AF_INET, SOCK_STREAM, 0);
    expect(h.call('bind', busy, ...h.inet('0.0.0.0', 8080))).toBe(-E.EADDRINUSE);
    expect(h.call('bind', busy, ...h.inet('10.0.0.1', 80))).toBe(-E.EADDRNOTAVAIL);
    expect(h.call('connect', cli, addr, len)).toBe(0);
    const conn = h.call('accept4', srv, 0, 0, SOCK_CLOEXEC);
    expect(conn).toBeGreaterThan(0);
    const name = h.mem.alloc(16);
    const nameLen = h.int(16);
    expect(h.call('getsockname', cli, name, nameLen)).toBe(0);
    const port = (h.mem.bytes[name - 0x10000 + 2]! << 8) | h.mem.bytes[name - 0x10000 + 3]!;
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(h.call('getpeername', conn, name, nameLen)).toBe(0);
    expect((h.mem.bytes[name - 0x10000 + 2]! << 8) | h.mem.bytes[name - 0x10000 + 3]!).toBe(port);
    expect(h.call('write', cli, 'GET', 3)).toBe(3);
    const buf = h.mem.alloc(8);
    expect(h.call('read', conn, buf, 8)).toBe(3);
    expect(h.call('close', cli)).toBe(0);
    expect(h.call('read', conn, buf, 8)).toBe(0);
    expect(h.call('write', conn, 'x', 1)).toBe(1); // answered by RST
    expect(h.call('sendto', conn, 'x', 1, 0x4000, 0, 0)).toBe(-E.EPIPE);
  });

  it('non-blocking connect answers EINPROGRESS, then 0, then EISCONN', () => {
    const h = setup();
    const srv = h.call('socket', AF_INET, SOCK_STREAM, 0);
    const [addr, len] = h.inet('127.0.0.1', 9000);
    expect(h.call('bind', srv, addr, len)).toBe(0);
    expect(h.call('listen', srv, 4)).toBe(0);
    const cli = h.call('socket', AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    expect(h.call('connect', cli, addr, len)).toBe(-E.EINPROGRESS);
    expect(h.call('connect', cli, addr, len)).toBe(0);
    expect(h.call('connect', cli, addr, len)).toBe(-E.EISCONN);
  });

  it('UDP: datagrams with the sender address; a connected sender hears ECONNREFUSED', () => {
    const h = setup();
    const rx = h.call('socket', AF_INET, SOCK_DGRAM, 0);
    const [addr, len] = h.inet('127.0.0.1', 5353);
    expect(h.call('bind', rx, addr, len)).toBe(0);
    const tx = h.call('socket', AF_INET, SOCK_DGRAM, 0);
    expect(h.call('sendto', tx, 'q', 1, 0, 0, 0)).toBe(-E.EDESTADDRREQ);
    expect(h.call('sendto', tx, 'query', 5, 0, addr, len)).toBe(5);
    const buf = h.mem.alloc(8);
    const from = h.mem.alloc(16);
    const fromLen = h.int(16);
    expect(h.call('recvfrom', rx, buf, 8, 0, from, fromLen)).toBe(5);
    expect(Array.from(h.mem.get(from + 4, 4))).toEqual([127, 0, 0, 1]);
    const lone = h.call('socket', AF_INET, SOCK_DGRAM, 0);
    expect(h.call('connect', lone, ...h.inet('127.0.0.1', 4444))).toBe(0);
    expect(h.call('write', lone, 'x', 1)).toBe(1);
    expect(h.call('recvfrom', lone, buf, 8, MSG_DONTWAIT, 0, 0)).toBe(-E.ECONNREFUSED);
  });
});

describe('blocking and credentials', () => {
  it('MSG_WAITALL waits until the whole length is queued, unless the stream ends', () => {
    const h = setup();
    const [a, b] = socketpair(h, SOCK_STREAM);
    const buf = h.mem.alloc(8);
    expect(h.call('write', a, 'abc', 3)).toBe(3);
    expect(isBlocked(h.callRaw('recvfrom', b, buf, 6, 0x100, 0, 0) as never)).toBe(true);
    expect(h.call('write', a, 'def', 3)).toBe(3);
    expect(h.call('recvfrom', b, buf, 6, 0x100, 0, 0)).toBe(6);
    expect(h.mem.text(buf, 6)).toBe('abcdef');
    expect(h.call('write', a, 'g', 1)).toBe(1);
    expect(h.call('shutdown', a, SHUT_WR)).toBe(0);
    expect(h.call('recvfrom', b, buf, 6, 0x100, 0, 0)).toBe(1);
  });

  it('a full accept queue makes connect wait, or EAGAIN when non-blocking', () => {
    const h = setup();
    const srv = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    const [addr, len] = h.unix('\0backlog');
    expect(h.call('bind', srv, addr, len)).toBe(0);
    expect(h.call('listen', srv, 0)).toBe(0);
    const c1 = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    expect(h.call('connect', c1, addr, len)).toBe(0); // backlog 0 still takes one
    const c2 = h.call('socket', AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    expect(h.call('connect', c2, addr, len)).toBe(-E.EAGAIN);
    const c3 = h.call('socket', AF_UNIX, SOCK_STREAM, 0);
    expect(isBlocked(h.callRaw('connect', c3, addr, len) as never)).toBe(true);
    expect(h.call('accept', srv, 0, 0)).toBeGreaterThan(0);
    expect(h.call('connect', c3, addr, len)).toBe(0);
  });

  it('SO_PASSCRED delivers SCM_CREDENTIALS; SO_PEERCRED names the peer', () => {
    const h = setup();
    const [a, b] = socketpair(h, SOCK_DGRAM);
    expect(h.call('setsockopt', b, SOL_SOCKET, 16, h.int(1), 4)).toBe(0);
    expect(h.call('write', a, 'c', 1)).toBe(1);
    const v = new DataView(h.mem.bytes.buffer);
    const at = (p: number): number => p - 0x10000;
    const rbuf = h.mem.alloc(8);
    const riov = h.mem.alloc(16);
    v.setBigUint64(at(riov), BigInt(rbuf), true);
    v.setBigUint64(at(riov) + 8, 8n, true);
    const rc = h.mem.alloc(64);
    const rmsg = h.mem.alloc(56);
    v.setBigUint64(at(rmsg) + 16, BigInt(riov), true);
    v.setBigUint64(at(rmsg) + 24, 1n, true);
    v.setBigUint64(at(rmsg) + 32, BigInt(rc), true);
    v.setBigUint64(at(rmsg) + 40, 64n, true);
    expect(h.call('recvmsg', b, rmsg, 0)).toBe(1);
    expect(h.mem.u64(rmsg, 40)).toBe(32n); // CMSG_SPACE(sizeof(struct ucred))
    expect(h.mem.u64(rc)).toBe(28n);
    expect(h.mem.i32(rc + 12)).toBe(2); // SCM_CREDENTIALS
    expect(h.mem.i32(rc + 16)).toBe(h.process.pid);
    const cred = h.mem.alloc(12);
    const len = h.int(12);
    expect(h.call('getsockopt', a, SOL_SOCKET, 17, cred, len)).toBe(0);
    expect(h.mem.i32(cred)).toBe(h.process.pid);
  });

  it('a refused non-blocking TCP connect reports ECONNREFUSED on the next connect and through SO_ERROR', () => {
    const h = setup();
    const c = h.call('socket', AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const [addr, len] = h.inet('127.0.0.1', 9);
    expect(h.call('connect', c, addr, len)).toBe(-E.EINPROGRESS);
    const val = h.int(0);
    expect(h.call('getsockopt', c, SOL_SOCKET, SO_ERROR, val, h.int(4))).toBe(0);
    expect(h.mem.i32(val)).toBe(E.ECONNREFUSED);
    const d = h.call('socket', AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    expect(h.call('connect', d, addr, len)).toBe(-E.EINPROGRESS);
    expect(h.call('connect', d, addr, len)).toBe(-E.ECONNREFUSED);
  });

  it('i386 socketcall reads its argument array as 32-bit words', () => {
    const h = new NetHarness({ abi: 'i386' });
    const sv = h.pair();
    const args = new Uint8Array(16);
    const v = new DataView(args.buffer);
    [AF_UNIX, SOCK_STREAM, 0, sv].forEach((x, i) => v.setUint32(i * 4, x, true));
    expect(h.call('socketcall', 8, args)).toBe(0);
    expect(h.mem.i32(sv, 1)).toBe(h.mem.i32(sv, 0) + 1);
    expect(h.call('socketcall', 0, args)).toBe(-E.EINVAL);
    expect(h.call('socketcall', 1, 0x10)).toBe(-E.EFAULT);
  });
});

