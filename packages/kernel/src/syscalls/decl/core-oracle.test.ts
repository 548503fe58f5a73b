// Differential test against the host kernel: one list of syscalls with arguments (mostly error
// paths), run natively by a small C program (gcc, raw syscall(2)) and through this kernel; the
// return values must agree — exactly for calls whose result is 0 or -errno, by outcome (success
// vs the same errno) for calls returning addresses or times.
// Tokens: BUF = a zeroed, page-aligned, writable 64 KiB buffer; BAD = 0x8; KERN = a kernel
// address; SELF = getpid(); numbers as written. x86-64 only (the host's ABI).
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHarness } from '../../testing/harness.js';
import { syscallNumber } from '../numbers.js';

const SPEC = `
E clock_nanosleep 0 0 BUF 0
E clock_nanosleep 1 0 BUF 0
E clock_nanosleep 2 0 BUF 0
E clock_nanosleep 3 0 BUF 0
E clock_nanosleep 4 0 BUF 0
E clock_nanosleep 5 0 BUF 0
E clock_nanosleep 6 0 BUF 0
E clock_nanosleep 7 0 BUF 0
E clock_nanosleep 8 0 BUF 0
E clock_nanosleep 9 0 BUF 0
E clock_nanosleep 10 0 BUF 0
E clock_nanosleep 11 0 BUF 0
E clock_nanosleep 99 0 BUF 0
E clock_nanosleep 1 1 BUF 0
E clock_nanosleep 1 0 BAD 0
E nanosleep BAD 0
E nanosleep 0 0
E nanosleep BUF 0
S clock_gettime -10 BUF
S clock_gettime -8 BUF
S clock_gettime -6 BUF
S clock_gettime -5 BUF
S clock_gettime -2 BUF
S clock_gettime -1 BUF
S clock_gettime 0 BUF
S clock_gettime 1 BUF
S clock_gettime 4 BUF
S clock_gettime 7 BUF
S clock_gettime 8 BUF
S clock_gettime 9 BUF
S clock_gettime 10 BUF
S clock_gettime 11 BUF
S clock_gettime 12 BUF
E clock_gettime 0 BAD
E clock_gettime 0 0
E clock_getres 0 0
E clock_getres 12 BUF
E clock_getres 6 BUF
E clock_getres 3 BAD
E gettimeofday 0 0
E gettimeofday BAD 0
E gettimeofday BUF BAD
S time 0
E time BAD
E getrlimit 0 BUF
E getrlimit 15 BUF
E getrlimit 16 BUF
E getrlimit -1 BUF
E getrlimit 7 BAD
E setrlimit 7 BAD
E setrlimit 99 BUF
E prlimit64 0 7 0 0
E prlimit64 0 99 0 0
E prlimit64 999999 7 0 BUF
E prlimit64 0 7 0 BAD
E getrandom BUF 8 0
E getrandom BUF 8 1
E getrandom BUF 8 2
E getrandom BUF 8 3
E getrandom BUF 8 4
E getrandom BUF 8 5
E getrandom BUF 8 6
E getrandom BUF 8 8
E getrandom BAD 8 0
E getrandom BAD 0 0
E kill SELF 0
E kill SELF 65
E kill SELF -1
E kill 999999 0
E kill -2147483648 0
E tgkill 0 SELF 0
E tgkill SELF SELF 0
E tgkill SELF SELF 65
E tgkill SELF 999999 0
E tkill -1 0
E tkill SELF 0
E wait4 -1 0 0 0
E wait4 -1 0 256 0
E wait4 -2147483648 0 0 0
E arch_prctl 39321 0
E arch_prctl 4099 BAD
E arch_prctl 4097 KERN
E arch_prctl 4098 KERN
E rt_sigaction 10 0 0 4
E rt_sigaction 9 BAD 0 8
E rt_sigaction 9 0 0 8
E rt_sigaction 9 BUF 0 8
E rt_sigaction 19 BUF 0 8
E rt_sigaction 0 0 0 8
E rt_sigaction 65 0 0 8
E rt_sigaction 10 BAD 0 8
E rt_sigaction 10 0 BAD 8
E rt_sigprocmask 5 0 0 8
E rt_sigprocmask 5 BUF 0 8
E rt_sigprocmask 0 BAD 0 8
E rt_sigprocmask 0 0 BAD 8
E rt_sigprocmask 0 0 0 4
E rt_sigpending BUF 8
E rt_sigpending BUF 9
E rt_sigpending BAD 8
E set_robust_list 0 0
E set_robust_list 0 24
E set_robust_list BUF 23
E uname BAD
E uname BUF
E setuid -1
E setgid -1
E setresuid -1 -1 -1
E setresgid -1 -1 -1
E getresuid BAD BUF BUF
E getgroups -1 0
E getpgid 999999
E getsid 999999
S getpgid 0
E sched_yield
E mmap 0 0 3 34 -1 0
E mmap 0 4096 3 32 -1 0
E mmap 0 4096 3 35 -1 0
E mmap 0 4096 3 47 -1 0
E mmap 0 4096 3 2 -1 0
E mmap 0 0 3 2 -1 0
E mmap 0 4096 3 34 -1 123
E mmap 268435457 4096 3 50 -1 0
E mmap KERN 4096 3 50 -1 0
E mmap 0 -1 3 34 -1 0
E munmap 268435457 4096
E munmap 1342177280 0
E munmap 1342177280 4096
E munmap KERN 4096
E munmap 1342177280 -1
E mprotect 1342177280 4096 1
E mprotect 1342177281 4096 1
E mprotect BUF 4096 64
E mprotect BUF 0 1
E mprotect BUF 4096 50331649
E mprotect KERN 4096 1
E mprotect BUF -1 1
E madvise 268435457 4096 0
E madvise BUF 4096 -1
E madvise 1342177280 0 0
E madvise 1342177280 4096 0
E madvise BUF 4096 4
E sigaltstack 0 0
E sigaltstack 0 BUF
E sigaltstack 0 BAD
E sigaltstack BAD 0
E getrusage 0 BUF
E getrusage -1 BUF
E getrusage 1 BUF
E getrusage 5 BUF
E getrusage -2 BUF
E getrusage 0 BAD
E times BAD
S times 0
E sysinfo BAD
E sysinfo BUF
E getcpu 0 0 0
E getcpu BUF BUF 0
E getcpu BAD 0 0
E prctl 16 BUF 0 0 0
E prctl 16 BAD 0 0 0
E prctl 15 BAD 0 0 0
E prctl 9999 0 0 0 0
E prctl 3 0 0 0 0
E prctl 4 2 0 0 0
`;

