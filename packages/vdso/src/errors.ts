// VdsoBuildError: the vDSO sources did not assemble or link (the first vasm or linker message).
export class VdsoBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VdsoBuildError';
  }
}
