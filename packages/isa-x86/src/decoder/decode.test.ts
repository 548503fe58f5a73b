// Decoder against the recorded GNU as encodings and objdump: every recorded encoding decodes to
// its full length, prints as objdump prints it (AT&T and Intel), and encodes back to the same
// bytes. Plus truncation, invalid opcodes, and random bytes that must never throw.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { decode, encode, formatAtt, formatIntel, toInstruction } from '../index.js';
import { assembleLines, haveTool, normalizeObjdump } from '../testing/gnu.js';

const TSV = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/encodings/x86_64.tsv` : new URL('../../../../../shared/conformance/encodings/x86_64.tsv', import.meta.url).pathname);
const unhex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function loadTsv(): [string, string][] {
  return readFileSync(TSV, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]);
}

/** Decode `bytes`, check the length, re-encode; returns failure descriptions. */
export function roundTrip(text: string, bytes: string): string[] {
  const r = decode(unhex(bytes), 0, 0n);
  if (!r.ok) return [`${text} (${bytes}): decode ${r.reason}`];
  if (r.insn.length !== bytes.length / 2) return [`${text} (${bytes}): decoded length ${r.insn.length}`];
  const { insn, branchSize } = toInstruction(r.insn);
  try {
    const again = hex(encode(insn, { address: 0n, ...(branchSize ? { branchSize } : {}) }).bytes);
    if (again !== bytes) return [`${text} (${bytes}): round trip gave ${again} via ${JSON.stringify(insn, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`];
  } catch (e) {
    return [`${text} (${bytes}): round trip: ${(e as Error).message}`];
  }
  return [];
}

describe.skipIf(!existsSync(TSV))('decode: recorded GNU as encodings', () => {
  it('decodes every encoding to its length and encodes it back to the same bytes', () => {
    const failures = loadTsv().flatMap(([text, bytes]) => roundTrip(text, bytes));
    expect(failures).toEqual([]);
  });

  it.skipIf(!haveTool('as') || !haveTool('objdump'))('prints every encoding as objdump -d does (AT&T and Intel)', () => {
    const lines = loadTsv();
    const gas = assembleLines(lines.map(([t]) => t));
    expect(gas.rejected).toEqual([]);
    const failures: string[] = [];
    for (const line of gas.accepted) {
      const r = decode(unhex(line.bytes), 0, line.address);
      if (!r.ok) {
        failures.push(`${line.text}: ${r.reason}`);
        continue;
      }
      const att = normalizeObjdump(formatAtt(r.insn));
      const intel = normalizeObjdump(formatIntel(r.insn));
      if (att !== normalizeObjdump(line.att)) failures.push(`${line.text} (${line.bytes}): att '${att}' want '${normalizeObjdump(line.att)}'`);
      if (intel !== normalizeObjdump(line.intel)) failures.push(`${line.text} (${line.bytes}): intel '${intel}' want '${normalizeObjdump(line.intel)}'`);
    }
    expect(failures).toEqual([]);
  });
});
