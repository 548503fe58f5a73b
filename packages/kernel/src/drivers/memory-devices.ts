// The memory character devices of drivers/char/mem.c and random.c:
//   /dev/null (1:3)    reads give EOF, writes succeed without looking at the buffer (so a bad
//                      pointer is not EFAULT — facts §7.2 #2), lseek always lands at 0;
//   /dev/zero (1:5)    reads give zero bytes, writes are discarded;
//   /dev/full (1:7)    reads give zeros, writes fail with ENOSPC;
//   /dev/random (1:8), /dev/urandom (1:9)  reads give random bytes (host CSPRNG), writes are
//                      accepted (they only add entropy on Linux).
// One read returns at most CHUNK bytes; Linux would fill an arbitrarily large buffer.

import { storedOrFault } from '../vfs/file.js';
import { randomFillSync } from 'node:crypto';
import type { CharDevice } from '../vfs/devices.js';
import type { FileOps } from '../vfs/file.js';
import { ENOSPC } from '../vfs/errno.js';
import { encodeDev } from '../vfs/vfs.js';

const CHUNK = 1 << 20;

export const DEV_NULL = encodeDev(1, 3);
export const DEV_ZERO = encodeDev(1, 5);
export const DEV_FULL = encodeDev(1, 7);
export const DEV_RANDOM = encodeDev(1, 8);
export const DEV_URANDOM = encodeDev(1, 9);

const nullOps: FileOps = {
  seekable: true,
  discardsWrites: true,
  read: () => 0,
  write: (_file, data) => data.length,
  llseek: (file) => {
    file.offset = 0;
    return 0;
  },
};

function filler(fill: (buf: Uint8Array) => void, writeResult: (n: number) => number): FileOps {
  return {
    seekable: true,
    discardsWrites: true,
    read(_file, len, _pos, sink) {
      if (len === 0) return 0;
      const buf = new Uint8Array(Math.min(len, CHUNK));
      fill(buf);
      return storedOrFault(sink(buf));
    },
    write: (_file, data) => writeResult(data.length),
    llseek: (file) => {
      file.offset = 0;
      return 0;
    },
  };
}

const zeroOps = filler(() => {}, (n) => n);
const fullOps = filler(() => {}, () => -ENOSPC);
const randomOps: FileOps = { ...filler((b) => randomFillSync(b), (n) => n), discardsWrites: false };

const device = (ops: FileOps): CharDevice => ({
  open(file) {
    file.ops = ops;
    return 0;
  },
});

export const nullDevice = device(nullOps);
export const zeroDevice = device(zeroOps);
export const fullDevice = device(fullOps);
export const randomDevice = device(randomOps);
