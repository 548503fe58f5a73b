// An object taking part in the link: either named on the command line or pulled out of an
// archive (then its name reads like ld's `libc.a(write.o)`).

import type { ObjectFile } from '@vsys/elf';

export interface LoadedObject {
  /** 'a.o' or 'libc.a(write.o)'. */
  name: string;
  object: ObjectFile;
  /** Position in link order. */
  index: number;
}
