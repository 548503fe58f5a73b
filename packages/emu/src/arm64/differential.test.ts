// Differential tests of the A64 CPU against qemu-aarch64: random register values and flags,
// one instruction, then every register and NZCV dumped — built with GNU as/ld, run on both,
// compared byte for byte. Covers the flags of AddWithCarry (adds/subs/adcs/sbcs/ccmp/ccmn),
// logical S-forms, shifts, extends, bitfield moves, multiplies, divides (incl. by zero and
// INT_MIN / −1), bit counting and reversal, conditional selects, and loads with sign extension.
// Seeded; the seed and the failing instruction are in the message.
import { describe, expect, it } from 'vitest';
import { decodeBitmask } from '@vsys/isa-arm64';
import { buildElf, haveTools, loadHarness, runQemu, TOOLS_MISSING } from './testing/harness.js';

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const EDGE = [0n, 1n, 2n, 0xffffffffffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x7fffffffn, 0xfffffffffffffffen, 0x100000000n, 0xffn, 0x80n, 0x8000n];
const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al'];

function makeGenerator(next: () => number) {
  const pick = <T,>(a: readonly T[]): T => a[next() % a.length]!;
  const value = (): bigint => (next() % 3 === 0 ? pick(EDGE) : (BigInt(next()) << 32n) | BigInt(next()));
  const r = (w: string): string => `${w}${next() % 8}`;
  const bitmaskImm = (w: 'x' | 'w'): string => {
    for (;;) {
      const N = w === 'x' ? next() & 1 : 0;
      const v = decodeBitmask(N, next() & 63, next() & 63, w === 'x' ? 64 : 32);
      if (v !== null) return `#0x${v.toString(16)}`;
    }
  };
  const templates: Array<() => string> = [
    () => { const w = pick(['x', 'w']); return `${pick(['adds', 'subs', 'add', 'sub'])} ${r(w)}, ${r(w)}, ${r(w)}, ${pick(['lsl', 'lsr', 'asr'])} #${next() % (w === 'x' ? 64 : 32)}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['adds', 'subs', 'add', 'sub'])} ${r(w)}, ${r(w)}, #${next() % 4096}${next() & 1 ? ', lsl #12' : ''}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['adcs', 'sbcs', 'adc', 'sbc'])} ${r(w)}, ${r(w)}, ${r(w)}`; },
    () => { const ext = pick(['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw', 'uxtx', 'sxtx']); const src = ext.endsWith('x') ? 'x' : 'w'; return `${pick(['adds', 'subs', 'add', 'sub'])} ${r('x')}, ${r('x')}, ${r(src)}, ${ext} #${next() % 5}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['ands', 'bics', 'and', 'bic', 'orr', 'orn', 'eor', 'eon'])} ${r(w)}, ${r(w)}, ${r(w)}, ${pick(['lsl', 'lsr', 'asr', 'ror'])} #${next() % (w === 'x' ? 64 : 32)}`; },
    () => { const w = pick(['x', 'w'] as const); return `${pick(['ands', 'and', 'orr', 'eor'])} ${r(w)}, ${r(w)}, ${bitmaskImm(w)}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['ccmp', 'ccmn'])} ${r(w)}, ${next() & 1 ? r(w) : `#${next() % 32}`}, #${next() % 16}, ${pick(CONDS)}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['csel', 'csinc', 'csinv', 'csneg'])} ${r(w)}, ${r(w)}, ${r(w)}, ${pick(CONDS)}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['madd', 'msub'])} ${r(w)}, ${r(w)}, ${r(w)}, ${r(w)}`; },
    () => `${pick(['smaddl', 'umaddl', 'smsubl', 'umsubl'])} ${r('x')}, ${r('w')}, ${r('w')}, ${r('x')}`,
    () => `${pick(['smulh', 'umulh'])} ${r('x')}, ${r('x')}, ${r('x')}`,
    () => { const w = pick(['x', 'w']); return `${pick(['udiv', 'sdiv', 'lslv', 'lsrv', 'asrv', 'rorv'])} ${r(w)}, ${r(w)}, ${r(w)}`; },
    () => { const w = pick(['x', 'w']); const op = pick(['rbit', 'rev', 'rev16', 'clz', 'cls', ...(w === 'x' ? ['rev32'] : [])]); return `${op} ${r(w)}, ${r(w)}`; },
    () => { const w = pick(['x', 'w']); const size = w === 'x' ? 64 : 32; return `${pick(['sbfm', 'ubfm', 'bfm'])} ${r(w)}, ${r(w)}, #${next() % size}, #${next() % size}`; },
    () => { const w = pick(['x', 'w']); return `extr ${r(w)}, ${r(w)}, ${r(w)}, #${next() % (w === 'x' ? 64 : 32)}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['movz', 'movn', 'movk'])} ${r(w)}, #${next() % 65536}, lsl #${16 * (next() % (w === 'x' ? 4 : 2))}`; },
    () => { const w = pick(['x', 'w']); return `${pick(['cset', 'csetm'])} ${r(w)}, ${pick(CONDS.slice(0, 14))}`; },
    () => `${pick(['ldrsb', 'ldrsh'])} ${r(pick(['x', 'w']))}, [x21, #${next() % 64}]`,
    () => `${pick(['ldrb', 'ldrh'])} ${r('w')}, [x21, #${next() % 64}]`,
    () => `${pick(['ldrsw', 'ldr'])} ${r('x')}, [x21, #${(next() % 16) * 4}]`,
    () => `ldur ${r('x')}, [x21, #${(next() % 200) - 20 + 40}]`,
  ];
  return { value, next, instruction: () => pick(templates)() };
}

function movImm(reg: string, v: bigint): string {
  const parts = [0, 1, 2, 3].map((i) => Number((v >> BigInt(16 * i)) & 0xffffn));
  return `movz ${reg}, #${parts[0]}\n` + parts.slice(1).map((p, i) => `movk ${reg}, #${p}, lsl #${16 * (i + 1)}`).join('\n');
}

const DUMP = 9 * 8;

function program(seed: number, cases: number): { source: string; lines: string[] } {
  const g = makeGenerator(prng(seed));
  const lines: string[] = [];
  let src = '.globl _start\n.text\n_start:\n adrp x20, buf\n add x20, x20, :lo12:buf\n adrp x21, mem\n add x21, x21, :lo12:mem\n';
  for (let i = 0; i < cases; i++) {
    for (let reg = 0; reg < 8; reg++) src += `${movImm(`x${reg}`, g.value())}\n`;
    src += `movz x9, #${(g.next() & 15) << 12}, lsl #16\nmsr nzcv, x9\n`;
    const insn = g.instruction();
    lines.push(insn);
    src += `${insn}\nmrs x9, nzcv\n`;
    for (let reg = 0; reg < 8; reg += 2) src += `stp x${reg}, x${reg + 1}, [x20], #16\n`;
    src += 'str x9, [x20], #8\n';
  }
  src += ` mov x0, #1\n adrp x1, buf\n add x1, x1, :lo12:buf\n ldr x2, =${cases * DUMP}\n mov x8, #64\n svc #0\n mov x0, #0\n mov x8, #93\n svc #0\n .ltorg\n`;
  src += `.data\n.balign 16\nmem:\n${Array.from({ length: 256 }, () => ` .byte ${g.next() & 0xff}`).join('\n')}\n.bss\n.balign 16\nbuf: .skip ${cases * DUMP}\n`;
  return { source: src, lines };
}

const have = haveTools();

describe.skipIf(!have)(`A64 differential vs qemu-aarch64${have ? '' : ` (skipped: ${TOOLS_MISSING})`}`, () => {
  for (const [seed, translate] of [[0xa64d1ff, true], [0xa64d200, true], [0xa64d301, false]] as const) {
    it(`random instructions, registers and flags match qemu (seed ${seed.toString(16)}, ${translate ? 'blocks' : 'single-step'})`, () => {
      const { source, lines } = program(seed, 400);
      const image = buildElf(source);
      const q = runQemu(image);
      expect(q.status).toBe(0);
      const h = loadHarness(image, { translateBlocks: translate });
      const exit = h.run();
      expect(exit, JSON.stringify(exit, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))).toEqual({ kind: 'exit', code: 0 });
      const ours = Buffer.from(h.stdout);
      expect(ours.length).toBe(q.stdout.length);
      for (let i = 0; i < lines.length; i++) {
        const a = ours.subarray(i * DUMP, (i + 1) * DUMP);
        const b = q.stdout.subarray(i * DUMP, (i + 1) * DUMP);
        if (!a.equals(b)) {
          const regs = (buf: Buffer) => Array.from({ length: 9 }, (_, k) => buf.readBigUInt64LE(k * 8).toString(16));
          expect({ insn: lines[i], ours: regs(a) }).toEqual({ insn: lines[i], ours: regs(b) });
        }
      }
    });
  }
});