const C_SOURCE = `
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
int main(int argc, char **argv) {
  char line[512];
  char *buf = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  while (fgets(line, sizeof line, stdin)) {
    long a[7] = {0};
    int n = 0;
    for (char *tok = strtok(line, " \\n"); tok && n < 7; tok = strtok(NULL, " \\n"), n++) {
      if (!strcmp(tok, "BUF")) a[n] = (long)buf;
      else if (!strcmp(tok, "BAD")) a[n] = 8;
      else if (!strcmp(tok, "KERN")) a[n] = (long)0xffff800000000000UL;
      else if (!strcmp(tok, "SELF")) a[n] = getpid();
      else a[n] = strtol(tok, NULL, 0);
    }
    memset(buf, 0, 65536);
    mprotect(buf, 65536, PROT_READ | PROT_WRITE);
    errno = 0;
    long r = syscall(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    printf("%ld\\n", r == -1 ? -(long)errno : r);
    fflush(stdout);
  }
  return 0;
}
`;

interface Line {
  mode: 'E' | 'S';
  name: string;
  args: string[];
}

const lines: Line[] = SPEC.trim()
  .split('\n')
  .map((l) => {
    const [mode, name, ...args] = l.trim().split(/\s+/);
    return { mode: mode as 'E' | 'S', name: name!, args };
  });

const haveGcc = spawnSync('which', ['gcc']).status === 0 && process.arch === 'x64' && process.platform === 'linux';

describe.skipIf(!haveGcc)('core syscalls vs the host kernel (gcc probe)', () => {
  it('returns what Linux returns for each call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-core-oracle-'));
    try {
      writeFileSync(join(dir, 'probe.c'), C_SOURCE);
      execFileSync('gcc', ['-O1', '-o', join(dir, 'probe'), join(dir, 'probe.c')]);
      const input = lines.map((l) => [syscallNumber('x86_64', l.name), ...l.args].join(' ')).join('\n') + '\n';
      const native = execFileSync(join(dir, 'probe'), { input }).toString().trim().split('\n').map(BigInt);
      expect(native.length).toBe(lines.length);

      const mismatches: string[] = [];
      lines.forEach((l, i) => {
        const h = makeHarness();
        const args = l.args.map((t) =>
          t === 'BUF' ? BigInt(h.scratch) : t === 'BAD' ? 8n : t === 'KERN' ? 0xffff800000000000n : t === 'SELF' ? BigInt(h.process.pid) : BigInt(t),
        );
        const out = h.call(l.name, ...args);
        const ours = out.kind === 'return' ? BigInt.asIntN(64, out.value) : out.kind === 'blocked' ? 'blocked' : 'exited';
        const theirs = native[i]!;
        const isErr = (v: bigint) => v < 0n && v >= -4095n;
        const same =
          typeof ours === 'bigint' &&
          (l.mode === 'E' ? ours === theirs : isErr(ours) === isErr(theirs) && (!isErr(ours) || ours === theirs));
        if (!same) mismatches.push(`${l.name}(${l.args.join(', ')}): linux ${theirs}, vsys ${String(ours)}`);
      });
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
