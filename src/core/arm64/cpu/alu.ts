/**
 * Code-generation helpers for 64-bit arithmetic on int32 halves: constants,
 * shifts by a constant, extends, and AddWithCarry with exact NZCV. Used by
 * the inline executors; all amounts and widths are known at compile time.
 */
import type { Emitter, Pair } from './emit.ts';

/** A 64-bit constant as a Pair of int32 literals. */
export function const64(v: bigint): Pair {
  return [String(Number(BigInt.asIntN(32, v))), String(Number(BigInt.asIntN(32, v >> 32n)))];
}

/** An address (a non-negative number below 2^53) as a Pair of int32 literals. */
export function addrPair(a: number): Pair {
  return [String(a | 0), String(Math.floor(a / 4294967296) | 0)];
}

/** Sign-extends the low `bits` bits of `v`. */
export function sext(v: number, bits: number): number {
  return bits === 32 ? v | 0 : (v << (32 - bits)) >> (32 - bits);
}

export type ShiftKind = 0 | 1 | 2 | 3; // LSL, LSR, ASR, ROR (operands.ts SHIFT_NAMES order)

/**
 * `v` shifted by the constant `amount` (0 <= amount < datasize) of kind
 * `kind`, as a 64-bit (sf = 1) or 32-bit value. Returns fresh expressions.
 */
export function shiftConst(v: Pair, kind: number, amount: number, sf: number): Pair {
  const [l, h] = v;
  const s = amount;
  if (s === 0) return v;
  if (!sf) {
    switch (kind) {
      case 0: return [`(${l} << ${s})`, '0'];
      case 1: return [`(${l} >>> ${s} | 0)`, '0'];
      case 2: return [`(${l} >> ${s})`, '0'];
      default: return [`(${l} >>> ${s} | ${l} << ${32 - s})`, '0'];
    }
  }
  if (s < 32) {
    const down = `(${l} >>> ${s} | ${h} << ${32 - s})`;
    switch (kind) {
      case 0: return [`(${l} << ${s})`, `(${h} << ${s} | ${l} >>> ${32 - s})`];
      case 1: return [down, `(${h} >>> ${s} | 0)`];
      case 2: return [down, `(${h} >> ${s})`];
      default: return [down, `(${h} >>> ${s} | ${l} << ${32 - s})`];
    }
  }
  const t = s - 32;
  switch (kind) {
    case 0: return ['0', `(${l} << ${t})`];
    case 1: return [`(${h} >>> ${t} | 0)`, '0'];
    case 2: return [`(${h} >> ${t})`, `(${h} >> 31)`];
    default:
      return t === 0 ? [h, l] : [`(${h} >>> ${t} | ${l} << ${32 - t})`, `(${l} >>> ${t} | ${h} << ${32 - t})`];
  }
}

/**
 * The Arm ARM's ExtendReg: `v` extended per `option` (UXTB..SXTX) and
 * shifted left by `shift` (0..4), as a 64-bit value.
 */
export function extendReg(e: Emitter, v: Pair, option: number, shift: number): Pair {
  const l = v[0];
  let x: Pair;
  switch (option & 3) {
    case 0: x = option & 4 ? [e.let(`${l} << 24 >> 24`), ''] : [`(${l} & 255)`, '0']; break;
    case 1: x = option & 4 ? [e.let(`${l} << 16 >> 16`), ''] : [`(${l} & 65535)`, '0']; break;
    case 2: x = option & 4 ? [l, ''] : [l, '0']; break;
    default: x = v;
  }
  if (x[1] === '') x = [x[0], `(${x[0]} >> 31)`];
  return shift === 0 ? x : shiftConst(x, 0, shift, 1);
}

/**
 * AddWithCarry(a, b, carryIn) of the Arm ARM for 64-bit (sf = 1) or 32-bit
 * operands; `carryIn` is 0, 1 or an expression of value 0/1. Sets NZCV when
 * `setFlags`. Returns the sum in fresh variables.
 */
export function addWithCarry(e: Emitter, a: Pair, b: Pair, carryIn: string, sf: number, setFlags: boolean): Pair {
  const lo = e.let(`(${a[0]} + ${b[0]} + ${carryIn}) | 0`);
  const c0 = carryOut(e, lo, a[0], carryIn);
  if (!sf) {
    if (setFlags) {
      e.setFlags(`${lo} >>> 31`, `${lo} === 0 ? 1 : 0`, c0, `((${a[0]} ^ ${lo}) & (${b[0]} ^ ${lo})) >>> 31`);
    }
    return [lo, '0'];
  }
  const c0v = e.let(c0);
  const hi = e.let(`(${a[1]} + ${b[1]} + ${c0v}) | 0`);
  if (setFlags) {
    e.setFlags(`${hi} >>> 31`, `(${lo} | ${hi}) === 0 ? 1 : 0`, carryOut(e, hi, a[1], c0v),
      `((${a[1]} ^ ${hi}) & (${b[1]} ^ ${hi})) >>> 31`);
  }
  return [lo, hi];
}

/** Carry out of the 32-bit sum `sum` = a + b + cin: with cin = 0 iff sum < a, with cin = 1 iff sum <= a (unsigned). */
function carryOut(e: Emitter, sum: string, a: string, cin: string): string {
  if (cin === '0') return `(${sum} >>> 0) < (${a} >>> 0) ? 1 : 0`;
  if (cin === '1') return `(${sum} >>> 0) <= (${a} >>> 0) ? 1 : 0`;
  return `(${cin} !== 0 ? (${sum} >>> 0) <= (${a} >>> 0) : (${sum} >>> 0) < (${a} >>> 0)) ? 1 : 0`;
}

/** The bitwise complement of a Pair (constants folded). */
export function not64(v: Pair): Pair {
  return [notExpr(v[0]), notExpr(v[1])];
}

function notExpr(x: string): string {
  return /^-?\d+$/.test(x) ? String(~Number(x)) : `(~${x})`;
}
