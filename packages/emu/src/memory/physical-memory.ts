// Physical memory of the emulated machine: one flat byte array cut into 4 KiB frames.
//
// Everything that is "RAM" to the guest lives here: page tables, kernel stacks, user pages.
// The array is one ArrayBuffer of `maxBytes`; the host OS commits its pages lazily, so a large
// limit costs nothing until frames are touched. Frame 0 is never handed out, so a physical
// address of 0 can mean "none" in page-table code.
//
// Code caches translate guest code keyed by physical address; they register an invalidation
// hook here so that any write to a frame holding translated code (through this API or through a
// CPU's slow write path) drops the translations of that frame. The CPU's fast write path never
// covers such frames (see Tlb.fill in tlb.ts).

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const PAGE_MASK = PAGE_SIZE - 1;

/** Bits kept per frame in `frameFlags`. */
export const FRAME_ALLOCATED = 1;
/** The frame holds guest code that a CPU has translated (writes must invalidate it). */
export const FRAME_CODE = 2;
/** The frame is a page-table page created through an AddressSpace editor. */
export const FRAME_PAGE_TABLE = 4;

export interface PhysicalMemoryOptions {
  /** Size of RAM in bytes (rounded down to whole frames, at most 2 GiB). Default 256 MiB. */
  maxBytes?: number;
}

export class PhysicalMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly maxBytes: number;
  readonly frameCount: number;
  /** Per-frame flag bits (FRAME_*). Read by CPUs on their TLB fill path. */
  readonly frameFlags: Uint8Array;
  private readonly freeList: number[] = [];
  private nextUnused = 1; // frame 0 is reserved
  private allocated = 0;
  private readonly codeWriteHooks: Array<(frame: number) => void> = [];

  constructor(options: PhysicalMemoryOptions = {}) {
    // Physical addresses must fit the TLB's Int32Array entries: at most 2 GiB of RAM.
    const requested = Math.min(options.maxBytes ?? 256 * 1024 * 1024, 2 ** 31 - PAGE_SIZE);
    const frames = Math.max(2, Math.floor(requested / PAGE_SIZE));
    this.frameCount = frames;
    this.maxBytes = frames * PAGE_SIZE;
    const buffer = new ArrayBuffer(this.maxBytes);
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.frameFlags = new Uint8Array(frames);
  }

  /** Number of frames currently allocated. */
  get allocatedFrames(): number {
    return this.allocated;
  }

  /** Allocates one zeroed 4 KiB frame and returns its physical address, or `null` when RAM is
   *  exhausted (the caller turns that into ENOMEM / a failed mapping; nothing is thrown). */
  allocFrame(): number | null {
    let frame: number;
    if (this.freeList.length > 0) frame = this.freeList.pop()!;
    else if (this.nextUnused < this.frameCount) frame = this.nextUnused++;
    else return null;
    this.frameFlags[frame] = FRAME_ALLOCATED;
    this.bytes.fill(0, frame * PAGE_SIZE, (frame + 1) * PAGE_SIZE);
    this.allocated++;
    return frame * PAGE_SIZE;
  }

  /** Returns a frame to the free pool. Returns false (and does nothing) for an address that is
   *  not an allocated frame. Translated code in the frame is dropped. */
  freeFrame(physAddr: number): boolean {
    const frame = this.frameOf(physAddr);
    if (frame < 0 || (physAddr & PAGE_MASK) !== 0 || !(this.frameFlags[frame]! & FRAME_ALLOCATED)) return false;
    if (this.frameFlags[frame]! & FRAME_CODE) this.invalidateCode(frame);
    this.frameFlags[frame] = 0;
    this.freeList.push(frame);
    this.allocated--;
    return true;
  }

  /** True when [addr, addr+len) lies inside RAM. */
  contains(addr: number, len = 1): boolean {
    return Number.isInteger(addr) && addr >= 0 && len >= 0 && addr + len <= this.maxBytes;
  }

  /** Registers a hook called with a frame number when a frame marked FRAME_CODE is written. */
  onCodeWrite(hook: (frame: number) => void): void {
    this.codeWriteHooks.push(hook);
  }

  /** Marks a frame as holding translated code. */
  markCode(frame: number): void {
    this.frameFlags[frame]! |= FRAME_CODE;
  }

  /** Drops every translation of `frame` (the hooks are the CPUs' code caches). */
  invalidateCode(frame: number): void {
    this.frameFlags[frame]! &= ~FRAME_CODE;
    for (const hook of this.codeWriteHooks) hook(frame);
  }

  private frameOf(addr: number): number {
    if (!Number.isInteger(addr) || addr < 0 || addr >= this.maxBytes) return -1;
    return Math.floor(addr / PAGE_SIZE);
  }

  private touch(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let f = first; f <= last; f++) if (this.frameFlags[f]! & FRAME_CODE) this.invalidateCode(f);
  }

  // Byte/word access by physical address. Out-of-range addresses read as 0 / ignore writes and
  // report it through the boolean result of the write functions; reads of bytes use `contains`.
  read8(addr: number): number {
    return this.contains(addr, 1) ? this.bytes[addr]! : 0;
  }
  read16(addr: number): number {
    return this.contains(addr, 2) ? this.view.getUint16(addr, true) : 0;
  }
  read32(addr: number): number {
    return this.contains(addr, 4) ? this.view.getUint32(addr, true) : 0;
  }
  read64(addr: number): bigint {
    return this.contains(addr, 8) ? this.view.getBigUint64(addr, true) : 0n;
  }
  write8(addr: number, value: number): boolean {
    if (!this.contains(addr, 1)) return false;
    this.touch(addr, 1);
    this.bytes[addr] = value;
    return true;
  }
  write16(addr: number, value: number): boolean {
    if (!this.contains(addr, 2)) return false;
    this.touch(addr, 2);
    this.view.setUint16(addr, value, true);
    return true;
  }
  write32(addr: number, value: number): boolean {
    if (!this.contains(addr, 4)) return false;
    this.touch(addr, 4);
    this.view.setUint32(addr, value >>> 0, true);
    return true;
  }
  write64(addr: number, value: bigint): boolean {
    if (!this.contains(addr, 8)) return false;
    this.touch(addr, 8);
    this.view.setBigUint64(addr, BigInt.asUintN(64, value), true);
    return true;
  }
  /** Copies bytes out of RAM; null when the range is outside RAM. */
  readBytes(addr: number, len: number): Uint8Array | null {
    if (!this.contains(addr, len)) return null;
    return this.bytes.slice(addr, addr + len);
  }
  /** Copies bytes into RAM; false when the range is outside RAM. */
  writeBytes(addr: number, data: Uint8Array): boolean {
    if (!this.contains(addr, data.length)) return false;
    if (data.length > 0) this.touch(addr, data.length);
    this.bytes.set(data, addr);
    return true;
  }
}
