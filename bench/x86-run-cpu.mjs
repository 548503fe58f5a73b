// Preload for `node --import` (bench/syscall.mjs): reports the CPU time (user + system, all
// threads of the process: V8's background compiler included) and the wall time spent inside
// X86Machine.run, i.e. the guest's run without vrun's ~1.4 s of module loading, on stderr as
// `x86-run-cpu: <cpu s> <wall s>`. The machine is load-sensitive: CPU time is the figure to use.
const { X86Machine } = await import(new URL('../packages/kernel/dist/index.js', import.meta.url).href);
const run = X86Machine.prototype.run;
X86Machine.prototype.run = function (...args) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    return run.apply(this, args);
  } finally {
    const c = process.cpuUsage(c0);
    process.stderr.write(`x86-run-cpu: ${((c.user + c.system) / 1e6).toFixed(3)} ${((performance.now() - t0) / 1000).toFixed(3)}\n`);
  }
};
