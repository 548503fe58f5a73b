// Where mmap puts things, against the host kernel: a static program (GNU as/ld) performs a
// fixed sequence of mmap/munmap/mprotect/brk calls — some arguments computed from earlier
// results — and writes every result to stdout; run natively with ASLR off (setarch -R) and in
// this kernel after loading the same image (with a vDSO mapped where Linux maps it), the
// results must be identical: top-down gap search, hint rules, MAP_FIXED, holes, brk.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@vsys/loader';
import { Kernel } from '../kernel.js';

type Arg = number | bigint | { ref: number; add?: number };
interface Op {
  nr: number;
  args: Arg[];
  /** Through `int $0x80` (the i386 table, 32-bit registers). */
  i386?: boolean;
}

const MMAP = 9;
const MPROTECT = 10;
const MUNMAP = 11;
const BRK = 12;
const RW = 3;
const ANON = 0x22;
const FIXED = 0x10;

const OPS: Op[] = [
  { nr: MMAP, args: [0, 4096, RW, ANON, -1, 0] }, // 0
  { nr: MMAP, args: [0, 3 * 4096 + 5, RW, ANON, -1, 0] }, // 1
  { nr: MUNMAP, args: [{ ref: 0 }, 4096] }, // 2: a hole above
  { nr: MMAP, args: [0, 4096, RW, ANON, -1, 0] }, // 3: back into the hole
  { nr: MMAP, args: [0, 8192, RW, ANON, -1, 0] }, // 4
  { nr: MMAP, args: [0x10000123, 4096, RW, ANON, -1, 0] }, // 5: hint rounded
  { nr: MMAP, args: [0x10000000, 4096, RW, ANON, -1, 0] }, // 6: occupied hint
  { nr: MMAP, args: [{ ref: 1, add: 4096 }, 4096, 1, ANON | FIXED, -1, 0] }, // 7: fixed inside 1
  { nr: MUNMAP, args: [{ ref: 1 }, 8192] }, // 8
  { nr: MMAP, args: [0, 8192, RW, ANON, -1, 0] }, // 9
  { nr: MMAP, args: [0, 1 << 30, 0, ANON, -1, 0] }, // 10: big PROT_NONE
  { nr: MPROTECT, args: [{ ref: 10, add: 4096 }, 4096, RW] }, // 11
  { nr: MUNMAP, args: [{ ref: 10, add: 8192 }, 4096] }, // 12
  { nr: MMAP, args: [0, 4096, RW, ANON, -1, 0] }, // 13
  { nr: BRK, args: [0] }, // 14
  { nr: BRK, args: [{ ref: 14, add: 0x21000 }] }, // 15
  { nr: BRK, args: [{ ref: 15, add: 1 }] }, // 16
  { nr: BRK, args: [{ ref: 14, add: 0x1000 }] }, // 17 shrink
  { nr: MMAP, args: [{ ref: 14, add: 0x3000 }, 4096, RW, ANON, -1, 0] }, // 18: hint right above brk
  { nr: BRK, args: [{ ref: 14, add: 0x10000 }] }, // 19: grows into the mapping → refused
  { nr: MMAP, args: [0x7ffffffdd000, 4096, RW, ANON, -1, 0] }, // 20: hint just below the stack
  { nr: MMAP, args: [0x7fffffe00000, 4096, RW, ANON, -1, 0] }, // 21: hint inside the guard gap
  { nr: MMAP, args: [0x7fff00000000, 4096, RW, ANON, -1, 0] }, // 22: hint far below the stack
  { nr: MMAP, args: [0, 2 << 20, RW, ANON, -1, 0] }, // 23: exactly one PMD
  { nr: MMAP, args: [0, (4 << 20) + 4096, RW, ANON, -1, 0] }, // 24: not a PMD multiple
  { nr: MMAP, args: [0, 4096, RW, ANON, -1, 0] }, // 25
  { nr: MMAP, args: [{ ref: 25 }, 4096, RW, ANON | 0x100000, -1, 0] }, // 26: NOREPLACE over 25
  { nr: MMAP, args: [{ ref: 25, add: -4096 }, 4096, RW, ANON | 0x100000, -1, 0] }, // 27: NOREPLACE below
  { nr: MUNMAP, args: [{ ref: 23, add: 4096 }, 8192] }, // 28
  { nr: MMAP, args: [0, 8192, RW, ANON, -1, 0] }, // 29: fills the highest gap that fits
  { nr: MPROTECT, args: [{ ref: 23 }, 3 * 4096, 1] }, // 30: runs into the hole → ENOMEM
  { nr: MMAP, args: [0, 4 << 20, RW, 0x21, -1, 0] }, // 31: MAP_SHARED anonymous, PMD multiple
  { nr: 192, args: [0, 4096, RW, ANON, -1, 0], i386: true }, // 32: mmap2 via int 0x80: below 4 GiB
  { nr: 192, args: [0, 4 << 20, RW, ANON, -1, 0], i386: true }, // 33: no THP alignment in compat
  { nr: 192, args: [0x10000000, 4096, RW, ANON, -1, 0], i386: true }, // 34: occupied hint
  { nr: 91, args: [{ ref: 32 }, 4096], i386: true }, // 35: munmap
  { nr: MMAP, args: [0, 4096, RW, ANON, -1, 0] }, // 36: 64-bit again: above 4 GiB
];

