// `vrun`'s command line: `vrun [--stats] [--mount HOST:GUEST[:ro]]… [--max-memory N]
// [--max-instructions N] [--strace] [--listen SOCKET] IMAGE [ARGS…]`. Options stop at IMAGE
// (yargs' halt-at-non-option), so the guest's own arguments — even ones that look like options —
// pass through untouched.

import yargs from 'yargs';

export interface MountSpec {
  host: string;
  guest: string;
  readOnly: boolean;
}

export interface VrunOptions {
  image: string;
  /** argv[1…] for the guest (argv[0] is the image path as given). */
  args: string[];
  stats: boolean;
  /** --json (with --stats): the statistics as one JSON object instead of text. */
  statsJson?: boolean;
  mounts: MountSpec[];
  /** Guest RAM in bytes. */
  maxMemory: number;
  /** Stop after this many instructions (all privilege levels); null = no limit. */
  maxInstructions: number | null;
  /** --vdso-clock: 'off' marks the vvar clock unusable, so the vDSO makes the syscall. */
  vdsoClock?: 'on' | 'off';
  /** --sched-seed N: reproducible variation of the threads' interleaving. */
  schedSeed?: number;
  /** --strace: trace every call on stderr, as `vstrace IMAGE` prints by default. */
  strace?: boolean;
  /** --listen SOCKET: serve the control socket (vrun/control.ts) a `vstrace -p` attaches through. */
  listen?: string | null;
}

export type ParsedArgs = { ok: true; options: VrunOptions } | { ok: false; message: string } | { ok: 'exit'; output: string };

export const DEFAULT_MAX_MEMORY = 256 * 1024 * 1024;

/** "64M", "1G", "4096", "512k" → bytes; null when malformed. Suffixes are binary (K = 1024). */
export function parseSize(text: string): number | null {
  const m = /^(\d+)([kKmMgG]?)(i?[bB])?$/.exec(text.trim());
  if (!m) return null;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const v = Number(m[1]) * scale;
  return Number.isSafeInteger(v) ? v : null;
}

/** "HOST:GUEST" or "HOST:GUEST:ro"; the guest path must be absolute. */
export function parseMount(text: string): MountSpec | null {
  let rest = text;
  let readOnly = false;
  if (rest.endsWith(':ro')) {
    readOnly = true;
    rest = rest.slice(0, -3);
  } else if (rest.endsWith(':rw')) rest = rest.slice(0, -3);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return null;
  const host = rest.slice(0, colon);
  const guest = rest.slice(colon + 1);
  if (!guest.startsWith('/')) return null;
  return { host, guest, readOnly };
}

export async function parseVrunArgs(argv: string[]): Promise<ParsedArgs> {
  let failure: string | null = null;
  let output = '';
  const parser = yargs(argv)
    .scriptName('vrun')
    .usage('$0 [options] IMAGE [ARGS…]\n\nRuns an x86-64 ELF image on the emulated machine and kernel.')
    .parserConfiguration({ 'halt-at-non-option': true, 'populate--': false })
    .option('stats', { type: 'boolean', default: false, describe: 'print instruction, syscall, vDSO, mode-switch and TLB counters and the cycle-model price of the run on stderr' })
    .option('json', { type: 'boolean', default: false, describe: 'with --stats: print the statistics as one JSON object' })
    // Not `array: true` (that would swallow IMAGE); a repeated option still collects an array.
    .option('mount', { type: 'string', describe: 'mount a host directory: HOST:GUEST[:ro] (repeatable)' })
    .option('max-memory', { type: 'string', describe: 'guest RAM (bytes, or with K/M/G)', default: '256M' })
    .option('max-instructions', { type: 'string', describe: 'stop the guest after N instructions' })
    .option('sched-seed', { type: 'string', describe: 'vary the scheduling of threads reproducibly (an unsigned integer)' })
    .option('vdso-clock', { choices: ['on', 'off'] as const, default: 'on' as const, describe: "the vDSO's clock: off makes its time calls use the system call" })
    .option('strace', { type: 'boolean', default: false, describe: "print every system call on stderr as strace does (vstrace's default output)" })
    .option('listen', { type: 'string', describe: 'serve a control socket at this path, for vstrace -p to attach to the running guest' })
    .strict()
    .exitProcess(false)
    .fail((msg, err) => {
      failure = msg ?? err?.message ?? 'bad usage';
    });
  const args = await parser.parseAsync(argv, {}, (_err, _argv, out) => {
    if (out) output += out;
  });
  if (failure !== null) return { ok: false, message: failure };
  if (args.help || args.version) return { ok: 'exit', output };
  const positional = args._.map(String);
  if (positional.length === 0) return { ok: false, message: 'no IMAGE given (usage: vrun [options] IMAGE [ARGS…])' };
  const mounts: MountSpec[] = [];
  const mountArgs = args.mount === undefined ? [] : Array.isArray(args.mount) ? args.mount : [args.mount];
  for (const m of mountArgs) {
    const spec = parseMount(String(m));
    if (!spec) return { ok: false, message: `bad --mount ${String(m)}: expected HOST:GUEST[:ro] with an absolute GUEST` };
    mounts.push(spec);
  }
  const maxMemory = parseSize(String(args['max-memory']));
  if (maxMemory === null || maxMemory < 1024 * 1024) {
    return { ok: false, message: `bad --max-memory ${String(args['max-memory'])}: expected a size of at least 1M` };
  }
  let maxInstructions: number | null = null;
  if (args['max-instructions'] !== undefined) {
    const n = /^\d+$/.test(String(args['max-instructions'])) ? Number(args['max-instructions']) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      return { ok: false, message: `bad --max-instructions ${String(args['max-instructions'])}: expected a positive integer` };
    }
    maxInstructions = n;
  }
  let listen: string | null = null;
  if (args.listen !== undefined) {
    listen = String(args.listen);
    if (listen === '') return { ok: false, message: 'bad --listen: expected a socket path' };
  }
  let schedSeed: number | undefined;
  if (args['sched-seed'] !== undefined) {
    const n = /^\d+$/.test(String(args['sched-seed'])) ? Number(args['sched-seed']) : NaN;
    if (!Number.isSafeInteger(n) || n > 0xffffffff) return { ok: false, message: `bad --sched-seed ${String(args['sched-seed'])}: expected an integer 0..4294967295` };
    schedSeed = n;
  }
  return {
    ok: true,
    options: {
      ...(schedSeed !== undefined ? { schedSeed } : {}),
      image: positional[0]!,
      args: positional.slice(1),
      stats: args.stats || args.json,
      ...(args.json ? { statsJson: true } : {}),
      mounts,
      maxMemory,
      maxInstructions,
      vdsoClock: args['vdso-clock'] === 'off' ? 'off' : 'on',
      strace: args.strace,
      listen,
    },
  };
}
