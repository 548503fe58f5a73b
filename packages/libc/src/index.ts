// @vsys/libc: the user-space C library, written in assembly per architecture (src/<arch>/*.s),
// assembled by vasm into crt0.o and libc.a. See README.md in this folder.
export { assembleLibc, build, libcArtifacts, libcSourceFiles, prebuiltLibcPaths } from './build.js';
export type { LibcArch, LibcArtifacts } from './build.js';
export { LibcBuildError } from './errors.js';
