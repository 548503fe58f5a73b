// CPUID (SDM Vol. 2A "CPUID"): what this virtual CPU says about itself.
//
// Vendor "GenuineIntel", family 6 model 0x55-like signature, brand string "vsys virtual
// x86-64 CPU". Only features the emulator actually implements are reported:
//   leaf 1 EDX: TSC(4) MSR(5) PAE(6) CX8(8) CMOV(15)            — no FPU/SSE (not emulated)
//   leaf 1 ECX: CX16(13) POPCNT(23)
//   leaf 7 EBX: FSGSBASE(0) SMEP(7) SMAP(20)
//   leaf 0x80000001 EDX: SYSCALL(11) NX(20) RDTSCP(27) LM(29); ECX: LAHF/SAHF(0) ABM/LZCNT(5)
//   leaf 0x80000008: 36 physical / 48 linear address bits.
// Unknown leaves return zeros, as Intel CPUs return the highest basic leaf's data for leaves
// above the maximum — we keep it simple and documented.

const MAX_BASIC = 7;
const MAX_EXTENDED = 0x80000008;

function ascii4(s: string, at: number): number {
  let v = 0;
  for (let i = 3; i >= 0; i--) v = v * 256 + (s.charCodeAt(at + i) || 0);
  return v >>> 0;
}

const BRAND = 'vsys virtual x86-64 CPU'.padEnd(48, '\0');

/** Returns [EAX, EBX, ECX, EDX] for leaf `eax`, subleaf `ecx`. */
export function cpuidLeaf(eax: number, ecx: number): [number, number, number, number] {
  switch (eax) {
    case 0: return [MAX_BASIC, ascii4('Genu', 0), ascii4('ntel', 0), ascii4('ineI', 0)];
    case 1: return [0x00050654, 0x00000800, (1 << 13) | (1 << 23), (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 15)];
    case 7: return ecx === 0 ? [0, (1 << 0) | (1 << 7) | (1 << 20), 0, 0] : [0, 0, 0, 0];
    case 0x80000000: return [MAX_EXTENDED, 0, 0, 0];
    case 0x80000001: return [0, 0, (1 << 0) | (1 << 5), (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29)];
    case 0x80000002: case 0x80000003: case 0x80000004: {
      const base = (eax - 0x80000002) * 16;
      return [ascii4(BRAND, base), ascii4(BRAND, base + 4), ascii4(BRAND, base + 8), ascii4(BRAND, base + 12)];
    }
    case 0x80000008: return [0x3024, 0, 0, 0];
    default: return [0, 0, 0, 0];
  }
  void ecx;
}
