// The x86-64 instruction table: every encoding form of the general-purpose integer ISA and
// the system instructions vsys needs, listed once. The encoder, the decoder and both printers
// read this list (compiled by ./compile.ts); nothing about an instruction is written twice.
//
// Opcodes, /digit fields and operand types follow the Intel SDM Vol. 2 (instruction set
// reference, opcode map in Appendix A). Mnemonic spellings and the choice between equivalent
// forms follow GNU as: for one line, the encoder encodes every form that matches and keeps the
// shortest, ties going to the form listed first. That reproduces GAS's choices: the "store"
// direction for reg,reg (01 before 03), sign-extended imm8 (83/6B/6A) when the value fits,
// the AL/AX/EAX short forms, `mov $imm,%r64` as C7 when imm32 sign-extends and B8+r otherwise.
//
// Field reference:
//   op      operation name (Intel spelling, no size suffix); forms of one operation share an id.
//   names   GAS mnemonics: `add{s}` expands to addb/addw/addl/addq for the sizes the form has,
//           `add` (no braces) takes its size from the operands, `cbtw:w` names one fixed size,
//           `{cc}` expands to every condition alias (jz/je, jnae/jb/jc, ...); a trailing `!`
//           marks a spelling GAS takes only in Intel syntax (`stosd`, `iretd`, `loopd`).
//   sizes   operand sizes the form has: b=8, w=16 (66 prefix), l=32, q=64 (REX.W). '' = none.
//   opcode  bytes after the prefixes (0F escape included); with cc the condition is added to
//           the last byte; with an `o` operand the register number is added to it (+r).
//   digit   ModRM.reg holds this /digit; modrm: the whole ModRM byte is fixed (0F 01 F9 ...).
//   pfx     mandatory prefix (66/F2/F3) that is part of the opcode (popcnt = F3 0F B8).
//   ops     operands in Intel order (destination first); see OPERAND SPECS in ./operands.ts.
//   flags   d64: default operand size 64, REX.W not needed (push/pop/call/jmp, SDM Vol.1 §3.6.1);
//           noW: 64-bit size without REX.W (mov to/from CRn, sreg); no66: 16-bit without 66;
//           commute: the two operands may be written in either order (test, xchg);
//           dup: `imul $i,%r` means `imul $i,%r,%r`; a32: needs the 67 prefix (jecxz), a64: must not have it
//           (the encoder refuses 32-bit address registers: movdir64b's register is the address size);
//           np: no 66/F2/F3 may precede it (SDM "NP"; with one the decoder looks elsewhere);
//           sfx: AT&T printer always writes the size suffix; nosfx: never; rmsfx: only when the
//           ModRM.rm operand is memory, and then that operand's size (crc32b/crc32l);
//           sameorder: AT&T writes the operands in Intel order too (`enter $size,$level`);
//           mod3: ModRM.mod must be 11 (register form) although no operand is written.
//   att     AT&T printed name per size when it is not name+suffix (cltq, movabs, iretq).
//   intel   Intel printed name per size ('*' for every size).
//   vex     the form is VEX-encoded (BMI1/BMI2): opcode map and pfx travel in the VEX prefix.

export interface FormDef {
  op: string;
  names: string[];
  sizes: string;
  opcode: number[];
  digit?: number;
  modrm?: number;
  pfx?: number;
  ops: string[];
  cc?: boolean;
  flags?: string;
  att?: Record<string, string>;
  intel?: Record<string, string>;
  /** VEX-encoded (SDM Vol.2A §2.3): the 0F / 0F 38 / 0F 3A escape and `pfx` go into the VEX
   *  prefix (C4/C5), REX.W becomes VEX.W, VEX.L is 0. */
  vex?: boolean;
}

const forms: FormDef[] = [];
function f(op: string, names: string | string[], sizes: string, opcode: number[], ops: string[], extra: Partial<FormDef> = {}): void {
  forms.push({ op, names: typeof names === 'string' ? [names] : names, sizes, opcode, ops, ...extra });
}
const sfx = (n: string): string[] => [`${n}{s}`, n];

// ---- Binary arithmetic: ADD OR ADC SBB AND SUB XOR CMP (SDM Vol.2 "ADD" etc.; 00-3F, 80, 81, 83)
['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'].forEach((op, n) => {
  const b = n * 8;
  f(op, sfx(op), 'b', [b + 0], ['rm8', 'r8']);
  f(op, sfx(op), 'wlq', [b + 1], ['rm', 'r']);
  f(op, sfx(op), 'b', [b + 2], ['r8', 'rm8']);
  f(op, sfx(op), 'wlq', [b + 3], ['r', 'rm']);
  // GAS prefers 83 /n ib over the equally long accumulator form (`cmpw $1,%ax` = 66 83 F8 01).
  f(op, sfx(op), 'wlq', [0x83], ['rm', 's8'], { digit: n });
  f(op, sfx(op), 'b', [b + 4], ['al', 'i8']);
  f(op, sfx(op), 'wlq', [b + 5], ['acc', 'i']);
  f(op, sfx(op), 'b', [0x80], ['rm8', 'i8'], { digit: n });
  f(op, sfx(op), 'wlq', [0x81], ['rm', 'i'], { digit: n });
});

// ---- TEST (84, 85, A8, A9, F6 /0, F7 /0)
f('test', sfx('test'), 'b', [0x84], ['rm8', 'r8'], { flags: 'commute' });
f('test', sfx('test'), 'wlq', [0x85], ['rm', 'r'], { flags: 'commute' });
f('test', sfx('test'), 'b', [0xa8], ['al', 'i8']);
f('test', sfx('test'), 'wlq', [0xa9], ['acc', 'i']);
f('test', sfx('test'), 'b', [0xf6], ['rm8', 'i8'], { digit: 0 });
f('test', sfx('test'), 'wlq', [0xf7], ['rm', 'i'], { digit: 0 });

// ---- Unary group 3 and INC/DEC (F6/F7 /2../7, FE/FF /0 /1)
f('inc', sfx('inc'), 'b', [0xfe], ['rm8'], { digit: 0 });
f('inc', sfx('inc'), 'wlq', [0xff], ['rm'], { digit: 0 });
f('dec', sfx('dec'), 'b', [0xfe], ['rm8'], { digit: 1 });
f('dec', sfx('dec'), 'wlq', [0xff], ['rm'], { digit: 1 });
['not', 'neg', 'mul', 'imul', 'div', 'idiv'].forEach((op, i) => {
  f(op, sfx(op), 'b', [0xf6], ['rm8'], { digit: i + 2 });
  f(op, sfx(op), 'wlq', [0xf7], ['rm'], { digit: i + 2 });
});
// IMUL two and three operands (0F AF, 6B, 69).
f('imul', sfx('imul'), 'wlq', [0x0f, 0xaf], ['r', 'rm']);
f('imul', sfx('imul'), 'wlq', [0x6b], ['r', 'rm', 's8'], { flags: 'dup' });
f('imul', sfx('imul'), 'wlq', [0x69], ['r', 'rm', 'i'], { flags: 'dup' });

