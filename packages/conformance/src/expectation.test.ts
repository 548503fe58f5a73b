import { describe, expect, it } from 'vitest';
import { CaseFormatError, expectedStatus, parseExpectation } from './expectation.js';

describe('parseExpectation', () => {
  it('reads an exit status and text stdout', () => {
    const e = parseExpectation('{"arch":"x86_64","exit":3,"stdout":"hi\\n","strace":["exit(3) = ?"]}', 'f');
    expect(e.exit).toBe(3);
    expect(Buffer.from(e.stdout).toString()).toBe('hi\n');
    expect(e.strace).toEqual(['exit(3) = ?']);
    expect(expectedStatus(e)).toBe(3);
  });
  it('turns a signal name into 128 + its Linux number (signal(7))', () => {
    expect(expectedStatus(parseExpectation('{"signal":"SIGSEGV","stdout":""}', 'f'))).toBe(139);
    expect(expectedStatus(parseExpectation('{"signal":"SIGPIPE","stdout":""}', 'f'))).toBe(141);
  });
  it('decodes stdout_hex', () => {
    expect(Array.from(parseExpectation('{"exit":0,"stdout_hex":"00ff"}', 'f').stdout)).toEqual([0, 255]);
  });
  it.each([
    ['not json', '{'],
    ['neither exit nor signal', '{"stdout":""}'],
    ['both exit and signal', '{"exit":0,"signal":"SIGSEGV","stdout":""}'],
    ['unknown signal', '{"signal":"SIGNOPE","stdout":""}'],
    ['no stdout', '{"exit":0}'],
    ['odd hex', '{"exit":0,"stdout_hex":"abc"}'],
    ['strace not lines', '{"exit":0,"stdout":"","strace":[1]}'],
  ])('rejects %s with a CaseFormatError', (_why, text) => {
    expect(() => parseExpectation(text, 'x.expect.json')).toThrow(CaseFormatError);
  });
});
