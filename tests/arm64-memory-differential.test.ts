// The A64 CPU's loads, stores and exclusives against qemu-aarch64. packages/emu/src/arm64/
// differential.test.ts covers registers and NZCV of data-processing instructions and a few
// loads from a fixed base; this one covers the memory side: every addressing mode (unsigned
// scaled offset, unscaled, pre- and post-index with writeback, register offset with LSL/UXTW/
// SXTW/SXTX), sign-extending loads, pairs (LDP/STP/LDPSW), exclusives (LDXR/STXR and pairs,
// with and without a matching reservation) and acquire/release (LDAR/STLR). The emulated CPU
// is an Armv8.0 Cortex-A53 (MIDR, AT_HWCAP = 0): the LSE atomics (LDADD… SWP CAS, v8.1) and
// LDAPR (v8.3) are UNDEFINED on it, as on that core, so they are not generated (qemu's default
// CPU has them). After each random case, x0–x7, NZCV, the base and index registers
// and the whole 512-byte buffer are dumped; the bytes must match qemu's. Seeded.
import { describe, expect, it } from 'vitest';
import { buildElf, haveTools, loadHarness, runQemu, TOOLS_MISSING } from '../packages/emu/src/arm64/testing/harness.js';

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const EDGE = [0n, 1n, 0xffffffffffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x7fffffffn, 0xffn, 0x80n, 0x8000n];
const BUF = 512; // bytes; the base register x20 starts in the middle
const REGS_DUMPED = 13; // x0–x7, NZCV, x20–x23
const DUMP = REGS_DUMPED * 8 + BUF;

function movImm(reg: string, v: bigint): string {
  const parts = [0, 1, 2, 3].map((i) => Number((v >> BigInt(16 * i)) & 0xffffn));
  return ` movz ${reg}, #${parts[0]}\n` + parts.slice(1).map((p, i) => ` movk ${reg}, #${p}, lsl #${16 * (i + 1)}\n`).join('');
}

interface Case { setup: string[]; lines: string[] }

