// @vsys/trace: strace's output for guest programs. A `Tracer` attaches to a Kernel's
// ptrace-like hooks (kernel.tracer = new Tracer({...})) and prints each call the way strace
// does, decoding arguments from each syscall's one declaration (kernel syscalls/decl/*.ts).

export { Tracer, type TracerClock, type TracerOptions } from './tracer.js';
export { FilterError, parseSignalSet, parseTraceSet, type SignalFilter, type SyscallFilter } from './filter.js';
export { formatSummary, type SyscallTally } from './summary.js';
export { quoteBytes, hexBytes, type HexMode } from './quote.js';
export { decodeArg, isOutputArg, visibleArgs, OUTPUT_TYPES, type CallView, type DecodeOptions } from './decode.js';
export { formatSigInfo, formatSignal, formatSigset } from './signals.js';
export { formatEnum, formatFlags, formatMapFlags, formatMode, formatOpenFlags, formatStMode } from './flags.js';
