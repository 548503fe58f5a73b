// Turns file bytes into a LinkInput: an ar archive (by its magic) or a relocatable object.
// Bad bytes raise ElfError from @vsys/elf (the caller reports it as `FILE: reason`).

import { isArchive, readArchive, readObject } from '@vsys/elf';
import type { LinkInput } from '../types.js';

export function readLinkInput(name: string, bytes: Uint8Array): LinkInput {
  if (isArchive(bytes)) return { kind: 'archive', name, archive: readArchive(bytes) };
  return { kind: 'object', name, object: readObject(bytes) };
}
