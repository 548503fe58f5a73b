// The linker on x86-64 objects from GNU as: programs run natively with the same result as
// when GNU ld links the same objects; archives, diagnostics, map and segment layout.
import { afterAll, describe, expect, it } from 'vitest';
import { readArchive, readElf, readObject, writeRelocatable, PT_LOAD, PT_TLS, PF_R, PF_W, PF_X } from '@vsys/elf';
import { link } from './link.js';
import type { LinkInput, LinkOptions } from './types.js';
import { Scratch, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const native = process.platform === 'linux' && process.arch === 'x64';
const skip = missingTools('as', 'ld', 'readelf', 'ar') ?? (native ? undefined : 'skipped: needs an x86-64 Linux host');
const scratch = new Scratch();
afterAll(() => scratch.dispose());

function obj(name: string, source: string): LinkInput {
  return { kind: 'object', name, object: readObject(scratch.assemble(name, source)) };
}

/** Links with vasm's linker, writes `out`, runs it. */
function linkAndRun(out: string, inputs: LinkInput[], options: LinkOptions = {}) {
  const r = link(inputs, options);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.image) throw new Error(errors.map((d) => d.message).join('\n'));
  const path = scratch.write(out, r.image);
  runOk('chmod', ['+x', path]);
  return { result: r, path, run: run(path, []) };
}

function gnuLinkAndRun(out: string, objects: string[]) {
  runOk('ld', ['-o', scratch.path(out), ...objects.map((o) => scratch.path(o))]);
  return run(scratch.path(out), []);
}

const hello = `
  .text
  .globl _start
_start:
  lea msg(%rip), %rsi
  mov $msglen, %edx
  call print
  mov counter, %edi        # R_X86_64_32S absolute
  add table+8(%rip), %rdi  # PC32 with addend
  call finish              # PLT32
  .section .rodata
msg: .ascii "hello from vasm link\\n"
  .set msglen, . - msg
  .data
  .balign 8
counter: .quad 40
table: .quad 0, 2, _start  # R_X86_64_64
`;
const lib = `
  .text
  .globl print, finish
print:
  mov $1, %eax
  mov $1, %edi
  syscall
  incq calls(%rip)
  ret
finish:
  add calls(%rip), %rdi      # 40 + 2 + calls(1) = 43
  mov $60, %eax
  syscall
  .bss
  .balign 8
calls: .skip 8
  .comm shared_buf, 256, 32
`;

