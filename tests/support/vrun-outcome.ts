// vrun in-process for tests that compare a guest's outcome with a native run: the guest's fds
// 1 and 2 go to files in a scratch directory, and vrun's own messages (--stats) are collected.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVrunArgs } from '../../packages/cli/src/vrun/options.js';
import { runVrun } from '../../packages/cli/src/vrun/session.js';

export interface VrunOutcome {
  status: number;
  stdout: string;
  stderr: string;
  /** vrun's own output (its --stats report, warnings). */
  messages: string;
}

export async function vrunOutcome(image: string, vrunArgs: string[] = [], cwd?: string): Promise<VrunOutcome> {
  const scratch = mkdtempSync(join(tmpdir(), 'vrun-outcome-'));
  const out = join(scratch, 'stdout');
  const err = join(scratch, 'stderr');
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(out, 'w'), openSync(err, 'w')];
  const messages: string[] = [];
  let status: number;
  try {
    const parsed = await parseVrunArgs(['--max-instructions', '2000000000', ...vrunArgs, image]);
    if (parsed.ok !== true) throw new Error(`vrun arguments: ${JSON.stringify(parsed)}`);
    status = runVrun(parsed.options, { cwd: cwd ?? scratch, env: {}, stderr: (t) => messages.push(t), stdio: fds });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const result = { status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8'), messages: messages.join('') };
  rmSync(scratch, { recursive: true, force: true });
  return result;
}
