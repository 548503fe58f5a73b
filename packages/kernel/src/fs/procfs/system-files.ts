// The text of the system-wide /proc files, from the emulated kernel's state:
//   /proc/uptime    fs/proc/uptime.c: "%lu.%02lu %lu.%02lu\n" — CLOCK_MONOTONIC (+ boot offset,
//                   none here) and the idle time summed over CPUs (vsys never idles: 0.00);
//   /proc/version   fs/proc/version.c: "Linux version <release> (<by>@<host>) (<compiler>) <version>";
//   /proc/loadavg   fs/proc/loadavg.c: three load averages (vsys computes none: 0.00), running/total
//                   threads, the last pid handed out;
//   /proc/meminfo   fs/proc/meminfo.c show_val_kb: the name padded to 16 columns, the value in kB
//                   right-aligned in 8, " kB"; MemTotal is the guest RAM (vrun --max-memory);
//   /proc/cpuinfo   arch/x86/kernel/cpu/proc.c show_cpuinfo (one CPU, flags from the emulated
//                   CPUID) and arch/arm64/kernel/cpuinfo.c c_show (Features from AT_HWCAP).
// Every function is pure over its inputs so the unit tests can pin the formats.

import { cpuidLeaf } from '@vsys/emu';

/** The kernel identity uname reports (utsname fields). */
export interface UtsFields {
  release: string;
  version: string;
  hostname: string;
}

/** "%lu.%02lu": seconds and hundredths, truncated (uptime_proc_show divides, no rounding). */
function centiseconds(ns: bigint): string {
  const cs = ns / 10_000_000n;
  return `${cs / 100n}.${String(cs % 100n).padStart(2, '0')}`;
}

export function uptimeText(monotonicNs: bigint): string {
  return `${centiseconds(monotonicNs)} 0.00\n`;
}

export function versionText(uts: UtsFields): string {
  return `Linux version ${uts.release} (vsys@vsys) (vasm, vsys link) ${uts.version}\n`;
}

export function loadavgText(running: number, threads: number, lastPid: number): string {
  return `0.00 0.00 0.00 ${running}/${threads} ${lastPid}\n`;
}

/** show_val_kb: `name` (with its colon) left-aligned in 16 columns, kB right-aligned in 8. */
function kbLine(name: string, kb: number): string {
  return `${(name + ':').padEnd(16)}${String(Math.max(0, Math.floor(kb))).padStart(8)} kB\n`;
}

/** /proc/meminfo's leading lines (meminfo_proc_show order). `usedBytes` is what the guest's
 *  processes hold; the rest of RAM is free, nothing is cached or swapped (no page cache, no
 *  swap in vsys), so MemAvailable = MemFree. */
export function meminfoText(totalBytes: number, usedBytes: number): string {
  const total = Math.floor(totalBytes / 1024);
  const free = Math.max(0, total - Math.floor(usedBytes / 1024));
  const used = total - free;
  const lines: [string, number][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', free], ['Buffers', 0], ['Cached', 0],
    ['SwapCached', 0], ['Active', used], ['Inactive', 0], ['Active(anon)', used], ['Inactive(anon)', 0],
    ['Active(file)', 0], ['Inactive(file)', 0], ['Unevictable', 0], ['Mlocked', 0],
    ['SwapTotal', 0], ['SwapFree', 0], ['Dirty', 0], ['Writeback', 0], ['AnonPages', used],
    ['Mapped', 0], ['Shmem', 0],
  ];
  return lines.map(([n, v]) => kbLine(n, v)).join('');
}

// Linux's names for the CPUID bits the emulated CPU can set (arch/x86/include/asm/cpufeatures.h,
// the lower-case names /proc/cpuinfo prints), in Linux's word order: leaf 1 EDX (word 0),
// 0x80000001 EDX (word 1), leaf 1 ECX (word 4), 0x80000001 ECX (word 6), leaf 7 EBX (word 9).
const X86_FLAG_WORDS: { leaf: number; reg: 2 | 3 | 1; names: Record<number, string> }[] = [
  { leaf: 1, reg: 3, names: { 0: 'fpu', 1: 'vme', 2: 'de', 3: 'pse', 4: 'tsc', 5: 'msr', 6: 'pae', 7: 'mce', 8: 'cx8', 9: 'apic', 11: 'sep', 12: 'mtrr', 13: 'pge', 14: 'mca', 15: 'cmov', 16: 'pat', 17: 'pse36', 19: 'clflush', 23: 'mmx', 24: 'fxsr', 25: 'sse', 26: 'sse2', 28: 'ht' } },
  { leaf: 0x80000001, reg: 3, names: { 11: 'syscall', 20: 'nx', 26: 'pdpe1gb', 27: 'rdtscp', 29: 'lm' } },
  { leaf: 1, reg: 2, names: { 0: 'pni', 1: 'pclmulqdq', 9: 'ssse3', 12: 'fma', 13: 'cx16', 19: 'sse4_1', 20: 'sse4_2', 22: 'movbe', 23: 'popcnt', 25: 'aes', 26: 'xsave', 28: 'avx', 30: 'rdrand' } },
  { leaf: 0x80000001, reg: 2, names: { 0: 'lahf_lm', 5: 'abm' } },
  { leaf: 7, reg: 1, names: { 0: 'fsgsbase', 3: 'bmi1', 5: 'avx2', 7: 'smep', 8: 'bmi2', 18: 'rdseed', 19: 'adx', 20: 'smap' } },
];

