// What a conformance case expects, as recorded on real Linux by /work/shared/conformance/record:
// `NAME.expect.json` holds `exit` (a status) or `signal` (the name of the killing signal),
// `stdout` (UTF-8 text) or `stdout_hex`, and for x86_64 the normalized `strace` lines.
// parseExpectation() checks the shape so that a malformed file is a clear error, not a crash.

import { SIGNAL_NUMBERS } from './signals.js';

export interface Expectation {
  arch: string;
  /** Exit status, when the program exited. */
  exit?: number;
  /** Signal name (SIGSEGV …), when a signal killed it. */
  signal?: string;
  /** The bytes the program wrote to stdout. */
  stdout: Uint8Array;
  /** strace lines, normalized by the corpus's normalize_strace.py (x86_64 only). */
  strace?: string[];
}

export class CaseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFormatError';
  }
}

/** The status a shell reports for the expectation: the exit status, or 128 + signal number. */
export function expectedStatus(e: Expectation): number {
  if (e.signal !== undefined) return 128 + SIGNAL_NUMBERS[e.signal]!;
  return e.exit!;
}

export function parseExpectation(text: string, file: string): Expectation {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CaseFormatError(`${file}: not JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new CaseFormatError(`${file}: not an object`);
  const o = raw as Record<string, unknown>;
  const arch = typeof o.arch === 'string' ? o.arch : '';
  const hasExit = typeof o.exit === 'number' && Number.isInteger(o.exit);
  const hasSignal = typeof o.signal === 'string';
  if (hasExit === hasSignal) throw new CaseFormatError(`${file}: needs exactly one of "exit" or "signal"`);
  if (hasSignal && SIGNAL_NUMBERS[o.signal as string] === undefined) {
    throw new CaseFormatError(`${file}: unknown signal ${String(o.signal)}`);
  }
  let stdout: Uint8Array;
  if (typeof o.stdout === 'string') stdout = new TextEncoder().encode(o.stdout);
  else if (typeof o.stdout_hex === 'string' && /^([0-9a-fA-F]{2})*$/.test(o.stdout_hex)) {
    stdout = Uint8Array.from(Buffer.from(o.stdout_hex, 'hex'));
  } else throw new CaseFormatError(`${file}: needs "stdout" (text) or "stdout_hex"`);
  let strace: string[] | undefined;
  if (o.strace !== undefined) {
    if (!Array.isArray(o.strace) || !o.strace.every((l) => typeof l === 'string')) {
      throw new CaseFormatError(`${file}: "strace" must be a list of lines`);
    }
    strace = o.strace as string[];
  }
  return {
    arch,
    ...(hasExit ? { exit: o.exit as number } : { signal: o.signal as string }),
    stdout,
    ...(strace ? { strace } : {}),
  };
}
