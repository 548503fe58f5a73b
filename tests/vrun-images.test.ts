// Bad images never crash vrun: an empty file, random bytes, a relocatable object, a truncated
// executable and executables with random bytes flipped in their ELF and program headers all
// end as "vrun: IMAGE: reason" with status 126, or — when the damage leaves a runnable image —
// as a guest outcome. Never status 70 (internal error), never a thrown exception.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { runVrun } from '../packages/cli/src/vrun/session.js';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';

const have = haveGnu();
const dir = mkdtempSync(join(tmpdir(), 'vrun-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function vrunImage(bytes: Uint8Array): Promise<{ status: number; messages: string }> {
  const image = join(dir, 'image');
  writeFileSync(image, bytes);
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
  const messages: string[] = [];
  try {
    const parsed = await parseVrunArgs(['--max-instructions', '1000000', '--max-memory', '32M', image]);
    if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
    const status = runVrun(parsed.options, { cwd: dir, env: {}, stderr: (t) => messages.push(t), stdio: fds });
    return { status, messages: messages.join('') };
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
}

function expectOneLineRefusal(r: { status: number; messages: string }): void {
  expect(r.status).toBe(126);
  expect(r.messages).toMatch(new RegExp(`^vrun: ${join(dir, 'image')}: [^\\n]+\\n$`));
}

const HELLO = '.globl _start\n_start: mov $1, %eax\n mov $1, %edi\n lea m(%rip), %rsi\n mov $3, %edx\n syscall\n mov $60, %eax\n xor %edi, %edi\n syscall\n.data\nm: .ascii "hi\\n"\n';

describe.skipIf(!have)(`vrun and bad images${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  it('refuses an empty file, random bytes and a script with one line and 126', async () => {
    expectOneLineRefusal(await vrunImage(new Uint8Array(0)));
    expectOneLineRefusal(await vrunImage(Uint8Array.from({ length: 300 }, (_, i) => (i * 73 + 11) & 0xff)));
    expectOneLineRefusal(await vrunImage(new TextEncoder().encode('#!/bin/sh\necho hi\n')));
  });

  it('refuses a relocatable object and a truncated executable', async () => {
    writeFileSync(join(dir, 'o.s'), HELLO);
    execFileSync('as', ['-o', join(dir, 'o.o'), join(dir, 'o.s')]);
    expectOneLineRefusal(await vrunImage(new Uint8Array(readFileSync(join(dir, 'o.o')))));
    const exe = gnuProgram(HELLO);
    expectOneLineRefusal(await vrunImage(exe.slice(0, 40)));
    expectOneLineRefusal(await vrunImage(exe.slice(0, 64 + 20)));
  });

  it('survives random corruption of the ELF and program headers (seeded)', async () => {
    const exe = gnuProgram(HELLO);
    let x = 0x1badb002;
    const next = (): number => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return x;
    };
    const statuses = new Map<number, number>();
    for (let round = 0; round < 30; round++) {
      const bad = exe.slice();
      const flips = 1 + (next() % 3);
      for (let k = 0; k < flips; k++) bad[next() % (64 + 56 * 3)] = next() & 0xff;
      const r = await vrunImage(bad);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(r.status, `round ${round}: ${r.messages}`).not.toBe(70);
      if (r.status === 126) expect(r.messages.split('\n').filter(Boolean), `round ${round}`).toHaveLength(1);
    }
    expect(statuses.get(126) ?? 0).toBeGreaterThan(0); // some damage is always detected
  });
});