// ---- Shifts and rotates (group 2: C0/C1 ib, D0/D1 by 1, D2/D3 by CL). GAS encodes `shl $1` as D1.
['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', '', 'sar'].forEach((op, n) => {
  if (!op) return;
  const names = op === 'shl' ? [...sfx('shl'), ...sfx('sal')] : sfx(op);
  f(op, names, 'b', [0xd0], ['rm8', 'one'], { digit: n });
  f(op, names, 'wlq', [0xd1], ['rm', 'one'], { digit: n });
  f(op, names, 'b', [0xd2], ['rm8', 'cl'], { digit: n });
  f(op, names, 'wlq', [0xd3], ['rm', 'cl'], { digit: n });
  f(op, names, 'b', [0xc0], ['rm8', 'i8'], { digit: n });
  f(op, names, 'wlq', [0xc1], ['rm', 'i8'], { digit: n });
});
// Double-precision shifts (0F A4/A5, 0F AC/AD).
f('shld', sfx('shld'), 'wlq', [0x0f, 0xa4], ['rm', 'r', 'i8']);
f('shld', sfx('shld'), 'wlq', [0x0f, 0xa5], ['rm', 'r', 'cl*']); // GAS: `shld %eax,%ebx` shifts by %cl
f('shrd', sfx('shrd'), 'wlq', [0x0f, 0xac], ['rm', 'r', 'i8']);
f('shrd', sfx('shrd'), 'wlq', [0x0f, 0xad], ['rm', 'r', 'cl*']);

// ---- MOV (88-8E, A0-A3 moffs, B0/B8 +r, C6/C7, 0F 20-23)
f('mov', sfx('mov'), 'b', [0x88], ['rm8', 'r8']);
f('mov', sfx('mov'), 'wlq', [0x89], ['rm', 'r']);
f('mov', sfx('mov'), 'b', [0x8a], ['r8', 'rm8']);
f('mov', sfx('mov'), 'wlq', [0x8b], ['r', 'rm']);
// Segment registers: GAS writes neither 66 nor REX.W for these (the size does not matter).
f('mov', sfx('mov'), 'wlq', [0x8c], ['R', 'sreg'], { flags: 'noW' });
f('mov', ['mov', 'movw'], '', [0x8c], ['m16', 'sreg']);
f('mov', sfx('mov'), 'wlq', [0x8e], ['sreg', 'R'], { flags: 'noW no66' });
f('mov', ['mov', 'movw'], '', [0x8e], ['sreg', 'm16']);
f('mov', [...sfx('movabs'), ...sfx('mov')], 'b', [0xa0], ['al', 'moffs'], { att: { b: 'movabs' }, intel: { b: 'movabs' } });
f('mov', [...sfx('movabs'), ...sfx('mov')], 'wlq', [0xa1], ['acc', 'moffs'], { att: { w: 'movabs', l: 'movabs', q: 'movabs' }, intel: { w: 'movabs', l: 'movabs', q: 'movabs' } });
f('mov', [...sfx('movabs'), ...sfx('mov')], 'b', [0xa2], ['moffs', 'al'], { att: { b: 'movabs' }, intel: { b: 'movabs' } });
f('mov', [...sfx('movabs'), ...sfx('mov')], 'wlq', [0xa3], ['moffs', 'acc'], { att: { w: 'movabs', l: 'movabs', q: 'movabs' }, intel: { w: 'movabs', l: 'movabs', q: 'movabs' } });
f('mov', sfx('mov'), 'b', [0xb0], ['o8', 'i8']);
// `movabs $imm` is only the 64-bit B8+r io (GAS refuses `movabs $1,%eax`).
f('mov', [...sfx('mov'), 'movabsq:q', 'movabs:q'], 'wlq', [0xb8], ['o', 'iv'], { att: { q: 'movabs' }, intel: { q: 'movabs' } });
f('mov', sfx('mov'), 'b', [0xc6], ['rm8', 'i8'], { digit: 0 });
f('mov', sfx('mov'), 'wlq', [0xc7], ['rm', 'i'], { digit: 0 });
// MOV to/from CRn/DRn ignore ModRM.mod: the operand is always a register (SDM Vol.2B "MOV").
f('mov', sfx('mov'), 'q', [0x0f, 0x20], ['X64', 'creg'], { flags: 'noW nosfx' });
f('mov', sfx('mov'), 'q', [0x0f, 0x21], ['X64', 'dreg'], { flags: 'noW nosfx' });
f('mov', sfx('mov'), 'q', [0x0f, 0x22], ['creg', 'X64'], { flags: 'noW nosfx' });
f('mov', sfx('mov'), 'q', [0x0f, 0x23], ['dreg', 'X64'], { flags: 'noW nosfx' });

// ---- MOVZX / MOVSX / MOVSXD (0F B6/B7/BE/BF, 63); GAS: movzbl, movswq, movslq ..., and with the
// destination size left to the register: movzb, movzw, movsb, movsw, movsl (`movsb %al,%ecx`).
f('movzx', ['movzb{s}', 'movzx', 'movzxb', 'movzb'], 'wlq', [0x0f, 0xb6], ['r', 'rm8'], { att: { w: 'movzbw', l: 'movzbl', q: 'movzbq' } });
f('movzx', ['movzw{s}', 'movzx', 'movzxw', 'movzw'], 'lq', [0x0f, 0xb7], ['r', 'rm16'], { att: { l: 'movzwl', q: 'movzwq' } });
f('movsx', ['movsb{s}', 'movsx', 'movsxb', 'movsb'], 'wlq', [0x0f, 0xbe], ['r', 'rm8'], { att: { w: 'movsbw', l: 'movsbl', q: 'movsbq' } });
f('movsx', ['movsw{s}', 'movsx', 'movsxw', 'movsw'], 'lq', [0x0f, 0xbf], ['r', 'rm16'], { att: { l: 'movswl', q: 'movswq' } });
f('movsxd', ['movslq:q', 'movsxd', 'movsxl', 'movsl:q'], 'lq', [0x63], ['r', 'rm32'], { att: { l: 'movsxd', q: 'movslq' } });

// ---- LEA (8D), no memory access.
f('lea', sfx('lea'), 'wlq', [0x8d], ['r', 'm0']);

