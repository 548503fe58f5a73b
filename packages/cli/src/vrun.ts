// `vrun [--stats] [--mount HOST:GUEST[:ro]] [--max-memory N] [--max-instructions N] [--strace]
// [--listen SOCKET] IMAGE [ARGS…]` runs a static x86-64 ELF image on the emulated machine: user
// code in ring 3, every system call through the real entry code into the emulated kernel. stdin/stdout/stderr and the
// environment pass through; the exit status is the guest's, or 128 + N after signal N.
// See vrun/session.ts for vrun's own statuses. No JavaScript stack trace ever reaches the
// user: anything unexpected is `vrun: internal error: …` with status 70.

import { parseVrunArgs } from './vrun/options.js';
import { ControlSocketError, serveControlSocket } from './vrun/control.js';
import { EXIT_INTERNAL, runVrun, runVrunSliced } from './vrun/session.js';

export async function main(argv: string[]): Promise<number> {
  const stderr = (text: string): void => {
    process.stderr.write(text);
  };
  try {
    const parsed = await parseVrunArgs(argv);
    if (parsed.ok === 'exit') {
      process.stdout.write(parsed.output.endsWith('\n') ? parsed.output : `${parsed.output}\n`);
      return 0;
    }
    if (parsed.ok === false) {
      stderr(`vrun: ${parsed.message}\n`);
      return 2;
    }
    const host = { cwd: process.cwd(), env: process.env, stderr };
    const listen = parsed.options.listen;
    if (!listen) return runVrun(parsed.options, host);
    // --listen: the guest runs in slices so the control socket is served while it runs.
    try {
      return await runVrunSliced(parsed.options, host, (kernel) => serveControlSocket(listen, kernel));
    } catch (err) {
      if (!(err instanceof ControlSocketError)) throw err;
      stderr(`vrun: ${err.message}\n`);
      return 1;
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    stderr(`vrun: internal error: ${message.split('\n')[0]}\n`);
    if (process.env.VSYS_DEBUG && err instanceof Error) stderr(`${err.stack}\n`);
    return EXIT_INTERNAL;
  }
}
