// A corpus of assembler lines generated from the table's mnemonics: every mnemonic and alias,
// registers incl. sp/zr/w in every position, immediates at and just past the edges of each
// field, every addressing mode. About a third are lines GNU as rejects (on purpose). Used by
// this package's and the assembler's differential tests against aarch64-linux-gnu-as, and
// available to other packages (e.g. the emulator) as a ready-made instruction corpus.
import { conditionNames } from '../table/conditions.js';
import { sysregNames } from '../table/sysregs.js';

const cross = (...lists: string[][]): string[][] => lists.reduce<string[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);

/** The generated lines, deterministic, in a fixed order. */
export function a64TestLines(): string[] {
  const out: string[] = [];
  const R = ['x3', 'sp', 'xzr', 'w4', 'wsp', 'wzr'];
  const X = ['x0', 'x30'];
  const W = ['w1', 'w29'];
  const conds = [...conditionNames, 'hs', 'lo'];

  // add/sub family: registers everywhere, immediates, shifts, extends
  for (const mn of ['add', 'adds', 'sub', 'subs']) {
    for (const [a, b, c] of cross(R, R, R)) out.push(`${mn} ${a}, ${b}, ${c}`);
    for (const [a, b] of cross(R, R)) out.push(`${mn} ${a}, ${b}, #1`);
    for (const imm of ['0', '4095', '4096', '0x1000', '0xfff000', '0x1001', '-1', '4095, lsl #12', '1, lsl #0', '1, lsl #1', '0x1000000']) out.push(`${mn} x1, x2, #${imm}`, `${mn} w1, w2, #${imm}`);
    for (const sh of ['lsl #0', 'lsl #1', 'lsl #31', 'lsl #32', 'lsl #63', 'lsr #5', 'asr #7', 'ror #9', 'lsl #64']) out.push(`${mn} x1, x2, x3, ${sh}`, `${mn} w1, w2, w3, ${sh}`);
    for (const ext of ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb #2', 'sxth #1', 'sxtw #4', 'sxtx #5', 'lsl #3', 'uxtw #0', 'sxtx']) {
      for (const [d, n, m] of [['x1', 'x2', 'w3'], ['x1', 'sp', 'w3'], ['sp', 'x2', 'x3'], ['x1', 'x2', 'x3'], ['w1', 'wsp', 'w3'], ['w1', 'w2', 'w3'], ['x1', 'sp', 'x3']]) out.push(`${mn} ${d}, ${n}, ${m}, ${ext}`);
    }
  }
  for (const mn of ['cmp', 'cmn']) {
    for (const [a, b] of cross(R, R)) out.push(`${mn} ${a}, ${b}`);
    for (const imm of ['0', '4095', '4096', '-1', '1, lsl #12']) out.push(`${mn} x1, #${imm}`, `${mn} sp, #${imm}`, `${mn} w1, #${imm}`);
    out.push(`${mn} x1, w2, uxtw #2`, `${mn} sp, x2`, `${mn} x2, x3, asr #3`);
  }
  for (const mn of ['neg', 'negs', 'mvn']) for (const [a, b] of cross(R, R)) out.push(`${mn} ${a}, ${b}`, `${mn} ${a}, ${b}, lsl #3`);

  // mov in all its forms
  for (const [a, b] of cross(R, R)) out.push(`mov ${a}, ${b}`);
  for (const imm of ['0', '1', '0xffff', '0x10000', '0x12345', '-1', '-2', '-65536', '-65537', '0xffffffff', '0xfffffffe', '0x100000000', '0xffff0000ffff', '0x5555555555555555', '0xffff00000000', '0x7fffffff', '0x80000000', '-0x80000000', '0x1ffffffff', '0xf0f0f0f0f0f0f0f0', '0x8000000000000000']) {
    for (const r of ['x2', 'w2', 'sp', 'wsp', 'xzr']) out.push(`mov ${r}, #${imm}`);
  }
  for (const mn of ['movz', 'movn', 'movk']) {
    for (const imm of ['0', '1', '0xffff', '0x10000', '-1']) for (const sh of ['', ', lsl #0', ', lsl #16', ', lsl #32', ', lsl #48', ', lsl #8']) out.push(`${mn} x5, #${imm}${sh}`, `${mn} w5, #${imm}${sh}`);
  }

  // logical
  const bimm = ['0x1', '0xff', '0xf0f0f0f0f0f0f0f0', '0x5555', '0x55555555', '0x7ffffffe', '0x80000000', '0xffffffff', '0', '-1', '-2', '0xfffffffe', '0x100000000', '0x3', '0x6', '0xc000000000000001', '0x0000ffff0000ffff'];
  for (const mn of ['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics']) {
    for (const [a, b, c] of cross(['x3', 'sp', 'xzr', 'w4'], ['x3', 'sp', 'xzr', 'w4'], ['x5', 'xzr', 'w6'])) out.push(`${mn} ${a}, ${b}, ${c}`);
    for (const imm of bimm) out.push(`${mn} x1, x2, #${imm}`, `${mn} w1, w2, #${imm}`, `${mn} sp, x2, #${imm}`);
    for (const sh of ['lsl #0', 'lsl #31', 'lsl #32', 'lsr #63', 'asr #1', 'ror #7', 'ror #32']) out.push(`${mn} x1, x2, x3, ${sh}`, `${mn} w1, w2, w3, ${sh}`);
  }
  for (const imm of bimm) out.push(`tst x1, #${imm}`, `tst w1, #${imm}`);
  out.push('tst x1, x2', 'tst w1, w2, ror #3', 'tst sp, #1', 'mvn x1, x2, ror #5');

  // shifts and bitfields
  for (const mn of ['lsl', 'lsr', 'asr', 'ror']) {
    for (const n of ['0', '1', '31', '32', '63', '64']) out.push(`${mn} x1, x2, #${n}`, `${mn} w1, w2, #${n}`);
    out.push(`${mn} x1, x2, x3`, `${mn} w1, w2, w3`, `${mn} x1, x2, w3`);
  }
  for (const mn of ['ubfx', 'sbfx', 'bfxil', 'bfi', 'ubfiz', 'sbfiz', 'bfc']) {
    for (const [lsb, width] of [[0, 1], [0, 32], [31, 1], [1, 63], [63, 1], [32, 32], [0, 64], [1, 31], [0, 0], [60, 8], [8, 8]]) {
      const ops = mn === 'bfc' ? `#${lsb}, #${width}` : `x2, #${lsb}, #${width}`;
      const opsw = mn === 'bfc' ? `#${lsb}, #${width}` : `w2, #${lsb}, #${width}`;
      out.push(`${mn} x1, ${ops}`, `${mn} w1, ${opsw}`);
    }
  }
  for (const mn of ['sbfm', 'ubfm', 'bfm']) for (const [r, s] of [[0, 0], [63, 63], [31, 31], [32, 0], [1, 0], [0, 7]]) out.push(`${mn} x1, x2, #${r}, #${s}`, `${mn} w1, w2, #${r}, #${s}`);
  for (const mn of ['sxtb', 'sxth', 'sxtw', 'uxtb', 'uxth', 'uxtw']) for (const [a, b] of cross(['x1', 'w1'], ['x2', 'w2'])) out.push(`${mn} ${a}, ${b}`);
  for (const n of ['0', '31', '32', '63']) out.push(`extr x1, x2, x3, #${n}`, `extr w1, w2, w3, #${n}`);

  // multiply / divide / bits
  for (const mn of ['mul', 'mneg', 'smulh', 'umulh', 'sdiv', 'udiv']) for (const [a, b, c] of cross(['x1', 'w1'], ['x2', 'w2'], ['x3', 'xzr', 'w3'])) out.push(`${mn} ${a}, ${b}, ${c}`);
  for (const mn of ['madd', 'msub']) out.push(`${mn} x1, x2, x3, x4`, `${mn} w1, w2, w3, w4`, `${mn} x1, x2, x3, w4`, `${mn} x1, x2, x3, xzr`);
  for (const mn of ['smull', 'umull', 'smnegl', 'umnegl']) out.push(`${mn} x1, w2, w3`, `${mn} x1, x2, x3`, `${mn} w1, w2, w3`);
  for (const mn of ['smaddl', 'umaddl', 'smsubl', 'umsubl']) out.push(`${mn} x1, w2, w3, x4`, `${mn} x1, w2, w3, w4`);
  for (const mn of ['clz', 'cls', 'rbit', 'rev', 'rev16', 'rev32', 'rev64']) out.push(`${mn} x1, x2`, `${mn} w1, w2`, `${mn} x1, w2`, `${mn} sp, x2`);
  for (const mn of ['adc', 'adcs', 'sbc', 'sbcs']) out.push(`${mn} x1, x2, x3`, `${mn} w1, w2, w3`, `${mn} x1, xzr, x3`);
  out.push('ngc x1, x2', 'ngcs w1, w2');

  // conditional
  for (const c of conds) {
    out.push(`csel x1, x2, x3, ${c}`, `csinc w1, w2, w3, ${c}`, `csinv x1, x2, x3, ${c}`, `csneg w1, w2, w3, ${c}`);
    out.push(`cset x1, ${c}`, `csetm w1, ${c}`, `cinc x1, x2, ${c}`, `cinv w1, w2, ${c}`, `cneg x1, x2, ${c}`);
    out.push(`ccmp x1, #31, #15, ${c}`, `ccmn w1, w2, #0, ${c}`, `b.${c} .+8`, `b${c} .+8`);
  }
  out.push('ccmp x1, #32, #0, eq', 'ccmp x1, #0, #16, eq', 'cset x1, xx', 'cinc x1, xzr, eq');

  // loads and stores
  const singles: [string, string][] = [['ldr', 'x'], ['ldr', 'w'], ['str', 'x'], ['str', 'w'], ['ldrb', 'w'], ['strb', 'w'], ['ldrh', 'w'], ['strh', 'w'], ['ldrsb', 'x'], ['ldrsb', 'w'], ['ldrsh', 'x'], ['ldrsh', 'w'], ['ldrsw', 'x'],
    ['ldur', 'x'], ['stur', 'w'], ['ldurb', 'w'], ['sturh', 'w'], ['ldursb', 'x'], ['ldursh', 'w'], ['ldursw', 'x']];
  const addrs = ['[x1]', '[sp, #8]', '[x1, #-8]', '[x1, #1]', '[x1, #2]', '[x1, #4095]', '[x1, #16380]', '[x1, #16384]', '[x1, #32760]', '[x1, #32768]', '[x1, #-256]', '[x1, #-257]', '[x1, #255]', '[x1, #256]',
    '[x1, #8]!', '[x1, #255]!', '[x1, #-256]!', '[x1, #256]!', '[x1], #-256', '[x1], #255', '[x1], #256', '[sp], #16', '[x1, #0]',
    '[x1, x2]', '[x1, x2, lsl #0]', '[x1, x2, lsl #1]', '[x1, x2, lsl #2]', '[x1, x2, lsl #3]', '[x1, w2, uxtw]', '[x1, w2, sxtw #0]', '[x1, w2, sxtw #2]', '[x1, w2, sxtw #3]', '[x1, x2, sxtx]', '[x1, x2, sxtx #3]', '[x1, w2]', '[x1, x2, uxtw]', '[sp, xzr]', '[xzr]', '[w1]', '[x1, sp]'];
  for (const [mn, w] of singles) for (const a of addrs) out.push(`${mn} ${w}5, ${a}`);
  out.push('str xzr, [sp]', 'str wzr, [x1, #4]', 'ldr x1, .+8', 'ldr w1, .-1048576', 'ldr x1, .+1048576', 'ldrsw x2, .+4', 'ldr x1, .+2');
  for (const mn of ['ldp', 'stp', 'ldpsw']) {
    for (const off of ['-520', '-512', '-8', '0', '4', '8', '252', '256', '504', '512']) {
      for (const mode of [`[x1, #${off}]`, `[sp, #${off}]!`, `[x1], #${off}`]) out.push(`${mn} x2, x3, ${mode}`, `${mn} w2, w3, ${mode}`);
    }
    out.push(`${mn} x2, x3, [x1]`, `${mn} x2, xzr, [sp]`, `${mn} x2, w3, [x1]`);
  }
  for (const mn of ['ldxr', 'ldaxr', 'ldar', 'stlr', 'ldxrb', 'ldaxrh', 'ldarb', 'stlrh']) out.push(`${mn} x1, [x2]`, `${mn} w1, [sp]`, `${mn} w1, [x2, #0]`, `${mn} w1, [x2, #8]`);
  for (const mn of ['stxr', 'stlxr', 'stxrb', 'stlxrh']) out.push(`${mn} w1, x2, [x3]`, `${mn} w1, w2, [sp]`, `${mn} x1, x2, [x3]`);

  for (const mn of ['ldtr', 'sttr', 'ldtrb', 'sttrh', 'ldtrsb', 'ldtrsh', 'ldtrsw']) for (const a of ['[x1]', '[x1, #-256]', '[x1, #255]', '[x1, #256]', '[sp, #8]']) out.push(`${mn} x5, ${a}`, `${mn} w5, ${a}`);
  for (const p of ['pldl1keep', 'pldl2strm', 'plil3keep', 'pstl1strm', '#0', '#31', '#32', 'pldl4keep']) {
    for (const a of ['[x1]', '[x1, #8]', '[x1, #-8]', '[x1, #32760]', '[x1, #3]', '[x1, x2, lsl #3]', '[x1, w2, sxtw]', '.+8']) out.push(`prfm ${p}, ${a}`);
    out.push(`prfum ${p}, [x1, #-1]`);
  }
  for (const mn of ['ldxp', 'ldaxp']) out.push(`${mn} x1, x2, [x3]`, `${mn} w1, w2, [sp]`, `${mn} x1, w2, [x3]`);
  for (const mn of ['stxp', 'stlxp']) out.push(`${mn} w0, x1, x2, [x3]`, `${mn} w0, w1, w2, [sp]`, `${mn} x0, x1, x2, [x3]`);

  for (const op of ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin', 'swp', 'cas']) {
    for (const ord of ['', 'a', 'l', 'al']) {
      for (const sz of ['', 'b', 'h']) {
        const ld = op === 'swp' || op === 'cas' ? `${op}${ord}${sz}` : `ld${op}${ord}${sz}`;
        out.push(`${ld} w1, w2, [x3]`, `${ld} x1, x2, [sp]`, `${ld} w1, x2, [x3]`, `${ld} w1, wzr, [x3, #0]`);
        if (op !== 'swp' && op !== 'cas') out.push(`st${op}${ord}${sz} w1, [x3]`, `st${op}${ord}${sz} x1, [x3]`);
      }
    }
  }
  for (const mn of ['ldnp', 'stnp']) for (const off of ['-520', '-512', '0', '4', '8', '504', '512']) out.push(`${mn} x1, x2, [x3, #${off}]`, `${mn} w1, w2, [sp, #${off}]`, `${mn} x1, x2, [x3, #${off}]!`);
  for (const mn of ['crc32b', 'crc32h', 'crc32w', 'crc32x', 'crc32cb', 'crc32ch', 'crc32cw', 'crc32cx']) out.push(`${mn} w1, w2, w3`, `${mn} w1, w2, x3`, `${mn} x1, x2, x3`, `${mn} w1, wzr, wsp`);
  for (const sz of ['', 'b', 'h']) out.push(`ldapr${sz} w1, [x2]`, `ldapr${sz} x1, [sp]`, `ldapr${sz} w1, [x2, #8]`);

  // branches and PC-relative
  for (const off of ['0', '4', '-4', '0x7fffffc', '-0x8000000', '0x8000000', '2']) out.push(`b .+${off}`.replace('+-', '-'), `bl .+${off}`.replace('+-', '-'));
  for (const off of ['0', '4', '-4', '0xffffc', '-0x100000', '0x100000']) out.push(`cbz x1, .+${off}`.replace('+-', '-'), `cbnz w1, .+${off}`.replace('+-', '-'), `b.ne .+${off}`.replace('+-', '-'));
  for (const off of ['0', '0x7ffc', '-0x8000', '0x8000']) for (const bit of ['0', '31', '32', '63', '64']) out.push(`tbz x1, #${bit}, .+${off}`.replace('+-', '-'), `tbnz w1, #${bit}, .+${off}`.replace('+-', '-'));
  for (const off of ['0', '1', '-1', '0xfffff', '-0x100000', '0x100000']) out.push(`adr x1, .+${off}`.replace('+-', '-'), `adr w1, .+${off}`.replace('+-', '-'));
  out.push('br x1', 'blr x30', 'ret', 'ret x1', 'ret w1', 'br sp', 'eret', 'drps');

  // system
  for (const mn of ['svc', 'hvc', 'smc', 'brk', 'hlt', 'udf']) for (const v of ['0', '1', '0xffff', '0x10000', '-1']) out.push(`${mn} #${v}`);
  for (const h of ['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl', 'esb', 'csdb', 'psb csync', 'tsb csync', 'xpaclri', 'paciasp', 'autiasp', 'bti', 'bti c', 'bti j', 'bti jc']) out.push(h);
  for (const n of ['0', '6', '9', '19', '127', '128']) out.push(`hint #${n}`);
  for (const b of ['sy', 'st', 'ld', 'ish', 'ishst', 'ishld', 'nsh', 'nshst', 'nshld', 'osh', 'oshst', 'oshld', '#0', '#4', '#12', '#15', '#16']) out.push(`dmb ${b}`, `dsb ${b}`);
  out.push('isb', 'isb sy', 'isb #3', 'isb #16', 'clrex', 'clrex #5', 'clrex #15', 'ssbb', 'pssbb', 'sb');
  for (const r of [...sysregNames, 's3_1_c2_c3_4', 's2_3_c9_c9_7', 's3_7_c15_c15_7', 's3_8_c0_c0_0']) out.push(`mrs x5, ${r}`, `msr ${r}, x5`);
  out.push('mrs w5, nzcv', 'msr nzcv, w5');
  for (const l of ['tlbi vmalle1', 'tlbi vmalle1is', 'tlbi vae1, x0', 'tlbi aside1, x1', 'tlbi vaae1is, x2', 'tlbi alle1', 'tlbi vmalle1, x0', 'tlbi vae1',
    'dc civac, x0', 'dc cvau, x1', 'dc zva, x2', 'dc ivac, x3', 'dc cvac, x4', 'dc cisw, x5', 'dc zva, w2', 'ic iallu', 'ic ialluis', 'ic ivau, x6', 'ic iallu, x1',
    'at s1e1r, x7', 'at s1e0w, x8', 'sys #0, c1, c2, #3, x4', 'sys #3, c7, c5, #1', 'sys #7, c15, c15, #7', 'sys #8, c1, c1, #1', 'sys #0, c16, c1, #1',
    'sysl x3, #0, c1, c2, #3', 'sysl xzr, #7, c15, c0, #0']) out.push(l);
  for (const f of ['daifset', 'daifclr', 'spsel', 'pan', 'uao']) for (const v of ['0', '1', '2', '15', '16']) out.push(`msr ${f}, #${v}`);
  for (const l of ['dc cvap, x0', 'dc cvadp, x1', 'tlbi vae1os, x2', 'tlbi rvae1is, x3', 'tlbi ipas2e1, x4', 'tlbi alle3', 'tlbi paall', 'at s1e1rp, x5', 'at s12e0w, x6',
    'cfp rctx, x7', 'dvp rctx, x8', 'cpp rctx, x9', 'cfp rctx', 'dc gva, x1', 'tlbi alle2os, x0']) out.push(l);

  // compare and swap pair (LSE): even/odd pairs only
  for (const ord of ['', 'a', 'l', 'al']) {
    out.push(`casp${ord} x0, x1, x2, x3, [x4]`, `casp${ord} w4, w5, w6, w7, [sp]`, `casp${ord} x30, xzr, x28, x29, [x0, #0]`, `casp${ord} x1, x2, x4, x5, [x0]`,
      `casp${ord} x0, x2, x4, x5, [x0]`, `casp${ord} x0, x1, w2, w3, [x0]`, `casp${ord} x0, x1, x2, x3, [x0, #8]`);
  }
  for (const mn of ['dcps1', 'dcps2', 'dcps3']) out.push(mn, `${mn} #1`, `${mn} #0xffff`, `${mn} #0x10000`, `${mn} x0`);
  return out;
}

