// loadImage: what execve does for a static ELF64 image (fs/binfmt_elf.c load_elf_binary).
//
// 1. Validate: ELF magic, ELFCLASS64, little-endian (readElf), e_machine matching the process
//    (EM_X86_64 62 / EM_AARCH64 183), e_type ET_EXEC or ET_DYN (static PIE), no PT_INTERP
//    (dynamic linking is not supported), at least one PT_LOAD, every PT_LOAD inside the file
//    with p_filesz ≤ p_memsz and p_vaddr ≡ p_offset (mod 4096), below TASK_SIZE, and above
//    mmap_min_addr unless the process is root (CAP_SYS_RAWIO may map low pages). Any failure is a LoaderError (the CLI: `vrun: IMAGE: reason`, exit 126).
// 2. Map each PT_LOAD with its p_flags as R/W/X: the file pages [floor(p_offset), p_offset +
//    p_filesz) at floor(p_vaddr) (the rest of the last file page is zeroed when the segment has
//    a bss, as padzero does, otherwise it shows the following file bytes as a file mapping
//    would), then anonymous zero pages up to p_vaddr + p_memsz. ET_DYN images (static PIE)
//    are placed top-down below mmap_base like any mmap (no randomization).
//    Segments are populated eagerly (no faults needed to start running).
// 3. brk: start_brk = brk = page-aligned end of the highest segment (static PIE:
//    page-aligned ELF_ET_DYN_BASE).
// 4. The stack: a [stack] VMA ending at STACK_TOP (x86-64 0x7ffffffff000, arm64 2^48) reaching
//    128 KiB below the argument strings' page (setup_arg_pages' stack_expand), executable only
//    when PT_GNU_STACK asks for it; contents from buildInitialStack.
// 5. With a vDSO image: [vvar] (4 pages) + [vvar_vclock] (2 pages) + [vdso] mapped top-down
//    below mmap_base like Linux 6.18 (facts §5.3), AT_SYSINFO_EHDR = the vDSO's base.
// Registers at entry are all zero except the stack pointer and the program counter
// (facts §6.2); the arch glue applies `{entry, sp}`.

import { readElf, ElfError, type ElfFile } from '@vsys/elf';
import { PAGE_SIZE, pageCeil, pageFloor, MIN_MMAP_ADDR, type Kernel, type Process, type VmaProt } from '@vsys/kernel';
import { LoaderError } from './errors.js';
import { archAuxDefaults, AT, RSEQ_ALIGN, RSEQ_FEATURE_SIZE, type ArchAuxInfo, type AuxEntry } from './stack/auxv.js';
import { buildInitialStack, type StackImage } from './stack/initial-stack.js';

const EM_X86_64 = 62;
const EM_AARCH64 = 183;
const ET_EXEC = 2;
const ET_DYN = 3;
const PT_LOAD = 1;
const PT_INTERP = 3;
const PT_GNU_STACK = 0x6474e551;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;
const STACK_EXPAND = 128 * 1024;

export interface LoadOptions {
  /** A vDSO image (ELF shared object) to map; AT_SYSINFO_EHDR points at it. */
  vdso?: Uint8Array;
  /** Override the auxv's arch values (AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ, AT_PLATFORM). */
  aux?: Partial<ArchAuxInfo>;
  /** 16 bytes for AT_RANDOM (default: the kernel's random source). */
  random?: Uint8Array;
}

export interface LoadResult {
  entry: bigint;
  sp: bigint;
  /** Where the image landed (0 for ET_EXEC). */
  loadBias: bigint;
  phdr: bigint;
  brk: bigint;
  stackTop: bigint;
  vdsoBase: bigint | null;
  vvarBase: bigint | null;
  auxv: AuxEntry[];
  stack: StackImage;
}

