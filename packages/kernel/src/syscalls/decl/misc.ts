// Identity and system information: the uid/gid family (with i386's 16-bit and *32 forms),
// uname, resource limits (getrlimit setrlimit prlimit64, i386 ugetrlimit), getrandom,
// sched_yield, arch_prctl. Rules from kernel/sys.c, kernel/groups.c, drivers/char/random.c,
// arch/x86/kernel/process_64.c and the man pages; error cases measured on the build machine.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import type { SyscallAbi, SyscallArg, SyscallDecl } from '../types.js';
import type { SyscallContext } from '../context.js';
import { getWords, putWords } from '../uaccess.js';
import type { Credentials } from '../../process/credentials.js';
import { NR_OPEN, Resource, RLIM_INFINITY, RLIM_NLIMITS, type Rlimit } from '../../process/rlimits.js';
import type { Process } from '../../process/process.js';
import { utsOf } from './system.js';

// ---- uid / gid ----

type IdField = 'uid' | 'euid' | 'gid' | 'egid';

/** The 16-bit i386 calls report ids above 65535 as the overflow id 65534 (high2lowuid). */
function low16(id: number): number {
  return id > 0xffff ? 65534 : id;
}

function idGetter(name: string, field: IdField): SyscallDecl[] {
  return [
    {
      name,
      numbers: numbersOf(name, { i386: null }),
      args: [],
      classes: ['creds'],
      handler: (ctx) => ctx.process.creds[field],
    },
    {
      name: `${name}32`,
      numbers: numbersOf(`${name}32`, { x86_64: null, arm64: null }),
      args: [],
      classes: ['creds'],
      handler: (ctx) => ctx.process.creds[field],
    },
    {
      // i386's 16-bit form: strace prints it under the plain name.
      name,
      numbers: { i386: numbersOf(name).i386! },
      args: [],
      classes: ['creds'],
      handler: (ctx) => low16(ctx.process.creds[field]),
    },
  ];
}

/** -1 (all ones in the id's width) means "leave unchanged" for setre*id/setres*id. */
function idArg(ctx: SyscallContext, v: number, bits16: boolean): number {
  const u = v >>> 0;
  if (bits16) return (u & 0xffff) === 0xffff ? -1 : u & 0xffff;
  return u === 0xffffffff ? -1 : u;
}

type Kind = 'u' | 'g';
const fields = (k: Kind) =>
  k === 'u'
    ? ({ r: 'uid', e: 'euid', s: 'suid', fs: 'fsuid' } as const)
    : ({ r: 'gid', e: 'egid', s: 'sgid', fs: 'fsgid' } as const);

function setId(c: Credentials, k: Kind, id: number): number {
  // setuid(2)/setgid(2): -1 is not a valid id → EINVAL; privileged sets all; otherwise the id
  // must equal the real or saved one and only the effective (and fs) id changes.
  if (id === -1) return -errno.EINVAL;
  const f = fields(k);
  if (c.privileged) {
    c[f.r] = c[f.e] = c[f.s] = c[f.fs] = id;
    return 0;
  }
  if (id !== c[f.r] && id !== c[f.s]) return -errno.EPERM;
  c[f.e] = c[f.fs] = id;
  return 0;
}

function setReId(c: Credentials, k: Kind, r: number, e: number): number {
  const f = fields(k);
  const priv = c.privileged;
  if (r !== -1 && !priv && r !== c[f.r] && r !== c[f.e]) return -errno.EPERM;
  if (e !== -1 && !priv && e !== c[f.r] && e !== c[f.e] && e !== c[f.s]) return -errno.EPERM;
  const oldR = c[f.r];
  if (r !== -1) c[f.r] = r;
  if (e !== -1) c[f.e] = e;
  // The saved id follows the new effective id when the real id was set or the effective id
  // differs from the old real id (kernel/sys.c __sys_setreuid).
  if (r !== -1 || (e !== -1 && e !== oldR)) c[f.s] = c[f.e];
  c[f.fs] = c[f.e];
  return 0;
}

function setResId(c: Credentials, k: Kind, r: number, e: number, s: number): number {
  const f = fields(k);
  if (!c.privileged) {
    const allowed = [c[f.r], c[f.e], c[f.s]];
    for (const v of [r, e, s]) if (v !== -1 && !allowed.includes(v)) return -errno.EPERM;
  }
  if (r !== -1) c[f.r] = r;
  if (e !== -1) c[f.e] = e;
  if (s !== -1) c[f.s] = s;
  c[f.fs] = c[f.e];
  return 0;
}

