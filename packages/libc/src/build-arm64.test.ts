// libc for ARM64, checked against the real tools first: the test programs (programs/arm64/*.s)
// are linked by GNU ld (aarch64) against this libc (assembled by vasm) and run by qemu-aarch64,
// and the same assembly is linked by aarch64-linux-gnu-gcc -static against glibc and run by
// qemu-aarch64; stdout, stderr and exit status must be identical. Also: the archive's index
// names the same API as on x86-64, and vasm's objects match aarch64-linux-gnu-as's bytes.
// qemu-user 7.2 maps no vDSO, so these runs take the time functions' syscall path; the vDSO
// path is checked under vrun (tests/libc-arm64.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { readArchive, readObject, readElf } from '@vsys/elf';
import { assembleLibc, libcSourceFiles } from './build.js';
import { Scratch, runOk } from '../../elf/src/testing/host-tools.js';
import { buildWithGlibcArm64, libcTestPrograms, missingArm64Tool, runQemuArm64 } from './testing/programs.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());
const MISSING = missingArm64Tool();
const skipNote = MISSING ? ` (skipped: ${MISSING} is not installed)` : '';

/** glibc's API as issue #7 lists it: the x86-64 archive indexes the same names. */
const API = ['read', 'write', 'open', 'openat', 'close', 'lseek', 'pread', 'pwrite', 'readv', 'writev', 'dup', 'dup2', 'pipe',
  'unlink', 'mkdir', 'rmdir', 'rename', 'stat', 'fstat', 'getcwd', 'chdir', 'getpid', 'gettid', 'mmap', 'munmap', 'brk', 'sbrk',
  'exit', '_exit', 'clock_gettime', 'gettimeofday', 'time', 'nanosleep', 'sleep', 'getrandom', 'strlen', 'strcmp', 'strncmp',
  'strcpy', 'memcpy', 'memmove', 'memset', 'memcmp', 'strerror', 'perror', 'puts', 'putchar', 'printf', 'fprintf', 'snprintf',
  'malloc', 'free', 'atoi', 'abort', '__errno_location', 'stdout', 'stderr', 'pthread_create', 'pthread_join', 'pthread_self',
  'pthread_mutex_lock', 'pthread_mutex_unlock'];

describe('libc arm64 build', () => {
  const libc = assembleLibc('arm64');

  it('makes crt0.o with _start (EM_AARCH64) and an archive whose index names the glibc API', () => {
    const crt0 = readObject(libc.crt0);
    expect(crt0.machine).toBe(183);
    expect(crt0.symbols.find((s) => s.name === '_start' && s.section.kind === 'section')).toBeDefined();
    const ar = readArchive(libc.archive);
    const indexed = new Set(ar.symbols.map((s) => s.name));
    expect(API.filter((n) => !indexed.has(n))).toEqual([]);
    expect(ar.members.map((m) => m.name)).toEqual(libcSourceFiles('arm64').map((f) => basename(f).replace(/\.s$/, '.o')).filter((n) => n !== 'crt0.o'));
    // The same names as the x86-64 archive: one API for both.
    const x86 = new Set(readArchive(assembleLibc('x86_64').archive).symbols.map((s) => s.name));
    const onlyX86 = [...x86].filter((n) => !indexed.has(n) && !['arch_prctl', '__vsys_vdso_time', '__vsys_vdso_getcpu'].includes(n));
    expect(onlyX86).toEqual([]);
  });

  it.skipIf(MISSING)(`vasm assembles every libc source to the same section bytes as aarch64-linux-gnu-as${skipNote}`, () => {
    for (const src of libcSourceFiles('arm64')) {
      const name = basename(src).replace(/\.s$/, '.o');
      runOk('aarch64-linux-gnu-as', ['-o', scratch.path(`gnu-${name}`), src]);
      const gnu = readElf(scratch.read(`gnu-${name}`));
      const ours = readElf(name === 'crt0.o' ? libc.crt0 : readArchive(libc.archive).members.find((m) => m.name === name)!.data);
      for (const sec of gnu.sections.filter((s) => ['.text', '.data', '.rodata'].includes(s.name))) {
        const mine = ours.sections.find((s) => s.name === sec.name);
        expect(mine, `${name} ${sec.name}`).toBeDefined();
        expect(Buffer.from(mine!.data).equals(Buffer.from(sec.data)), `${name} ${sec.name} bytes`).toBe(true);
      }
    }
  });

  describe.skipIf(MISSING)(`qemu-aarch64: programs linked with GNU ld against this libc behave as with glibc${skipNote}`, () => {
    const crt0 = scratch.write('crt0.o', libc.crt0);
    const archive = scratch.write('libc.a', libc.archive);
    for (const program of libcTestPrograms('arm64')) {
      const name = basename(program, '.s');
      it(name, () => {
        buildWithGlibcArm64(program, scratch.path(`${name}-glibc`));
        runOk('aarch64-linux-gnu-as', ['-o', scratch.path(`${name}.o`), program]);
        runOk('aarch64-linux-gnu-ld', ['-o', scratch.path(`${name}-vsys`), crt0, scratch.path(`${name}.o`), archive]);
        const glibc = runQemuArm64(scratch.path(`${name}-glibc`), scratch.dir);
        const vsys = runQemuArm64(scratch.path(`${name}-vsys`), scratch.dir);
        expect(glibc.signal).toBeNull();
        expect(vsys).toEqual(glibc);
      });
    }
  });
});
