// Every line of the recorded GNU as encodings (shared/conformance/encodings/x86_64.tsv) must
// encode to exactly the bytes GNU as produced.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { encode, EncodeError } from '../index.js';
import { readAtt } from '../testing/att-reader.js';

const TSV = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/encodings/x86_64.tsv` : new URL('../../../../../shared/conformance/encodings/x86_64.tsv', import.meta.url).pathname);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function loadTsv(): [string, string][] {
  return readFileSync(TSV, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]);
}

describe.skipIf(!existsSync(TSV))('encode: recorded GNU as encodings', () => {
  it('encodes every line of x86_64.tsv to the recorded bytes', () => {
    const lines = loadTsv();
    expect(lines.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const [text, bytes] of lines) {
      try {
        const got = hex(encode(readAtt(text), { address: 0n }).bytes);
        if (got !== bytes) failures.push(`${text}: got ${got}, want ${bytes}`);
      } catch (e) {
        failures.push(`${text}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('encode: GAS choices and errors', () => {
  const enc = (line: string, opts = {}): string => hex(encode(readAtt(line), opts).bytes);
  it('picks short forms like GAS', () => {
    expect(enc('mov %eax, %ebx')).toBe('89c3');
    expect(enc('shl $1, %eax')).toBe('d1e0');
    expect(enc('add $5, %al')).toBe('0405');
    expect(enc('addl $0x1000, %eax')).toBe('0500100000');
    expect(enc('movq $-1, %rax')).toBe('48c7c0ffffffff');
    expect(enc('mov $0xffffffff, %rax')).toBe('48b8ffffffff00000000');
    expect(enc('movl $5, %eax')).toBe('b805000000');
    expect(enc('movl 0x1234, %eax')).toBe('8b042534120000');
    expect(enc('xchg %eax, %eax')).toBe('87c0');
    expect(enc('xchg %rax, %rax')).toBe('90');
    expect(enc('push $1')).toBe('6a01');
    expect(enc('imul $3, %eax')).toBe('6bc003');
    expect(enc('int $3')).not.toBe('');
  });
  it('chooses the branch width it is asked for', () => {
    expect(enc('jmp .+0x10', { branchSize: 32 })).toBe('e90b000000');
    expect(enc('jmp .+0x10', { branchSize: 8 })).toBe('eb0e');
    expect(enc('jne .+0x10', { branchSize: 32 })).toBe('0f850a000000');
    expect(() => encode(readAtt('jmp .+0x1000'), { branchSize: 8 })).toThrow(EncodeError);
    // An operation with one width answers with it whatever is asked.
    expect(enc('call .+0x10', { branchSize: 8 })).toBe('e80b000000');
    expect(enc('loop .+0x10', { branchSize: 32 })).toBe('e20e');
  });
  it('reports fields for the assembler', () => {
    const r = encode({ mnemonic: 'movq', operands: [{ kind: 'mem', base: 'rip', scale: 1, disp: 0n, symbolic: true }, { kind: 'reg', reg: 'rax' }] });
    expect(hex(r.bytes)).toBe('488b0500000000');
    expect(r.fields).toEqual([{ operand: 0, offset: 3, size: 4, pcRelative: true, signedness: 'signed' }]);
    const c = encode({ mnemonic: 'call', operands: [{ kind: 'rel', target: 0n, symbolic: true }] });
    expect(c.fields).toEqual([{ operand: 0, offset: 1, size: 4, pcRelative: true, signedness: 'signed' }]);
  });
  it('gives GAS warnings and messages', () => {
    const warn = (line: string): string[] | undefined => encode(readAtt(line)).warnings;
    for (const line of ['inc (%rax)', 'mov $1, (%rax)', 'movs', 'sysret', 'shl (%rax)', 'iret', 'stos']) {
      expect(warn(line), line).toEqual([`no instruction mnemonic suffix given and no register operands; using default for \`${line.split(' ')[0]}'`]);
    }
    for (const line of ['push (%rax)', 'push $1', 'movzx (%rax), %eax', 'smsw (%rax)', 'leave', 'incl (%rax)', 'ret']) expect(warn(line), line).toBeUndefined();
    expect(() => encode(readAtt('addl %eax, %bx'))).toThrow("incorrect register `%bx' used with `l' suffix");
    expect(() => encode(readAtt('movq %eax, %rbx'))).toThrow("incorrect register `%eax' used with `q' suffix");
    expect(() => encode(readAtt('pushl %eax'))).toThrow("invalid instruction suffix for `push'");
    expect(() => encode(readAtt('frobnicate %eax'))).toThrow("no such instruction: `frobnicate'");
  });

  it('rejects what GAS rejects with EncodeError', () => {
    for (const line of ['mov %ah, %sil', 'movb %ah, (%r8)', 'addl %eax, %bx', 'foo %eax', 'mov (%rsp,%rsp,1), %eax', 'addq $0x100000000, %rax', 'mov %eax']) {
      expect(() => encode(readAtt(line)), line).toThrow(EncodeError);
    }
  });
});

