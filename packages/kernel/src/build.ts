// The kernel's build step after `tsc -b` (called by scripts/postbuild.mjs): assemble the
// per-arch entry code with vasm (@vsys/asm) and write the object beside the compiled module
// that loads it (dist/arch/x86_64/entry.o), so `vrun` does not assemble it at every start.

import { writeFileSync } from 'node:fs';
import { writeRelocatable } from '@vsys/elf';
import { assembleEntryWithVasm, prebuiltEntryObjectPath } from './arch/x86_64/entry-object.js';
import { assembleArm64EntryWithVasm, prebuiltArm64EntryObjectPath } from './arch/arm64/entry-image.js';

export async function build(): Promise<void> {
  try {
    const object = assembleEntryWithVasm();
    writeFileSync(prebuiltEntryObjectPath(), writeRelocatable(object));
  } catch (err) {
    // Not fatal for the rest of the build: vrun assembles entry.s itself when entry.o is missing,
    // and reports vasm's diagnostics there.
    process.stderr.write(`kernel build: entry code not prebuilt: ${(err as Error).message}\n`);
  }
  try {
    writeFileSync(prebuiltArm64EntryObjectPath(), writeRelocatable(assembleArm64EntryWithVasm()));
  } catch (err) {
    process.stderr.write(`kernel build: arm64 entry code not prebuilt: ${(err as Error).message}\n`);
  }
}