function makeCase(next: () => number): Case {
  const pick = <T,>(a: readonly T[]): T => a[next() % a.length]!;
  const range = (lo: number, hi: number): number => lo + (next() % (hi - lo + 1));
  const rt = (w: string, not: number[] = []): string => { for (;;) { const n = next() % 8; if (!not.includes(n)) return `${w}${n}`; } };
  const num = (r: string): number => Number(r.slice(1));
  const setup: string[] = [];
  // Loads/stores of one register: [size in bytes, load mnemonic, store mnemonic, register width]
  const singles: [number, string, string | null, string][] = [
    [1, 'ldrb', 'strb', 'w'], [2, 'ldrh', 'strh', 'w'], [4, 'ldr', 'str', 'w'], [8, 'ldr', 'str', 'x'],
    [1, 'ldrsb', null, 'w'], [1, 'ldrsb', null, 'x'], [2, 'ldrsh', null, 'w'], [2, 'ldrsh', null, 'x'], [4, 'ldrsw', null, 'x'],
  ];
  const templates: Array<() => string[]> = [
    () => { // unsigned scaled offset
      const [sz, ld, st, w] = pick(singles);
      const m = st && next() & 1 ? st : ld;
      return [`${m} ${rt(w)}, [x20, #${range(0, 31) * sz}]`];
    },
    () => { // unscaled (LDUR/STUR), pre-index, post-index: simm9
      const [sz, ld, st, w] = pick(singles);
      const m = st && next() & 1 ? st : ld;
      const imm = range(-128, 127);
      switch (next() % 3) {
        case 0: return [`${m.replace(/^(ld|st)r/, '$1ur')} ${rt(w)}, [x20, #${imm}]`];
        case 1: return [`${m} ${rt(w)}, [x20, #${imm}]!`];
        default: return [`${m} ${rt(w)}, [x20], #${imm}`];
      }
    },
    () => { // register offset
      const [sz, ld, st, w] = pick(singles);
      const m = st && next() & 1 ? st : ld;
      const shift = next() & 1 ? Math.log2(sz) : 0;
      const amount = shift || next() & 1 ? ` #${shift}` : '';
      switch (next() % 4) {
        case 0: setup.push(movImm('x21', BigInt.asUintN(64, BigInt(range(-24, 24))))); return [`${m} ${rt(w)}, [x20, x21${amount ? `, lsl${amount}` : ''}]`];
        case 1: setup.push(movImm('x21', (BigInt(next()) << 32n) | BigInt(range(0, 24)))); return [`${m} ${rt(w)}, [x20, w21, uxtw${amount}]`];
        case 2: setup.push(movImm('x21', (BigInt(next()) << 32n) | BigInt.asUintN(32, BigInt(range(-24, 24))))); return [`${m} ${rt(w)}, [x20, w21, sxtw${amount}]`];
        default: setup.push(movImm('x21', BigInt.asUintN(64, BigInt(range(-24, 24))))); return [`${m} ${rt(w)}, [x20, x21, sxtx${amount}]`];
      }
    },
    () => { // pairs
      const w = pick(['w', 'x', 'sw']);
      const sz = w === 'x' ? 8 : 4;
      const reg = w === 'sw' ? 'x' : w;
      const load = w === 'sw' || next() & 1;
      const m = w === 'sw' ? 'ldpsw' : load ? 'ldp' : 'stp';
      const a = rt(reg), b = rt(reg, load ? [num(a)] : []);
      const imm = range(-8, 8) * sz;
      switch (next() % 3) {
        case 0: return [`${m} ${a}, ${b}, [x20, #${imm}]`];
        case 1: return [`${m} ${a}, ${b}, [x20, #${imm}]!`];
        default: return [`${m} ${a}, ${b}, [x20], #${imm}`];
      }
    },
    () => { // exclusives: a load-exclusive then a store-exclusive, or a store-exclusive alone (fails)
      const w = pick(['w', 'x']);
      const sz = w === 'x' ? 8 : 4;
      const pair = next() % 3 === 0;
      setup.push(` add x20, x20, #${range(-8, 8) * 16 + 256}`, ' sub x20, x20, #256');
      const acq = next() & 1 ? 'a' : '', rel = next() & 1 ? 'l' : '';
      const out: string[] = [];
      const a = rt(w), b = rt(w, [num(a)]);
      if (next() % 4) out.push(pair ? `ld${acq}xp ${a}, ${b}, [x20]` : `ld${acq}xr ${a}, [x20]`);
      const s1 = rt(w), s2 = rt(w, [num(s1)]);
      const status = rt('w', [num(s1), num(s2)]);
      out.push(pair ? `st${rel}xp ${status}, ${s1}, ${s2}, [x20]` : `st${rel}xr ${status}, ${s1}, [x20]`);
      void sz;
      return out;
    },
    () => { // acquire/release
      const [suffix, w] = pick([['b', 'w'], ['h', 'w'], ['', 'w'], ['', 'x']] as const);
      setup.push(` add x20, x20, #${range(-8, 8) * 8 + 256}`, ' sub x20, x20, #256');
      return [`${pick(['ldar', 'stlr'])}${suffix} ${rt(w)}, [x20]`];
    },
  ];
  const lines = pick(templates)();
  return { setup, lines };
}

