// Bad AArch64 input gets diagnostics with a place in the source — never a thrown exception or
// an "internal" error — and out-of-range values found only after layout are reported too.
import { describe, expect, it } from 'vitest';
import { a64Mnemonics } from '@vsys/isa-arm64';
import { assembleArm64 } from './testing.js';

function errorsOf(source: string): string[] {
  const r = assembleArm64(source);
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}:${d.loc.col}: ${d.message}`);
}

describe('arm64 diagnostics', () => {
  it('reports operand errors at the operand', () => {
    expect(errorsOf('\tadd x0, x1, #5000\n')).toEqual(["1:14: invalid operands for 'add': immediate out of range for add/sub (0..4095, optionally lsl #12) (operand 3)"]);
    expect(errorsOf('\tmov w0, x1\n')[0]).toMatch(/^1:\d+: invalid operands for 'mov'/);
    expect(errorsOf('\tldr x0, [x1, #3]\n\tldr x0, [x1, #-300]\n')).toHaveLength(1); // #3 → LDUR, #-300 out of range
    expect(errorsOf('\tfoo x0\n')[0]).toMatch(/unknown instruction 'foo'/);
    expect(errorsOf('\tadds x0, x1\n')[0]).toMatch(/missing operand|invalid operands/);
    expect(errorsOf('\tldr x0, [x1\n')[0]).toMatch(/1:\d+: /);
    expect(errorsOf('\tadd x0, x1, lsl #sym\n')[0]).toMatch(/shift amount must be an absolute number/);
    expect(errorsOf('\tstr x0, =5\n')[0]).toMatch(/'=' literals are only allowed/);
    expect(errorsOf('\tadd x0, x0, :foo12:sym\n')[0]).toMatch(/unknown relocation modifier ':foo12:'/);
  });

  it('reports values that only fail after layout', () => {
    const far = `\tb.eq far\n\t.skip 0x100000\nfar:\tnop\n`;
    expect(errorsOf(far)).toEqual([expect.stringMatching(/^1:\d+: conditional branch target out of range/)]);
    expect(errorsOf(`\tmov x0, #(end - start)\nstart:\t.skip 0x12345\nend:\n`)).toEqual([expect.stringMatching(/^1:\d+: invalid operands for .mov./)]);
    expect(errorsOf(`\tmov x0, #(end - start)\nstart:\t.skip 0x10000\nend:\n`)).toEqual([]);
    expect(errorsOf(`\tadr x0, far\n\t.skip 0x100000\nfar:\n`)[0]).toMatch(/adr target out of range/);
    // an immediate can never become a relocation
    expect(errorsOf(`start:\tmov x0, #(ext - start)\n`)).toEqual([expect.stringMatching(/^1:\d+: expression must be an absolute value/)]);
    expect(errorsOf(`\tadd x0, x1, #ext\n`)).toEqual([expect.stringMatching(/^1:\d+: expression must be an absolute value/)]);
  });

  it('never throws or reports an internal error on random lines', () => {
    let x = 0x5eed;
    const rnd = (n: number): number => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x % n;
    };
    const pieces = ['x0', 'w1', 'sp', 'xzr', '#1', '#-1', '#0x10000', '[x1]', '[x1, #8]!', '[x1], #8', '[x1, x2, lsl #3]', 'lsl #12', 'uxtw', 'eq', 'lo', 'label', '=7', ':lo12:label', '#:abs_g1:label', '.+8', 'tpidr_el0', 'sy', '[', ']', '!', ',', '#', ':', '=', 'c5', '(', ')', '1f', '1b', '"s"', '+', '*'];
    const lines: string[] = ['label:', '1:'];
    for (let i = 0; i < 3000; i++) {
      const m = a64Mnemonics[rnd(a64Mnemonics.length)]!;
      const n = rnd(5);
      const ops = Array.from({ length: n }, () => pieces[rnd(pieces.length)]!);
      lines.push(`\t${m} ${ops.join(rnd(3) ? ', ' : ' ')}`);
    }
    lines.push('1:');
    // one line per assembly would be slow; blocks of 100 lines keep every error reachable
    for (let i = 0; i < lines.length; i += 100) {
      const r = assembleArm64(['label:', ...lines.slice(i, i + 100), '1:'].join('\n') + '\n');
      const internal = r.diagnostics.filter((d) => /internal/i.test(d.message));
      expect(internal.map((d) => d.message)).toEqual([]);
    }
  });
});
