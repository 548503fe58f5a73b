// The loader on an AArch64 image (aarch64-linux-gnu-as/ld): machine check, segments, entry,
// the kernel's auxv order with ARCH_DLINFO = AT_MINSIGSTKSZ (+ AT_SYSINFO_EHDR with a vDSO),
// AT_PLATFORM "aarch64", SP 16-byte aligned under STACK_TOP = 2^48. (qemu-user builds its own
// different stack, so this is checked structurally rather than against qemu.)
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '@vsys/kernel';
import { loadImage } from './load-image.js';
import { LoaderError } from './errors.js';
import { AT } from './stack/auxv.js';

const have = (t: string) => spawnSync('which', [t]).status === 0;
const missing = !have('aarch64-linux-gnu-as') || !have('aarch64-linux-gnu-ld');

describe.skipIf(missing)('loadImage (arm64)', () => {
  it('loads a GNU ld AArch64 image with the kernel auxv order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-a64-'));
    try {
      writeFileSync(join(dir, 'p.s'), '.globl _start\n_start:\n  mov x8, #93\n  mov x0, #0\n  svc #0\n.data\nv: .quad 7\n');
      execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
      execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')]);
      const image = new Uint8Array(readFileSync(join(dir, 'p')));
      const kernel = new Kernel({ warn: () => {} });
      const x86 = kernel.createProcess('x86_64').process;
      expect(() => loadImage(kernel, x86, image, ['p'], [], 'p')).toThrow(LoaderError);
      const { process } = kernel.createProcess('arm64');
      const r = loadImage(kernel, process, image, ['./p', 'a'], ['X=1'], './p', { vdso: new Uint8Array(4096) });
      expect(Number(r.sp) % 16).toBe(0);
      expect(r.stackTop).toBe(2n ** 48n);
      expect(r.auxv.map((a) => a.type)).toEqual([33, 51, 16, 6, 17, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 23, 25, 26, 31, 15, 27, 28, 0]);
      const mem = kernel.userMemory(process);
      const platform = r.auxv.find((a) => a.type === AT.AT_PLATFORM)!.value;
      expect(new TextDecoder().decode(mem.readCString(Number(platform), 16) as Uint8Array)).toBe('aarch64');
      // mov x8, #93 = 0xd2800ba8
      expect(mem.read(Number(r.entry), 4)).toEqual(new Uint8Array([0xa8, 0x0b, 0x80, 0xd2]));
      const words = new DataView(mem.read(Number(r.sp), 40)!.buffer);
      expect(words.getBigUint64(0, true)).toBe(2n); // argc
      const argv0 = Number(words.getBigUint64(8, true));
      expect(new TextDecoder().decode(mem.readCString(argv0, 64) as Uint8Array)).toBe('./p');
      expect(words.getBigUint64(24, true)).toBe(0n); // argv NULL
      expect(process.mm.findVma(Number(r.vdsoBase))!.name).toBe('[vdso]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
