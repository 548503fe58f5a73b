// Differential test of integer instructions and their flags: one generated program runs each
// operation on edge values with two incoming flag states, stores RAX, RBX, RDX and RFLAGS
// (pushfq) to memory and writes the table to stdout. The same ELF runs natively on this Linux
// machine and on the emulator; the tables must match bit for bit, except the flags the SDM
// calls undefined for that operation (masked per case below).

import { describe, expect, it } from 'vitest';
import { buildElf, haveTools, runElfEmulated, runNative, TOOLS_MISSING } from './testing/harness.js';

const CF = 1, PF = 4, AF = 16, ZF = 64, SF = 128, OF = 2048;
const ALL = CF | PF | AF | ZF | SF | OF;

type Size = 8 | 16 | 32 | 64;
const SUFFIX: Record<Size, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };
const REG: Record<string, Record<Size, string>> = {
  a: { 8: '%al', 16: '%ax', 32: '%eax', 64: '%rax' },
  b: { 8: '%bl', 16: '%bx', 32: '%ebx', 64: '%rbx' },
  c: { 8: '%cl', 16: '%cx', 32: '%ecx', 64: '%rcx' },
  d: { 8: '%dl', 16: '%dx', 32: '%edx', 64: '%rdx' },
};

function edgeValues(size: Size): bigint[] {
  const S = BigInt(size);
  const max = (1n << S) - 1n, min = 1n << (S - 1n);
  const vals = [0n, 1n, 2n, max, max - 1n, min, min - 1n, min + 1n, 0x0fn, 0x10n, 0x5an & max, (0xdeadbeefcafef00dn & max)];
  // Upper garbage in the 64-bit register shows whether narrower operations keep it.
  return vals.map((v) => (size === 64 ? v : v | 0x1234567800000000n));
}

interface Case { label: string; asm: string; undefinedFlags: number; maskRegs?: boolean }

