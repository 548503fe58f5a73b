// The ARM64 signal frame against Linux's layout (arch/arm64/include/uapi/asm/sigcontext.h,
// ucontext.h; arch/arm64/kernel/signal.c): offsets, the records in __reserved, the registers
// a handler starts with, and rt_sigreturn's checks — each bad frame is refused.
import { describe, expect, it } from 'vitest';
import type { UserMemory } from '../../syscalls/types.js';
import {
  ESR_MAGIC, FPSIMD_CONTEXT_SIZE, FPSIMD_MAGIC, RT_SIGFRAME_SIZE, RT_SIGFRAME_UC, RT_SIGRETURN_MASK_FROM_SP, SC_PC, SC_PSTATE,
  SC_RESERVED, SC_SP, UC_MCONTEXT, UC_SIGMASK, UC_STACK, altStackFlags, restoreArm64RtFrame, setupArm64RtFrame,
  type AltStack, type Arm64FrameSetup, type Arm64UserRegs,
} from './signal-frame.js';

const BASE = 0x10000;
const SIZE = 0x10000;

function memory(): UserMemory & { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(SIZE);
  const view = new DataView(bytes.buffer);
  const inside = (a: number, n: number) => a >= BASE && a + n <= BASE + SIZE;
  return {
    bytes,
    view,
    read: (a, n) => (inside(a, n) ? bytes.slice(a - BASE, a - BASE + n) : null),
    write: (a, d) => {
      if (!inside(a, d.length)) return false;
      bytes.set(d, a - BASE);
      return true;
    },
    readCString: () => null,
  };
}

function registers(sp: bigint): Arm64UserRegs & { xs: bigint[] } {
  const xs = Array.from({ length: 31 }, (_, i) => 0x1000n + BigInt(i));
  const r = { xs, sp, pc: 0x400123n, pstate: 0x60000000n };
  return {
    xs,
    x: (n) => xs[n]!,
    setX: (n, v) => (xs[n] = v),
    get sp() { return r.sp; },
    get pc() { return r.pc; },
    get pstate() { return r.pstate; },
    setSp: (v) => (r.sp = v),
    setPc: (v) => (r.pc = v),
    setPstate: (v) => (r.pstate = v),
  };
}

const NO_ALT: AltStack = { sp: 0n, size: 0n, autodisarm: false };

function setup(over: Partial<Arm64FrameSetup> = {}): Arm64FrameSetup {
  return {
    signo: 11, info: { signo: 11, code: 1, addr: 0x10n }, siginfo: true, onStack: false, handler: 0x400800n,
    returnTo: 0x7000n, savedMask: 0x5n, altStack: NO_ALT, faultAddress: 0x10n, faultEsr: 0x92000006, fpsr: 0x10, fpcr: 0x3000000,
    ...over,
  };
}

const top = BigInt(BASE + SIZE - 0x100 + 8); // not 16-aligned on purpose