// ---- Stack: PUSH/POP (50+r, 58+r, FF /6, 8F /0, 6A, 68, 0F A0/A8, 0F A1/A9), PUSHF/POPF, LEAVE, ENTER
f('push', sfx('push'), 'wq', [0x50], ['o'], { flags: 'd64' });
f('pop', sfx('pop'), 'wq', [0x58], ['o'], { flags: 'd64' });
f('push', sfx('push'), 'wq', [0xff], ['rm'], { digit: 6, flags: 'd64' });
f('pop', sfx('pop'), 'wq', [0x8f], ['rm'], { digit: 0, flags: 'd64' });
f('push', sfx('push'), 'wq', [0x6a], ['s8'], { flags: 'd64' });
f('push', sfx('push'), 'wq', [0x68], ['i'], { flags: 'd64' });
f('push', sfx('push'), 'wq', [0x0f, 0xa0], ['fs'], { flags: 'd64' });
f('push', sfx('push'), 'wq', [0x0f, 0xa8], ['gs'], { flags: 'd64' });
f('pop', sfx('pop'), 'wq', [0x0f, 0xa1], ['fs'], { flags: 'd64' });
f('pop', sfx('pop'), 'wq', [0x0f, 0xa9], ['gs'], { flags: 'd64' });
f('pushf', sfx('pushf'), 'wq', [0x9c], [], { flags: 'd64', intel: { w: 'pushfw', q: 'pushf' } });
f('popf', sfx('popf'), 'wq', [0x9d], [], { flags: 'd64', intel: { w: 'popfw', q: 'popf' } });
f('leave', sfx('leave'), 'wq', [0xc9], [], { flags: 'd64', intel: { w: 'leavew', q: 'leave' } });
f('enter', sfx('enter'), 'wq', [0xc8], ['i16', 'i8'], { flags: 'd64 sameorder' });

// ---- Control transfer: CALL/JMP/RET, Jcc, LOOP, JrCXZ (E8, E9, EB, FF /2 /4, C2, C3, 70+cc, 0F 80+cc)
f('call', ['call', 'callq'], '', [0xe8], ['rel32']);
// 66 FF /2 and /4 are the 16-bit forms (`call *%ax`, `callw *(%rax)`); Intel CPUs ignore the 66
// there and branch with 64 bits (SDM Vol.2A "CALL": operand size forced to 64 in 64-bit mode).
f('call', sfx('call'), 'wq', [0xff], ['rm'], { digit: 2, flags: 'd64' });
f('jmp', ['jmp'], '', [0xeb], ['rel8']);
f('jmp', ['jmp'], '', [0xe9], ['rel32']);
f('jmp', sfx('jmp'), 'wq', [0xff], ['rm'], { digit: 4, flags: 'd64' });
// 66 C3 is a 16-bit return (pops 2 bytes), GAS `retw`.
f('ret', ['ret', 'retq:q', 'retw:w'], 'wq', [0xc3], [], { flags: 'd64', att: { w: 'retw', q: 'ret' }, intel: { w: 'retw', q: 'ret' } });
f('ret', ['ret', 'retq:q', 'retw:w'], 'wq', [0xc2], ['i16'], { flags: 'd64', att: { w: 'retw', q: 'ret' }, intel: { w: 'retw', q: 'ret' } });
f('lret', ['lret', 'lretq:q', 'lretl:l', 'lretw:w', 'retf', 'retfq:q!', 'retfw:w!'], 'wlq', [0xcb], [], { att: { w: 'lretw', l: 'lret', q: 'lretq' }, intel: { w: 'retfw', l: 'retf', q: 'retfq' } });
f('lret', ['lret', 'lretq:q', 'lretl:l', 'lretw:w', 'retf', 'retfq:q!', 'retfw:w!'], 'wlq', [0xca], ['i16'], { att: { w: 'lretw', l: 'lret', q: 'lretq' }, intel: { w: 'retfw', l: 'retf', q: 'retfq' } });
// Far indirect call/jmp through a m16:32 pointer (FF /3, FF /5).
f('lcall', ['lcall', 'lcalll', 'call!'], '', [0xff], ['m48'], { digit: 3, intel: { '': 'call' } });
f('ljmp', ['ljmp', 'ljmpl', 'jmp!'], '', [0xff], ['m48'], { digit: 5, intel: { '': 'jmp' } });
f('jcc', ['j{cc}'], '', [0x70], ['rel8'], { cc: true });
f('jcc', ['j{cc}'], '', [0x0f, 0x80], ['rel32'], { cc: true });
f('jrcxz', ['jrcxz'], '', [0xe3], ['rel8'], { flags: 'a64' });
f('jecxz', ['jecxz'], '', [0xe3], ['rel8'], { flags: 'a32' });
f('loop', ['loop', 'loopq'], '', [0xe2], ['rel8']);
f('loope', ['loope', 'loopz'], '', [0xe1], ['rel8']);
f('loopne', ['loopne', 'loopnz'], '', [0xe0], ['rel8']);

// ---- SETcc (0F 90+cc, ModRM.reg ignored; GAS writes 0), CMOVcc (0F 40+cc)
f('setcc', ['set{cc}', 'set{cc}b'], '', [0x0f, 0x90], ['rm8'], { cc: true, digit: 0 });
f('cmovcc', ['cmov{cc}{s}', 'cmov{cc}'], 'wlq', [0x0f, 0x40], ['r', 'rm'], { cc: true });

// ---- Sign extension of the accumulator (98, 99)
f('cbw', ['cbtw:w', 'cwtl:l', 'cltq:q', 'cbw:w', 'cwde:l', 'cdqe:q'], 'wlq', [0x98], [],
  { att: { w: 'cbtw', l: 'cwtl', q: 'cltq' }, intel: { w: 'cbw', l: 'cwde', q: 'cdqe' } });
f('cwd', ['cwtd:w', 'cltd:l', 'cqto:q', 'cwd:w', 'cdq:l', 'cqo:q'], 'wlq', [0x99], [],
  { att: { w: 'cwtd', l: 'cltd', q: 'cqto' }, intel: { w: 'cwd', l: 'cdq', q: 'cqo' } });

