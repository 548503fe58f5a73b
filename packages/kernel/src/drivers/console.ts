// The console: the guest's fds 0, 1 and 2 bound to the host's. Reads and writes go straight to
// the host descriptor, synchronously; EOF on the host is EOF for the guest. It behaves like
// whatever the host fd is: fstat shows the host's file type (a pipe, a terminal, a file — glibc
// picks its buffering from that), and TCGETS succeeds only on a host terminal, filling a
// termios; on anything else it is ENOTTY, as Linux answers on a pipe or file (tty_ioctl(4)).
// On a terminal or pipe it is a stream: lseek/pread/pwrite → ESPIPE. When the host fd is a
// regular file (`vrun prog < input > output`) it has a position like the file would: reads and
// writes go through the host fd's own offset (so a shell sharing the fd sees it move), lseek
// validates and reports positions, and once the guest seeks away from where the host offset is,
// or uses pread/pwrite, that I/O is done at explicit positions. When the host fd is /dev/null,
// writes do not read the guest buffer, as /dev/null's don't.

import { storedOrFault } from '../vfs/file.js';
import { Inode, type InodeAttrs, type SuperBlock } from '../vfs/inode.js';
import type { FileOps, OpenFile } from '../vfs/file.js';
import { EFAULT, EINVAL, ENOTTY, ENXIO, EPIPE, hostErrno } from '../vfs/errno.js';
import { FIONREAD, S_IFCHR, S_IFMT, S_IFREG, SEEK_CUR, SEEK_END, SEEK_SET, TCGETS, TIOCGWINSZ } from '../vfs/constants.js';
import type { HostIo } from './host-io.js';

/** Largest single host read (a guest asking for more gets a short read, as from a terminal). */
const READ_CHUNK = 65536;
const SIGPIPE = 13;

// Termios bits for a terminal in its default ("stty sane") state (include/uapi/asm-generic/termbits.h).
const ICRNL = 0o400;
const IXON = 0o2000;
const IUTF8 = 0o40000;
const OPOST = 0o1;
const ONLCR = 0o4;
const B38400 = 0o17;
const CS8 = 0o60;
const CREAD = 0o200;
const ISIG = 0o1;
const ICANON = 0o2;
const ECHO = 0o10;
const ECHOE = 0o20;
const ECHOK = 0o40;
const ECHOCTL = 0o1000;
const ECHOKE = 0o4000;
const IEXTEN = 0o100000;
/** c_cc defaults (include/linux/tty.h INIT_C_CC): ^C ^\ ^? ^U ^D 0 1 0 ^Q ^S ^Z 0 ^R ^O ^W ^V 0. */
const INIT_C_CC = [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0];

/** struct termios as TCGETS returns it: 4 × u32 flags, c_line, c_cc[19] (36 bytes). */
export function defaultTermios(): Uint8Array {
  const out = new Uint8Array(36);
  const v = new DataView(out.buffer);
  v.setUint32(0, ICRNL | IXON | IUTF8, true);
  v.setUint32(4, OPOST | ONLCR, true);
  v.setUint32(8, B38400 | CS8 | CREAD, true);
  v.setUint32(12, ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN, true);
  out[16] = 0;
  out.set(INIT_C_CC, 17);
  return out;
}

export class ConsoleInode extends Inode {
  mode: number;

  constructor(
    readonly sb: SuperBlock,
    readonly ino: number,
    readonly hostFd: number,
    readonly io: HostIo,
  ) {
    super();
    this.mode = S_IFCHR | 0o620;
    this.rdev = 0x8800; // 136:0, /dev/pts/0
    const t = sb.now();
    this.atime = this.mtime = this.ctime = t;
  }

  get size(): number {
    return 0;
  }

  override getattr(): InodeAttrs {
    const base = super.getattr() as InodeAttrs;
    const host = this.io.fstat(this.hostFd);
    if (!host) return base;
    const isCharDev = (host.mode & S_IFMT) === S_IFCHR;
    const isReg = (host.mode & S_IFMT) === S_IFREG;
    return {
      ...base, mode: host.mode & 0o177777, rdev: isCharDev ? host.rdev : 0, blksize: isCharDev ? 1024 : 4096,
      size: isReg ? (host.size ?? 0) : 0, blocks: isReg ? Math.ceil((host.size ?? 0) / 4096) * 8 : 0,
    };
  }

  override open(file: OpenFile): number {
    // A host fd that is /dev/null behaves like it: writes never look at the buffer (so
    // write(1, NULL, 5) returns 5, as Linux gives there, not EFAULT).
    const host = this.io.fstat(this.hostFd);
    if (this.io.isDevNull?.(this.hostFd)) file.ops = consoleDevNullOps;
    else if (host && (host.mode & S_IFMT) === S_IFREG) {
      file.ops = consoleFileOps;
      file.offset = this.io.position?.(this.hostFd) ?? 0;
      file.priv = { console: this, positioned: false } satisfies ConsoleFileState;
    } else file.ops = consoleOps;
    return 0;
  }

  /** What /proc/PID/fd/N shows for it: what the host fd is connected to, as the host says. */
  procLinkName(): string {
    return this.io.linkName?.(this.hostFd) ?? (this.io.isatty(this.hostFd) ? '/dev/pts/0' : `host:[${this.hostFd}]`);
  }
}

