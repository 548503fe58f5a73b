#!/usr/bin/env node
// Thin launcher: the runner lives in ../dist/main.js (built by `npm run setup`).
import { main } from '../dist/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
