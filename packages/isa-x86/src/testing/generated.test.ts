// The generated differential test: lines generated from the table (every form x sizes x
// registers x addressing modes x immediate edges) are assembled by GNU as in one file; the
// encoder must produce the same bytes for every line GAS accepts and reject every line GAS
// rejects; the decoder must decode GAS's bytes, print them as objdump does, and round-trip.
import { describe, expect, it } from 'vitest';
import { decode, encode, formatAtt, formatIntel, toInstruction, EncodeError } from '../index.js';
import { assembleLines, haveTool, normalizeObjdump, type GasResult } from './gnu.js';
import { generateLines, prefixByteLines, symbolicLines } from './generate.js';
import { readAtt } from './att-reader.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const tools = haveTool('as') && haveTool('objdump');
if (!tools) console.warn('isa-x86 generated tests skipped: GNU as/objdump not installed');

describe.skipIf(!tools)('generated forms against GNU as and objdump', () => {
  let gas: GasResult;
  const lines = generateLines();
  const report = (label: string, failures: string[]): void => {
    // Show a few failures per mnemonic so that one systematic mistake does not hide the others.
    const perMnemonic = new Map<string, number>();
    const shown = failures.filter((f) => {
      const key = f.split(' ')[0]!;
      const n = (perMnemonic.get(key) ?? 0) + 1;
      perMnemonic.set(key, n);
      return n <= 3;
    });
    if (failures.length) console.log(`${label}: ${failures.length} failures\n${shown.slice(0, 150).join('\n')}`);
  };

  it('generates a large set from the table', () => {
    expect(lines.length).toBeGreaterThan(3000);
    gas = assembleLines(lines);
    expect(gas.accepted.length).toBeGreaterThan(3000);
  });

  it('encodes every line GAS accepts to the same bytes', () => {
    const failures: string[] = [];
    for (const line of gas.accepted) {
      try {
        const got = hex(encode(readAtt(line.text, line.address), { address: line.address }).bytes);
        if (got !== line.bytes) failures.push(`${line.text}: got ${got}, want ${line.bytes}`);
      } catch (e) {
        failures.push(`${line.text}: ${(e as Error).message} (want ${line.bytes})`);
      }
    }
    report('encode', failures);
    expect(failures).toEqual([]);
  });

  it('rejects every line GAS rejects', () => {
    const failures: string[] = [];
    for (const { text, error } of gas.rejected) {
      try {
        const got = hex(encode(readAtt(text)).bytes);
        failures.push(`${text}: GAS says '${error}', we encoded ${got}`);
      } catch (e) {
        if (!(e instanceof EncodeError)) failures.push(`${text}: threw ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    report('reject', failures);
    expect(failures).toEqual([]);
  });

  it('decodes, prints like objdump (AT&T and Intel) and round-trips GAS bytes', () => {
    const failures: string[] = [];
    for (const line of gas.accepted) {
      const r = decode(unhex(line.bytes), 0, line.address);
      if (!r.ok || r.insn.length !== line.bytes.length / 2) {
        failures.push(`${line.text} (${line.bytes}): decode ${r.ok ? `length ${r.insn.length}` : r.reason}`);
        continue;
      }
      const att = normalizeObjdump(formatAtt(r.insn));
      if (att !== normalizeObjdump(line.att)) failures.push(`${line.text} (${line.bytes}): att '${att}' want '${normalizeObjdump(line.att)}'`);
      const intel = normalizeObjdump(formatIntel(r.insn));
      if (intel !== normalizeObjdump(line.intel)) failures.push(`${line.text} (${line.bytes}): intel '${intel}' want '${normalizeObjdump(line.intel)}'`);
      const { insn, branchSize } = toInstruction(r.insn);
      try {
        const again = hex(encode(insn, { address: line.address, ...(branchSize ? { branchSize } : {}) }).bytes);
        if (again !== line.bytes) failures.push(`${line.text} (${line.bytes}): round trip gave ${again}`);
      } catch (e) {
        failures.push(`${line.text} (${line.bytes}): round trip: ${(e as Error).message}`);
      }
    }
    report('decode', failures);
    expect(failures).toEqual([]);
  });

  it('encodes symbolic operands as GAS does before relocation (widest field, zero-filled)', () => {
    const sym = assembleLines(symbolicLines());
    expect(sym.rejected).toEqual([]);
    const failures: string[] = [];
    for (const line of sym.accepted) {
      try {
        const got = hex(encode(readAtt(line.text, line.address), { address: line.address }).bytes);
        if (got !== line.bytes) failures.push(`${line.text}: got ${got}, want ${line.bytes}`);
      } catch (e) {
        failures.push(`${line.text}: ${(e as Error).message} (want ${line.bytes})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('names prefixes that do nothing as objdump does (data16, cs, rex.W, notrack, bnd, hints)', () => {
    const raw = assembleLines(prefixByteLines());
    expect(raw.rejected).toEqual([]);
    const failures: string[] = [];
    for (const line of raw.accepted) {
      const r = decode(unhex(line.bytes), 0, line.address);
      if (!r.ok) {
        failures.push(`${line.bytes}: ${r.reason} (objdump: ${line.att})`);
        continue;
      }
      const att = normalizeObjdump(formatAtt(r.insn));
      if (att !== normalizeObjdump(line.att)) failures.push(`${line.bytes}: att '${att}' want '${normalizeObjdump(line.att)}'`);
      const intel = normalizeObjdump(formatIntel(r.insn));
      if (intel !== normalizeObjdump(line.intel)) failures.push(`${line.bytes}: intel '${intel}' want '${normalizeObjdump(line.intel)}'`);
    }
    expect(failures).toEqual([]);
  });
});
