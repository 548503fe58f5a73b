#!/usr/bin/env node
// Thin launcher: the command lives in ../dist/vstrace.js (built by `npm run setup`).
import { main } from '../dist/vstrace.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
