/**
 * Formatters for branches, exception generation and system instructions,
 * spelled as objdump prints them: targets as absolute addresses, `ret`
 * without x30, named hints and barriers, system registers by name.
 */
import { PSTATE_FIELDS } from '../encodings.ts';
import { COND_NAMES } from '../operands.ts';
import { SYSREG_BY_KEY, sysregKey } from '../sysregs.ts';
import { condBranchComment } from './operands.ts';
import { hexImm, sext, targetText, zr, type Fields, type Formatter } from './format.ts';

/** A branch `mnemonic` to `addr + offset`, after any leading operands. */
const branchTo = (m: string, offset: (f: Fields) => number, lead?: (f: Fields) => string): Formatter => (f, ctx) => {
  const target = ctx.addr + offset(f);
  const t = targetText(target, ctx);
  return { mnemonic: m, operands: lead ? `${lead(f)}, ${t}` : t, target };
};

const bCond: Formatter = (f, ctx) => {
  const target = ctx.addr + sext(f.imm19, 19) * 4;
  return {
    mnemonic: `b.${COND_NAMES[f.cond]}`,
    operands: targetText(target, ctx),
    comment: condBranchComment(f.cond),
    commentSep: '  ',
    target,
  };
};

const imm19 = (f: Fields) => sext(f.imm19, 19) * 4;
const testBitReg = (f: Fields) => `${zr(f.Rt, f.b5 === 1)}, #${(f.b5 << 5) | f.b40}`;
const imm16 = (m: string): Formatter => (f) => ({ mnemonic: m, operands: hexImm(f.imm16) });
const bare = (m: string): Formatter => () => ({ mnemonic: m });

/**
 * Hint numbers (CRm:op2) that binutils names, beyond the ones hvlab has own
 * table entries for (nop, yield, wfe, wfi, sev, sevl): pointer
 * authentication, branch target identification, speculation barriers. They
 * execute as NOPs here; objdump prints the names, so listings do too.
 */
const HINT_NAMES: Readonly<Record<number, string>> = {
  0x07: 'xpaclri', 0x08: 'pacia1716', 0x0a: 'pacib1716', 0x0c: 'autia1716', 0x0e: 'autib1716',
  0x10: 'esb', 0x11: 'psb\tcsync', 0x12: 'tsb\tcsync', 0x14: 'csdb', 0x16: 'clearbhb',
  0x18: 'paciaz', 0x19: 'paciasp', 0x1a: 'pacibz', 0x1b: 'pacibsp',
  0x1c: 'autiaz', 0x1d: 'autiasp', 0x1e: 'autibz', 0x1f: 'autibsp',
  0x20: 'bti', 0x22: 'bti\tc', 0x24: 'bti\tj', 0x26: 'bti\tjc',
};

const hint: Formatter = (f) => {
  const n = (f.CRm << 3) | f.op2;
  const named = HINT_NAMES[n];
  if (named === undefined) return { mnemonic: 'hint', operands: hexImm(n) };
  const [mnemonic, operands] = named.split('\t');
  return { mnemonic, operands };
};

/** Barrier option names by CRm, '' where objdump prints the number. */
const BARRIER_NAMES = ['', 'oshld', 'oshst', 'osh', '', 'nshld', 'nshst', 'nsh', '', 'ishld', 'ishst', 'ish', '', 'ld', 'st', 'sy'];

const barrier = (m: 'dsb' | 'dmb'): Formatter => (f) => {
  // CRm 0 and 4 of dsb are the speculative store bypass barriers.
  if (m === 'dsb' && f.CRm === 0) return { mnemonic: 'ssbb' };
  if (m === 'dsb' && f.CRm === 4) return { mnemonic: 'pssbb' };
  const name = BARRIER_NAMES[f.CRm];
  return { mnemonic: m, operands: name || `#0x${f.CRm.toString(16).padStart(2, '0')}` };
};

/** isb and clrex: the operand is implied when CRm is 15 (SY). */
const crmOptional = (m: string): Formatter => (f) => (f.CRm === 15 ? { mnemonic: m } : { mnemonic: m, operands: hexImm(f.CRm) });

const msrImm: Formatter = (f) => {
  const field = Object.entries(PSTATE_FIELDS).find(([, p]) => p.op1 === f.op1 && p.op2 === f.op2)?.[0] ?? '?';
  return { mnemonic: 'msr', operands: `${field}, ${hexImm(f.CRm)}` };
};

/** A system register by its lower-case name, or the generic `s<op0>_<op1>_c<n>_c<m>_<op2>`. */
function sysregName(f: Fields): string {
  const op0 = f.o0 === 1 ? 3 : 2;
  const known = SYSREG_BY_KEY.get(sysregKey({ op0, op1: f.op1, CRn: f.CRn, CRm: f.CRm, op2: f.op2 }));
  return known ? known.name.toLowerCase() : `s${op0}_${f.op1}_c${f.CRn}_c${f.CRm}_${f.op2}`;
}

export const BRANCH_SYS: Readonly<Record<string, Formatter>> = {
  B: branchTo('b', (f) => sext(f.imm26, 26) * 4),
  BL: branchTo('bl', (f) => sext(f.imm26, 26) * 4),
  B_cond: bCond,
  CBZ: branchTo('cbz', imm19, (f) => zr(f.Rt, f.sf === 1)),
  CBNZ: branchTo('cbnz', imm19, (f) => zr(f.Rt, f.sf === 1)),
  TBZ: branchTo('tbz', (f) => sext(f.imm14, 14) * 4, testBitReg),
  TBNZ: branchTo('tbnz', (f) => sext(f.imm14, 14) * 4, testBitReg),
  BR: (f) => ({ mnemonic: 'br', operands: zr(f.Rn, true) }),
  BLR: (f) => ({ mnemonic: 'blr', operands: zr(f.Rn, true) }),
  RET: (f) => (f.Rn === 30 ? { mnemonic: 'ret' } : { mnemonic: 'ret', operands: zr(f.Rn, true) }),
  ERET: bare('eret'),
  SVC: imm16('svc'),
  HVC: imm16('hvc'),
  SMC: imm16('smc'),
  BRK: imm16('brk'),
  HLT: imm16('hlt'),
  NOP: bare('nop'),
  YIELD: bare('yield'),
  WFE: bare('wfe'),
  WFI: bare('wfi'),
  SEV: bare('sev'),
  SEVL: bare('sevl'),
  HINT: hint,
  CLREX: crmOptional('clrex'),
  DSB: barrier('dsb'),
  DMB: barrier('dmb'),
  ISB: crmOptional('isb'),
  MSR_imm: msrImm,
  MSR_reg: (f) => ({ mnemonic: 'msr', operands: `${sysregName(f)}, ${zr(f.Rt, true)}` }),
  MRS: (f) => ({ mnemonic: 'mrs', operands: `${zr(f.Rt, true)}, ${sysregName(f)}` }),
};
