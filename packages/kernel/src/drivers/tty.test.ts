// /dev/tty opens the host's controlling terminal for each guest open, and is ENXIO without one.
import { describe, expect, it } from 'vitest';
import { ttyDevice } from './tty.js';
import { OpenFile } from '../vfs/file.js';
import { ConsoleInode } from './console.js';
import type { HostIo } from './host-io.js';
import { Dentry, Mount } from '../vfs/dentry.js';

function fakeIo(): HostIo & { writes: [number, string][] } {
  const writes: [number, string][] = [];
  return {
    writes,
    read: () => 0,
    write: (fd, data) => {
      writes.push([fd, Buffer.from(data).toString()]);
      return data.length;
    },
    isatty: () => true,
    fstat: () => ({ mode: 0o020620, rdev: 0x8800 }),
  };
}

function fileFor(io: HostIo): OpenFile {
  const sb = { fsType: 'devtmpfs', dev: 5, readOnly: false, now: () => ({ sec: 0, nsec: 0 }) };
  const inode = new ConsoleInode(sb, 9, -1, io);
  const mnt = new Mount(sb, new Dentry('/', null, inode), null, null, false, 'dev');
  return new OpenFile({ mnt, dentry: mnt.root }, inode, 2, { seekable: false });
}

describe('/dev/tty', () => {
  it('opens the host terminal and writes to it; each open gets its own host fd, closed on release', () => {
    const io = fakeIo();
    const opened: string[] = [];
    const dev = ttyDevice(io, '/dev/tty', (p) => {
      opened.push(p);
      return 77;
    });
    const file = fileFor(io);
    expect(dev.open(file)).toBe(0);
    expect(opened).toEqual(['/dev/tty']);
    const caller = { mem: { read: () => null, write: () => true, readCString: () => null }, signal() {} };
    expect(file.ops.write!(file, Buffer.from('to the terminal'), 0, caller)).toBe(15);
    expect(io.writes).toEqual([[77, 'to the terminal']]);
    expect(file.ops.seekable).toBe(false);
  });

  it('is ENXIO when the host has no controlling terminal', () => {
    const io = fakeIo();
    const dev = ttyDevice(io, '/dev/tty', () => {
      throw Object.assign(new Error('no tty'), { code: 'ENXIO' });
    });
    expect(dev.open(fileFor(io))).toBe(-6);
  });
});