function getResId(ctx: SyscallContext, k: Kind, addrs: number[], size: 2 | 4): number {
  const f = fields(k);
  const c = ctx.process.creds;
  const vals = [c[f.r], c[f.e], c[f.s]];
  for (let i = 0; i < 3; i++) {
    const b = new Uint8Array(size);
    const v = size === 2 ? low16(vals[i]!) : vals[i]!;
    for (let j = 0; j < size; j++) b[j] = (v >>> (8 * j)) & 0xff;
    if (!ctx.mem.write(addrs[i]!, b)) return -errno.EFAULT;
  }
  return 0;
}

/** The set*id calls in their 32-bit (x86_64, arm64, i386 *32) and 16-bit (i386) forms. */
function idSetters(): SyscallDecl[] {
  const out: SyscallDecl[] = [];
  const idA = (n: string): SyscallArg => ({ name: n, type: 'int' });
  for (const k of ['u', 'g'] as const) {
    const variants: { suffix: string; bits16: boolean; abis: Partial<Record<SyscallAbi, string | null>> }[] = [
      { suffix: '', bits16: false, abis: { i386: null } },
      { suffix: '32', bits16: false, abis: { x86_64: null, arm64: null } },
      { suffix: '16', bits16: true, abis: {} },
    ];
    for (const v of variants) {
      const nums = (base: string) => {
        if (v.suffix === '16') {
          const n = numbersOf(base).i386;
          return n === undefined ? {} : { i386: n };
        }
        return numbersOf(`${base}${v.suffix}`, v.abis);
      };
      out.push(
        {
          name: `set${k}id${v.suffix === '16' ? '' : v.suffix}`,
          numbers: nums(`set${k}id`),
          args: [idA(`${k}id`)],
          classes: ['creds'],
          handler: (ctx, a) => setId(ctx.process.creds, k, idArg(ctx, a.int(0), v.bits16)),
        },
        {
          name: `setre${k}id${v.suffix === '16' ? '' : v.suffix}`,
          numbers: nums(`setre${k}id`),
          args: [idA(`r${k}id`), idA(`e${k}id`)],
          classes: ['creds'],
          handler: (ctx, a) => setReId(ctx.process.creds, k, idArg(ctx, a.int(0), v.bits16), idArg(ctx, a.int(1), v.bits16)),
        },
        {
          name: `setres${k}id${v.suffix === '16' ? '' : v.suffix}`,
          numbers: nums(`setres${k}id`),
          args: [idA(`r${k}id`), idA(`e${k}id`), idA(`s${k}id`)],
          classes: ['creds'],
          handler: (ctx, a) =>
            setResId(
              ctx.process.creds,
              k,
              idArg(ctx, a.int(0), v.bits16),
              idArg(ctx, a.int(1), v.bits16),
              idArg(ctx, a.int(2), v.bits16),
            ),
        },
        {
          name: `getres${k}id${v.suffix === '16' ? '' : v.suffix}`,
          numbers: nums(`getres${k}id`),
          args: [
            { name: `r${k}id`, type: 'ptr' },
            { name: `e${k}id`, type: 'ptr' },
            { name: `s${k}id`, type: 'ptr' },
          ],
          classes: ['creds'],
          handler: (ctx, a) => getResId(ctx, k, [a.ptr(0), a.ptr(1), a.ptr(2)], v.bits16 ? 2 : 4),
        },
        {
          // setfsuid(2): returns the previous fsuid whether or not the change happened.
          name: `setfs${k}id${v.suffix === '16' ? '' : v.suffix}`,
          numbers: nums(`setfs${k}id`),
          args: [idA(`fs${k}id`)],
          classes: ['creds'],
          handler: (ctx, a) => {
            const c = ctx.process.creds;
            const f = fields(k);
            const old = c[f.fs];
            const id = idArg(ctx, a.int(0), v.bits16);
            if (id !== -1 && (c.privileged || [c[f.r], c[f.e], c[f.s], c[f.fs]].includes(id))) c[f.fs] = id;
            return v.bits16 ? low16(old) : old;
          },
        },
      );
    }
  }
  return out.filter((d) => Object.keys(d.numbers).length > 0);
}

