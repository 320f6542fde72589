/**
 * Inline executors of the data-processing (register) class: logical and
 * add/sub (shifted and extended register), with carry, conditional compare
 * and select, divide, variable shifts, bit/byte reversal and counting,
 * multiply(-add). Keyed by encoding id (isa/encodings.ts).
 */
import { addWithCarry, extendReg, not64, shiftConst } from '../alu.ts';
import type { Emitter, Fields, Pair } from '../emit.ts';
import { bitwise, logicFlags } from './dp-imm.ts';
import type { InlineExec } from './types.ts';

/** Calls a helper returning a 64-bit value (low half returned, high in H.hi). */
function call64(e: Emitter, call: string): Pair {
  const lo = e.let(call);
  return [lo, e.let('H.hi')];
}

function logicalReg(op: '&' | '|' | '^', invert: boolean, setFlags: boolean): InlineExec {
  return (f, e) => {
    let m = shiftConst(e.x(f.Rm), f.shift, f.imm6, f.sf);
    if (invert) m = not64(m);
    const r = bitwise(e, e.x(f.Rn), op, m, f.sf);
    if (setFlags) logicFlags(e, r, f.sf);
    e.setX(f.Rd, r, f.sf);
  };
}

/** a - b or a + b with flags as the Arm ARM's AddWithCarry computes them. */
function addSub(e: Emitter, a: Pair, b: Pair, sub: boolean, sf: number, setFlags: boolean): Pair {
  return sub ? addWithCarry(e, a, not64(b), '1', sf, setFlags) : addWithCarry(e, a, b, '0', sf, setFlags);
}

function addSubShifted(sub: boolean, setFlags: boolean): InlineExec {
  return (f, e) => {
    const m = shiftConst(e.x(f.Rm), f.shift, f.imm6, f.sf);
    e.setX(f.Rd, addSub(e, e.x(f.Rn), m, sub, f.sf, setFlags), f.sf);
  };
}

function addSubExtended(sub: boolean, setFlags: boolean): InlineExec {
  return (f, e) => {
    const m = extendReg(e, e.x(f.Rm), f.option, f.imm3);
    const r = addSub(e, e.xsp(f.Rn), m, sub, f.sf, setFlags);
    if (setFlags) e.setX(f.Rd, r, f.sf);
    else e.setXsp(f.Rd, r, f.sf);
  };
}

function withCarry(sub: boolean, setFlags: boolean): InlineExec {
  return (f, e) => {
    const m = e.x(f.Rm);
    const r = addWithCarry(e, e.x(f.Rn), sub ? not64(m) : m, e.flags().c, f.sf, setFlags);
    e.setX(f.Rd, r, f.sf);
  };
}

function condCompare(sub: boolean, immediate: boolean): InlineExec {
  return (f, e) => {
    const b: Pair = immediate ? [String(f.imm5), '0'] : e.x(f.Rm);
    const a = e.x(f.Rn);
    e.line(`if (${e.cond(f.cond)}) {`);
    addSub(e, a, b, sub, f.sf, true);
    e.line('} else {');
    const v = f.nzcv;
    e.setFlags(String(v >> 3), String((v >> 2) & 1), String((v >> 1) & 1), String(v & 1));
    e.line('}');
  };
}

function condSelect(kind: 'sel' | 'inc' | 'inv' | 'neg'): InlineExec {
  return (f, e) => {
    const n = e.x(f.Rn);
    let m = e.x(f.Rm);
    if (kind === 'inc') m = addWithCarry(e, m, ['1', '0'], '0', f.sf, false);
    if (kind === 'inv') m = not64(m);
    if (kind === 'neg') m = addWithCarry(e, not64(m), ['0', '0'], '1', f.sf, false);
    const c = e.let(e.cond(f.cond));
    e.setX(f.Rd, [e.let(`${c} ? ${n[0]} : ${m[0]}`), f.sf ? e.let(`${c} ? ${n[1]} : ${m[1]}`) : '0'], f.sf);
  };
}

function divide(signed: boolean): InlineExec {
  return (f, e) => {
    const n = e.x(f.Rn);
    const m = e.x(f.Rm);
    const r: Pair = f.sf
      ? call64(e, `H.${signed ? 's' : 'u'}div64(${n[0]}, ${n[1]}, ${m[0]}, ${m[1]})`)
      : [e.let(`H.${signed ? 's' : 'u'}div32(${n[0]}, ${m[0]})`), '0'];
    e.setX(f.Rd, r, f.sf);
  };
}

function shiftVar(kind: 0 | 1 | 2 | 3): InlineExec {
  return (f, e) => {
    const n = e.x(f.Rn);
    const m = e.x(f.Rm);
    if (f.sf) {
      const fn = ['lsl64', 'lsr64', 'asr64', 'ror64'][kind];
      return e.setX(f.Rd, call64(e, `H.${fn}(${n[0]}, ${n[1]}, ${m[0]})`), 1);
    }
    const s = e.let(`${m[0]} & 31`);
    const l = n[0];
    const expr = [`${l} << ${s}`, `(${l} >>> ${s}) | 0`, `${l} >> ${s}`, `(${l} >>> ${s}) | (${l} << (32 - ${s}))`][kind];
    e.setX(f.Rd, [e.let(expr), '0'], 0);
  };
}

