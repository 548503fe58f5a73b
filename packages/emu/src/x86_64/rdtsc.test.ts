// RDTSC/RDTSCP with the kernel's counter given as a number (tscSourceNs, no BigInt): EDX:EAX
// hold its two halves and the upper halves of RAX/RDX are cleared (SDM Vol. 2B RDTSC); the
// BigInt source (tscSource) gives the same registers for the same value.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../memory/physical-memory.js';
import { X86Cpu } from './cpu.js';

describe('X86Cpu rdtsc', () => {
  for (const value of [0, 1, 0xffffffff, 2 ** 32, 2 ** 40 + 12345, 2 ** 53 - 1]) {
    it(`splits ${value} into EDX:EAX as the BigInt source does`, () => {
      const viaNumber = new X86Cpu({ physical: new PhysicalMemory({ maxBytes: 1 << 20 }) });
      viaNumber.R.fill(-1);
      viaNumber.tscAux = 7;
      viaNumber.tscSourceNs = () => value;
      viaNumber.rdtsc(1);
      const viaBigint = new X86Cpu({ physical: new PhysicalMemory({ maxBytes: 1 << 20 }) });
      viaBigint.R.fill(-1);
      viaBigint.tscAux = 7;
      viaBigint.tscSource = () => BigInt(value);
      viaBigint.rdtsc(1);
      expect([...viaNumber.R.subarray(0, 6)]).toEqual([...viaBigint.R.subarray(0, 6)]);
      expect((BigInt(viaNumber.R[4]! >>> 0) << 32n) | BigInt(viaNumber.R[0]! >>> 0)).toBe(BigInt(value));
      expect([viaNumber.R[1], viaNumber.R[5], viaNumber.R[2], viaNumber.R[3]]).toEqual([0, 0, 7, 0]);
    });
  }
});
