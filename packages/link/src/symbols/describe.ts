// How diagnostics name places, in GNU ld's style: `file:(section+0xoffset)`.

import type { ObjSymbol } from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';

export function describeSite(file: LoadedObject, sectionName: string, offset: bigint): string {
  return `${file.name}:(${sectionName}+0x${offset.toString(16)})`;
}

export function describeDefinition(file: LoadedObject, sym: ObjSymbol): string {
  if (sym.section.kind === 'section') {
    const s = file.object.sections[sym.section.index];
    return describeSite(file, s?.name ?? '?', sym.value);
  }
  return `${file.name}:(*${sym.section.kind.toUpperCase()}*)`;
}