function program(seed: number, cases: number): { source: string; listing: string[] } {
  const next = prng(seed);
  const value = (): bigint => (next() % 3 === 0 ? EDGE[next() % EDGE.length]! : (BigInt(next()) << 32n) | BigInt(next()));
  const listing: string[] = [];
  let src = '.arch armv8-a\n.globl _start\n.text\n_start:\n adrp x26, out\n add x26, x26, :lo12:out\n';
  for (let i = 0; i < cases; i++) {
    const c = makeCase(next);
    // Reset the buffer from its image (the shared routine sets x20 to its middle), then the
    // registers and NZCV.
    src += ' bl reset\n';
    for (let reg = 0; reg < 8; reg++) src += movImm(`x${reg}`, value());
    for (const reg of ['x21', 'x22', 'x23']) src += movImm(reg, value());
    src += ` movz x9, #${(next() & 15) << 12}, lsl #16\n msr nzcv, x9\n`;
    src += c.setup.join('\n') + (c.setup.length ? '\n' : '');
    src += c.lines.map((l) => ` ${l}\n`).join('');
    listing.push([...c.setup.map((l) => l.trim()), ...c.lines].join('; '));
    src += ' mrs x9, nzcv\n bl dump\n';
  }
  src += ` mov x0, #1\n adrp x1, out\n add x1, x1, :lo12:out\n ldr x2, =${cases * DUMP}\n mov x8, #64\n svc #0\n mov x0, #0\n mov x8, #93\n svc #0\n .ltorg\n`;
  // reset: the buffer from `init` (x24, x25, x9 as temporaries), x20 = its middle.
  src += 'reset:\n adrp x24, init\n add x24, x24, :lo12:init\n adrp x20, buf\n add x20, x20, :lo12:buf\n mov x25, #0\n';
  src += `1: ldr x9, [x24, x25]\n str x9, [x20, x25]\n add x25, x25, #8\n cmp x25, #${BUF}\n b.ne 1b\n add x20, x20, #${BUF / 2}\n ret\n`;
  // dump (NZCV in x9): x0–x7, NZCV, x20 relative to the buffer, x21–x23, then the buffer, at x26.
  src += 'dump:\n';
  for (let reg = 0; reg < 8; reg += 2) src += ` stp x${reg}, x${reg + 1}, [x26], #16\n`;
  src += ' adrp x24, buf\n add x24, x24, :lo12:buf\n sub x25, x20, x24\n stp x9, x25, [x26], #16\n stp x21, x22, [x26], #16\n str x23, [x26], #8\n';
  src += ` mov x25, #0\n2: ldr x9, [x24, x25]\n str x9, [x26], #8\n add x25, x25, #8\n cmp x25, #${BUF}\n b.ne 2b\n ret\n`;
  const init = Array.from({ length: BUF }, () => (next() % 5 === 0 ? [0, 0xff, 0x80][next() % 3]! : next() & 0xff));
  src += `.data\n.balign 16\ninit:\n .byte ${init.join(',')}\n.bss\n.balign 16\nbuf: .skip ${BUF}\n.balign 16\nout: .skip ${cases * DUMP}\n`;
  return { source: src, listing };
}

const have = haveTools();

describe.skipIf(!have)(`A64 loads, stores and exclusives vs qemu-aarch64${have ? '' : ` (skipped: ${TOOLS_MISSING})`}`, () => {
  for (const [seed, translate] of [[0xa64e001, true], [0xa64e002, false]] as const) {
    it(`random memory instructions match qemu (seed ${seed.toString(16)}, ${translate ? 'blocks' : 'single-step'})`, () => {
      const { source, listing } = program(seed, 300);
      const image = buildElf(source);
      const q = runQemu(image);
      expect(q.status).toBe(0);
      const h = loadHarness(image, { translateBlocks: translate });
      const exit = h.run(200_000_000);
      expect(exit, JSON.stringify(exit, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))).toEqual({ kind: 'exit', code: 0 });
      const ours = Buffer.from(h.stdout);
      expect(ours.length).toBe(q.stdout.length);
      const bad: string[] = [];
      const names = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'nzcv', 'x20-buf', 'x21', 'x22', 'x23'];
      for (let i = 0; i < listing.length && bad.length < 10; i++) {
        const a = ours.subarray(i * DUMP, (i + 1) * DUMP);
        const b = q.stdout.subarray(i * DUMP, (i + 1) * DUMP);
        if (a.equals(b)) continue;
        const diffs: string[] = [];
        for (let k = 0; k < REGS_DUMPED; k++) {
          const x = a.readBigUInt64LE(k * 8), y = b.readBigUInt64LE(k * 8);
          if (x !== y) diffs.push(`${names[k]}: vsys 0x${x.toString(16)}, qemu 0x${y.toString(16)}`);
        }
        for (let k = REGS_DUMPED * 8; k < DUMP; k++) if (a[k] !== b[k]) diffs.push(`buf[${k - REGS_DUMPED * 8 - BUF / 2}]: vsys 0x${a[k]!.toString(16)}, qemu 0x${b[k]!.toString(16)}`);
        bad.push(`case ${i}: ${listing[i]}\n  ${diffs.slice(0, 12).join('\n  ')}`);
      }
      expect(bad).toEqual([]);
    });
  }
});
