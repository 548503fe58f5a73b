// The contents of per-process /proc files that are computed from one process's state:
//   auxv    fs/proc/base.c proc_pid_auxv: mm->saved_auxv as raw (type, value) pairs of
//           unsigned longs, up to and including the AT_NULL pair (16 bytes each on 64-bit);
//   limits  proc_pid_limits: "%-25s %-20s %-20s %-10s\n" header, one line per resource with
//           "unlimited" for RLIM_INFINITY and the unit column only where Linux has a unit;
//   statm   fs/proc/task_mmu.c task_statm: "size resident shared text lib data dt" in pages
//           (lib and dt are always 0 since 2.6);
//   fdinfo  fs/proc/fd.c seq_show: pos, flags (f_flags | O_CLOEXEC when the descriptor has it,
//           octal with a leading 0, in the ABI's values), mnt_id, ino.

import type { Process } from '../../process/process.js';
import { RLIM_INFINITY, RLIM_NLIMITS } from '../../process/rlimits.js';
import { O_CLOEXEC, openFlagsToAbi } from '../../vfs/constants.js';

export function auxvBytes(auxv: readonly { type: number; value: bigint }[]): Uint8Array {
  const pairs = [...auxv];
  if (pairs.length === 0 || pairs[pairs.length - 1]!.type !== 0) pairs.push({ type: 0, value: 0n });
  const out = new Uint8Array(pairs.length * 16);
  const view = new DataView(out.buffer);
  pairs.forEach((e, i) => {
    view.setBigUint64(i * 16, BigInt(e.type), true);
    view.setBigUint64(i * 16 + 8, BigInt.asUintN(64, e.value), true);
  });
  return out;
}

/** fs/proc/base.c lnames[], indexed by RLIMIT_*. */
const LIMIT_NAMES: [string, string | null][] = [
  ['Max cpu time', 'seconds'], ['Max file size', 'bytes'], ['Max data size', 'bytes'],
  ['Max stack size', 'bytes'], ['Max core file size', 'bytes'], ['Max resident set', 'bytes'],
  ['Max processes', 'processes'], ['Max open files', 'files'], ['Max locked memory', 'bytes'],
  ['Max address space', 'bytes'], ['Max file locks', 'locks'], ['Max pending signals', 'signals'],
  ['Max msgqueue size', 'bytes'], ['Max nice priority', null], ['Max realtime priority', null],
  ['Max realtime timeout', 'us'],
];

export function limitsText(p: Process): string {
  let out = `${'Limit'.padEnd(25)} ${'Soft Limit'.padEnd(20)} ${'Hard Limit'.padEnd(20)} ${'Units'.padEnd(10)}\n`;
  const show = (v: bigint) => (v === RLIM_INFINITY ? 'unlimited' : v.toString()).padEnd(20);
  for (let r = 0; r < RLIM_NLIMITS; r++) {
    const [name, unit] = LIMIT_NAMES[r]!;
    const l = p.rlimits.get(r);
    out += `${name.padEnd(25)} ${show(l.cur)} ${show(l.max)} ${unit ? unit.padEnd(10) : ''}\n`;
  }
  return out;
}

const PAGE = 4096;

/** task_statm from the process's areas: size = every area; text = executable areas (Linux:
 *  end_code − start_code, the program's text segment);
 *  data = private writable areas and the stack (data_vm + stack_vm); resident and shared count
 *  pages of the same areas (vsys does not keep per-process RSS counters, so resident is the
 *  mapped size of the written areas plus the text, an upper bound). */
export function statmText(p: Process): string {
  const areas = p.mm?.areas ?? [];
  let size = 0, text = 0, data = 0, shared = 0;
  for (const a of areas) {
    const pages = Math.ceil((a.end - a.start) / PAGE);
    size += pages;
    if (a.prot.exec && !a.prot.write && !a.name.startsWith('[')) text += pages; // not [vdso]
    else if (a.prot.write && !a.shared) data += pages;
    if (a.shared || a.file) shared += pages;
  }
  const resident = text + data;
  return `${size} ${resident} ${shared} ${text} 0 ${data} 0\n`;
}

export interface FdinfoFile {
  offset: number;
  flags: number;
  mntId: number;
  ino: number;
}

export function fdinfoText(p: Process, file: FdinfoFile, cloexec: boolean): string {
  const abi = p.arch === 'arm64' ? 'arm64' : 'x86_64';
  const flags = openFlagsToAbi(abi, file.flags) | (cloexec ? openFlagsToAbi(abi, O_CLOEXEC) : 0);
  return `pos:\t${file.offset}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${file.mntId}\nino:\t${file.ino}\n`;
}
