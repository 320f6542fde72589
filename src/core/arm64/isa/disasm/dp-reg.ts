/**
 * Formatters for data processing (register): logical and add/sub with
 * shifted or extended registers, carry, conditional compare and select,
 * divide, variable shifts, bit/byte reversal and multiplies, with the
 * aliases objdump prefers (mov, mvn, tst, cmp, cmn, neg, negs, ngc, cset,
 * cinc, lsl, mul, smull, ...).
 */
import { EXTEND_NAMES, SHIFT_NAMES } from '../operands.ts';
import { condOperand, invertCond } from './operands.ts';
import { hexImm, sp, zr, type Fields, type Formatted, type Formatter } from './format.ts';

/** `Rm` plus its shift, omitted for `lsl #0`. */
function shiftedRm(f: Fields, x: boolean): string {
  const rm = zr(f.Rm, x);
  return f.shift === 0 && f.imm6 === 0 ? rm : `${rm}, ${SHIFT_NAMES[f.shift]} #${f.imm6}`;
}

const logicalReg = (m: string): Formatter => (f) => {
  const x = f.sf === 1;
  const rd = zr(f.Rd, x);
  if (m === 'orr' && f.Rn === 31 && f.shift === 0 && f.imm6 === 0) return { mnemonic: 'mov', operands: `${rd}, ${zr(f.Rm, x)}` };
  if (m === 'orn' && f.Rn === 31) return { mnemonic: 'mvn', operands: `${rd}, ${shiftedRm(f, x)}` };
  if (m === 'ands' && f.Rd === 31) return { mnemonic: 'tst', operands: `${zr(f.Rn, x)}, ${shiftedRm(f, x)}` };
  return { mnemonic: m, operands: `${rd}, ${zr(f.Rn, x)}, ${shiftedRm(f, x)}` };
};

/** add/adds/sub/subs (shifted register) and their cmp/cmn/neg/negs aliases. */
const addSubSreg = (m: 'add' | 'adds' | 'sub' | 'subs'): Formatter => (f) => {
  const x = f.sf === 1;
  const rd = zr(f.Rd, x);
  const rm = shiftedRm(f, x);
  const setsFlags = m === 'adds' || m === 'subs';
  if (setsFlags && f.Rd === 31) return { mnemonic: m === 'adds' ? 'cmn' : 'cmp', operands: `${zr(f.Rn, x)}, ${rm}` };
  if ((m === 'sub' || m === 'subs') && f.Rn === 31) return { mnemonic: m === 'sub' ? 'neg' : 'negs', operands: `${rd}, ${rm}` };
  return { mnemonic: m, operands: `${rd}, ${zr(f.Rn, x)}, ${rm}` };
};

/**
 * add/adds/sub/subs (extended register). Next to the stack pointer, objdump
 * spells the no-op extend (uxtw for 32-bit, uxtx for 64-bit) as `lsl`.
 */
const addSubEreg = (m: 'add' | 'adds' | 'sub' | 'subs'): Formatter => (f) => {
  const x = f.sf === 1;
  const setsFlags = m === 'adds' || m === 'subs';
  const rmX = x && (f.option & 3) === 3;
  const rm = zr(f.Rm, rmX);
  const nearSp = f.Rn === 31 || (!setsFlags && f.Rd === 31);
  const noop = x ? f.option === 3 : f.option === 2;
  let ext: string;
  if (nearSp && noop) ext = f.imm3 === 0 ? rm : `${rm}, lsl #${f.imm3}`;
  else ext = `${rm}, ${EXTEND_NAMES[f.option]}${f.imm3 ? ` #${f.imm3}` : ''}`;
  if (setsFlags && f.Rd === 31) return { mnemonic: m === 'adds' ? 'cmn' : 'cmp', operands: `${sp(f.Rn, x)}, ${ext}` };
  const rd = setsFlags ? zr(f.Rd, x) : sp(f.Rd, x);
  return { mnemonic: m, operands: `${rd}, ${sp(f.Rn, x)}, ${ext}` };
};

/** Three registers of one width: `Rd, Rn, Rm`. */
const rrr = (f: Fields) => {
  const x = f.sf === 1;
  return `${zr(f.Rd, x)}, ${zr(f.Rn, x)}, ${zr(f.Rm, x)}`;
};

/** adc/adcs/sbc/sbcs; sbc and sbcs from the zero register are ngc and ngcs. */
const carry = (m: string, neg?: string): Formatter => (f) => {
  const x = f.sf === 1;
  if (neg && f.Rn === 31) return { mnemonic: neg, operands: `${zr(f.Rd, x)}, ${zr(f.Rm, x)}` };
  return { mnemonic: m, operands: rrr(f) };
};

/** Appends a condition operand and its comment. */
function withCond(mnemonic: string, operands: string, cond: number): Formatted {
  const c = condOperand(cond);
  return { mnemonic, operands: `${operands}, ${c.name}`, comment: c.comment };
}

