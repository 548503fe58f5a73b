// `vstrace -p PID --socket SOCKET`: attach to a guest process that runs under
// `vrun --listen SOCKET`, as `strace -p PID` attaches with ptrace(PTRACE_SEIZE). The client side
// of the control protocol (vrun/control.ts; docs/tracing.md, "Attaching: vstrace -p"): send
// `attach` with the trace options, print the `trace` lines as they come, and on SIGINT (Ctrl-C)
// or SIGTERM send `detach`. Messages follow strace 6.1's: `strace: Process PID attached`,
// `strace: Process PID detached` (on stderr, also with -o), and a call in progress at detach
// ends its line with ` <detached ...>` in an -o file (on stderr the detach notice follows its
// text instead, as strace's shared stream shows).

import { createConnection } from 'node:net';
import { constants } from 'node:os';
import type { AttachOptions, ControlMessage } from '../vrun/control.js';

export interface AttachRequest {
  socket: string;
  pid: number;
  options: AttachOptions;
  /** Trace lines: the -o file or stderr. */
  write: (text: string) => void;
  /** strace's own messages. */
  stderr: (text: string) => void;
  /** The trace goes to an -o file (decides how a call cut short by detach is shown). */
  toFile: boolean;
  /** Calls `detach` when the user asks to stop; returns the function that stops listening.
   *  Default: SIGINT and SIGTERM of this process. */
  onInterrupt?: (detach: (signo?: number) => void) => () => void;
}

/** Exit statuses: 0 when the traced process ended or the user detached by other means; 1 when
 *  attaching failed (strace's status for a failed -p) or the connection was lost; 0x100 | N
 *  after a detach caused by signal N (SIGINT, SIGTERM). The last is strace's own encoding
 *  (strace.c `terminate()`): strace then re-raises N on itself, so a shell sees 128 + N (130
 *  after Ctrl-C); `main` does the same with `dieBySignal`. */
export function attachAndTrace(request: AttachRequest): Promise<number> {
  const { pid, stderr, write } = request;
  return new Promise<number>((resolve) => {
    const socket = createConnection(request.socket);
    socket.setEncoding('utf8');
    let attached = false;
    let done = false;
    let buffer = '';
    let stopListening: () => void = () => {};
    let interruptedBy = 0;
    const finish = (status: number): void => {
      if (done) return;
      done = true;
      stopListening();
      socket.end();
      resolve(status);
    };
    const send = (message: object): void => {
      socket.write(`${JSON.stringify(message)}\n`);
    };
    const detach = (signo = 0): void => {
      if (signo !== 0 && interruptedBy === 0) interruptedBy = signo;
      if (attached) send({ op: 'detach' });
      else finish(interruptedBy !== 0 ? 0x100 | interruptedBy : 0);
    };

    socket.on('connect', () => {
      send({ op: 'attach', pid, options: request.options });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (done) return;
      stderr(`vstrace: ${request.socket}: ${err.code === 'ENOENT' ? 'No such file or directory (is `vrun --listen` running?)' : err.code === 'ECONNREFUSED' ? 'Connection refused' : err.message}\n`);
      finish(1);
    });
    socket.on('close', () => {
      if (done) return;
      stderr(`vstrace: ${request.socket}: connection closed\n`);
      finish(1);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while (!done && (nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let message: ControlMessage;
        try {
          message = JSON.parse(line) as ControlMessage;
        } catch {
          stderr(`vstrace: ${request.socket}: not the vrun control protocol\n`);
          finish(1);
          return;
        }
        handle(message);
      }
    });

    const handle = (m: ControlMessage): void => {
      if ('event' in m) {
        if (m.event === 'trace') write(m.text);
        else if (m.event === 'notice') stderr(m.text);
        else if (m.event === 'exit') {
          // The traced process ended (its `+++ exited` line came as a trace event).
          if (m.summary !== null) write(m.summary);
          finish(0);
        } else if (m.event === 'end') finish(0);
        return;
      }
      if (m.reply === 'attach') {
        if (!m.ok) {
          // strace: `strace: attach: ptrace(PTRACE_SEIZE, PID): No such process`, status 1.
          stderr(`strace: attach: ptrace(PTRACE_SEIZE, ${pid}): ${m.message}\n`);
          finish(1);
          return;
        }
        attached = true;
        stderr(`strace: Process ${pid} attached\n`);
        stopListening = (request.onInterrupt ?? onSignals)(detach);
        return;
      }
      if (m.reply === 'detach') {
        if (!m.ok) {
          finish(0);
          return;
        }
        const pending = m.pending;
        pending.forEach((text, i) => {
          if (request.toFile || i < pending.length - 1) write(`${text} <detached ...>\n`);
          else write(text);
        });
        stderr(`strace: Process ${pid} detached\n`);
        if (m.summary !== null) write(m.summary);
        finish(interruptedBy !== 0 ? 0x100 | interruptedBy : 0);
        return;
      }
      stderr(`vstrace: ${request.socket}: ${m.ok ? 'unexpected reply' : m.message}\n`);
      finish(1);
    };
  });
}

/** Ctrl-C (SIGINT) or SIGTERM detaches, as they do for strace -p. */
function onSignals(detach: (signo?: number) => void): () => void {
  const onInt = (): void => detach(constants.signals.SIGINT);
  const onTerm = (): void => detach(constants.signals.SIGTERM);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  };
}

/** Ends this process the way strace ends after a signal made it detach: the signal is raised
 *  again with its default action, so the parent sees a death by that signal (a shell prints
 *  status 128 + N). Returns 128 + N for callers that cannot die (in-process tests). */
export function dieBySignal(status: number): number {
  const signo = status & 0xff;
  const name = Object.entries(constants.signals).find(([, n]) => n === signo)?.[0] as NodeJS.Signals | undefined;
  if (name !== undefined && process.listenerCount(name) === 0) process.kill(process.pid, name);
  return 128 + signo;
}
