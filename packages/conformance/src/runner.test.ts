// The runner against the real thing: every recorded x86_64 case built with GNU as + ld and run
// on this Linux machine must pass (it is how the corpus was recorded), and a deliberately wrong
// expectation must fail. This checks the runner's comparison, not vsys.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCases, readCase, sharedCasesDir } from './cases.js';
import { runCase } from './runner.js';
import { gnuBuilder, nativeRunner } from './toolchain.js';

function hasTool(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const haveBinutils = process.arch === 'x64' && process.platform === 'linux' && hasTool('as') && hasTool('ld');
const skipReason = 'needs GNU as/ld on an x86-64 Linux host';

describe.skipIf(!haveBinutils)(`runner against native Linux (${skipReason})`, () => {
  const opts = { builder: gnuBuilder(), runner: nativeRunner() };
  it('passes the recorded hello and priv_hlt cases natively', async () => {
    const cases = listCases(sharedCasesDir(), 'x86_64').filter((c) => ['hello', 'priv_hlt', 'argv', 'cat'].includes(c.name));
    expect(cases.length).toBe(4);
    for (const c of cases) {
      const r = await runCase(c, opts);
      expect(r.differences, c.name).toEqual([]);
    }
  });
  it('reports a wrong status and wrong stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vconform-test-'));
    const src = join(dir, 'x86_64', 'three.s');
    execFileSync('mkdir', ['-p', join(dir, 'x86_64')]);
    writeFileSync(src, '.globl _start\n_start: mov $60, %eax\n mov $3, %edi\n syscall\n');
    writeFileSync(join(dir, 'x86_64', 'three.expect.json'), '{"arch":"x86_64","signal":"SIGSEGV","stdout":"x"}');
    const r = await runCase(readCase(src, 'x86_64'), opts);
    expect(r.pass).toBe(false);
    expect(r.differences[0]).toMatch(/^status 3, expected 139 \(SIGSEGV\)/);
    expect(r.differences[1]).toMatch(/^stdout "" \(0 bytes\), expected "x"/);
  });
  it('reports a build failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vconform-test-'));
    execFileSync('mkdir', ['-p', join(dir, 'x86_64')]);
    const src = join(dir, 'x86_64', 'bad.s');
    writeFileSync(src, 'not_an_instruction %rax\n');
    writeFileSync(join(dir, 'x86_64', 'bad.expect.json'), '{"exit":0,"stdout":""}');
    const r = await runCase(readCase(src, 'x86_64'), opts);
    expect(r.failedAt).toBe('build');
  });
});
