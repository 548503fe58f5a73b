// libc for x86-64, checked natively first: the test programs (programs/x86_64/*.s) are linked
// by GNU ld against this libc (assembled by vasm) and run on Linux, and the same assembly is
// linked by gcc against glibc; stdout, stderr and exit status must be identical. Also: the
// archive's index and members, and that vasm's objects for the libc match GNU as's bytes.
import { afterAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { readArchive, readObject, readElf } from '@vsys/elf';
import { assembleLibc, libcArtifacts, libcSourceFiles } from './build.js';
import { Scratch, runOk } from '../../elf/src/testing/host-tools.js';
import { haveNativeX86, libcTestPrograms, runNative } from './testing/programs.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());
const NATIVE_MISSING = !haveNativeX86();

describe('libc x86-64 build', () => {
  const libc = assembleLibc('x86_64');

  it('makes crt0.o with _start and an archive whose index names the glibc API', () => {
    const crt0 = readObject(libc.crt0);
    expect(crt0.symbols.find((s) => s.name === '_start' && s.section.kind === 'section')).toBeDefined();
    const ar = readArchive(libc.archive);
    const indexed = new Set(ar.symbols.map((s) => s.name));
    const api = ['read', 'write', 'open', 'openat', 'close', 'lseek', 'pread', 'pwrite', 'readv', 'writev', 'dup', 'dup2', 'pipe',
      'unlink', 'mkdir', 'rmdir', 'rename', 'stat', 'fstat', 'getcwd', 'chdir', 'getpid', 'gettid', 'mmap', 'munmap', 'brk', 'sbrk',
      'exit', '_exit', 'clock_gettime', 'gettimeofday', 'time', 'nanosleep', 'sleep', 'getrandom', 'strlen', 'strcmp', 'strncmp',
      'strcpy', 'memcpy', 'memmove', 'memset', 'memcmp', 'strerror', 'perror', 'puts', 'putchar', 'printf', 'fprintf', 'snprintf',
      'malloc', 'free', 'atoi', 'abort', '__errno_location', 'stdout', 'stderr', 'pthread_create', 'pthread_join', 'pthread_self',
      'pthread_mutex_lock', 'pthread_mutex_unlock'];
    expect(api.filter((n) => !indexed.has(n))).toEqual([]);
    expect(ar.members.map((m) => m.name)).toEqual(libcSourceFiles('x86_64').map((f) => basename(f).replace(/\.s$/, '.o')).filter((n) => n !== 'crt0.o'));
    expect(libcArtifacts('x86_64').archive.length).toBeGreaterThan(0);
  });

  it.skipIf(NATIVE_MISSING)('vasm assembles every libc source to the same section bytes as GNU as', () => {
    for (const src of libcSourceFiles('x86_64')) {
      const name = basename(src).replace(/\.s$/, '.o');
      runOk('as', ['--64', '-o', scratch.path(`gnu-${name}`), src]);
      const gnu = readElf(scratch.read(`gnu-${name}`));
      const ours = readElf(name === 'crt0.o' ? libc.crt0 : readArchive(libc.archive).members.find((m) => m.name === name)!.data);
      for (const sec of gnu.sections.filter((s) => ['.text', '.data', '.rodata'].includes(s.name))) {
        const mine = ours.sections.find((s) => s.name === sec.name);
        expect(mine, `${name} ${sec.name}`).toBeDefined();
        expect(Buffer.from(mine!.data).equals(Buffer.from(sec.data)), `${name} ${sec.name} bytes`).toBe(true);
      }
    }
  });

  describe.skipIf(NATIVE_MISSING)('native: programs linked with GNU ld against this libc behave as with glibc', () => {
    const crt0 = scratch.write('crt0.o', libc.crt0);
    const archive = scratch.write('libc.a', libc.archive);
    for (const program of libcTestPrograms('x86_64')) {
      const name = basename(program, '.s');
      it(name, () => {
        runOk('gcc', ['-no-pie', '-z', 'noexecstack', '-o', scratch.path(`${name}-glibc`), program]);
        runOk('as', ['--64', '-o', scratch.path(`${name}.o`), program]);
        runOk('ld', ['-o', scratch.path(`${name}-vsys`), crt0, scratch.path(`${name}.o`), archive]);
        const glibc = runNative(scratch.path(`${name}-glibc`), scratch.dir);
        const vsys = runNative(scratch.path(`${name}-vsys`), scratch.dir);
        expect(glibc.signal).toBeNull();
        expect(vsys).toEqual(glibc);
      });
    }
  });
});
