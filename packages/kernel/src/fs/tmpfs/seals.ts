// File seals (memfd_create(2) "File sealing", fcntl(2) F_ADD_SEALS; include/uapi/linux/fcntl.h,
// mm/memfd.c). Every tmpfs file carries a seal set; shmem_get_inode starts it at F_SEAL_SEAL (no
// seal may be added), and only memfd_create with MFD_ALLOW_SEALING (or MFD_NOEXEC_SEAL) clears
// that. The seals are enforced where the file changes: write and truncate (fs/tmpfs/tmpfs.ts),
// chmod of the exec bits, and writable shared mappings (mm mmap).

export const F_SEAL_SEAL = 0x1;
export const F_SEAL_SHRINK = 0x2;
export const F_SEAL_GROW = 0x4;
export const F_SEAL_WRITE = 0x8;
export const F_SEAL_FUTURE_WRITE = 0x10;
export const F_SEAL_EXEC = 0x20;
/** F_ALL_SEALS in mm/memfd.c: anything else in F_ADD_SEALS's argument is EINVAL. */
export const F_ALL_SEALS = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC;

/** What a sealable inode offers fcntl. */
export interface Sealable {
  seals: number;
}

export function isSealable(inode: object): inode is Sealable {
  return typeof (inode as Partial<Sealable>).seals === 'number';
}
