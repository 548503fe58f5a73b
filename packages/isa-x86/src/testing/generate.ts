// Generates GAS source lines from the instruction table for differential tests: every form,
// every operand size, with registers (low, high, REX-only byte registers, ah..bh), addressing
// modes (base, index, scale, disp8/disp32 edges, no-base SIB, RIP-relative, absolute, fs/gs,
// 32-bit address registers) and immediate edge values. The lines are text; GNU as is the judge.

import { CONDITIONS } from '../table/forms.js';
import { FORMS, LETTER_OF_SIZE, type Form } from '../table/compile.js';
import type { OperandSpec } from '../table/operands.js';
import { gprName } from '../registers/registers.js';

const REGS: Record<number, string[]> = {
  8: ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r11b', 'r12b', 'r13b', 'r15b', 'ah', 'bh'],
  16: ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r12w', 'r13w', 'r15w'],
  32: ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r12d', 'r13d', 'r15d'],
  64: ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r12', 'r13', 'r15'],
};

export const MEMORY_OPERANDS = [
  '(%rax)', '(%rsp)', '(%rbp)', '(%r12)', '(%r13)', '(%r15)', '0x7f(%rcx)', '-0x80(%rdx)', '0x80(%rsi)', '-0x81(%rdi)',
  '0x12345678(%r8)', '-0x80000000(%r9)', '(%rax,%rbx,1)', '(%rsp,%rbp,2)', '0x10(%r13,%r14,4)', '-8(,%rcx,8)',
  '0x7fffffff(,%r11,2)', '(%rbp,%r12,8)', '0x1234', '0x10(%rip)', '-0x100(%rip)', '%fs:0x28', '%gs:(%rax)',
  '%fs:-8(%rbx,%rsi,4)', '(%eax)', '0x10(%ebp,%esi,4)', '(%r12d)', '0(%r13)', '0(%rax)', '-0x7fffffff(%r10,%r10,1)',
];

const IMM: Record<number, string[]> = {
  8: ['0', '1', '3', '127', '128', '-128', '255', '-1', '0x5a'],
  16: ['0', '1', '127', '128', '-128', '-129', '255', '0x7fff', '-0x8000', '0xffff', '-1'],
  32: ['0', '1', '127', '128', '-128', '-129', '0x7fffffff', '-0x80000000', '0xffffffff', '0x12345678', '-1'],
  64: ['0', '1', '127', '128', '-128', '-129', '0x7fffffff', '-0x80000000', '0x80000000', '0xffffffff', '-1', '0x123456789abcdef0', '0xffffffffffffffff', '-0x8000000000000000'],
};

function samples(spec: OperandSpec, size: number): string[] {
  const s = spec.size || size;
  const regs = (n: number): string[] => REGS[n]!.map((r) => `%${r}`);
  switch (spec.kind) {
    case 'reg': case 'rmreg': case 'opreg': case 'vreg': return regs(s);
    case 'rm': return [...regs(s), ...MEMORY_OPERANDS];
    case 'mem': return MEMORY_OPERANDS;
    case 'acc': return [`%${REGS[s]![0]}`];
    case 'cl': return spec.implicit ? ['%cl', ''] : ['%cl'];
    case 'dx': return ['%dx'];
    case 'imm':
      if (spec.width === 8) return IMM[8]!.map((v) => `$${v}`);
      if (spec.width === 16) return IMM[16]!.map((v) => `$${v}`);
      return IMM[s]!.map((v) => `$${v}`);
    case 'simm8': return IMM[s]!.map((v) => `$${v}`);
    case 'one': return ['$1', ''];
    case 'rel': return spec.width === 8 ? ['.+0x10', '.-0x20', '.+2', '.+0x81'] : ['.+0x1000', '.-0x1000', '.+0x10'];
    case 'moffs': return ['0x1122334455667788', '0x10', '%fs:0x8000000000'];
    case 'sreg': return ['%es', '%cs', '%ss', '%ds', '%fs', '%gs'];
    case 'creg': return ['%cr0', '%cr2', '%cr3', '%cr4', '%cr8'];
    case 'dreg': return ['%db0', '%db3', '%db7'];
    case 'fixedSreg': return [spec.reg === 4 ? '%fs' : '%gs'];
    case 'fixedReg': return ['', `%${gprName(spec.reg, spec.size)}`];
    case 'strSrc': return ['', '(%rsi)'];
    case 'strDst': return ['', '%es:(%rdi)'];
    case 'xlat': return ['', '(%rbx)'];
  }
}

