// Data directives: `.byte .short .long .quad` (and their aliases), `.octa`, `.ascii .asciz
// .string`, `.skip .space .zero`, `.fill`, `.uleb128 .sleb128` (as.info §7). Values known when
// the line is read are written at once; others leave a fixup that layout resolves or turns into
// a relocation (R_X86_64_64 for `.quad sym`, PC32 for `.long sym - .`, …).
import type { IToken } from 'chevrotain';
import type { Assembler } from '../assembler.js';
import { splitOperands } from '../assembler.js';
import * as T from '../lexer/tokens.js';
import { parseNumber, parseString } from '../parser/literals.js';
import { appendVariable, epochPosition } from '../sections/section.js';
import { UNKNOWN_YET } from '../expr/evaluate.js';
import type { Expr } from '../expr/ast.js';
import type { DirectiveHandler } from './directives.js';

/** Write `value` little-endian into `out[at..at+size)`. */
export function writeLE(out: Uint8Array, at: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let k = 0; k < size; k++) {
    out[at + k] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Does `value` fit in `size` bytes as either a signed or an unsigned number? */
export function fitsEither(value: bigint, size: number): boolean {
  const bits = BigInt(size * 8);
  return value >= -(1n << (bits - 1n)) && value < 1n << bits;
}

export function dataDirective(size: 1 | 2 | 4 | 8): DirectiveHandler {
  return (asm, head, rest) => {
    if (rest.length === 0) return; // `.long` alone emits nothing (as GNU as)
    for (const item of splitOperands(rest)) {
      if (item.length === 0) {
        asm.error(asm.locOf(head), `missing value in ${head.image}`);
        continue;
      }
      const e = asm.parseExpr(item);
      if (!e) continue;
      const r = asm.evalNow(e);
      const bytes = new Uint8Array(size);
      if (r.ok && r.value.terms.length === 0) {
        const v = r.value.constant;
        if (size < 8 && !fitsEither(v, size)) {
          asm.warning(e.loc, `value 0x${BigInt.asUintN(64, v).toString(16)} truncated to 0x${BigInt.asUintN(size * 8, v).toString(16)}`);
        }
        writeLE(bytes, 0, size, v);
        asm.emit(bytes, []);
        continue;
      }
      if (!r.ok && r.message !== UNKNOWN_YET) {
        asm.error(r.loc, r.message);
        continue;
      }
      asm.emit(bytes, [{
        offset: 0, size, expr: e, pcRelative: false, kind: asm.backend.dataFixupKind(size, false),
        signedness: 'either', loc: asm.locOfTokens(item),
      }]);
    }
  };
}

/** `.octa` — 16-byte integers (constants only). */
export const octaDirective: DirectiveHandler = (asm, head, rest) => {
  for (const item of splitOperands(rest)) {
    let neg = false;
    let toks = item;
    if (toks.length === 2 && toks[0]!.tokenType === T.Minus) {
      neg = true;
      toks = toks.slice(1);
    }
    let v: bigint | null = null;
    if (toks.length === 1 && toks[0]!.tokenType === T.NumberLit) v = parseNumber(toks[0]!.image);
    else if (toks.length > 0) {
      const e = asm.parseExpr(toks);
      v = e ? asm.absoluteNow(e, '.octa value') : null;
      if (v === null) continue;
    }
    if (v === null) {
      asm.error(item[0] ? asm.locOfTokens(item) : asm.locOf(head), 'bad .octa value');
      continue;
    }
    const bytes = new Uint8Array(16);
    writeLE(bytes, 0, 16, neg ? -v : v);
    asm.emit(bytes, []);
  }
};

export function stringDirective(zeroTerminated: boolean): DirectiveHandler {
  return (asm, head, rest) => {
    for (const item of splitOperands(rest)) {
      if (item.length === 0) continue;
      // Adjacent strings concatenate ("a" "b").
      for (const t of item) {
        if (t.tokenType !== T.StringLit) {
          asm.error(asm.locOf(t), t.tokenType === T.BadString ? 'unterminated string' : `expected a string in ${head.image}`);
          return;
        }
      }
      for (const t of item) {
        const bytes = parseString(t.image);
        if (zeroTerminated) {
          const z = new Uint8Array(bytes.length + 1);
          z.set(bytes);
          asm.emit(z, []);
        } else asm.emit(bytes, []);
      }
    }
  };
}

const MAX_SPACE = 1n << 30n;

/** `.skip size[, fill]` (= `.space`, `.zero size`). */
export const skipDirective: DirectiveHandler = (asm, head, rest) => {
  const a = splitOperands(rest);
  if (rest.length === 0) {
    asm.error(asm.locOf(head), `${head.image} needs a size`);
    return;
  }
  let fill = 0;
  if (a[1] && head.image.toLowerCase() !== '.zero') {
    const f = asm.absoluteTokens(a[1], 'fill value', asm.locOf(head));
    if (f === null) return;
    fill = Number(BigInt.asUintN(8, f));
  }
  const e = asm.parseExpr(a[0]!);
  if (!e) return;
  emitSpace(asm, head, e, fill);
};

/** `size` bytes of `fill` now, or a fragment sized after layout when `size` is not known yet. */
function emitSpace(asm: Assembler, head: IToken, e: Expr, fill: number): void {
  const r = asm.evalNow(e);
  if (r.ok && r.value.terms.length === 0) {
    const n = r.value.constant;
    if (n < 0n) {
      asm.warning(e.loc, `${head.image} size ${n} is negative; ignored`);
      return;
    }
    if (n > MAX_SPACE) {
      asm.error(e.loc, `${head.image} size ${n} is too large`);
      return;
    }
    if (asm.current.nobits && fill !== 0) {
      asm.error(asm.locOf(head), `attempt to store non-zero value in section '${asm.current.name}'`);
      return;
    }
    asm.emitFill(Number(n), fill);
    return;
  }
  if (!r.ok && r.message !== UNKNOWN_YET) {
    asm.error(r.loc, r.message);
    return;
  }
  // Known only after layout (e.g. `.skip 64 - (. - start)` across a relaxed branch).
  const sec = asm.current;
  appendVariable(sec, {
    kind: 'space', address: 0n, epoch: sec.epoch, epochOffset: epochPosition(sec), count: asm.pinDot(e), fill, size: 0,
    loc: e.loc,
  });
}

/** `.org target[, fill]` (as.info ".org"): advance to `target`, a label of the current section
 *  ± a constant, filling with `fill` — `.skip target - .` with `.` pinned here, so a target
 *  known only after layout works as `.skip`'s does (Linux's vectors: `.org .Lstart\@ + 128`).
 *  Moving backwards is an error, as in GNU as. A plain number (an offset from the section
 *  start) is refused: vasm keeps no section-start symbol to measure it against. */
export const orgDirective: DirectiveHandler = (asm, head, rest) => {
  const a = splitOperands(rest);
  if (rest.length === 0 || !a[0] || a[0].length === 0) {
    asm.error(asm.locOf(head), '.org needs a target');
    return;
  }
  const target = asm.parseExpr(a[0]);
  if (!target) return;
  const t = asm.evalNow(target);
  if (t.ok && t.value.terms.length === 0) {
    asm.error(target.loc, '.org to a plain number is not supported; use a label of this section ± a constant');
    return;
  }
  const distance: Expr = { k: 'binary', op: '-', left: target, right: { k: 'dot', loc: target.loc }, loc: target.loc };
  const r = asm.evalNow(distance);
  if (r.ok && r.value.terms.length === 0 && r.value.constant < 0n) {
    asm.error(target.loc, 'attempt to move .org backwards');
    return;
  }
  let fill = 0;
  if (a[1]) {
    const f = asm.absoluteTokens(a[1], 'fill value', asm.locOf(head));
    if (f === null) return;
    fill = Number(BigInt.asUintN(8, f));
  }
  emitSpace(asm, head, distance, fill);
};

/** `.fill repeat[, size[, value]]`: `repeat` copies of `size` bytes (size ≤ 8) holding `value`;
 *  for sizes above 4 the upper bytes are zero (as.info ".fill"). */
export const fillDirective: DirectiveHandler = (asm, head, rest) => {
  const a = splitOperands(rest);
  const loc = asm.locOf(head);
  const repeat = asm.absoluteTokens(a[0], 'repeat count', loc);
  if (repeat === null) return;
  let size = 1n;
  if (a[1] && a[1].length > 0) {
    const s = asm.absoluteTokens(a[1], 'size', loc);
    if (s === null) return;
    size = s;
  }
  let value = 0n;
  if (a[2] && a[2].length > 0) {
    const v = asm.absoluteTokens(a[2], 'value', loc);
    if (v === null) return;
    value = v;
  }
  if (repeat < 0n) {
    asm.warning(asm.locOfTokens(a[0]!), 'repeat count < 0; .fill ignored');
    return;
  }
  if (size < 0n) {
    asm.warning(asm.locOfTokens(a[1]!), 'size < 0; .fill ignored');
    return;
  }
  if (size > 8n) {
    asm.warning(asm.locOfTokens(a[1]!), '.fill size clamped to 8');
    size = 8n;
  }
  if (repeat * size > MAX_SPACE) {
    asm.error(loc, '.fill is too large');
    return;
  }
  const n = Number(size);
  const item = new Uint8Array(n);
  writeLE(item, 0, Math.min(n, 4), value);
  const all = new Uint8Array(n * Number(repeat));
  for (let k = 0; k < Number(repeat); k++) all.set(item, k * n);
  asm.emit(all, []);
};

/** `.uleb128` / `.sleb128` of absolute values (DWARF's variable-length integers). */
export function lebDirective(signed: boolean): DirectiveHandler {
  return (asm, head, rest) => {
    for (const item of splitOperands(rest)) {
      const v = asm.absoluteTokens(item, `${head.image} value`, asm.locOf(head));
      if (v === null) continue;
      asm.emit(Uint8Array.from(leb(v, signed)), []);
    }
  };
}

function leb(value: bigint, signed: boolean): number[] {
  const out: number[] = [];
  let v = signed ? value : BigInt.asUintN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export type { IToken };

/** `.float`/`.single`/`.dc.s` (IEEE 754 binary32) and `.double`/`.dc.d` (binary64), little-endian
 *  (as.info "Float", "Double"). A value is a decimal or hex-free float literal, optionally with
 *  GAS's `0f`/`0d`/`0e` prefix before the sign, or `inf`/`nan`. */
export function floatDirective(size: 4 | 8): DirectiveHandler {
  return (asm, head, rest) => {
    if (rest.length === 0) return;
    for (const item of splitOperands(rest)) {
      const text = item.map((t) => t.image).join('');
      const m = /^(?:0[fFdDeErR](?=[+-]?[0-9.]|[+-]?inf|[+-]?nan))?([+-]?)(.*)$/.exec(text);
      const sign = m?.[1] === '-' ? -1 : 1;
      const body = (m?.[2] ?? '').toLowerCase();
      let value: number;
      if (/^inf(inity)?$/.test(body)) value = Infinity;
      else if (body === 'nan') value = NaN;
      else if (/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(body)) value = Number(body);
      else {
        asm.error(item.length ? asm.locOfTokens(item) : asm.locOf(head), `bad floating-point constant '${text}' in ${head.image}`);
        continue;
      }
      const bytes = new Uint8Array(size);
      const view = new DataView(bytes.buffer);
      if (size === 4) view.setFloat32(0, sign * value, true);
      else view.setFloat64(0, sign * value, true);
      asm.emit(bytes, []);
    }
  };
}
