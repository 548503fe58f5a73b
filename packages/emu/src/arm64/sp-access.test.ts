// The fast paths of translated code (codegen.ts, cpu.ts run()) against the behaviour they
// shortcut: SP-relative loads and stores that share one TLB lookup while SP is unchanged (and
// must still take the general path when an access leaves SP's page), the SP alignment check
// emitted once per value of SP (Arm ARM D1.8.2: SP-based accesses fault when SP is not
// 16-byte aligned), block chaining (a chained successor must not outlive a page-table
// change), and LDTR/STTR at EL1, which switch the TLB set translated code reads once per
// block. Register and memory results are compared with qemu-aarch64 where qemu can run the
// program; exceptions are checked on ESR/ELR/FAR as in privilege.test.ts.
import { describe, expect, it } from 'vitest';
import { buildElf, haveTools, KERNEL_VECTORS, loadHarness, runQemu, TOOLS_MISSING, USER_STACK_TOP } from './testing/harness.js';

const have = haveTools();

/** Stores x0–x7 around SP placed `at` bytes into a 3-page buffer, reloads them in another
 *  order and with writebacks (twice), and prints the reloaded registers and the buffer's 64
 *  bytes around SP. */
function spProgram(at: number): string {
  return `
    .globl _start
    .text
_start:
    adrp    x20, buf
    add     x20, x20, :lo12:buf
    ldr     x21, =${at}
    add     x20, x20, x21
    mov     x22, #2                 // twice: the second round finds SP's page in the TLB
1:  mov     sp, x20
    movz    x0, #0x1111, lsl #48
    movk    x0, #0x2222
    add     x0, x0, x22, lsl #40    // other values in each round
    mvn     x1, x0
    add     x2, x0, #3
    ror     x3, x0, #17
    eor     x4, x3, x1
    add     x5, x4, x4
    sub     x6, x5, #77
    mul     x7, x6, x3
    stp     x0, x1, [sp]
    stp     x2, x3, [sp, #-16]
    stp     x4, x5, [sp, #16]
    str     x6, [sp, #-24]
    stur    x7, [sp, #-28]
    ldp     x10, x11, [sp, #-16]
    ldp     x12, x13, [sp]
    ldr     x14, [sp, #16]
    ldur    x15, [sp, #-28]
    stp     x7, x6, [sp, #-32]!
    ldp     x16, x17, [sp], #32
    str     x0, [sp, #-16]!
    ldr     x18, [sp], #16
    mov     x19, sp
    sub     x19, x19, x20
    subs    x22, x22, #1
    b.ne    1b
    // dump x10–x19, then 64 bytes around the original SP
    sub     sp, sp, #96
    stp     x10, x11, [sp]
    stp     x12, x13, [sp, #16]
    stp     x14, x15, [sp, #32]
    stp     x16, x17, [sp, #48]
    stp     x18, x19, [sp, #64]
    mov     x0, #1
    mov     x1, sp
    mov     x2, #80
    mov     x8, #64
    svc     #0
    mov     x0, #1
    sub     x1, x20, #32
    mov     x2, #64
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0
    .ltorg
    .bss
    .balign 4096
buf: .space 3 * 4096
`;
}

/** Moves every writable page of the image (the buffer) to a fresh frame, highest page first,
 *  so that neighbouring virtual pages are not neighbouring frames: an access that wrongly went
 *  past the end of SP's page through its physical address would land in the wrong page. */
function scatterWritablePages(h: ReturnType<typeof loadHarness>): void {
  const pages: bigint[] = [];
  for (let va = 0x400000n; va < 0x480000n; va += 4096n) {
    const t = h.tables.translate(h.userRoot, va);
    if (t && t.perm.write) pages.push(va);
  }
  expect(pages.length).toBeGreaterThanOrEqual(3);
  for (const va of pages.reverse()) {
    const old = h.tables.translate(h.userRoot, va)!;
    const frame = h.physical.allocFrame()!;
    h.physical.allocFrame(); // a gap between the new frames
    for (let k = 0; k < 4096; k++) h.physical.write8(frame + k, h.physical.read8(old.frame + k));
    h.tables.map(h.userRoot, va, frame, old.perm);
  }
}

