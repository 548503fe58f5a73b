// `vasm`: the assembler/linker/inspector command. The subcommands come from the registry in
// src/commands/index.ts; this file only wires them into yargs and turns usage errors into
// one line on stderr and exit status 1 (never a stack trace).

import yargs from 'yargs';
import { vasmCommands, type CommandIO } from './commands/index.js';

const processIO: CommandIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Thrown from yargs' fail handler to stop parsing after the first usage error. */
class UsageError extends Error {}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  let status = 0;
  let failed = false;
  const parser = yargs(argv)
    .scriptName('vasm')
    .usage('vasm <command> [options]')
    .exitProcess(false)
    .strict()
    .demandCommand(1, 'vasm: no command given (see vasm --help)')
    .help()
    .version(false)
    .wrap(null)
    .fail((msg, err) => {
      if (!failed) io.stderr(`vasm: ${msg ?? err?.message ?? 'bad usage'}\n`);
      failed = true;
      throw new UsageError(msg ?? err?.message);
    });
  for (const c of vasmCommands) {
    parser.command(c.command, c.describe, c.builder, async (args) => {
      status = await c.run(args as Record<string, unknown>, io);
    });
    parser.example(c.example[0], c.example[1]);
  }
  let helpText: string | undefined;
  try {
    await parser.parseAsync(argv, {}, (err, _args, output) => {
      if (output && !err) helpText = output;
      else if (output && err) failed = true;
    });
  } catch (e) {
    if (e instanceof UsageError || failed) return 1;
    // Errors thrown by a command's run() that it did not turn into a status itself.
    io.stderr(`vasm: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
  if (helpText !== undefined) io.stdout(helpText + '\n');
  if (failed) return 1;
  return status;
}
