// The host side of the console: synchronous reads and writes on the host's file descriptors
// (node:fs readSync/writeSync), whether they are terminals, and what they are (fstat). Tests
// pass a fake so they never touch the real stdin/stdout.

import * as fs from 'node:fs';
import * as tty from 'node:tty';

export interface HostIo {
  /** Reads into `buf`; 0 at EOF. Throws a Node error (with `code`) on failure. */
  read(fd: number, buf: Uint8Array): number;
  /** Writes some of `data`; returns how much. Throws a Node error on failure. */
  write(fd: number, data: Uint8Array): number;
  isatty(fd: number): boolean;
  /** The host file's type and permission bits (st_mode) and rdev, or null when unknown. */
  fstat(fd: number): { mode: number; rdev: number } | null;
  /** Terminal size, when the host fd is a terminal. */
  windowSize?(fd: number): { rows: number; cols: number } | null;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

export const nodeHostIo: HostIo = {
  read(fd, buf) {
    for (;;) {
      try {
        return fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A non-blocking host stdin has nothing yet: wait a little and retry (the guest asked
        // for a blocking read).
        if ((e as { code?: string }).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  },
  write(fd, data) {
    for (;;) {
      try {
        return fs.writeSync(fd, data, 0, data.length);
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
      return { mode: st.mode, rdev: st.rdev };
    } catch {
      return null;
    }
  },
  windowSize(fd) {
    const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : null;
    if (stream && stream.isTTY && stream.columns) return { rows: stream.rows, cols: stream.columns };
    return null;
  },
};
