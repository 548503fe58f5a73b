// Argv prefixes that start vsys's CLIs from TypeScript sources in a child process, for
// end-to-end tests that must see real process behaviour (exit status, stdio, cwd).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

/** `[node, --import, tsx, --import, register-src.mjs, cli-from-src.ts, NAME]`. */
export function srcCommand(name: 'vrun' | 'vasm' | 'vstrace'): string[] {
  return [
    process.execPath,
    '--import',
    new URL(`file://${tsx}`).href,
    '--import',
    new URL('./register-src.mjs', import.meta.url).href,
    here('./cli-from-src.ts'),
    name,
  ];
}
