// The tracer: attached to the kernel at syscall entry and exit and at signal delivery and
// process exit (the ptrace-like KernelTracer hooks), never inside handlers. It prints what
// strace prints for the same events (strace(1); facts §4): `name(args) = result` aligned at
// column 40, `-1 ENOENT (No such file or directory)` for errors, `= ?` for calls that do not
// return, `--- SIGx {…} ---`, `+++ exited with N +++` / `+++ killed by SIGx +++`, with -f the
// `[pid N] ` (or, into a file, `N  `) prefixes and `<unfinished ...>` / `<... NAME resumed>`
// when another task's event comes between a call's entry and exit.

import type { ExitStatus, KernelTracer, Process, SigInfo, SyscallAbi, SyscallArgs, SyscallContext, SyscallDecl, SyscallResult, Thread } from '@vsys/kernel';
import { errnoMessage, errnoName, restartMessages, syscallName } from '@vsys/kernel';
import { innerSocketcall } from './decode-net.js';
import { decodeArg, decodeInOutExit, formatClone, isInOutArg, isOutputArg, visibleArgs, type CallView, type DecodeOptions } from './decode.js';
import { formatMiscResult } from './decode-misc.js';
import type { SignalFilter, SyscallFilter } from './filter.js';
import { formatSigInfo, formatSignal } from './signals.js';
import { formatSummary, type SyscallTally } from './summary.js';
import type { HexMode } from './quote.js';

export interface TracerClock {
  monotonicNs(): bigint;
  realtimeNs(): bigint;
}

export interface TracerOptions {
  /** Where trace lines go (stderr, or the -o file). Receives whole lines with '\n'. */
  write(text: string): void;
  /** strace's own notices (`[ Process PID=N runs in 32 bit mode. ]`): stderr. */
  notice?(text: string): void;
  /** -o FILE given: with -f, lines start with `PID  ` instead of `[pid PID] `. */
  toFile?: boolean;
  strsize?: number;
  hex?: HexMode;
  follow?: boolean;
  /** -t 1, -tt 2, -ttt 3. */
  timestamps?: 0 | 1 | 2 | 3;
  /** -r: time since the previous line. */
  relative?: boolean;
  /** -T: time spent in each call. */
  syscallTimes?: boolean;
  filter?: SyscallFilter;
  signals?: SignalFilter;
  /** -c only the summary; -C trace and summary. */
  summary?: 'off' | 'only' | 'also';
  /** -q 1, -qq 2 (2 drops the `+++ exited` lines). */
  quiet?: number;
  /** -a: the column results are aligned at. */
  column?: number;
  /** 'dtruss': `name(args)\t\t = RET ERR`. */
  format?: 'strace' | 'dtruss';
  clock: TracerClock;
}

interface PendingCall {
  tid: number;
  pid: number;
  decl: SyscallDecl;
  /** The name strace prints: the call's name on the ABI it came through (i386 `fstatat64`,
   *  `chown32` for the declarations named `newfstatat`, `chown`). */
  name: string;
  view: CallView;
  visible: number[];
  /** Decoded input arguments by index (outputs are decoded at exit). */
  entryArgs: Map<number, string>;
  startNs: bigint;
  /** The `<unfinished ...>` half has been printed. */
  unfinished: boolean;
  prefix: string;
  /** restart_syscall: the call the thread made before it (strace's s_prev_ent), which its
   *  line names: `restart_syscall(<... resuming interrupted nanosleep ...>)`. */
  resuming?: string;
}

export class Tracer implements KernelTracer {
  private readonly o: Required<Omit<TracerOptions, 'filter' | 'signals' | 'notice'>> & Pick<TracerOptions, 'filter' | 'signals' | 'notice'>;
  private readonly pending = new Map<number, PendingCall>();
  /** The name of each task's last call (restart_syscall's line names it). */
  private readonly previousCall = new Map<number, string>();
  private readonly tallies = new Map<string, SyscallTally>();
  private readonly personality = new Map<number, SyscallAbi>();
  private readonly tasks = new Set<number>();
  private lastLineNs: bigint | null = null;
  /** Without -f only the first task is traced, as strace attaches to its children only with -f. */
  private rootTid: number | null = null;

  constructor(options: TracerOptions) {
    this.o = {
      toFile: false, strsize: 32, hex: 0, follow: false, timestamps: 0, relative: false, syscallTimes: false,
      summary: 'off', quiet: 0, column: 40, format: 'strace', ...options,
    };
  }