const REGS = ['%rdi', '%rsi', '%rdx', '%r10', '%r8', '%r9'];
const REGS32 = ['%rbx', '%rcx', '%rdx', '%rsi', '%rdi', '%rbp'];

function program(ops: Op[]): string {
  const lines = ['  .globl _start', '_start:'];
  ops.forEach((op, i) => {
    const regs = op.i386 ? REGS32 : REGS;
    op.args.forEach((a, j) => {
      if (typeof a === 'object') {
        lines.push(`  mov results+${a.ref * 8}(%rip), ${regs[j]}`);
        if (a.add) lines.push(`  movabs $${a.add}, %rax`, `  add %rax, ${regs[j]}`);
      } else lines.push(`  movabs $${BigInt(a)}, ${regs[j]}`);
    });
    lines.push(`  mov $${op.nr}, %eax`, op.i386 ? '  int $0x80' : '  syscall');
    // int $0x80 returns a 32-bit value in eax: store it sign-extended like a C long would read it
    if (op.i386) lines.push('  cltq');
    lines.push(`  mov %rax, results+${i * 8}(%rip)`);
  });
  lines.push(
    '  mov $1, %edi',
    '  lea results(%rip), %rsi',
    `  mov $${ops.length * 8}, %edx`,
    '  mov $1, %eax',
    '  syscall',
    '  mov $60, %eax',
    '  xor %edi, %edi',
    '  syscall',
    '  .bss',
    `results: .zero ${ops.length * 8}`,
  );
  return lines.join('\n') + '\n';
}

const have = (t: string) => spawnSync('which', [t]).status === 0;

describe.skipIf(!have('as') || !have('ld') || !have('setarch') || process.arch !== 'x64')('mmap layout vs Linux', () => {
  it('gives the same addresses and results for the same call sequence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-mmap-layout-'));
    try {
      writeFileSync(join(dir, 'p.s'), program(OPS));
      execFileSync('as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
      execFileSync('ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')]);
      const run = spawnSync('setarch', ['-R', './p'], { cwd: dir });
      if (run.status !== 0 || run.stdout.length !== OPS.length * 8) {
        console.warn(`skipped: native run failed (${run.stderr.toString().trim()})`);
        return;
      }
      const nv = new DataView(new Uint8Array(run.stdout).buffer);
      const native = OPS.map((_, i) => nv.getBigInt64(i * 8, true));

      const kernel = new Kernel({ warn: () => {} });
      const { process: proc, thread } = kernel.createProcess('x86_64');
      loadImage(kernel, proc, new Uint8Array(readFileSync(join(dir, 'p'))), ['./p'], [], './p', { vdso: new Uint8Array(8192) });
      const ours: bigint[] = [];
      for (const op of OPS) {
        const args = op.args.map((a) => (typeof a === 'object' ? ours[a.ref]! + BigInt(a.add ?? 0) : BigInt(a)));
        const abi = op.i386 ? 'i386' : 'x86_64';
        const out = kernel.handleSyscall(thread, abi, op.nr, args.map((v) => BigInt.asUintN(64, v)));
        ours.push(out.kind === 'return' ? (op.i386 ? BigInt.asIntN(32, out.value) : BigInt.asIntN(64, out.value)) : -999n);
      }
      const hex = (v: bigint) => (v < 0n ? String(v) : `0x${v.toString(16)}`);
      expect(ours.map(hex)).toEqual(native.map(hex));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
