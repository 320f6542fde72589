/**
 * Inline executors of the data-processing (immediate) class: PC-relative
 * addresses, add/sub immediate, logical immediate, move wide, bitfield and
 * extract. Keyed by encoding id (isa/encodings.ts).
 */
import { decodeBitMasks } from '../../isa/bitmask.ts';
import { addWithCarry, const64, sext, shiftConst } from '../alu.ts';
import type { Emitter, Fields, Pair } from '../emit.ts';
import type { InlineExec } from './types.ts';

function adr(page: boolean): InlineExec {
  return (f, e) => {
    const imm = sext((f.immhi << 2) | f.immlo, 21);
    const v = page ? BigInt(Math.floor(e.pc / 4096) * 4096) + (BigInt(imm) << 12n) : BigInt(e.pc) + BigInt(imm);
    e.setX(f.Rd, const64(v), 1);
  };
}

function addSubImm(sub: boolean, setFlags: boolean): InlineExec {
  return (f, e) => {
    const imm = f.imm12 << (f.sh ? 12 : 0);
    const b: Pair = sub ? [String(~imm), '-1'] : [String(imm), '0'];
    const r = addWithCarry(e, e.xsp(f.Rn), b, sub ? '1' : '0', f.sf, setFlags);
    if (setFlags) e.setX(f.Rd, r, f.sf);
    else e.setXsp(f.Rd, r, f.sf);
  };
}

/** The 64- or 32-bit bit masks of a logical immediate / bitfield as int32 halves; null when reserved. */
export function bitMasks(f: Fields, immediate: boolean): { w: Pair; t: Pair } | null {
  const m = decodeBitMasks(f.N, f.imms, f.immr, f.sf ? 64 : 32, immediate);
  return m && { w: const64(m.wmask), t: const64(m.tmask) };
}

type BitOp = '&' | '|' | '^';

/** Emits the flags of a logical result (N, Z; C = V = 0). */
export function logicFlags(e: Emitter, r: Pair, sf: number): void {
  if (sf) e.setFlags(`${r[1]} >>> 31`, `(${r[0]} | ${r[1]}) === 0 ? 1 : 0`, '0', '0');
  else e.setFlags(`${r[0]} >>> 31`, `${r[0]} === 0 ? 1 : 0`, '0', '0');
}

/** a op b into fresh variables (only the low half when sf = 0). */
export function bitwise(e: Emitter, a: Pair, op: BitOp, b: Pair, sf: number): Pair {
  return [e.let(`${a[0]} ${op} ${b[0]}`), sf ? e.let(`${a[1]} ${op} ${b[1]}`) : '0'];
}

function logicalImm(op: BitOp, setFlags: boolean): InlineExec {
  return (f, e) => {
    const m = bitMasks(f, true);
    if (!m) throw new Error('logical immediate with a reserved mask reached the executor');
    const r = bitwise(e, e.x(f.Rn), op, m.w, f.sf);
    if (setFlags) {
      logicFlags(e, r, f.sf);
      e.setX(f.Rd, r, f.sf);
    } else {
      e.setXsp(f.Rd, r, f.sf);
    }
  };
}

function moveWide(kind: 'n' | 'z' | 'k'): InlineExec {
  return (f, e) => {
    const v = BigInt(f.imm16) << BigInt(16 * f.hw);
    if (kind === 'z') return e.setX(f.Rd, const64(v), f.sf);
    if (kind === 'n') return e.setX(f.Rd, const64(~v), f.sf);
    const half = f.hw >> 1;
    const keep = (f.hw & 1) === 0 ? 0xffff0000 | 0 : 0xffff;
    const ins = (f.hw & 1) === 0 ? f.imm16 : (f.imm16 << 16) | 0;
    const cur = e.x(f.Rd);
    const part = `(${cur[half]} & ${keep} | ${ins})`;
    e.setX(f.Rd, half === 0 ? [part, cur[1]] : [cur[0], part], f.sf);
  };
}

function bitfield(kind: 's' | 'b' | 'u'): InlineExec {
  return (f, e) => {
    const m = bitMasks(f, false);
    if (!m) throw new Error('bitfield with a reserved mask reached the executor');
    const src = e.x(f.Rn);
    const rot = shiftConst(src, 3, f.immr, f.sf);
    const halves = f.sf ? [0, 1] : [0];
    const out = ['0', '0'];
    for (const i of halves) {
      const w = m.w[i];
      const t = m.t[i];
      if (kind === 'u') {
        out[i] = e.let(`${rot[i]} & ${Number(w) & Number(t)}`);
      } else if (kind === 's') {
        const bit = f.imms;
        const top = bit < 32 ? `(${src[0]} << ${31 - bit} >> 31)` : `(${src[1]} << ${63 - bit} >> 31)`;
        out[i] = e.let(`(${top} & ${~Number(t)}) | (${rot[i]} & ${w} & ${t})`);
      } else {
        const dst = e.x(f.Rd)[i];
        const bot = `((${dst} & ${~Number(w)}) | (${rot[i]} & ${w}))`;
        out[i] = e.let(`(${dst} & ${~Number(t)}) | (${bot} & ${t})`);
      }
    }
    e.setX(f.Rd, [out[0], out[1]], f.sf);
  };
}

const EXTR: InlineExec = (f, e) => {
  const m = e.x(f.Rm);
  if (f.imms === 0) return e.setX(f.Rd, f.sf ? m : [m[0], '0'], f.sf);
  const n = e.x(f.Rn);
  const size = f.sf ? 64 : 32;
  const lo = shiftConst(m, 1, f.imms, f.sf);
  const hi = shiftConst(n, 0, size - f.imms, f.sf);
  e.setX(f.Rd, bitwise(e, lo, '|', hi, f.sf), f.sf);
};

export const DP_IMM: Record<string, InlineExec> = {
  ADR: adr(false),
  ADRP: adr(true),
  ADD_imm: addSubImm(false, false),
  ADDS_imm: addSubImm(false, true),
  SUB_imm: addSubImm(true, false),
  SUBS_imm: addSubImm(true, true),
  AND_imm: logicalImm('&', false),
  ORR_imm: logicalImm('|', false),
  EOR_imm: logicalImm('^', false),
  ANDS_imm: logicalImm('&', true),
  MOVN: moveWide('n'),
  MOVZ: moveWide('z'),
  MOVK: moveWide('k'),
  SBFM: bitfield('s'),
  BFM: bitfield('b'),
  UBFM: bitfield('u'),
  EXTR,
};
