// Numbers, character constants and strings as GNU as reads them (as.info §3.6 "Constants"):
// `0x`/`0X` hex, `0b`/`0B` binary, a leading `0` octal, else decimal; `'c` characters; "…"
// strings with the escapes \b \f \n \r \t \" \\ \ooo (octal) and \xhh… (hex, low 8 bits kept).

/** Value of a Number token; null when it is malformed (e.g. `09`, not octal). */
export function parseNumber(image: string): bigint | null {
  const c1 = image.charCodeAt(1);
  if (image.length > 1 && image.charCodeAt(0) === 48 /* 0 */) {
    if (c1 === 120 || c1 === 88) return BigInt(image); // 0x
    if (c1 === 98 || c1 === 66) return BigInt(image); // 0b
    if (!/^[0-7]+$/.test(image)) return null;
    return BigInt('0o' + image.slice(1));
  }
  // Small decimal numbers are the common case: avoid BigInt parsing of a string.
  if (image.length < 15) return BigInt(+image);
  return BigInt(image);
}

/** Decode one escape starting after the backslash at `s[i]`. Returns [byte value, next index]. */
function decodeEscape(s: string, i: number): [number, number] {
  const c = s[i];
  switch (c) {
    case 'b': return [8, i + 1];
    case 'f': return [12, i + 1];
    case 'n': return [10, i + 1];
    case 'r': return [13, i + 1];
    case 't': return [9, i + 1];
    case 'v': return [11, i + 1];
    case 'a': return [7, i + 1];
    case 'e': return [27, i + 1];
    case 'x': case 'X': {
      let j = i + 1;
      let v = 0;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) { v = (v * 16 + parseInt(s[j]!, 16)) & 0xff; j++; }
      return [v, j];
    }
    default:
      if (c !== undefined && c >= '0' && c <= '7') {
        let j = i;
        let v = 0;
        while (j < s.length && j < i + 3 && s[j]! >= '0' && s[j]! <= '7') { v = v * 8 + (s.charCodeAt(j) - 48); j++; }
        return [v & 0xff, j];
      }
      return [c === undefined ? 92 : c.charCodeAt(0) & 0xff, i + 1];
  }
}

/** Value of a Char token (`'a`, `'\n`, `'a'`). */
export function parseChar(image: string): bigint {
  const body = image.slice(1);
  if (body[0] === '\\') return BigInt(decodeEscape(body, 1)[0]);
  return BigInt(body.codePointAt(0) ?? 0);
}

const utf8 = new TextEncoder();

/** The bytes of a String token (quotes included in `image`). Non-ASCII characters are UTF-8. */
export function parseString(image: string): Uint8Array {
  const s = image.slice(1, -1);
  if (!s.includes('\\')) return utf8.encode(s);
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '\\') {
      const [v, next] = decodeEscape(s, i + 1);
      out.push(v);
      i = next;
    } else {
      const code = s.codePointAt(i)!;
      if (code < 0x80) { out.push(code); i++; }
      else { const b = utf8.encode(String.fromCodePoint(code)); out.push(...b); i += code > 0xffff ? 2 : 1; }
    }
  }
  return Uint8Array.from(out);
}
