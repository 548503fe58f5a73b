// Resource limits (getrlimit(2)). Defaults are Linux's boot-time values from
// include/asm-generic/resource.h INIT_RLIMITS: RLIMIT_STACK 8 MiB soft (_STK_LIM) / infinity,
// RLIMIT_NOFILE 1024 / 4096 (INR_OPEN_CUR / INR_OPEN_MAX), RLIMIT_MEMLOCK 8 MiB, RLIMIT_MSGQUEUE
// 819200, RLIMIT_NPROC and RLIMIT_SIGPENDING derived from memory (we use 63446 like a small
// machine), everything else infinity; RLIMIT_CORE 0 soft as distributions ship it.
// (The build machine's shell shows 20000/20000 for NOFILE, set by its container runtime, not
// by the kernel; a guest gets the kernel's defaults.)

export const RLIM_INFINITY = (1n << 64n) - 1n;

export const Resource = {
  RLIMIT_CPU: 0,
  RLIMIT_FSIZE: 1,
  RLIMIT_DATA: 2,
  RLIMIT_STACK: 3,
  RLIMIT_CORE: 4,
  RLIMIT_RSS: 5,
  RLIMIT_NPROC: 6,
  RLIMIT_NOFILE: 7,
  RLIMIT_MEMLOCK: 8,
  RLIMIT_AS: 9,
  RLIMIT_LOCKS: 10,
  RLIMIT_SIGPENDING: 11,
  RLIMIT_MSGQUEUE: 12,
  RLIMIT_NICE: 13,
  RLIMIT_RTPRIO: 14,
  RLIMIT_RTTIME: 15,
} as const;

/** RLIM_NLIMITS: resources numbered 0…15. */
export const RLIM_NLIMITS = 16;

/** fs/file.c sysctl_nr_open: the highest RLIMIT_NOFILE hard limit (EPERM beyond it). */
export const NR_OPEN = 1048576;

export interface Rlimit {
  cur: bigint;
  max: bigint;
}

export class ResourceLimits {
  private readonly limits: Rlimit[];

  constructor(from?: ResourceLimits) {
    this.limits = from
      ? from.limits.map((l) => ({ ...l }))
      : Array.from({ length: RLIM_NLIMITS }, () => ({ cur: RLIM_INFINITY, max: RLIM_INFINITY }));
    if (!from) {
      this.limits[Resource.RLIMIT_STACK] = { cur: 8n * 1024n * 1024n, max: RLIM_INFINITY };
      this.limits[Resource.RLIMIT_CORE] = { cur: 0n, max: RLIM_INFINITY };
      this.limits[Resource.RLIMIT_NOFILE] = { cur: 1024n, max: 4096n };
      this.limits[Resource.RLIMIT_MEMLOCK] = { cur: 8n * 1024n * 1024n, max: 8n * 1024n * 1024n };
      this.limits[Resource.RLIMIT_MSGQUEUE] = { cur: 819200n, max: 819200n };
      this.limits[Resource.RLIMIT_NPROC] = { cur: 63446n, max: 63446n };
      this.limits[Resource.RLIMIT_SIGPENDING] = { cur: 63446n, max: 63446n };
      this.limits[Resource.RLIMIT_NICE] = { cur: 0n, max: 0n };
      this.limits[Resource.RLIMIT_RTPRIO] = { cur: 0n, max: 0n };
    }
  }

  get(resource: number): Rlimit {
    const l = this.limits[resource];
    if (!l) throw new RangeError(`resource ${resource} out of range`);
    return { ...l };
  }

  set(resource: number, limit: Rlimit): void {
    if (resource < 0 || resource >= RLIM_NLIMITS) throw new RangeError(`resource ${resource} out of range`);
    this.limits[resource] = { ...limit };
  }

  /** The soft limit as a JS number (Infinity for RLIM_INFINITY), handy for checks. */
  soft(resource: number): number {
    const cur = this.get(resource).cur;
    return cur === RLIM_INFINITY ? Infinity : Number(cur);
  }
}
