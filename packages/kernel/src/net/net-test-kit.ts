// Test support for the socket syscalls: the file syscalls' harness (one process, a kernel file
// system, guest memory as a byte array) that also finds the declarations of decl/net.ts, and
// small helpers to build socket addresses in guest memory.

import { makeSyscallArgs } from '../syscalls/context.js';
import type { Blocked } from '../syscalls/types.js';
import { FsHarness, type Arg } from '../syscalls/decl/fs-test-kit.js';
import { syscalls as netDecls } from '../syscalls/decl/net.js';
import { syscalls as fsDecls } from '../syscalls/decl/fs.js';
import { AF_INET, AF_UNIX } from './constants.js';

export class NetHarness extends FsHarness {
  override callRaw(name: string, ...args: Arg[]): number | bigint | Blocked {
    const decl = netDecls.find((d) => d.name === name) ?? fsDecls.find((d) => d.name === name);
    if (!decl) throw new Error(`no syscall ${name}`);
    const regs = args.map((a) => (typeof a === 'string' || a instanceof Uint8Array ? BigInt(this.mem.put(a)) : BigInt(a)));
    return decl.handler(this.ctx(), makeSyscallArgs(regs, this.abi));
  }

  /** A sockaddr_un for `path` (a leading "\0" makes it abstract): [address, length]. */
  unix(path: string): [number, number] {
    const body = Buffer.from(path, 'latin1');
    const b = new Uint8Array(110);
    b[0] = AF_UNIX;
    b.set(body, 2);
    return [this.mem.put(b), path.startsWith('\0') ? 2 + body.length : 110];
  }

  /** A sockaddr_in for a.b.c.d:port: [address, 16]. */
  inet(ip: string, port: number): [number, number] {
    const b = new Uint8Array(16);
    b[0] = AF_INET;
    b[2] = port >> 8;
    b[3] = port & 0xff;
    b.set(ip.split('.').map(Number), 4);
    return [this.mem.put(b), 16];
  }

  /** An int in guest memory. */
  int(value: number): number {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, value, true);
    return this.mem.put(b);
  }

  /** Two fresh ints for socketpair/pipe. */
  pair(): number {
    return this.mem.alloc(8);
  }
}
