// One test program for many sequences (generator.ts): GNU-as source that GNU as + ld and
// `vasm build` both accept, run natively and under vrun, and the record each sequence leaves.
//
// The program maps the scratch pages at a fixed address (mmap MAP_FIXED), then for each
// sequence: resets the scratch buffer, the stack region and the RIP-relative buffer from its
// .data image, loads the 15 GPRs and RFLAGS from its .data state (pops from a stack pointed at
// the table; popfq), sets RSP, runs the sequence's lines, and stores a record — 16 GPRs,
// RFLAGS, scratch + stack region, RIP buffer — which it write(2)s to stdout at once (so a crash
// shows in which sequence it happened). Then it exits 0. The program's own routines run on a
// private stack (DUMP_STACK), outside the compared memory. Nothing in a record depends on where a
// linker put code or data, so GNU ld's and vasm's images must write the same bytes.
//
// The per-sequence code is short (two calls and a jump) because vasm assembles every line of a
// few thousand sequences in the test: the shared routines do the copying.

import { type Sequence, RIPBUF_SIZE, SCRATCH, SCRATCH_SIZE, STACK_SIZE, STACK_START, renderSequence } from './generator.js';

const SAVE = 0x10002000; // 17 quadwords: the GPRs in encoding order, then RFLAGS
const RETURN = SAVE + 0x100; // where save_state returns to
const COUNTER = SAVE + 0x108; // iterations of the current sequence left
const DUMP_STACK = 0x10003000; // RSP while the program's own routines run
const OUTPUT = 0x10010000; // one record (reused)
const MAP_BASE = 0x10000000; // mmap'd: scratch, stack, save area, private stack, output
const MAPPED = 0x20000;

export const RECORD_BYTES = 17 * 8 + SCRATCH_SIZE + STACK_SIZE + RIPBUF_SIZE;
export const REG_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const MEMORY_QUADS = (SCRATCH_SIZE + STACK_SIZE) / 8;

function quads(b: Uint8Array): string[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 64) {
    const vals: string[] = [];
    for (let j = i; j < Math.min(i + 64, b.length); j += 8) vals.push(`0x${dv.getBigUint64(j, true).toString(16)}`);
    out.push(` .quad ${vals.join(',')}`);
  }
  return out;
}

/** An entry of a program: a sequence and how many of its groups to run (prefixes shrink). */
export interface ProgramEntry {
  seq: Sequence;
  count?: number;
}

export interface Program {
  source: string;
  /** Per entry: the arithmetic flags left undefined at its end (masked in the comparison). */
  undefinedMasks: number[];
}

/** Runs of each sequence: the first runs cold (vrun interprets each instruction alone), the
 *  last hot (vrun has compiled the sequence into a block: cpu.ts promotes code after 32 runs,
 *  and the block translator keeps registers and flags in locals and specializes conditions on
 *  the last flag writer). Both runs leave a record. */
export const ITERATIONS = 40;

