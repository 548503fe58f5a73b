// Which recorded cases the end-to-end suites run, and which are known not to pass yet (with
// the reason, shown by vitest as a todo).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Arch, type ConformanceCase, listCases, sharedCasesDir } from '@vsys/conformance';

const repo = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** Cases that need work owned by a later issue. */
export const KNOWN_PENDING: Readonly<Record<string, string>> = {
};

/** This repository's own cases that cannot pass yet, with the reason (keyed `ARCH/NAME`). */
export const OWN_PENDING: Readonly<Record<string, string>> = {
  'x86_64/fault_ac': 'the x86-64 CPU does not implement #AC alignment checking (CR0.AM + RFLAGS.AC) yet',
};

/** Why an arch's cases are skipped, or null when its backend exists. ARM64 needs the EL0/EL1
 *  CPU backend (packages/emu/src/arm64) and its entry code (packages/kernel/src/arch/arm64). */
export function archSkipReason(arch: Arch): string | null {
  if (arch === 'x86_64') return null;
  const ready = existsSync(repo('packages/emu/src/arm64/index.ts')) && existsSync(repo('packages/kernel/src/arch/arm64/entry.s'));
  return ready ? null : 'the ARM64 backend (emu/src/arm64, kernel/src/arch/arm64) is not built yet';
}

/** The recorded shared corpus (../shared/conformance/cases). */
export function corpus(arch: Arch): ConformanceCase[] {
  return existsSync(sharedCasesDir()) ? listCases(sharedCasesDir(), arch) : [];
}

/** This repository's own recorded cases (tests/cases/ARCH), recorded with the same `record`. */
export const OWN_CASES_DIR = repo('tests/cases');

export function ownCorpus(arch: Arch): ConformanceCase[] {
  return listCases(OWN_CASES_DIR, arch);
}
