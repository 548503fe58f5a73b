// Branch relaxation against GNU as: random programs of labels, jumps and conditional jumps
// (forward and backward, to labels at random distances), `.skip` padding, alignment and
// `loop`/`jrcxz` (rel8 only, kept in range), with and without globals. Growing one branch
// moves others out of range, so the widths only settle after several rounds; the bytes must
// be GNU as's, byte for byte.
import { describe, expect, it } from 'vitest';
import { readObject } from '@vsys/elf';
import { assemble, formatDiagnostic } from '../index.js';
import { gnuAssemble, hasTool } from '../testing/gnu.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function program(seed: number): string {
  const rand = rng(seed);
  const n = 60;
  const out = ['\t.text', '\t.globl L5, L17'];
  const jumps = ['jmp', 'je', 'jne', 'jl', 'jge', 'ja', 'jbe', 'js', 'jo'];
  for (let i = 0; i < n; i++) {
    out.push(`L${i}:`);
    const k = Math.floor(rand() * 10);
    const target = `L${Math.floor(rand() * n)}`;
    if (k < 5) out.push(`\t${jumps[Math.floor(rand() * jumps.length)]} ${target}`);
    else if (k === 5) out.push(`\t.skip ${1 + Math.floor(rand() * 140)}, 0x90`);
    else if (k === 6) out.push(`\t.p2align ${Math.floor(rand() * 5)}`);
    else if (k === 7) out.push(`\tcall ${target}`);
    else if (k === 8) out.push(`\tjmp ${rand() < 0.5 ? 'ext' : target}`);
    else out.push('\tnop');
  }
  out.push('\t.byte 0xc3');
  return out.join('\n') + '\n';
}

describe.skipIf(!hasTool('as'))('relaxation vs GNU as', () => {
  it.each(Array.from({ length: Number(process.env.RELAX_SEEDS ?? 30) }, (_, i) => 1000 + i))('random branchy program (seed %i)', (seed) => {
    const source = program(seed);
    const ours = assemble(source, { arch: 'x86_64', file: 'relax.s' });
    expect(ours.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
    const gnu = gnuAssemble(source);
    expect(gnu.stderr).toBe('');
    const theirs = readObject(gnu.bytes!).sections.find((s) => s.name === '.text')!;
    const mine = ours.object!.sections.find((s) => s.name === '.text')!;
    expect(Buffer.from(mine.data).toString('hex')).toBe(Buffer.from(theirs.data).toString('hex'));
    const rel = (rs: typeof mine.relocations) => rs.map((r) => `${r.offset}:${r.type}:${r.addend}`).sort();
    expect(rel(mine.relocations)).toEqual(rel(theirs.relocations));
  });
});
