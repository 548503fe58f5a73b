// @vsys/link: the static linker. `link(inputs, options)` turns relocatable objects and ar
// archives into an ELF executable (x86-64 or AArch64). See README.md in this folder.
export { link } from './link.js';
export { readLinkInput } from './inputs/read-input.js';
export type { LinkInput, LinkOptions, LinkResult, Diagnostic, SharedOptions } from './types.js';
