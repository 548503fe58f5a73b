// Public types of the static linker: what goes in (objects and archives), the options, and
// what comes out (the image bytes, an optional map, and diagnostics in ld's wording).

import type { ArchiveFile, ObjectFile } from '@vsys/elf';

export type LinkInput =
  | { kind: 'object'; /** shown in diagnostics and the map, e.g. 'hello.o' */ name: string; object: ObjectFile }
  | { kind: 'archive'; name: string; archive: ArchiveFile };

export interface SharedOptions {
  /** DT_SONAME, e.g. 'linux-vdso.so.1'. */
  soname: string;
  /** Version definitions (.gnu.version_d) and the global symbols each one exports; every other
   *  symbol becomes local, as with a version script `{ global: …; local: *; }`. */
  versions: Array<{ name: string; symbols: string[] }>;
}

export interface LinkOptions {
  /** Entry symbol (default '_start'), or an address as '0x…' (like ld -e). A missing entry
   *  symbol is a warning, as in ld. */
  entry?: string;
  /** First load address (default 0x400000 on both architectures, as GNU ld; ET_DYN: 0). */
  base?: bigint;
  /** Produce `LinkResult.map` (ld -Map style text). The linker never writes files: the
   *  caller writes the map where it wants (a string value is only used as the map's title). */
  mapFile?: boolean | string;
  /** Leave .symtab out of the image (default: kept). */
  strip?: boolean;
  /** Build an ET_DYN shared object (the vDSO) instead of an ET_EXEC. */
  shared?: SharedOptions;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
}

export interface LinkResult {
  /** The ELF image, or undefined when there were errors. */
  image: Uint8Array | undefined;
  /** The map text when options.mapFile was set. */
  map: string | undefined;
  diagnostics: Diagnostic[];
}
