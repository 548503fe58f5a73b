// `vstrace [vrun options] [-f] [-c|-C] [-T] [-t|-tt|-ttt] [-r] [-e trace=SET] [-e signal=SET]
//          [-s N] [-a N] [-x|-xx] [-q|-qq] [-o FILE] [--format=dtruss] IMAGE [ARGS…]`
// runs IMAGE as vrun does, with a tracer attached to the kernel's syscall entry/exit hooks,
// printing strace's lines (strace(1)). Options stop at IMAGE, as strace's do at the command.
// `vstrace -p PID [--socket SOCKET] [trace options]` attaches instead to a process of a running
// `vrun --listen SOCKET` (vstrace/attach.ts) until Ctrl-C.

import { closeSync, openSync, writeSync } from 'node:fs';
import { FilterError, parseSignalSet, parseTraceSet, Tracer, type TracerOptions } from '@vsys/trace';
import { coreSyscalls } from '@vsys/kernel';
import { parseVrunArgs } from './vrun/options.js';
import { EXIT_INTERNAL, runVrun, type HostEnvironment } from './vrun/session.js';
import { attachAndTrace, dieBySignal } from './vstrace/attach.js';

export const VSTRACE_USAGE = `usage: vstrace [vrun options] [-f] [-c|-C] [-T] [-t|-tt|-ttt] [-r] [-e trace=SET] [-e signal=SET]
               [-s N] [-a N] [-x|-xx] [-q|-qq] [-o FILE] [--format=dtruss] IMAGE [ARGS…]
       vstrace -p PID [--socket SOCKET] [trace options]

Runs IMAGE under vrun and prints each system call as strace does.
  -f              follow threads and child processes ([pid N] prefixes)
  -c / -C         summary table of calls, errors and time (only / as well as the trace)
  -T              time spent in each call (<seconds>)
  -t, -tt, -ttt   prefix lines with the time of day (s / µs) or the epoch time
  -r              prefix lines with the time since the previous line
  -e trace=SET    only these calls: names, !negation, %file %desc %process %memory %network %signal
  -e signal=SET   only these signals
  -s N            show N bytes of string buffers (default 32)
  -a N            align results at column N (default 40)
  -x / -xx        non-ASCII strings / all strings in hex
  -q / -qq        quieter; -qq drops the "+++ exited" lines
  -o FILE         write the trace to FILE instead of stderr
  --format=dtruss dtruss's line form (name(args)\\t\\t = RET ERR)
  -p PID          attach to process PID of a running \`vrun --listen SOCKET\`; Ctrl-C detaches
  --socket SOCKET that vrun's control socket (default: $VSYS_SOCKET)
vrun options (--mount, --max-memory, --max-instructions, --stats) pass through.
Times are the guest kernel's clock (docs/tracing.md).

example: vstrace -f -e trace=%file ./prog`;

interface VstraceArgs {
  tracer: Omit<TracerOptions, 'write' | 'clock' | 'filter' | 'signals'>;
  traceSet: string | null;
  signalSet: string | null;
  output: string | null;
  vrunArgv: string[];
  /** -p PID: attach to a process of a running `vrun --listen` instead of running IMAGE. */
  attachPid: number | null;
  /** --socket SOCKET (default: $VSYS_SOCKET). */
  socket: string | null;
}

function parse(argv: string[]): VstraceArgs | string {
  const t: VstraceArgs['tracer'] = {};
  const out: VstraceArgs = { tracer: t, traceSet: null, signalSet: null, output: null, vrunArgv: [], attachPid: null, socket: null };
  let i = 0;
  const value = (flag: string, inline: string): string | null => (inline !== '' ? inline : (argv[++i] ?? null));
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--stats') {
      out.vrunArgv.push(a);
      continue;
    }
    const long = /^--(mount|max-memory|max-instructions|format|socket)(?:=(.*))?$/.exec(a);
    if (long) {
      const v = long[2] ?? argv[++i];
      if (v === undefined) return `option --${long[1]} needs a value`;
      if (long[1] === 'format') {
        if (v !== 'dtruss' && v !== 'strace') return `unknown --format ${v} (strace or dtruss)`;
        t.format = v;
      } else if (long[1] === 'socket') out.socket = v;
      else out.vrunArgv.push(`--${long[1]}=${v}`);
      continue;
    }
    if (a === '-f' || a === '-ff') t.follow = true;
    else if (a === '-c') t.summary = 'only';
    else if (a === '-C') t.summary = 'also';
    else if (a === '-T') t.syscallTimes = true;
    else if (a === '-t' || a === '-tt' || a === '-ttt') t.timestamps = (a.length - 1) as 1 | 2 | 3;
    else if (a === '-r') t.relative = true;
    else if (a === '-q') t.quiet = 1;
    else if (a === '-qq') t.quiet = 2;
    else if (a === '-x') t.hex = 1;
    else if (a === '-xx') t.hex = 2;
    else if (/^-[esoap]/.test(a)) {
      const flag = a.slice(0, 2);
      const v = value(flag, a.slice(2));
      if (v === null) return `option ${flag} needs a value`;
      if (flag === '-e') {
        const m = /^(?:(trace|t|signal|signals|s)=)?(.*)$/.exec(v)!;
        const kind = m[1] ?? 'trace';
        if (kind.startsWith('s')) out.signalSet = m[2]!;
        else out.traceSet = m[2]!;
        if (/^(abbrev|verbose|raw|read|write|fault|inject|status|quiet|kvm|decode-fds)=/.test(v)) return `-e ${v.split('=')[0]} is not supported`;
      } else if (flag === '-s' || flag === '-a') {
        if (!/^\d+$/.test(v)) return `invalid ${flag} argument: '${v}'`;
        if (flag === '-s') t.strsize = Number(v);
        else t.column = Number(v);
      } else if (flag === '-o') out.output = v;
      else if (flag === '-p') {
        // strace: "-p PID: Attach to the process with the process ID pid".
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) <= 0) return `Invalid process id: '${v}'`;
        if (out.attachPid !== null) return 'only one -p PID is supported';
        out.attachPid = Number(v);
      }
    } else return `unknown option ${a}`;
  }
  if (out.attachPid !== null) {
    if (i < argv.length) return '-p PID and IMAGE cannot be given together';
    return out;
  }
  if (out.socket !== null) return '--socket needs -p PID';
  if (i >= argv.length) return 'must have IMAGE to run';
  out.vrunArgv.push('--', ...argv.slice(i));
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const status = await runVstrace(argv, {
    cwd: process.cwd(),
    env: process.env,
    stderr: (text) => {
      process.stderr.write(text);
    },
  });
  // 0x100 | N: detached because of signal N; die by it as strace does (attach.ts).
  return status > 0xff ? dieBySignal(status) : status;
}

