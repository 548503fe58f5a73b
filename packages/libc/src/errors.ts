// LibcBuildError: the libc sources did not assemble (a vasm diagnostic), or a prebuilt artifact
// is unreadable. Carries the first diagnostic in `file:line:col: message` form.
export class LibcBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibcBuildError';
  }
}