function getgroups(ctx: SyscallContext, size: number, addr: number, width: 2 | 4) {
  const groups = ctx.process.creds.groups;
  if (size < 0) return -errno.EINVAL;
  if (size === 0) return groups.length;
  if (size < groups.length) return -errno.EINVAL;
  const b = new Uint8Array(groups.length * width);
  groups.forEach((g, i) => {
    const v = width === 2 ? low16(g) : g;
    for (let j = 0; j < width; j++) b[i * width + j] = (v >>> (8 * j)) & 0xff;
  });
  return ctx.mem.write(addr, b) ? groups.length : -errno.EFAULT;
}

function setgroups(ctx: SyscallContext, size: number, addr: number, width: 2 | 4) {
  if (!ctx.process.creds.privileged) return -errno.EPERM;
  if (size < 0 || size > 65536) return -errno.EINVAL;
  const b = ctx.mem.read(addr, size * width);
  if (!b) return -errno.EFAULT;
  const groups: number[] = [];
  for (let i = 0; i < size; i++) {
    let v = 0;
    for (let j = 0; j < width; j++) v |= b[i * width + j]! << (8 * j);
    groups.push(v >>> 0);
  }
  ctx.process.creds.groups = groups.sort((x, y) => x - y);
  return 0;
}

// ---- uname ----

function uname(ctx: SyscallContext, addr: number) {
  // struct new_utsname: six 65-byte NUL-padded fields.
  const names = utsOf(ctx.kernel); // sethostname / setdomainname change these
  const fieldsText = [
    'Linux',
    names.hostname,
    ctx.kernel.release,
    '#1 SMP PREEMPT_DYNAMIC vsys',
    ctx.process.arch === 'arm64' ? 'aarch64' : 'x86_64',
    names.domainname,
  ];
  const b = new Uint8Array(6 * 65);
  fieldsText.forEach((s, i) => b.set(new TextEncoder().encode(s).subarray(0, 64), i * 65));
  return ctx.mem.write(addr, b) ? 0 : -errno.EFAULT;
}

// ---- resource limits ----

/** do_prlimit (kernel/sys.c): EINVAL for an unknown resource or cur > max; EPERM for a
 *  NOFILE max above nr_open or raising a hard limit without CAP_SYS_RESOURCE. */
function doPrlimit(target: Process, privileged: boolean, resource: number, next: Rlimit | null): Rlimit | number {
  if (resource < 0 || resource >= RLIM_NLIMITS) return -errno.EINVAL;
  const old = target.rlimits.get(resource);
  if (next) {
    if (next.cur > next.max) return -errno.EINVAL;
    if (resource === Resource.RLIMIT_NOFILE && next.max > BigInt(NR_OPEN)) return -errno.EPERM;
    if (next.max > old.max && !privileged) return -errno.EPERM;
    target.rlimits.set(resource, next);
  }
  return old;
}

type RlimitForm = 'native' | 'compat' | 'compat-old';

/** Encodes for the ABI: 64-bit words natively; i386 ugetrlimit clamps to 0xffffffff
 *  (COMPAT_RLIM_INFINITY), the old i386 getrlimit to 0x7fffffff. */
function putRlimit(ctx: SyscallContext, addr: number, l: Rlimit, form: RlimitForm): boolean {
  if (form === 'native') return putWords(ctx.mem, addr, [l.cur, l.max], 8);
  const inf = form === 'compat' ? 0xffffffffn : 0x7fffffffn;
  const clamp = (v: bigint) => (v > inf ? inf : v);
  return putWords(ctx.mem, addr, [clamp(l.cur), clamp(l.max)], 4);
}

function getRlimitArg(ctx: SyscallContext, addr: number, form: RlimitForm): Rlimit | null {
  if (form === 'native') {
    const w = getWords(ctx.mem, addr, 2, 8);
    return w ? { cur: w[0]!, max: w[1]! } : null;
  }
  const w = getWords(ctx.mem, addr, 2, 4);
  const widen = (v: bigint) => (v === 0xffffffffn ? RLIM_INFINITY : v);
  return w ? { cur: widen(w[0]!), max: widen(w[1]!) } : null;
}

function getrlimit(ctx: SyscallContext, resource: number, addr: number, form: RlimitForm) {
  const r = doPrlimit(ctx.process, false, resource >>> 0 === resource ? resource : -1, null);
  if (typeof r === 'number') return r;
  return putRlimit(ctx, addr, r, form) ? 0 : -errno.EFAULT;
}

