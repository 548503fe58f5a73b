// The shape of one `vasm` subcommand. Each command lives in its own file under
// src/commands/ and is listed once in src/commands/index.ts; vasm.ts builds the yargs
// parser from that list, so adding a command is: write the file, add it to the list.

import type { Argv } from 'yargs';

/** Where a command writes. Tests pass collectors; the real CLI passes process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface VasmCommand {
  /** yargs command string, e.g. 'inspect <file>'. */
  command: string;
  /** One line for `vasm --help`. */
  describe: string;
  /** An example invocation and what it does (shown by `vasm --help`). */
  example: [string, string];
  /** Declares the command's options and positionals. */
  builder: (y: Argv) => Argv;
  /** Runs the command; returns the process exit status. */
  run: (args: Record<string, unknown>, io: CommandIO) => Promise<number>;
}

/** A command that is listed but not implemented yet: prints `vasm: '<name>' is not built yet`
 *  and exits 2. Replace its entry in index.ts with the real command. */
export function notBuiltYet(name: string, command: string, describe: string, example: [string, string]): VasmCommand {
  return {
    command,
    describe,
    example,
    builder: (y) => y.strict(false),
    run: async (_args, io) => {
      io.stderr(`vasm: '${name}' is not built yet\n`);
      return 2;
    },
  };
}