// ---- Exchange and atomics: XCHG (86, 87, 90+r), XADD, CMPXCHG, CMPXCHG8B/16B, BSWAP
f('xchg', sfx('xchg'), 'b', [0x86], ['rm8', 'r8'], { flags: 'commute' });
f('xchg', sfx('xchg'), 'wlq', [0x87], ['rm', 'r'], { flags: 'commute' });
// 90+r with rAX. `xchg %eax,%eax` is not 90 (that is NOP, which does not zero-extend RAX).
f('xchg', sfx('xchg'), 'wlq', [0x90], ['o', 'acc'], { flags: 'commute xchg90' });
f('xadd', sfx('xadd'), 'b', [0x0f, 0xc0], ['rm8', 'r8']);
f('xadd', sfx('xadd'), 'wlq', [0x0f, 0xc1], ['rm', 'r']);
f('cmpxchg', sfx('cmpxchg'), 'b', [0x0f, 0xb0], ['rm8', 'r8']);
f('cmpxchg', sfx('cmpxchg'), 'wlq', [0x0f, 0xb1], ['rm', 'r']);
// 16b first: the decoder tries forms in table order and REX.W selects it.
f('cmpxchg16b', ['cmpxchg16b'], 'q', [0x0f, 0xc7], ['m128'], { digit: 1, flags: 'nosfx' });
f('cmpxchg8b', ['cmpxchg8b', 'cmpxchg8bq'], 'l', [0x0f, 0xc7], ['m64'], { digit: 1, flags: 'nosfx' });
f('bswap', sfx('bswap'), 'lq', [0x0f, 0xc8], ['o']);

// ---- Bit test and scan (0F A3/AB/B3/BB, 0F BA /4-/7, 0F BC/BD, F3 0F B8/BC/BD)
['bt', 'bts', 'btr', 'btc'].forEach((op, i) => {
  f(op, sfx(op), 'wlq', [0x0f, 0xa3 + i * 8], ['rm', 'r']);
  f(op, sfx(op), 'wlq', [0x0f, 0xba], ['rm', 'i8'], { digit: 4 + i });
});
f('popcnt', sfx('popcnt'), 'wlq', [0x0f, 0xb8], ['r', 'rm'], { pfx: 0xf3 });
f('tzcnt', sfx('tzcnt'), 'wlq', [0x0f, 0xbc], ['r', 'rm'], { pfx: 0xf3 });
f('lzcnt', sfx('lzcnt'), 'wlq', [0x0f, 0xbd], ['r', 'rm'], { pfx: 0xf3 });
f('bsf', sfx('bsf'), 'wlq', [0x0f, 0xbc], ['r', 'rm']);
f('bsr', sfx('bsr'), 'wlq', [0x0f, 0xbd], ['r', 'rm']);

// ---- String instructions (A4-A7, AA-AF, 6C-6F) with implicit DS:rSI / ES:rDI operands.
f('movs', ['movs{s}', 'movs'], 'b', [0xa4], ['Yd', 'Xs'], { flags: 'sfx' });
f('movs', ['movs{s}', 'movs', 'movsd:l!'], 'wlq', [0xa5], ['Yd', 'Xs'], { flags: 'sfx' });
f('cmps', ['cmps{s}', 'cmps'], 'b', [0xa6], ['Xs', 'Yd'], { flags: 'sfx' });
f('cmps', ['cmps{s}', 'cmps', 'cmpsd:l!'], 'wlq', [0xa7], ['Xs', 'Yd'], { flags: 'sfx' });
f('stos', ['stos{s}', 'stos'], 'b', [0xaa], ['Yd', 'al*']);
f('stos', ['stos{s}', 'stos', 'stosd:l!'], 'wlq', [0xab], ['Yd', 'acc*']);
f('lods', ['lods{s}', 'lods'], 'b', [0xac], ['al*', 'Xs']);
f('lods', ['lods{s}', 'lods', 'lodsd:l!'], 'wlq', [0xad], ['acc*', 'Xs']);
f('scas', ['scas{s}', 'scas'], 'b', [0xae], ['al*', 'Yd']);
f('scas', ['scas{s}', 'scas', 'scasd:l!'], 'wlq', [0xaf], ['acc*', 'Yd']);
f('ins', ['ins{s}', 'ins'], 'b', [0x6c], ['Yd', 'dxp*'], { flags: 'sfx' });
f('ins', ['ins{s}', 'ins', 'insd:l!'], 'wl', [0x6d], ['Yd', 'dxp*'], { flags: 'sfx' });
f('outs', ['outs{s}', 'outs'], 'b', [0x6e], ['dxp*', 'Xs'], { flags: 'sfx' });
f('outs', ['outs{s}', 'outs', 'outsd:l!'], 'wl', [0x6f], ['dxp*', 'Xs'], { flags: 'sfx' });
f('xlat', ['xlat', 'xlatb'], '', [0xd7], ['Xb']);

// ---- Port I/O (E4-E7, EC-EF)
// GAS also takes the accumulator as implied: `inb $0x60`, `outl %dx`.
f('in', sfx('in'), 'b', [0xe4], ['al*', 'i8']);
f('in', sfx('in'), 'wl', [0xe5], ['acc*', 'i8']);
f('in', sfx('in'), 'b', [0xec], ['al*', 'dxp']);
f('in', sfx('in'), 'wl', [0xed], ['acc*', 'dxp']);
f('out', sfx('out'), 'b', [0xe6], ['i8', 'al*']);
f('out', sfx('out'), 'wl', [0xe7], ['i8', 'acc*']);
f('out', sfx('out'), 'b', [0xee], ['dxp', 'al*']);
f('out', sfx('out'), 'wl', [0xef], ['dxp', 'acc*']);

// ---- NOP (90; multi-byte 0F 1F /0), PAUSE (F3 90), ENDBR64
f('pause', ['pause'], '', [0x90], [], { pfx: 0xf3 });
f('nop', ['nop'], '', [0x90], [], { flags: 'nop90' });
// 0F 1F /0 is the documented multi-byte NOP; any ModRM.reg is a NOP too (decoded, never chosen).
f('nop', ['nop{s}', 'nop'], 'wlq', [0x0f, 0x1f], ['rm0'], { digit: 0 });
f('nop', [], 'wlq', [0x0f, 0x1f], ['rm0']);
f('endbr64', ['endbr64'], '', [0x0f, 0x1e], [], { pfx: 0xf3, modrm: 0xfa });
f('endbr32', ['endbr32'], '', [0x0f, 0x1e], [], { pfx: 0xf3, modrm: 0xfb });

// ---- Flags (9E, 9F, F5, F8-FD)
for (const [op, byte] of [['sahf', 0x9e], ['lahf', 0x9f], ['cmc', 0xf5], ['clc', 0xf8], ['stc', 0xf9], ['cli', 0xfa], ['sti', 0xfb], ['cld', 0xfc], ['std', 0xfd], ['hlt', 0xf4], ['int3', 0xcc], ['int1', 0xf1]] as const) {
  f(op, [op], '', [byte], []);
}
f('int', ['int'], '', [0xcd], ['i8']);
f('fwait', ['fwait', 'wait'], '', [0x9b], []);

