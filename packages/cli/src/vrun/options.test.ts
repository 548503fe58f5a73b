import { describe, expect, it } from 'vitest';
import { parseMount, parseSize, parseVrunArgs } from './options.js';

describe('vrun options', () => {
  it('stops at IMAGE: the guest keeps its own option-like arguments', async () => {
    const r = await parseVrunArgs(['--stats', 'prog', '--stats', '-x', 'y']);
    expect(r).toMatchObject({ ok: true, options: { image: 'prog', args: ['--stats', '-x', 'y'], stats: true } });
  });
  it('parses mounts, memory and instruction limits', async () => {
    const r = await parseVrunArgs(['--mount', '/tmp/a:/data:ro', '--mount', '/b:/b', '--max-memory', '64M', '--max-instructions', '1000', 'img']);
    expect(r).toMatchObject({
      ok: true,
      options: {
        mounts: [{ host: '/tmp/a', guest: '/data', readOnly: true }, { host: '/b', guest: '/b', readOnly: false }],
        maxMemory: 64 * 1024 * 1024,
        maxInstructions: 1000,
      },
    });
  });
  it.each([
    [[], /no IMAGE/],
    [['--mount', 'nocolon', 'img'], /bad --mount/],
    [['--mount', '/a:relative', 'img'], /bad --mount/],
    [['--max-memory', 'lots', 'img'], /bad --max-memory/],
    [['--max-instructions', '-5', 'img'], /./],
    [['--max-instructions', '1.5', 'img'], /bad --max-instructions/],
    [['--bogus', 'img'], /Unknown argument/i],
  ])('rejects %j', async (argv, message) => {
    const r = await parseVrunArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (r.ok === false) expect(r.message).toMatch(message);
  });
  it('parses sizes and mount specs', () => {
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('1G')).toBe(1024 ** 3);
    expect(parseSize('2k')).toBe(2048);
    expect(parseSize('x')).toBeNull();
    expect(parseMount('C:/x:/y')).toEqual({ host: 'C:/x', guest: '/y', readOnly: false });
  });
});