function setrlimit(ctx: SyscallContext, resource: number, addr: number, form: RlimitForm) {
  const next = getRlimitArg(ctx, addr, form);
  if (!next) return -errno.EFAULT;
  const r = doPrlimit(ctx.process, ctx.process.creds.privileged, resource, next);
  return typeof r === 'number' ? r : 0;
}

function prlimit64(ctx: SyscallContext, pid: number, resource: number, newAddr: number, oldAddr: number) {
  let next: Rlimit | null = null;
  if (newAddr) {
    next = getRlimitArg(ctx, newAddr, 'native');
    if (!next) return -errno.EFAULT;
  }
  const target = pid === 0 ? ctx.process : ctx.kernel.processes.get(pid);
  if (!target || target.state !== 'alive') return -errno.ESRCH;
  const me = ctx.process.creds;
  const t = target.creds;
  if (!me.privileged && !(me.uid === t.uid && me.uid === t.euid && me.uid === t.suid && me.gid === t.gid)) return -errno.EPERM;
  const r = doPrlimit(target, me.privileged, resource, next);
  if (typeof r === 'number') return r;
  if (oldAddr && !putRlimit(ctx, oldAddr, r, 'native')) return -errno.EFAULT;
  return 0;
}

// ---- getrandom ----

const GRND_NONBLOCK = 1;
const GRND_RANDOM = 2;
const GRND_INSECURE = 4;

function getrandom(ctx: SyscallContext, addr: number, count: number, flags: number) {
  // drivers/char/random.c: unknown flags, or INSECURE together with RANDOM → EINVAL; the length
  // is capped at INT_MAX; a fault after some bytes returns the bytes written.
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return -errno.EINVAL;
  if ((flags & (GRND_INSECURE | GRND_RANDOM)) === (GRND_INSECURE | GRND_RANDOM)) return -errno.EINVAL;
  const len = Math.min(count, 0x7fffffff);
  let done = 0;
  const CHUNK = 65536;
  while (done < len) {
    const n = Math.min(CHUNK, len - done);
    if (!ctx.mem.write(addr + done, ctx.kernel.randomBytes(n))) {
      // Find how much of this chunk is writable, byte-exactly at the first bad page.
      let ok = 0;
      while (ok < n && ctx.mem.write(addr + done + ok, ctx.kernel.randomBytes(1))) ok++;
      done += ok;
      return done > 0 ? done : -errno.EFAULT;
    }
    done += n;
  }
  return done;
}

// ---- arch_prctl ----

const ARCH_SET_GS = 0x1001;
const ARCH_SET_FS = 0x1002;
const ARCH_GET_FS = 0x1003;
const ARCH_GET_GS = 0x1004;
const ARCH_GET_CPUID = 0x1011;
const ARCH_SET_CPUID = 0x1012;

function archPrctl(ctx: SyscallContext, code: number, arg: bigint) {
  const t = ctx.thread;
  // process_64.c do_arch_prctl_64: a base at or above TASK_SIZE_MAX (2^47 - 4096) → EPERM.
  const TASK_SIZE_MAX = 0x7ffffffff000n;
  switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
      if (arg >= TASK_SIZE_MAX) return -errno.EPERM;
      if (code === ARCH_SET_FS) t.tls = arg;
      else t.gsBase = arg;
      ctx.kernel.options.arch?.onTlsChange?.(t);
      return 0;
    case ARCH_GET_FS:
    case ARCH_GET_GS: {
      const addr = arg < 1n << 53n ? Number(arg) : -1;
      return putWords(ctx.mem, addr, [code === ARCH_GET_FS ? t.tls : t.gsBase], 8) ? 0 : -errno.EFAULT;
    }
    case ARCH_GET_CPUID:
      return 1; // cpuid is not faulting
    case ARCH_SET_CPUID:
      return -errno.ENODEV; // no CPUID faulting support on this "CPU"
    default:
      return -errno.EINVAL;
  }
}

// ---- sysinfo, getcpu, prctl ----

/** The memory sysinfo reports (the emulated machine's RAM is the integration's choice; 1 GiB
 *  total, half free, is a documented stand-in). */
const SYSINFO_TOTAL_RAM = 1n << 30n;

/** sysinfo(2): struct sysinfo {long uptime; ulong loads[3], totalram, freeram, sharedram,
 *  bufferram, totalswap, freeswap; u16 procs, pad; ulong totalhigh, freehigh; u32 mem_unit} —
 *  112 bytes on 64-bit (the i386 form has 32-bit longs: 64 bytes). */
