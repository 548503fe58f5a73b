// siginfo_t bytes: offsets checked against the C layout compiled by gcc on the host
// (offsetof on siginfo_t fields), so the encoder and glibc agree.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSigInfo, SIGINFO_SIZE } from './siginfo-layout.js';
import { SiCode } from './siginfo.js';

const haveGcc = spawnSync('which', ['gcc']).status === 0 && process.arch === 'x64';

describe('encodeSigInfo', () => {
  it.skipIf(!haveGcc)('matches glibc offsets (x86-64)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-siginfo-'));
    try {
      writeFileSync(
        join(dir, 'o.c'),
        `#include <signal.h>
#include <stddef.h>
#include <stdio.h>
int main(void){printf("%zu %zu %zu %zu %zu %zu %zu %zu\\n", sizeof(siginfo_t), offsetof(siginfo_t,si_signo),
 offsetof(siginfo_t,si_errno), offsetof(siginfo_t,si_code), offsetof(siginfo_t,si_pid), offsetof(siginfo_t,si_uid),
 offsetof(siginfo_t,si_addr), offsetof(siginfo_t,si_status));return 0;}`,
      );
      execFileSync('gcc', ['-o', join(dir, 'o'), join(dir, 'o.c')]);
      const [size, signo, err, code, pid, uid, addr, status] = execFileSync(join(dir, 'o')).toString().trim().split(' ').map(Number);
      expect(size).toBe(SIGINFO_SIZE);
      const kill = new DataView(encodeSigInfo({ signo: 13, code: SiCode.SI_USER, pid: 1234, uid: 7, errno: 3 }, 'x86_64').buffer);
      expect([kill.getInt32(signo!, true), kill.getInt32(err!, true), kill.getInt32(code!, true)]).toEqual([13, 3, 0]);
      expect([kill.getInt32(pid!, true), kill.getUint32(uid!, true)]).toEqual([1234, 7]);
      const segv = new DataView(encodeSigInfo({ signo: 11, code: SiCode.SEGV_MAPERR, addr: 0xdeadbeef000n }, 'x86_64').buffer);
      expect(segv.getBigUint64(addr!, true)).toBe(0xdeadbeef000n);
      const chld = new DataView(encodeSigInfo({ signo: 17, code: SiCode.CLD_EXITED, pid: 5, uid: 0, status: 3 }, 'x86_64').buffer);
      expect(chld.getInt32(status!, true)).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the compat layout for i386', () => {
    const v = new DataView(encodeSigInfo({ signo: 11, code: 1, addr: 0x8048000n }, 'i386').buffer);
    expect(v.getUint32(12, true)).toBe(0x8048000);
    const k = new DataView(encodeSigInfo({ signo: 10, code: 0, pid: 9, uid: 1 }, 'i386').buffer);
    expect([k.getInt32(12, true), k.getUint32(16, true)]).toEqual([9, 1]);
  });
});
