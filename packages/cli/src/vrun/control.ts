// `vrun --listen SOCKET`: the control socket a tracer attaches through (`vstrace -p PID`), the
// way strace attaches to a running process with ptrace(PTRACE_SEIZE). A Unix domain socket
// (node:net) at SOCKET speaks newline-delimited JSON, one object a line, both ways; the protocol
// is documented in docs/tracing.md ("Attaching: vstrace -p"). The server runs on vrun's event
// loop, which turns between slices of guest instructions (session.ts, runVrunSliced).
//
// Attaching sets `kernel.tracer` to a Tracer whose lines go to that client; detaching unsets it
// and hands back the lines of calls still in progress (strace's ` <detached ...>`). One tracer
// at a time, as a process has one ptracer: a second attach gets EPERM, as PTRACE_SEIZE does.

import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { ExitStatus, Kernel, KernelTracer, Process, SigInfo, SyscallArgs, SyscallContext, SyscallDecl, SyscallResult, Thread } from '@vsys/kernel';
import { FilterError, parseSignalSet, parseTraceSet, Tracer, type TracerOptions } from '@vsys/trace';

/** The tracer options a client may send with `attach` (vstrace's flags, by TracerOptions name). */
export type AttachOptions = Partial<
  Pick<TracerOptions, 'toFile' | 'strsize' | 'hex' | 'follow' | 'timestamps' | 'relative' | 'syscallTimes' | 'summary' | 'quiet' | 'column' | 'format'>
> & {
  /** -e trace=SET, as vstrace takes it. */
  trace?: string;
  /** -e signal=SET. */
  signal?: string;
};

/** Client → server. */
export type ControlRequest = { op: 'list' } | { op: 'attach'; pid: number; options?: AttachOptions } | { op: 'detach' };

export interface ProcessListing {
  pid: number;
  ppid: number;
  comm: string;
  argv: string[];
  state: string;
  threads: number[];
}

/** Server → client: replies (`reply` names the request) and, while attached, events. */
export type ControlMessage =
  | { reply: 'list'; ok: true; processes: ProcessListing[] }
  | { reply: 'attach'; ok: true; pid: number; threads: number[] }
  | { reply: 'detach'; ok: true; pid: number; pending: string[]; summary: string | null }
  | { reply: 'attach' | 'detach' | 'list' | 'error'; ok: false; errno: string; message: string }
  | { event: 'trace'; text: string }
  | { event: 'notice'; text: string }
  | { event: 'exit'; pid: number; summary: string | null }
  | { event: 'end' };

export class ControlSocketError extends Error {}

/** Starts serving `path` for `kernel`; resolves to the function that closes every connection
 *  (each is told `end`) and removes the socket file. A stale socket file left by a vrun that
 *  died is replaced; any other file at `path` is refused. */
export async function serveControlSocket(path: string, kernel: Kernel): Promise<() => Promise<void>> {
  if (existsSync(path)) {
    if (!lstatSync(path).isSocket()) throw new ControlSocketError(`--listen ${path}: File exists (and is not a socket)`);
    if (await socketAnswers(path)) throw new ControlSocketError(`--listen ${path}: Address already in use`);
    unlinkSync(path);
  }
  const clients = new Set<ControlClient>();
  const server: Server = createServer((socket) => {
    const client = new ControlClient(socket, kernel, () => clients.delete(client));
    clients.add(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new ControlSocketError(`--listen ${path}: ${err.code ?? err.message}`)));
    server.listen(path, () => resolve());
  });
  // The socket file goes with vrun: at exit, and on SIGINT/SIGTERM/SIGHUP, after which the
  // signal is raised again with its default action, so vrun still dies of it (status 128 + N).
  const removeFile = (): void => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  const fatalSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onFatalSignal = (signal: NodeJS.Signals): void => {
    removeFile();
    forget();
    process.kill(process.pid, signal);
  };
  const forget = (): void => {
    process.removeListener('exit', removeFile);
    for (const s of fatalSignals) process.removeListener(s, onFatalSignal);
  };
  process.once('exit', removeFile);
  for (const s of fatalSignals) process.on(s, onFatalSignal);
  return async () => {
    for (const c of clients) c.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    removeFile();
    forget();
  };
}