describe('arm64 rt_sigframe layout', () => {
  it('has Linux offsets: info 0, uc 128, uc_sigmask 168, uc_mcontext 304, __reserved 592; 4688 bytes', () => {
    expect(RT_SIGFRAME_UC).toBe(128);
    expect(RT_SIGFRAME_UC + UC_SIGMASK).toBe(168);
    expect(RT_SIGFRAME_UC + UC_MCONTEXT).toBe(304);
    expect(SC_SP).toBe(256);
    expect(SC_PC).toBe(264);
    expect(SC_PSTATE).toBe(272);
    expect(RT_SIGFRAME_UC + UC_MCONTEXT + SC_RESERVED).toBe(592);
    expect(RT_SIGFRAME_SIZE).toBe(4688);
    expect(FPSIMD_CONTEXT_SIZE).toBe(528);
    expect(RT_SIGRETURN_MASK_FROM_SP).toBe(168);
  });

  it('writes the frame below a 16-aligned frame record and starts the handler as setup_return does', () => {
    const mem = memory();
    const regs = registers(top);
    const placed = setupArm64RtFrame(mem, regs, setup());
    expect(placed).not.toBeNull();
    const record = (top - 16n) & ~15n;
    const frame = record - 4688n;
    expect(placed!.frame).toBe(frame);
    expect(regs.sp).toBe(frame);
    expect(regs.xs[0]).toBe(11n);
    expect(regs.xs[1]).toBe(frame);
    expect(regs.xs[2]).toBe(frame + 128n);
    expect(regs.xs[29]).toBe(record);
    expect(regs.xs[30]).toBe(0x7000n);
    expect(regs.pc).toBe(0x400800n);
    const at = (a: bigint) => Number(a) - BASE;
    const v = mem.view;
    expect(v.getBigUint64(at(record), true)).toBe(0x1000n + 29n); // interrupted fp, lr
    expect(v.getBigUint64(at(record) + 8, true)).toBe(0x1000n + 30n);
    expect(v.getInt32(at(frame), true)).toBe(11); // si_signo
    expect(v.getBigUint64(at(frame) + 16, true)).toBe(0x10n); // si_addr
    const uc = at(frame) + 128;
    expect(v.getBigUint64(uc + UC_SIGMASK, true)).toBe(5n);
    expect(v.getInt32(uc + UC_STACK + 8, true)).toBe(2); // SS_DISABLE
    const sc = uc + UC_MCONTEXT;
    expect(v.getBigUint64(sc, true)).toBe(0x10n); // fault_address
    expect(v.getBigUint64(sc + 8 + 5 * 8, true)).toBe(0x1005n);
    expect(v.getBigUint64(sc + SC_SP, true)).toBe(top);
    expect(v.getBigUint64(sc + SC_PC, true)).toBe(0x400123n);
    expect(v.getBigUint64(sc + SC_PSTATE, true)).toBe(0x60000000n);
    const rec = sc + SC_RESERVED;
    expect([v.getUint32(rec, true), v.getUint32(rec + 4, true), v.getUint32(rec + 8, true), v.getUint32(rec + 12, true)]).toEqual([
      FPSIMD_MAGIC, 528, 0x10, 0x3000000,
    ]);
    expect([v.getUint32(rec + 528, true), v.getUint32(rec + 532, true), Number(v.getBigUint64(rec + 536, true))]).toEqual([
      ESR_MAGIC, 16, 0x92000006,
    ]);
    expect([v.getUint32(rec + 544, true), v.getUint32(rec + 548, true)]).toEqual([0, 0]); // terminator
  });

  it('without SA_SIGINFO leaves x1/x2 and the siginfo bytes alone; no esr record without a fault code', () => {
    const mem = memory();
    mem.bytes.fill(0xaa);
    const regs = registers(top);
    const placed = setupArm64RtFrame(mem, regs, setup({ siginfo: false, faultEsr: 0, faultAddress: 0n }))!;
    expect(regs.xs[1]).toBe(0x1001n);
    expect(regs.xs[2]).toBe(0x1002n);
    expect(mem.view.getUint32(Number(placed.frame) - BASE, true)).toBe(0xaaaaaaaa);
    const rec = Number(placed.frame) - BASE + 592;
    expect(mem.view.getUint32(rec + 528, true)).toBe(0); // terminator right after fpsimd
  });

  it('goes to the alternate stack with SA_ONSTACK, not while already on it, and disarms SS_AUTODISARM', () => {
    const alt: AltStack = { sp: BigInt(BASE + 0x1000), size: 0x4000n, autodisarm: false };
    const regs = registers(top);
    const placed = setupArm64RtFrame(memory(), regs, setup({ onStack: true, altStack: alt }))!;
    expect(placed.frame).toBe(alt.sp + alt.size - 16n - 4688n);
    expect(altStackFlags(alt, regs.sp)).toBe(1); // SS_ONSTACK
    const nested = setupArm64RtFrame(memory(), regs, setup({ onStack: true, altStack: alt }))!;
    expect(nested.frame).toBe(((placed.frame - 16n) & ~15n) - 4688n);
    const once = setupArm64RtFrame(memory(), registers(top), setup({ onStack: true, altStack: { ...alt, autodisarm: true } }))!;
    expect(once.disarmAltStack).toBe(true);
  });

  it('refuses a frame that does not fit in writable memory', () => {
    expect(setupArm64RtFrame(memory(), registers(BigInt(BASE + 100)), setup())).toBeNull();
  });
});

