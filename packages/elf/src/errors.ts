// The one error type this package throws. Every malformed-input path ends here with a message
// that names the ELF field at fault, so callers (vasm inspect, the loader) can print one line
// instead of a stack trace. Host exceptions such as RangeError never escape the readers.

export class ElfError extends Error {
  /** The ELF (or ar) field the problem was found in, e.g. 'e_shoff', 'sh_name', 'ar_size'. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ElfError';
    this.field = field;
  }
}

/** `0x…` formatting used in all messages. */
export function hex(value: number | bigint): string {
  const v = BigInt(value);
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}