/** Whether something accepts connections at `path` (a live vrun), or it is a stale file. */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** One connection: reads request lines, writes reply and event lines. */
class ControlClient {
  private buffer = '';
  private attached: AttachedTracer | null = null;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly kernel: Kernel,
    private readonly onClose: () => void,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** vrun is done: the guest has ended, so no more events. */
  end(): void {
    if (this.closed) return;
    this.detachQuietly();
    this.send({ event: 'end' });
    this.socket.end();
    this.closed = true;
    this.onClose();
  }

  private close(): void {
    if (this.closed) return;
    // A client that goes away without `detach` (vstrace killed) is detached, as ptrace does for
    // a tracer that exits.
    this.detachQuietly();
    this.closed = true;
    this.onClose();
  }

  private detachQuietly(): void {
    if (!this.attached) return;
    if (this.kernel.tracer === this.attached) this.kernel.tracer = null;
    this.attached = null;
  }

  private send(message: ControlMessage): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(`${JSON.stringify(message)}\n`);
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    // A client may not grow a line without end (1 MiB is far beyond any request).
    if (this.buffer.length > 1 << 20 && !this.buffer.includes('\n')) {
      this.send({ reply: 'error', ok: false, errno: 'E2BIG', message: 'request line too long' });
      this.socket.destroy();
      this.close();
      return;
    }
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== '') this.handle(line);
    }
  }

  private handle(line: string): void {
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch {
      this.send({ reply: 'error', ok: false, errno: 'EINVAL', message: 'not a JSON object' });
      return;
    }
    const op = typeof request === 'object' && request !== null ? (request as { op?: unknown }).op : undefined;
    if (op === 'list') this.send({ reply: 'list', ok: true, processes: listProcesses(this.kernel) });
    else if (op === 'attach') this.attach(request as { pid?: unknown; options?: unknown });
    else if (op === 'detach') this.detach();
    else this.send({ reply: 'error', ok: false, errno: 'EINVAL', message: `unknown op ${JSON.stringify(op)}` });
  }

  private attach(request: { pid?: unknown; options?: unknown }): void {
    const fail = (errno: string, message: string): void => this.send({ reply: 'attach', ok: false, errno, message });
    const pid = request.pid;
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return fail('EINVAL', 'Invalid argument');
    const target = this.kernel.processes.get(pid);
    // ptrace(2): ESRCH for a process that does not exist (or is a zombie); EPERM when it is
    // already traced.
    if (!target || target.state !== 'alive') return fail('ESRCH', 'No such process');
    if (this.attached || this.kernel.tracer) return fail('EPERM', 'Operation not permitted');
    const options = (typeof request.options === 'object' && request.options !== null ? request.options : {}) as AttachOptions;
    let tracer: Tracer;
    try {
      tracer = new Tracer({
        ...pickTracerOptions(options),
        write: (text) => this.send({ event: 'trace', text }),
        notice: (text) => this.send({ event: 'notice', text }),
        clock: this.kernel.clock,
        ...(typeof options.trace === 'string' ? { filter: parseTraceSet(options.trace, new Set(this.kernel.syscalls.map((d) => d.name))) } : {}),
        ...(typeof options.signal === 'string' ? { signals: parseSignalSet(options.signal) } : {}),
      });
    } catch (err) {
      if (err instanceof FilterError) return fail('EINVAL', err.message);
      throw err;
    }
    const attached = new AttachedTracer(tracer, target, options.follow === true, options.summary ?? 'off', (summary) => {
      // The traced process (and with -f its descendants) ended: strace -p exits then.
      if (this.kernel.tracer === attached) this.kernel.tracer = null;
      this.attached = null;
      this.send({ event: 'exit', pid, summary });
    });
    this.attached = attached;
    this.kernel.tracer = attached;
    this.send({ reply: 'attach', ok: true, pid, threads: target.threads.map((t) => t.tid) });
  }

  private detach(): void {
    const a = this.attached;
    if (!a) {
      this.send({ reply: 'detach', ok: false, errno: 'ESRCH', message: 'not attached' });
      return;
    }
    if (this.kernel.tracer === a) this.kernel.tracer = null;
    this.attached = null;
    const pending = a.tracer.detach();
    this.send({ reply: 'detach', ok: true, pid: a.target.pid, pending, summary: a.summaryText() });
  }
}

