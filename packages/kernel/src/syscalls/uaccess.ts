// Little-endian loads and stores of C scalars and structs in user memory, for handlers
// (get_user/put_user). Every helper reports failure (→ EFAULT) instead of throwing.

import type { SyscallAbi, UserMemory } from './types.js';

export function putU32(mem: UserMemory, addr: number, value: number | bigint): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, Number(BigInt.asUintN(32, BigInt(value))), true);
  return mem.write(addr, b);
}

export function putU64(mem: UserMemory, addr: number, value: number | bigint): boolean {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(value)), true);
  return mem.write(addr, b);
}

/** Writes a sequence of 32- or 64-bit little-endian words (a C struct of longs/ints). */
export function putWords(mem: UserMemory, addr: number, words: readonly (number | bigint)[], size: 4 | 8): boolean {
  const b = new Uint8Array(words.length * size);
  const v = new DataView(b.buffer);
  words.forEach((w, i) => {
    if (size === 8) v.setBigUint64(i * 8, BigInt.asUintN(64, BigInt(w)), true);
    else v.setUint32(i * 4, Number(BigInt.asUintN(32, BigInt(w))), true);
  });
  return mem.write(addr, b);
}

/** Reads `count` little-endian words; unsigned. null when unreadable. */
export function getWords(mem: UserMemory, addr: number, count: number, size: 4 | 8): bigint[] | null {
  const b = mem.read(addr, count * size);
  if (!b) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) out.push(size === 8 ? v.getBigUint64(i * 8, true) : BigInt(v.getUint32(i * 4, true)));
  return out;
}

export function getU64(mem: UserMemory, addr: number): bigint | null {
  return getWords(mem, addr, 1, 8)?.[0] ?? null;
}

/** sizeof(long) for the ABI. */
export function longSize(abi: SyscallAbi): 4 | 8 {
  return abi === 'i386' ? 4 : 8;
}
