// eventfd (fs/eventfd.c, eventfd(2)): a 64-bit counter behind a file descriptor. write(2) adds
// an 8-byte value to it; read(2) returns the whole count and zeroes it, or with EFD_SEMAPHORE
// returns 1 and subtracts 1. A read of a zero counter blocks (EAGAIN with EFD_NONBLOCK); a write
// that would take the counter past 0xfffffffffffffffe blocks (EAGAIN) until a read makes room;
// writing 0xffffffffffffffff itself is EINVAL. Buffers shorter than 8 bytes are EINVAL.
// poll (eventfd_poll: EPOLLIN / EPOLLOUT only, no RDNORM/WRNORM): readable while the counter is
// > 0, writable while it is below 0xfffffffffffffffe, EPOLLERR when it is 0xffffffffffffffff (only eventfd_signal's overflow can get it there).

import { blocked, type Blocked } from '../syscalls/types.js';
import { POLLERR, POLLIN, POLLOUT, type FileOps, type OpenFile, type PollState } from '../vfs/file.js';
import { EAGAIN, EFAULT, EINVAL } from '../vfs/errno.js';
import { O_NONBLOCK } from '../vfs/constants.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';

/** eventfd2 flags (include/linux/eventfd.h): EFD_SEMAPHORE, and EFD_CLOEXEC / EFD_NONBLOCK,
 *  which are O_CLOEXEC / O_NONBLOCK (the same on x86-64, i386 and arm64). */
export const EFD_SEMAPHORE = 1;
export const EFD_CLOEXEC = 0o2000000;
export const EFD_NONBLOCK = 0o4000;
export const EFD_FLAGS_SET = EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK;

const ULLONG_MAX = 0xffff_ffff_ffff_ffffn;

export class EventCounter {
  count: bigint;
  readonly wait = new SimpleWaitQueue();

  constructor(
    initval: number,
    readonly semaphore: boolean,
  ) {
    this.count = BigInt(initval >>> 0);
  }
}

const counterOf = (file: OpenFile): EventCounter => file.priv as EventCounter;

function u64Bytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

export const eventfdOps: FileOps = {
  seekable: false,
  /** noop_llseek (fs/read_write.c): lseek succeeds and returns the position, which stays 0;
   *  pread/pwrite are still ESPIPE. */
  llseek: (file) => file.offset,

  read(file, len, _pos, sink): number | Blocked {
    const ctr = counterOf(file);
    if (len < 8) return -EINVAL;
    if (ctr.count === 0n) {
      if (file.flags & O_NONBLOCK) return -EAGAIN;
      return blocked(ctr.wait);
    }
    // eventfd_read takes the value before copy_to_iter: a fault still consumes it.
    const value = ctr.semaphore ? 1n : ctr.count;
    ctr.count -= value;
    ctr.wait.wakeAll(POLLOUT);
    return sink(u64Bytes(value)) === 8 ? 8 : -EFAULT;
  },

  write(file, data): number | Blocked {
    const ctr = counterOf(file);
    if (data.length < 8) return -EINVAL;
    const value = new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true);
    if (value === ULLONG_MAX) return -EINVAL;
    if (ULLONG_MAX - ctr.count <= value) {
      if (file.flags & O_NONBLOCK) return -EAGAIN;
      return blocked(ctr.wait);
    }
    ctr.count += value;
    ctr.wait.wakeAll(POLLIN);
    return 8;
  },

  poll(file): PollState {
    const ctr = counterOf(file);
    let mask = 0;
    if (ctr.count > 0n) mask |= POLLIN;
    if (ctr.count === ULLONG_MAX) mask |= POLLERR;
    if (ULLONG_MAX - 1n > ctr.count) mask |= POLLOUT;
    return { mask, queues: [ctr.wait] };
  },
};
