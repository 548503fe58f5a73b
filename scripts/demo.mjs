#!/usr/bin/env node
// `npm run demo`: assemble examples/hello/hello.s with vasm, run it under the tracer (or, where
// a piece is not built yet, show as far as the pipeline goes, saying so — never a faked result).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const out = join(mkdtempSync(join(tmpdir(), 'vsys-demo-')), 'hello');
const step = (title, cmd, args) => {
  console.log(`\n$ ${[cmd.replace('node_modules/.bin/', ''), ...args].join(' ')}    # ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
};

if (step('assemble and link', bin('vasm'), ['build', '-o', out, 'examples/hello/hello.s']) !== 0) {
  console.log('\n(vasm build is not available yet; see docs/index.md for what is built)');
  process.exit(0);
}
step('what the linker wrote', bin('vasm'), ['inspect', out]);
let rc = step('run it, tracing every system call', bin('vstrace'), [out]);
if (rc === 2) rc = step('run it with statistics (vstrace is not built yet)', bin('vrun'), ['--stats', out]);
process.exit(rc === 0 ? 0 : 1);
