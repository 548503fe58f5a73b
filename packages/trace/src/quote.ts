// Strings as strace prints them (strace(1) -s, -x; strace's string_quote): inside double
// quotes, printable ASCII as itself with `"` and `\` escaped, \t \n \v \f \r by name, every
// other byte in octal — the shortest form, or three digits when the next byte is an octal
// digit, so `\1` then "7" reads back as two bytes. At most `limit` bytes are shown; when the
// buffer held more, `...` follows the closing quote. -x prints non-ASCII strings in \xNN;
// -xx every byte.

export type HexMode = 0 | 1 | 2;

const NAMED: Record<number, string> = { 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

function isPrintable(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/** `"…"` for `bytes` (already cut to what was read), with `...` when `truncated`. */
export function quoteBytes(bytes: Uint8Array, truncated: boolean, hex: HexMode = 0): string {
  let useHex = hex === 2;
  if (hex === 1) for (const c of bytes) if (!isPrintable(c) && NAMED[c] === undefined) useHex = true;
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (useHex) {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
      continue;
    }
    const named = NAMED[c];
    if (named !== undefined) out += named;
    else if (isPrintable(c)) out += String.fromCharCode(c);
    else {
      const next = bytes[i + 1];
      const fullWidth = next !== undefined && next >= 0x30 && next <= 0x37;
      out += '\\' + (fullWidth ? c.toString(8).padStart(3, '0') : c.toString(8));
    }
  }
  return out + '"' + (truncated ? '...' : '');
}

/** All of `bytes` in \xNN form (getrandom's buffer, which strace always shows in hex). */
export function hexBytes(bytes: Uint8Array, truncated: boolean): string {
  return quoteBytes(bytes, truncated, 2);
}
