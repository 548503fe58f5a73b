// Why an image cannot be loaded. The CLI prints `vrun: IMAGE: <message>` and exits 126 for
// every kind (as a shell does for a file it cannot execute). `errno` is what execve(2) would
// return for the same file: ENOEXEC for a malformed or foreign image, EINVAL for a wrong
// machine on Linux's binfmt_elf too (it returns -ENOEXEC; we keep ENOEXEC), ENOMEM when memory
// ran out while mapping.

export type LoaderErrorKind = 'not-elf' | 'wrong-class' | 'wrong-machine' | 'wrong-type' | 'truncated' | 'no-load' | 'bad-segment' | 'interpreter' | 'no-memory';

export class LoaderError extends Error {
  readonly errno: number;
  constructor(
    readonly kind: LoaderErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LoaderError';
    this.errno = kind === 'no-memory' ? 12 : 8; // ENOMEM / ENOEXEC
  }
}