function mnemonicsOf(form: Form, size: number): string[] {
  const out: string[] = [];
  for (const pattern of form.def.names) {
    if (pattern.endsWith('!')) continue; // Intel-syntax spelling: GAS rejects it in AT&T
    const conds = pattern.includes('{cc}') ? CONDITIONS.flatMap((a) => a).map((a) => pattern.replace('{cc}', a)) : [pattern];
    for (const p of conds) {
      const colon = p.indexOf(':');
      if (colon >= 0) {
        if (LETTER_OF_SIZE[size] === p.slice(colon + 1)) out.push(p.slice(0, colon));
      } else if (p.includes('{s}')) {
        if (size) out.push(p.replace('{s}', LETTER_OF_SIZE[size]!));
      } else if (out.length === 0 || !size) out.push(p);
    }
  }
  return [...new Set(out)];
}

/** Lines for one form: each operand walks its sample list; the longest list sets the count,
 *  the others cycle at co-prime strides so that combinations vary. */
export function linesForForm(form: Form): string[] {
  const out: string[] = [];
  const sizes = form.sizes.length ? form.sizes : [0];
  for (const size of sizes) {
    const names = mnemonicsOf(form, size);
    // Indirect branches take `*` before a register or memory operand (else GAS reads a label).
    const star = form.op === 'call' || form.op === 'jmp';
    const lists = form.ops.map((spec) => samples(spec, size).map((t) => (star && spec.kind === 'rm' ? `*${t}` : t)));
    const n = Math.max(1, ...lists.map((l) => l.length));
    for (const [k, name] of names.entries()) {
      const count = k === 0 ? n : Math.min(n, 3);
      for (let i = 0; i < count; i++) {
        const intel = lists.map((l, j) => l[(i * (j * 2 + 1) + j) % l.length]!);
        const att = (form.sameOrder ? intel : intel.reverse()).filter((t) => t !== '');
        out.push(att.length ? `${name} ${att.join(', ')}` : name);
      }
    }
  }
  return [...new Set(out)];
}

/** Prefix and special-case lines that the per-form walk does not produce. */
export function extraLines(): string[] {
  const out: string[] = ['int $3', 'int $0x80', 'data16 nop', 'addr32 stosb', 'movsb (%esi), (%edi)', 'fs movsb', 'movs %fs:(%rsi), %es:(%rdi)',
    'lods %gs:(%rsi), %al', 'xlat %fs:(%rbx)', 'stos %eax, %es:(%rdi)', 'movzxb %al, %eax', 'movzxw (%rax), %rax', 'movsx %al, %rax',
    'movsxd (%rax), %rax', 'movzx %ax, %eax', 'xchg %rax, %rax', 'xchg %r8, %rax', 'xchg %eax, %r8d', 'xchg %ax, %ax', 'xchg (%rax), %ecx',
    'test (%rax), %ecx', 'shl (%rax)', 'push $0x12345678', 'push (%rax)', 'pushw (%rax)', 'popw (%rax)', 'ret $0xffff', 'sysret', 'sysretq',
    'iret', 'iretq', 'lret', 'lretq', 'jmp *%rax', 'call *(%rax)', 'movq %cr8, %r9', 'movq %r10, %cr8', 'mov %cr3, %rax', 'mov %dr7, %rax',
    'movabs $0x1122334455667788, %rax', 'movabs 0x1122334455667788, %eax', 'mov %fs:0x28, %rax', 'mov 0x1234, %al',
    'mov %ds, %rax', 'mov %ds, %ax', 'movw %ds, (%rax)', 'mov %eax, %ds', 'mov (%rax), %es', 'jrcxz .+0x10', 'jecxz .+0x10', 'loop .-0x10'];
  const strings = ['movsb', 'movsw', 'movsl', 'movsq', 'cmpsb', 'cmpsq', 'scasb', 'scasl', 'lodsb', 'lodsq', 'stosb', 'stosw', 'stosq', 'insb', 'insl', 'outsb', 'outsw'];
  for (const p of ['rep', 'repe', 'repz', 'repne', 'repnz']) for (const s of strings) out.push(`${p} ${s}`);
  const lockable = ['addl $1, (%rax)', 'orq %rax, 8(%rbx)', 'adcb $1, (%rcx)', 'sbbw %ax, (%rdx)', 'andl $0x12345678, (%r8)', 'subq $-1, (%r9,%r10,4)',
    'xorb %al, (%rsi)', 'incl (%rax)', 'decq 0x10(%rsp)', 'notw (%rbx)', 'negb (%r12)', 'xchgl %eax, (%rbx)', 'xaddq %rax, (%rcx)',
    'cmpxchgl %ecx, (%rdx)', 'cmpxchgb %cl, (%rdx)', 'btsl $3, (%rax)', 'btrq %rax, (%rbx)', 'btcw $15, (%rcx)', 'cmpxchg8b (%rax)', 'cmpxchg16b (%r15)'];
  for (const l of lockable) out.push(`lock ${l}`);
  // Prefixes GAS refuses or accepts outside the usual places.
  out.push('lock mov %eax, (%rbx)', 'lock add %eax, %ebx', 'lock btl $1, (%rax)', 'lock btl %eax, (%rax)', 'lock cmpl $1, (%rax)',
    'lock incl %eax', 'lock xchg %eax, %ebx', 'rep add %eax, (%rbx)', 'rep ret', 'repne ret', 'repe ret $8', 'rep nop', 'rep jmp *%rax',
    'repne call *%rax', 'rep xchg %eax, (%rbx)', 'rep syscall', 'rep xlat', 'rep pause', 'rep insb', 'data16 data16 nop',
    'fs fs movl (%rax), %eax', 'rep data16 movsb', 'lock lock addl $1, (%rax)', 'rep rep movsb', 'lock notl (%rax)');
  // Alternative spellings GAS accepts.
  out.push('movsxl %eax, %rax', 'ud2a', 'inl %dx', 'outb %dx', 'inb $0x60', 'outw $0x80', 'loopl .+0x10', 'loopzl .-0x10', 'loopnel .+4',
    'icebp', 'sal %cl, %eax', 'salb $3, (%rax)', 'setnaeb %al', 'cmovnael %eax, %ebx', 'xlatb', 'pushfq', 'popfw', 'leaveq', 'retq $8',
    'lretq', 'sysexitq', 'smswl %eax', 'movl %cr0, %eax', 'mov %rax, %dr7', 'cmpxchg8bq (%rax)', 'lidtq (%rax)', 'sgdtq (%rax)');
  return out;
}