/** One-operand ops applied per 32-bit half: `lo`/`hi` map the source halves (l, h) to the result halves. */
function unary(lo: (l: string, h: string) => string, hi: (l: string, h: string) => string, lo32?: (l: string) => string): InlineExec {
  return (f, e) => {
    const [l, h] = e.x(f.Rn);
    const sf = f.sf ?? 1;
    if (!sf) return e.setX(f.Rd, [e.let((lo32 ?? ((x: string) => lo(x, '0')))(l)), '0'], 0);
    const rl = e.let(lo(l, h));
    e.setX(f.Rd, [rl, e.let(hi(l, h))], 1);
  };
}

function multiplyAdd(sub: boolean): InlineExec {
  return (f, e) => {
    const n = e.x(f.Rn);
    const m = e.x(f.Rm);
    const a = e.x(f.Ra);
    if (!f.sf) {
      return e.setX(f.Rd, [e.let(`(${a[0]} ${sub ? '-' : '+'} Math.imul(${n[0]}, ${m[0]})) | 0`), '0'], 0);
    }
    const p = call64(e, `H.mul64(${n[0]}, ${n[1]}, ${m[0]}, ${m[1]})`);
    e.setX(f.Rd, addSub(e, a, p, sub, 1, false), 1);
  };
}

function multiplyLong(signed: boolean, sub: boolean): InlineExec {
  return (f, e) => {
    const p = call64(e, `H.${signed ? 's' : 'u'}mull(${e.x(f.Rn)[0]}, ${e.x(f.Rm)[0]})`);
    e.setX(f.Rd, addSub(e, e.x(f.Ra), p, sub, 1, false), 1);
  };
}

function multiplyHigh(signed: boolean): InlineExec {
  return (f, e) => {
    const n = e.x(f.Rn);
    const m = e.x(f.Rm);
    e.setX(f.Rd, call64(e, `H.${signed ? 's' : 'u'}mulh(${n[0]}, ${n[1]}, ${m[0]}, ${m[1]})`), 1);
  };
}

export const DP_REG: Record<string, InlineExec> = {
  AND_sreg: logicalReg('&', false, false),
  BIC_sreg: logicalReg('&', true, false),
  ORR_sreg: logicalReg('|', false, false),
  ORN_sreg: logicalReg('|', true, false),
  EOR_sreg: logicalReg('^', false, false),
  EON_sreg: logicalReg('^', true, false),
  ANDS_sreg: logicalReg('&', false, true),
  BICS_sreg: logicalReg('&', true, true),
  ADD_sreg: addSubShifted(false, false),
  ADDS_sreg: addSubShifted(false, true),
  SUB_sreg: addSubShifted(true, false),
  SUBS_sreg: addSubShifted(true, true),
  ADD_ereg: addSubExtended(false, false),
  ADDS_ereg: addSubExtended(false, true),
  SUB_ereg: addSubExtended(true, false),
  SUBS_ereg: addSubExtended(true, true),
  ADC: withCarry(false, false),
  ADCS: withCarry(false, true),
  SBC: withCarry(true, false),
  SBCS: withCarry(true, true),
  CCMN_reg: condCompare(false, false),
  CCMP_reg: condCompare(true, false),
  CCMN_imm: condCompare(false, true),
  CCMP_imm: condCompare(true, true),
  CSEL: condSelect('sel'),
  CSINC: condSelect('inc'),
  CSINV: condSelect('inv'),
  CSNEG: condSelect('neg'),
  UDIV: divide(false),
  SDIV: divide(true),
  LSLV: shiftVar(0),
  LSRV: shiftVar(1),
  ASRV: shiftVar(2),
  RORV: shiftVar(3),
  RBIT: unary((_l, h) => `H.rbit32(${h})`, (l) => `H.rbit32(${l})`, (l) => `H.rbit32(${l})`),
  REV16: unary((l) => `H.rev16(${l})`, (_l, h) => `H.rev16(${h})`),
  REV32: unary((l) => `H.bswap32(${l})`, (_l, h) => `H.bswap32(${h})`),
  REV_w: (f: Fields, e: Emitter) => e.setX(f.Rd, [e.let(`H.bswap32(${e.x(f.Rn)[0]})`), '0'], 0),
  REV_x: unary((_l, h) => `H.bswap32(${h})`, (l) => `H.bswap32(${l})`),
  CLZ: (f, e) => {
    const [l, h] = e.x(f.Rn);
    e.setX(f.Rd, [e.let(f.sf ? `H.clz64(${l}, ${h})` : `Math.clz32(${l})`), '0'], f.sf);
  },
  CLS: (f, e) => {
    const [l, h] = e.x(f.Rn);
    e.setX(f.Rd, [e.let(f.sf ? `H.cls64(${l}, ${h})` : `H.cls32(${l})`), '0'], f.sf);
  },
  MADD: multiplyAdd(false),
  MSUB: multiplyAdd(true),
  SMADDL: multiplyLong(true, false),
  SMSUBL: multiplyLong(true, true),
  UMADDL: multiplyLong(false, false),
  UMSUBL: multiplyLong(false, true),
  SMULH: multiplyHigh(true),
  UMULH: multiplyHigh(false),
};
