// The registry of `vasm` subcommands, in the order `vasm --help` lists them. To add a
// command, create src/commands/<name>.ts exporting a VasmCommand and put it here (replacing
// its notBuiltYet placeholder).

import type { VasmCommand } from './command.js';
import { inspectCommand } from './inspect.js';
import { buildCommand } from './build.js';
import { disasmCommand } from './disasm.js';

export const vasmCommands: VasmCommand[] = [
  buildCommand,
  disasmCommand,
  inspectCommand,
];

export type { VasmCommand, CommandIO } from './command.js';
