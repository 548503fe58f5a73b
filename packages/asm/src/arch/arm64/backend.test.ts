// The AArch64 backend end to end: every recorded encoding through the assembler, objects
// compared with GNU as's (sections, relocations, symbols), and every recorded arm64 program
// assembled by us, linked by GNU ld and run under qemu-aarch64 with the recorded result.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRelocatable } from '@vsys/elf';
import { a64TestLines } from '@vsys/isa-arm64';
import { GNU_AS, GNU_LD, QEMU, assembleArm64, gnuLines, gnuObject, haveTool, summarize, vsysLines, withTemp } from './testing.js';

const CONFORMANCE = '/work/shared/conformance';
const TSV = join(CONFORMANCE, 'encodings/arm64.tsv');
const CASES = join(CONFORMANCE, 'cases/arm64');
const BENCH = '/work/shared/bench/arm64';
const haveAs = haveTool(GNU_AS);
const haveRun = haveAs && haveTool(GNU_LD) && haveTool(QEMU, '--version');
if (!haveAs) console.warn(`skipping GNU comparisons: ${GNU_AS} not installed`);
if (!haveRun) console.warn(`skipping run tests: ${GNU_LD}/${QEMU} not installed`);

const messages = (r: ReturnType<typeof assembleArm64>): string[] => r.diagnostics.map((d) => `${d.loc.line}:${d.loc.col}: ${d.severity}: ${d.message}`);

describe.skipIf(!existsSync(TSV))('arm64.tsv through the assembler', () => {
  it('assembles every recorded line to the recorded bytes', () => {
    const rows = readFileSync(TSV, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]);
    const r = assembleArm64(rows.map(([text]) => `\t${text}\n`).join(''));
    expect(messages(r)).toEqual([]);
    const text = r.object!.sections.find((s) => s.name === '.text')!;
    const bad: string[] = [];
    rows.forEach(([line, want], i) => {
      const got = Buffer.from(text.data.subarray(i * 4, i * 4 + 4)).toString('hex');
      if (got !== want) bad.push(`${line}: got ${got} want ${want}`);
    });
    expect(bad).toEqual([]);
    expect(text.relocations).toEqual([]);
  });
});

describe.skipIf(!haveAs)('generated corpus through the assembler vs GNU as', () => {
  it('agrees on every line: same bytes, or both report an error', () => {
    const lines = a64TestLines();
    const theirs = gnuLines(lines, ['-march=armv8.5-a']);
    const ours = vsysLines(lines);
    // system registers GNU as takes only with a newer -march (vasm has none): ask it again with
    // one; those no -march of GNU as 2.40 takes (Armv8-R) are checked by isa-arm64's
    // generated.test.ts through objdump
    const gatedIndex = lines.flatMap((_, i) => { const g = theirs[i]!; return 'error' in g && /does not support system register name/.test(g.error) ? [i] : []; });
    const wide = gnuLines(gatedIndex.map((i) => lines[i]!), ['-march=armv9.3-a+sme+memtag+tme']);
    gatedIndex.forEach((i, k) => { theirs[i] = wide[k]!; });
    const stillGated = new Set(gatedIndex.filter((_, k) => 'error' in wide[k]!));
    const diffs: string[] = [];
    lines.forEach((line, i) => {
      if (stillGated.has(i)) return;
      const g = theirs[i]!;
      const v = ours[i]!;
      if ('error' in g !== 'error' in v) diffs.push(`${line}: GNU ${'error' in g ? `error (${g.error})` : g.hex}, vsys ${'error' in v ? `error (${v.error})` : v.hex}`);
      else if ('hex' in g && 'hex' in v && g.hex !== v.hex) diffs.push(`${line}: GNU ${g.hex}, vsys ${v.hex}`);
    });
    expect(diffs).toEqual([]);
    expect(ours.filter((v) => 'hex' in v).length).toBeGreaterThan(1500);
  });
});

