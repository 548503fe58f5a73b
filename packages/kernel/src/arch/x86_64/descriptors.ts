// The x86-64 system descriptors boot writes into memory: the GDT (Linux's layout), the 64-bit
// TSS and its descriptor, and 64-bit IDT interrupt gates. The CPU reads them from memory
// through GDTR, TR and IDTR exactly as hardware does.
//
// Sources: Intel SDM Vol. 3A §3.4.5 (segment descriptors), §8.2.3 + Figure 8-4 (TSS descriptor
// in 64-bit mode), §8.7 + Figure 8-11 (64-bit TSS), §6.14.1 + Figure 6-8 (64-bit IDT gate
// descriptors); Linux arch/x86/include/asm/segment.h (GDT entry numbers) and
// arch/x86/kernel/cpu/common.c (gdt_page initial values).

/** GDT slot numbers as Linux (x86_64) uses them; selector = index * 8 | RPL. */
export const GDT_ENTRY_KERNEL32_CS = 1;
export const GDT_ENTRY_KERNEL_CS = 2;
export const GDT_ENTRY_KERNEL_DS = 3;
export const GDT_ENTRY_DEFAULT_USER32_CS = 4;
export const GDT_ENTRY_DEFAULT_USER_DS = 5;
export const GDT_ENTRY_DEFAULT_USER_CS = 6;
/** The TSS descriptor is 16 bytes: slots 8 and 9. */
export const GDT_ENTRY_TSS = 8;
export const GDT_ENTRIES = 16;

export const KERNEL_CS = GDT_ENTRY_KERNEL_CS * 8; // 0x10
export const KERNEL_DS = GDT_ENTRY_KERNEL_DS * 8; // 0x18
export const USER32_CS = GDT_ENTRY_DEFAULT_USER32_CS * 8 + 3; // 0x23
export const USER_DS = GDT_ENTRY_DEFAULT_USER_DS * 8 + 3; // 0x2b
export const USER_CS = GDT_ENTRY_DEFAULT_USER_CS * 8 + 3; // 0x33
export const TSS_SELECTOR = GDT_ENTRY_TSS * 8; // 0x40

/** A flat code/data descriptor (base 0, limit 0xfffff, G=1). `access` is the P|DPL|S|type byte,
 *  `flags` the G|D/B|L|AVL nibble (SDM Vol. 3A Figure 3-8). */
function flatDescriptor(access: number, flags: number): bigint {
  const limit = 0xfffff;
  return (
    BigInt(limit & 0xffff) |
    (BigInt(access) << 40n) |
    (BigInt((limit >> 16) & 0xf) << 48n) |
    (BigInt(flags & 0xf) << 52n)
  );
}

/** Linux's GDT (common.c gdt_page): 0x00cf9b000000ffff kernel32 CS, 0x00af9b000000ffff kernel
 *  CS (L=1), 0x00cf93000000ffff kernel DS, then the same three with DPL 3. The TSS slots are
 *  filled by tssDescriptor(). Returned as 64-bit entries. */
export function linuxGdt(): bigint[] {
  const gdt = new Array<bigint>(GDT_ENTRIES).fill(0n);
  const CODE = 0x9b; // P=1 DPL=0 S=1 type=1011 (execute/read, accessed)
  const DATA = 0x93; // P=1 DPL=0 S=1 type=0011 (read/write, accessed)
  const DPL3 = 3 << 5;
  gdt[GDT_ENTRY_KERNEL32_CS] = flatDescriptor(CODE, 0xc); // G=1 D=1
  gdt[GDT_ENTRY_KERNEL_CS] = flatDescriptor(CODE, 0xa); // G=1 L=1
  gdt[GDT_ENTRY_KERNEL_DS] = flatDescriptor(DATA, 0xc);
  gdt[GDT_ENTRY_DEFAULT_USER32_CS] = flatDescriptor(CODE | DPL3, 0xc);
  gdt[GDT_ENTRY_DEFAULT_USER_DS] = flatDescriptor(DATA | DPL3, 0xc);
  gdt[GDT_ENTRY_DEFAULT_USER_CS] = flatDescriptor(CODE | DPL3, 0xa);
  return gdt;
}

/** The 16-byte 64-bit TSS descriptor (type 1001b = available 64-bit TSS, P=1, DPL 0) as two
 *  64-bit words (SDM Vol. 3A Figure 8-4). */
export function tssDescriptor(base: bigint, limit: number): [bigint, bigint] {
  const b = BigInt.asUintN(64, base);
  const low =
    BigInt(limit & 0xffff) |
    ((b & 0xffffffn) << 16n) |
    (0x89n << 40n) | // P=1, DPL=0, type=9
    (BigInt((limit >> 16) & 0xf) << 48n) |
    (((b >> 24n) & 0xffn) << 56n);
  const high = (b >> 32n) & 0xffffffffn;
  return [low, high];
}

/** 64-bit TSS layout (SDM Vol. 3A Figure 8-11): RSP0 at 4, RSP1 at 12, RSP2 at 20, IST1..7 at
 *  36.., the I/O map base at 102. Size 104. */
export const TSS_RSP0 = 4;
export const TSS_IST1 = 36;
export const TSS_IOMAP_BASE = 102;
export const TSS_SIZE = 104;

/** A 64-bit TSS with RSP0 set and no I/O bitmap (its base points past the limit, so `in`/`out`
 *  from ring 3 with IOPL 0 fault, SDM Vol. 1 §19.5.2 — Linux's IO_BITMAP_OFFSET_INVALID). */
export function encodeTss(rsp0: bigint): Uint8Array {
  const tss = new Uint8Array(TSS_SIZE);
  const v = new DataView(tss.buffer);
  v.setBigUint64(TSS_RSP0, BigInt.asUintN(64, rsp0), true);
  v.setUint16(TSS_IOMAP_BASE, TSS_SIZE, true);
  return tss;
}

/** A 64-bit interrupt gate (type 1110b; the CPU clears IF on entry) — SDM Vol. 3A Figure 6-8. */
export function interruptGate(offset: bigint, selector: number, dpl: number, ist = 0): Uint8Array {
  const gate = new Uint8Array(16);
  const v = new DataView(gate.buffer);
  const o = BigInt.asUintN(64, offset);
  v.setUint16(0, Number(o & 0xffffn), true);
  v.setUint16(2, selector, true);
  v.setUint8(4, ist & 7);
  v.setUint8(5, 0x80 | ((dpl & 3) << 5) | 0xe);
  v.setUint16(6, Number((o >> 16n) & 0xffffn), true);
  v.setUint32(8, Number((o >> 32n) & 0xffffffffn), true);
  return gate;
}

/** Decodes a gate back (for tests and the debugger). */
export function decodeGate(gate: Uint8Array): { offset: bigint; selector: number; dpl: number; type: number; present: boolean } {
  const v = new DataView(gate.buffer, gate.byteOffset, 16);
  const offset = BigInt(v.getUint16(0, true)) | (BigInt(v.getUint16(6, true)) << 16n) | (BigInt(v.getUint32(8, true)) << 32n);
  const attr = v.getUint8(5);
  return { offset, selector: v.getUint16(2, true), dpl: (attr >> 5) & 3, type: attr & 0xf, present: (attr & 0x80) !== 0 };
}