  private get decodeOptions(): DecodeOptions {
    return { strsize: this.o.strsize, hex: this.o.hex };
  }

  private get printing(): boolean {
    return this.o.summary !== 'only';
  }

  private traced(tid: number): boolean {
    if (this.rootTid === null) this.rootTid = tid;
    return this.o.follow || tid === this.rootTid;
  }

  onSyscallEnter(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs): void {
    const tid = ctx.thread.tid;
    if (!this.traced(tid)) return;
    this.tasks.add(tid);
    this.notePersonality(ctx);
    const nr = decl.numbers[ctx.abi];
    const implemented = nr !== undefined && nr >= 0 && ctx.kernel.table[ctx.abi][nr] === decl;
    if (this.o.filter && !this.o.filter(decl, implemented)) return;
    let view: CallView = { abi: ctx.abi, mem: ctx.mem, args, decl };
    // i386 socketcall is shown as the call it makes (strace's decode_socketcall).
    const inner = innerSocketcall(view, ctx.kernel.table[ctx.abi]);
    if (inner) view = inner.view;
    const visible = visibleArgs(view);
    const entryArgs = new Map<number, string>();
    for (const i of visible) {
      // clone prints as one named list at exit (parent_tid is an output).
      if (decl.name !== 'clone' && !isOutputArg(view, i)) entryArgs.set(i, this.arg(view, i, null));
    }
    const name = inner?.name ?? ((nr !== undefined && syscallName(ctx.abi, nr)) || decl.name);
    const call: PendingCall = { tid, pid: ctx.process.pid, decl, name, view, visible, entryArgs, startNs: this.o.clock.monotonicNs(), unfinished: false, prefix: '' };
    if (decl.name === 'restart_syscall') call.resuming = this.previousCall.get(tid) ?? 'system call';
    this.previousCall.set(tid, name);
    this.flushOthers(tid);
    call.prefix = this.prefix(tid);
    if (decl.ret === 'noreturn') {
      // exit and exit_group never return: strace prints `= ?` for them, and -c does not count
      // them (it counts at syscall exit).
      if (this.printing) this.emit(tid, this.complete(call, '?', null));
      // exit(2) of one thread among others: strace -f reports that thread's end at once
      // (the process's own end comes through onExit).
      if (decl.name === 'exit' && this.printing && this.o.quiet < 2 && ctx.process.liveThreads().length > 1) {
        this.emit(tid, `${this.prefix(tid)}+++ exited with ${args.int(0) & 0xff} +++`);
      }
      return;
    }
    this.pending.set(tid, call);
  }

  onSyscallExit(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs, result: SyscallResult): void {
    void args;
    const tid = ctx.thread.tid;
    const call = this.pending.get(tid);
    if (!call || call.decl !== decl) return;
    this.pending.delete(tid);
    const r = typeof result === 'bigint' ? BigInt.asIntN(64, result) : BigInt(Math.trunc(result));
    // strace attaches a clone's child when the call returns (-f): from then on it is a task.
    if (r > 0n && (decl.name === 'clone' || decl.name === 'clone3' || decl.name === 'fork' || decl.name === 'vfork')) this.tasks.add(Number(r));
    const elapsed = this.o.clock.monotonicNs() - call.startNs;
    this.tally(call.name, elapsed, r < 0n && r >= -4095n);
    if (!this.printing) return;
    this.flushOthers(tid);
    const text = this.complete(call, this.formatResult(decl, r, call.view), r);
    this.emit(tid, this.o.syscallTimes ? `${text} <${(Number(elapsed) / 1e9).toFixed(6)}>` : text);
  }

  onSignal(thread: Thread, info: SigInfo): void {
    if (!this.traced(thread.tid)) return;
    if (this.o.signals && !this.o.signals(info.signo)) return;
    if (!this.printing) return;
    this.flushOthers(-1);
    this.emit(thread.tid, `${this.prefix(thread.tid)}--- ${formatSignal(info.signo)} ${formatSigInfo(info)} ---`);
  }