describe('encode: Intel-syntax sizes and malformed operands', () => {
  const mem = (extra: Partial<Extract<import('../types.js').X86Operand, { kind: 'mem' }>> = {}) => ({ kind: 'mem' as const, base: 'rax', scale: 1 as const, disp: 0n, ...extra });
  it('takes the operand size from mem.size when there is no suffix', () => {
    expect(hex(encode({ mnemonic: 'add', operands: [{ kind: 'imm', value: 1n }, mem({ size: 32 })] }).bytes)).toBe('830001');
    expect(hex(encode({ mnemonic: 'add', operands: [{ kind: 'imm', value: 1n }, mem({ size: 64 })] }).bytes)).toBe('48830001');
    expect(hex(encode({ mnemonic: 'movzx', operands: [mem({ size: 16 }), { kind: 'reg', reg: 'eax' }] }).bytes)).toBe('0fb700');
    expect(hex(encode({ mnemonic: 'inc', operands: [mem({ size: 8 })] }).bytes)).toBe('fe00');
    expect(hex(encode({ mnemonic: 'nop', operands: [mem({ size: 16 })] }).bytes)).toBe('660f1f00');
    expect(hex(encode({ mnemonic: 'lea', operands: [mem({ size: 64 }), { kind: 'reg', reg: 'rax' }] }).bytes)).toBe('488d00');
    expect(hex(encode({ mnemonic: 'movs', operands: [mem({ base: 'rsi', size: 8 }), mem({ base: 'rdi', size: 8 })] }).bytes)).toBe('a4');
    expect(hex(encode({ mnemonic: 'push', operands: [mem({ size: 64 })] }).bytes)).toBe('ff30');
    expect(hex(encode({ mnemonic: 'cmpxchg16b', operands: [mem({ size: 128 })] }).bytes)).toBe('480fc708');
  });
  it('takes the Intel-syntax spellings GNU as takes with .intel_syntax (bytes from as 2.40)', () => {
    const none = (mnemonic: string): string => hex(encode({ mnemonic, operands: [] }).bytes);
    expect(['scasd', 'lodsd', 'stosd', 'insd', 'outsd', 'iretd', 'sysretd', 'sysexitd', 'retfq', 'movsd', 'cmpsd'].map(none))
      .toEqual(['af', 'ad', 'ab', '6d', '6f', 'cf', '0f07', '0f35', '48cb', 'a5', 'a7']);
    expect(hex(encode({ mnemonic: 'jmp', operands: [mem({ base: 'rdi', size: 48 })] }).bytes)).toBe('ff2f');
    expect(hex(encode({ mnemonic: 'call', operands: [mem({ base: 'rdi', size: 48 })] }).bytes)).toBe('ff1f');
    expect(hex(encode({ mnemonic: 'jmp', operands: [mem({ base: 'rdi', size: 64 })] }).bytes)).toBe('ff27');
    expect(hex(encode({ mnemonic: 'jmp', operands: [mem({ base: 'rdi' })] }).bytes)).toBe('ff27');
    expect(hex(encode({ mnemonic: 'loopd', operands: [{ kind: 'rel', target: 0n }] }, { address: 0n }).bytes)).toBe('67e2fd');
    expect(() => encode({ mnemonic: 'addl', operands: [{ kind: 'imm', value: 1n }, mem({ size: 64 })] })).toThrow(EncodeError);
  });
  it('turns malformed operands into EncodeError with the operand index', () => {
    const bad: import('../types.js').X86Instruction[] = [
      { mnemonic: 'mov', operands: [{ kind: 'reg', reg: 'xyz' }, { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ base: 'foo' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ base: 'ax' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ index: 'rsp' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ scale: 3 as 1 }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ seg: 'xs' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ disp: 1n << 40n }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ base: 'eax', index: 'rbx' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'mov', operands: [mem({ base: 'rip', index: 'rbx' }), { kind: 'reg', reg: 'eax' }] },
      { mnemonic: 'addb', operands: [{ kind: 'imm', value: 256n }, { kind: 'reg', reg: 'al' }] },
      { mnemonic: 'mov', operands: [] },
      { mnemonic: 'add', operands: [{ kind: 'reg', reg: 'ah' }, { kind: 'reg', reg: 'r8b' }] },
      { mnemonic: 'jmp', operands: [{ kind: 'rel', target: 1n << 40n }] },
      { mnemonic: 'rep', operands: [], prefixes: ['bogus'] },
    ];
    for (const insn of bad) {
      let error: unknown;
      try {
        encode(insn);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(insn, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBeInstanceOf(EncodeError);
    }
    try {
      encode({ mnemonic: 'movb', operands: [{ kind: 'reg', reg: 'ah' }, mem({ base: 'r8' })] });
    } catch (e) {
      expect((e as EncodeError).message).toMatch(/can't encode register '%ah' in an instruction requiring REX prefix/);
      expect((e as EncodeError).operand).toBe(0);
    }
  });
});