/** The x86 flags line: every named bit the emulated CPUID sets, in Linux's order. */
export function x86CpuFlags(): string[] {
  const out: string[] = [];
  for (const w of X86_FLAG_WORDS) {
    const value = cpuidLeaf(w.leaf, 0)[w.reg] >>> 0;
    for (let bit = 0; bit < 32; bit++) if ((value >>> bit) & 1 && w.names[bit]) out.push(w.names[bit]!);
  }
  return out;
}

function brandString(): string {
  let s = '';
  for (let leaf = 0x80000002; leaf <= 0x80000004; leaf++)
    for (const r of cpuidLeaf(leaf, 0)) for (let i = 0; i < 4; i++) s += String.fromCharCode((r >>> (8 * i)) & 0xff);
  return s.replace(/\0+$/, '').trim();
}

/** x86 show_cpuinfo for CPU 0 (the fields whose values vsys knows; "%s\t: %s" lines). */
export function x86CpuinfoText(): string {
  const [, vb, vc, vd] = cpuidLeaf(0, 0);
  const vendor = [vb, vd, vc].map((r) => String.fromCharCode(r & 0xff, (r >>> 8) & 0xff, (r >>> 16) & 0xff, r >>> 24)).join('');
  const sig = cpuidLeaf(1, 0)[0];
  const family = ((sig >>> 8) & 0xf) + (((sig >>> 8) & 0xf) === 0xf ? (sig >>> 20) & 0xff : 0);
  const model = ((sig >>> 4) & 0xf) | (family >= 6 ? ((sig >>> 16) & 0xf) << 4 : 0);
  const addr = cpuidLeaf(0x80000008, 0)[0];
  const lines = [
    ['processor\t', '0'], ['vendor_id\t', vendor], ['cpu family\t', String(family)], ['model\t\t', String(model)],
    ['model name\t', brandString()], ['stepping\t', String(sig & 0xf)], ['physical id\t', '0'], ['siblings\t', '1'],
    ['core id\t\t', '0'], ['cpu cores\t', '1'], ['apicid\t\t', '0'], ['fpu\t\t', 'no'], ['cpuid level\t', String(cpuidLeaf(0, 0)[0])],
    ['wp\t\t', 'yes'], ['flags\t\t', x86CpuFlags().join(' ')],
    ['address sizes\t', `${addr & 0xff} bits physical, ${(addr >>> 8) & 0xff} bits virtual`],
  ];
  // show_cpuinfo's "name\t: value" lines (the tabs align the colons at column 16).
  return lines.map(([k, v]) => `${k!}: ${v}`).join('\n') + '\n\n';
}

// arch/arm64/kernel/cpuinfo.c hwcap_str: AT_HWCAP bit → name (bits 0…31 of HWCAP).
const ARM64_HWCAPS = [
  'fp', 'asimd', 'evtstrm', 'aes', 'pmull', 'sha1', 'sha2', 'crc32', 'atomics', 'fphp', 'asimdhp',
  'cpuid', 'asimdrdm', 'jscvt', 'fcma', 'lrcpc', 'dcpop', 'sha3', 'sm3', 'sm4', 'asimddp', 'sha512',
  'sve', 'asimdfhm', 'dit', 'uscat', 'ilrcpc', 'flagm', 'ssbs', 'sb', 'paca', 'pacg',
];

export function arm64Features(hwcap: bigint): string[] {
  return ARM64_HWCAPS.filter((_, bit) => (hwcap >> BigInt(bit)) & 1n);
}

/** arm64 c_show for CPU 0: "processor", "BogoMIPS", "Features" and the MIDR fields (vsys's CPU
 *  has no MIDR of a real part: implementer 0x00, the rest 0). */
export function arm64CpuinfoText(hwcap: bigint): string {
  const lines = [
    ['processor', '0'], ['BogoMIPS', '0.00'], ['Features', arm64Features(hwcap).join(' ')],
    ['CPU implementer', '0x00'], ['CPU architecture', '8'], ['CPU variant', '0x0'], ['CPU part', '0x000'], ['CPU revision', '0'],
  ];
  return lines.map(([k, v]) => `${k!}\t: ${v}`).join('\n') + '\n\n';
}