function parse(image: Uint8Array): ElfFile {
  if (image.length < 4 || image[0] !== 0x7f || image[1] !== 0x45 || image[2] !== 0x4c || image[3] !== 0x46)
    throw new LoaderError('not-elf', 'not an ELF file');
  if (image.length >= 5 && image[4] !== 2) throw new LoaderError('wrong-class', 'not a 64-bit ELF file (ELFCLASS32)');
  try {
    return readElf(image);
  } catch (e) {
    if (e instanceof ElfError) throw new LoaderError('truncated', `malformed ELF file: ${e.message}`);
    throw new LoaderError('truncated', `malformed ELF file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function protOf(flags: number): VmaProt {
  return { read: (flags & PF_R) !== 0, write: (flags & PF_W) !== 0, exec: (flags & PF_X) !== 0 };
}

export function loadImage(
  kernel: Kernel,
  process: Process,
  image: Uint8Array,
  argv: readonly string[],
  envp: readonly string[],
  execfn: string,
  options: LoadOptions = {},
): LoadResult {
  const elf = parse(image);
  const h = elf.header;
  const wantMachine = process.arch === 'arm64' ? EM_AARCH64 : EM_X86_64;
  if (h.machine !== wantMachine) {
    const name = h.machine === EM_X86_64 ? 'x86-64' : h.machine === EM_AARCH64 ? 'AArch64' : `machine ${h.machine}`;
    throw new LoaderError('wrong-machine', `wrong architecture: ${name} image for an ${process.arch} process`);
  }
  if (h.type !== ET_EXEC && h.type !== ET_DYN) throw new LoaderError('wrong-type', `not an executable (e_type ${h.type})`);
  if (elf.segments.some((s) => s.type === PT_INTERP))
    throw new LoaderError('interpreter', 'dynamically linked (PT_INTERP): only static images are supported');
  const loads = elf.segments.filter((s) => s.type === PT_LOAD);
  if (loads.length === 0) throw new LoaderError('no-load', 'no loadable segment (PT_LOAD)');

  const mm = process.mm;
  const taskSize = BigInt(mm.layout.taskSize);
  const firstVaddr = loads.reduce((m, s) => (s.vaddr < m ? s.vaddr : m), loads[0]!.vaddr);
  let bias = 0n;
  for (const s of loads) {
    if (s.filesz > s.memsz) throw new LoaderError('bad-segment', `PT_LOAD ${s.index}: p_filesz > p_memsz`);
    if (s.offset + s.filesz > BigInt(image.length)) throw new LoaderError('truncated', `PT_LOAD ${s.index} extends past the end of the file`);
    if ((s.vaddr - s.offset) % BigInt(PAGE_SIZE) !== 0n)
      throw new LoaderError('bad-segment', `PT_LOAD ${s.index}: p_vaddr and p_offset differ modulo the page size`);
    const start = s.vaddr + bias;
    if (h.type === ET_EXEC && !process.creds.privileged && start < BigInt(MIN_MMAP_ADDR) && s.memsz > 0n) throw new LoaderError('bad-segment', `PT_LOAD ${s.index} below mmap_min_addr (0x10000)`);
    if (start + s.memsz > taskSize) throw new LoaderError('bad-segment', `PT_LOAD ${s.index} above the user address space`);
  }

  mm.clear();
  if (h.type === ET_DYN) {
    // A static PIE (ET_DYN without PT_INTERP) is placed like a library: load_bias 0, so the
    // first segment's mmap gets the top-down address below mmap_base for the whole span
    // (load_elf_binary: "we rely on the architecture's mmap base address (via a load_bias of
    // 0)"; measured with setarch -R: a 3-page image lands at 0x7ffff7ffc000). Only an image
    // with an interpreter goes to ELF_ET_DYN_BASE, and those are refused above.
    const lastEnd = loads.reduce((m, s) => (s.vaddr + s.memsz > m ? s.vaddr + s.memsz : m), 0n);
    const span = pageCeil(Number(lastEnd)) - pageFloor(Number(firstVaddr));
    const at = mm.mmap(0, span, 0, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, null, 0);
    if (at < 0) throw new LoaderError('no-memory', 'no room for the image');
    mm.munmap(at, span);
    bias = BigInt(at) - BigInt(pageFloor(Number(firstVaddr)));
  }
  let highest = 0;
  for (const s of loads) {
    if (s.memsz === 0n) continue;
    const prot = protOf(s.flags);
    const vaddr = Number(s.vaddr + bias);
    const offset = Number(s.offset);
    const filesz = Number(s.filesz);
    const memsz = Number(s.memsz);
    const start = pageFloor(vaddr);
    const fileStart = pageFloor(offset);
    const fileEnd = vaddr + filesz; // address just past the file bytes
    if (filesz > 0) {
      // Bytes of the file pages: zero after p_filesz when a bss follows (padzero).
      const hasBss = memsz > filesz;
      const endOffset = hasBss ? offset + filesz : Math.min(image.length, pageCeil(offset + filesz));
      const bytes = image.slice(fileStart, endOffset);
      mm.mapFixed(start, pageCeil(fileEnd) - start, prot, {
        name: execfn,
        offset: fileStart,
        backing: { base: start, bytes },
      });
    }
    const anonStart = filesz > 0 ? pageCeil(fileEnd) : start;
    const end = pageCeil(vaddr + memsz);
    if (end > anonStart) mm.mapFixed(anonStart, end - anonStart, prot);
    if (!mm.populate(start, end - start)) throw new LoaderError('no-memory', 'out of memory while loading segments');
    highest = Math.max(highest, vaddr + memsz);
  }
  // brk: the page after the highest segment — except for a static PIE, whose break moves to
  // the otherwise unused ELF_ET_DYN_BASE (x86-64 DEFAULT_MAP_WINDOW/3*2 = 0x555555554aaa, arm64
  // 2·2^48/3), page-aligned up (load_elf_binary, CONFIG_ARCH_HAS_ELF_RANDOMIZE; measured with
  // setarch -R: brk(0) = 0x555555555000).
  const etDynBase = process.arch === 'arm64' ? (2 * 2 ** 48 - ((2 * 2 ** 48) % 3)) / 3 : Math.floor(0x7ffffffff000 / 3) * 2;
  mm.startBrk = mm.brk = pageCeil(h.type === ET_DYN ? etDynBase : highest);

  // e_phoff inside a PT_LOAD's file bytes → its address (load_elf_binary's phdr_addr).
  let phdr = 0n;
  for (const s of loads) {
    if (s.offset <= h.phoff && h.phoff < s.offset + s.filesz) phdr = h.phoff - s.offset + s.vaddr + bias;
  }

  // vDSO + vvar, top-down below mmap_base.
  let vdsoBase: bigint | null = null;
  let vvarBase: bigint | null = null;
  if (options.vdso) {
    const vvarBytes = 4 * PAGE_SIZE;
    const vclockBytes = 2 * PAGE_SIZE;
    const vdsoBytes = pageCeil(options.vdso.length);
    const base = mm.mmap(0, vvarBytes + vclockBytes + vdsoBytes, 0, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, null, 0);
    if (base < 0) throw new LoaderError('no-memory', 'no room for the vDSO');
    const ro = { read: true, write: false, exec: false };
    const noWrite = { read: true, write: false, exec: false };
    mm.mapFixed(base, vvarBytes, ro, { name: '[vvar]', may: noWrite });
    mm.mapFixed(base + vvarBytes, vclockBytes, ro, { name: '[vvar_vclock]', may: noWrite });
    const vdsoAt = base + vvarBytes + vclockBytes;
    mm.mapFixed(vdsoAt, vdsoBytes, { read: true, write: false, exec: true }, {
      name: '[vdso]',
      may: { read: true, write: true, exec: true },
      backing: { base: vdsoAt, bytes: options.vdso.slice() },
    });
    mm.populate(base, vvarBytes + vclockBytes + vdsoBytes);
    vvarBase = BigInt(base);
    vdsoBase = BigInt(vdsoAt);
  }

  const arch: ArchAuxInfo = { ...archAuxDefaults[process.arch], ...options.aux };
  const c = process.creds;
  const auxv: AuxEntry[] = [];
  const aux = (type: number, value: bigint | number) => auxv.push({ type, value: BigInt(value) });
  if (vdsoBase !== null) aux(AT.AT_SYSINFO_EHDR, vdsoBase);
  aux(AT.AT_MINSIGSTKSZ, arch.minsigstksz);
  aux(AT.AT_HWCAP, arch.hwcap);
  aux(AT.AT_PAGESZ, PAGE_SIZE);
  aux(AT.AT_CLKTCK, 100);
  aux(AT.AT_PHDR, phdr);
  aux(AT.AT_PHENT, h.phentsize);
  aux(AT.AT_PHNUM, h.phnum);
  aux(AT.AT_BASE, 0);
  aux(AT.AT_FLAGS, 0);
  aux(AT.AT_ENTRY, h.entry + bias);
  aux(AT.AT_UID, c.uid);
  aux(AT.AT_EUID, c.euid);
  aux(AT.AT_GID, c.gid);
  aux(AT.AT_EGID, c.egid);
  aux(AT.AT_SECURE, 0);
  aux(AT.AT_RANDOM, 0);
  aux(AT.AT_HWCAP2, arch.hwcap2);
  aux(AT.AT_EXECFN, 0);
  aux(AT.AT_PLATFORM, 0);
  aux(AT.AT_RSEQ_FEATURE_SIZE, RSEQ_FEATURE_SIZE);
  aux(AT.AT_RSEQ_ALIGN, RSEQ_ALIGN);

  const stackTop = mm.layout.stackTop;
  const random = options.random ?? kernel.randomBytes(16);
  const stack = buildInitialStack({
    stackTop,
    argv,
    envp,
    execfn,
    platform: arch.platform,
    random,
    auxv,
  });
  const gnuStack = elf.segments.find((s) => s.type === PT_GNU_STACK);
  const stackStart = Math.min(pageFloor(stack.stringsStart) - STACK_EXPAND, pageFloor(stack.sp));
  mm.mapFixed(stackStart, stackTop - stackStart, { read: true, write: true, exec: gnuStack ? (gnuStack.flags & PF_X) !== 0 : false }, {
    name: '[stack]',
    growsDown: true,
  });
  if (!mm.writeKernel(stack.sp, stack.bytes)) throw new LoaderError('no-memory', 'out of memory while building the stack');

  process.argv = [...argv];
  process.envp = [...envp];
  process.auxv = stack.auxv;
  process.exePath = execfn;
  process.signalActions.resetForExec();

  return {
    entry: h.entry + bias,
    sp: BigInt(stack.sp),
    loadBias: bias,
    phdr,
    brk: BigInt(mm.brk),
    stackTop: BigInt(stackTop),
    vdsoBase,
    vvarBase,
    auxv: stack.auxv,
    stack,
  };
}
