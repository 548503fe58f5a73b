// Test helper: run GNU as on many lines at once and read back, per line, the bytes it emitted
// and the text objdump -d prints for them. Lines GAS rejects are reported separately (so the
// caller can check that the encoder rejects them too) and left out of the object file.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

export interface GasLine {
  text: string;
  /** Offset of the instruction in .text (the value of `.` on its line). */
  address: bigint;
  bytes: string; // hex
  att: string; // objdump -d instruction text
  intel: string; // objdump -d -M intel instruction text
}

export interface GasResult {
  accepted: GasLine[];
  rejected: { text: string; error: string }[];
}

interface Dumped {
  address: bigint;
  bytes: string;
  text: string;
}

function objdump(obj: string, intel: boolean): Dumped[] {
  const raw = ['-d', '-w', obj];
  if (intel) raw.splice(1, 0, '-M', 'intel');
  const withBytes = spawnSync('objdump', raw, { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const out: Dumped[] = [];
  for (const line of withBytes.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f ]+)\t(.*)$/.exec(line);
    if (m) out.push({ address: BigInt(`0x${m[1]}`), bytes: m[2]!.replace(/ /g, ''), text: m[3]!.trim() });
  }
  return out;
}

/** Assemble `lines` (one instruction each) with GNU as in 64-bit mode. */
export function assembleLines(lines: string[]): GasResult {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-isa-x86-'));
  try {
    let kept = lines.map((text) => text);
    const rejected: { text: string; error: string }[] = [];
    for (let pass = 0; pass < 4; pass++) {
      writeFileSync(join(dir, 'a.s'), `.text\n${kept.join('\n')}\n`);
      const r = spawnSync('as', ['--64', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (r.status === 0) break;
      const bad = new Map<number, string>();
      for (const m of r.stderr.matchAll(/a\.s:(\d+): Error: (.*)/g)) bad.set(Number(m[1]) - 2, m[2]!);
      if (bad.size === 0) throw new Error(`as failed: ${r.stderr.slice(0, 2000)}`);
      for (const [i, error] of bad) rejected.push({ text: kept[i]!, error });
      kept = kept.filter((_, i) => !bad.has(i));
    }
    const att = objdump(join(dir, 'a.o'), false);
    const intel = objdump(join(dir, 'a.o'), true);
    if (att.length !== kept.length || intel.length !== kept.length) {
      throw new Error(`objdump listed ${att.length}/${intel.length} instructions for ${kept.length} lines`);
    }
    return {
      accepted: kept.map((text, i) => ({ text, address: att[i]!.address, bytes: att[i]!.bytes, att: att[i]!.text, intel: intel[i]!.text })),
      rejected,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** objdump text with whitespace collapsed and `# address` / `<symbol>` annotations removed. */
export function normalizeObjdump(text: string): string {
  return text.replace(/\s+#.*$/, '').replace(/\s*<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}
