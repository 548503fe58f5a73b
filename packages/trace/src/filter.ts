// `-e trace=SET` and `-e signal=SET` (strace(1) "Filtering"): a comma-separated list of names,
// classes (%file %desc %process %memory %network/%net %signal %ipc %creds %stat %clock), `all`
// and `none`; a leading `!` negates the whole set. Unknown names are an error, as in strace
// ("invalid system call 'x'").

import type { SyscallClass, SyscallDecl } from '@vsys/kernel';
import { signalName } from '@vsys/kernel';

export class FilterError extends Error {}

const CLASSES: Record<string, SyscallClass> = {
  file: 'file', desc: 'desc', process: 'process', memory: 'memory', network: 'network', net: 'network',
  signal: 'signal', ipc: 'ipc', creds: 'creds', stat: 'stat', clock: 'clock',
};

export type SyscallFilter = (decl: SyscallDecl, implemented: boolean) => boolean;

/** Parses the SET of `-e trace=SET` against the names the kernel declares. */
export function parseTraceSet(set: string, knownNames: ReadonlySet<string>): SyscallFilter {
  let negate = false;
  let body = set.trim();
  if (body.startsWith('!')) {
    negate = true;
    body = body.slice(1);
  }
  const names = new Set<string>();
  const classes = new Set<SyscallClass>();
  let all = false;
  for (const raw of body.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'all') all = true;
    else if (raw === 'none') continue;
    else if (raw.startsWith('%')) {
      const c = CLASSES[raw.slice(1)];
      if (!c) throw new FilterError(`invalid system call '${raw}'`);
      classes.add(c);
    } else if (knownNames.has(raw)) names.add(raw);
    else throw new FilterError(`invalid system call '${raw}'`);
  }
  // strace 6.1 still prints calls to numbers it has no name for, whatever the filter says
  // (measured; facts §4.4).
  return (decl, implemented) => {
    if (!implemented && decl.name.startsWith('syscall_0x')) return true;
    const hit = all || names.has(decl.name) || decl.classes.some((c) => classes.has(c));
    return negate ? !hit : hit;
  };
}

export type SignalFilter = (signo: number) => boolean;

export function parseSignalSet(set: string): SignalFilter {
  let negate = false;
  let body = set.trim();
  if (body.startsWith('!')) {
    negate = true;
    body = body.slice(1);
  }
  const wanted = new Set<number>();
  let all = false;
  for (const raw of body.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'all') {
      all = true;
      continue;
    }
    if (raw === 'none') continue;
    if (/^\d+$/.test(raw)) {
      wanted.add(Number(raw));
      continue;
    }
    const name = raw.toUpperCase().startsWith('SIG') ? raw.toUpperCase() : `SIG${raw.toUpperCase()}`;
    let found = false;
    for (let s = 1; s <= 64; s++) if (signalName(s) === name) {
      wanted.add(s);
      found = true;
    }
    if (!found) throw new FilterError(`invalid signal '${raw}'`);
  }
  return (signo) => (all || wanted.has(signo)) !== negate;
}
