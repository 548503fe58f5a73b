// Test helpers for the AArch64 backend: assemble with vsys (registering the backend in case
// the registry does not list it), with GNU as, and reduce an object to a comparable summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readObject, type ObjectFile } from '@vsys/elf';
import { assemble } from '../../assemble.js';
import { backendFor, registerBackend } from '../registry.js';
import { createArm64Backend } from './backend.js';

export function ensureArm64Backend(): void {
  if (!backendFor('arm64')) registerBackend('arm64', createArm64Backend);
}

export function assembleArm64(source: string, file = 'test.s'): ReturnType<typeof assemble> {
  ensureArm64Backend();
  return assemble(source, { arch: 'arm64', file });
}

export const GNU_AS = 'aarch64-linux-gnu-as';
export const GNU_LD = 'aarch64-linux-gnu-ld';
export const QEMU = 'qemu-aarch64';

export function haveTool(name: string, arg = '--version'): boolean {
  return spawnSync(name, [arg], { stdio: 'ignore' }).status === 0;
}

export function withTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-asm-a64-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GNU as's object for `source`, read back into the model. */
export function gnuObject(source: string, extraArgs: string[] = []): ObjectFile {
  const r = gnuRun(source, extraArgs);
  if (!r.object) throw new Error(`GNU as failed: ${r.stderr}`);
  return r.object;
}

/** GNU as on `source`: its object (null when it failed) and its messages. */
export function gnuRun(source: string, extraArgs: string[] = [], file = 'in.s'): { object: ObjectFile | null; stderr: string } {
  return withTemp((dir) => {
    writeFileSync(join(dir, file), source);
    const r = spawnSync(GNU_AS, [...extraArgs, '-o', join(dir, 'in.o'), join(dir, file)], { encoding: 'utf8' });
    const object = r.status === 0 ? readObject(new Uint8Array(readFileSync(join(dir, 'in.o')))) : null;
    return { object, stderr: r.stderr ?? '' };
  });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Sections, relocations and symbols in a form two assemblers' objects can be compared in.
 *  Mapping symbols ($x/$d, AAELF64 §5.4) are left out: the front end does not emit them. */
export function summarize(obj: ObjectFile): unknown {
  const symName = (i: number): string => {
    if (i < 0) return '*ABS*';
    const s = obj.symbols[i]!;
    if (s.type === 3 /* STT_SECTION */ && s.section.kind === 'section') return obj.sections[s.section.index]!.name;
    return s.name;
  };
  const sections = obj.sections
    .filter((s) => s.data.length > 0 || (s.size ?? 0n) > 0n || s.relocations.length > 0)
    .map((s) => ({
      name: s.name,
      type: s.type,
      flags: s.flags.toString(16),
      align: s.align.toString(),
      size: (s.size ?? BigInt(s.data.length)).toString(),
      data: hex(s.data),
      relocations: s.relocations.map((r) => `${r.offset.toString(16)} ${r.type} ${symName(r.symbol)}${r.addend >= 0n ? '+' : ''}${r.addend}`),
    }));
  const symbols = obj.symbols
    .filter((s) => s.type !== 3 && !/^\$[xd](\.|$)/.test(s.name) && s.type !== 4 /* STT_FILE */)
    .map((s) => `${s.name} bind=${s.bind} type=${s.type} ${s.section.kind === 'section' ? obj.sections[s.section.index]!.name : s.section.kind} ${s.value.toString(16)} size=${s.size}`)
    .sort();
  return { sections: sections.sort((a, b) => a.name.localeCompare(b.name)), symbols };
}

/** GNU as on `lines` (one statement each): per line its 4 bytes (hex) or its error message. */
export function gnuLines(lines: string[], extraArgs: string[] = []): ({ hex: string } | { error: string })[] {
  return withTemp((dir) => {
    const run = (text: string[]): { errors: Map<number, string>; text?: Uint8Array } => {
      writeFileSync(join(dir, 'in.s'), text.map((l) => `\t${l}\n`).join(''));
      const r = spawnSync(GNU_AS, [...extraArgs, '-o', join(dir, 'in.o'), join(dir, 'in.s')], { encoding: 'utf8' });
      const errors = new Map<number, string>();
      for (const l of (r.stderr ?? '').split('\n')) {
        const m = /in\.s:(\d+): Error: (.*)$/.exec(l);
        if (m) errors.set(Number(m[1]) - 1, m[2]!);
      }
      if (r.status !== 0) return { errors };
      const obj = readObject(new Uint8Array(readFileSync(join(dir, 'in.o'))));
      return { errors, text: obj.sections.find((s) => s.name === '.text')!.data };
    };
    // GNU as reports some errors only once the others are gone (relocation and fixup errors
    // come after parsing): patch the failing lines and run again until it succeeds
    const errors = new Map<number, string>();
    for (let round = 0; round < 8; round++) {
      const r = run(lines.map((l, i) => (errors.has(i) ? '.inst 0xdeadbeef' : l)));
      const fresh = [...r.errors].filter(([i]) => !errors.has(i));
      if (r.text && fresh.length === 0) return lines.map((_, i) => (errors.has(i) ? { error: errors.get(i)! } : { hex: hex(r.text!.subarray(i * 4, i * 4 + 4)) }));
      if (fresh.length === 0) throw new Error('GNU as failed on the patched lines');
      for (const [i, m] of fresh) errors.set(i, m);
    }
    throw new Error('GNU as: too many error rounds');
  });
}

/** vsys on `lines`: the same answer shape as gnuLines. */
export function vsysLines(lines: string[]): ({ hex: string } | { error: string })[] {
  const source = (text: string[]): string => text.map((l) => `\t${l}\n`).join('');
  // the front end may stop listing errors after a limit: patch and re-run until clean
  const errors = new Map<number, string>();
  for (let round = 0; round < 100; round++) {
    const r = assembleArm64(source(lines.map((l, i) => (errors.has(i) ? '.inst 0xdeadbeef' : l))));
    const fresh = r.diagnostics.filter((d) => d.severity === 'error' && !errors.has(d.loc.line - 1));
    if (r.object) {
      const text = r.object.sections.find((s) => s.name === '.text')!.data;
      return lines.map((_, i) => (errors.has(i) ? { error: errors.get(i)! } : { hex: hex(text.subarray(i * 4, i * 4 + 4)) }));
    }
    if (fresh.length === 0) throw new Error(`vsys failed: ${r.diagnostics.map((d) => `${d.loc.line}: ${d.message}`).join('; ')}`);
    for (const d of fresh) errors.set(d.loc.line - 1, d.message);
  }
  throw new Error('vsys: too many error rounds');
}