const condCompare = (m: 'ccmn' | 'ccmp', imm: boolean): Formatter => (f) => {
  const x = f.sf === 1;
  const second = imm ? hexImm(f.imm5) : zr(f.Rm, x);
  return withCond(m, `${zr(f.Rn, x)}, ${second}, ${hexImm(f.nzcv)}`, f.cond);
};

/**
 * csel/csinc/csinv/csneg. With a real condition (not al/nv), objdump prefers
 * cset/csetm when both sources are the zero register, cinc/cinv/cneg when
 * they are the same register, and prints the inverted condition.
 */
const condSelect = (m: string, set?: string, same?: string): Formatter => (f) => {
  const x = f.sf === 1;
  const rd = zr(f.Rd, x);
  if (f.cond < 14 && f.Rn === f.Rm) {
    if (set && f.Rn === 31) return withCond(set, rd, invertCond(f.cond));
    if (same && (f.Rn !== 31 || m === 'csneg')) return withCond(same, `${rd}, ${zr(f.Rn, x)}`, invertCond(f.cond));
  }
  return withCond(m, rrr(f), f.cond);
};

/** Two-source instructions whose objdump spelling is just a mnemonic and three registers. */
const plain3 = (m: string): Formatter => (f) => ({ mnemonic: m, operands: rrr(f) });

/** One-source instructions: `Rd, Rn`. */
const plain2 = (m: string, x?: boolean): Formatter => (f) => {
  const wide = x ?? f.sf === 1;
  return { mnemonic: m, operands: `${zr(f.Rd, wide)}, ${zr(f.Rn, wide)}` };
};

/** madd/msub: mul/mneg when the addend is the zero register. */
const mulAdd = (m: string, alias: string): Formatter => (f) => {
  const x = f.sf === 1;
  if (f.Ra === 31) return { mnemonic: alias, operands: rrr(f) };
  return { mnemonic: m, operands: `${rrr(f)}, ${zr(f.Ra, x)}` };
};

/** smaddl & co (W sources, X accumulator): smull/umull/smnegl/umnegl when the addend is xzr. */
const mulAddLong = (m: string, alias: string): Formatter => (f) => {
  const ops = `${zr(f.Rd, true)}, ${zr(f.Rn, false)}, ${zr(f.Rm, false)}`;
  if (f.Ra === 31) return { mnemonic: alias, operands: ops };
  return { mnemonic: m, operands: `${ops}, ${zr(f.Ra, true)}` };
};

/** smulh/umulh: objdump ignores the Ra field. */
const mulHigh = (m: string): Formatter => (f) => ({
  mnemonic: m,
  operands: `${zr(f.Rd, true)}, ${zr(f.Rn, true)}, ${zr(f.Rm, true)}`,
});

export const DP_REG: Readonly<Record<string, Formatter>> = {
  AND_sreg: logicalReg('and'),
  BIC_sreg: logicalReg('bic'),
  ORR_sreg: logicalReg('orr'),
  ORN_sreg: logicalReg('orn'),
  EOR_sreg: logicalReg('eor'),
  EON_sreg: logicalReg('eon'),
  ANDS_sreg: logicalReg('ands'),
  BICS_sreg: logicalReg('bics'),
  ADD_sreg: addSubSreg('add'),
  ADDS_sreg: addSubSreg('adds'),
  SUB_sreg: addSubSreg('sub'),
  SUBS_sreg: addSubSreg('subs'),
  ADD_ereg: addSubEreg('add'),
  ADDS_ereg: addSubEreg('adds'),
  SUB_ereg: addSubEreg('sub'),
  SUBS_ereg: addSubEreg('subs'),
  ADC: carry('adc'),
  ADCS: carry('adcs'),
  SBC: carry('sbc', 'ngc'),
  SBCS: carry('sbcs', 'ngcs'),
  CCMN_reg: condCompare('ccmn', false),
  CCMP_reg: condCompare('ccmp', false),
  CCMN_imm: condCompare('ccmn', true),
  CCMP_imm: condCompare('ccmp', true),
  CSEL: condSelect('csel'),
  CSINC: condSelect('csinc', 'cset', 'cinc'),
  CSINV: condSelect('csinv', 'csetm', 'cinv'),
  CSNEG: condSelect('csneg', undefined, 'cneg'),
  UDIV: plain3('udiv'),
  SDIV: plain3('sdiv'),
  LSLV: plain3('lsl'),
  LSRV: plain3('lsr'),
  ASRV: plain3('asr'),
  RORV: plain3('ror'),
  RBIT: plain2('rbit'),
  REV16: plain2('rev16'),
  REV32: plain2('rev32', true),
  REV_w: plain2('rev', false),
  REV_x: plain2('rev', true),
  CLZ: plain2('clz'),
  CLS: plain2('cls'),
  MADD: mulAdd('madd', 'mul'),
  MSUB: mulAdd('msub', 'mneg'),
  SMADDL: mulAddLong('smaddl', 'smull'),
  SMSUBL: mulAddLong('smsubl', 'smnegl'),
  SMULH: mulHigh('smulh'),
  UMADDL: mulAddLong('umaddl', 'umull'),
  UMSUBL: mulAddLong('umsubl', 'umnegl'),
  UMULH: mulHigh('umulh'),
};