/** Only the known option names, with the types TracerOptions wants (a client is not trusted). */
function pickTracerOptions(o: AttachOptions): Omit<TracerOptions, 'write' | 'clock' | 'notice'> {
  const out: Omit<TracerOptions, 'write' | 'clock' | 'notice'> = {};
  const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
  const int = (v: unknown, max: number): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max ? v : undefined);
  const set = <K extends keyof typeof out>(k: K, v: (typeof out)[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('toFile', bool(o.toFile));
  set('follow', bool(o.follow));
  set('relative', bool(o.relative));
  set('syscallTimes', bool(o.syscallTimes));
  set('strsize', int(o.strsize, 1 << 20));
  set('column', int(o.column, 1 << 10));
  set('quiet', int(o.quiet, 2));
  set('hex', int(o.hex, 2) as 0 | 1 | 2 | undefined);
  set('timestamps', int(o.timestamps, 3) as 0 | 1 | 2 | 3 | undefined);
  if (o.summary === 'only' || o.summary === 'also' || o.summary === 'off') out.summary = o.summary;
  if (o.format === 'strace' || o.format === 'dtruss') out.format = o.format;
  return out;
}

export function listProcesses(kernel: Kernel): ProcessListing[] {
  return [...kernel.processes.values()]
    .filter((p) => p.state === 'alive')
    .map((p) => ({ pid: p.pid, ppid: p.ppid, comm: p.comm, argv: [...p.argv], state: p.state, threads: p.threads.map((t) => t.tid) }));
}

/** The kernel's tracer while a client is attached: passes on the events of the traced thread —
 *  strace -p PID attaches to the one task PID; with -f to all threads of its process and to the
 *  processes created after attaching (strace(1), -p and -f) — to the client's Tracer. */
class AttachedTracer implements KernelTracer {
  private readonly traced = new Set<number>();

  constructor(
    readonly tracer: Tracer,
    readonly target: Process,
    private readonly follow: boolean,
    private readonly summary: 'off' | 'only' | 'also',
    private readonly onGone: (summary: string | null) => void,
  ) {
    this.traced.add(target.pid);
  }

  summaryText(): string | null {
    return this.summary === 'off' ? null : this.tracer.summaryText();
  }

  /** Whether the tracer sees this thread's events. */
  private sees(t: Thread): boolean {
    return this.follow ? this.covers(t.process) : t.tid === this.target.pid;
  }

  private covers(p: Process): boolean {
    if (this.traced.has(p.pid)) return true;
    if (!this.follow) return false;
    for (let q = p.parent; q; q = q.parent) {
      if (this.traced.has(q.pid)) {
        this.traced.add(p.pid);
        return true;
      }
    }
    return false;
  }

  onSyscallEnter(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs): void {
    if (this.sees(ctx.thread)) this.tracer.onSyscallEnter(ctx, decl, args);
  }

  onSyscallExit(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs, result: SyscallResult): void {
    if (this.sees(ctx.thread)) this.tracer.onSyscallExit(ctx, decl, args, result);
  }

  onSignal(thread: Thread, info: SigInfo): void {
    if (this.sees(thread)) this.tracer.onSignal(thread, info);
  }

  onExit(process: Process, status: ExitStatus): void {
    if (!this.covers(process)) return;
    this.tracer.onExit(process, status);
    this.traced.delete(process.pid);
    if (this.traced.size === 0) this.onGone(this.summaryText());
  }
}
