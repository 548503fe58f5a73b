// `vrun --stats` output: the machine's counters, the vDSO and vsyscall counts, and the run
// priced with the cycle model — as text on stderr, or as one JSON object (`--stats --json`)
// for scripts.

import type { MachineStats } from '@vsys/kernel';
import { priceRun, type RunCounts, type RunPrice } from './price.js';
import type { VdsoCounts } from './vdso-calls.js';

/** What the printer takes: a machine's stats (x86-64 or arm64) and the vDSO counts. */
export type StatsInput = MachineStats & {
  arch?: string;
  /** Emulated vsyscall-page calls by name (x86-64 machines that count them). */
  vsyscalls?: Map<string, number>;
};

/** The vsyscall page's entry points (arch/x86/entry/vsyscall/vsyscall_64.c). */
const VSYSCALL_ADDRESS: Record<string, string> = { gettimeofday: '0xffffffffff600000', time: '0xffffffffff600400', getcpu: '0xffffffffff600800' };

function sum(m: Map<string, number> | undefined): number {
  let n = 0;
  for (const v of m?.values() ?? []) n += v;
  return n;
}

function byCount(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function runCounts(stats: StatsInput, vdso: VdsoCounts | null): RunCounts {
  return {
    arch: stats.arch === 'arm64' ? 'arm64' : 'x86_64',
    userInstructions: stats.userInstructions,
    kernelInstructions: stats.kernelInstructions,
    addressSpaceSwitches: stats.cr3Loads,
    tlbFlushes: stats.tlbFlushes,
    tlbPageInvalidations: stats.tlbPageInvalidations,
    exceptions: stats.exceptions,
    hypercalls: stats.hypercalls,
    syscalls: sum(stats.syscalls),
    vsyscalls: sum(stats.vsyscalls),
    vdso,
  };
}

const n = (v: number): string => Math.round(v).toLocaleString('en');

/** The text report (vrun's stderr). */
export function formatStats(stats: StatsInput, vdso: VdsoCounts | null = null): string {
  const arm64 = stats.arch === 'arm64';
  const price = priceRun(runCounts(stats, vdso));
  const lines = [
    'vrun: statistics',
    `  instructions (${arm64 ? 'EL0' : 'CPL 3'}): ${n(stats.userInstructions)}`,
    `  instructions (${arm64 ? 'EL1' : 'CPL 0'}): ${n(stats.kernelInstructions)}`,
    `  mode switches: ${n(stats.modeSwitches)}`,
    `  syscalls: ${n(sum(stats.syscalls))}`,
    ...byCount(stats.syscalls).map(([name, count]) => `    ${name}: ${n(count)}`),
  ];
  if (vdso) {
    lines.push(`  vDSO calls: ${n(sum(vdso.calls))}`);
    for (const [name, count] of byCount(vdso.calls)) if (count > 0) lines.push(`    ${name}: ${n(count)}`);
    lines.push(`    (made the system call: ${n(vdso.fallbacks)}; counter reads: ${n(vdso.counterReads)})`);
  }
  if (stats.vsyscalls && sum(stats.vsyscalls) > 0) {
    lines.push(`  vsyscall emulations: ${n(sum(stats.vsyscalls))}`);
    for (const [name, count] of byCount(stats.vsyscalls)) lines.push(`    ${name} (${VSYSCALL_ADDRESS[name] ?? '?'}): ${n(count)}`);
  }
  lines.push(
    `  exceptions: ${n(stats.exceptions)}`,
    `  ${arm64 ? 'TTBR loads' : 'CR3 loads'}: ${n(stats.cr3Loads)}`,
    `  TLB flushes: ${n(stats.tlbFlushes)}`,
    `  TLB page invalidations: ${n(stats.tlbPageInvalidations)}`,
    ...formatPrice(price),
  );
  return `${lines.join('\n')}\n`;
}

function formatPrice(price: RunPrice): string[] {
  const m = price.model;
  const width = Math.max(...price.lines.map((l) => l.label.length));
  const out = [`  cycle model (${m.arch}: ${m.reference}; docs/stats.md):`];
  for (const l of price.lines) {
    if (l.count === 0) continue;
    out.push(`    ${l.label.padEnd(width)}  ${n(l.count).padStart(13)} × ${String(l.cyclesEach).padStart(3)} = ${n(l.cycles).padStart(15)}`);
  }
  const us = price.totalCycles / (m.clockGHz * 1000);
  out.push(`    total ≈ ${n(price.totalCycles)} cycles (≈ ${us.toFixed(1)} µs at ${m.clockGHz} GHz)`);
  if (price.vdso) {
    const v = price.vdso;
    out.push(
      `  vDSO: ${n(v.calls)} calls, ${n(v.served)} served without the kernel, saved ≈ ${n(v.savedCycles)} cycles vs syscalls` +
        ` (a syscall round trip here ≈ ${n(v.syscallRoundTrip)} cycles, a vDSO call ≈ ${n(v.vdsoCall)})`,
    );
  }
  return out;
}

/** The same report as one JSON object (`vrun --stats --json`). */
export function statsJson(stats: StatsInput, vdso: VdsoCounts | null = null): string {
  const price = priceRun(runCounts(stats, vdso));
  const obj = {
    arch: stats.arch === 'arm64' ? 'arm64' : 'x86_64',
    instructions: { user: stats.userInstructions, kernel: stats.kernelInstructions },
    modeSwitches: stats.modeSwitches,
    syscalls: Object.fromEntries(byCount(stats.syscalls)),
    vdso: vdso ? { calls: Object.fromEntries(byCount(vdso.calls)), fallbacks: vdso.fallbacks, counterReads: vdso.counterReads } : null,
    vsyscalls: Object.fromEntries(byCount(stats.vsyscalls ?? new Map())),
    exceptions: stats.exceptions,
    addressSpaceSwitches: stats.cr3Loads,
    tlbFlushes: stats.tlbFlushes,
    tlbPageInvalidations: stats.tlbPageInvalidations,
    cycles: {
      model: price.model.arch,
      lines: price.lines.map((l) => ({ cost: l.cost, count: l.count, each: l.cyclesEach, cycles: l.cycles })),
      total: price.totalCycles,
      vdso: price.vdso,
    },
  };
  return `${JSON.stringify(obj)}\n`;
}
