#!/usr/bin/env node
// Thin launcher: the command lives in ../dist/vrun.js (built by `npm run setup`).
import { main } from '../dist/vrun.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
