// Test helpers around the binutils oracles (GNU as, ld, readelf, ar, nm) and qemu-user:
// run a tool in a scratch directory, and tell tests to skip with a clear message when a
// tool is not installed. Used only by *.test.ts files (here and in @vsys/link).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const found = new Map<string, boolean>();

/** true when `tool` runs (checked once with --version). */
export function hasTool(tool: string): boolean {
  let ok = found.get(tool);
  if (ok === undefined) {
    const r = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    ok = r.error === undefined;
    found.set(tool, ok);
  }
  return ok;
}

/** A message for `it.skipIf(...)` names / console when tools are missing. */
export function missingTools(...tools: string[]): string | undefined {
  const missing = tools.filter((t) => !hasTool(t));
  return missing.length ? `skipped: host tool(s) not installed: ${missing.join(', ')}` : undefined;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], cwd?: string, input?: string): RunResult {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

/** Runs and throws with the tool's stderr unless it exits 0. */
export function runOk(cmd: string, args: string[], cwd?: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A scratch directory with helpers; call `dispose()` when done. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'vsys-elf-'));
  path(name: string): string {
    return join(this.dir, name);
  }
  write(name: string, data: string | Uint8Array): string {
    const p = this.path(name);
    writeFileSync(p, data);
    return p;
  }
  read(name: string): Uint8Array {
    return new Uint8Array(readFileSync(this.path(name)));
  }
  /** Assembles `source` with GNU as for `arch` into `name` and returns its bytes. */
  assemble(name: string, source: string, arch: 'x86_64' | 'arm64' = 'x86_64'): Uint8Array {
    const src = this.write(name.replace(/\.o$/, '.s'), source);
    runOk(arch === 'x86_64' ? 'as' : 'aarch64-linux-gnu-as', ['-o', this.path(name), src]);
    return this.read(name);
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
