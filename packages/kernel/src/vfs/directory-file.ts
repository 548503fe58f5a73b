// File operations of an open directory: it has a position (the getdents cursor, which lseek
// may rewind) but no bytes: read(2) on it is EISDIR (read(2) ERRORS), as is write.

import type { FileOps } from './file.js';
import { EISDIR } from './errno.js';

export const directoryOps: FileOps = {
  seekable: true,
  read: () => -EISDIR,
  write: () => -EISDIR,
};
