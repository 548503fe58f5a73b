// The x86-64 vDSO's __vdso_clock_gettime run as guest code at CPL 3 on the emulated CPU,
// against a vvar page written here: the time is base + (rdtsc − cycle_last) · mult >> shift,
// carried into seconds — also when the bases are seconds old (a program that only calls the
// vDSO never lets the kernel refresh them; the carry is then one division, not a loop), at the
// exact second boundary, and for REALTIME's base. The counter comes from tscSourceNs, as vrun
// wires it.

import { describe, expect, it } from 'vitest';
import { vdsoImage } from '@vsys/vdso';
import { createMachine, startUser, USER_STACK_TOP, USER_TEXT } from '../packages/emu/src/x86_64/testing/harness.js';
import { vdsoLayout } from '../packages/cli/src/vrun/stats/vdso-calls.js';

const VDSO = 0x7f0000010000;
const VVAR = VDSO - 0x6000;
const BUF = 0x600000;
const CYCLE_LAST = 5_000_000_000_000;

/** Calls __vdso_clock_gettime(clockId, BUF) with the counter `delta` past cycle_last. */
function run(clockId: number, delta: number, base: { sec: number; nsec: number }): { sec: bigint; nsec: bigint; instructions: number } {
  const image = vdsoImage('x86_64')!;
  const entry = vdsoLayout(image).functions.find((f) => f.name === '__vdso_clock_gettime')!.offset;
  const m = createMachine();
  for (let off = 0; off < image.length; off += 4096) m.mapUser(VDSO + off, { write: false, exec: true }, image.subarray(off, off + 4096));
  // vvar (packages/kernel/src/time/vvar.ts): seq 2, clock mode 1, cycle_last, mult 2^24, shift 24,
  // basetime[clockId] = { sec, nsec }.
  const vvar = new Uint8Array(96);
  const v = new DataView(vvar.buffer);
  v.setUint32(0, 2, true);
  v.setUint32(4, 1, true);
  v.setBigUint64(8, BigInt(CYCLE_LAST), true);
  v.setUint32(16, 1 << 24, true);
  v.setUint32(20, 24, true);
  v.setBigUint64(64 + clockId * 16, BigInt(base.sec), true);
  v.setBigUint64(64 + clockId * 16 + 8, BigInt(base.nsec), true);
  m.mapUser(VVAR, { write: false, exec: false }, vvar);
  m.mapUser(BUF, { write: true, exec: false });
  // The caller: `mov $60, %eax; syscall` (exit) at USER_TEXT, which the vDSO returns to.
  m.mapUser(USER_TEXT, { write: false, exec: true }, new Uint8Array([0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05]));
  startUser(m, VDSO + Number(entry));
  const sp = BigInt(USER_STACK_TOP - 128);
  m.cpu.setReg(4, sp);
  m.physical.writeBytes(m.tables.translate(m.root, Number(sp))!.phys, new Uint8Array(new BigUint64Array([BigInt(USER_TEXT)]).buffer));
  m.cpu.setReg(7, BigInt(clockId)); // rdi
  m.cpu.setReg(6, BigInt(BUF)); // rsi
  m.cpu.tscSourceNs = () => CYCLE_LAST + delta;
  const before = m.cpu.counters.retiredUser;
  m.run(10_000);
  const out = new DataView(m.physical.bytes.buffer, m.physical.bytes.byteOffset + m.tables.translate(m.root, BUF)!.phys, 16);
  expect(m.exitStatus).not.toBeNull(); // returned to the caller, which exited
  return { sec: out.getBigUint64(0, true), nsec: out.getBigUint64(8, true), instructions: m.cpu.counters.retiredUser - before };
}

describe('x86-64 vDSO clock_gettime on the emulated CPU', () => {
  it('adds the counter delta to the base (MONOTONIC, fresh bases)', () => {
    const r = run(1, 500, { sec: 100, nsec: 999_999_000 });
    expect([r.sec, r.nsec]).toEqual([100n, 999_999_500n]);
  });

  it('carries exactly at the second boundary, and one second without a branch', () => {
    const r = run(1, 1_000, { sec: 100, nsec: 999_999_000 });
    expect([r.sec, r.nsec]).toEqual([101n, 0n]);
    const almost = run(1, 999, { sec: 100, nsec: 999_999_000 });
    expect([almost.sec, almost.nsec]).toEqual([100n, 999_999_999n]);
    const one = run(1, 1_499_999_999, { sec: 100, nsec: 500_000_000 });
    expect([one.sec, one.nsec]).toEqual([101n, 999_999_999n]);
    expect(one.instructions).toBe(almost.instructions); // the carry took no other path
  });

  it('carries several seconds in one division when the bases are old', () => {
    const r = run(1, 5_700_000_123, { sec: 100, nsec: 999_999_000 });
    expect([r.sec, r.nsec]).toEqual([106n, 699_999_123n]);
    const hours = run(0, 7_200_000_000_017, { sec: 1_767_225_600, nsec: 5 });
    expect([hours.sec, hours.nsec]).toEqual([1_767_232_800n, 22n]);
    // one division, not thousands of subtractions
    expect(hours.instructions).toBeLessThan(60);
  });
});
