// `vasm build [--arch x86_64|arm64] [-o OUT] [-c] [--nostdlib] [--map FILE] INPUTS…`
//
// `.s` inputs are assembled with @vsys/asm; with `-c` each becomes an object file (FILE.o in
// the current directory, as `cc -c` does, or OUT with one input) and nothing is linked.
// Without `-c`, the objects (with any `.o`/`.a` inputs) are linked by @vsys/link into OUT
// (default `a.out`). Diagnostics print as `file:line:col: error: message`, the source line and
// a caret; any error means exit status 1 and no output file.
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { assemble, formatDiagnostic } from '@vsys/asm';
import { ElfError, writeRelocatable, type ObjectFile } from '@vsys/elf';
import { link, readLinkInput, type LinkInput } from '@vsys/link';
import { libcArtifacts, libcSourceFiles, LibcBuildError } from '@vsys/libc';
import type { CommandIO, VasmCommand } from './command.js';

type Arch = 'x86_64' | 'arm64';

/** `.arch NAME` in a source picks the architecture when --arch is not given
 *  (armv8-a, armv8.x-a, aarch64 → arm64; anything else → x86_64). */
export function archFromSource(source: string): Arch | null {
  const m = /^[ \t]*\.arch[ \t]+([A-Za-z0-9_.+-]+)/m.exec(source);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  return name.startsWith('armv8') || name.startsWith('armv9') || name.startsWith('aarch64') ? 'arm64' : 'x86_64';
}

/** `.include "f"` looks next to the including file first, then in the current directory. */
function includeReader(mainFile: string): (path: string) => string | null {
  const dirs = [dirname(resolve(mainFile)), process.cwd()];
  return (path) => {
    for (const d of path.startsWith('/') ? [''] : dirs) {
      try {
        return readFileSync(d ? join(d, path) : path, 'utf8');
      } catch {
        // try the next directory
      }
    }
    return null;
  };
}

export interface AssembledFile {
  object: ObjectFile | null;
  arch: Arch;
}

/** Assemble one file, printing its diagnostics to `io.stderr`. */
export async function assembleFile(path: string, arch: Arch | undefined, io: CommandIO): Promise<AssembledFile> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr(`vasm: ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}\n`);
    return { object: null, arch: arch ?? 'x86_64' };
  }
  const chosen = arch ?? archFromSource(source) ?? 'x86_64';
  const r = assemble(source, { arch: chosen, file: path, include: includeReader(path) });
  for (const d of r.diagnostics) io.stderr(formatDiagnostic(d, source));
  return { object: r.object, arch: chosen };
}

function objectName(input: string): string {
  return basename(input).replace(/\.(s|S|asm)$/, '') + '.o';
}