// ---- System instructions (SDM Vol.2 and Vol.3)
f('syscall', ['syscall'], '', [0x0f, 0x05], []);
f('sysret', ['sysret{s}', 'sysret', 'sysretd:l!'], 'lq', [0x0f, 0x07], [], { flags: 'sfx', intel: { l: 'sysretd', q: 'sysretq' } });
f('sysenter', ['sysenter'], '', [0x0f, 0x34], []);
f('sysexit', ['sysexit{s}', 'sysexit', 'sysexitd:l!'], 'lq', [0x0f, 0x35], [], { flags: 'sfx', intel: { l: 'sysexitd', q: 'sysexitq' } });
f('iret', ['iret{s}', 'iret', 'iretd:l!'], 'wlq', [0xcf], [], { att: { w: 'iretw', l: 'iret', q: 'iretq' }, intel: { w: 'iretw', l: 'iret', q: 'iretq' } });
f('ud2', ['ud2', 'ud2a'], '', [0x0f, 0x0b], []);
f('ud1', sfx('ud1'), 'wlq', [0x0f, 0xb9], ['r', 'rm']);
f('ud0', sfx('ud0'), 'wlq', [0x0f, 0xff], ['r', 'rm']);
f('cpuid', ['cpuid'], '', [0x0f, 0xa2], []);
f('rdtsc', ['rdtsc'], '', [0x0f, 0x31], []);
f('rdtscp', ['rdtscp'], '', [0x0f, 0x01], [], { modrm: 0xf9 });
f('rdmsr', ['rdmsr'], '', [0x0f, 0x32], []);
f('wrmsr', ['wrmsr'], '', [0x0f, 0x30], []);
f('rdpmc', ['rdpmc'], '', [0x0f, 0x33], []);
f('swapgs', ['swapgs'], '', [0x0f, 0x01], [], { modrm: 0xf8 });
f('vmcall', ['vmcall'], '', [0x0f, 0x01], [], { modrm: 0xc1 });
f('xgetbv', ['xgetbv'], '', [0x0f, 0x01], [], { modrm: 0xd0 });
f('xsetbv', ['xsetbv'], '', [0x0f, 0x01], [], { modrm: 0xd1 });
f('sgdt', ['sgdt', 'sgdtq'], '', [0x0f, 0x01], ['m80'], { digit: 0 });
f('sidt', ['sidt', 'sidtq'], '', [0x0f, 0x01], ['m80'], { digit: 1 });
f('lgdt', ['lgdt', 'lgdtq'], '', [0x0f, 0x01], ['m80'], { digit: 2 });
f('lidt', ['lidt', 'lidtq'], '', [0x0f, 0x01], ['m80'], { digit: 3 });
f('invlpg', ['invlpg'], '', [0x0f, 0x01], ['m0b'], { digit: 7 });
f('ltr', ['ltr', 'ltrw'], '', [0x0f, 0x00], ['rm16'], { digit: 3 });
f('sldt', sfx('sldt'), 'wlq', [0x0f, 0x00], ['R'], { digit: 0, flags: 'noW' });
f('sldt', ['sldt', 'sldtw'], '', [0x0f, 0x00], ['m16'], { digit: 0 });
f('str', sfx('str'), 'wlq', [0x0f, 0x00], ['R'], { digit: 1, flags: 'noW' });
f('str', ['str', 'strw'], '', [0x0f, 0x00], ['m16'], { digit: 1 });
f('smsw', sfx('smsw'), 'wlq', [0x0f, 0x01], ['R'], { digit: 4 });
f('smsw', ['smsw', 'smsww'], '', [0x0f, 0x01], ['m16'], { digit: 4 });
f('lmsw', ['lmsw', 'lmsww'], '', [0x0f, 0x01], ['rm16'], { digit: 6 });
f('prefetchnta', ['prefetchnta'], '', [0x0f, 0x18], ['m8'], { digit: 0 });
f('prefetcht0', ['prefetcht0'], '', [0x0f, 0x18], ['m8'], { digit: 1 });
f('prefetcht1', ['prefetcht1'], '', [0x0f, 0x18], ['m8'], { digit: 2 });
f('prefetcht2', ['prefetcht2'], '', [0x0f, 0x18], ['m8'], { digit: 3 });
f('prefetch', ['prefetch'], '', [0x0f, 0x0d], ['m8'], { digit: 0 });
f('prefetchw', ['prefetchw'], '', [0x0f, 0x0d], ['m8'], { digit: 1 });
f('lldt', ['lldt', 'lldtw'], '', [0x0f, 0x00], ['rm16'], { digit: 2 });
f('clflush', ['clflush'], '', [0x0f, 0xae], ['m8'], { digit: 7 });
f('clflushopt', ['clflushopt'], '', [0x0f, 0xae], ['m8'], { pfx: 0x66, digit: 7 });
f('clwb', ['clwb'], '', [0x0f, 0xae], ['m8'], { pfx: 0x66, digit: 6 });
// The fences are 0F AE /5 /6 /7 with mod = 11; the rm bits are ignored (GAS writes 0: E8, F0, F8).
f('lfence', ['lfence'], '', [0x0f, 0xae], [], { digit: 5, flags: 'mod3' });
f('mfence', ['mfence'], '', [0x0f, 0xae], [], { digit: 6, flags: 'mod3' });
f('sfence', ['sfence'], '', [0x0f, 0xae], [], { digit: 7, flags: 'mod3' });
f('rdfsbase', ['rdfsbase'], 'lq', [0x0f, 0xae], ['R'], { flags: 'nosfx', pfx: 0xf3, digit: 0 });
f('rdgsbase', ['rdgsbase'], 'lq', [0x0f, 0xae], ['R'], { flags: 'nosfx', pfx: 0xf3, digit: 1 });
f('wrfsbase', ['wrfsbase'], 'lq', [0x0f, 0xae], ['R'], { flags: 'nosfx', pfx: 0xf3, digit: 2 });
f('wrgsbase', ['wrgsbase'], 'lq', [0x0f, 0xae], ['R'], { flags: 'nosfx', pfx: 0xf3, digit: 3 });