  onExit(process: Process, status: ExitStatus): void {
    // Without -f only the first process is traced: its children's ends are not shown.
    if (!this.o.follow && process.pid !== this.rootTid) return;
    if (this.printing) this.finishOpenCalls(process);
    if (!this.printing || this.o.quiet >= 2) return;
    // strace filters `+++ killed by SIGx +++` through -e signal=SET too (print_signalled).
    if (status.kind === 'signaled' && this.o.signals && !this.o.signals(status.signal)) return;
    this.flushOthers(-1);
    const text =
      status.kind === 'exited'
        ? `+++ exited with ${status.code & 0xff} +++`
        : `+++ killed by ${formatSignal(status.signal)}${status.core ? ' (core dumped)' : ''} +++`;
    this.emit(process.pid, `${this.prefix(process.pid)}${text}`);
    // strace drops an ended process's tasks (nprocs goes down): with one task left, its lines
    // lose the `[pid N] ` prefix again.
    for (const t of process.threads) this.tasks.delete(t.tid);
    this.tasks.delete(process.pid);
  }

  /** A process ended inside system calls (killed while it slept): strace ends each open line
   *  with `= ?` — `<... NAME resumed>) = ?` when its first half was cut off already. */
  private finishOpenCalls(process: Process): void {
    const tids = new Set(process.threads.map((t) => t.tid));
    for (const call of [...this.pending.values()]) {
      if (!tids.has(call.tid)) continue;
      this.pending.delete(call.tid);
      this.flushOthers(call.tid);
      this.emit(call.tid, this.complete(call, '?', null));
    }
  }

  /** The tracer is being detached (`strace -p` on Ctrl-C) while calls may be in progress: returns,
   *  for each call whose line is still open, the text strace has on that line by then —
   *  `name(input args, ` — and forgets the calls (their exits are not printed). strace's
   *  droptcb ends such a line with ` <detached ...>` in an -o file; on stderr its
   *  `strace: Process N detached` notice follows the text instead. The caller prints either. */
  detach(): string[] {
    const open: string[] = [];
    if (this.printing) {
      for (const call of this.pending.values()) {
        if (!call.unfinished) open.push(`${this.stamp()}${this.partialLine(call)}`);
      }
    }
    this.pending.clear();
    return open;
  }

  /** The -c table (call after the run). */
  summaryText(): string {
    return formatSummary(this.tallies);
  }

  private tally(name: string, ns: bigint, error: boolean): void {
    let t = this.tallies.get(name);
    if (!t) this.tallies.set(name, (t = { calls: 0, errors: 0, ns: 0n }));
    t.calls++;
    if (error) t.errors++;
    t.ns += ns;
  }

  private notePersonality(ctx: SyscallContext): void {
    // strace notes when a process starts making calls through another ABI (int $0x80 from a
    // 64-bit process): `[ Process PID=N runs in 32 bit mode. ]`, on its own stream.
    const before = this.personality.get(ctx.process.pid) ?? (ctx.abi === 'i386' ? 'x86_64' : ctx.abi);
    if (before !== ctx.abi && ctx.abi !== 'arm64') {
      this.o.notice?.(`[ Process PID=${ctx.process.pid} runs in ${ctx.abi === 'i386' ? '32' : '64'} bit mode. ]\n`);
    }
    this.personality.set(ctx.process.pid, ctx.abi);
  }

  private arg(view: CallView, i: number, result: bigint | null): string {
    const a = view.decl.args[i]!;
    const text = decodeArg(view, i, a.type, a.len, result, this.decodeOptions);
    return this.o.format === 'dtruss' ? dtrussArg(a.type, text, view, i) : text;
  }

  private formatResult(decl: SyscallDecl, r: bigint, view?: CallView): string {
    if (r < 0n && r >= -4095n) {
      const n = Number(-r);
      const restart = restartMessages[n];
      if (this.o.format === 'dtruss') return `-1 Err#${n}`;
      if (restart) return `? ${restart[0]} (${restart[1]})`;
      return `-1 ${errnoName(n) ?? `E${n}`} (${errnoMessage(n)})`;
    }
    let text: string;
    if (decl.ret === 'hex') text = `0x${BigInt.asUintN(64, r).toString(16)}`;
    else if (decl.ret === 'uint') text = BigInt.asUintN(64, r).toString();
    else if (decl.ret === 'signo' && r > 0n && r <= 64n) text = `${r} (${formatSignal(Number(r))})`;
    else text = (view && formatMiscResult(view, r)) ?? r.toString();
    return this.o.format === 'dtruss' ? `${text} 0` : text;
  }