export async function runBuild(args: Record<string, unknown>, io: CommandIO): Promise<number> {
  const inputs = ((args.inputs as string[] | undefined) ?? []).map(String);
  const compileOnly = args.c === true;
  const out = args.o === undefined ? undefined : String(args.o);
  const arch = args.arch === undefined ? undefined : (String(args.arch) as Arch);
  if (inputs.length === 0) {
    io.stderr('vasm: build: no input files\n');
    return 1;
  }
  const sources = inputs.filter((f) => /\.(s|S|asm)$/.test(f));
  const others = inputs.filter((f) => !sources.includes(f));

  if (compileOnly) {
    if (out !== undefined && sources.length > 1) {
      io.stderr("vasm: build: cannot use -o with -c and more than one input file\n");
      return 1;
    }
    if (others.length > 0) {
      io.stderr(`vasm: build: ${others[0]}: not an assembly source (-c only assembles .s files)\n`);
      return 1;
    }
    let status = 0;
    for (const src of sources) {
      const r = await assembleFile(src, arch, io);
      if (!r.object) {
        status = 1;
        continue;
      }
      const dest = out ?? objectName(src);
      try {
        await writeFile(dest, writeRelocatable(r.object));
      } catch (e) {
        io.stderr(`vasm: ${dest}: ${(e as Error).message}\n`);
        status = 1;
      }
    }
    return status;
  }

  // Assemble everything, then link.
  const linkInputs: LinkInput[] = [];
  let status = 0;
  for (const src of sources) {
    const r = await assembleFile(src, arch, io);
    if (!r.object) status = 1;
    else linkInputs.push({ kind: 'object', name: objectName(src), object: r.object });
  }
  for (const f of others) {
    try {
      linkInputs.push(readLinkInput(f, new Uint8Array(await readFile(f))));
    } catch (e) {
      const msg = e instanceof ElfError ? e.message : (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      io.stderr(`vasm: ${f}: ${msg}\n`);
      status = 1;
    }
  }
  if (status !== 0) return status;
  if (args.nostdlib !== true) {
    const withLibc = addLibc(linkInputs, arch ?? archOfInputs(linkInputs), io);
    if (!withLibc) return 1;
    linkInputs.splice(0, linkInputs.length, ...withLibc);
  }
  const map = args.map === undefined ? undefined : String(args.map);
  const result = link(linkInputs, { mapFile: map !== undefined ? map : false });
  for (const d of result.diagnostics) io.stderr(`vasm: ${d.severity === 'error' ? 'error' : 'warning'}: ${d.message}\n`);
  if (!result.image) return 1;
  const dest = out ?? 'a.out';
  try {
    await writeFile(dest, result.image);
    await chmod(dest, 0o755);
    if (map !== undefined && result.map !== undefined) await writeFile(map, result.map);
  } catch (e) {
    io.stderr(`vasm: ${dest}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

/** The architecture of the first object input (EM_AARCH64 = 183 → arm64), x86_64 otherwise. */
function archOfInputs(inputs: LinkInput[]): Arch {
  for (const i of inputs) {
    const machine = i.kind === 'object' ? i.object.machine : undefined;
    if (machine !== undefined) return machine === 183 ? 'arm64' : 'x86_64';
  }
  return 'x86_64';
}

/** The vsys libc around the inputs, as a C compiler driver does: crt0.o first when the program
 *  defines `main` and not `_start`; libc.a last, so the linker pulls only the members that define
 *  symbols still undefined. An architecture without libc sources gets nothing added. */
function addLibc(inputs: LinkInput[], arch: Arch, io: CommandIO): LinkInput[] | null {
  if (libcSourceFiles(arch).length === 0) return inputs;
  const defined = new Set<string>();
  for (const i of inputs) {
    if (i.kind !== 'object') continue;
    for (const sym of i.object.symbols) if (sym.bind !== 0 && sym.section.kind !== 'undefined') defined.add(sym.name);
  }
  let libc;
  try {
    libc = libcArtifacts(arch);
  } catch (e) {
    io.stderr(`vasm: ${e instanceof LibcBuildError ? e.message : `libc: ${(e as Error).message}`}\n`);
    return null;
  }
  const out = [...inputs, readLinkInput('libc.a', libc.archive)];
  if (defined.has('main') && !defined.has('_start')) out.unshift(readLinkInput('crt0.o', libc.crt0));
  return out;
}

export const buildCommand: VasmCommand = {
  command: 'build [inputs..]',
  describe: 'assemble .s files (and link them with .o/.a files into an ELF executable)',
  example: ['vasm build --arch x86_64 -o hello hello.s', 'assemble and link hello.s into ./hello'],
  builder: (y) =>
    y
      .positional('inputs', { type: 'string', array: true, describe: '.s sources, .o objects, .a archives' })
      .option('c', { type: 'boolean', default: false, describe: 'assemble only: one .o per .s, no linking' })
      .option('o', { type: 'string', describe: 'output file (the executable, or the object with -c and one input)' })
      .option('arch', { choices: ['x86_64', 'arm64'] as const, describe: 'target architecture (default: from .arch, else x86_64)' })
      .option('nostdlib', { type: 'boolean', default: false, describe: 'do not link the vsys libc' })
      .option('map', { type: 'string', describe: 'write a link map to this file' }),
  run: runBuild,
};
