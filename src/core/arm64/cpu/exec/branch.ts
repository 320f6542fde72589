/**
 * Inline executors of branches (every one ends its block). ERET, which
 * changes PSTATE, is a slow executor in system.ts. Keyed by encoding id.
 */
import { addrPair, sext } from '../alu.ts';
import type { Emitter, Fields } from '../emit.ts';
import type { InlineExec } from './types.ts';

/** Target address of a PC-relative branch: pc + imm * 4 (the address space wraps at 2^64, never reached by valid guests). */
function rel(e: Emitter, imm: number, bits: number): number {
  return e.pc + sext(imm, bits) * 4;
}

/** Branches to `target` when `cond` holds, else falls through. */
function branchIf(e: Emitter, cond: string, target: number): void {
  e.line(`if (${cond}) {`);
  e.goto(target);
  e.line('}');
  e.goto(e.pc + 4);
}

/** A register value as a branch target address (exact below 2^53). */
function regTarget(e: Emitter, n: number): string {
  const [l, h] = e.x(n);
  return e.let(`(${h} >>> 0) * 4294967296 + (${l} >>> 0)`);
}

/**
 * Target of an unconditional direct branch (B, BL) at `pc`, or null for any
 * other instruction. The block compiler may continue a block at that target
 * (`Emitter.follow`), and the branch then only does its side effect.
 */
export function directTarget(id: string, f: Fields, pc: number): number | null {
  return id === 'B' || id === 'BL' ? pc + sext(f.imm26, 26) * 4 : null;
}

export const BRANCH: Record<string, InlineExec> = {
  B: (f, e) => {
    if (!e.follow) e.goto(rel(e, f.imm26, 26));
  },
  BL: (f, e) => {
    e.setX(30, addrPair(e.pc + 4), 1);
    if (!e.follow) e.goto(rel(e, f.imm26, 26));
  },
  B_cond: (f, e) => branchIf(e, e.cond(f.cond), rel(e, f.imm19, 19)),
  CBZ: (f, e) => {
    const [l, h] = e.x(f.Rt);
    branchIf(e, f.sf ? `(${l} | ${h}) === 0` : `${l} === 0`, rel(e, f.imm19, 19));
  },
  CBNZ: (f, e) => {
    const [l, h] = e.x(f.Rt);
    branchIf(e, f.sf ? `(${l} | ${h}) !== 0` : `${l} !== 0`, rel(e, f.imm19, 19));
  },
  TBZ: (f, e) => testBit(f.b5, f.b40, f.Rt, f.imm14, e, '==='),
  TBNZ: (f, e) => testBit(f.b5, f.b40, f.Rt, f.imm14, e, '!=='),
  BR: (f, e) => e.goto(regTarget(e, f.Rn)),
  BLR: (f, e) => {
    const t = regTarget(e, f.Rn);
    e.setX(30, addrPair(e.pc + 4), 1);
    e.goto(t);
  },
  RET: (f, e) => e.goto(regTarget(e, f.Rn)),
};

function testBit(b5: number, b40: number, rt: number, imm14: number, e: Emitter, op: '===' | '!=='): void {
  const [l, h] = e.x(rt);
  const bit = (b5 << 5) | b40;
  const word = bit < 32 ? l : h;
  branchIf(e, `(${word} & ${(1 << (bit & 31)) | 0}) ${op} 0`, rel(e, imm14, 14));
}
