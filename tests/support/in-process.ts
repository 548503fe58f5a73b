// Builders and runners that call vasm and vrun inside the test process (from TypeScript
// sources), for the large conformance suites: the same code paths as the commands, minus a
// Node start-up per case. The guest's fds 0/1/2 are host files here, as with a shell's
// redirections. tests/vrun-cli.test.ts covers the commands as real child processes.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Builder, CASE_ENV, type Runner } from '@vsys/conformance';
import { main as vasmMain } from '../../packages/cli/src/vasm.js';
import { parseVrunArgs } from '../../packages/cli/src/vrun/options.js';
import { runVrun } from '../../packages/cli/src/vrun/session.js';

/** Where an in-process guest that never ends is stopped (a child process would be killed). */
export const IN_PROCESS_INSTRUCTION_LIMIT = 2_000_000_000;

export function inProcessVasmBuilder(): Builder {
  return {
    label: 'vasm (in-process)',
    async build(c, output) {
      const status = await vasmMain(['build', '--arch', c.arch, '-o', output, ...c.sources]);
      return { ok: status === 0 && existsSync(output), log: `vasm build exited with ${status} (its diagnostics are on the test's stderr)` };
    },
  };
}

export function inProcessVrunRunner(): Runner {
  return {
    label: 'vrun (in-process)',
    async run(c, image, runDir) {
      const scratch = mkdtempSync(join(tmpdir(), 'vrun-io-'));
      const outPath = join(scratch, 'stdout');
      const errPath = join(scratch, 'stderr');
      const fds: [number, number, number] = [
        openSync(c.stdin ?? '/dev/null', 'r'),
        openSync(outPath, 'w'),
        openSync(errPath, 'w'),
      ];
      const messages: string[] = [];
      let status: number;
      try {
        const parsed = await parseVrunArgs(['--max-instructions', String(IN_PROCESS_INSTRUCTION_LIMIT), image, ...c.args]);
        if (parsed.ok !== true) throw new Error(`vrun arguments: ${JSON.stringify(parsed)}`);
        status = runVrun(parsed.options, {
          cwd: runDir,
          env: { ...CASE_ENV },
          stderr: (t) => messages.push(t),
          stdio: fds,
        });
      } finally {
        for (const fd of fds) closeSync(fd);
      }
      const stdout = readFileSync(outPath);
      const stderr = Buffer.concat([readFileSync(errPath), Buffer.from(messages.join(''))]);
      rmSync(scratch, { recursive: true, force: true });
      return { status, stdout, stderr, timedOut: false };
    },
  };
}
