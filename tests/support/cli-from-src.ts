// Runs one of the CLIs from its TypeScript source: `cli-from-src.ts vrun|vasm|vstrace ARGS…`.
// Started by tests through srcCommand() (commands.ts) with tsx and the @vsys source hooks.
const name = process.argv[2];
const entries: Record<string, string> = {
  vrun: '../../packages/cli/src/vrun.js',
  vasm: '../../packages/cli/src/vasm.js',
  vstrace: '../../packages/cli/src/vstrace.js',
};
const entry = name === undefined ? undefined : entries[name];
if (entry === undefined) {
  process.stderr.write(`cli-from-src: unknown command ${String(name)}\n`);
  process.exitCode = 2;
} else {
  const mod = (await import(entry)) as { main(argv: string[]): Promise<number> };
  process.exitCode = await mod.main(process.argv.slice(3));
}
