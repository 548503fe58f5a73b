// Test helper: compare vasm with GNU as line by line on a corpus of x86-64 source lines.
//
// Every corpus line goes into a section of its own (`.section .tN,"ax"`), so one run of each
// assembler gives, per line, the bytes and relocations it produced, or the error it reported.
// Lines that set state (`.intel_syntax noprefix`, `.set`, a `.macro` body) stay in order, so
// later lines see it. GNU as is run again with the lines it rejected blanked out (it stops
// reporting after some errors), so both sides' verdicts on every line are known.
//
// Result per line: both accept and agree (ok), both reject (ok), GAS rejects and vasm accepts
// (`accepted`: vasm must reject), vasm rejects and GAS accepts (`rejected`), or both accept with
// different bytes / relocations (`mismatch`).

import { readObject, writeRelocatable, type ObjectFile } from '@vsys/elf';
import { assemble } from '../assemble.js';
import { gnuAssemble } from './gnu.js';

export interface LineVerdict {
  line: string;
  /** 1-based number in the corpus. */
  number: number;
  kind: 'ok' | 'accepted' | 'rejected' | 'mismatch' | 'warning';
  detail: string;
}

interface PerLine {
  bytes: string;
  relocs: string[];
}

/** Section name of corpus line i. */
const sectionOf = (i: number): string => `.t${i}`;

function build(lines: string[], blank: Set<number>): string {
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(`.section ${sectionOf(i)},"ax",@progbits`);
    out.push(blank.has(i) ? '' : l);
  });
  return `${out.join('\n')}\n`;
}

/** Source line number (1-based) of corpus line i in build()'s output. */
const sourceLineOf = (i: number): number => 2 * i + 2;
const corpusIndexOf = (sourceLine: number): number => (sourceLine - 2) / 2;

function perLine(obj: ObjectFile): Map<number, PerLine> {
  const out = new Map<number, PerLine>();
  const symName = (k: number): string => {
    if (k < 0) return '*ABS*';
    const s = obj.symbols[k]!;
    if (s.type === 3 && s.section.kind === 'section') return obj.sections[s.section.index]?.name ?? '?';
    return s.name;
  };
  for (const s of obj.sections) {
    const m = /^\.t(\d+)$/.exec(s.name);
    if (!m) continue;
    out.set(Number(m[1]), {
      bytes: Buffer.from(s.data).toString('hex'),
      relocs: s.relocations.map((r) => `${r.offset}:${r.type}:${symName(r.symbol)}${r.addend < 0n ? '' : '+'}${r.addend}`).sort(),
    });
  }
  return out;
}

/** GAS's rejected corpus lines (index → message) and its per-line output for the rest. */
interface Run {
  rejected: Map<number, string>;
  out: Map<number, PerLine>;
  /** Corpus lines that got a warning in the final (successful) run. */
  warned: Set<number>;
}

function runGas(lines: string[]): Run {
  const rejected = new Map<number, string>();
  for (let pass = 0; pass < 6; pass++) {
    const r = gnuAssemble(build(lines, new Set(rejected.keys())));
    if (r.bytes) {
      const warned = new Set([...r.stderr.matchAll(/:(\d+): Warning: /g)].map((m) => corpusIndexOf(Number(m[1]))));
      return { rejected, out: perLine(readObject(r.bytes)), warned };
    }
    let found = 0;
    for (const m of r.stderr.matchAll(/:(\d+): Error: (.*)/g)) {
      const i = corpusIndexOf(Number(m[1]));
      if (Number.isInteger(i) && !rejected.has(i)) {
        rejected.set(i, m[2]!);
        found++;
      }
    }
    if (found === 0) throw new Error(`GNU as failed without a line: ${r.stderr.slice(0, 1000)}`);
  }
  throw new Error('GNU as kept failing');
}

function runVasm(lines: string[], blank: Set<number>): Run {
  const rejected = new Map<number, string>();
  let current = new Set(blank);
  for (let pass = 0; pass < 6; pass++) {
    const r = assemble(build(lines, current), { arch: 'x86_64', file: 'corpus.s' });
    if (r.object) {
      const warned = new Set(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => corpusIndexOf(d.loc.line)));
      return { rejected, out: perLine(readObject(writeRelocatable(r.object))), warned };
    }
    let found = 0;
    for (const d of r.diagnostics) {
      if (d.severity !== 'error') continue;
      const i = corpusIndexOf(d.loc.line);
      if (Number.isInteger(i) && i >= 0 && !rejected.has(i) && !current.has(i)) {
        rejected.set(i, d.message);
        found++;
      }
    }
    if (found === 0) throw new Error(`vasm failed without a line: ${r.diagnostics.map((d) => `${d.loc.line}: ${d.message}`).join('; ')}`);
    current = new Set([...current, ...rejected.keys()]);
  }
  throw new Error('vasm kept failing');
}

/** Compare the two assemblers on every line of `lines`. */
export function compareLines(lines: string[]): LineVerdict[] {
  const gas = runGas(lines);
  // vasm's verdict on GAS-rejected lines: assemble the whole corpus once as written.
  const vasmAll = runVasm(lines, new Set());
  const vasm = runVasm(lines, new Set(gas.rejected.keys()));
  return lines.map((line, i): LineVerdict => {
    const number = i + 1;
    const gasErr = gas.rejected.get(i);
    const vasmErr = vasmAll.rejected.get(i) ?? vasm.rejected.get(i);
    if (gasErr !== undefined) {
      if (vasmAll.rejected.has(i)) return { line, number, kind: 'ok', detail: `both reject (GAS: ${gasErr})` };
      return { line, number, kind: 'accepted', detail: `GAS rejects: ${gasErr}` };
    }
    if (vasmErr !== undefined) return { line, number, kind: 'rejected', detail: `vasm rejects: ${vasmErr}; GAS: ${gas.out.get(i)?.bytes}` };
    const g = gas.out.get(i) ?? { bytes: '', relocs: [] };
    const v = vasm.out.get(i) ?? { bytes: '', relocs: [] };
    if (g.bytes !== v.bytes) return { line, number, kind: 'mismatch', detail: `bytes ${v.bytes}, GAS ${g.bytes}` };
    if (g.relocs.join() !== v.relocs.join()) return { line, number, kind: 'mismatch', detail: `relocs ${v.relocs.join(' ')}, GAS ${g.relocs.join(' ')}` };
    // Lines after a rejected one may see different state only through vasm's own blanking, so
    // warnings are compared on the lines both accept.
    if (gas.warned.has(i) !== vasm.warned.has(i)) return { line, number, kind: 'warning', detail: gas.warned.has(i) ? 'GAS warns, vasm does not' : 'vasm warns, GAS does not' };
    return { line, number, kind: 'ok', detail: '' };
  });
}

export { sourceLineOf };
