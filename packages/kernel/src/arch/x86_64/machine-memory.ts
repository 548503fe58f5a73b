// What the x86-64 glue needs from @vsys/emu's memory side, as structural types: the
// PhysicalMemory frame allocator and the AddressSpaceEditor that writes real 4-level page
// tables. emu's classes satisfy these interfaces as they are; tests may pass the same classes.
// Also: reading and writing kernel virtual memory (pt_regs, the per-CPU area) by walking the
// kernel page tables, as the CPU would.

export interface PagePerm {
  read: boolean;
  write: boolean;
  exec: boolean;
  user: boolean;
}

export interface PhysicalRam {
  allocFrame(): number | null;
  read32(addr: number): number;
  read64(addr: number): bigint;
  /** RAM as a DataView (physical address = byte offset), for hot paths; optional. */
  readonly view?: DataView;
  write64(addr: number, value: bigint): boolean;
  freeFrame(addr: number): boolean;
  readBytes(addr: number, len: number): Uint8Array | null;
  writeBytes(addr: number, data: Uint8Array): boolean;
}

export interface PageTableEditor {
  createRoot(shareKernelFrom?: number): number | null;
  destroyRoot(root: number): void;
  map(root: number, va: number | bigint, frame: number, perm: PagePerm): { ok: true } | { ok: false; error: string };
  unmap(root: number, va: number | bigint): number | null;
  protect(root: number, va: number | bigint, perm: PagePerm): boolean;
  translate(root: number, va: number | bigint): { phys: number; frame: number; perm: PagePerm } | null;
}

export const PAGE = 4096;

/** Out of guest RAM while building kernel structures: vrun reports it (never a JS throw to the
 *  user; the CLI turns it into a diagnostic). */
export class KernelMemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelMemoryError';
  }
}

/** Byte access to kernel virtual addresses through one root (the kernel page tables). */
export class KernelVirtualMemory {
  constructor(
    readonly ram: PhysicalRam,
    readonly tables: PageTableEditor,
    readonly root: number,
  ) {}

  private phys(va: bigint): number {
    const t = this.tables.translate(this.root, BigInt.asUintN(64, va));
    if (!t) throw new KernelMemoryError(`kernel address 0x${BigInt.asUintN(64, va).toString(16)} is not mapped`);
    return t.phys;
  }

  read(va: bigint, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const at = va + BigInt(done);
      const inPage = Math.min(len - done, PAGE - Number(at & 0xfffn));
      const bytes = this.ram.readBytes(this.phys(at), inPage);
      if (!bytes) throw new KernelMemoryError('kernel mapping points outside RAM');
      out.set(bytes, done);
      done += inPage;
    }
    return out;
  }

  write(va: bigint, data: Uint8Array): void {
    let done = 0;
    while (done < data.length) {
      const at = va + BigInt(done);
      const inPage = Math.min(data.length - done, PAGE - Number(at & 0xfffn));
      if (!this.ram.writeBytes(this.phys(at), data.subarray(done, done + inPage))) {
        throw new KernelMemoryError('kernel mapping points outside RAM');
      }
      done += inPage;
    }
  }

  read64(va: bigint): bigint {
    const b = this.read(va, 8);
    return new DataView(b.buffer).getBigUint64(0, true);
  }

  write64(va: bigint, value: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    this.write(va, b);
  }

  /** Maps `pages` fresh zeroed frames at `va` (supervisor-only) in this root and returns them. */
  mapFresh(va: bigint, pages: number, perm: Omit<PagePerm, 'user'>): number[] {
    const frames: number[] = [];
    for (let i = 0; i < pages; i++) {
      const frame = this.ram.allocFrame();
      if (frame === null) throw new KernelMemoryError('out of guest RAM for kernel structures (raise --max-memory)');
      const r = this.tables.map(this.root, va + BigInt(i * PAGE), frame, { ...perm, user: false });
      if (!r.ok) throw new KernelMemoryError(`cannot map kernel page: ${r.error}`);
      frames.push(frame);
    }
    return frames;
  }
}
