// Literal pools for `ldr Xt, =value` / `ldr Wt, =value` (as.info §9.1.3 "AArch64 Directives",
// `.ltorg`/`.pool`). As in GNU as (tc-aarch64.c, add_to_lit_pool / s_ltorg): pending entries
// are kept per section and entry size (4 bytes for Wt, 8 for Xt), an identical value or
// expression is stored once, and at `.ltorg` — or at the end of the section — each pool of
// that section is dumped after
// aligning to its entry size (4-byte pool first, zero padding), under an internal `.L` label
// the loads refer to with LD_PREL_LO19 (resolved locally).
import type { Fixup, LiteralPoolContext } from '../backend.js';
import type { SourceLoc } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../expr/ast.js';

interface PoolEntry {
  key: string;
  expr: Expr;
  known?: bigint;
  loc: SourceLoc;
}

interface Pool {
  label: string;
  entries: PoolEntry[];
}

/** A structural key for an expression (locations left out), for de-duplication. */
function exprKey(e: Expr): string {
  switch (e.k) {
    case 'num': return e.value.toString();
    case 'sym': return `s:${e.name}`;
    case 'dot': return `.@${e.loc.file}:${e.loc.line}:${e.loc.col}`; // `.` differs per use
    case 'unary': return `(${e.op}${exprKey(e.arg)})`;
    case 'binary': return `(${exprKey(e.left)}${e.op}${exprKey(e.right)})`;
  }
}

export class LiteralPools {
  /** section name → entry size → pool ('' when the front end does not name sections) */
  private sections = new Map<string, Map<4 | 8, Pool>>();
  private generation = 0;

  /** Add a literal; returns the expression of its address (pool label + offset). */
  add(section: string, size: 4 | 8, expr: Expr, known: bigint | undefined, loc: SourceLoc): Expr {
    let pools = this.sections.get(section);
    if (!pools) {
      pools = new Map();
      this.sections.set(section, pools);
    }
    let pool = pools.get(size);
    if (!pool) {
      pool = { label: `.Lvsys.literal.${this.generation++}.${size}`, entries: [] };
      pools.set(size, pool);
    }
    const key = known !== undefined ? `v:${BigInt.asUintN(size * 8, known)}` : `e:${exprKey(expr)}`;
    let index = pool.entries.findIndex((e) => e.key === key);
    if (index < 0) {
      index = pool.entries.length;
      pool.entries.push({ key, expr, known, loc });
    }
    const label: Expr = { k: 'sym', name: pool.label, loc };
    return index === 0 ? label : { k: 'binary', op: '+', left: label, right: { k: 'num', value: BigInt(index * size), loc }, loc };
  }

  /** Emit the pending pools of the current section here (`.ltorg`, end of section). */
  flush(ctx: LiteralPoolContext): void {
    // pools of this section, and any added while the front end did not name the section
    for (const section of new Set([ctx.section ?? '', ''])) this.flushSection(section, ctx);
  }

  private flushSection(section: string, ctx: LiteralPoolContext): void {
    const pools = this.sections.get(section);
    if (!pools) return;
    for (const size of [4, 8] as const) {
      const pool = pools.get(size);
      if (!pool || pool.entries.length === 0) continue;
      ctx.align(size);
      ctx.defineLabel(pool.label);
      for (const e of pool.entries) {
        const bytes = new Uint8Array(size);
        const fixups: Fixup[] = [];
        if (e.known !== undefined) {
          let v = BigInt.asUintN(size * 8, e.known);
          for (let k = 0; k < size; k++) {
            bytes[k] = Number(v & 0xffn);
            v >>= 8n;
          }
        } else {
          fixups.push({
            offset: 0, size, expr: e.expr, pcRelative: false, kind: size === 8 ? 'R_AARCH64_ABS64' : 'R_AARCH64_ABS32',
            signedness: 'either', loc: e.loc,
          });
        }
        ctx.emitBytes(bytes, fixups, e.loc);
      }
    }
    this.sections.delete(section);
  }
}
