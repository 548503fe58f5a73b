// `vasm build`: -c writes one object per source (byte-identical sections to GNU as are checked
// in @vsys/asm's tests; here: the file is there, readelf-readable, and links with GNU ld into a
// program that runs), errors print file:line:col + caret and leave no file, and without -c
// the sources are linked into a runnable executable.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readObject } from '@vsys/elf';
import { archFromSource, runBuild } from './build.js';

const hello = `# write and exit
    .globl _start
    .text
_start:
    mov $1, %eax
    mov $1, %edi
    lea msg(%rip), %rsi
    mov $len, %edx
    syscall
    mov $60, %eax
    mov $7, %edi
    syscall
    .section .rodata
msg: .ascii "hi from vasm\\n"
len = . - msg
`;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

function inTemp<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'vasm-build-'));
  const cwd = process.cwd();
  process.chdir(dir);
  return f(dir).finally(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });
}

const haveLd = spawnSync('ld', ['--version'], { stdio: 'ignore' }).status === 0;

describe('vasm build', () => {
  it('-c writes FILE.o in the current directory', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'hello.s'), hello);
      const c = io();
      expect(await runBuild({ inputs: ['hello.s'], c: true }, c.io)).toBe(0);
      expect(c.err).toEqual([]);
      const obj = readObject(new Uint8Array(readFileSync(join(dir, 'hello.o'))));
      expect(obj.sections.map((s) => s.name)).toEqual(['.text', '.data', '.bss', '.rodata']);
      if (haveLd) {
        const ld = spawnSync('ld', ['-o', join(dir, 'p'), join(dir, 'hello.o')], { encoding: 'utf8' });
        expect(ld.stderr).toBe('');
        const run = spawnSync(join(dir, 'p'), { encoding: 'utf8' });
        expect(run.status).toBe(7);
        expect(run.stdout).toBe('hi from vasm\n');
      }
    }));

  it('-c -o OUT with one input', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'a.s'), hello);
      const c = io();
      expect(await runBuild({ inputs: ['a.s'], c: true, o: 'custom.o' }, c.io)).toBe(0);
      expect(existsSync(join(dir, 'custom.o'))).toBe(true);
      expect(existsSync(join(dir, 'a.o'))).toBe(false);
    }));

  it('-c -o with two inputs is a usage error', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'a.s'), hello);
      writeFileSync(join(dir, 'b.s'), hello);
      const c = io();
      expect(await runBuild({ inputs: ['a.s', 'b.s'], c: true, o: 'x.o' }, c.io)).toBe(1);
      expect(c.err.join('')).toContain('cannot use -o with -c and more than one input');
    }));

  it('errors: file:line:col, the line, a caret; exit 1; no output file', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'bad.s'), '.text\n  movq $1, %rax\n  mvoq $2, %rbx\n  addl (%rax,%rbx,5), %ecx\n');
      const c = io();
      expect(await runBuild({ inputs: ['bad.s'], c: true }, c.io)).toBe(1);
      expect(c.err.join('')).toBe(
        "bad.s:3:3: error: unknown instruction 'mvoq'; did you mean 'movq'?\n  mvoq $2, %rbx\n  ^~~~\n" +
          'bad.s:4:19: error: scale factor of 5 is not one of 1, 2, 4, 8\n  addl (%rax,%rbx,5), %ecx\n                  ^\n',
      );
      expect(existsSync(join(dir, 'bad.o'))).toBe(false);
    }));

  it('a missing input file is reported, not thrown', () =>
    inTemp(async () => {
      const c = io();
      expect(await runBuild({ inputs: ['nope.s'], c: true }, c.io)).toBe(1);
      expect(c.err.join('')).toBe('vasm: nope.s: no such file\n');
    }));

  it('.include finds files next to the source', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'defs.inc'), 'EXIT_CODE = 7\n');
      writeFileSync(join(dir, 'main.s'), '.include "defs.inc"\n.text\n.globl _start\n_start: mov $60, %eax\n mov $EXIT_CODE, %edi\n syscall\n');
      const c = io();
      expect(await runBuild({ inputs: ['main.s'], c: true }, c.io)).toBe(0);
      expect(c.err).toEqual([]);
    }));

  it('without -c: assembles and links into a runnable executable', () =>
    inTemp(async (dir) => {
      writeFileSync(join(dir, 'hello.s'), hello);
      const c = io();
      expect(await runBuild({ inputs: ['hello.s'], o: 'hello' }, c.io)).toBe(0);
      expect(c.err).toEqual([]);
      const run = spawnSync(join(dir, 'hello'), { encoding: 'utf8' });
      expect(run.status).toBe(7);
      expect(run.stdout).toBe('hi from vasm\n');
    }));

  it('.arch picks the architecture when --arch is absent', () => {
    expect(archFromSource('  .arch armv8-a\n')).toBe('arm64');
    expect(archFromSource('.arch generic64\n')).toBe('x86_64');
    expect(archFromSource('nop\n')).toBeNull();
  });
});
