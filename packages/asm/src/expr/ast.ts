// The expression tree the parser builds for every operand value and directive argument
// (GNU as "Expressions", as.info §6). Numeric local labels (`1f`, `1b`) are resolved to their
// internal names while parsing, as GNU as does when it reads the line, so a tree never holds
// a reference that depends on where it is evaluated — except `.`, which is the location
// counter of the statement that owns the expression.
import type { SourceLoc } from '../diagnostics/diagnostic.js';

export type BinaryOp =
  | '*' | '/' | '%' | '<<' | '>>'
  | '|' | '^' | '&' | '!'
  | '+' | '-' | '==' | '!=' | '<>' | '<' | '>' | '<=' | '>='
  | '&&' | '||';

export type UnaryOp = '-' | '~' | '!' | '+';

export type Expr =
  | { k: 'num'; value: bigint; loc: SourceLoc }
  /** `modifier`: a relocation operator written `sym@plt`, `sym@gotpcrel`, `sym@tpoff` …
   *  (lower-cased); such a value is never resolved by the assembler. */
  | { k: 'sym'; name: string; loc: SourceLoc; modifier?: string }
  | { k: 'dot'; loc: SourceLoc }
  | { k: 'unary'; op: UnaryOp; arg: Expr; loc: SourceLoc }
  | { k: 'binary'; op: BinaryOp; left: Expr; right: Expr; loc: SourceLoc };

/** GNU as operator precedence, highest binds tightest (as.info §6.2.4 "Infix Operators" lists
 *  comparisons with `+`/`-`, but gas/expr.c ranks them below: `1 + 2 == 3` is `(1 + 2) == 3`;
 *  checked against `as` by expressions.gnu.test.ts):
 *  `*` `/` `%` `<<` `>>`  >  `|` `&` `^` `!` (or-not)  >  `+` `-`  >  comparisons  >  `&&`  >  `||`. */
export const binaryPrecedence: Record<BinaryOp, number> = {
  '*': 6, '/': 6, '%': 6, '<<': 6, '>>': 6,
  '|': 5, '^': 5, '&': 5, '!': 5,
  '+': 4, '-': 4,
  '==': 3, '!=': 3, '<>': 3, '<': 3, '>': 3, '<=': 3, '>=': 3,
  '&&': 2,
  '||': 1,
};
