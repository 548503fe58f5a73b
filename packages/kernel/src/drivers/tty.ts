// /dev/tty (5:0): the caller's controlling terminal (tty(4)). vsys uses the host's: opening it
// opens the host's /dev/tty, and without one (a detached host process) it fails with ENXIO, as
// Linux does for a process without a controlling terminal.

import * as fs from 'node:fs';
import type { CharDevice } from '../vfs/devices.js';
import { ENXIO } from '../vfs/errno.js';
import { encodeDev } from '../vfs/vfs.js';
import { consoleOps, ConsoleInode } from './console.js';
import type { HostIo } from './host-io.js';
import type { FileOps, OpenFile } from '../vfs/file.js';

export const DEV_TTY = encodeDev(5, 0);

/** A tty device that opens `hostPath` (default /dev/tty) on the host for each guest open. */
export function ttyDevice(io: HostIo, hostPath = '/dev/tty', open: (p: string) => number = (p) => fs.openSync(p, 'r+')): CharDevice {
  return {
    open(file: OpenFile) {
      let hostFd: number;
      try {
        hostFd = open(hostPath);
      } catch {
        return -ENXIO;
      }
      file.priv = new ConsoleInode(file.inode.sb, file.inode.ino, hostFd, io);
      const ops: FileOps = {
        ...consoleOps,
        release: () => {
          try {
            fs.closeSync(hostFd);
          } catch {
            /* already closed */
          }
        },
      };
      file.ops = ops;
      return 0;
    },
  };
}
