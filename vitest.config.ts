// Tests run from TypeScript sources: each @vsys/* import resolves to the package's src/index.ts,
// so a test never depends on a stale dist/ build.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = readdirSync(new URL('./packages', import.meta.url)).map((name) => ({
  find: new RegExp(`^@vsys/${name}$`),
  replacement: `${root}packages/${name}/src/index.ts`,
}));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two workers on the 2-core machines this runs on: many tests wait on child processes
    // (GNU as, strace, qemu), so the second worker keeps the CPU busy meanwhile.
    maxWorkers: 2,
  },
});
