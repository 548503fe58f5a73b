// Memory syscalls: brk, mmap (x86-64/arm64 byte offset; i386 mmap2 with a page offset and the
// old i386 mmap taking a pointer to six words), munmap, mprotect, madvise, mremap, msync,
// mincore, and the mlock family (mlock, mlock2, munlock, mlockall, munlockall).
// The semantics live in mm/memory-map.ts; here are the argument rules of each entry point
// (arch/x86/kernel/sys_x86_64.c, arch/arm64/kernel/sys.c, mm/mmap.c ksys_mmap_pgoff).

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import type { SyscallDecl } from '../types.js';
import type { SyscallContext } from '../context.js';
import { getWords } from '../uaccess.js';
import { MAP_ANONYMOUS, MAP_HUGETLB, type MappableFile } from '../../mm/memory-map.js';
import { PAGE_SIZE } from '../../mm/paging.js';

function doMmap(ctx: SyscallContext, addr: number, length: number, prot: number, flags: number, fd: number, offset: number) {
  let file: MappableFile | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    const vfs = ctx.kernel.options.vfs;
    const f = vfs?.mmapFile ? vfs.mmapFile(ctx.process, fd) : -errno.EBADF;
    if (typeof f === 'number') return f;
    file = f;
  } else if (flags & MAP_HUGETLB) return -errno.EINVAL;
  if (addr < 0) addr = ctx.process.mm.layout.taskSize; // beyond 2^53: no valid hint or fixed address
  return ctx.process.mm.mmap(addr, length, prot, flags, file, offset, ctx.process.creds.privileged, ctx.abi === 'i386');
}

/** An address argument as a number: exact below 2^53; a larger value becomes 2^53 (page
 *  aligned, past every TASK_SIZE) or 2^53 - 1 (unaligned), so range and alignment checks see
 *  what they would have seen of the real value. */
function addrArg(a: { u64(i: number): bigint }, i: number): number {
  const v = a.u64(i);
  if (v < 1n << 53n) return Number(v);
  return v % BigInt(PAGE_SIZE) === 0n ? 2 ** 53 : 2 ** 53 - 1;
}

const MLOCK_ONFAULT = 1;
const MCL_CURRENT = 1;
const MCL_FUTURE = 2;
const MCL_ONFAULT = 4;