describe('arm64 rt_sigreturn', () => {
  function framed() {
    const mem = memory();
    const regs = registers(top);
    setupArm64RtFrame(mem, regs, setup());
    const sc = Number(regs.sp) - BASE + 128 + UC_MCONTEXT;
    return { mem, regs, sc };
  }

  it('restores registers, mask, FPSR/FPCR from the frame at sp', () => {
    const { mem, regs } = framed();
    for (let i = 0; i < 31; i++) regs.setX(i, 0n);
    const r = restoreArm64RtFrame(mem, regs, NO_ALT);
    expect(r.ok).toBe(true);
    expect(r.mask).toBe(5n);
    expect([r.fpsr, r.fpcr]).toEqual([0x10, 0x3000000]);
    expect(regs.xs[29]).toBe(0x101dn);
    expect(regs.sp).toBe(top);
    expect(regs.pc).toBe(0x400123n);
    expect(regs.pstate).toBe(0x60000000n);
  });

  it('drops RES0 PSTATE bits but refuses EL1, AArch32 or masked DAIF (PSTATE forced to EL0t NZCV)', () => {
    const ok = framed();
    ok.mem.view.setBigUint64(ok.sc + SC_PSTATE, 0x60000000n | (1n << 40n) | 0x20n, true);
    const r = restoreArm64RtFrame(ok.mem, ok.regs, NO_ALT);
    expect(r.ok).toBe(true);
    expect(ok.regs.pstate).toBe(0x60000000n);
    for (const bad of [0x60000005n, 0x60000010n, 0x600003c0n, 0x60000080n]) {
      const f = framed();
      f.mem.view.setBigUint64(f.sc + SC_PSTATE, bad, true);
      const b = restoreArm64RtFrame(f.mem, f.regs, NO_ALT);
      expect(b.ok, `pstate 0x${bad.toString(16)}`).toBe(false);
      expect(b.mask).toBe(5n); // the mask is set before the registers are checked
      expect(f.regs.pstate).toBe(0x60000000n);
    }
  });

  it('refuses a misaligned or unreadable sp, a missing or resized fpsimd record, unknown records', () => {
    const a = framed();
    a.regs.setSp(a.regs.sp + 8n);
    expect(restoreArm64RtFrame(a.mem, a.regs, NO_ALT).ok).toBe(false);
    const b = framed();
    b.regs.setSp(0x100n);
    expect(restoreArm64RtFrame(b.mem, b.regs, NO_ALT)).toMatchObject({ ok: false, mask: null });
    const c = framed();
    c.mem.view.setUint32(c.sc + SC_RESERVED, 0x12345678, true);
    expect(restoreArm64RtFrame(c.mem, c.regs, NO_ALT).ok).toBe(false);
    const d = framed();
    d.mem.view.setUint32(d.sc + SC_RESERVED + 4, 512, true);
    expect(restoreArm64RtFrame(d.mem, d.regs, NO_ALT).ok).toBe(false);
    const e = framed(); // the esr record then the terminator moved up over fpsimd: no fpsimd
    e.mem.bytes.copyWithin(e.sc + SC_RESERVED, e.sc + SC_RESERVED + 528, e.sc + SC_RESERVED + 528 + 32);
    expect(restoreArm64RtFrame(e.mem, e.regs, NO_ALT).ok).toBe(false);
  });

  it('takes uc_stack back as the alternate stack unless sp is on the current one', () => {
    const { mem, regs, sc } = framed();
    const uc = sc - UC_MCONTEXT;
    mem.view.setBigUint64(uc + UC_STACK, 0x20000n, true);
    mem.view.setInt32(uc + UC_STACK + 8, 0, true);
    mem.view.setBigUint64(uc + UC_STACK + 16, 0x4000n, true);
    expect(restoreArm64RtFrame(mem, regs, NO_ALT).altStack).toEqual({ sp: 0x20000n, size: 0x4000n, autodisarm: false });
    const again = framed();
    const onIt: AltStack = { sp: top - 0x100n, size: 0x1000n, autodisarm: false };
    expect(restoreArm64RtFrame(again.mem, again.regs, onIt).altStack).toBeNull();
  });
});