function cases(): { setup: { a: bigint; b: bigint; c: bigint; d: bigint; flags: number }; c: Case }[] {
  const out: { setup: { a: bigint; b: bigint; c: bigint; d: bigint; flags: number }; c: Case }[] = [];
  const sizes: Size[] = [8, 16, 32, 64];
  let seed = 12345;
  const rnd = (): bigint => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return BigInt(seed); };
  for (const size of sizes) {
    const s = SUFFIX[size], A = REG.a![size], B = REG.b![size];
    const vals = edgeValues(size);
    const pairs: [bigint, bigint][] = [];
    for (const x of vals) for (const y of vals) if (rnd() % 9n === 0n) pairs.push([x, y]);
    for (const flagsIn of [0x202, 0x202 | ALL]) {
      const add = (label: string, asm: string, a: bigint, b: bigint, c: bigint, undefinedFlags: number, d = 0n): void => {
        out.push({ setup: { a, b, c, d, flags: flagsIn }, c: { label: `${label} a=${a.toString(16)} b=${b.toString(16)} c=${c} flags=${flagsIn.toString(16)}`, asm, undefinedFlags } });
      };
      for (const [x, y] of pairs) {
        for (const op of ['add', 'adc', 'sub', 'sbb', 'cmp']) add(`${op}${s}`, `${op}${s} ${B}, ${A}`, x, y, 0n, 0);
        for (const op of ['and', 'or', 'xor', 'test']) add(`${op}${s}`, `${op}${s} ${B}, ${A}`, x, y, 0n, AF);
        add(`xadd${s}`, `xadd${s} ${B}, ${A}`, x, y, 0n, 0);
        // Effective addresses (same code path as memory operands) for full 64-bit values.
        if (size === 64) {
          for (const [disp, scale] of [[-8, 1], [0x7fffffff, 8], [-0x80000000, 4], [16, 2]] as const) {
            add(`lea`, `lea ${disp}(%rax,%rbx,${scale}), %rdx\n lea ${disp}(%eax,%ebx,${scale}), %ecx\n lea ${disp}(%rbx), %rax\n add %rcx, %rdx`, x, y, 0n, 0);
          }
        }
        add(`cmpxchg${s}`, `cmpxchg${s} ${B}, ${REG.d![size]}`, x, y, 0n, 0, rnd() % 2n ? x : y);
        if (size !== 8) {
          add(`imul2${s}`, `imul${s} ${B}, ${A}`, x, y, 0n, SF | ZF | AF | PF);
          add(`imul3${s}`, `imul${s} $-7, ${B}, ${A}`, x, y, 0n, SF | ZF | AF | PF);
          add(`shld${s}`, `shld${s} %cl, ${B}, ${A}`, x, y, BigInt(Number(rnd() % BigInt(size))), AF | OF);
          add(`shrd${s}`, `shrd${s} $3, ${B}, ${A}`, x, y, 3n, AF | OF);
          for (const op of ['bt', 'bts', 'btr', 'btc']) add(`${op}${s}`, `${op}${s} ${B}, ${A}`, x, y, 0n, OF | SF | AF | PF);
        }
        add(`mul${s}`, `mul${s} ${B}`, x, y, 0n, SF | ZF | AF | PF);
        add(`imul1${s}`, `imul${s} ${B}`, x, y, 0n, SF | ZF | AF | PF);
        // div/idiv with operands chosen so no #DE happens: dividend high half 0 / sign.
        if ((y & ((1n << BigInt(size)) - 1n)) !== 0n) {
          if (size === 8) add(`div${s}`, `movzbl %al, %eax\n divb %bl`, x, y, 0n, ALL);
          else add(`div${s}`, `xor %edx, %edx\n div${s} ${B}`, x, y, 0n, ALL);
          const ym = BigInt.asIntN(size, y);
          if (ym !== -1n) {
            if (size === 8) add(`idiv${s}`, `cbtw\n idivb %bl`, x & 0x3fn, y, 0n, ALL);
            else add(`idiv${s}`, `${{ 16: 'cwtd', 32: 'cltd', 64: 'cqto' }[size]}\n idiv${s} ${B}`, x, y, 0n, ALL);
          }
        }
      }
      for (const x of vals) {
        for (const op of ['inc', 'dec', 'neg', 'not']) add(`${op}${s}`, `${op}${s} ${A}`, x, 0n, 0n, 0);
        for (const count of [0, 1, 2, 7, 8, 16, 31, 33, 63]) {
          const big = count & (size === 64 ? 63 : 31);
          for (const op of ['shl', 'shr', 'sar']) {
            let undef = big > 1 ? OF : 0;
            if (big !== 0) undef |= AF;
            if (big >= size) undef |= CF | OF; // count ≥ operand size: CF undefined for SHL/SHR
            add(`${op}${s}-cl`, `${op}${s} %cl, ${A}`, x, 0n, BigInt(count), undef);
            if (count < 256) add(`${op}${s}-imm`, `${op}${s} $${count}, ${A}`, x, 0n, 0n, undef);
          }
          for (const op of ['rol', 'ror', 'rcl', 'rcr']) add(`${op}${s}`, `${op}${s} %cl, ${A}`, x, 0n, BigInt(count), big > 1 ? OF : 0);
        }
        if (size !== 8) {
          add(`bsf${s}`, `bsf${s} ${B}, ${A}`, 0x1111n, x, 0n, CF | OF | SF | AF | PF);
          add(`bsr${s}`, `bsr${s} ${B}, ${A}`, 0x2222n, x, 0n, CF | OF | SF | AF | PF);
          add(`popcnt${s}`, `popcnt${s} ${B}, ${A}`, 0n, x, 0n, 0);
          add(`lzcnt${s}`, `lzcnt${s} ${B}, ${A}`, 0n, x, 0n, OF | SF | AF | PF);
          add(`tzcnt${s}`, `tzcnt${s} ${B}, ${A}`, 0n, x, 0n, OF | SF | AF | PF);
          for (const op of ['bt', 'bts', 'btr', 'btc']) add(`${op}${s}-imm`, `${op}${s} $${size - 3}, ${A}`, x, 0n, 0n, OF | SF | AF | PF);
        }
        if (size >= 32) add(`bswap${s}`, `bswap ${A}`, x, 0n, 0n, 0);
        for (const [y] of [[vals[3]!], [vals[5]!], [1n]]) {
          const fused = y !== vals[5];
          // cmp then all 16 conditions through setcc and cmov.
          const sets = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
          // setcc reads the flags of the preceding operation (no flag writer in between:
          // movzbl, shl and or are replaced by flag-neutral code: setcc into memory bytes).
          const collect = sets.map((c, i) => `set${c} ${i}(%rsp)`).join('\n') + '\n mov (%rsp), %rdx\n mov 8(%rsp), %rcx\n add %rcx, %rdx';
          for (const [op, undef] of fused ? [['cmp', 0], ['add', 0], ['sub', 0], ['test', AF], ['and', AF], ['xor', AF]] as const : []) {
            add(`setcc-after-${op}${s}`, `lea -16(%rsp), %rsp\n ${op}${s} ${B}, ${A}\n${collect}\n lea 16(%rsp), %rsp`, x, y!, 0n, undef);
          }
          for (const [op, undef] of fused ? [['inc', 0], ['dec', 0], ['neg', 0], ['shl $1,', AF], ['sar $1,', AF]] as const : []) {
            add(`setcc-after-${op}${s}`, `lea -16(%rsp), %rsp\n ${op.replace(' ', s + ' ').replace(/^(inc|dec|neg)$/, '$1' + s)} ${A}\n${collect}\n lea 16(%rsp), %rsp`, x, y!, 0n, undef);
          }
          add(`setcc${s}`, `cmp${s} ${B}, ${A}\n xor %edx, %edx\n` + sets.map((c, i) => `set${c} %cl\n movzbl %cl, %ecx\n shl $${i}, %ecx\n or %ecx, %edx`).join('\n'), x, y!, 0n, 0);
          if (size !== 8) add(`cmovcc${s}`, `cmp${s} ${B}, ${A}\n cmovl${s === 'w' ? 'w' : s === 'l' ? 'l' : 'q'} ${B}, ${REG.d![size]}`, x, y!, 0n, 0, 0x77n);
        }
      }
      add(`cbw-family`, `cbtw\n mov %rax, %rbx\n cwtl\n mov %rax, %rdx\n cltq`, 0x1234567880n, 0n, 0n, 0);
      add(`cwd-family`, `cwtd\n mov %rdx, %rbx\n cltd\n cqto`, 0x80008000_80008000n, 0n, 0n, 0);
      add(`movsx`, `movsbq %al, %rbx\n movswl %ax, %edx\n movslq %eax, %rax`, 0x1234_5678_8000_8080n, 0n, 0n, 0);
      add(`movzx`, `movzbq %al, %rbx\n movzwl %ax, %edx\n movzbw %ah, %ax`, 0x1234_5678_8000_8080n, 0n, 0n, 0);
      add(`lahf-sahf`, `lahf\n mov %rax, %rbx\n mov $0xd5, %ah\n sahf`, 0n, 0n, 0n, 0);
      add(`clc-stc-cmc`, `stc\n cmc\n setc %bl\n stc\n setc %dl\n clc`, 0n, 0n, 0n, 0);
    }
  }
  return out;
}