function sysinfo(ctx: SyscallContext, addr: number) {
  const long = ctx.abi === 'i386' ? 4 : 8;
  const uptime = ctx.kernel.clock.monotonicNs() / 1_000_000_000n;
  const procs = BigInt(ctx.kernel.processes.size);
  const b = new Uint8Array(long === 8 ? 112 : 64);
  const v = new DataView(b.buffer);
  const put = (i: number, x: bigint) => (long === 8 ? v.setBigUint64(i * 8, x, true) : v.setUint32(i * 4, Number(BigInt.asUintN(32, x)), true));
  put(0, uptime);
  put(4, SYSINFO_TOTAL_RAM);
  put(5, SYSINFO_TOTAL_RAM / 2n);
  const procsAt = 10 * long;
  v.setUint16(procsAt, Number(procs), true);
  const memUnitAt = long === 8 ? 104 : 52;
  v.setUint32(memUnitAt, 1, true);
  return ctx.mem.write(addr, b) ? 0 : -errno.EFAULT;
}

const PR_GET_DUMPABLE = 3;
const PR_SET_DUMPABLE = 4;
const PR_SET_NAME = 15;
const PR_GET_NAME = 16;

/** prctl(2): the name (PR_SET_NAME/PR_GET_NAME, 16 bytes with the NUL — TASK_COMM_LEN) and
 *  dumpable flag; other options are not modelled and return EINVAL, as Linux does for options
 *  it does not know. */
