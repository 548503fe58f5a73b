// Helpers that run the GNU oracles (aarch64-linux-gnu-as / -objdump) for differential tests.
// Every helper reports a missing tool by returning undefined, so tests can skip clearly.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_AS = 'aarch64-linux-gnu-as';
export const GNU_OBJDUMP = 'aarch64-linux-gnu-objdump';

export function haveTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-a64-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The words of an object's code and objdump's text for each (from `objdump -d -z`). */
function disassemble(dir: string, obj: string): { word: number; text: string }[] {
  const out = execFileSync(GNU_OBJDUMP, ['-d', '-z', join(dir, obj)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const rows: { word: number; text: string }[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*[0-9a-f]+:\t([0-9a-f]{8}) \t?(.*)$/.exec(line);
    if (!m) continue;
    rows.push({ word: parseInt(m[1]!, 16) >>> 0, text: m[2]!.replace(/\s+$/, '') });
  }
  return rows;
}

/** Assemble lines with GNU as (one instruction per line, consecutive addresses from 0).
 *  Returns per line the word, or the error GNU as reported for it. */
export function gnuAssemble(lines: string[], extraArgs: string[] = []): ({ word: number } | { error: string })[] {
  return withTemp((dir) => {
    const src = join(dir, 'in.s');
    writeFileSync(src, lines.map((l) => `\t${l}\n`).join(''));
    const r = spawnSync(GNU_AS, [...extraArgs, '-o', join(dir, 'in.o'), src], { encoding: 'utf8' });
    const errors = new Map<number, string>();
    for (const l of (r.stderr ?? '').split('\n')) {
      const m = /in\.s:(\d+): Error: (.*)$/.exec(l);
      if (m) errors.set(Number(m[1]) - 1, m[2]!);
    }
    if (errors.size === 0 && r.status === 0) return disassemble(dir, 'in.o').map((row) => ({ word: row.word }));
    // re-assemble the good lines alone so addresses stay aligned: replace bad ones by a marker word
    const patched = lines.map((l, i) => (errors.has(i) ? '.inst 0xdeadbeef' : l));
    writeFileSync(src, patched.map((l) => `\t${l}\n`).join(''));
    const r2 = spawnSync(GNU_AS, [...extraArgs, '-o', join(dir, 'in.o'), src], { encoding: 'utf8' });
    if (r2.status !== 0) throw new Error(`GNU as failed: ${r2.stderr}`);
    return disassemble(dir, 'in.o').map((row, i) => (errors.has(i) ? { error: errors.get(i)! } : { word: row.word }));
  });
}

/** objdump -d text of words placed at consecutive addresses from 0 (`<sym>` suffixes removed
 *  unless `keepSymbols`). */
export function gnuDisassemble(words: number[], keepSymbols = false): string[] {
  return withTemp((dir) => {
    const src = join(dir, 'in.s');
    writeFileSync(src, words.map((w) => `\t.inst 0x${(w >>> 0).toString(16).padStart(8, '0')}\n`).join(''));
    execFileSync(GNU_AS, ['-o', join(dir, 'in.o'), src]);
    return disassemble(dir, 'in.o').map((r) => (keepSymbols ? r.text : r.text.replace(/ <[^>]*>/, '')));
  });
}

export function readTsv(path: string): { text: string; word: number }[] {
  const rows: { text: string; word: number }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [text, hex] = line.split('\t');
    const bytes = hex!.trim().match(/../g)!.map((b) => parseInt(b, 16));
    rows.push({ text: text!, word: (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0 });
  }
  return rows;
}
