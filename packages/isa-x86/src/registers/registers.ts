// The x86-64 register file as GNU as spells it: name -> hardware number, width and REX rules.
//
// Intel SDM Vol. 2A §2.2.1 (REX prefixes): with any REX prefix, byte-register numbers 4..7 mean
// SPL/BPL/SIL/DIL; without one they mean AH/CH/DH/BH. So spl..dil need a REX prefix and ah..bh
// cannot appear in an instruction that has one. Segment registers use the numbering of
// Vol. 3A §3.4.2 (ES=0 CS=1 SS=2 DS=3 FS=4 GS=5); control/debug registers are numbered 0..15.

export type RegisterClass = 'gpr' | 'sreg' | 'creg' | 'dreg' | 'rip';

export interface RegisterInfo {
  name: string;
  class: RegisterClass;
  /** Hardware number: 0..15 for GPRs (rax=0 … r15=15), sreg/creg/dreg numbers for the others. */
  number: number;
  /** Width in bits (GPRs 8/16/32/64; rip 64, eip 32; segment registers 16; cr/dr 64). */
  size: number;
  /** spl, bpl, sil, dil and every r8..r15 form: encoding needs a REX prefix. */
  needsRex: boolean;
  /** ah, ch, dh, bh: cannot be encoded in an instruction that carries a REX prefix. */
  forbidsRex: boolean;
  /** ah, ch, dh, bh (encoded as byte-register numbers 4..7 without REX). */
  high8: boolean;
}

const GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const GPR32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const GPR16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const GPR8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];
const HIGH8 = ['ah', 'ch', 'dh', 'bh'];
export const SEGMENT_REGISTERS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];

const table = new Map<string, RegisterInfo>();

function add(name: string, cls: RegisterClass, number: number, size: number, extra: Partial<RegisterInfo> = {}): void {
  table.set(name, { name, class: cls, number, size, needsRex: false, forbidsRex: false, high8: false, ...extra });
}

for (let i = 0; i < 8; i++) {
  add(GPR64[i]!, 'gpr', i, 64);
  add(GPR32[i]!, 'gpr', i, 32);
  add(GPR16[i]!, 'gpr', i, 16);
  add(GPR8[i]!, 'gpr', i, 8, { needsRex: i >= 4 });
}
for (let i = 0; i < 4; i++) add(HIGH8[i]!, 'gpr', i + 4, 8, { forbidsRex: true, high8: true });
for (let i = 8; i < 16; i++) {
  add(`r${i}`, 'gpr', i, 64, { needsRex: true });
  add(`r${i}d`, 'gpr', i, 32, { needsRex: true });
  add(`r${i}w`, 'gpr', i, 16, { needsRex: true });
  add(`r${i}b`, 'gpr', i, 8, { needsRex: true });
  add(`r${i}l`, 'gpr', i, 8, { needsRex: true }); // Intel's spelling of r8b..r15b
}
SEGMENT_REGISTERS.forEach((name, i) => add(name, 'sreg', i, 16));
// GAS takes every encodable control and debug register number (REX.R reaches 8-15), reserved
// or not; the CPU raises #UD for the reserved ones (SDM Vol.2B "MOV-Move to/from Control Registers").
for (let i = 0; i < 16; i++) add(`cr${i}`, 'creg', i, 64, { needsRex: i >= 8 });
for (let i = 0; i < 16; i++) {
  add(`dr${i}`, 'dreg', i, 64);
  add(`db${i}`, 'dreg', i, 64); // objdump's spelling
}
add('rip', 'rip', 16, 64);
add('eip', 'rip', 16, 32);

/** Facts about one register, by its GNU as name (with or without the leading `%`), or undefined. */
export function registerInfo(name: string): RegisterInfo | undefined {
  const key = (name.startsWith('%') ? name.slice(1) : name).toLowerCase();
  return table.get(key);
}

/** The GNU/objdump name of a general-purpose register by number and width. */
export function gprName(number: number, size: number, high8 = false): string {
  if (size === 8 && high8) return HIGH8[number - 4]!;
  if (number < 8) {
    if (size === 64) return GPR64[number]!;
    if (size === 32) return GPR32[number]!;
    if (size === 16) return GPR16[number]!;
    return GPR8[number]!;
  }
  if (size === 64) return `r${number}`;
  if (size === 32) return `r${number}d`;
  if (size === 16) return `r${number}w`;
  return `r${number}b`;
}
