#!/usr/bin/env node
// Assembler throughput: generate a large source per ISA (≥ 200,000 lines: instructions with
// registers, memory operands, immediates and symbols, labels, local branches, data directives,
// comments), then time `assemble` + `writeRelocatable` from the built dist (`npm run setup` or
// `npx tsc -b packages/asm packages/elf` first) and GNU as (x86-64) / aarch64-linux-gnu-as
// (ARM64) on the same file in the same run. Prints lines per second for each and the ratio.
// The goal is 1,000,000 lines/s.
//
//   node bench/assemble.mjs [--lines N] [--runs R] [--arch x86_64|arm64|all]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, option } from './common.mjs';

const lines = Number(option('lines', '200000'));
const runs = Number(option('runs', '3'));
const archOption = option('arch', 'all');

/** A deterministic x86-64 source of about `n` lines. */
function generateX86(n) {
  const regs = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
  const r32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'r8d', 'r9d'];
  const out = ['\t.text', '\t.globl _start', '_start:'];
  let i = 0;
  while (out.length < n - 8) {
    const a = regs[i % regs.length];
    const b = regs[(i * 7 + 3) % regs.length];
    const c = r32[i % r32.length];
    switch (i % 16) {
      case 0: out.push(`f${i}:`); break;
      case 1: out.push(`\tmovq %${a}, %${b}`); break;
      case 2: out.push(`\taddq $${i % 1000}, %${a}\t# counter`); break;
      case 3: out.push(`\tmovl ${(i % 64) * 8}(%${a},%${b},8), %${c}`); break;
      case 4: out.push(`\tleaq table+${i % 32}(%rip), %${a}`); break;
      case 5: out.push(`\tcmpq $${i % 200 - 100}, %${b}`); break;
      case 6: out.push(`\tjne 1f`); break;
      case 7: out.push(`\txorl %${c}, %${c}`); break;
      case 8: out.push(`1:\tsubq %${b}, %${a}`); break;
      case 9: out.push(`\tmovq %${a}, -${(i % 16) * 8 + 8}(%rsp)`); break;
      case 10: out.push(`\tcall f${i - 10}`); break;
      case 11: out.push(`\ttestl %${c}, %${c}`); break;
      case 12: out.push(`\tje f${i - 12}`); break;
      case 13: out.push(`\tpushq %${a}`); break;
      case 14: out.push(`\tpopq %${b}`); break;
      case 15: out.push(`\tret`); break;
    }
    i++;
  }
  out.push('\tmovl $60, %eax', '\txorl %edi, %edi', '\tsyscall', '\t.data', 'table:', '\t.quad 1, 2, 3, 4', '\t.long table - .', '\t.asciz "done"');
  return out.join('\n') + '\n';
}

/** A deterministic ARM64 source of about `n` lines, the same mix as the x86-64 one. */
function generateArm64(n) {
  const out = ['\t.text', '\t.globl _start', '_start:'];
  let i = 0;
  while (out.length < n - 8) {
    const a = i % 29;
    const b = (i * 7 + 3) % 29;
    switch (i % 16) {
      case 0: out.push(`f${i}:`); break;
      case 1: out.push(`\tmov x${a}, x${b}`); break;
      case 2: out.push(`\tadd x${a}, x${a}, #${i % 1000}\t// counter`); break;
      case 3: out.push(`\tldr w${a}, [x${b}, #${(i % 64) * 4}]`); break;
      case 4: out.push(`\tadrp x${a}, table`); break;
      case 5: out.push(`\tcmp x${b}, #${i % 200}`); break;
      case 6: out.push(`\tb.ne 1f`); break;
      case 7: out.push(`\teor w${a}, w${a}, w${a}`); break;
      case 8: out.push(`1:\tsub x${a}, x${a}, x${b}`); break;
      case 9: out.push(`\tstr x${a}, [sp, #-${(i % 16) * 8 + 16}]!`); break;
      case 10: out.push(`\tbl f${i - 10}`); break;
      case 11: out.push(`\ttst w${a}, #0xff`); break;
      case 12: out.push(`\tb.eq f${i - 12}`); break;
      case 13: out.push(`\tstp x${a}, x${b}, [sp, #-16]!`); break;
      case 14: out.push(`\tldp x${a}, x${b}, [sp], #16`); break;
      case 15: out.push(`\tret`); break;
    }
    i++;
  }
  out.push('\tmov x8, #93', '\tmov x0, #0', '\tsvc #0', '\t.data', 'table:', '\t.xword 1, 2, 3, 4', '\t.word table - .', '\t.asciz "done"');
  return out.join('\n') + '\n';
}