const mmapArgs = [
  { name: 'addr', type: 'ptr' as const },
  { name: 'length', type: 'uint' as const },
  { name: 'prot', type: 'prot' as const },
  { name: 'flags', type: 'mapflags' as const },
  { name: 'fd', type: 'fd' as const },
  { name: 'offset', type: 'hex' as const },
];

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'brk',
    numbers: numbersOf('brk'),
    args: [{ name: 'addr', type: 'ptr' }],
    ret: 'hex',
    classes: ['memory'],
    handler: (ctx, a) => {
      const req = a.ptr(0);
      return ctx.process.mm.setBrk(req < 0 ? ctx.process.mm.layout.taskSize + 1 : req);
    },
  },
  {
    // x86-64/arm64 mmap: the offset is in bytes and must be page aligned (EINVAL) —
    // sys_x86_64.c: `if (off & ~PAGE_MASK) return -EINVAL`.
    name: 'mmap',
    numbers: numbersOf('mmap', { i386: null }),
    args: mmapArgs,
    ret: 'hex',
    classes: ['memory'],
    handler: (ctx, a) => {
      const off = a.u64(5);
      if (off % BigInt(PAGE_SIZE) !== 0n) return -errno.EINVAL;
      if (off > BigInt(Number.MAX_SAFE_INTEGER)) return -errno.EOVERFLOW;
      return doMmap(ctx, a.ptr(0), a.size(1), a.int(2), a.int(3), a.int(4), Number(off));
    },
  },
  {
    // i386 mmap2: offset in 4 KiB units.
    name: 'mmap2',
    numbers: numbersOf('mmap2', { x86_64: null, arm64: null }),
    args: mmapArgs.map((x, i) => (i === 5 ? { name: 'pgoffset', type: 'hex' as const } : x)),
    ret: 'hex',
    classes: ['memory'],
    handler: (ctx, a) => doMmap(ctx, a.ptr(0), a.size(1), a.int(2), a.int(3), a.int(4), Number(a.u64(5)) * PAGE_SIZE),
  },
  {
    // i386 old mmap (90): one pointer to struct mmap_arg_struct {addr, len, prot, flags, fd,
    // offset} of 32-bit words; the offset must be page aligned (sys_old_mmap). strace prints
    // it as "mmap".
    name: 'mmap',
    numbers: { i386: 90 },
    args: [{ name: 'args', type: 'ptr' }],
    ret: 'hex',
    classes: ['memory'],
    handler: (ctx, a) => {
      const w = getWords(ctx.mem, a.ptr(0), 6, 4);
      if (!w) return -errno.EFAULT;
      if (w[5]! % BigInt(PAGE_SIZE) !== 0n) return -errno.EINVAL;
      return doMmap(ctx, Number(w[0]), Number(w[1]), Number(w[2]), Number(w[3]), Number(BigInt.asIntN(32, w[4]!)), Number(w[5]));
    },
  },
  {
    name: 'munmap',
    numbers: numbersOf('munmap'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'length', type: 'uint' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => {
      const addr = a.ptr(0);
      if (addr < 0) return -errno.EINVAL;
      return ctx.process.mm.munmap(addr, a.size(1));
    },
  },
  {
    name: 'mprotect',
    numbers: numbersOf('mprotect'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'length', type: 'uint' },
      { name: 'prot', type: 'prot' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => {
      const addr = a.ptr(0);
      if (addr < 0) return a.u64(0) % BigInt(PAGE_SIZE) ? -errno.EINVAL : -errno.ENOMEM;
      return ctx.process.mm.mprotect(addr, a.size(1), a.int(2));
    },
  },
  {
    // madvise(2): advice is only a hint here (no swapping, no huge pages); start must be page
    // aligned (EINVAL), unknown advice → EINVAL, a range with unmapped parts → ENOMEM.
    // MADV_DONTNEED (4) on private memory drops the pages: the next touch refills them with
    // zeros (anonymous) or the file's bytes (file mappings), as on Linux. Shared mappings keep
    // their pages (their data lives only there in this kernel).
    name: 'madvise',
    numbers: numbersOf('madvise'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'length', type: 'uint' },
      { name: 'advice', type: 'madvice' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => {
      const addr = a.ptr(0);
      const len = a.size(1);
      const advice = a.int(2);
      const known = [0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 100, 101];
      if (addr < 0 || addr % PAGE_SIZE) return -errno.EINVAL;
      if (!known.includes(advice)) return -errno.EINVAL;
      if (len === 0) return 0;
      const mm = ctx.process.mm;
      const end = addr + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
      let unmapped = false;
      for (let va = addr; va < end; va += PAGE_SIZE) if (!mm.findVma(va)) unmapped = true;
      // madvise_dontneed_free_valid_vma: MADV_DONTNEED (and MADV_FREE) refuse locked memory;
      // MADV_DONTNEED_LOCKED (24) is the form that may drop it.
      if (advice === 4 || advice === 8) {
        for (let va = addr; va < end; va += PAGE_SIZE) if (mm.findVma(va)?.locked) return -errno.EINVAL;
      }
      if (advice === 4 || advice === 24) {
        for (let va = addr; va < end; va += PAGE_SIZE) {
          const v = mm.findVma(va);
          if (v && !v.shared) mm.dropPage(va); // the frame stays while another process maps it
        }
      }
      return unmapped ? -errno.ENOMEM : 0;
    },
  },
  {
    // mremap(2): the rules are MemoryMap.mremap's (mm/mremap.c). strace shows new_address only
    // when MREMAP_MAYMOVE|MREMAP_FIXED are both set.
    name: 'mremap',
    numbers: numbersOf('mremap'),
    args: [
      { name: 'old_address', type: 'ptr' },
      { name: 'old_size', type: 'uint' },
      { name: 'new_size', type: 'uint' },
      { name: 'flags', type: 'mremapflags' },
      { name: 'new_address', type: 'ptr' },
    ],
    ret: 'hex',
    classes: ['memory'],
    handler: (ctx, a) => {
      const flags = a.u64(3);
      if (flags > 7n) return -errno.EINVAL;
      const addr = addrArg(a, 0);
      if (addr % PAGE_SIZE) return -errno.EINVAL;
      if (addr >= 2 ** 53) return a.size(2) === 0 ? -errno.EINVAL : -errno.EFAULT;
      const p = ctx.process;
      return p.mm.mremap(addr, a.size(1), a.size(2), Number(flags), addrArg(a, 4), p.creds.privileged, ctx.abi === 'i386');
    },
  },
  {
    name: 'msync',
    numbers: numbersOf('msync'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'length', type: 'uint' },
      { name: 'flags', type: 'msyncflags' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => ctx.process.mm.msync(addrArg(a, 0), a.size(1), a.int(2)),
  },
  {
    // mincore(2) (mm/mincore.c): EINVAL for an unaligned start, ENOMEM for a range past the
    // user address space, EFAULT for a vector that cannot hold one byte a page; then ENOMEM
    // at the first unmapped page (the vector holds the bytes before it).
    name: 'mincore',
    numbers: numbersOf('mincore'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'length', type: 'uint' },
      { name: 'vec', type: 'mincorevec', len: 1 },
    ],
    classes: ['memory'],
    handler: (ctx, a) => {
      const start = addrArg(a, 0);
      const len = a.size(1);
      if (start % PAGE_SIZE) return -errno.EINVAL;
      const limit = ctx.abi === 'i386' && ctx.process.arch === 'x86_64' ? 2 ** 32 : ctx.process.mm.layout.taskSize;
      if (len > limit || start > limit - len) return -errno.ENOMEM;
      const pages = Math.ceil(len / PAGE_SIZE);
      const vecAt = a.ptr(2);
      if (vecAt < 0 || vecAt + pages > limit) return -errno.EFAULT;
      // In chunks, as sys_mincore copies out one page of vector at a time: a huge range costs
      // no more host memory than a chunk, and stops at the first hole.
      const CHUNK = 65536;
      for (let done = 0; done < pages; ) {
        const n = Math.min(CHUNK, pages - done);
        const { vec, error } = ctx.process.mm.mincore(start + done * PAGE_SIZE, n);
        if (vec.length > 0 && !ctx.mem.write(vecAt + done, vec)) return -errno.EFAULT;
        if (error) return error;
        done += n;
      }
      return 0;
    },
  },
  {
    name: 'mlock',
    numbers: numbersOf('mlock'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'len', type: 'uint' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => mlock(ctx, addrArg(a, 0), a.size(1), false),
  },
  {
    // mlock2(2): only MLOCK_ONFAULT is a flag (EINVAL first, before any other check).
    name: 'mlock2',
    numbers: numbersOf('mlock2'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'len', type: 'uint' },
      { name: 'flags', type: 'mlock2flags' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => {
      const flags = a.int(2);
      if (flags & ~MLOCK_ONFAULT) return -errno.EINVAL;
      return mlock(ctx, addrArg(a, 0), a.size(1), flags !== 0);
    },
  },
  {
    name: 'munlock',
    numbers: numbersOf('munlock'),
    args: [
      { name: 'addr', type: 'ptr' },
      { name: 'len', type: 'uint' },
    ],
    classes: ['memory'],
    handler: (ctx, a) => ctx.process.mm.munlock(addrArg(a, 0), a.size(1)),
  },
  {
    // mlockall(2): EINVAL for no flags, unknown flags or MCL_ONFAULT alone.
    name: 'mlockall',
    numbers: numbersOf('mlockall'),
    args: [{ name: 'flags', type: 'mlockallflags' }],
    classes: ['memory'],
    handler: (ctx, a) => {
      const flags = a.int(0);
      if (!flags || flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) || flags === MCL_ONFAULT) return -errno.EINVAL;
      return ctx.process.mm.mlockall(flags, ctx.process.creds.privileged);
    },
  },
  {
    name: 'munlockall',
    numbers: numbersOf('munlockall'),
    args: [],
    classes: ['memory'],
    handler: (ctx) => ctx.process.mm.munlockall(),
  },
];

/** do_mlock: a range past the address space is ENOMEM (nothing there to lock). */
function mlock(ctx: SyscallContext, addr: number, len: number, onFault: boolean) {
  return ctx.process.mm.mlock(addr, len, onFault, ctx.process.creds.privileged);
}
