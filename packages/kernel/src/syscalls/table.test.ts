// Every declaration's numbers name the same call in Linux's own tables (numbers.ts, from the
// UAPI headers): a typo in a number would route a call to the wrong handler.
import { describe, expect, it } from 'vitest';
import { buildSyscallTable, coreSyscalls, SyscallTableError } from './table.js';
import { syscallName } from './numbers.js';
import type { SyscallDecl } from './types.js';
import { syscalls as fsSyscalls } from './decl/fs.js';

/** Declarations whose name differs from the UAPI header's on purpose (strace's spelling). */
const ALIASES: Record<string, string> = {};

// The core's declarations (the file syscalls' i386 names are their owner's choice).
const fs = new Set(fsSyscalls);
const core = coreSyscalls.filter((d) => !fs.has(d));

describe('syscall table', () => {
  it('declares each number with the name Linux gives it', () => {
    const wrong: string[] = [];
    for (const d of core) {
      for (const [abi, nr] of Object.entries(d.numbers)) {
        const linux = syscallName(abi as 'x86_64', nr!);
        const expected = ALIASES[`${abi}:${nr}`] ?? linux;
        if (expected !== d.name) wrong.push(`${abi} ${nr}: declared ${d.name}, Linux ${linux}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses two declarations for one number', () => {
    const a: SyscallDecl = { name: 'a', numbers: { x86_64: 39 }, args: [], classes: [], handler: () => 0 };
    const b: SyscallDecl = { ...a, name: 'b' };
    expect(() => buildSyscallTable([a, b])).toThrow(SyscallTableError);
    expect(buildSyscallTable([a, a]).x86_64[39]).toBe(a);
  });
});

import { syscallReference } from './reference.js';

describe('syscallReference', () => {
  it('lists every declaration once with its numbers', () => {
    const text = syscallReference(coreSyscalls);
    expect(text.split('\n').filter((l) => l.startsWith('| `')).length).toBe(coreSyscalls.length);
    expect(text).toContain('| `getpid` | 39 | 20 | 172 | `getpid()` → int | process |');
    expect(text).toContain('| `mmap2` | — | 192 | — |');
  });
});
