// Objects compiled by gcc (x86-64) and aarch64-linux-gnu-gcc, at -O0 and -O2, linked with a
// hand-written _start: real compiler output brings .rodata.str1.1 (SHF_MERGE|SHF_STRINGS),
// .eh_frame with its relocations, .comment and .note.GNU-stack, jump tables in .rodata, and
// the relocation mixes compilers choose. The program must behave as when GNU ld links it.
import { afterAll, describe, expect, it } from 'vitest';
import { readObject } from '@vsys/elf';
import { link } from './link.js';
import { Scratch, hasTool, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const common = `
static const char *names[] = { "zero", "one", "two", "three", "four", "five" };
struct point { long x, y; } pts[3] = { {1,2}, {3,4}, {5,6} };
long counter;
static long sum(const struct point *p, int n) { long s = 0; for (int i = 0; i < n; i++) s += p[i].x * p[i].y; return s; }
long write_str(const char *s);
int pick(int w) {
  switch (w) { case 0: return 11; case 1: return 13; case 2: return 17; case 3: return 19; case 4: return 23; default: return 29; }
}
int c_main(int which) {
  counter += 5;
  write_str(names[which % 6]);
  write_str("\\n");
  return (int)(sum(pts, 3) + counter + pick(which));
}
`;
const x86 = `${common}
long write_str(const char *s) {
  long n = 0; while (s[n]) n++;
  long ret;
  __asm__ volatile ("syscall" : "=a"(ret) : "a"(1), "D"(1), "S"(s), "d"(n) : "rcx", "r11", "memory");
  return ret;
}`;
const arm = `${common}
long write_str(const char *s) {
  long n = 0; while (s[n]) n++;
  register long x0 __asm__("x0") = 1;
  register const char *x1 __asm__("x1") = s;
  register long x2 __asm__("x2") = n;
  register long x8 __asm__("x8") = 64;
  __asm__ volatile ("svc 0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  return x0;
}`;
const flags = ['-c', '-ffreestanding', '-fno-builtin', '-fno-pic', '-fno-stack-protector', '-fno-asynchronous-unwind-tables'];

const cases = [
  { arch: 'x86_64' as const, cc: 'gcc', ld: 'ld', source: x86, start: '.text\n.globl _start\n_start:\n mov $2, %edi\n call c_main\n mov %eax, %edi\n mov $60, %eax\n syscall\n', runner: [] as string[] },
  { arch: 'arm64' as const, cc: 'aarch64-linux-gnu-gcc', ld: 'aarch64-linux-gnu-ld', source: arm, start: '.text\n.globl _start\n_start:\n mov w0, #2\n bl c_main\n mov x8, #93\n svc #0\n', runner: ['qemu-aarch64'] },
];

for (const c of cases) {
  const native = c.arch === 'x86_64' ? process.platform === 'linux' && process.arch === 'x64' : hasTool('qemu-aarch64');
  const skip = missingTools(c.cc, c.ld, c.arch === 'x86_64' ? 'as' : 'aarch64-linux-gnu-as') ?? (native ? undefined : 'skipped: cannot run the target');
  describe.skipIf(skip)(`gcc objects (${c.arch})`, () => {
    for (const opt of ['-O0', '-O2']) {
      it(`${opt}: runs like the GNU ld link`, () => {
        const tag = `${c.arch}${opt}`;
        scratch.write(`${tag}.c`, c.source);
        const extra = opt === '-O0' ? [] : ['-fasynchronous-unwind-tables'];
        runOk(c.cc, [...flags, ...extra, opt, '-o', scratch.path(`${tag}-c.o`), scratch.path(`${tag}.c`)]);
        scratch.assemble(`${tag}-s.o`, c.start, c.arch);
        const objs = [`${tag}-s.o`, `${tag}-c.o`];
        const r = link(objs.map((o) => ({ kind: 'object' as const, name: o, object: readObject(scratch.read(o)) })));
        expect(r.diagnostics).toEqual([]);
        scratch.write(tag, r.image!);
        runOk('chmod', ['+x', scratch.path(tag)]);
        runOk(c.ld, ['-o', scratch.path(`${tag}-ld`), ...objs.map((o) => scratch.path(o))]);
        const exe = (p: string) => (c.runner.length ? run(c.runner[0]!, [p]) : run(p, []));
        const ours = exe(scratch.path(tag));
        expect(ours.stdout).toBe('two\n');
        expect(ours.status).toBe(44 + 5 + 17);
        expect(ours).toEqual(exe(scratch.path(`${tag}-ld`)));
      });
    }
  });
}