export function buildProgram(entries: ProgramEntry[], iterations = ITERATIONS): Program {
  const text: string[] = [];
  const data: string[] = [];
  const masks: number[] = [];
  text.push('.text', '.globl _start', '_start:');
  // mmap(MAP_BASE, MAPPED, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0).
  text.push(` mov $9, %eax`, ` mov $0x${MAP_BASE.toString(16)}, %edi`, ` mov $0x${MAPPED.toString(16)}, %esi`, ` mov $3, %edx`,
    ` mov $0x32, %r10d`, ` mov $-1, %r8`, ` xor %r9d, %r9d`, ` syscall`, ` cmp $0x${MAP_BASE.toString(16)}, %rax`, ` jne fail`,
    ` mov $0x${DUMP_STACK.toString(16)}, %esp`);
  entries.forEach((e, k) => {
    const { lines, undefinedMask } = renderSequence(e.seq, `.Ls${k}`, e.count);
    masks.push(undefinedMask);
    // .data: memory image, RIP buffer image, then the state table load_state pops.
    data.push(`init${k}:`, ...quads(e.seq.memory), ...quads(e.seq.ripbuf));
    const regs = e.seq.regs.filter((_, i) => i !== 4).map((v) => `0x${v.toString(16)}`);
    data.push(`state${k}:`, ` .quad ${regs.slice(0, 8).join(',')}`, ` .quad ${regs.slice(8).join(',')}`, ` .quad 0x${e.seq.rflags.toString(16)}, .Lgo${k}`);
    text.push(`# sequence ${k}`, ` movl $${iterations}, 0x${COUNTER.toString(16)}`, `.Lagain${k}:`);
    text.push(` lea init${k}(%rip), %rsi`, ` call reset`, ` lea state${k}(%rip), %rsp`, ` jmp load_state`, `.Lgo${k}:`);
    text.push(` mov $0x${STACK_START.toString(16)}, %esp`);
    for (const l of lines) text.push(l.endsWith(':') ? l : ` ${l}`);
    // RAX first, then the return point, then everything else without touching the flags.
    text.push(` mov %rax, 0x${SAVE.toString(16)}`, ` lea .Lback${k}(%rip), %rax`, ` mov %rax, 0x${RETURN.toString(16)}`, ` jmp save_state`, `.Lback${k}:`);
    text.push(` decl 0x${COUNTER.toString(16)}`, ` jnz .Lagain${k}`);
  });
  text.push(
    ` mov $60, %eax`, ` xor %edi, %edi`, ` syscall`,
    `fail:`, ` mov $60, %eax`, ` mov $99, %edi`, ` syscall`,
    // reset: the memory image at RSI to the scratch buffer + stack region, then the RIP buffer.
    `reset:`, ` cld`, ` mov $0x${SCRATCH.toString(16)}, %edi`, ` mov $${MEMORY_QUADS}, %ecx`, ` rep movsq`,
    ` lea ripbuf(%rip), %rdi`, ` mov $${RIPBUF_SIZE / 8}, %ecx`, ` rep movsq`, ` ret`,
    // load_state: RSP points at the table: 15 GPRs (no RSP), RFLAGS, the address to go on at.
    `load_state:`, ...REG_NAMES.filter((r) => r !== 'rsp').map((r) => ` pop %${r}`), ` popfq`, ` ret`,
    // save_state: RAX is saved already; RSP and the rest, RFLAGS via the private stack, the
    // record, then back to RETURN.
    `save_state:`, ...REG_NAMES.slice(1).map((r, i) => ` mov %${r}, 0x${(SAVE + 8 * (i + 1)).toString(16)}`),
    ` mov $0x${DUMP_STACK.toString(16)}, %esp`, ` pushfq`, ` pop %rax`, ` mov %rax, 0x${(SAVE + 128).toString(16)}`, ` cld`,
    // A record from the first and from the last run only.
    ` cmpl $1, 0x${COUNTER.toString(16)}`, ` je .Lrecord`, ` cmpl $${iterations}, 0x${COUNTER.toString(16)}`, ` jne .Lrecorded`,
    `.Lrecord:`,
    ` mov $0x${OUTPUT.toString(16)}, %edi`,
    ` mov $0x${SAVE.toString(16)}, %esi`, ` mov $17, %ecx`, ` rep movsq`,
    ` mov $0x${SCRATCH.toString(16)}, %esi`, ` mov $${MEMORY_QUADS}, %ecx`, ` rep movsq`,
    ` lea ripbuf(%rip), %rsi`, ` mov $${RIPBUF_SIZE / 8}, %ecx`, ` rep movsq`,
    // write(1, OUTPUT, RECORD_BYTES) until all is written.
    ` mov $0x${OUTPUT.toString(16)}, %esi`, ` mov $${RECORD_BYTES}, %edx`,
    `.Lwrite:`, ` mov $1, %eax`, ` mov $1, %edi`, ` syscall`, ` test %rax, %rax`, ` jle fail`,
    ` add %rax, %rsi`, ` sub %rax, %rdx`, ` jnz .Lwrite`,
    `.Lrecorded:`,
    ` jmp *0x${RETURN.toString(16)}`,
  );
  data.push('.balign 8', 'ripbuf:', ` .zero ${RIPBUF_SIZE}`);
  return { source: [...text, '.data', '.balign 8', ...data, ''].join('\n'), undefinedMasks: masks };
}

/** Splits a program's output into records. */
export function parseRecords(out: Uint8Array): Uint8Array[] {
  const records: Uint8Array[] = [];
  for (let i = 0; i + RECORD_BYTES <= out.length; i += RECORD_BYTES) records.push(out.subarray(i, i + RECORD_BYTES));
  return records;
}

export const FLAGS_OFFSET = 16 * 8;
export const MEMORY_OFFSET = 17 * 8;
export const RIPBUF_OFFSET = MEMORY_OFFSET + SCRATCH_SIZE + STACK_SIZE;