const { assemble } = await import(join(repo, 'packages', 'asm', 'dist', 'index.js'));
const { writeRelocatable } = await import(join(repo, 'packages', 'elf', 'dist', 'index.js'));
const arches = archOption === 'all' ? ['x86_64', 'arm64'] : [archOption];
for (const arch of arches) {
  const source = arch === 'arm64' ? generateArm64(lines) : generateX86(lines);
  benchmark(arch, source, arch === 'arm64' ? 'aarch64-linux-gnu-as' : 'as');
}

function benchmark(arch, source, gnuAs) {
const lineCount = source.split('\n').length - 1;
const dir = mkdtempSync(join(tmpdir(), 'vsys-bench-asm-'));
try {
  const file = join(dir, 'big.s');
  writeFileSync(file, source);

  // Warm up on a slice so the JIT has seen the hot paths.
  assemble(source.slice(0, source.indexOf('\n', 200_000) + 1), { arch, file: 'warm.s' });
  let vasmBest = Infinity;
  let vasmCpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const res = assemble(source, { arch, file: 'big.s' });
    if (!res.object) {
      console.error(res.diagnostics.slice(0, 5));
      throw new Error('vasm failed to assemble the benchmark source');
    }
    writeRelocatable(res.object);
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    vasmBest = Math.min(vasmBest, t);
    vasmCpu = Math.min(vasmCpu, (c.user + c.system) / 1e6);
  }

  // GNU as: wall time, and CPU time (user+sys) from bash's `time` when bash is there.
  let gnuBest = null;
  let gnuCpu = null;
  const probe = spawnSync(gnuAs, ['--version'], { stdio: 'ignore' });
  if (probe.status === 0) {
    gnuBest = Infinity;
    for (let r = 0; r < runs; r++) {
      const t0 = process.hrtime.bigint();
      const g = spawnSync('bash', ['-c', `TIMEFORMAT="%U %S"; time ${gnuAs} "$0" -o "$1"`, file, join(dir, 'gnu.o')], { encoding: 'utf8' });
      const t = Number(process.hrtime.bigint() - t0) / 1e9;
      if (g.status !== 0) throw new Error(`GNU as failed:\n${g.stderr}`);
      gnuBest = Math.min(gnuBest, t);
      const m = /([0-9.]+) ([0-9.]+)\s*$/.exec(g.stderr);
      if (m) gnuCpu = Math.min(gnuCpu ?? Infinity, Number(m[1]) + Number(m[2]));
    }
  }

  // Wall time suffers when the machine is shared; CPU time (user+sys) is the steadier measure.
  const rate = (t) => Math.round(lineCount / t).toLocaleString('en-US');
  console.log(`assembler benchmark (${arch}): ${lineCount.toLocaleString('en-US')} lines, best of ${runs}`);
  console.log(`  vasm     wall ${vasmBest.toFixed(3)} s  ${rate(vasmBest)} lines/s   cpu ${vasmCpu.toFixed(3)} s  ${rate(vasmCpu)} lines/s`);
  if (gnuBest !== null) {
    const cpu = gnuCpu !== null ? `   cpu ${gnuCpu.toFixed(3)} s  ${rate(gnuCpu)} lines/s` : '';
    console.log(`  GNU as   wall ${gnuBest.toFixed(3)} s  ${rate(gnuBest)} lines/s${cpu}`);
    console.log(`  ratio    vasm takes ${(vasmBest / gnuBest).toFixed(2)}x the wall time of GNU as` +
      (gnuCpu ? `, ${(vasmCpu / gnuCpu).toFixed(2)}x its CPU time` : ''));
  } else console.log(`  GNU as   ${gnuAs} not installed (binutils / binutils-aarch64-linux-gnu) — no ratio`);
  console.log(`  goal     1,000,000 lines/s (${(lineCount / vasmCpu / 1e6 * 100).toFixed(1)}% of it, CPU time)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}
