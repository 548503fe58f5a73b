// strace -c: a table of calls, errors and time per syscall, sorted by time (then calls, then
// name), with a total row. Times are the guest kernel clock's (see docs/tracing.md).

export interface SyscallTally {
  calls: number;
  errors: number;
  ns: bigint;
}

const RULE = '------ ----------- ----------- --------- --------- ----------------';

export function formatSummary(tallies: ReadonlyMap<string, SyscallTally>): string {
  const rows = [...tallies.entries()].sort((a, b) => (b[1].ns > a[1].ns ? 1 : b[1].ns < a[1].ns ? -1 : 0) || b[1].calls - a[1].calls || a[0].localeCompare(b[0]));
  const totalNs = rows.reduce((s, [, t]) => s + t.ns, 0n);
  const totalCalls = rows.reduce((s, [, t]) => s + t.calls, 0);
  const totalErrors = rows.reduce((s, [, t]) => s + t.errors, 0);
  const line = (pct: number, ns: bigint, calls: number, errors: number, name: string): string => {
    const seconds = (Number(ns) / 1e9).toFixed(6);
    const usecs = calls ? Math.floor(Number(ns) / 1000 / calls) : 0;
    return `${pct.toFixed(2).padStart(6)} ${seconds.padStart(11)} ${String(usecs).padStart(11)} ${String(calls).padStart(9)} ${(errors ? String(errors) : '').padStart(9)} ${name}`;
  };
  const out = ['% time     seconds  usecs/call     calls    errors syscall', RULE];
  for (const [name, t] of rows) out.push(line(totalNs ? (Number(t.ns) * 100) / Number(totalNs) : 0, t.ns, t.calls, t.errors, name));
  out.push(RULE, line(100, totalNs, totalCalls, totalErrors, 'total'));
  return `${out.join('\n')}\n`;
}