/** The console behind a file: its inode, or (for /dev/tty) the host terminal kept in `priv`. */
const consoleOf = (file: OpenFile): ConsoleInode =>
  file.priv instanceof ConsoleInode ? file.priv : (file.inode as ConsoleInode);

/** A console over a host regular file: whether I/O has switched to explicit positions. */
interface ConsoleFileState {
  console: ConsoleInode;
  positioned: boolean;
}

export const consoleOps: FileOps = {
  seekable: false,

  read(file, len, _pos, sink) {
    if (len === 0) return 0;
    const con = consoleOf(file);
    const buf = new Uint8Array(Math.min(len, READ_CHUNK));
    let n: number;
    try {
      n = con.io.read(con.hostFd, buf);
    } catch (e) {
      return hostErrno(e);
    }
    if (n === 0) return 0;
    return storedOrFault(sink(buf.subarray(0, n)));
  },

  write(file, data, _pos, caller) {
    const con = consoleOf(file);
    let done = 0;
    try {
      while (done < data.length) done += con.io.write(con.hostFd, data.subarray(done));
    } catch (e) {
      if (done > 0) return done;
      const err = hostErrno(e);
      if (err === -EPIPE) caller.signal(SIGPIPE);
      return err;
    }
    return done;
  },

  ioctl(file, cmd, arg, caller) {
    const con = consoleOf(file);
    if (!con.io.isatty(con.hostFd)) return -ENOTTY;
    if (cmd === TCGETS) return caller.mem.write(arg, defaultTermios()) ? 0 : -EFAULT;
    if (cmd === TIOCGWINSZ) {
      const size = con.io.windowSize?.(con.hostFd) ?? { rows: 24, cols: 80 };
      const out = new Uint8Array(8);
      const v = new DataView(out.buffer);
      v.setUint16(0, size.rows, true);
      v.setUint16(2, size.cols, true);
      return caller.mem.write(arg, out) ? 0 : -EFAULT;
    }
    // TCSETS/TCSETSW/TCSETSF (0x5402–0x5404) and TIOCSWINSZ (0x5414): accepted, not applied
    // (the host terminal is never switched to raw mode by a guest).
    if (cmd === 0x5402 || cmd === 0x5403 || cmd === 0x5404 || cmd === 0x5414) return 0;
    return -ENOTTY;
  },
};

/** The console over a host /dev/null. */
export const consoleDevNullOps: FileOps = {
  ...consoleOps,
  discardsWrites: true,
  write: (_file, data) => data.length,
};

/** The console over a host regular file (see the header). */
export const consoleFileOps: FileOps = {
  seekable: true,
  read(file, len, pos, sink, caller) {
    const state = file.priv as ConsoleFileState;
    if (len === 0) return 0;
    const buf = new Uint8Array(Math.min(len, READ_CHUNK));
    let n: number;
    try {
      n = state.console.io.read(state.console.hostFd, buf, state.positioned || caller.positional ? pos : null);
    } catch (e) {
      return hostErrno(e);
    }
    if (n === 0) return 0;
    return storedOrFault(sink(buf.subarray(0, n)));
  },
  write(file, data, pos, caller) {
    const state = file.priv as ConsoleFileState;
    const at = state.positioned || caller.positional;
    let done = 0;
    try {
      while (done < data.length) done += state.console.io.write(state.console.hostFd, data.subarray(done), at ? pos + done : null);
    } catch (e) {
      return done > 0 ? done : hostErrno(e);
    }
    return done;
  },
  size(file) {
    const state = file.priv as ConsoleFileState;
    return state.console.io.fstat(state.console.hostFd)?.size ?? 0;
  },
  ioctl(file, cmd, arg, caller) {
    // A regular file answers FIONREAD with the bytes after the offset (file_ioctl); the rest
    // is ENOTTY, as for any file.
    if (cmd !== FIONREAD) return -ENOTTY;
    const state = file.priv as ConsoleFileState;
    const left = Math.max(0, (state.console.io.fstat(state.console.hostFd)?.size ?? 0) - file.offset);
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, Math.min(left, 0x7fffffff), true);
    return caller.mem.write(arg, out) ? 0 : -EFAULT;
  },
  llseek(file, offset, whence) {
    const state = file.priv as ConsoleFileState;
    let target: number;
    if (whence === SEEK_SET) target = offset;
    else if (whence === SEEK_CUR) target = file.offset + offset;
    else if (whence === SEEK_END) target = (state.console.io.fstat(state.console.hostFd)?.size ?? 0) + offset;
    else if (whence === 3 || whence === 4) {
      // SEEK_DATA / SEEK_HOLE: no holes are known; data runs to the end.
      const size = state.console.io.fstat(state.console.hostFd)?.size ?? 0;
      if (offset < 0 || offset >= size) return -ENXIO;
      target = whence === 3 ? offset : size;
    } else return -EINVAL;
    if (!Number.isSafeInteger(target) || target < 0) return -EINVAL;
    if (target !== file.offset) state.positioned = true;
    file.offset = target;
    return target;
  },
};
