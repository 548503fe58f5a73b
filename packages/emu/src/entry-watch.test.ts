// EntryWatch (both CPUs' watched-address counters): one slot per address whatever how often it
// is watched, translated code dropped only for a new address, lookups by the int32 words the
// block builders use (upper-half addresses included).

import { describe, expect, it } from 'vitest';
import { EntryWatch } from './entry-watch.js';

describe('EntryWatch', () => {
  it('gives one slot per address and drops translated code only for a new one', () => {
    const w = new EntryWatch();
    let drops = 0;
    expect(w.active).toBe(false);
    expect(w.slotAt(0x1000, 0)).toBe(-1);
    const vdso = 0x7ffff7ffe435n, text = 0x401000n;
    expect(w.watch(vdso, () => drops++)).toBe(0);
    expect(w.watch(text, () => drops++)).toBe(1);
    expect(w.watch(vdso, () => drops++)).toBe(0);
    expect(drops).toBe(2);
    expect(w.active).toBe(true);
    expect(w.counts).toEqual([0, 0]);
    // The block builders look up (low word, high word) as int32s: 0xf7ffe435 is negative.
    expect(w.slotAt(0xf7ffe435 | 0, 0x7fff)).toBe(0);
    expect(w.slotAt(0x401000, 0)).toBe(1);
    expect(w.slotAt(0x401001, 0)).toBe(-1);
    expect(w.watch(0xffffffffff600000n, () => drops++)).toBe(2);
    expect(w.slotAt(0xff600000 | 0, -1)).toBe(2);
  });
});