function prctl(ctx: SyscallContext, option: number, arg2: number, arg2raw: bigint) {
  const p = ctx.process;
  switch (option) {
    case PR_GET_DUMPABLE:
      return p.dumpable;
    case PR_SET_DUMPABLE:
      if (arg2raw !== 0n && arg2raw !== 1n) return -errno.EINVAL;
      p.dumpable = Number(arg2raw);
      return 0;
    case PR_SET_NAME: {
      const name = ctx.mem.readCString(arg2, 15);
      if (name === null) return -errno.EFAULT;
      const bytes = name === 'toolong' ? ctx.mem.read(arg2, 15) : name;
      if (!bytes) return -errno.EFAULT;
      p.comm = new TextDecoder('latin1').decode(bytes);
      return 0;
    }
    case PR_GET_NAME: {
      const out = new Uint8Array(16);
      out.set(Uint8Array.from(p.comm.slice(0, 15), (c) => c.charCodeAt(0) & 0xff));
      return ctx.mem.write(arg2, out) ? 0 : -errno.EFAULT;
    }
    default:
      return -errno.EINVAL;
  }
}

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'sysinfo',
    numbers: numbersOf('sysinfo'),
    args: [{ name: 'info', type: 'ptr' }],
    classes: [],
    handler: (ctx, a) => sysinfo(ctx, a.ptr(0)),
  },
  {
    // getcpu(2): one CPU, one NUMA node; NULL pointers are skipped.
    name: 'getcpu',
    numbers: numbersOf('getcpu'),
    args: [
      { name: 'cpu', type: 'ptr' },
      { name: 'node', type: 'ptr' },
      { name: 'tcache', type: 'ptr' },
    ],
    classes: [],
    handler: (ctx, a) => {
      for (const i of [0, 1]) {
        const addr = a.ptr(i);
        if (addr && !putWords(ctx.mem, addr, [0], 4)) return -errno.EFAULT;
      }
      return 0;
    },
  },
  {
    name: 'prctl',
    numbers: numbersOf('prctl'),
    args: [
      { name: 'option', type: 'int' },
      { name: 'arg2', type: 'hex' },
      { name: 'arg3', type: 'hex' },
      { name: 'arg4', type: 'hex' },
      { name: 'arg5', type: 'hex' },
    ],
    classes: [],
    handler: (ctx, a) => prctl(ctx, a.int(0), a.ptr(1), a.u64(1)),
  },
  ...idGetter('getuid', 'uid'),
  ...idGetter('geteuid', 'euid'),
  ...idGetter('getgid', 'gid'),
  ...idGetter('getegid', 'egid'),
  ...idSetters(),
  {
    name: 'getgroups',
    numbers: numbersOf('getgroups', { i386: null }),
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => getgroups(ctx, a.int(0), a.ptr(1), 4),
  },
  {
    name: 'getgroups32',
    numbers: numbersOf('getgroups32', { x86_64: null, arm64: null }),
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => getgroups(ctx, a.int(0), a.ptr(1), 4),
  },
  {
    name: 'setgroups',
    numbers: numbersOf('setgroups', { i386: null }),
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => setgroups(ctx, a.int(0), a.ptr(1), 4),
  },
  {
    name: 'setgroups32',
    numbers: numbersOf('setgroups32', { x86_64: null, arm64: null }),
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => setgroups(ctx, a.int(0), a.ptr(1), 4),
  },
  {
    name: 'getgroups',
    numbers: { i386: numbersOf('getgroups').i386! },
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => getgroups(ctx, a.int(0), a.ptr(1), 2),
  },
  {
    name: 'setgroups',
    numbers: { i386: numbersOf('setgroups').i386! },
    args: [
      { name: 'size', type: 'int' },
      { name: 'list', type: 'ptr' },
    ],
    classes: ['creds'],
    handler: (ctx, a) => setgroups(ctx, a.int(0), a.ptr(1), 2),
  },
  {
    name: 'uname',
    numbers: numbersOf('uname'),
    args: [{ name: 'buf', type: 'utsname' }],
    classes: [],
    handler: (ctx, a) => uname(ctx, a.ptr(0)),
  },
  {
    name: 'getrlimit',
    numbers: numbersOf('getrlimit', { i386: null }),
    args: [
      { name: 'resource', type: 'resource' },
      { name: 'rlim', type: 'outrlimit' },
    ],
    classes: [],
    handler: (ctx, a) => getrlimit(ctx, a.int(0), a.ptr(1), 'native'),
  },
  {
    // i386 191: getrlimit with RLIM_INFINITY as 0xffffffff.
    name: 'ugetrlimit',
    numbers: numbersOf('ugetrlimit', { x86_64: null, arm64: null }),
    args: [
      { name: 'resource', type: 'resource' },
      { name: 'rlim', type: 'outrlimit' },
    ],
    classes: [],
    handler: (ctx, a) => getrlimit(ctx, a.int(0), a.ptr(1), 'compat'),
  },
  {
    // i386 76: the old getrlimit, infinity clamped to 0x7fffffff (strace prints "getrlimit").
    name: 'getrlimit',
    numbers: { i386: numbersOf('getrlimit').i386! },
    args: [
      { name: 'resource', type: 'resource' },
      { name: 'rlim', type: 'outrlimit' },
    ],
    classes: [],
    handler: (ctx, a) => getrlimit(ctx, a.int(0), a.ptr(1), 'compat-old'),
  },
  {
    name: 'setrlimit',
    numbers: numbersOf('setrlimit'),
    args: [
      { name: 'resource', type: 'resource' },
      { name: 'rlim', type: 'rlimit' },
    ],
    classes: [],
    handler: (ctx, a) => setrlimit(ctx, a.int(0), a.ptr(1), ctx.abi === 'i386' ? 'compat' : 'native'),
  },
  {
    name: 'prlimit64',
    numbers: numbersOf('prlimit64'),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'resource', type: 'resource' },
      { name: 'new_limit', type: 'rlimit' },
      { name: 'old_limit', type: 'outrlimit' },
    ],
    classes: [],
    handler: (ctx, a) => prlimit64(ctx, a.int(0), a.int(1), a.ptr(2), a.ptr(3)),
  },
  {
    name: 'getrandom',
    numbers: numbersOf('getrandom'),
    args: [
      { name: 'buf', type: 'random_bytes', len: 1 },
      { name: 'buflen', type: 'uint' },
      { name: 'flags', type: 'grnd_flags' },
    ],
    classes: [],
    handler: (ctx, a) => getrandom(ctx, a.ptr(0), a.size(1), a.int(2)),
  },
  {
    name: 'sched_yield',
    numbers: numbersOf('sched_yield'),
    args: [],
    classes: [],
    handler: (ctx) => {
      ctx.kernel.rescheduleRequested = true;
      return 0;
    },
  },
  {
    name: 'arch_prctl',
    numbers: numbersOf('arch_prctl', { i386: null }),
    args: [
      { name: 'code', type: 'arch_prctl_code' },
      { name: 'addr', type: 'hex' },
    ],
    classes: ['process'],
    handler: (ctx, a) => archPrctl(ctx, a.int(0), a.u64(1)),
  },
];
