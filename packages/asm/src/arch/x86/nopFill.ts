// Code-alignment padding for x86-64 exactly as GNU as 2.40 writes it for `.align`/`.p2align`
// in an executable section with the default tuning (gas/config/tc-i386.c i386_generate_nops,
// verified against `as` byte for byte): the longest NOP is the 11-byte
// `66 66 2e 0f 1f 84 00 00 00 00 00` (nopw %cs:0(%rax,%rax,1) with two 66 prefixes); padding is
// as many of those as fit, then one shorter NOP for the rest. When more than 7 full NOPs would
// be needed, GNU as jumps over the padding instead: `eb rel8` (or `e9 rel32` past 129 bytes),
// followed by NOPs for the rest. Intel SDM Vol. 2B "NOP" lists the recommended multi-byte forms.

const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];
const LONGEST = 11;
const MAX_NOPS_BEFORE_JUMP = 7;

function fillNops(out: Uint8Array, at: number, count: number): void {
  while (count > 0) {
    const n = Math.min(LONGEST, count);
    out.set(NOPS[n]!, at);
    at += n;
    count -= n;
  }
}

export function x86CodeFill(size: number): Uint8Array {
  const out = new Uint8Array(size);
  if (Math.floor(size / LONGEST) > MAX_NOPS_BEFORE_JUMP) {
    if (size - 2 <= 127) {
      out[0] = 0xeb;
      out[1] = size - 2;
      fillNops(out, 2, size - 2);
    } else {
      const disp = size - 5;
      out[0] = 0xe9;
      out[1] = disp & 0xff;
      out[2] = (disp >>> 8) & 0xff;
      out[3] = (disp >>> 16) & 0xff;
      out[4] = (disp >>> 24) & 0xff;
      fillNops(out, 5, disp);
    }
    return out;
  }
  fillNops(out, 0, size);
  return out;
}
