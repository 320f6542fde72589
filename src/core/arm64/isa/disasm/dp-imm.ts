/**
 * Formatters for data processing (immediate): PC-relative addresses,
 * add/sub, logical, move wide, bitfield and extract, with the aliases objdump
 * prefers (mov, cmp, cmn, tst, lsl, lsr, asr, ror, ubfx and the like, sxtb..uxth).
 */
import { decodeBitMasks } from '../bitmask.ts';
import { hexImm, sext, sp, targetText, zr, type Fields, type Formatted, type Formatter } from './format.ts';

const adr: Formatter = (f, ctx) => {
  const target = ctx.addr + sext((f.immhi << 2) | f.immlo, 21);
  return { mnemonic: 'adr', operands: `${zr(f.Rd, true)}, ${targetText(target, ctx)}`, target };
};

const adrp: Formatter = (f, ctx) => {
  const page = ctx.addr - (ctx.addr % 4096);
  const target = page + sext((f.immhi << 2) | f.immlo, 21) * 4096;
  return { mnemonic: 'adrp', operands: `${zr(f.Rd, true)}, ${targetText(target, ctx)}`, target };
};

/** `#imm` or `#imm, lsl #12` of the add/sub immediate forms. */
const addSubImm = (f: Fields) => `${hexImm(f.imm12)}${f.sh ? ', lsl #12' : ''}`;

const addImm: Formatter = (f) => {
  const x = f.sf === 1;
  if (f.sh === 0 && f.imm12 === 0 && (f.Rd === 31 || f.Rn === 31)) {
    return { mnemonic: 'mov', operands: `${sp(f.Rd, x)}, ${sp(f.Rn, x)}` };
  }
  return { mnemonic: 'add', operands: `${sp(f.Rd, x)}, ${sp(f.Rn, x)}, ${addSubImm(f)}` };
};

const subImm: Formatter = (f) => {
  const x = f.sf === 1;
  return { mnemonic: 'sub', operands: `${sp(f.Rd, x)}, ${sp(f.Rn, x)}, ${addSubImm(f)}` };
};

/** adds/subs (immediate): cmn/cmp when the result is discarded. */
const addSubsImm = (m: 'adds' | 'subs', alias: 'cmn' | 'cmp'): Formatter => (f) => {
  const x = f.sf === 1;
  if (f.Rd === 31) return { mnemonic: alias, operands: `${sp(f.Rn, x)}, ${addSubImm(f)}` };
  return { mnemonic: m, operands: `${zr(f.Rd, x)}, ${sp(f.Rn, x)}, ${addSubImm(f)}` };
};

/**
 * The `mov` immediate operand: objdump pads the hex to 20 columns and adds
 * the signed decimal value as a comment.
 */
function movImm(value: bigint, x: boolean, rd: string): Formatted {
  const width = x ? 64 : 32;
  const v = BigInt.asUintN(width, value);
  return {
    mnemonic: 'mov',
    operands: `${rd}, #0x${v.toString(16).padEnd(20)}`,
    comment: `#${BigInt.asIntN(width, v)}`,
  };
}

/** True when `v` (datasize bits) is a MOVZ or MOVN immediate, so objdump prefers those over ORR. */
function isWideImm(v: bigint, width: number): boolean {
  const fits = (u: bigint) => {
    for (let hw = 0; hw < width; hw += 16) {
      if ((u & ~(0xffffn << BigInt(hw))) === 0n) return true;
    }
    return false;
  };
  return fits(v) || fits(BigInt.asUintN(width, ~v));
}

const logicalImm = (m: 'and' | 'orr' | 'eor' | 'ands'): Formatter => (f) => {
  const x = f.sf === 1;
  const width = x ? 64 : 32;
  // The table's `reserved` rule excludes the combinations that do not decode.
  const imm = decodeBitMasks(f.N, f.imms, f.immr, width, true)?.wmask ?? 0n;
  // movz/movn cannot write sp, so for sp objdump keeps mov even for a wide immediate.
  if (m === 'orr' && f.Rn === 31 && (f.Rd === 31 || !isWideImm(imm, width))) return movImm(imm, x, sp(f.Rd, x));
  if (m === 'ands' && f.Rd === 31) return { mnemonic: 'tst', operands: `${zr(f.Rn, x)}, ${hexImm(imm)}` };
  const rd = m === 'ands' ? zr(f.Rd, x) : sp(f.Rd, x);
  return { mnemonic: m, operands: `${rd}, ${zr(f.Rn, x)}, ${hexImm(imm)}` };
};

