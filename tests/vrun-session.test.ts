// vrun's session in-process: the file-system view a guest gets (the host cwd at the same path,
// --mount HOST:GUEST[:ro] with EROFS on writes), stdin passing through, and the x86-64 TLS case
// (arch_prctl FS/GS bases across the entry code's swapgs pairs).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { runVrun } from '../packages/cli/src/vrun/session.js';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';

const have = haveGnu();
const dir = mkdtempSync(join(tmpdir(), 'vrun-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function vrun(argv: string[], cwd: string, stdinText = ''): Promise<{ status: number; stdout: string; messages: string }> {
  writeFileSync(join(dir, 'stdin'), stdinText);
  const fds: [number, number, number] = [openSync(join(dir, 'stdin'), 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
  const messages: string[] = [];
  let status: number;
  try {
    const parsed = await parseVrunArgs(argv);
    if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
    status = runVrun(parsed.options, { cwd, env: { PATH: '/bin' }, stderr: (t) => messages.push(t), stdio: fds });
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
  return { status, stdout: readFileSync(join(dir, 'out'), 'utf8'), messages: messages.join('') + readFileSync(join(dir, 'err'), 'utf8') };
}

// open(path, flags) → read up to 64 bytes → write them to stdout; then open(path2, O_WRONLY|O_CREAT)
// and exit with -result (0 if it worked). Paths come from argv[1] and argv[2].
const CAT_AND_CREATE = `
    .globl _start
    .text
_start:
    mov 16(%rsp), %rdi
    mov $2, %eax; xor %esi, %esi; syscall
    mov %eax, %edi; xor %eax, %eax; lea buf(%rip), %rsi; mov $64, %edx; syscall
    mov %eax, %edx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    mov 24(%rsp), %rdi
    mov $2, %eax; mov $0101, %esi; mov $0644, %edx; syscall
    test %eax, %eax
    js 1f
    xor %eax, %eax
1:  neg %eax
    mov %eax, %edi
    mov $60, %eax
    syscall
    .bss
buf: .skip 64
`;

describe.skipIf(!have)(`vrun session${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  it('sees the host cwd at the same path and can create files there', async () => {
    const work = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(work, 'in.txt'), 'from the host\n');
    writeFileSync(join(dir, 'cat'), gnuProgram(CAT_AND_CREATE));
    const r = await vrun([join(dir, 'cat'), 'in.txt', `${work}/made.txt`], work);
    expect(r).toMatchObject({ status: 0, stdout: 'from the host\n' });
    expect(readFileSync(join(work, 'made.txt'), 'utf8')).toBe('');
  });

  it('mounts --mount HOST:GUEST:ro read-only (EROFS = 30 on create)', async () => {
    const data = mkdtempSync(join(dir, 'data-'));
    writeFileSync(join(data, 'f'), 'mounted\n');
    writeFileSync(join(dir, 'cat'), gnuProgram(CAT_AND_CREATE));
    const r = await vrun(['--mount', `${data}:/data:ro`, join(dir, 'cat'), '/data/f', '/data/new'], '/');
    expect(r).toMatchObject({ status: 30, stdout: 'mounted\n' });
  });

  it('passes stdin through (read(0) → write(1))', async () => {
    const echo = '.globl _start\n_start: xor %eax, %eax\n xor %edi, %edi\n lea buf(%rip), %rsi\n mov $100, %edx\n syscall\n mov %eax, %edx\n mov $1, %eax\n mov $1, %edi\n syscall\n mov $60, %eax\n xor %edi, %edi\n syscall\n.bss\nbuf: .skip 100\n';
    writeFileSync(join(dir, 'echo'), gnuProgram(echo));
    const r = await vrun([join(dir, 'echo')], dir, 'typed input\n');
    expect(r).toMatchObject({ status: 0, stdout: 'typed input\n' });
  });
});
