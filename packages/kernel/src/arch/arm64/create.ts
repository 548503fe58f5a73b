// Building a complete ARM64 machine from @vsys/emu's parts: guest RAM, the VMSAv8-64
// translation-table editor, the A64 CPU (with its block translator), and the entry code at
// KERNEL_TEXT. The Kernel inside is the same one the x86-64 machine uses.

import type { ObjectFile } from '@vsys/elf';
import { Arm64Cpu, Arm64PageTables, PhysicalMemory } from '@vsys/emu';
import type { KernelOptions } from '../../kernel.js';
import { arm64EntryImageFromObject, loadArm64EntryObject } from './entry-image.js';
import { KERNEL_TEXT } from './layout.js';
import { Arm64Machine } from './machine.js';

export interface CreateArm64MachineOptions {
  /** Guest RAM in bytes (default 256 MiB). */
  maxMemory?: number;
  /** The assembled entry.s; default: assembled with vasm now. */
  entryObject?: ObjectFile;
  /** false: one instruction per translated block (slow, precise). */
  translateBlocks?: boolean;
  kernelOptions?: Omit<KernelOptions, 'newAddressSpace' | 'arch'>;
}

export function createArm64Machine(options: CreateArm64MachineOptions = {}): Arm64Machine {
  const physical = new PhysicalMemory({ maxBytes: options.maxMemory ?? 256 * 1024 * 1024 });
  const tables = new Arm64PageTables(physical);
  const cpu = new Arm64Cpu({ physical, pageTables: tables, translateBlocks: options.translateBlocks ?? true });
  const entry = arm64EntryImageFromObject(options.entryObject ?? loadArm64EntryObject(), KERNEL_TEXT);
  return new Arm64Machine({
    cpu,
    ram: physical,
    tables,
    entry,
    ramView: physical.view,
    ...(options.kernelOptions ? { kernelOptions: options.kernelOptions } : {}),
  });
}
