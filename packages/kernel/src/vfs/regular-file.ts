// File operations for regular files whose bytes the kernel holds (tmpfs): read and write at a
// position. The syscall layer owns the offset (it passes `pos` and advances it by the result),
// so pread/pwrite and O_APPEND need nothing special here.

import { storedOrFault } from './file.js';
import type { FileOps, OpenFile } from './file.js';
import { EINVAL, type Err } from './errno.js';

/** What an inode must offer to use `regularFileOps`. */
export interface RandomAccess {
  readAt(pos: number, len: number): Uint8Array | Err;
  writeAt(pos: number, bytes: Uint8Array): number;
}

const bytesOf = (file: OpenFile): RandomAccess => file.inode as unknown as RandomAccess;

export const regularFileOps: FileOps = {
  seekable: true,
  read(file, len, pos, sink) {
    const data = bytesOf(file).readAt(pos, len);
    if (typeof data === 'number') return data;
    if (data.length === 0) return 0;
    return storedOrFault(sink(data));
  },
  write(file, data, pos) {
    if (pos < 0) return -EINVAL;
    return bytesOf(file).writeAt(pos, data);
  },
};
