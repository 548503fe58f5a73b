// Address and file-offset assignment for a static non-PIE executable, in the shape GNU ld
// gives one (x86-64 with -z separate-code, the default):
//   LOAD R    base + 0      ELF header, program headers, .note*
//   LOAD R X  next page     .init .text .fini …
//   LOAD R    next page     .rodata .eh_frame …
//   LOAD RW   next page     .tdata .tbss .init_array .fini_array .data .got .bss
//   NOTE (per run of note sections with one alignment), TLS (.tdata+.tbss), GNU_STACK (RW).
// Every PT_LOAD keeps p_vaddr ≡ p_offset (mod p_align) (gABI "Program Loading"), p_align being
// the maximum page size: 0x1000 on x86-64, 0x10000 on AArch64 (ld's MAXPAGESIZE). When the
// page size is 4 KiB the file is padded so each segment starts a page, as ld does; with 64 KiB
// pages the file stays dense and the address is moved instead (vaddr = next page + offset mod
// page), which is what ld's DATA_SEGMENT_ALIGN does.
// .tbss takes no room in the RW segment's memory image (its bytes are per-thread): the next
// section starts where .tbss starts.

import { PF_R, PF_W, PF_X, PT_GNU_STACK, PT_LOAD, PT_NOTE, PT_TLS, SHT_NOBITS, imageHeadersSize, type ImageSegment } from '@vsys/elf';
import type { OutputSection, SectionClass } from './output-sections.js';

export interface LayoutParams {
  base: bigint;
  pageSize: bigint;
  /** Pad the file so each PT_LOAD starts at a page-aligned offset. */
  padFile: boolean;
  /** Program headers besides the PT_LOADs (PT_DYNAMIC for shared objects). */
  extraHeaders?: number;
  /** Put every class into one RWX-less single segment list (ET_DYN vDSO: one PT_LOAD). */
  singleSegment?: boolean;
}

export interface Layout {
  segments: ImageSegment[];
  /** PT_TLS values needed by TLS relocations. */
  tls: { vaddr: bigint; memsz: bigint; align: bigint } | undefined;
  /** First address after everything (ld's _end). */
  end: bigint;
  headersSize: number;
}

const alignUp = (v: bigint, a: bigint): bigint => (a <= 1n ? v : (v + a - 1n) & ~(a - 1n));

interface SegmentPlan {
  flags: number;
  classes: SectionClass[];
}

export function planSegments(single: boolean): SegmentPlan[] {
  if (single) return [{ flags: PF_R | PF_X, classes: ['dynamic', 'note', 'rodata', 'text', 'tdata', 'tbss', 'array', 'data', 'got', 'bss'] }];
  return [
    { flags: PF_R, classes: ['note'] },
    { flags: PF_R | PF_X, classes: ['text'] },
    { flags: PF_R, classes: ['rodata', 'dynamic'] },
    { flags: PF_R | PF_W, classes: ['tdata', 'tbss', 'array', 'data', 'got', 'bss'] },
  ];
}

/** Runs of note sections sharing an alignment: one PT_NOTE each (ld does the same). */
function noteRuns(sections: OutputSection[]): OutputSection[][] {
  const runs: OutputSection[][] = [];
  for (const s of sections.filter((x) => x.cls === 'note')) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1]!.align === s.align) last.push(s);
    else runs.push([s]);
  }
  return runs;
}

export function layoutSegments(sections: OutputSection[], p: LayoutParams): Layout {
  const plans = planSegments(!!p.singleSegment).map((plan) => ({
    plan,
    members: sections.filter((s) => plan.classes.includes(s.cls)),
  }));
  // The first PT_LOAD always exists (it maps the headers); the others only when non-empty.
  const used = plans.filter((x, i) => i === 0 || x.members.length > 0);
  const notes = noteRuns(sections);
  const hasTls = sections.some((s) => s.cls === 'tdata' || s.cls === 'tbss');
  const phnum = used.length + notes.length + (hasTls ? 1 : 0) + 1 + (p.extraHeaders ?? 0);
  const headersSize = imageHeadersSize(phnum);

  const loads: ImageSegment[] = [];
  let fileOff = BigInt(headersSize);
  let addr = p.base + fileOff;
  used.forEach(({ plan, members }, i) => {
    let segOff: bigint;
    let segAddr: bigint;
    if (i === 0) {
      segOff = 0n;
      segAddr = p.base;
    } else {
      if (p.padFile) fileOff = alignUp(fileOff, p.pageSize);
      addr = alignUp(addr, p.pageSize) + (fileOff % p.pageSize);
      // Start at the first section's aligned address, moving the file offset with it.
      const firstAlign = members[0]?.align ?? 1n;
      const aligned = alignUp(addr, firstAlign);
      fileOff += aligned - addr;
      addr = aligned;
      segOff = fileOff;
      segAddr = addr;
    }
    let fileEnd = fileOff;
    let memEnd = addr;
    for (const s of members) {
      const aligned = alignUp(addr, s.align);
      const nobits = s.type === SHT_NOBITS;
      if (!nobits) fileOff += aligned - addr;
      s.addr = aligned;
      s.fileOffset = fileOff; // NOBITS: where it would start (readelf shows this offset)
      if (s.cls === 'tbss') {
        // .tbss: addressed, but occupies neither file nor the segment's memory image.
        memEnd = memEnd > aligned ? memEnd : aligned;
        continue;
      }
      addr = aligned + s.size;
      if (!nobits) {
        fileOff += s.size;
        fileEnd = fileOff;
      }
      memEnd = addr;
    }
    loads.push({
      type: PT_LOAD,
      flags: plan.flags,
      offset: segOff,
      vaddr: segAddr,
      filesz: fileEnd - segOff,
      memsz: memEnd - segAddr,
      align: p.pageSize,
    });
    addr = memEnd;
  });

  const segments: ImageSegment[] = [...loads];
  for (const run of notes) {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    segments.push({
      type: PT_NOTE,
      flags: PF_R,
      offset: first.fileOffset,
      vaddr: first.addr,
      filesz: last.fileOffset + last.size - first.fileOffset,
      memsz: last.addr + last.size - first.addr,
      align: first.align,
    });
  }
  let tls: Layout['tls'];
  if (hasTls) {
    const tlsSections = sections.filter((s) => s.cls === 'tdata' || s.cls === 'tbss');
    const first = tlsSections[0]!;
    const tdata = tlsSections.filter((s) => s.cls === 'tdata');
    const lastData = tdata[tdata.length - 1];
    const lastAll = tlsSections[tlsSections.length - 1]!;
    const align = tlsSections.reduce((a, s) => (s.align > a ? s.align : a), 1n);
    const memsz = lastAll.addr + lastAll.size - first.addr;
    tls = { vaddr: first.addr, memsz, align };
    segments.push({
      type: PT_TLS,
      flags: PF_R,
      offset: first.fileOffset,
      vaddr: first.addr,
      filesz: lastData ? lastData.fileOffset + lastData.size - first.fileOffset : 0n,
      memsz,
      align,
    });
  }
  segments.push({ type: PT_GNU_STACK, flags: PF_R | PF_W, offset: 0n, vaddr: 0n, paddr: 0n, filesz: 0n, memsz: 0n, align: 0x10n });
  return { segments, tls, end: addr, headersSize };
}