// ---- More system and extension instructions of the integer ISA, as real kernels and libcs
// write them (Linux entry code, KVM, glibc's lock elision and xsave trampolines). SDM Vol.2 and
// AMD APM Vol.3; the three-byte opcodes are in the 0F 38 / 0F 3A maps (SDM Vol.2A Appendix A.3).
for (const [op, byte] of [['clts', 0x06], ['invd', 0x08], ['wbinvd', 0x09], ['getsec', 0x37]] as const) f(op, [op], '', [0x0f, byte], []);
f('wbnoinvd', ['wbnoinvd'], '', [0x0f, 0x09], [], { pfx: 0xf3 });
// 0F 01 with a fixed ModRM byte (SDM Vol.2 opcode map Table A-6, group 7 with mod = 11).
for (const [op, modrm] of [
  ['enclv', 0xc0], ['vmlaunch', 0xc2], ['vmresume', 0xc3], ['vmxoff', 0xc4], ['pconfig', 0xc5], ['clac', 0xca], ['stac', 0xcb],
  ['encls', 0xcf], ['vmfunc', 0xd4], ['xend', 0xd5], ['xtest', 0xd6], ['enclu', 0xd7], ['vmrun', 0xd8], ['vmmcall', 0xd9],
  ['vmload', 0xda], ['vmsave', 0xdb], ['stgi', 0xdc], ['clgi', 0xdd], ['skinit', 0xde], ['invlpga', 0xdf], ['serialize', 0xe8],
  ['rdpkru', 0xee], ['wrpkru', 0xef], ['clzero', 0xfc], ['rdpru', 0xfd], ['invlpgb', 0xfe], ['tlbsync', 0xff],
] as const) f(op, [op], '', [0x0f, 0x01], [], { modrm });
for (const [op, modrm] of [['setssbsy', 0xe8], ['saveprevssp', 0xea], ['uiret', 0xec], ['testui', 0xed], ['clui', 0xee], ['stui', 0xef]] as const) {
  f(op, [op], '', [0x0f, 0x01], [], { modrm, pfx: 0xf3 });
}
for (const [op, modrm] of [['xsusldtrk', 0xe8], ['xresldtrk', 0xe9], ['rmpupdate', 0xfe], ['pvalidate', 0xff]] as const) f(op, [op], '', [0x0f, 0x01], [], { modrm, pfx: 0xf2 });
for (const [op, modrm] of [['rmpadjust', 0xfe], ['psmash', 0xff]] as const) f(op, [op], '', [0x0f, 0x01], [], { modrm, pfx: 0xf3 });
f('rmpquery', ['rmpquery'], '', [0x0f, 0x01], [], { modrm: 0xfd, pfx: 0xf3 });
// Intel TDX (66 0F 01 CC-CF).
for (const [op, modrm] of [['tdcall', 0xcc], ['seamret', 0xcd], ['seamops', 0xce], ['seamcall', 0xcf]] as const) f(op, [op], '', [0x0f, 0x01], [], { modrm, pfx: 0x66 });
f('vmgexit', ['vmgexit'], '', [0x0f, 0x01], [], { modrm: 0xd9, pfx: 0xf3 }); // AMD: `rep vmmcall`
f('vmgexit', [], '', [0x0f, 0x01], [], { modrm: 0xd9, pfx: 0xf2 }); // objdump reads F2 as vmgexit too
// MONITOR/MWAIT take their operands in fixed registers; GAS accepts them written or not, and
// objdump's AT&T listing writes them (`monitor %rax,%ecx,%edx`).
f('monitor', ['monitor'], '', [0x0f, 0x01], ['=rax', '=ecx', '=edx'], { modrm: 0xc8, flags: 'sameorder' });
f('mwait', ['mwait'], '', [0x0f, 0x01], ['=eax', '=ecx'], { modrm: 0xc9, flags: 'sameorder' });
f('monitorx', ['monitorx'], '', [0x0f, 0x01], ['=rax', '=ecx', '=edx'], { modrm: 0xfa, flags: 'sameorder' });
f('mwaitx', ['mwaitx'], '', [0x0f, 0x01], ['=eax', '=ecx', '=ebx'], { modrm: 0xfb, flags: 'sameorder' });
f('rstorssp', ['rstorssp'], '', [0x0f, 0x01], ['m64'], { digit: 5, pfx: 0xf3 });
// Group 6 (0F 00): VERR/VERW check a selector (SDM Vol.2B "VERR/VERW").
f('verr', ['verr', 'verrw'], '', [0x0f, 0x00], ['rm16'], { digit: 4 });
f('verw', ['verw', 'verww'], '', [0x0f, 0x00], ['rm16'], { digit: 5 });
// LAR/LSL (0F 02, 0F 03): a register source is printed at the operand size; memory is a word.
for (const [op, byte] of [['lar', 0x02], ['lsl', 0x03]] as const) {
  f(op, sfx(op), 'wlq', [0x0f, byte], ['r', 'R']);
  f(op, sfx(op), 'wlq', [0x0f, byte], ['r', 'm16']);
  f(op, [op], 'lq', [0x0f, byte], ['r', 'R16']); // `lar %ax,%eax` (decoded by the form above)
}
// LFS/LGS/LSS load a far pointer m16:16 or m16:32 (SDM Vol.2A "LDS/LES/LFS/LGS/LSS").
for (const [op, byte] of [['lss', 0xb2], ['lfs', 0xb4], ['lgs', 0xb5]] as const) {
  f(op, sfx(op), 'wl', [0x0f, byte], ['r', 'mp']);
  f(op, [], 'q', [0x0f, byte], ['r', 'mp']); // REX.W: m16:64 on Intel; GAS refuses it, objdump decodes it
}
f('movnti', ['movnti', 'movntil:l', 'movntiq:q'], 'lq', [0x0f, 0xc3], ['m', 'r'], { flags: 'nosfx' });
// Group 9 (0F C7): RDRAND/RDSEED (/6 /7, register), RDPID/SENDUIPI (F3), the VMX pointer
// instructions and the compacted XSAVE forms (memory).
f('rdrand', ['rdrand'], 'wlq', [0x0f, 0xc7], ['R'], { digit: 6 });
f('rdseed', ['rdseed'], 'wlq', [0x0f, 0xc7], ['R'], { digit: 7 });
f('rdpid', ['rdpid'], '', [0x0f, 0xc7], ['R64'], { digit: 7, pfx: 0xf3 });
f('senduipi', ['senduipi'], '', [0x0f, 0xc7], ['R64'], { digit: 6, pfx: 0xf3 });
f('vmptrld', ['vmptrld'], '', [0x0f, 0xc7], ['m64'], { digit: 6 });
f('vmptrst', ['vmptrst'], '', [0x0f, 0xc7], ['m64'], { digit: 7 });
f('vmclear', ['vmclear'], '', [0x0f, 0xc7], ['m64'], { digit: 6, pfx: 0x66 });
f('vmxon', ['vmxon'], '', [0x0f, 0xc7], ['m64'], { digit: 6, pfx: 0xf3 });
// XSAVE family: REX.W selects the 64-bit layout, spelled with a `64` (xsave64).
const xsaveLike = (op: string, opcode: number[], digit: number, alias = false): void => {
  const names = [`${op}:l`, `${op}64:q`, ...(alias ? [`${op}q:q`] : [])];
  f(op, names, 'lq', opcode, ['m0'], { digit, att: { l: op, q: `${op}64` }, intel: { l: op, q: `${op}64` } });
};
xsaveLike('fxsave', [0x0f, 0xae], 0, true);
xsaveLike('fxrstor', [0x0f, 0xae], 1, true);
xsaveLike('xsave', [0x0f, 0xae], 4);
xsaveLike('xrstor', [0x0f, 0xae], 5);
xsaveLike('xsaveopt', [0x0f, 0xae], 6);
xsaveLike('xrstors', [0x0f, 0xc7], 3);
xsaveLike('xsavec', [0x0f, 0xc7], 4);
xsaveLike('xsaves', [0x0f, 0xc7], 5);
f('ldmxcsr', ['ldmxcsr'], '', [0x0f, 0xae], ['m32'], { digit: 2 });
f('stmxcsr', ['stmxcsr'], '', [0x0f, 0xae], ['m32'], { digit: 3 });
// F3/66/F2 0F AE: CET shadow stack, PTWRITE, WAITPKG (mod = 11 unless noted).
f('ptwrite', sfx('ptwrite'), 'lq', [0x0f, 0xae], ['rm'], { digit: 4, pfx: 0xf3 });
f('incssp', ['incsspd:l', 'incsspq:q'], 'lq', [0x0f, 0xae], ['R'], { digit: 5, pfx: 0xf3, att: { l: 'incsspd', q: 'incsspq' }, intel: { l: 'incsspd', q: 'incsspq' } });
f('clrssbsy', ['clrssbsy'], '', [0x0f, 0xae], ['m64'], { digit: 6, pfx: 0xf3 });
f('umonitor', ['umonitor'], '', [0x0f, 0xae], ['R64'], { digit: 6, pfx: 0xf3 });
f('tpause', ['tpause'], '', [0x0f, 0xae], ['R32'], { digit: 6, pfx: 0x66 });
f('umwait', ['umwait'], '', [0x0f, 0xae], ['R32'], { digit: 6, pfx: 0xf2 });
f('rdssp', ['rdsspd:l', 'rdsspq:q'], 'lq', [0x0f, 0x1e], ['R'], { digit: 1, pfx: 0xf3, att: { l: 'rdsspd', q: 'rdsspq' }, intel: { l: 'rdsspd', q: 'rdsspq' } });
f('cldemote', ['cldemote'], '', [0x0f, 0x1c], ['m8'], { digit: 0, flags: 'np' });
// VMREAD/VMWRITE: 64-bit operands without REX.W in 64-bit mode.
f('vmread', ['vmread'], '', [0x0f, 0x78], ['rm64', 'r64'], { flags: 'np' }); // 66/F2 0F 78: SSE4a extrq/insertq
f('vmwrite', ['vmwrite'], '', [0x0f, 0x79], ['r64', 'rm64'], { flags: 'np' });
// RTM (SDM Vol.2 "XBEGIN", "XABORT"): C7 F8 rel32, C6 F8 ib.
f('xbegin', ['xbegin'], '', [0xc7], ['rel32'], { modrm: 0xf8 });
f('xabort', ['xabort'], '', [0xc6], ['i8'], { modrm: 0xf8 });
// 0F 38 map: MOVBE, CRC32 (F2), ADCX (66) / ADOX (F3), WRSS/WRUSS, INVEPT/INVVPID/INVPCID,
// MOVDIRI, MOVDIR64B (66) / ENQCMD (F2) / ENQCMDS (F3).
f('movbe', sfx('movbe'), 'wlq', [0x0f, 0x38, 0xf0], ['r', 'm']);
f('movbe', sfx('movbe'), 'wlq', [0x0f, 0x38, 0xf1], ['m', 'r']);
f('crc32', ['crc32{s}', 'crc32'], 'wl', [0x0f, 0x38, 0xf1], ['r32', 'rm'], { pfx: 0xf2, flags: 'rmsfx' });
f('crc32', ['crc32{s}', 'crc32'], 'q', [0x0f, 0x38, 0xf1], ['r64', 'rm'], { pfx: 0xf2, flags: 'rmsfx' });
// After the F1 forms: without a suffix GAS reads a memory source as a doubleword (crc32l).
f('crc32', ['crc32b', 'crc32'], 'l', [0x0f, 0x38, 0xf0], ['r32', 'rm8'], { pfx: 0xf2, flags: 'rmsfx' });
f('crc32', ['crc32b', 'crc32'], 'q', [0x0f, 0x38, 0xf0], ['r64', 'rm8'], { pfx: 0xf2, flags: 'rmsfx' });
f('adcx', sfx('adcx'), 'lq', [0x0f, 0x38, 0xf6], ['r', 'rm'], { pfx: 0x66 });
f('adox', sfx('adox'), 'lq', [0x0f, 0x38, 0xf6], ['r', 'rm'], { pfx: 0xf3 });
f('wrss', ['wrssd:l', 'wrssq:q'], 'lq', [0x0f, 0x38, 0xf6], ['m0', 'r'], { att: { l: 'wrssd', q: 'wrssq' }, intel: { l: 'wrssd', q: 'wrssq' } });
f('wruss', ['wrussd:l', 'wrussq:q'], 'lq', [0x0f, 0x38, 0xf5], ['m0', 'r'], { pfx: 0x66, att: { l: 'wrussd', q: 'wrussq' }, intel: { l: 'wrussd', q: 'wrussq' } });
f('invept', ['invept'], '', [0x0f, 0x38, 0x80], ['r64', 'm128'], { pfx: 0x66 });
f('invvpid', ['invvpid'], '', [0x0f, 0x38, 0x81], ['r64', 'm128'], { pfx: 0x66 });
f('invpcid', ['invpcid'], '', [0x0f, 0x38, 0x82], ['r64', 'm0'], { pfx: 0x66 });
f('movdiri', ['movdiri'], 'lq', [0x0f, 0x38, 0xf9], ['m', 'r'], { flags: 'nosfx' });
f('movdir64b', ['movdir64b'], '', [0x0f, 0x38, 0xf8], ['r64', 'm0'], { pfx: 0x66, flags: 'a64' });
f('enqcmd', ['enqcmd'], '', [0x0f, 0x38, 0xf8], ['r64', 'm0'], { pfx: 0xf2, flags: 'a64' });
f('enqcmds', ['enqcmds'], '', [0x0f, 0x38, 0xf8], ['r64', 'm0'], { pfx: 0xf3, flags: 'a64' });
// With a 67 prefix the address and the register are 32-bit (`movdir64b (%esi),%edi`).
f('movdir64b', ['movdir64b'], '', [0x0f, 0x38, 0xf8], ['r32', 'm0'], { pfx: 0x66, flags: 'a32' });
f('enqcmd', ['enqcmd'], '', [0x0f, 0x38, 0xf8], ['r32', 'm0'], { pfx: 0xf2, flags: 'a32' });
f('enqcmds', ['enqcmds'], '', [0x0f, 0x38, 0xf8], ['r32', 'm0'], { pfx: 0xf3, flags: 'a32' });
// 0F 3A map: HRESET imm8 (F3 0F 3A F0 C0 ib).
f('hreset', ['hreset'], '', [0x0f, 0x3a, 0xf0], ['i8'], { modrm: 0xc0, pfx: 0xf3 });