const RELOCATION_SOURCE = `
	.text
	.globl _start
_start:
	bl gfunc
	bl lfunc
	b lfunc
	b.eq ext
	cbz x0, lfunc
	tbz x0, #3, ext
	adr x0, lfunc
	adr x1, ext
	adrp x0, msg
	add x0, x0, :lo12:msg
	add x0, x0, #:lo12:msg
	ldr x1, [x0, #:lo12:msg]
	ldr w1, [x0, :lo12:msg]
	ldrh w1, [x0, :lo12:msg]
	ldrb w1, [x0, :lo12:msg]
	ldr x2, lfunc
	ldr x3, =0x10
	ldr x4, =0x123456789
	ldr w5, =msg
	ldr x6, =msg
	ldr x7, =ext+8
	ldr x8, =0x123456789
	movz x0, #:abs_g1:msg
	movk x0, #:abs_g0_nc:msg
	adrp x0, msg+8
	add x0, x0, :lo12:msg+8
	ldr x1, [x0, #:lo12:msg+16]
	adrp x3, ext+0x1000
	ldr w3, [x3, :lo12:ext+0x1000]
	bl ext+4
	mov x9, #(end - _start)
	ldr x10, [x1, #(end - _start)]
	b 1f
1:	nop
	b 1b
	b 0x1000
	bl 16
	adr x0, 8
	cbz x0, -4
	adr x0, gfunc
	ldr x2, gfunc
	b.ne gfunc
	tbnz x0, #1, gfunc
	b gfunc
	bl weakf
	cbz x1, weakf
	.word gfunc - .
	.xword lfunc - .
	.weak weakf
weakf:	nop
	.globl gfunc
gfunc:
	ret
lfunc:
	ret
end:
	.ltorg
	.inst 0xd503201f, 0x14000000
	.align 4
	bl ext
	.data
msg:	.ascii "hi"
	.word msg
	.word msg - .
	.word ext - .
	.xword ext
	.dword msg
	.hword 7
	.align 3
	.word 1
`;

describe.skipIf(!haveAs)('objects compared with GNU as', () => {
  it('relocations, literal pools, local branches, .inst, data', () => {
    const mine = assembleArm64(RELOCATION_SOURCE);
    expect(messages(mine)).toEqual([]);
    expect(summarize(mine.object!)).toEqual(summarize(gnuObject(RELOCATION_SOURCE)));
  });

  it('code alignment padding, numeric labels, symbol types and sizes', () => {
    const source = `
	.text
	.type f, %function
	.globl f
f:	nop
	.align 4
	add x0, x0, #1
	.byte 1
	.balign 8
2:	cbnz x0, 2b
	b 3f
	.p2align 5
3:	ret
	.size f, . - f
	.section .rodata
	.align 3
tbl:	.xword f, 3b, 2b
	.word 2b - tbl
`;
    const mine = assembleArm64(source);
    expect(messages(mine)).toEqual([]);
    expect(summarize(mine.object!)).toEqual(summarize(gnuObject(source)));
  });

  it('code sections get sh_addralign 4, as in GNU as', () => {
    const source = '\t.text\n\tnop\n\t.data\n\t.byte 1\n';
    const mine = assembleArm64(source).object!;
    const gnu = gnuObject(source);
    for (const name of ['.text', '.data']) {
      expect(mine.sections.find((s) => s.name === name)!.align, name).toBe(gnu.sections.find((s) => s.name === name)!.align);
    }
  });

  it('literal pools are kept per section, as in GNU as (needs the front end to pass EncodeContext.section and LiteralPoolContext.section)', () => {
    const source = `
	.text
	ldr x0, =0x1122334455
	ldr w1, =msg
	.section .text.other, "ax"
	ldr x2, =0x1122334455
	ldr x3, =msg
	.text
	ldr x4, =msg
	.data
msg:	.byte 1
`;
    const mine = assembleArm64(source);
    expect(messages(mine)).toEqual([]);
    expect(summarize(mine.object!)).toEqual(summarize(gnuObject(source)));
  });

  const cases = [
    ...(existsSync(CASES) ? readdirSync(CASES).filter((f) => f.endsWith('.s')).map((f) => join(CASES, f)) : []),
    ...(existsSync(BENCH) ? readdirSync(BENCH).filter((f) => f.endsWith('.s')).map((f) => join(BENCH, f)) : []),
  ];
  it.each(cases)('%s', (file) => {
    const source = readFileSync(file, 'utf8');
    const mine = assembleArm64(source, file);
    expect(messages(mine)).toEqual([]);
    expect(summarize(mine.object!)).toEqual(summarize(gnuObject(source)));
  });
});

