// Socket decoders against the host: IPv6 text from Python's socket.inet_ntop (the libc
// inet_ntop strace calls), and sockaddr forms strace printed on this machine.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatIpv6, formatSockaddr } from './decode-net.js';

const o = { strsize: 32, hex: 0 as const };
const havePython = spawnSync('python3', ['--version']).status === 0;

/** Deterministic pseudo-random addresses with runs of zero groups (the compression cases). */
function addresses(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let seed = 12345;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let n = 0; n < 200; n++) {
    const a = new Uint8Array(16);
    for (let g = 0; g < 8; g++) {
      if (next() % 3 === 0) continue; // leave the group zero
      const v = next() % 4 === 0 ? next() & 0xf : next() & 0xffff;
      a[g * 2] = v >> 8;
      a[g * 2 + 1] = v & 0xff;
    }
    out.push(a);
  }
  out.push(new Uint8Array(16), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
  out.push(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1));
  return out;
}

describe.skipIf(!havePython)('formatIpv6 equals inet_ntop', () => {
  it('for 203 addresses', () => {
    const list = addresses();
    const hex = list.map((a) => Buffer.from(a).toString('hex')).join('\n');
    const r = spawnSync('python3', ['-c', 'import socket,sys\nfor l in sys.stdin.read().split():\n  print(socket.inet_ntop(socket.AF_INET6, bytes.fromhex(l)))'], { input: hex, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(list.map(formatIpv6)).toEqual(r.stdout.trim().split('\n'));
  });
});

describe('formatSockaddr', () => {
  const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);
  it('prints the forms strace printed on this machine', () => {
    expect(formatSockaddr(b(1, 0), o)).toBe('{sa_family=AF_UNIX}');
    expect(formatSockaddr(Uint8Array.from([1, 0, ...Buffer.from('/tmp/s1sock\0')]), o)).toBe('{sa_family=AF_UNIX, sun_path="/tmp/s1sock"}');
    expect(formatSockaddr(Uint8Array.from([1, 0, 0, ...Buffer.from('abstract')]), o)).toBe('{sa_family=AF_UNIX, sun_path=@"abstract"}');
    expect(formatSockaddr(b(2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), o)).toBe(
      '{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}');
    expect(formatSockaddr(b(2, 0, 0x8a), o)).toBe('{sa_family=AF_INET, sa_data="\\212"}');
    expect(formatSockaddr(b(10, 0, ...new Array(14).fill(0)), o)).toBe(
      '{sa_family=AF_INET6, sa_data="\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"}');
    const six = new Uint8Array(28);
    six.set([10, 0, 0x23, 0x28]);
    six[23] = 1;
    expect(formatSockaddr(six, o)).toBe(
      '{sa_family=AF_INET6, sin6_port=htons(9000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}');
    expect(formatSockaddr(b(117, 0, 1, 2), o)).toBe('{sa_family=0x75 /* AF_??? */, sa_data="\\1\\2"}');
  });
});