  /** An argument's text at exit: its entry text, the decoded output, or for in/out arguments
   *  (a socklen_t*) both — `[110 => 16]`. */
  private exitArg(call: PendingCall, i: number, r: bigint | null): string {
    const entry = call.entryArgs.get(i);
    if (entry !== undefined && r !== null && this.o.format !== 'dtruss' && isInOutArg(call.view, i)) {
      return decodeInOutExit(call.view, i, entry, r, this.decodeOptions);
    }
    return entry ?? this.arg(call.view, i, r);
  }

  /** The whole line of a call, or its `<... NAME resumed>` half. */
  private complete(call: PendingCall, result: string, r: bigint | null): string {
    const parts =
      call.resuming !== undefined
        ? [`<... resuming interrupted ${call.resuming} ...>`]
        : call.decl.name === 'clone' && this.o.format !== 'dtruss'
        ? [formatClone(call.view, r, this.decodeOptions)]
        : call.visible.map((i) => this.exitArg(call, i, r));
    let head: string;
    if (call.unfinished) {
      const firstOut = call.visible.findIndex((i) => !call.entryArgs.has(i) || isInOutArg(call.view, i));
      const rest = firstOut < 0 ? [] : parts.slice(firstOut);
      head = `${this.prefix(call.tid)}<... ${call.name} resumed>${rest.join(', ')})`;
    } else {
      head = `${call.prefix}${call.name}(${parts.join(', ')})`;
    }
    if (this.o.format === 'dtruss') return `${head}\t\t = ${result}`;
    const padded = `${head} `.padEnd(this.o.column, ' ');
    return `${padded}= ${result}`;
  }

  /** Another task's event is about to print: calls of other tasks still in progress get their
   *  `<unfinished ...>` half now. */
  private flushOthers(tid: number): void {
    for (const call of this.pending.values()) {
      if (call.tid === tid || call.unfinished || !this.printing) continue;
      const text = `${this.partialLine(call)} <unfinished ...>`;
      call.unfinished = true;
      this.emit(call.tid, text);
    }
  }

  /** A call's line as strace has it while the call is in progress: the name and the input
   *  arguments up to the first output one, `read(3, ` (strace prints outputs at exit). */
  private partialLine(call: PendingCall): string {
    const shown: string[] = [];
    let stopped = false;
    for (const i of call.visible) {
      const text = call.entryArgs.get(i);
      // In/out arguments (recvmsg's msghdr) print at exit, as strace's decoders do.
      if (text === undefined || isInOutArg(call.view, i)) {
        stopped = true;
        break;
      }
      shown.push(text);
    }
    return `${call.prefix}${call.name}(${shown.join(', ')}${stopped && shown.length ? ', ' : ''}`;
  }

  private prefix(tid: number): string {
    if (!this.o.follow) return '';
    if (this.o.toFile) return `${String(tid).padEnd(5)} `;
    return this.tasks.size > 1 ? `[pid ${String(tid).padStart(5)}] ` : '';
  }

  private emit(tid: number, line: string): void {
    void tid;
    this.o.write(`${this.stamp()}${line}\n`);
  }

  private stamp(): string {
    const ts = this.o.timestamps;
    if (!ts && !this.o.relative) return '';
    const real = this.o.clock.realtimeNs();
    let out = '';
    if (this.o.relative) {
      const mono = this.o.clock.monotonicNs();
      const d = this.lastLineNs === null ? 0n : mono - this.lastLineNs;
      this.lastLineNs = mono;
      out += `${(Number(d) / 1e9).toFixed(6).padStart(12)} `;
    }
    if (ts === 3) out += `${real / 1_000_000_000n}.${String((real % 1_000_000_000n) / 1000n).padStart(6, '0')} `;
    else if (ts) {
      const d = new Date(Number(real / 1_000_000n));
      const hms = d.toISOString().slice(11, 19);
      out += ts === 2 ? `${hms}.${String((real % 1_000_000_000n) / 1000n).padStart(6, '0')} ` : `${hms} `;
    }
    return out;
  }
}

/** dtruss shows numbers in hex and strings with their terminating `\0` (dtruss(1m)). */
function dtrussArg(type: string, text: string, view: CallView, i: number): string {
  if (text.startsWith('"')) return text.endsWith('...') ? text : `${text.slice(0, -1)}\\0"`;
  if (['int', 'uint', 'fd', 'dirfd', 'hex', 'ptr', 'oflags', 'mode', 'prot', 'mapflags', 'atflags', 'whence', 'clockid', 'resource'].includes(type)) {
    return `0x${view.args.u64(i).toString(16).toUpperCase()}`;
  }
  return text;
}
