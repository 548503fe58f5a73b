// @vsys/loader — execve for static ELF64 images: validates the image, maps PT_LOAD segments
// with their permissions, sets the break, builds the initial stack (argc, argv, envp, auxv in
// Linux's order) and optionally maps a vDSO. Returns the arch-neutral start state
// `{entry, sp}`; every other register starts at zero (facts §6.2).
//
//   import { loadImage } from '@vsys/loader';
//   const kernel = new Kernel({ loadImage });            // kernel.spawn(bytes, argv, envp)
//   // or directly: loadImage(kernel, process, bytes, argv, envp, execfn, { vdso })
//
// Bad images throw LoaderError (kind: not-elf, wrong-class, wrong-machine, wrong-type,
// truncated, no-load, bad-segment, interpreter, no-memory); vrun prints its message and
// exits 126.

export { loadImage, type LoadOptions, type LoadResult } from './load-image.js';
export { LoaderError, type LoaderErrorKind } from './errors.js';
export { buildInitialStack, type StackImage, type StackInput } from './stack/initial-stack.js';
export { AT, archAuxDefaults, RSEQ_ALIGN, RSEQ_FEATURE_SIZE, type ArchAuxInfo, type AuxEntry } from './stack/auxv.js';
