// devtmpfs for /dev: a tmpfs instance holding the device nodes a guest expects — null, zero,
// full, random, urandom, tty — with the modes and numbers Linux's devtmpfs gives them
// (drivers/char/mem.c devlist: 0666), the fd/stdin/stdout/stderr symlinks into /proc/self that
// udev creates, and /dev/shm (1777).

import { TmpfsSuperBlock, type TmpDir } from '../tmpfs/tmpfs.js';
import type { DeviceRegistry } from '../../vfs/devices.js';
import type { Timespec } from '../../vfs/inode.js';
import { S_IFCHR } from '../../vfs/constants.js';
import { DEV_FULL, DEV_NULL, DEV_RANDOM, DEV_URANDOM, DEV_ZERO } from '../../drivers/memory-devices.js';
import { DEV_TTY } from '../../drivers/tty.js';

const root = { uid: 0, gid: 0 };

export function createDevfs(dev: number, now: () => Timespec, devices: DeviceRegistry): { sb: TmpfsSuperBlock; root: TmpDir } {
  const sb = new TmpfsSuperBlock(dev, now, devices, 'devtmpfs');
  const dir = sb.makeRoot(0o755);
  const nodes: [string, number, number][] = [
    ['null', DEV_NULL, 0o666],
    ['zero', DEV_ZERO, 0o666],
    ['full', DEV_FULL, 0o666],
    ['random', DEV_RANDOM, 0o666],
    ['urandom', DEV_URANDOM, 0o666],
    ['tty', DEV_TTY, 0o666],
  ];
  for (const [name, rdev, mode] of nodes) dir.mknod(name, S_IFCHR | mode, rdev, root);
  dir.symlink('fd', '/proc/self/fd', root);
  dir.symlink('stdin', '/proc/self/fd/0', root);
  dir.symlink('stdout', '/proc/self/fd/1', root);
  dir.symlink('stderr', '/proc/self/fd/2', root);
  dir.mkdir('shm', 0o1777, root);
  return { sb, root: dir };
}
