// @vsys/asm: the GNU-as-syntax assembler. `assemble(source, {arch, file, include})` returns the
// ELF object model (see @vsys/elf model.ts) and diagnostics; `formatDiagnostic` prints one the
// way GCC/chibicc do (file:line:col, the line, a caret). ISA backends implement
// `AsmBackend` (arch/backend.ts) and register in arch/registry.ts.
export { assemble, type AssembleOptions, type AssembleResult } from './assemble.js';
export { formatDiagnostic, type Diagnostic, type SourceLoc, type Severity } from './diagnostics/diagnostic.js';
export { backendFor, registerBackend } from './arch/registry.js';
export type * from './arch/backend.js';
export type { Expr, BinaryOp, UnaryOp } from './expr/ast.js';
export { x86CodeFill } from './arch/x86/nopFill.js';