function program(list: ReturnType<typeof cases>): string {
  const lines = ['.globl _start', '.text', '_start:', '  lea buf(%rip), %rdi'];
  for (const { setup, c } of list) {
    lines.push(`  push $${setup.flags}`, '  popfq');
    lines.push(`  movabs $0x${BigInt.asUintN(64, setup.a).toString(16)}, %rax`);
    lines.push(`  movabs $0x${BigInt.asUintN(64, setup.b).toString(16)}, %rbx`);
    lines.push(`  movabs $0x${BigInt.asUintN(64, setup.c).toString(16)}, %rcx`);
    lines.push(`  movabs $0x${BigInt.asUintN(64, setup.d).toString(16)}, %rdx`);
    // movabs does not touch flags, so the popfq above is what the operation sees.
    lines.push('  ' + c.asm.replace(/\n/g, '\n  '));
    lines.push('  pushfq', '  pop %r15', '  mov %rax, (%rdi)', '  mov %rbx, 8(%rdi)', '  mov %rdx, 16(%rdi)', '  mov %r15, 24(%rdi)', '  add $32, %rdi');
  }
  lines.push('  mov $1, %eax', '  mov $1, %edi', '  lea buf(%rip), %rsi', `  mov $${list.length * 32}, %edx`, '  syscall');
  lines.push('  mov $60, %eax', '  xor %edi, %edi', '  syscall');
  lines.push('.bss', '.align 16', `buf: .skip ${list.length * 32}`);
  return lines.join('\n') + '\n';
}

describe.skipIf(!haveTools())('x86-64 integer instructions and flags vs native', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);
  const list = cases();
  const elf = buildElf(program(list));
  const native = runNative(elf);

  for (const engine of ['compiled blocks', 'single instructions'] as const) {
    it(`${list.length} cases match the host CPU (${engine})`, () => {
      expect(native.status).toBe(0);
      const m = runElfEmulated(elf, { translateBlocks: engine === 'compiled blocks', hotThreshold: 0, budget: 100_000_000 });
      expect(m.exception).toBeNull();
      expect(m.exitStatus).toBe(0);
      expect(m.cpu.untranslated.size).toBe(0);
      const got = Buffer.from(m.stdout);
      expect(got.length).toBe(native.stdout.length);
      const mismatches: string[] = [];
      list.forEach(({ c }, i) => {
        const at = i * 32;
        const n = [0, 8, 16, 24].map((o) => native.stdout.readBigUint64LE(at + o));
        const e = [0, 8, 16, 24].map((o) => got.readBigUint64LE(at + o));
        const mask = BigInt(~c.undefinedFlags & 0xffffffff) | 0xffffffff00000000n;
        const same = n[0] === e[0] && n[1] === e[1] && n[2] === e[2] && (n[3]! & mask) === (e[3]! & mask);
        if (!same) mismatches.push(`${c.label}: native ${n.map((v) => v.toString(16)).join(' ')} emu ${e.map((v) => v.toString(16)).join(' ')}`);
      });
      expect(mismatches.slice(0, 20)).toEqual([]);
    });
  }
});