/** vstrace with an explicit host side (tests run it in-process with their own stdio). Without
 *  -o the trace goes to `host.stderr`. */
export async function runVstrace(argv: string[], host: HostEnvironment): Promise<number> {
  const stderr = host.stderr;
  let fd: number | null = null;
  try {
    const parsed = parse(argv);
    if (parsed === 'help') {
      process.stdout.write(`${VSTRACE_USAGE}\n`);
      return 0;
    }
    if (typeof parsed === 'string') {
      stderr(`vstrace: ${parsed}\n${VSTRACE_USAGE.split('\n')[0]}\n`);
      return 2;
    }
    // -p PID attaches through the socket of a running `vrun --listen` (vstrace/attach.ts).
    const socket = parsed.socket ?? host.env.VSYS_SOCKET ?? '';
    if (parsed.attachPid !== null && socket === '') {
      stderr(`vstrace: -p PID needs --socket SOCKET or VSYS_SOCKET (the path given to vrun --listen)\n`);
      return 2;
    }
    const vrun = parsed.attachPid === null ? await parseVrunArgs(parsed.vrunArgv) : null;
    if (vrun !== null && vrun.ok !== true) {
      stderr(`vstrace: ${vrun.ok === false ? vrun.message : 'bad options'}\n`);
      return 2;
    }
    if (parsed.output !== null) {
      try {
        fd = openSync(parsed.output, 'w');
      } catch (err) {
        stderr(`vstrace: can't fopen '${parsed.output}': ${(err as Error).message}\n`);
        return 1;
      }
    }
    const file = fd;
    const write = (text: string): void => {
      if (file !== null) writeSync(file, text);
      else stderr(text);
    };
    // Filters are checked before the guest starts: a bad -e is a usage error.
    const names = new Set(coreSyscalls.map((d) => d.name));
    const filter = parsed.traceSet !== null ? parseTraceSet(parsed.traceSet, names) : undefined;
    const signals = parsed.signalSet !== null ? parseSignalSet(parsed.signalSet) : undefined;
    if (parsed.attachPid !== null || vrun === null || vrun.ok !== true) {
      return await attachAndTrace({
        socket,
        pid: parsed.attachPid!,
        options: {
          ...parsed.tracer,
          toFile: fd !== null,
          ...(parsed.traceSet !== null ? { trace: parsed.traceSet } : {}),
          ...(parsed.signalSet !== null ? { signal: parsed.signalSet } : {}),
        },
        write,
        stderr,
        toFile: fd !== null,
      });
    }
    let tracer: Tracer | null = null;
    const status = runVrun(vrun.options, {
      ...host,
      onKernel: (kernel) => {
        tracer = new Tracer({
          ...parsed.tracer,
          toFile: fd !== null,
          write,
          notice: stderr,
          clock: kernel.clock,
          ...(filter ? { filter } : {}),
          ...(signals ? { signals } : {}),
        });
        kernel.tracer = tracer;
      },
    });
    const t = tracer as Tracer | null;
    if (t && parsed.tracer.summary && parsed.tracer.summary !== 'off') write(t.summaryText());
    return status;
  } catch (err) {
    if (err instanceof FilterError) {
      stderr(`vstrace: ${err.message}\n`);
      return 2;
    }
    stderr(`vstrace: internal error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return EXIT_INTERNAL;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