// ---- BMI1/BMI2 (VEX-encoded general-purpose instructions; SDM Vol.2 "ANDN" ... "SHRX"). Operand
// size 32 (VEX.W0) or 64 (VEX.W1); V is the VEX.vvvv register.
f('andn', sfx('andn'), 'lq', [0x0f, 0x38, 0xf2], ['r', 'V', 'rm'], { vex: true });
f('blsr', sfx('blsr'), 'lq', [0x0f, 0x38, 0xf3], ['V', 'rm'], { vex: true, digit: 1 });
f('blsmsk', sfx('blsmsk'), 'lq', [0x0f, 0x38, 0xf3], ['V', 'rm'], { vex: true, digit: 2 });
f('blsi', sfx('blsi'), 'lq', [0x0f, 0x38, 0xf3], ['V', 'rm'], { vex: true, digit: 3 });
f('bzhi', sfx('bzhi'), 'lq', [0x0f, 0x38, 0xf5], ['r', 'rm', 'V'], { vex: true });
f('pext', sfx('pext'), 'lq', [0x0f, 0x38, 0xf5], ['r', 'V', 'rm'], { vex: true, pfx: 0xf3 });
f('pdep', sfx('pdep'), 'lq', [0x0f, 0x38, 0xf5], ['r', 'V', 'rm'], { vex: true, pfx: 0xf2 });
f('mulx', sfx('mulx'), 'lq', [0x0f, 0x38, 0xf6], ['r', 'V', 'rm'], { vex: true, pfx: 0xf2 });
f('bextr', sfx('bextr'), 'lq', [0x0f, 0x38, 0xf7], ['r', 'rm', 'V'], { vex: true });
f('shlx', sfx('shlx'), 'lq', [0x0f, 0x38, 0xf7], ['r', 'rm', 'V'], { vex: true, pfx: 0x66 });
f('sarx', sfx('sarx'), 'lq', [0x0f, 0x38, 0xf7], ['r', 'rm', 'V'], { vex: true, pfx: 0xf3 });
f('shrx', sfx('shrx'), 'lq', [0x0f, 0x38, 0xf7], ['r', 'rm', 'V'], { vex: true, pfx: 0xf2 });
f('rorx', sfx('rorx'), 'lq', [0x0f, 0x3a, 0xf0], ['r', 'rm', 'i8'], { vex: true, pfx: 0xf2 });

