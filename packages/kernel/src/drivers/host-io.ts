// The host side of the console: synchronous reads and writes on the host's file descriptors
// (node:fs readSync/writeSync), whether they are terminals, and what they are (fstat). Tests
// pass a fake so they never touch the real stdin/stdout.

import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { openFlagsFromAbi } from '../vfs/constants.js';

export interface HostIo {
  /** Reads into `buf`, at `position` (pread) or at the fd's offset when it is null; 0 at EOF.
   *  Throws a Node error (with `code`) on failure. */
  read(fd: number, buf: Uint8Array, position?: number | null): number;
  /** Writes some of `data` (at `position`, or at the fd's offset); returns how much. Throws a
   *  Node error on failure. */
  write(fd: number, data: Uint8Array, position?: number | null): number;
  isatty(fd: number): boolean;
  /** The host file's type and permission bits (st_mode), rdev and size, or null when unknown. */
  fstat(fd: number): { mode: number; rdev: number; size?: number } | null;
  /** The fd's current offset (Linux hosts: /proc/self/fdinfo), or null when unknown. */
  position?(fd: number): number | null;
  /** What the host fd is connected to, as /proc/self/fd/N reads on the host ("pipe:[123]",
   *  "/dev/pts/0", a file path), or null when unknown. */
  linkName?(fd: number): string | null;
  /** The fd's open flags in x86 numbering (Linux hosts: /proc/self/fdinfo "flags:"), or null. */
  flags?(fd: number): number | null;
  /** True when the host fd is the host's /dev/null. */
  isDevNull?(fd: number): boolean;
  /** Terminal size, when the host fd is a terminal. */
  windowSize?(fd: number): { rows: number; cols: number } | null;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

export const nodeHostIo: HostIo = {
  read(fd, buf, position = null) {
    for (;;) {
      try {
        return fs.readSync(fd, buf, 0, buf.length, position);
      } catch (e) {
        // A non-blocking host stdin has nothing yet: wait a little and retry (the guest asked
        // for a blocking read).
        if ((e as { code?: string }).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  },
  write(fd, data, position = null) {
    for (;;) {
      try {
        return fs.writeSync(fd, data, 0, data.length, position);
      } catch (e) {
        if ((e as { code?: string }).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  },
  isatty: (fd) => tty.isatty(fd),
  fstat(fd) {
    try {
      const st = fs.fstatSync(fd);
      return { mode: st.mode, rdev: st.rdev, size: st.size };
    } catch {
      return null;
    }
  },
  position(fd) {
    try {
      const info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
      const m = /^pos:\s*(\d+)/m.exec(info);
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  },
  linkName(fd) {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'buffer' }).toString('latin1');
    } catch {
      return null;
    }
  },
  flags(fd) {
    try {
      const info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
      const m = /^flags:\s*([0-7]+)/m.exec(info);
      if (!m) return null;
      const raw = parseInt(m[1]!, 8);
      // fdinfo shows the host's own numbering; the VFS keeps x86's.
      return process.arch === 'arm64' ? openFlagsFromAbi('arm64', raw) : raw;
    } catch {
      return null;
    }
  },
  isDevNull(fd) {
    try {
      const st = fs.fstatSync(fd);
      const devNull = fs.statSync('/dev/null');
      return st.isCharacterDevice() && st.rdev === devNull.rdev;
    } catch {
      return false;
    }
  },
  windowSize(fd) {
    const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : null;
    if (stream && stream.isTTY && stream.columns) return { rows: stream.rows, cols: stream.columns };
    return null;
  },
};
