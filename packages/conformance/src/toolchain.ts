// How the runner builds and runs a case. Two builders and two runners, chosen separately:
//   builders: `vasm` (the project's own `vasm build`, the real test) and `gnu` (GNU as + ld,
//             an ORACLE fallback: it checks vrun alone while vasm cannot link yet);
//   runners:  `vrun` (the project's emulator, the real test) and `native` (the host kernel
//             for x86_64, qemu-aarch64 for arm64: checks the case and its expectation).
// Each command is an argv prefix so the same runner drives built bins or TypeScript sources.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Arch, ConformanceCase } from './cases.js';
import { CASE_ENV, type ProcessOutcome, runProcess } from './process.js';

export interface BuildResult {
  ok: boolean;
  /** What the tools printed (diagnostics) when the build failed. */
  log: string;
}

export interface Builder {
  readonly label: string;
  build(c: ConformanceCase, output: string, workDir: string): Promise<BuildResult>;
}

export interface Runner {
  readonly label: string;
  run(c: ConformanceCase, image: string, runDir: string, timeoutMs: number): Promise<ProcessOutcome>;
}

/** `vasm build --arch ARCH -o OUT SOURCES…` with the given command prefix. */
export function vasmBuilder(vasm: string[]): Builder {
  return {
    label: 'vasm',
    async build(c, output, workDir) {
      const r = await runProcess([...vasm, 'build', '--arch', c.arch, '-o', output, ...c.sources], {
        cwd: workDir,
        env: { ...CASE_ENV },
        timeoutMs: 120_000,
      });
      const ok = r.status === 0 && existsSync(output);
      return { ok, log: r.spawnError ?? (r.stderr.toString() + r.stdout.toString()) };
    },
  };
}

const gnuPrefix = (arch: Arch): string => (arch === 'arm64' ? 'aarch64-linux-gnu-' : '');

/** GNU as + ld, as `record` builds the corpus. Only an oracle: it does not test vasm. */
export function gnuBuilder(): Builder {
  return {
    label: 'gnu-as+ld (oracle)',
    async build(c, output, workDir) {
      const p = gnuPrefix(c.arch);
      const objects: string[] = [];
      let log = '';
      for (const [i, src] of c.sources.entries()) {
        const obj = join(workDir, `o${i}.o`);
        const r = await runProcess([`${p}as`, '-o', obj, src], { cwd: workDir, env: { ...CASE_ENV } });
        log += r.spawnError ?? r.stderr.toString();
        if (r.status !== 0) return { ok: false, log };
        objects.push(obj);
      }
      const r = await runProcess([`${p}ld`, '-o', output, ...objects], { cwd: workDir, env: { ...CASE_ENV } });
      log += r.spawnError ?? r.stderr.toString();
      return { ok: r.status === 0, log };
    },
  };
}

/** `vrun IMAGE ARGS…` with the given command prefix. */
export function vrunRunner(vrun: string[]): Runner {
  return {
    label: 'vrun',
    run: (c, image, runDir, timeoutMs) =>
      runProcess([...vrun, image, ...c.args], { cwd: runDir, env: { ...CASE_ENV }, stdin: c.stdin, timeoutMs }),
  };
}

/** The real thing: the host kernel (x86_64) or qemu-aarch64 (arm64). */
export function nativeRunner(): Runner {
  return {
    label: 'native',
    run: (c, image, runDir, timeoutMs) =>
      runProcess([...(c.arch === 'arm64' ? ['qemu-aarch64'] : []), image, ...c.args], {
        cwd: runDir,
        env: { ...CASE_ENV },
        stdin: c.stdin,
        timeoutMs,
      }),
  };
}
