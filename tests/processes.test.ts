// The processes example (examples/processes: pipe, fork, dup2, execve of /proc/self/exe,
// wait4) built with vasm and run with vrun, against the same program built with GNU as + ld
// and run natively on Linux: the same stdout and exit status. The ARM64 twin runs on vrun's
// ARM64 machine and must print what the x86-64 program prints natively (qemu-user cannot run
// it: its execve goes to the host kernel, which has no AArch64 binfmt handler, so a successful
// ARM64 exec has no qemu recording).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceCase } from '@vsys/conformance';
import { inProcessVasmBuilder, inProcessVrunRunner } from './support/in-process.js';

const examples = join(import.meta.dirname, '..', 'examples', 'processes');
const haveBinutils = spawnSync('as', ['--version']).status === 0 && spawnSync('ld', ['--version']).status === 0;

function exampleCase(name: string, arch: 'x86_64' | 'arm64'): ConformanceCase {
  return { name, arch, sources: [join(examples, `${name}.s`)], args: [], stdin: null, expect: { arch, exit: 0, stdout: '' } } as ConformanceCase;
}

describe.skipIf(!haveBinutils)('examples/processes (fork, pipe, execve, wait4) against Linux', () => {
  let work = '';
  let native = { status: -1, stdout: '' };
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'vsys-processes-'));
    const obj = join(work, 'native.o');
    const exe = join(work, 'native');
    expect(spawnSync('as', ['-o', obj, join(examples, 'fork-exec.s')]).status).toBe(0);
    expect(spawnSync('ld', ['-o', exe, obj]).status).toBe(0);
    const run = spawnSync(exe, [], { cwd: work, encoding: 'utf8' });
    native = { status: run.status ?? -1, stdout: run.stdout };
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [name, arch] of [['fork-exec', 'x86_64'], ['fork-exec-arm64', 'arm64']] as const) {
    it(`${name} on vrun (${arch}) prints what fork-exec prints on Linux`, async () => {
      expect(native.stdout).toBe('parent read: hello from the new image\nchild exited with 3\n');
      const c = exampleCase(name, arch);
      const image = join(work, name);
      const built = await inProcessVasmBuilder().build(c, image, work);
      expect(built.ok, built.log).toBe(true);
      const runDir = mkdtempSync(join(work, 'run-'));
      const r = await inProcessVrunRunner().run(c, image, runDir, 60_000);
      expect({ status: r.status, stdout: r.stdout.toString('utf8') }).toEqual(native);
      expect(readFileSync(image).length).toBeGreaterThan(0);
    });
  }
});
