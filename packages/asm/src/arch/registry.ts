// Which backend assembles which architecture. A new backend adds one line here
// (see backend.ts for the protocol).
import type { Arch, AsmBackend } from './backend.js';
import { x86Backend } from './x86/backend.js';
import { createArm64Backend } from './arm64/backend.js';

const backends: Partial<Record<Arch, () => AsmBackend>> = {
  x86_64: () => x86Backend,
  arm64: () => createArm64Backend(), // a fresh one per assembly: it holds the literal pools
};

/** The backend for `arch`, or null when none is built yet. */
export function backendFor(arch: Arch): AsmBackend | null {
  return backends[arch]?.() ?? null;
}

/** Install a backend (used by the arm64 backend module and by tests). */
export function registerBackend(arch: Arch, make: () => AsmBackend): void {
  backends[arch] = make;
}