// Compiler output: what aarch64-linux-gnu-gcc -S writes (immediates without '#', `.p2align`,
// `.LC` labels, `:lo12:`, jump tables, LSE-free atomics loops…) must assemble to GNU as's object.
// .eh_frame is left out: the front end does not build it from .cfi_* yet (a front-end feature;
// the arm64 CIE values — RA x30, data alignment -4, CFA sp — would come from the backend).
const GCC = 'aarch64-linux-gnu-gcc';
const C_SOURCE = `typedef unsigned long u64;
static const char msg[] = "hello, world\\n";
long write(int fd, const void *p, u64 n);
struct node { struct node *next; long value; int flags; short s; char c; };
long sum(struct node *n) { long t = 0; while (n) { t += n->value * (n->flags & 7) + n->s - n->c; n = n->next; } return t; }
u64 mix(u64 x, u64 y) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x * 0x9E3779B97F4A7C15ull + (y >> 3) / 10; }
int cmpf(const void *a, const void *b) { long x = *(const long*)a, y = *(const long*)b; return (x > y) - (x < y); }
void *memcpy_(void *d, const void *s, u64 n) { char *dd = d; const char *ss = s; while (n--) *dd++ = *ss++; return d; }
int sw(int k) { switch (k) { case 0: return 11; case 1: return 22; case 2: return 33; case 3: return 44; case 4: return 55; case 5: return 66; default: return -1; } }
long greet(void) { return write(1, msg, sizeof msg - 1); }
unsigned bits(unsigned x, int s) { return ((x >> 3) & 0x1f) | (x << 28) | __builtin_clz(x | 1) | (x << (s & 31)); }
long arr[64];
long idx(int i, long v) { arr[i & 63] += v; return arr[(i + 1) & 63]; }
int atomic_inc(int *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
`;

describe.skipIf(!haveAs || !haveTool(GCC))('gcc -S output vs GNU as', () => {
  it.each(['-O0', '-O2', '-Os'])('%s', (opt) => {
    const asmText = withTemp((dir) => {
      writeFileSync(join(dir, 't.c'), C_SOURCE);
      const r = spawnSync(GCC, [opt, '-S', '-fno-pic', '-fno-stack-protector', '-o', join(dir, 't.s'), join(dir, 't.c')], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return readFileSync(join(dir, 't.s'), 'utf8');
    });
    const mine = assembleArm64(asmText, 't.s');
    expect(messages(mine)).toEqual([]);
    const withoutEhFrame = (o: unknown): unknown => {
      const x = o as { sections: { name: string }[] };
      return { ...x, sections: x.sections.filter((sec) => sec.name !== '.eh_frame' && sec.name !== '.rela.eh_frame') };
    };
    expect(withoutEhFrame(summarize(mine.object!))).toEqual(withoutEhFrame(summarize(gnuObject(asmText))));
  });
});

describe.skipIf(!haveRun || !existsSync(CASES))('recorded arm64 programs run under qemu-aarch64', () => {
  const cases = existsSync(CASES) ? readdirSync(CASES).filter((f) => f.endsWith('.s')) : [];
  it.each(cases)('%s', (file) => {
    const name = file.replace(/\.s$/, '');
    const expected = JSON.parse(readFileSync(join(CASES, `${name}.expect.json`), 'utf8')) as { exit?: number; signal?: string; stdout?: string; stdout_hex?: string };
    const mine = assembleArm64(readFileSync(join(CASES, file), 'utf8'), file);
    expect(messages(mine)).toEqual([]);
    const argsFile = join(CASES, `${name}.args`);
    const args = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').split('\n').filter((l) => l !== '') : [];
    const stdinFile = join(CASES, `${name}.stdin`);
    withTemp((dir) => {
      writeFileSync(join(dir, 'prog.o'), writeRelocatable(mine.object!));
      const ld = spawnSync(GNU_LD, ['-o', join(dir, 'prog'), join(dir, 'prog.o')], { encoding: 'utf8' });
      expect(ld.stderr).toBe('');
      const run = spawnSync(QEMU, [join(dir, 'prog'), ...args], {
        cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: '/', LANG: 'C' },
        input: existsSync(stdinFile) ? readFileSync(stdinFile) : '',
      });
      if (expected.signal) expect(run.signal).toBe(expected.signal);
      else expect(run.status).toBe(expected.exit);
      if (expected.stdout !== undefined) expect(run.stdout.toString('utf8')).toBe(expected.stdout);
      if (expected.stdout_hex !== undefined) expect(run.stdout.toString('hex')).toBe(expected.stdout_hex);
    });
  });
});
