// The VFS's public surface, re-exported by the package index: the kernel file system
// (fs/kernel-fs.ts, exported there directly), the VFS objects a tool may want to inspect or
// extend (mounts, fd tables, open files, inodes, character devices), the host I/O the console
// uses, and the file syscall declarations.

export { Vfs, encodeDev, type MountOptions } from './vfs.js';
export { Dentry, Mount, type Path } from './dentry.js';
export { FdTable } from './fd-table.js';
export { FsContext } from './fs-context.js';
export { OpenFile, type FileOps, type IoCaller, type ReadSink } from './file.js';
export { Inode, type AttrChange, type Creds, type DirEntry, type InodeAttrs, type SuperBlock, type Timespec } from './inode.js';
export { DeviceRegistry, type CharDevice } from './devices.js';
export { SimpleWaitQueue } from './wait-queue.js';
export { encodeStat, encodeStatx, statSize } from './stat-layout.js';
export { nodeHostIo, type HostIo } from '../drivers/host-io.js';
export { PIPE_BUF, PIPE_CAPACITY } from '../pipe/pipe.js';
export { syscalls as fsSyscalls } from '../syscalls/decl/fs.js';
