// What the memory manager needs from the machine: 4 KiB physical frames and one address
// space's page tables. `@vsys/emu` provides the real thing (PhysicalMemory + the arch's page
// table editor writing genuine x86-64 4-level / arm64 descriptors); the arch glue adapts it to
// this interface. `SoftAddressSpace` below is a self-contained implementation (a map from page
// number to frame) for tests and for tools that drive the kernel without a CPU.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

export interface PagePermissions {
  read: boolean;
  write: boolean;
  exec: boolean;
  /** User-accessible (U/S = 1 on x86-64, AP[1] = 1 on arm64). Guest memory is always user. */
  user: boolean;
}

export interface PageMapping {
  /** Physical address of the frame (page aligned). */
  frame: number;
  perm: PagePermissions;
}

export interface AddressSpaceBackend {
  /** A zero-filled frame, or null when physical memory is exhausted (never throws). */
  allocFrame(): number | null;
  freeFrame(frame: number): void;
  /** Copy bytes out of / into one frame (offset + length stay within the frame). */
  readFrame(frame: number, offset: number, length: number): Uint8Array;
  writeFrame(frame: number, offset: number, data: Uint8Array): void;
  /** Maps the page at `va` to `frame`; false when a page-table page could not be allocated. */
  map(va: number, frame: number, perm: PagePermissions): boolean;
  unmap(va: number): void;
  protect(va: number, perm: PagePermissions): void;
  translate(va: number): PageMapping | null;
  /** Frees the page-table pages themselves once the process is gone (optional). The memory
   *  manager never touches the backend afterwards. */
  destroy?(): void;
}

/** A page-table-free AddressSpaceBackend: frames are Uint8Arrays, the "page table" a Map. */
export class SoftAddressSpace implements AddressSpaceBackend {
  private readonly frames = new Map<number, Uint8Array>();
  private readonly pages = new Map<number, PageMapping>();
  private nextFrame = 0x100000;
  private readonly freeList: number[] = [];

  constructor(private readonly maxFrames = 1 << 18) {}

  allocFrame(): number | null {
    if (this.frames.size >= this.maxFrames) return null;
    const frame = this.freeList.pop() ?? (this.nextFrame += PAGE_SIZE);
    this.frames.set(frame, new Uint8Array(PAGE_SIZE));
    return frame;
  }

  freeFrame(frame: number): void {
    if (this.frames.delete(frame)) this.freeList.push(frame);
  }

  readFrame(frame: number, offset: number, length: number): Uint8Array {
    const f = this.frames.get(frame);
    return f ? f.slice(offset, offset + length) : new Uint8Array(length);
  }

  writeFrame(frame: number, offset: number, data: Uint8Array): void {
    this.frames.get(frame)?.set(data, offset);
  }

  map(va: number, frame: number, perm: PagePermissions): boolean {
    this.pages.set(Math.floor(va / PAGE_SIZE), { frame, perm: { ...perm } });
    return true;
  }

  unmap(va: number): void {
    this.pages.delete(Math.floor(va / PAGE_SIZE));
  }

  protect(va: number, perm: PagePermissions): void {
    const m = this.pages.get(Math.floor(va / PAGE_SIZE));
    if (m) m.perm = { ...perm };
  }

  translate(va: number): PageMapping | null {
    const m = this.pages.get(Math.floor(va / PAGE_SIZE));
    return m ? { frame: m.frame, perm: { ...m.perm } } : null;
  }

  /** Frames in use (tests check that munmap frees them). */
  get framesInUse(): number {
    return this.frames.size;
  }
}
