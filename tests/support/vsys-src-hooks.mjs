// Node module-resolution hooks for running the CLIs from TypeScript sources in a child process:
// `@vsys/NAME` resolves to packages/NAME/src/index.ts (as vitest's alias does in-process), so an
// end-to-end test never runs a stale dist/ build. tsx (registered before this) compiles the .ts.
const root = new URL('../../', import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const m = /^@vsys\/([a-z0-9-]+)$/.exec(specifier);
  // Hand the file URL on, so that tsx's resolver marks it as TypeScript for its loader.
  if (m) return nextResolve(new URL(`packages/${m[1]}/src/index.ts`, root).href, context);
  return nextResolve(specifier, context);
}