describe.skipIf(!have)(`SP-relative fast paths, SP alignment, block chaining${have ? '' : ` (skipped: ${TOOLS_MISSING})`}`, () => {
  // SP in the middle of a page, and at offsets where some accesses cross into the previous or
  // next page (SP's page lookup then does not cover them).
  for (const at of [2048, 4096, 4096 + 16, 4096 + 4080, 4096 - 16, 4096 + 32]) {
    it(`stp/ldp/str/ldr around SP = buf + ${at} match qemu-aarch64`, () => {
      const image = buildElf(spProgram(at));
      const q = runQemu(image);
      expect(q.status).toBe(0);
      const h = loadHarness(image);
      scatterWritablePages(h);
      const exit = h.run(1_000_000);
      expect(exit).toEqual({ kind: 'exit', code: 0 });
      expect(Buffer.from(h.stdout).toString('hex')).toBe(q.stdout.toString('hex'));
    });
  }

  it('SP alignment is checked again after SP is written inside a block: EC 0x26 at the access', () => {
    const image = buildElf(`.globl _start\n.text\n_start:\n stp x0, x1, [sp, #-16]\n sub sp, sp, #8\n str x2, [sp]\n mov x8, #93\n svc #0\n`);
    const h = loadHarness(image);
    const start = h.cpu.pc;
    const exit = h.run(1_000_000);
    expect(exit.kind).toBe('exception');
    expect(exit.ec).toBe(0x26);
    expect(exit.elr).toBe(start + 8n); // the str, not the stp before it
  });

  it('an SP-relative store that leaves SP\'s page into an unmapped one faults there, after the earlier stores', () => {
    // The harness maps 16 stack pages below USER_STACK_TOP; the page below them is unmapped.
    const low = USER_STACK_TOP - 16n * 4096n;
    const image = buildElf(`.globl _start\n.text\n_start:\n ldr x9, =${low + 16n}\n mov sp, x9\n mov x0, #5\n mov x1, #6\n stp x0, x1, [sp]\n stp x0, x1, [sp, #-32]\n mov x8, #93\n svc #0\n.ltorg\n`);
    const h = loadHarness(image);
    const start = h.cpu.pc;
    const exit = h.run(1_000_000);
    expect(exit.kind).toBe('exception');
    expect(exit.ec).toBe(0x24);
    expect(Number(exit.esr!) & (1 << 6)).toBe(1 << 6); // WnR: a write
    expect(exit.far).toBe(low - 16n);
    expect(exit.elr).toBe(start + 20n); // the second stp
    const page = h.tables.translate(h.userRoot, low)!;
    expect(h.physical.read8(page.phys + 16)).toBe(5);
    expect(h.physical.read8(page.phys + 24)).toBe(6);
  });

  it('a chained block is not reused after its code page is remapped', () => {
    // A loop of svc calls (its blocks chain to each other and across the exception vector);
    // on the third call the page is remapped to a frame whose code exits with status 7.
    const image = buildElf(`.globl _start\n.text\n.balign 4096\n_start:\n1: mov x8, #500\n svc #0\n b 1b\n`);
    const h = loadHarness(image);
    const entry = h.cpu.pc;
    const other = h.physical.allocFrame()!;
    // at the offset the third call returns to (after `svc`): mov x0, #7; mov x8, #93; svc #0
    [0xd28000e0, 0xd2800ba8, 0xd4000001].forEach((w, i) => h.physical.write32(other + 8 + 4 * i, w));
    const hook = h.cpu.hypercall!;
    let calls = 0;
    h.cpu.hypercall = (c) => {
      if (Number(c.getReg(8)) === 500 && ++calls === 3) {
        h.tables.map(h.userRoot, entry, other, { read: true, write: false, exec: true, user: true });
      }
      hook(c);
    };
    const exit = h.run(1_000_000);
    expect(calls).toBe(3);
    expect(exit).toEqual({ kind: 'exit', code: 7 });
  });

  // LDTR/STTR at EL1 use EL0's permissions (Arm ARM C6.2 LDTR): translated code switches to the
  // EL0 TLB set for that one access and back (it reads the set once per block otherwise).
  function el1Code(target: bigint): ReturnType<typeof loadHarness> & { code: bigint } {
    const h = loadHarness(buildElf(`.globl _start\n.text\n_start:\n mov x8, #93\n svc #0\n`));
    const code = KERNEL_VECTORS + 0x1000n;
    const frame = h.physical.allocFrame()!;
    h.tables.map(h.kernelRoot, code, frame, { read: true, write: false, exec: true, user: false });
    // ldr x4, [x1] (an EL1 read: puts x1's page in EL1's TLB set); ldtr x0, [x1]; sttr x0, [x2];
    // ldr x3, [x2]; hvc #0
    [0xf9400024, 0xf8400820, 0xf8000840, 0xf9400043, 0xd4000002].forEach((w, i) => h.physical.write32(frame + 4 * i, w));
    const user = USER_STACK_TOP - 4096n;
    h.physical.write64(h.tables.translate(h.userRoot, user)!.phys, 0x1122334455667788n);
    h.cpu.setExceptionLevel(1);
    h.cpu.pc = code;
    h.cpu.setReg(1, target === 0n ? user : target);
    h.cpu.setReg(2, user + 8n);
    return Object.assign(h, { code });
  }

  it('LDTR/STTR at EL1 reach a user page, and later EL1 accesses in the block use EL1\'s set again', () => {
    const h = el1Code(0n);
    const kernelSet = h.cpu.ts;
    let stops = 0;
    h.cpu.hypercall = (c) => { stops++; c.requestStop('done'); };
    h.cpu.run(1000);
    expect(stops).toBe(1);
    expect(h.cpu.getReg(0)).toBe(0x1122334455667788n);
    expect(h.cpu.getReg(3)).toBe(0x1122334455667788n);
    expect(h.cpu.ts).toBe(kernelSet);
  });

  it('LDTR at EL1 of a kernel-only page faults as an EL0 access would (EC 0x25) and leaves EL1\'s set selected', () => {
    const h = el1Code(KERNEL_VECTORS);
    const kernelSet = h.cpu.ts;
    let esr = 0n;
    let elr = 0n;
    h.cpu.hypercall = (c) => { esr = c.esr; elr = c.elr; c.requestStop('fault'); };
    h.cpu.run(1000);
    expect(Number(esr >> 26n)).toBe(0x25);
    expect(elr).toBe(h.code + 4n); // the ldtr, after the plain ldr of the same page succeeded
    expect(h.cpu.ts).toBe(kernelSet);
  });
});
