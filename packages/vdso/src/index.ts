// @vsys/vdso: the vDSO per architecture (src/<arch>/vdso.s), assembled and linked by vasm into
// an ELF shared object with versioned dynamic symbols. See README.md in this folder.
export { build, buildVdsoImage, prebuiltVdsoPath, vdsoExports, vdsoImage, vdsoSourcePath } from './build.js';
export type { VdsoArch } from './build.js';
export { VdsoBuildError } from './errors.js';
