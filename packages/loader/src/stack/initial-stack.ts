// The initial process stack, laid out exactly as Linux builds it for execve:
//
// fs/exec.c: bprm->p starts one pointer below STACK_TOP; copy_string_kernel(filename) then
// copy_strings(envp) and copy_strings(argv) each copy their strings last-to-first downwards,
// so from the top: 8 zero bytes, the exec filename (AT_EXECFN), envp strings, argv strings —
// argv[0] is the lowest string and all strings are contiguous and ascending in order.
// fs/binfmt_elf.c create_elf_tables: p = arch_align_stack(p) (& ~15, no randomization);
// the platform string ("x86_64"/"aarch64", NUL included) is pushed (STACK_ALLOC), then the 16
// AT_RANDOM bytes; the auxv (incl. the AT_NULL pair) is sized, and
// sp = STACK_ROUND(p − auxv words, items = (argc+1)+(envc+1)+1) = (… − items·8) & ~15:
// SP → argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL, padding up to the random bytes.
// Measured natively (setarch -R, static binary, `./aux-x64 one`, env A=1): AT_EXECFN =
// top−8−10, platform at (lowest string & ~15) − 7, random 16 below — what this reproduces.

import { AT, type AuxEntry } from './auxv.js';

export interface StackInput {
  /** STACK_TOP: one past the highest stack byte. */
  stackTop: number;
  argv: readonly string[];
  envp: readonly string[];
  execfn: string;
  platform: string;
  random: Uint8Array; // 16 bytes
  /** The auxv in order, without AT_NULL; AT_RANDOM, AT_EXECFN and AT_PLATFORM values are filled
   *  in here (pass 0). */
  auxv: readonly AuxEntry[];
}

export interface StackImage {
  /** The initial stack pointer (16-byte aligned, pointing at argc). */
  sp: number;
  /** Bytes to place at [sp, stackTop). */
  bytes: Uint8Array;
  /** Addresses of the pieces (for tests and /proc). */
  argvStart: number;
  envStart: number;
  envEnd: number;
  execfnAddr: number;
  platformAddr: number;
  randomAddr: number;
  /** The lowest address any string uses (the stack VMA is extended 128 KiB below its page). */
  stringsStart: number;
  auxv: AuxEntry[];
}

const enc = new TextEncoder();

function cstr(s: string): Uint8Array {
  const b = enc.encode(s);
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}

export function buildInitialStack(input: StackInput): StackImage {
  const top = input.stackTop;
  const writes: { addr: number; data: Uint8Array }[] = [];
  let p = top - 8; // bprm->p = vma->vm_end - sizeof(void *)

  const execfnBytes = cstr(input.execfn);
  p -= execfnBytes.length;
  const execfnAddr = p;
  writes.push({ addr: p, data: execfnBytes });

  const placeStrings = (list: readonly string[]): number[] => {
    const addrs: number[] = new Array(list.length);
    for (let i = list.length - 1; i >= 0; i--) {
      const b = cstr(list[i]!);
      p -= b.length;
      addrs[i] = p;
      writes.push({ addr: p, data: b });
    }
    return addrs;
  };
  const envAddrs = placeStrings(input.envp);
  const envEnd = execfnAddr;
  const argvAddrs = placeStrings(input.argv);
  const stringsStart = p;

  p -= p % 16; // arch_align_stack
  const platformBytes = cstr(input.platform);
  p -= platformBytes.length;
  const platformAddr = p;
  writes.push({ addr: p, data: platformBytes });
  p -= 16;
  const randomAddr = p;
  writes.push({ addr: p, data: input.random.subarray(0, 16) });

  const auxv: AuxEntry[] = input.auxv.map((e) => {
    if (e.type === AT.AT_RANDOM) return { type: e.type, value: BigInt(randomAddr) };
    if (e.type === AT.AT_EXECFN) return { type: e.type, value: BigInt(execfnAddr) };
    if (e.type === AT.AT_PLATFORM) return { type: e.type, value: BigInt(platformAddr) };
    return { ...e };
  });
  auxv.push({ type: AT.AT_NULL, value: 0n });

  const auxWords = auxv.length * 2;
  let sp = p - auxWords * 8; // STACK_ADD(p, ei_index)
  const items = input.argv.length + 1 + (input.envp.length + 1) + 1;
  sp = sp - items * 8;
  sp -= ((sp % 16) + 16) % 16; // STACK_ROUND: & ~15

  const bytes = new Uint8Array(top - sp);
  const view = new DataView(bytes.buffer);
  const put64 = (addr: number, v: bigint | number) => view.setBigUint64(addr - sp, BigInt(v), true);
  let at = sp;
  put64(at, input.argv.length);
  at += 8;
  const argvStart = at;
  for (const a of argvAddrs) {
    put64(at, a);
    at += 8;
  }
  put64(at, 0);
  at += 8;
  for (const e of envAddrs) {
    put64(at, e);
    at += 8;
  }
  put64(at, 0);
  at += 8;
  for (const e of auxv) {
    put64(at, e.type);
    put64(at + 8, e.value);
    at += 16;
  }
  for (const w of writes) bytes.set(w.data, w.addr - sp);
  return {
    sp,
    bytes,
    argvStart,
    envStart: envAddrs[0] ?? envEnd,
    envEnd,
    execfnAddr,
    platformAddr,
    randomAddr,
    stringsStart,
    auxv,
  };
}