// ---- Decode-only aliases (no mnemonic: the encoder never picks them). Hardware and objdump
// accept them, so the decoder must too: group-2 /6 is SHL (SAL alias), group-3 /1 is TEST,
// 0F 19-0F 1E are reserved-NOP hint space (SDM Vol.2B "NOP": 0F 1F /0; AMD APM 0F 19-1E).
['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'shl', 'sar'].forEach((op, n) => {
  if (n !== 6) return;
  f(op, [], 'b', [0xd0], ['rm8', 'one'], { digit: n });
  f(op, [], 'wlq', [0xd1], ['rm', 'one'], { digit: n });
  f(op, [], 'b', [0xd2], ['rm8', 'cl'], { digit: n });
  f(op, [], 'wlq', [0xd3], ['rm', 'cl'], { digit: n });
  f(op, [], 'b', [0xc0], ['rm8', 'i8'], { digit: n });
  f(op, [], 'wlq', [0xc1], ['rm', 'i8'], { digit: n });
});
f('test', [], 'b', [0xf6], ['rm8', 'i8'], { digit: 1 });
f('test', [], 'wlq', [0xf7], ['rm', 'i'], { digit: 1 });
for (const b of [0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e]) f('nop', [], 'wlq', [0x0f, b], ['rm0']);
for (const d of [4, 5, 6, 7]) f('nop', [], 'wlq', [0x0f, 0x18], ['rm0'], { digit: d });
f('nop', [], 'wlq', [0x0f, 0x18], ['R']); // 0F 18 /0-/3 with a register operand: no prefetch, a NOP
// 16-bit destinations of the extending moves (66 prefix): a plain 16-bit move for B7/BF/63.
f('movzx', [], 'w', [0x0f, 0xb7], ['r', 'rm16'], { att: { w: 'movzww' } });
f('movsx', [], 'w', [0x0f, 0xbf], ['r', 'rm16'], { att: { w: 'movsww' } });
// `movsx %eax,%rdx` / `movsx rax, DWORD PTR [rdi]` are movslq to GAS (an unsized memory source
// stays a byte: `movsx (%rax),%ecx`).
f('movsxd', ['movsx'], 'q', [0x63], ['r', 'rm32p'], { att: { q: 'movslq' } });
f('movsxd', [], 'w', [0x63], ['r', 'rm32'], { att: { w: 'movsxd' } });
f('prefetchwt1', ['prefetchwt1'], '', [0x0f, 0x0d], ['m8'], { digit: 2 });
for (const d of [3, 4, 5, 6, 7]) f('prefetch', [], '', [0x0f, 0x0d], ['m8'], { digit: d });

// ---- Encode-only spellings: `loopl` & co. are LOOP counting in ECX (67 prefix). The decoder
// reaches the plain loop forms first and reports addrSize 32.
f('loop', ['loopl', 'loopd!'], '', [0xe2], ['rel8'], { flags: 'a32' });
f('loope', ['loopel', 'loopzl', 'looped!', 'loopzd!'], '', [0xe1], ['rel8'], { flags: 'a32' });
f('loopne', ['loopnel', 'loopnzl', 'loopned!', 'loopnzd!'], '', [0xe0], ['rel8'], { flags: 'a32' });

export const FORM_DEFS: readonly FormDef[] = forms;

/** Condition codes 0..15 (SDM Vol.1 Appendix B): the objdump name first, then GAS aliases. */
export const CONDITIONS: readonly (readonly string[])[] = [
  ['o'], ['no'], ['b', 'c', 'nae'], ['ae', 'nb', 'nc'], ['e', 'z'], ['ne', 'nz'], ['be', 'na'], ['a', 'nbe'],
  ['s'], ['ns'], ['p', 'pe'], ['np', 'po'], ['l', 'nge'], ['ge', 'nl'], ['le', 'ng'], ['g', 'nle'],
];
