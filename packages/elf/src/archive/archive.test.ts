// Archives against GNU ar: read what `ar rcs` writes; write archives that `ar t`, `nm -s`
// and `ld` accept and that list what was asked for.
import { afterAll, describe, expect, it } from 'vitest';
import { readArchive } from './read-archive.js';
import { writeArchive } from './write-archive.js';
import { ElfError } from '../errors.js';
import { Scratch, missingTools, run, runOk } from '../testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

/** `nm -s` prints the index as lines "sym in member". */
function armap(path: string): string[] {
  const out = runOk('nm', ['-s', path]);
  const start = out.indexOf('Archive index:');
  if (start < 0) return [];
  return out.slice(start).split('\n').slice(1).filter((l) => / in /.test(l)).map((l) => l.trim());
}

describe.skipIf(missingTools('as', 'ar', 'nm', 'ld'))('ar archives', () => {
  const longName = 'a_rather_long_member_name.o';
  scratch.assemble('one.o', '.text\n.globl one, both\none: ret\nboth: ret\n.comm common_thing, 8\n');
  scratch.assemble(longName, '.text\n.globl two\n.weak weak_two\ntwo: ret\nweak_two: ret\n call undefined_elsewhere\n');
  scratch.assemble('start.o', '.text\n.globl _start\n_start: call two\n mov $60, %eax\n mov $3, %edi\n syscall\n');
  runOk('ar', ['rcs', scratch.path('gnu.a'), scratch.path('one.o'), scratch.path(longName)]);

  it('reads a GNU ar archive: members, long names, symbol index', () => {
    const a = readArchive(scratch.read('gnu.a'));
    expect(a.members.map((m) => m.name)).toEqual(runOk('ar', ['t', scratch.path('gnu.a')]).trim().split('\n'));
    expect([...a.members[0]!.data]).toEqual([...scratch.read('one.o')]);
    expect(a.symbols.map((s) => `${s.name} in ${a.members[s.member]!.name}`)).toEqual(armap(scratch.path('gnu.a')));
  });

  it('writes an archive ar, nm and ld accept', () => {
    const bytes = writeArchive([
      { name: 'one.o', data: scratch.read('one.o') },
      { name: longName, data: scratch.read(longName) },
      { name: 'notes.txt', data: new TextEncoder().encode('odd') },
    ]);
    scratch.write('ours.a', bytes);
    expect(runOk('ar', ['t', scratch.path('ours.a')]).trim().split('\n')).toEqual(['one.o', longName, 'notes.txt']);
    expect(armap(scratch.path('ours.a'))).toEqual(armap(scratch.path('gnu.a')));
    // Same bytes as GNU ar's deterministic output for the same ELF members.
    runOk('ar', ['rcsD', scratch.path('gnuD.a'), scratch.path('one.o'), scratch.path(longName)]);
    const ours2 = writeArchive([
      { name: 'one.o', data: scratch.read('one.o') },
      { name: longName, data: scratch.read(longName) },
    ]);
    const again = readArchive(ours2);
    const theirs = readArchive(scratch.read('gnuD.a'));
    expect(again.symbols).toEqual(theirs.symbols);
    expect(again.members.map((m) => [m.name, m.headerOffset, m.data.length])).toEqual(
      theirs.members.map((m) => [m.name, m.headerOffset, m.data.length]),
    );
    // ld pulls the member defining `two` (and links without the unused one).
    runOk('ld', ['-o', scratch.path('prog'), scratch.path('start.o'), scratch.path('ours.a'), '--unresolved-symbols=ignore-all']);
    expect(run(scratch.path('prog'), []).status).toBe(3);
  });

  it('round-trips through readArchive', () => {
    const bytes = writeArchive([{ name: 'x.o', data: scratch.read('one.o'), mode: 0o600 }]);
    const a = readArchive(bytes);
    expect(a.members[0]!.mode).toBe(0o600);
    expect(a.symbols.map((s) => s.name)).toEqual(['one', 'both', 'common_thing']);
  });

  it('rejects malformed archives with ElfError', () => {
    const good = scratch.read('gnu.a');
    expect(() => readArchive(good.subarray(0, 100))).toThrow(ElfError);
    expect(() => readArchive(new TextEncoder().encode('!<arch>\nshort'))).toThrow(/truncated member header/);
    expect(() => readArchive(new TextEncoder().encode('not an archive'))).toThrow(/bad magic/);
    const bad = good.slice();
    bad.set(new TextEncoder().encode('99999999  '), 8 + 48);
    expect(() => readArchive(bad)).toThrow(/ar_size .* runs past the end/);
  });
});