describe.skipIf(skip)('x86-64 static link', () => {
  it('links two objects into a program that runs like GNU ld’s', () => {
    const ours = linkAndRun('hello', [obj('hello.o', hello), obj('lib.o', lib)]);
    const theirs = gnuLinkAndRun('hello-ld', ['hello.o', 'lib.o']);
    expect(ours.run.stdout).toBe('hello from vasm link\n');
    expect(ours.run.status).toBe(43);
    expect(ours.run).toEqual(theirs);
    expect(ours.result.diagnostics).toEqual([]);
  });

  it('lays out segments like ld: R, R E, R, RW; congruent; readelf has no complaints', () => {
    const { path } = linkAndRun('hello2', [obj('hello.o', hello), obj('lib.o', lib)]);
    const re = run('readelf', ['-a', '-W', path]);
    expect(re.stderr).toBe('');
    const elf = readElf(scratch.read('hello2'));
    const loads = elf.segments.filter((p) => p.type === PT_LOAD);
    expect(loads.map((p) => p.flags)).toEqual([PF_R, PF_R | PF_X, PF_R, PF_R | PF_W]);
    expect(loads[0]!.vaddr).toBe(0x400000n);
    for (const p of loads) {
      expect(p.align).toBe(0x1000n);
      expect(p.vaddr % p.align).toBe(p.offset % p.align);
    }
    // .bss (with COMMON) is memsz beyond filesz in the RW segment.
    expect(loads[3]!.memsz - loads[3]!.filesz).toBeGreaterThanOrEqual(256n + 8n);
    const common = elf.symbolTables[0]!.symbols.find((s) => s.name === 'shared_buf')!;
    expect(common.value % 32n).toBe(0n);
    expect(common.size).toBe(256n);
    // Same segment kinds as GNU ld.
    const ld = readElf(scratch.read('hello-ld'));
    expect(ld.segments.filter((p) => p.type === PT_LOAD).map((p) => p.flags)).toEqual(loads.map((p) => p.flags));
  });

  it('TLS (local-exec and initial-exec) and GOTPCREL relocations agree with GNU ld', () => {
    const src = `
      .text
      .globl _start
    _start:
      # Build a static TLS block: [tdata copy | tbss zeros | TCB]; %fs points at the TCB.
      lea tls_area(%rip), %rdi
      lea tls_image(%rip), %rsi
      mov $4, %ecx
      rep movsb
      lea tls_area+64(%rip), %rsi
      mov %rsi, (%rsi)           # TCB self pointer
      mov $158, %eax             # arch_prctl
      mov $0x1002, %edi          # ARCH_SET_FS
      syscall
      mov %fs:0, %rax
      mov tv@tpoff(%rax), %edi   # TPOFF32: reads tv (initial 5)
      mov tb@gottpoff(%rip), %rdx
      movl $7, %fs:(%rdx)        # GOTTPOFF: writes tb
      add %fs:tb@tpoff, %edi
      mov value@GOTPCREL(%rip), %rax   # relaxed to lea
      add (%rax), %edi
      call *get@GOTPCREL(%rip)         # through a GOT slot
      add %eax, %edi
      mov $60, %eax
      syscall
    get: mov $100, %eax
      ret
      .section .tdata,"awT",@progbits
      .balign 4
    tv: .long 5
      .section .tbss,"awT",@nobits
      .balign 4
    tb: .zero 4
      .data
    value: .long 1000
      .section .rodata
    tls_image: .long 5
      .bss
      .balign 64
    tls_area: .skip 128
    `;
    // tls_image mirrors .tdata so the program does not depend on where .tdata lands; the TLS
    // block is 8 bytes (tv, tb) aligned 4, so with TP = tls_area+64 it sits at tls_area+56.
    const fixed = src.replace('lea tls_area(%rip), %rdi', 'lea tls_area+56(%rip), %rdi');
    const ours = linkAndRun('tls', [obj('tls.o', fixed)]);
    const theirs = gnuLinkAndRun('tls-ld', ['tls.o']);
    expect(ours.run.status).toBe((5 + 7 + 1000 + 100) & 0xff);
    expect(ours.run).toEqual(theirs);
    const elf = readElf(scratch.read('tls'));
    const t = elf.segments.find((p) => p.type === PT_TLS)!;
    expect([t.filesz, t.memsz]).toEqual([4n, 8n]);
    expect(elf.sections.some((s) => s.name === '.got')).toBe(true);
  });

  it('pulls archive members only for undefined symbols (ar-built archive)', () => {
    scratch.assemble('m1.o', '.text\n.globl f1\nf1: mov $1, %eax\n call f2\n inc %eax\n ret\n');
    scratch.assemble('m2.o', '.text\n.globl f2\nf2: ret\n');
    scratch.assemble('m3.o', '.text\n.globl unused\nunused: ud2\n');
    runOk('ar', ['rcs', scratch.path('libm.a'), scratch.path('m1.o'), scratch.path('m2.o'), scratch.path('m3.o')]);
    const main = obj('main.o', '.text\n.globl _start\n_start: call f1\n mov %eax, %edi\n mov $60, %eax\n syscall\n');
    const ours = linkAndRun('ar', [
      { kind: 'archive', name: 'libm.a', archive: readArchive(scratch.read('libm.a')) },
      main,
    ], { mapFile: true });
    expect(ours.run.status).toBe(2);
    const names = readElf(scratch.read('ar')).symbolTables[0]!.symbols.map((s) => s.name);
    expect(names).toContain('f2');
    expect(names).not.toContain('unused');
    expect(ours.result.map).toMatch(/libm\.a\(m1\.o\)\s+\(f1\)/);
    expect(ours.result.map).toMatch(/libm\.a\(m2\.o\)\s+\(f2\)/);
    expect(ours.result.map).not.toMatch(/m3\.o/);
  });

  it('writes a map with output sections, inputs, addresses and symbols', () => {
    const r = link([obj('hello.o', hello), obj('lib.o', lib)], { mapFile: 'hello.map' });
    const elf = readElf(r.image!);
    const text = elf.sections.find((s) => s.name === '.text')!;
    const start = elf.symbolTables[0]!.symbols.find((s) => s.name === '_start')!;
    expect(r.map).toContain(`.text            0x${text.addr.toString(16).padStart(16, '0')}`);
    expect(r.map).toMatch(new RegExp(`0x${start.value.toString(16).padStart(16, '0')}\\s+_start`));
    expect(r.map).toMatch(/ \.text\s+0x[0-9a-f]{16}\s+0x[0-9a-f]+ lib\.o/);
    expect(r.map).toMatch(/COMMON .* lib\.o/);
    expect(r.map).toMatch(/shared_buf/);
    expect(r.map).toMatch(/^LOAD /m);
  });
});

