// The syscall reference, generated from the declarations (the same ones the dispatcher and the
// tracer read): one Markdown table row per call with its numbers per ABI, its C-like signature
// and strace classes. `syscallReference(kernel.syscalls)` → docs.

import type { SyscallDecl } from './types.js';

export function syscallReference(decls: readonly SyscallDecl[]): string {
  const rows = [...decls]
    .sort((a, b) => a.name.localeCompare(b.name) || (a.numbers.x86_64 ?? 9999) - (b.numbers.x86_64 ?? 9999))
    .map((d) => {
      const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
      const sig = `${d.name}(${d.args.map((a) => `${a.type} ${a.name}`).join(', ')})`;
      const ret = d.ret ?? 'int';
      return `| \`${d.name}\` | ${n(d.numbers.x86_64)} | ${n(d.numbers.i386)} | ${n(d.numbers.arm64)} | \`${sig}\` → ${ret} | ${d.classes.join(', ')} |`;
    });
  return [
    '| syscall | x86_64 | i386 | arm64 | signature | classes |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n') + '\n';
}
