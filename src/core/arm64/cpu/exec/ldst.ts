/**
 * Inline executors of loads and stores: single registers in every addressing
 * mode (unsigned offset, unscaled, pre/post-index, register offset, literal),
 * pairs, and prefetch (a no-op). Exclusives and acquire/release live in
 * exclusive.ts (they need the monitor and alignment checks).
 *
 * Model: SCTLR_EL1.A = 0 and Normal memory, so unaligned accesses are
 * allowed; an access that leaves guest memory, even partly, or a store to a
 * read-only page stops the block with an abort exit at this instruction.
 */
import { LDST_VARIANTS } from '../../isa/encodings.ts';
import { addWithCarry, addrPair, extendReg, sext } from '../alu.ts';
import type { Emitter, Fields, Pair } from '../emit.ts';
import type { InlineExec } from './types.ts';

interface Access {
  readonly bytes: number;
  readonly load: boolean;
  readonly signed: boolean;
  /** Width of the destination register for loads (32 zeroes the high half). */
  readonly ext: number;
}

/** Syndrome bits (ISV, SAS, SSE, SRT, SF) of a single-register access without writeback. */
function syndrome(v: Access, rt: number): number {
  return (1 << 24) | (Math.log2(v.bytes) << 22) | ((v.signed ? 1 : 0) << 21) | (rt << 16) | ((v.ext === 64 ? 1 : 0) << 15);
}

/** Reads `v.bytes` at memory offset `o` (plus `delta`), extended as `v` says. */
function loadValue(e: Emitter, o: string, v: Access, delta = 0): Pair {
  const at = delta ? `${o} + ${delta}` : o;
  if (v.bytes === 8) return [e.let(`M.getInt32(${at}, true)`), e.let(`M.getInt32(${at} + 4, true)`)];
  const get = { 1: v.signed ? 'getInt8' : 'getUint8', 2: v.signed ? 'getInt16' : 'getUint16', 4: 'getInt32' }[v.bytes as 1 | 2 | 4];
  const lo = e.let(`M.${get}(${at}${v.bytes > 1 ? ', true' : ''})`);
  return [lo, v.signed && v.ext === 64 ? `(${lo} >> 31)` : '0'];
}

function storeValue(e: Emitter, o: string, v: Access, val: Pair, delta = 0): void {
  const at = delta ? `${o} + ${delta}` : o;
  if (v.bytes === 8) {
    e.line(`M.setInt32(${at}, ${val[0]}, true); M.setInt32(${at} + 4, ${val[1]}, true);`);
    return;
  }
  const set = { 1: 'setInt8', 2: 'setInt16', 4: 'setInt32' }[v.bytes as 1 | 2 | 4];
  e.line(`M.${set}(${at}, ${val[0]}${v.bytes > 1 ? ', true' : ''});`);
}

/**
 * Base register (SP for 31, with the alignment check) plus a constant
 * offset. With `writeback` the base is copied first, so that a load into the
 * base register cannot change the written-back address.
 */
function baseOffset(e: Emitter, rn: number, offset: number, writeback: boolean): { base: Pair; addr: Pair } {
  if (rn === 31) e.checkSpAlign();
  const b = e.xsp(rn);
  const base: Pair = writeback ? [e.let(b[0]), e.let(b[1])] : b;
  if (offset === 0) return { base, addr: base };
  return { base, addr: addWithCarry(e, base, [String(offset), offset < 0 ? '-1' : '0'], '0', 1, false) };
}

/** One access of `v` at `addr` to/from Rt (and Rt2 for pairs). */
function transfer(e: Emitter, v: Access, addr: Pair, rt: number, iss: number, rt2 = -1): void {
  const pair = rt2 >= 0;
  const o = e.access(addr, pair ? 2 * v.bytes : v.bytes, !v.load, iss);
  if (v.load) {
    const a = loadValue(e, o, v);
    const b = pair ? loadValue(e, o, v, v.bytes) : null;
    e.setX(rt, a, 1);
    if (b) e.setX(rt2, b, 1);
  } else {
    storeValue(e, o, v, e.x(rt));
    if (pair) storeValue(e, o, v, e.x(rt2), v.bytes);
  }
}

type Mode = 'uoff' | 'unscaled' | 'post' | 'pre' | 'reg';

function single(v: Access, mode: Mode): InlineExec {
  return (f: Fields, e: Emitter) => {
    if (mode === 'reg') {
      if (f.Rn === 31) e.checkSpAlign();
      const b = e.xsp(f.Rn);
      const m = extendReg(e, e.x(f.Rm), f.option, f.S ? Math.log2(v.bytes) : 0);
      transfer(e, v, addWithCarry(e, b, m, '0', 1, false), f.Rt, syndrome(v, f.Rt));
      return;
    }
    const imm = mode === 'uoff' ? f.imm12 * v.bytes : sext(f.imm9, 9);
    const writeback = mode === 'pre' || mode === 'post';
    const { base, addr } = baseOffset(e, f.Rn, mode === 'post' ? 0 : imm, writeback);
    transfer(e, v, addr, f.Rt, writeback ? 0 : syndrome(v, f.Rt));
    if (mode === 'pre') e.setXsp(f.Rn, addr, 1);
    if (mode === 'post') e.setXsp(f.Rn, addWithCarry(e, base, [String(imm), imm < 0 ? '-1' : '0'], '0', 1, false), 1);
  };
}

function literal(v: Access): InlineExec {
  return (f, e) => transfer(e, v, addrPair(e.pc + sext(f.imm19, 19) * 4), f.Rt, syndrome(v, f.Rt));
}

function pair(v: Access, mode: 'off' | 'pre' | 'post'): InlineExec {
  return (f, e) => {
    const imm = sext(f.imm7, 7) * v.bytes;
    const { base, addr } = baseOffset(e, f.Rn, mode === 'post' ? 0 : imm, mode !== 'off');
    transfer(e, v, addr, f.Rt, 0, f.Rt2);
    if (mode === 'pre') e.setXsp(f.Rn, addr, 1);
    if (mode === 'post') e.setXsp(f.Rn, addWithCarry(e, base, [String(imm), imm < 0 ? '-1' : '0'], '0', 1, false), 1);
  };
}

const nop: InlineExec = () => {};

function buildTable(): Record<string, InlineExec> {
  const t: Record<string, InlineExec> = {};
  for (const v of LDST_VARIANTS) {
    for (const mode of ['uoff', 'unscaled', 'post', 'pre', 'reg'] as const) t[`${v.name}_${mode}`] = single(v, mode);
  }
  const word: Access = { bytes: 4, load: true, signed: false, ext: 32 };
  t.LDR_lit_w = literal(word);
  t.LDR_lit_x = literal({ bytes: 8, load: true, signed: false, ext: 64 });
  t.LDRSW_lit = literal({ bytes: 4, load: true, signed: true, ext: 64 });
  t.PRFM_lit = nop;
  t.PRFM_uoff = nop;
  for (const mode of ['off', 'pre', 'post'] as const) {
    t[`STP_w_${mode}`] = pair({ bytes: 4, load: false, signed: false, ext: 32 }, mode);
    t[`LDP_w_${mode}`] = pair(word, mode);
    t[`LDPSW_${mode}`] = pair({ bytes: 4, load: true, signed: true, ext: 64 }, mode);
    t[`STP_x_${mode}`] = pair({ bytes: 8, load: false, signed: false, ext: 64 }, mode);
    t[`LDP_x_${mode}`] = pair({ bytes: 8, load: true, signed: false, ext: 64 }, mode);
  }
  return t;
}

export const LDST: Record<string, InlineExec> = buildTable();
