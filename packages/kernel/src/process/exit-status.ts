// How a process ended, and the encodings other parts need: the wait(2) status word
// (include/uapi/linux/wait.h via glibc's W* macros: exit code << 8; signal number, | 0x80 when
// a core was dumped) and vrun's shell-style exit status (128 + N after signal N, as bash does).

export type ExitStatus =
  | { kind: 'exited'; code: number }
  | { kind: 'signaled'; signal: number; core: boolean };

export function waitStatusWord(status: ExitStatus): number {
  return status.kind === 'exited' ? (status.code & 0xff) << 8 : (status.signal & 0x7f) | (status.core ? 0x80 : 0);
}

export function shellExitStatus(status: ExitStatus): number {
  return status.kind === 'exited' ? status.code & 0xff : 128 + status.signal;
}
