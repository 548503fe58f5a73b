// @vsys/elf: ELF32/ELF64 little-endian constants, a validating reader, writers for
// relocatable objects (ET_REL) and images (ET_EXEC / ET_DYN), and GNU `ar` archives.
// See README.md in this folder.
export * from './constants.js';
export { ElfError, hex } from './errors.js';
export type * from './model.js';
export type * from './reader/types.js';
export { readElf, parseNotes } from './reader/read-elf.js';
export { readObject, objectFromElf } from './reader/read-object.js';
export { writeRelocatable, sectionSymbol } from './writer/write-relocatable.js';
export { ByteWriter, StringTable } from './bytes/byte-writer.js';
export type * from './archive/types.js';
export { readArchive, isArchive } from './archive/read-archive.js';
export { writeArchive, archiveSymbolsOf } from './archive/write-archive.js';
export type { ImageSpec, ImageSegment, ImageSection, ImageSymbol } from './writer/write-image.js';
export { writeImage, imageHeadersSize } from './writer/write-image.js';