export function generateLines(): string[] {
  return [...new Set([...FORMS.flatMap((f) => linesForForm(f)), ...extraLines()])];
}

/** Lines with symbolic operands (an undefined `sym`): GAS picks the widest immediate or
 *  displacement and leaves the field 0 for the relocation. */
export function symbolicLines(): string[] {
  const out = ['add $sym, %eax', 'add $sym, %al', 'add $sym, %rax', 'addq $sym, (%rax)', 'cmp $sym, %al', 'push $sym', 'pushw $sym',
    'mov $sym, %eax', 'mov $sym, %rax', 'movq $sym, (%rax)', 'movabs $sym, %rax', 'imul $sym, %eax', 'imul $sym, %ecx, %eax',
    'shl $sym, %eax', 'in $sym, %al', 'int $sym', 'ret $sym', 'enter $sym, $sym', 'mov sym, %eax', 'mov sym(%rip), %eax',
    'mov sym(%rax), %eax', 'mov sym(,%rax,8), %eax', 'movabs sym, %eax', 'lea sym(%rip), %rax', 'jmp sym', 'jne sym', 'call sym',
    'loop sym', 'jrcxz sym', 'bt $sym, %eax', 'testl $sym, (%rax)', 'test $sym, %al', 'subq $sym, 8(%rsp)', 'cmpw $sym, %ax',
    'movb $sym, (%rdi)', 'movw $sym, %ax', 'orl $sym, %fs:8', 'jmp *sym(%rip)', 'call *sym(,%rax,8)', 'mov %eax, sym+8(%rip)'];
  return out;
}

/** Raw byte sequences with prefixes that do nothing (GAS's long NOPs, hints, REX alone):
 *  what the decoder must name the way objdump does. */
export function prefixByteLines(): string[] {
  const seqs = ['2e8b00', '3e8b00', '268b00', '368b00', '2e8bc0', '666690', '2e90', '66660f1f00', 'f3c3', 'f2c3', '3effe0', '3eff10',
    '2e0f1f00', '640f1f00', '662e0f1f840000000000', '66488b00', '2e7400', '3e7400', '6666662e0f1f840000000000', 'f348a5', 'f0f00100',
    '678b00', '6790', 'f30100', '4890', '4090', '4190', '4088c0', '4088e0', '6466a5', '2ea4', '64a4', '65d7', '66c3', '670f05', '660f05',
    '48c3', '48e800000000', '66f390', 'f2e800000000', '6467a4', '4c8b00', '4a8b00'];
  return seqs.map((h) => `.byte ${h.match(/../g)!.map((b) => `0x${b}`).join(',')}`);
}
