// The ARM64 CPU backend: translation tables (page-table.ts), the CPU with EL0/EL1, system
// registers and exceptions (cpu.ts), and the block translator (codegen.ts).
export {
  Arm64Cpu, type Arm64Context, type Arm64Counters, type Arm64CpuOptions,
  EC_UNKNOWN, EC_SVC64, EC_IABT_LOW, EC_IABT_CUR, EC_PC_ALIGN, EC_DABT_LOW, EC_DABT_CUR, EC_SP_ALIGN, EC_BRK64,
} from './cpu.js';
export { Arm64PageTables, walkTables, vaHalf, WalkResult } from './page-table.js';
export { blockSource, compileBlock, type BlockFunction } from './codegen.js';
export { decodeBitMasks } from './bitmasks.js';
export { SYSREG, sysregKey } from './sysregs.js';
