// Macro-generated AArch64 sources in the style of GNU as's own testsuite (gas/testsuite/gas/
// aarch64/*.s build their instruction lists with nested .macro/.irp/.ifc and `.exitm` inside
// conditionals): the object must equal GNU as's.
import { describe, expect, it } from 'vitest';
import { assembleArm64, GNU_AS, gnuObject, haveTool, summarize } from './testing.js';

const haveAs = haveTool(GNU_AS);
if (!haveAs) console.warn(`skipping arm64 macro tests: ${GNU_AS} not installed`);

function errorsOf(source: string): string[] {
  return assembleArm64(source).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}: ${d.message}`);
}

describe('arm64 macro-generated sources', () => {
  // `.exitm` inside `.ifc`/`.ifnc` leaves the macro and the conditionals it opened
  // (GNU as read.c s_mexit → cond_exit_macro)
  const exitInsideIf = [
    '\t.macro pick op, rd, rn, rm, ext',
    '\t.ifc \\rm, X',
    '\t\t.ifnc \\ext, UXTX',
    '\t\t\t.ifnc \\ext, LSL',
    '\t\t\t\\op \\rd, \\rn, w1, \\ext #1',
    '\t\t\t.exitm',
    '\t\t\t.endif',
    '\t\t.endif',
    '\t.endif',
    '\t\\op \\rd, \\rn, \\rm\\()1, \\ext #2',
    '\t.endm',
    '\t.irp ext, UXTB, SXTW, UXTX, LSL',
    '\tpick add, x2, sp, X, \\ext',
    '\tpick subs, w2, wsp, W, \\ext',
    '\t.endr',
    '\t.if 1',
    '\tnop',
    '\t.endif',
    '',
  ].join('\n');

  it('takes a comma after the macro name (`.macro msr_s, sreg, rt`, as Linux writes it)', () => {
    const source = '\t.macro\tadr_l, dst, sym\n\tadrp\t\\dst, \\sym\n\tadd\t\\dst, \\dst, :lo12:\\sym\n\t.endm\n\tadr_l\tx2, data\n\t.data\ndata:\t.quad 0\n';
    expect(errorsOf(source)).toEqual([]);
    if (haveAs) expect(summarize(assembleArm64(source).object!)).toEqual(summarize(gnuObject(source)));
  });

  it('closes the conditionals an .exitm leaves', () => {
    expect(errorsOf(exitInsideIf)).toEqual([]);
  });

  it.skipIf(!haveAs)('matches GNU as on a macro that exits inside conditionals', () => {
    const ours = assembleArm64(exitInsideIf);
    expect(summarize(ours.object!)).toEqual(summarize(gnuObject(exitInsideIf)));
  });
});
