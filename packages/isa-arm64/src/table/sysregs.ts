// System registers by name for MRS/MSR. Each is op0:op1:CRn:CRm:op2 as listed in the Arm ARM
// (DDI 0487) chapter D19 "AArch64 System Register Descriptions", section "Accessing …" of each
// register; the names are objdump's (sysregTable.ts). Registers without a name are written
// s<op0>_<op1>_c<CRn>_c<CRm>_<op2>.

import { objdumpSysregTable, readOnlySysregs, writeOnlySysregs } from './sysregTable.js';

export interface SysregEncoding {
  op0: number;
  op1: number;
  CRn: number;
  CRm: number;
  op2: number;
}

const named: Record<string, [number, number, number, number, number]> = {};
/** encoding key → [name MRS prints, name MSR prints] */
const byKey = new Map<number, [string, string]>();
const key = (e: SysregEncoding): number => (e.op0 << 14) | (e.op1 << 11) | (e.CRn << 7) | (e.CRm << 3) | e.op2;
for (const line of objdumpSysregTable) {
  for (const entry of line.split(' ')) {
    const [names, enc] = entry.split(':') as [string, string];
    const [op0, op1, CRn, CRm, op2] = enc.split('.').map(Number) as [number, number, number, number, number];
    const [read, write = read] = names.split('/') as [string, string?];
    named[read] = [op0, op1, CRn, CRm, op2];
    named[write] = [op0, op1, CRn, CRm, op2];
    byKey.set(key({ op0, op1, CRn, CRm, op2 }), [read, write]);
  }
}

export const sysregNames: readonly string[] = Object.keys(named);

/** Encoding of a register name (case-insensitive), incl. the generic s3_1_c2_c3_4 form. */
export function sysregByName(name: string): SysregEncoding | undefined {
  const lower = name.toLowerCase();
  const n = named[lower];
  if (n) return { op0: n[0], op1: n[1], CRn: n[2], CRm: n[3], op2: n[4] };
  const g = /^s([0-3])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/.exec(lower);
  if (!g) return undefined;
  const op0 = Number(g[1]);
  if (op0 < 2) return undefined; // op0 0/1 are instruction/hint spaces, not MRS/MSR registers
  return { op0, op1: Number(g[2]), CRn: Number(g[3]), CRm: Number(g[4]), op2: Number(g[5]) };
}

/** The name objdump prints for an encoding (`write`: as the MSR operand; a few encodings name
 *  a different register for reading and writing, e.g. dbgdtrrx_el0 / dbgdtrtx_el0). */
export function sysregName(e: SysregEncoding, write = false): string {
  const names = byKey.get(key(e));
  return names ? names[write ? 1 : 0] : `s${e.op0}_${e.op1}_c${e.CRn}_c${e.CRm}_${e.op2}`;
}

const readOnly = new Set(readOnlySysregs.flatMap((l) => l.split(' ')));
const writeOnly = new Set(writeOnlySysregs.flatMap((l) => l.split(' ')));

/** GNU as's warning for reading a write-only or writing a read-only register, if any. */
export function sysregAccessWarning(name: string, write: boolean): string | undefined {
  const n = name.toLowerCase();
  if (write && readOnly.has(n)) return 'specified register cannot be written to';
  if (!write && writeOnly.has(n)) return 'specified register cannot be read from';
  return undefined;
}