const moveWide = (m: 'movn' | 'movz' | 'movk'): Formatter => (f) => {
  const x = f.sf === 1;
  const rd = zr(f.Rd, x);
  const shifted = BigInt(f.imm16) << BigInt(f.hw * 16);
  if (m === 'movz' && !(f.imm16 === 0 && f.hw !== 0)) return movImm(shifted, x, rd);
  if (m === 'movn' && !(f.imm16 === 0 && f.hw !== 0) && !(!x && f.imm16 === 0xffff)) return movImm(~shifted, x, rd);
  return { mnemonic: m, operands: `${rd}, ${hexImm(f.imm16)}${f.hw ? `, lsl #${f.hw * 16}` : ''}` };
};

/**
 * The Arm ARM's BFXPreferred: whether ubfx/sbfx (rather than a shift or an
 * extend alias) is the preferred spelling of UBFM/SBFM.
 */
function bfxPreferred(x: boolean, unsigned: boolean, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (x ? 63 : 31)) return false;
  if (immr === 0) {
    if (!x && (imms === 7 || imms === 15)) return false;
    if (x && !unsigned && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

/** `#lsb, #width` of the insert forms (bfi, sbfiz, ubfiz, bfc). */
const insertField = (f: Fields, width: number) => `#${(width - f.immr) % width}, #${f.imms + 1}`;
/** `#lsb, #width` of the extract forms (bfxil, sbfx, ubfx). */
const extractField = (f: Fields) => `#${f.immr}, #${f.imms - f.immr + 1}`;

const sbfm: Formatter = (f) => {
  const x = f.sf === 1;
  const w = x ? 64 : 32;
  const rd = zr(f.Rd, x);
  const rn = zr(f.Rn, x);
  if (f.imms === w - 1) return { mnemonic: 'asr', operands: `${rd}, ${rn}, #${f.immr}` };
  if (f.imms < f.immr) return { mnemonic: 'sbfiz', operands: `${rd}, ${rn}, ${insertField(f, w)}` };
  if (bfxPreferred(x, false, f.imms, f.immr)) return { mnemonic: 'sbfx', operands: `${rd}, ${rn}, ${extractField(f)}` };
  const ext = f.imms === 7 ? 'sxtb' : f.imms === 15 ? 'sxth' : 'sxtw';
  return { mnemonic: ext, operands: `${rd}, ${zr(f.Rn, false)}` };
};

const ubfm: Formatter = (f) => {
  const x = f.sf === 1;
  const w = x ? 64 : 32;
  const rd = zr(f.Rd, x);
  const rn = zr(f.Rn, x);
  if (f.imms !== w - 1 && f.imms + 1 === f.immr) return { mnemonic: 'lsl', operands: `${rd}, ${rn}, #${w - 1 - f.imms}` };
  if (f.imms === w - 1) return { mnemonic: 'lsr', operands: `${rd}, ${rn}, #${f.immr}` };
  if (f.imms < f.immr) return { mnemonic: 'ubfiz', operands: `${rd}, ${rn}, ${insertField(f, w)}` };
  if (bfxPreferred(x, true, f.imms, f.immr)) return { mnemonic: 'ubfx', operands: `${rd}, ${rn}, ${extractField(f)}` };
  return { mnemonic: f.imms === 7 ? 'uxtb' : 'uxth', operands: `${rd}, ${rn}` };
};

const bfm: Formatter = (f) => {
  const x = f.sf === 1;
  const w = x ? 64 : 32;
  const rd = zr(f.Rd, x);
  if (f.imms < f.immr) {
    if (f.Rn === 31) return { mnemonic: 'bfc', operands: `${rd}, ${insertField(f, w)}` };
    return { mnemonic: 'bfi', operands: `${rd}, ${zr(f.Rn, x)}, ${insertField(f, w)}` };
  }
  return { mnemonic: 'bfxil', operands: `${rd}, ${zr(f.Rn, x)}, ${extractField(f)}` };
};

const extr: Formatter = (f) => {
  const x = f.sf === 1;
  const rd = zr(f.Rd, x);
  const rn = zr(f.Rn, x);
  if (f.Rn === f.Rm) return { mnemonic: 'ror', operands: `${rd}, ${rn}, #${f.imms}` };
  return { mnemonic: 'extr', operands: `${rd}, ${rn}, ${zr(f.Rm, x)}, #${f.imms}` };
};

export const DP_IMM: Readonly<Record<string, Formatter>> = {
  ADR: adr,
  ADRP: adrp,
  ADD_imm: addImm,
  ADDS_imm: addSubsImm('adds', 'cmn'),
  SUB_imm: subImm,
  SUBS_imm: addSubsImm('subs', 'cmp'),
  AND_imm: logicalImm('and'),
  ORR_imm: logicalImm('orr'),
  EOR_imm: logicalImm('eor'),
  ANDS_imm: logicalImm('ands'),
  MOVN: moveWide('movn'),
  MOVZ: moveWide('movz'),
  MOVK: moveWide('movk'),
  SBFM: sbfm,
  BFM: bfm,
  UBFM: ubfm,
  EXTR: extr,
};
