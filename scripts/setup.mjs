#!/usr/bin/env node
// `npm run setup`: install the workspace (pnpm 12.4.2 through npx, frozen lockfile) and build
// every package with `tsc -b`. Idempotent: a second run reuses node_modules and the build info.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const pnpm = 'npx -y pnpm@12.4.2';
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const frozen = existsSync('pnpm-lock.yaml') ? '--frozen-lockfile' : '';
run(`${pnpm} install ${frozen} --reporter=silent`);
run(`${pnpm} exec tsc -b`);
run('node scripts/postbuild.mjs');
