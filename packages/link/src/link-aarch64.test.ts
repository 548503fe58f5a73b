// The linker on AArch64 objects from GNU as: programs run under qemu-aarch64 with the same
// result as when GNU ld links the same objects; every supported relocation type is used.
import { afterAll, describe, expect, it } from 'vitest';
import { readElf, readObject, PT_LOAD, PF_R, PF_W, PF_X } from '@vsys/elf';
import { link } from './link.js';
import type { LinkInput } from './types.js';
import { Scratch, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const skip = missingTools('aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'qemu-aarch64', 'readelf');
const scratch = new Scratch();
afterAll(() => scratch.dispose());

function obj(name: string, source: string): LinkInput {
  return { kind: 'object', name, object: readObject(scratch.assemble(name, source, 'arm64')) };
}

function ours(out: string, inputs: LinkInput[]) {
  const r = link(inputs);
  if (!r.image) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  scratch.write(out, r.image);
  runOk('chmod', ['+x', scratch.path(out)]); // qemu-user refuses files without the exec bit
  return { result: r, run: run('qemu-aarch64', [scratch.path(out)]) };
}

function theirs(out: string, objects: string[]) {
  runOk('aarch64-linux-gnu-ld', ['-o', scratch.path(out), ...objects.map((o) => scratch.path(o))]);
  return run('qemu-aarch64', [scratch.path(out)]);
}

const main = `
  .text
  .globl _start
_start:
  // write(1, msg, len) with ADRP + ADD :lo12:
  mov x0, #1
  adrp x1, msg
  add x1, x1, :lo12:msg
  mov x2, #msglen
  mov x8, #64
  svc #0
  mov x19, #0
  // LDST64/32/16/8/128 lo12 loads
  adrp x9, values
  ldr x10, [x9, :lo12:values]         // 1
  add x19, x19, x10
  adrp x9, w32
  ldr w10, [x9, :lo12:w32]            // 2
  add x19, x19, x10
  adrp x9, h16
  ldrh w10, [x9, :lo12:h16]           // 3
  add x19, x19, x10
  adrp x9, b8
  ldrb w10, [x9, :lo12:b8]            // 4
  add x19, x19, x10
  adrp x9, q128
  ldr q0, [x9, :lo12:q128]
  fmov x10, d0                        // 5
  add x19, x19, x10
  // ADR (LO21) and LDR literal (LD_PREL_LO19)
  adr x9, near
  ldr w10, [x9]                       // 6
  add x19, x19, x10
  ldr w10, lit                        // 7
  add x19, x19, x10
  // CALL26 / JUMP26 / CONDBR19 / TSTBR14 / CBZ
  bl helper                           // +8
  cmp x19, #0
  b.ne 1f
  brk #0
1:mov x11, #0
  cbz x11, 2f
  brk #0
2:tbz x11, #3, 3f
  brk #0
3:b after
  brk #0
after:
  // PREL32 / ABS32 / ABS64 data
  adrp x9, rel
  add x9, x9, :lo12:rel
  ldrsw x10, [x9]
  add x10, x9, x10                    // &target
  ldr w10, [x10]                      // 9
  add x19, x19, x10
  adrp x9, abs32
  ldr w10, [x9, :lo12:abs32]
  ldr w10, [x10]                      // 9 again via absolute address
  add x19, x19, x10
  adrp x9, abs64
  ldr x10, [x9, :lo12:abs64]
  ldr w10, [x10]                      // 9
  add x19, x19, x10
  // MOVW_UABS: build &target with movz/movk
  movz x10, #:abs_g1:target
  movk x10, #:abs_g0_nc:target
  ldr w10, [x10]                      // 9
  add x19, x19, x10
  // GOT: adrp :got: / ldr :got_lo12:
  adrp x10, :got:target
  ldr x10, [x10, :got_lo12:target]
  ldr w10, [x10]                      // 9
  add x19, x19, x10
  // TLS local exec: TP = tls_area; block at TP+16
  adrp x9, tls_area
  add x9, x9, :lo12:tls_area
  msr tpidr_el0, x9
  mov w10, #11
  str w10, [x9, #16]                  // tv's initial value, copied by hand
  mrs x9, tpidr_el0
  add x9, x9, #:tprel_hi12:tv, lsl #12
  add x9, x9, #:tprel_lo12_nc:tv
  ldr w10, [x9]                       // 11
  add x19, x19, x10
  mov x0, x19
  mov x8, #93
  svc #0
  .balign 4
near: .word 6
lit:  .word 7
  .section .rodata
msg: .ascii "hello from vasm link on arm64\\n"
  .set msglen, . - msg
  .data
  .balign 16
q128: .quad 5, 0
values: .quad 1
w32: .word 2
h16: .hword 3
b8: .byte 4
  .balign 4
rel: .word target - .
abs32: .word target
  .balign 8
abs64: .quad target
  .section .tdata,"awT",%progbits
  .balign 4
tv: .word 11
  .bss
  .balign 16
tls_area: .skip 64
`;
const other = `
  .text
  .globl helper, target
helper:
  add x19, x19, #8
  ret
  .data
  .balign 4
target: .word 9
`;

describe.skipIf(skip)('AArch64 static link', () => {
  it('runs under qemu-aarch64 exactly like the GNU ld link', () => {
    const inputs = [obj('main.o', main), obj('other.o', other)];
    const a = ours('arm', inputs);
    const b = theirs('arm-ld', ['main.o', 'other.o']);
    expect(a.run.stderr).toBe('');
    expect(a.run.stdout).toBe('hello from vasm link on arm64\n');
    expect(a.run.status).toBe((1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 * 5 + 11) & 0xff);
    expect(a.run).toEqual(b);
  });

  it('lays out congruent 64 KiB-aligned segments that readelf accepts', () => {
    const re = run('readelf', ['-a', '-W', scratch.path('arm')]);
    expect(re.stderr).toBe('');
    const elf = readElf(scratch.read('arm'));
    const loads = elf.segments.filter((p) => p.type === PT_LOAD);
    expect(loads.map((p) => p.flags)).toEqual([PF_R, PF_R | PF_X, PF_R, PF_R | PF_W]);
    for (const p of loads) {
      expect(p.align).toBe(0x10000n);
      expect(p.vaddr % p.align).toBe(p.offset % p.align);
    }
    // Segments do not share pages in memory.
    for (let i = 1; i < loads.length; i++) {
      expect(loads[i]!.vaddr / 0x10000n).toBeGreaterThan((loads[i - 1]!.vaddr + loads[i - 1]!.memsz - 1n) / 0x10000n);
    }
  });

  it('reports CALL26 and ADR overflow with symbol, site and range', () => {
    const r = link([obj('far.o', '.text\n.globl _start\n_start: bl far\n adr x0, far\n.globl far\n.set far, 0x40000000\n')]);
    expect(r.image).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^far\.o:\(\.text\+0x0\): relocation R_AARCH64_CALL26 against 'far' out of range: 0x3f[0-9a-f]{6} is not in \[-0x8000000, 0x7ffffff\]$/),
      expect.stringMatching(/^far\.o:\(\.text\+0x4\): relocation R_AARCH64_ADR_PREL_LO21 against 'far' out of range: .* is not in \[-0x100000, 0xfffff\]$/),
    ]);
    const ld = run('aarch64-linux-gnu-ld', ['-o', scratch.path('far'), scratch.path('far.o')]);
    expect(ld.status).not.toBe(0);
  });
});
