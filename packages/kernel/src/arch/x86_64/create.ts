// Building a complete x86-64 machine from @vsys/emu's parts: guest RAM, the 4-level page-table
// editor, the CPU (with its block translator), and the entry code at KERNEL_TEXT.

import type { ObjectFile } from '@vsys/elf';
import { PhysicalMemory, X86Cpu, X86PageTables, type X86Context } from '@vsys/emu';
import type { KernelOptions } from '../../kernel.js';
import { entryImageFromObject } from './entry-image.js';
import { loadEntryObject } from './entry-object.js';
import { KERNEL_TEXT } from './layout.js';
import { X86Machine } from './machine.js';

export interface CreateX86MachineOptions {
  /** Guest RAM in bytes (default 256 MiB). */
  maxMemory?: number;
  /** The assembled entry.s; default: the vasm-built object (loadEntryObject()). */
  entryObject?: ObjectFile;
  /** false: interpret one instruction at a time (slow, precise); default: translate blocks. */
  translateBlocks?: boolean;
  kernelOptions?: Omit<KernelOptions, 'newAddressSpace' | 'arch'>;
}

export function createX86Machine(options: CreateX86MachineOptions = {}): X86Machine<X86Context> {
  const physical = new PhysicalMemory({ maxBytes: options.maxMemory ?? 256 * 1024 * 1024 });
  const tables = new X86PageTables(physical);
  const cpu = new X86Cpu({ physical, pageTables: tables, translateBlocks: options.translateBlocks ?? true });
  const entry = entryImageFromObject(options.entryObject ?? loadEntryObject(), KERNEL_TEXT);
  return new X86Machine<X86Context>({
    cpu,
    ram: physical,
    tables,
    entry,
    ...(options.kernelOptions ? { kernelOptions: options.kernelOptions } : {}),
  });
}