describe.skipIf(skip)('x86-64 link diagnostics', () => {
  it('undefined references name every referencing object and section+offset, like ld', () => {
    const a = obj('ua.o', '.text\n.globl _start\n_start: nop\n call missing\n mov missing2(%rip), %rax\n');
    const b = obj('ub.o', '.data\n.quad 0\n.quad missing\n');
    const r = link([a, b]);
    expect(r.image).toBeUndefined();
    const ld = run('ld', ['-o', scratch.path('u'), scratch.path('ua.o'), scratch.path('ub.o')]);
    // ld: "ua.o: in function `_start':\n(.text+0x2): undefined reference to `missing'"
    const ldSites = [...ld.stderr.matchAll(/\((\.\w+\+0x[0-9a-f]+)\): undefined reference to `(\w+)'/g)].map((m) => `${m[1]} ${m[2]}`);
    const ours = r.diagnostics.map((d) => d.message);
    expect(ours).toEqual([
      "ua.o:(.text+0x2): undefined reference to 'missing'",
      "ua.o:(.text+0x9): undefined reference to 'missing2'",
      "ub.o:(.data+0x8): undefined reference to 'missing'",
    ]);
    expect(ours.map((m) => m.replace(/^\w+\.o:\((\S+)\): undefined reference to '(\w+)'$/, '$1 $2'))).toEqual(ldSites);
  });

  it('duplicate definitions name both files', () => {
    const r = link([obj('d1.o', '.text\n.globl _start, dup\n_start: ret\ndup: ret\n'), obj('d2.o', '.text\nnop\n.globl dup\ndup: ret\n')]);
    expect(r.image).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "d2.o:(.text+0x1): multiple definition of 'dup'; d1.o:(.text+0x1): first defined here",
    ]);
  });

  it('overflow names the symbol, the site and the range', () => {
    const r = link([obj('o.o', '.text\n.globl _start\n_start: nop\n mov far, %eax\n.set far, 0x123456789\n.globl far\n')]);
    expect(r.image).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "o.o:(.text+0x4): relocation R_X86_64_32S against 'far' out of range: 0x123456789 is not in [-0x80000000, 0x7fffffff]",
    ]);
    // GNU ld refuses the same input.
    const ld = run('ld', ['-o', scratch.path('o'), scratch.path('o.o')]);
    expect(ld.stderr).toMatch(/relocation truncated to fit: R_X86_64_32S against symbol `far'/);
  });

  it('missing entry symbol is a warning with ld’s default', () => {
    const r = link([obj('ne.o', '.text\nnop\n')]);
    expect(r.image).toBeDefined();
    const text = readElf(r.image!).sections.find((s) => s.name === '.text')!;
    expect(r.diagnostics).toEqual([{ severity: 'warning', message: `cannot find entry symbol _start; defaulting to 0x${text.addr.toString(16)}` }]);
    expect(link([obj('ne2.o', '.text\n.globl go\ngo: nop\n')], { entry: 'go' }).diagnostics).toEqual([]);
    const byAddress = link([obj('ne3.o', '.text\nnop\n')], { entry: '0x401000' });
    expect(byAddress.diagnostics).toEqual([]);
    expect(readElf(byAddress.image!).header.entry).toBe(0x401000n);
  });

  it('mixed machines and empty input are errors, not exceptions', () => {
    expect(link([]).diagnostics[0]!.message).toBe('no input files');
    const arm = { kind: 'object' as const, name: 'arm.o', object: { machine: 183, sections: [], symbols: [] } };
    expect(link([obj('x.o', '.text\nnop\n'), arm]).diagnostics[0]!.message).toMatch(/arm\.o: machine 183 is incompatible/);
  });

  it('provides __bss_start, _end and __init_array_* when referenced', () => {
    const src = `
      .text
      .globl _start
    _start:
      lea __init_array_start(%rip), %rax
      lea __init_array_end(%rip), %rcx
      sub %rax, %rcx            # 16: two entries
      lea _end(%rip), %rax
      lea __bss_start(%rip), %rdx
      sub %rdx, %rax            # bss size 32
      lea (%rcx,%rax), %rdi
      mov $60, %eax
      syscall
      .section .init_array,"aw"
      .quad _start, _start
      .bss
      .skip 32
    `;
    const ours = linkAndRun('prov', [obj('prov.o', src)]);
    expect(ours.run.status).toBe(48);
    expect(ours.run).toEqual(gnuLinkAndRun('prov-ld', ['prov.o']));
  });
});

describe.skipIf(skip)('x86-64 link: entry from an archive, init priorities, our own writer', () => {
  it('pulls the archive member that defines the entry symbol', () => {
    scratch.assemble('crt.o', '.text\n.globl _start\n_start: mov $60, %eax\n mov $9, %edi\n syscall\n');
    runOk('ar', ['rcs', scratch.path('libcrt.a'), scratch.path('crt.o')]);
    const r = linkAndRun('entry-ar', [
      obj('empty.o', '.data\n.quad 0\n'),
      { kind: 'archive', name: 'libcrt.a', archive: readArchive(scratch.read('libcrt.a')) },
    ]);
    expect(r.run.status).toBe(9);
  });

  it('orders .init_array.N by priority before plain .init_array, as ld does', () => {
    const src = (name: string, tag: number) =>
      `.section ${name},"aw"\n.quad ${tag}\n`;
    const objs = [
      obj('i1.o', `.text\n.globl _start\n_start: ret\n${src('.init_array', 1)}`),
      obj('i2.o', src('.init_array.00200', 2)),
      obj('i3.o', src('.init_array', 3)),
      obj('i4.o', src('.init_array.00100', 4)),
    ];
    const r = link(objs);
    const ours = readElf(r.image!).sections.find((s) => s.name === '.init_array')!;
    runOk('ld', ['-o', scratch.path('init-ld'), ...['i1.o', 'i2.o', 'i3.o', 'i4.o'].map((o) => scratch.path(o))]);
    const theirs = readElf(scratch.read('init-ld')).sections.find((s) => s.name === '.init_array')!;
    expect([...ours.data]).toEqual([...theirs.data]);
    expect(new BigUint64Array(ours.data.slice().buffer)).toEqual(new BigUint64Array([4n, 2n, 1n, 3n]));
  });

  it('links objects rewritten by writeRelocatable', () => {
    const a = readObject(writeRelocatable(readObject(scratch.assemble('w1.o', hello))));
    const b = readObject(writeRelocatable(readObject(scratch.assemble('w2.o', lib))));
    const r = linkAndRun('rewritten', [
      { kind: 'object', name: 'w1.o', object: a },
      { kind: 'object', name: 'w2.o', object: b },
    ]);
    expect([r.run.stdout, r.run.status]).toEqual(['hello from vasm link\n', 43]);
  });
});

describe.skipIf(skip)('x86-64 link: unsupported input is diagnosed', () => {
  it('STT_GNU_IFUNC targets are an error naming the site', () => {
    const r = link([
      obj('if1.o', '.text\n.globl _start\n_start: call pick\n'),
      obj('if2.o', '.text\n.globl pick\n.type pick, @gnu_indirect_function\npick: ret\n'),
    ]);
    expect(r.image).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "if1.o:(.text+0x1): 'pick' is an STT_GNU_IFUNC symbol; indirect functions need IRELATIVE relocations, which this static linker does not create",
    ]);
  });

  it('TLS general-dynamic relocations are an error, not silent garbage', () => {
    const r = link([obj('gd.o', '.text\n.globl _start\n_start:\n .byte 0x66\n leaq tv@tlsgd(%rip), %rdi\n .value 0x6666\n rex64 call __tls_get_addr@PLT\n.section .tbss,"awT",@nobits\ntv: .zero 4\n.globl __tls_get_addr\n.text\n__tls_get_addr: ret\n')]);
    expect(r.image).toBeUndefined();
    expect(r.diagnostics[0]!.message).toMatch(/^gd\.o:\(\.text\+0x4\): unsupported relocation type R_X86_64_TLSGD in a static link$/);
  });
});
