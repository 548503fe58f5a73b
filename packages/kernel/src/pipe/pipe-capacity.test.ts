// Pipe capacity (F_SETPIPE_SZ): round_pipe_size's rounding, and a resize that keeps the queued
// bytes in order even when they wrap around the end of the ring.
import { describe, expect, it } from 'vitest';
import { Pipe, PIPE_CAPACITY, roundPipeSize } from './pipe.js';
import { Inode } from '../vfs/inode.js';

class TestInode extends Inode {
  readonly ino = 1;
  mode = 0o10600;
  get size(): number {
    return 0;
  }
}

const bytes = (n: number, from = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

describe('pipe capacity', () => {
  it('rounds a request up to a power-of-two number of pages, at least one; 0 above 2^31', () => {
    expect(roundPipeSize(0)).toBe(4096);
    expect(roundPipeSize(1)).toBe(4096);
    expect(roundPipeSize(4097)).toBe(8192);
    expect(roundPipeSize(65536)).toBe(65536);
    expect(roundPipeSize(2 ** 31)).toBe(2 ** 31);
    expect(roundPipeSize(2 ** 31 + 1)).toBe(0);
    expect(roundPipeSize(-1)).toBe(0);
  });

  it('limits what a write may queue to the capacity, and keeps wrapped data across a resize', () => {
    const pipe = new Pipe(new TestInode());
    expect(pipe.capacity).toBe(PIPE_CAPACITY);
    pipe.resize(4096);
    expect(pipe.free).toBe(4096);
    pipe.push(bytes(3000));
    pipe.consume(2000);
    pipe.push(bytes(3000, 3000)); // wraps around the 4096-byte ring
    expect(pipe.free).toBe(96);
    expect(pipe.occupiedPages).toBe(1);
    pipe.resize(16384);
    expect(pipe.free).toBe(16384 - 4000);
    const out = pipe.peek(4000);
    expect([...out]).toEqual([...bytes(1000, 2000), ...bytes(3000, 3000)]);
    pipe.push(bytes(10000, 7));
    expect(pipe.count).toBe(14000);
    expect([...pipe.peek(14000).subarray(4000)]).toEqual([...bytes(10000, 7)]);
  });
});
