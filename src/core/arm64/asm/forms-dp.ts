/**
 * Syntax forms of the data-processing instructions (immediate and register),
 * with every alias GNU as accepts and the same choices it makes: add/sub
 * with a negative immediate flips to sub/add, `mov #imm` tries movz, then
 * movn, then orr; `mov` involving sp is `add #0`; a shifted-register form
 * with sp becomes the extended-register form (uxtx/uxtw).
 */
import { encodeBitMask } from '../isa/bitmask.ts';
import { condCode, EXTEND_NAMES, SHIFT_NAMES } from '../isa/operands.ts';
import { anyReg, exprOf, hex, imm, immIn, label, modifier, name, pcrel, R, reg, rn, sfField, type EncodeCtx, type Encoded, type Form, type Slot } from './form.ts';
import type { Operand } from './operand.ts';

type Size = 64 | 32;
const SIZES: readonly Size[] = [64, 32];
const sfOf = (size: Size) => (size === 64 ? 1 : 0);

/** Builds one form for each register width. */
function both(make: (size: Size) => Form[]): Form[] {
  return SIZES.flatMap(make);
}

const f = (mnemonic: string, slots: Slot[], encode: Form['encode']): Form => ({ mnemonic, slots, encode });

const r = (size: Size, role: string) => reg(size, role);
const rs = (size: Size, role: string) => reg(size, role, { sp: true });
const ZR = 31;

const ADDSUB_SHIFTS = ['lsl', 'lsr', 'asr'];
const LOGIC_SHIFTS = ['lsl', 'lsr', 'asr', 'ror'];
const shiftSlot = (ops: string[]) => modifier(`${ops.join('|')} #<amount>`, ops);
const extendSlot = modifier('<extend> {#<amount>}', [...EXTEND_NAMES, 'lsl']);

/** Shift kind and amount of an optional shift operand (defaults: lsl #0). */
function shiftOf(ctx: EncodeCtx, op: Operand | undefined, size: Size): { shift: number; imm6: number } {
  if (!op || op.k !== 'mod') return { shift: 0, imm6: 0 };
  return { shift: (SHIFT_NAMES as readonly string[]).indexOf(op.op), imm6: immIn(ctx, op, 0, size - 1, 'shift amount') };
}

// ---------------------------------------------------------------------------
// add / sub family
// ---------------------------------------------------------------------------

type AddSub = 'ADD' | 'ADDS' | 'SUB' | 'SUBS';
const FLIP: Record<AddSub, AddSub> = { ADD: 'SUB', SUB: 'ADD', ADDS: 'SUBS', SUBS: 'ADDS' };

/**
 * ADD/SUB (immediate): imm12 with optional `lsl #12`; a multiple of 4096
 * without an explicit shift uses it; a negative value flips add<->sub.
 */
function addSubImm(ctx: EncodeCtx, op: AddSub, size: Size, d: number, n: number, immOp: Operand | undefined, sh: Operand | undefined): Encoded {
  if (immOp?.k !== 'imm') throw new Error('form bug');
  const v = ctx.value(immOp.expr);
  if (immOp.reloc === 'lo12') {
    if (sh) ctx.fail(sh, 'E_OPERAND_KIND', 'no shift is allowed with :lo12:');
    return { id: `${op}_imm`, f: { sf: sfOf(size), sh: 0, imm12: Number(BigInt.asUintN(12, v)), Rn: n, Rd: d } };
  }
  let shift = -1;
  if (sh?.k === 'mod') {
    shift = immIn(ctx, sh, 0, 12, 'shift amount');
    if (shift !== 0 && shift !== 12) ctx.fail(sh, 'E_IMM_RANGE', `shift amount ${shift} out of range for ${ctx.mnemonic}: only lsl #0 or lsl #12`);
  }
  const fit = (x: bigint): { sh: number; imm12: number } | null => {
    if (shift >= 0) return x >= 0n && x <= 4095n ? { sh: shift === 12 ? 1 : 0, imm12: Number(x) } : null;
    if (x >= 0n && x <= 4095n) return { sh: 0, imm12: Number(x) };
    if (x >= 0n && x % 4096n === 0n && x / 4096n <= 4095n) return { sh: 1, imm12: Number(x / 4096n) };
    return null;
  };
  let enc = fit(v);
  let id = op;
  if (!enc && v < 0n) {
    enc = fit(-v);
    id = FLIP[op];
  }
  if (!enc) {
    const range = shift >= 0 ? '0..4095' : '0..4095, or a multiple of 4096 up to 16773120';
    ctx.fail(immOp, 'E_IMM_RANGE', `immediate ${v} out of range for ${ctx.mnemonic}: ${range}`);
  }
  return { id: `${id}_imm`, f: { sf: sfOf(size), ...enc, Rn: n, Rd: d } };
}

/** ADD/SUB (extended register); `ext` may be absent only when sp is involved (then lsl #0). */
function addSubExt(ctx: EncodeCtx, op: AddSub, size: Size, d: number, n: number, mOp: Operand | undefined, ext: Operand | undefined, spUsed: boolean): Encoded {
  const m = R(mOp);
  const mod = ext?.k === 'mod' ? ext : null;
  let option: number;
  if (!mod || mod.op === 'lsl') {
    if (!spUsed) ctx.fail(mod ?? mOp!, 'E_OPERAND_KIND', `missing extend operator (uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx) for ${m.name}`);
    option = size === 64 ? 3 : 2;
  } else option = (EXTEND_NAMES as readonly string[]).indexOf(mod.op);
  const wantX = size === 64 && (option & 3) === 3;
  if (m.size !== (wantX ? 64 : 32)) {
    ctx.fail(mOp!, 'E_OPERAND_KIND', `expected a ${wantX ? '64-bit register (x0-x30 or xzr)' : '32-bit register (w0-w30 or wzr)'} with ${mod?.op ?? 'lsl'}, found ${m.name}`);
  }
  const imm3 = mod?.amount ? immIn(ctx, mod, 0, 4, 'extend amount') : 0;
  return { id: `${op}_ereg`, f: { sf: sfOf(size), Rm: m.num, option, imm3, Rn: n, Rd: d } };
}

const isSp = (op: Operand | undefined) => op?.k === 'reg' && op.reg.num === 31 && op.reg.sp;

function addSubForms(m: string, op: AddSub): Form[] {
  const flags = op.endsWith('S');
  return both((size) => {
    const dSlot = flags ? r(size, 'd') : rs(size, 'd');
    return [
      f(m, [dSlot, rs(size, 'n'), imm('#<imm>', { lo12: true }), modifier('lsl #12', ['lsl'])], (o, c) => addSubImm(c, op, size, rn(o[0]), rn(o[1]), o[2], o[3])),
      f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm'), shiftSlot(ADDSUB_SHIFTS)], (o, c) => ({
        id: `${op}_sreg`, f: { sf: sfOf(size), Rm: rn(o[2]), ...shiftOf(c, o[3], size), Rn: rn(o[1]), Rd: rn(o[0]) },
      })),
      f(m, [dSlot, rs(size, 'n'), anyReg(size === 64 ? '<Wm|Xm>' : '<Wm>'), extendSlot], (o, c) =>
        addSubExt(c, op, size, rn(o[0]), rn(o[1]), o[2], o[3], isSp(o[0]) || isSp(o[1]))),
    ];
  });
}

/** cmp/cmn: subs/adds with the zero register as destination. */
function compareForms(m: string, op: 'SUBS' | 'ADDS'): Form[] {
  return both((size) => [
    f(m, [rs(size, 'n'), imm('#<imm>'), modifier('lsl #12', ['lsl'])], (o, c) => addSubImm(c, op, size, ZR, rn(o[0]), o[1], o[2])),
    f(m, [r(size, 'n'), r(size, 'm'), shiftSlot(ADDSUB_SHIFTS)], (o, c) => ({
      id: `${op}_sreg`, f: { sf: sfOf(size), Rm: rn(o[1]), ...shiftOf(c, o[2], size), Rn: rn(o[0]), Rd: ZR },
    })),
    f(m, [rs(size, 'n'), anyReg(size === 64 ? '<Wm|Xm>' : '<Wm>'), extendSlot], (o, c) => addSubExt(c, op, size, ZR, rn(o[0]), o[1], o[2], isSp(o[0]))),
  ]);
}

/** neg/negs: sub/subs from the zero register. */
function negForms(m: string, op: 'SUB' | 'SUBS'): Form[] {
  return both((size) => [
    f(m, [r(size, 'd'), r(size, 'm'), shiftSlot(ADDSUB_SHIFTS)], (o, c) => ({
      id: `${op}_sreg`, f: { sf: sfOf(size), Rm: rn(o[1]), ...shiftOf(c, o[2], size), Rn: ZR, Rd: rn(o[0]) },
    })),
  ]);
}

// ---------------------------------------------------------------------------
// Logical
// ---------------------------------------------------------------------------

/**
 * A logical immediate of `size` bits; `invert` for the bic/orn/eon/bics
 * aliases. Returns the N/immr/imms fields or reports E_LOGICAL_IMM.
 */
function bitmaskImm(ctx: EncodeCtx, op: Operand | undefined, size: Size, invert: boolean): { N: number; immr: number; imms: number } {
  if (op?.k !== 'imm') throw new Error('form bug');
  const v = ctx.value(op.expr);
  if (size === 32 && (v < -(1n << 31n) || v >= 1n << 32n)) {
    ctx.fail(op, 'E_IMM_RANGE', `immediate ${hex(v)} out of range for ${ctx.mnemonic} with 32-bit registers`);
  }
  const bits = BigInt.asUintN(size, invert ? ~v : v);
  const enc = encodeBitMask(bits, size);
  if (!enc) {
    ctx.fail(op, 'E_LOGICAL_IMM', `immediate ${hex(bits)} is not encodable as a logical immediate for ${ctx.mnemonic}: it must be a rotated run of ones repeated across ${size} bits (not 0 or all ones)`);
  }
  return enc;
}

/** Logical mnemonics: the immediate encoding (bic #imm is GNU as's and with ~imm), or none. */
const LOGIC = [
  ['and', 'AND', false], ['orr', 'ORR', false], ['eor', 'EOR', false], ['ands', 'ANDS', false],
  ['bic', 'AND', true], ['orn', null, false], ['eon', null, false], ['bics', null, false],
] as const;

function logicalForms(m: string, immId: string | null, invert: boolean): Form[] {
  const sregId = `${m.toUpperCase()}_sreg`;
  const flags = immId === 'ANDS';
  return both((size) => [
    ...(immId === null ? [] : [f(m, [flags ? r(size, 'd') : rs(size, 'd'), r(size, 'n'), imm('#<imm>')], (o, c) => ({
      id: `${immId}_imm`, f: { sf: sfOf(size), ...bitmaskImm(c, o[2], size, invert), Rn: rn(o[1]), Rd: rn(o[0]) },
    }))]),
    f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm'), shiftSlot(LOGIC_SHIFTS)], (o, c) => ({
      id: sregId, f: { sf: sfOf(size), ...shiftOf(c, o[3], size), Rm: rn(o[2]), Rn: rn(o[1]), Rd: rn(o[0]) },
    })),
  ]);
}

const tstForms = both((size) => [
  f('tst', [r(size, 'n'), imm('#<imm>')], (o, c) => ({ id: 'ANDS_imm', f: { sf: sfOf(size), ...bitmaskImm(c, o[1], size, false), Rn: rn(o[0]), Rd: ZR } })),
  f('tst', [r(size, 'n'), r(size, 'm'), shiftSlot(LOGIC_SHIFTS)], (o, c) => ({
    id: 'ANDS_sreg', f: { sf: sfOf(size), ...shiftOf(c, o[2], size), Rm: rn(o[1]), Rn: rn(o[0]), Rd: ZR },
  })),
]);

const mvnForms = both((size) => [
  f('mvn', [r(size, 'd'), r(size, 'm'), shiftSlot(LOGIC_SHIFTS)], (o, c) => ({
    id: 'ORN_sreg', f: { sf: sfOf(size), ...shiftOf(c, o[2], size), Rm: rn(o[1]), Rn: ZR, Rd: rn(o[0]) },
  })),
]);

// ---------------------------------------------------------------------------
// Moves
// ---------------------------------------------------------------------------

/** movz/movn/movk `#imm16{, lsl #(0|16|32|48)}`. */
function moveWideForms(m: string, id: string): Form[] {
  return both((size) => [
    f(m, [r(size, 'd'), imm('#<imm16>'), modifier(`lsl #${size === 64 ? '0|16|32|48' : '0|16'}`, ['lsl'])], (o, c) => {
      const imm16 = immIn(c, o[1], 0, 0xffff);
      let hw = 0;
      if (o[2]) {
        const s = immIn(c, o[2], 0, size - 16, 'shift amount');
        if (s % 16 !== 0) c.fail(o[2], 'E_IMM_RANGE', `shift amount ${s} for ${c.mnemonic} must be a multiple of 16`);
        hw = s / 16;
      }
      return { id, f: { sf: sfOf(size), hw, imm16, Rd: rn(o[0]) } };
    }),
  ]);
}

/**
 * `mov Rd, #imm` as GNU as encodes it: movz if one 16-bit chunk holds the
 * value, else movn if one holds its complement, else orr with a bitmask.
 */
function movImm(c: EncodeCtx, size: Size, dOp: Operand | undefined, op: Operand | undefined): Encoded {
  if (op?.k !== 'imm') throw new Error('form bug');
  // Register 31 is the zero register for movz/movn but sp for orr.
  const d = R(dOp);
  const toSp = d.num === 31 && d.sp;
  const toZr = d.num === 31 && !d.sp;
  const v = c.value(op.expr);
  if (size === 32 && (v < -(1n << 31n) || v >= 1n << 32n)) c.fail(op, 'E_IMM_RANGE', `immediate ${hex(v)} out of range for mov with a 32-bit register`);
  const u = BigInt.asUintN(size, v);
  const chunk = (x: bigint): { hw: number; imm16: number } | null => {
    for (let hw = 0; hw < size / 16; hw++) {
      if ((x & ~(0xffffn << BigInt(16 * hw))) === 0n) return { hw, imm16: Number(x >> BigInt(16 * hw)) };
    }
    return null;
  };
  const z = toSp ? null : chunk(u);
  if (z) return { id: 'MOVZ', f: { sf: sfOf(size), ...z, Rd: d.num } };
  const nv = toSp ? null : chunk(BigInt.asUintN(size, ~u));
  if (nv) return { id: 'MOVN', f: { sf: sfOf(size), ...nv, Rd: d.num } };
  const b = toZr ? null : encodeBitMask(u, size);
  if (b) return { id: 'ORR_imm', f: { sf: sfOf(size), ...b, Rn: ZR, Rd: d.num } };
  const how = toSp ? 'a logical (bitmask) immediate, the only kind mov can put in sp' : toZr ? 'movz or movn encodable' : 'movz, movn or orr encodable';
  c.fail(op, 'E_MOV_IMM', `immediate ${hex(u)} cannot be moved by a single instruction to ${d.name}: not ${how}; use movz and movk, or ldr ${d.name}, =${hex(u)}`);
}

// Register moves are orr unless sp is involved (then add #0): the orr form rejects sp.
const movForms = both((size) => [
  f('mov', [r(size, 'd'), r(size, 'm')], (o) => ({ id: 'ORR_sreg', f: { sf: sfOf(size), shift: 0, imm6: 0, Rm: rn(o[1]), Rn: ZR, Rd: rn(o[0]) } })),
  f('mov', [rs(size, 'd'), rs(size, 'n')], (o) => ({ id: 'ADD_imm', f: { sf: sfOf(size), sh: 0, imm12: 0, Rn: rn(o[1]), Rd: rn(o[0]) } })),
  f('mov', [reg(size, 'd', { sp: true, zr: true }), imm('#<imm>')], (o, c) => movImm(c, size, o[0], o[1])),
]);

// ---------------------------------------------------------------------------
// Shifts, bitfields, extract
// ---------------------------------------------------------------------------

const bf = (id: string, size: Size, d: number, n: number, immr: number, imms: number): Encoded => ({
  id, f: { sf: sfOf(size), N: sfOf(size), immr, imms, Rn: n, Rd: d },
});

function shiftForms(m: string, vId: string): Form[] {
  return both((size) => [
    f(m, [r(size, 'd'), r(size, 'n'), imm('#<shift>')], (o, c) => {
      const s = immIn(c, o[2], 0, size - 1, 'shift amount');
      const d = rn(o[0]);
      const n = rn(o[1]);
      if (m === 'lsl') return bf('UBFM', size, d, n, (size - s) % size, size - 1 - s);
      if (m === 'lsr') return bf('UBFM', size, d, n, s, size - 1);
      if (m === 'asr') return bf('SBFM', size, d, n, s, size - 1);
      return { id: 'EXTR', f: { sf: sfOf(size), N: sfOf(size), Rm: n, imms: s, Rn: n, Rd: d } };
    }),
    f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm')], (o) => ({ id: vId, f: { sf: sfOf(size), Rm: rn(o[2]), Rn: rn(o[1]), Rd: rn(o[0]) } })),
  ]);
}

/** lsb/width aliases of the bitfield moves. `insert`: ubfiz/sbfiz/bfi, else ubfx/sbfx/bfxil. */
function bitfieldAlias(m: string, id: string, insert: boolean): Form[] {
  return both((size) => [
    f(m, [r(size, 'd'), r(size, 'n'), imm('#<lsb>'), imm('#<width>')], (o, c) => {
      const lsb = immIn(c, o[2], 0, size - 1, 'lsb');
      const width = immIn(c, o[3], 1, size - lsb, 'width');
      return insert
        ? bf(id, size, rn(o[0]), rn(o[1]), (size - lsb) % size, width - 1)
        : bf(id, size, rn(o[0]), rn(o[1]), lsb, lsb + width - 1);
    }),
  ]);
}

function bitfieldForms(m: string, id: string): Form[] {
  return both((size) => [
    f(m, [r(size, 'd'), r(size, 'n'), imm('#<immr>'), imm('#<imms>')], (o, c) =>
      bf(id, size, rn(o[0]), rn(o[1]), immIn(c, o[2], 0, size - 1, 'immr'), immIn(c, o[3], 0, size - 1, 'imms'))),
  ]);
}

/** sxtb/sxth/sxtw/uxtb/uxth: the source is always a W register. */
function extendForms(m: string, id: string, top: number, sizes: readonly Size[], encodeSize?: Size): Form[] {
  return sizes.map((size) => f(m, [r(size, 'd'), r(32, 'n')], (o) => bf(id, encodeSize ?? size, rn(o[0]), rn(o[1]), 0, top)));
}

const extrForms = both((size) => [
  f('extr', [r(size, 'd'), r(size, 'n'), r(size, 'm'), imm('#<lsb>')], (o, c) => ({
    id: 'EXTR', f: { sf: sfOf(size), N: sfOf(size), Rm: rn(o[2]), imms: immIn(c, o[3], 0, size - 1, 'lsb'), Rn: rn(o[1]), Rd: rn(o[0]) },
  })),
]);

// ---------------------------------------------------------------------------
// Multiply, divide, other register forms
// ---------------------------------------------------------------------------

/** Three-register forms `op Rd, Rn, Rm` for both widths (`fixed`: extra fixed fields). */
function rrr(m: string, id: string, fixed: Record<string, number> = {}, sizes: readonly Size[] = SIZES): Form[] {
  return sizes.map((size) =>
    f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm')], (o) => ({ id, f: { ...sfField(id, size), ...fixed, Rm: rn(o[2]), Rn: rn(o[1]), Rd: rn(o[0]) } })),
  );
}

const rrrr = (m: string, id: string) =>
  both((size) => [
    f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm'), r(size, 'a')], (o) => ({ id, f: { sf: sfOf(size), Rm: rn(o[2]), Ra: rn(o[3]), Rn: rn(o[1]), Rd: rn(o[0]) } })),
  ]);

const longMul = (m: string, id: string, withRa: boolean): Form =>
  f(m, withRa ? [r(64, 'd'), r(32, 'n'), r(32, 'm'), r(64, 'a')] : [r(64, 'd'), r(32, 'n'), r(32, 'm')], (o) => ({
    id, f: { Rm: rn(o[2]), Ra: withRa ? rn(o[3]) : ZR, Rn: rn(o[1]), Rd: rn(o[0]) },
  }));

const rr = (m: string, id: string, sizes: readonly Size[] = SIZES): Form[] =>
  sizes.map((size) => f(m, [r(size, 'd'), r(size, 'n')], (o) => ({ id, f: { ...sfField(id, size), Rn: rn(o[1]), Rd: rn(o[0]) } })));

// ---------------------------------------------------------------------------
// Conditional
// ---------------------------------------------------------------------------

const condSlot = name('<cond>', 'a condition (eq, ne, cs/hs, cc/lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv)', (n) => condCode(n) >= 0);

/** The condition code of a matched condition operand; `noAlNv` for aliases that invert it. */
function condOf(c: EncodeCtx, op: Operand | undefined, noAlNv = false): number {
  if (op?.k !== 'imm' || op.expr.t !== 'sym') throw new Error('form bug');
  const code = condCode(op.expr.name);
  if (noAlNv && code >= 14) c.fail(op, 'E_OPERAND_KIND', `${c.mnemonic} takes a condition other than al and nv, found ${op.expr.name}`);
  return code;
}

const csel = (m: string, id: string) =>
  both((size) => [
    f(m, [r(size, 'd'), r(size, 'n'), r(size, 'm'), condSlot], (o, c) => ({
      id, f: { sf: sfOf(size), Rm: rn(o[2]), cond: condOf(c, o[3]), Rn: rn(o[1]), Rd: rn(o[0]) },
    })),
  ]);

/** cset/csetm (Rd, cond) and cinc/cinv/cneg (Rd, Rn, cond): the condition is inverted. */
function condAlias(m: string, id: string, withRn: boolean): Form[] {
  return both((size) => [
    f(m, withRn ? [r(size, 'd'), r(size, 'n'), condSlot] : [r(size, 'd'), condSlot], (o, c) => {
      const src = withRn ? rn(o[1]) : ZR;
      return { id, f: { sf: sfOf(size), Rm: src, cond: condOf(c, o[withRn ? 2 : 1], true) ^ 1, Rn: src, Rd: rn(o[0]) } };
    }),
  ]);
}

function condCompare(m: string, base: string): Form[] {
  return both((size) => [
    f(m, [r(size, 'n'), imm('#<imm5>'), imm('#<nzcv>'), condSlot], (o, c) => ({
      id: `${base}_imm`, f: { sf: sfOf(size), imm5: immIn(c, o[1], 0, 31), cond: condOf(c, o[3]), Rn: rn(o[0]), nzcv: immIn(c, o[2], 0, 15, 'nzcv') },
    })),
    f(m, [r(size, 'n'), r(size, 'm'), imm('#<nzcv>'), condSlot], (o, c) => ({
      id: `${base}_reg`, f: { sf: sfOf(size), Rm: rn(o[1]), cond: condOf(c, o[3]), Rn: rn(o[0]), nzcv: immIn(c, o[2], 0, 15, 'nzcv') },
    })),
  ]);
}

// ---------------------------------------------------------------------------
// PC-relative addresses
// ---------------------------------------------------------------------------

/** adr: a byte offset of ±1 MiB; adrp: the 4 KiB page offset, ±4 GiB. */
function pcRelForms(m: 'adr' | 'adrp'): Form[] {
  return [
    f(m, [r(64, 'd'), label], (o, c) => {
      const target = c.value(exprOf(o[1]));
      const imm21 = m === 'adr' ? pcrel(c, o[1]!, target, 21, 0, 'adr') : pagerel(c, o[1]!, target);
      return { id: m.toUpperCase(), f: { immlo: imm21 & 3, immhi: imm21 >>> 2, Rd: rn(o[0]) } };
    }),
  ];
}

function pagerel(c: EncodeCtx, op: Operand, target: bigint): number {
  const pages = (target >> 12n) - (c.pc >> 12n);
  if (pages < -(1n << 20n) || pages >= 1n << 20n) {
    c.fail(op, 'E_BRANCH_RANGE', `adrp target ${hex(target)} out of range: more than ±4 GiB from ${hex(c.pc)}`);
  }
  return Number(BigInt.asUintN(21, pages));
}

/** Every data-processing form. */
export const DP_FORMS: readonly Form[] = [
  ...pcRelForms('adr'),
  ...pcRelForms('adrp'),
  ...addSubForms('add', 'ADD'),
  ...addSubForms('adds', 'ADDS'),
  ...addSubForms('sub', 'SUB'),
  ...addSubForms('subs', 'SUBS'),
  ...compareForms('cmp', 'SUBS'),
  ...compareForms('cmn', 'ADDS'),
  ...negForms('neg', 'SUB'),
  ...negForms('negs', 'SUBS'),
  ...LOGIC.flatMap(([m, id, inv]) => logicalForms(m, id, inv)),
  ...tstForms,
  ...mvnForms,
  ...moveWideForms('movz', 'MOVZ'),
  ...moveWideForms('movn', 'MOVN'),
  ...moveWideForms('movk', 'MOVK'),
  ...movForms,
  ...shiftForms('lsl', 'LSLV'),
  ...shiftForms('lsr', 'LSRV'),
  ...shiftForms('asr', 'ASRV'),
  ...shiftForms('ror', 'RORV'),
  ...rrr('lslv', 'LSLV'),
  ...rrr('lsrv', 'LSRV'),
  ...rrr('asrv', 'ASRV'),
  ...rrr('rorv', 'RORV'),
  ...bitfieldForms('sbfm', 'SBFM'),
  ...bitfieldForms('bfm', 'BFM'),
  ...bitfieldForms('ubfm', 'UBFM'),
  ...bitfieldAlias('ubfx', 'UBFM', false),
  ...bitfieldAlias('sbfx', 'SBFM', false),
  ...bitfieldAlias('bfxil', 'BFM', false),
  ...bitfieldAlias('ubfiz', 'UBFM', true),
  ...bitfieldAlias('sbfiz', 'SBFM', true),
  ...bitfieldAlias('bfi', 'BFM', true),
  ...extendForms('sxtb', 'SBFM', 7, SIZES),
  ...extendForms('sxth', 'SBFM', 15, SIZES),
  ...extendForms('sxtw', 'SBFM', 31, [64]),
  ...extendForms('uxtb', 'UBFM', 7, [32, 64], 32),
  ...extendForms('uxth', 'UBFM', 15, [32, 64], 32),
  ...extrForms,
  ...rrrr('madd', 'MADD'),
  ...rrrr('msub', 'MSUB'),
  ...rrr('mul', 'MADD', { Ra: ZR }),
  ...rrr('mneg', 'MSUB', { Ra: ZR }),
  longMul('smaddl', 'SMADDL', true),
  longMul('smsubl', 'SMSUBL', true),
  longMul('umaddl', 'UMADDL', true),
  longMul('umsubl', 'UMSUBL', true),
  longMul('smull', 'SMADDL', false),
  longMul('umull', 'UMADDL', false),
  longMul('smnegl', 'SMSUBL', false),
  longMul('umnegl', 'UMSUBL', false),
  ...rrr('smulh', 'SMULH', { Ra: ZR }, [64]),
  ...rrr('umulh', 'UMULH', { Ra: ZR }, [64]),
  ...rrr('udiv', 'UDIV'),
  ...rrr('sdiv', 'SDIV'),
  ...rrr('adc', 'ADC'),
  ...rrr('adcs', 'ADCS'),
  ...rrr('sbc', 'SBC'),
  ...rrr('sbcs', 'SBCS'),
  ...both((size) => [f('ngc', [r(size, 'd'), r(size, 'm')], (o) => ({ id: 'SBC', f: { sf: sfOf(size), Rm: rn(o[1]), Rn: ZR, Rd: rn(o[0]) } }))]),
  ...both((size) => [f('ngcs', [r(size, 'd'), r(size, 'm')], (o) => ({ id: 'SBCS', f: { sf: sfOf(size), Rm: rn(o[1]), Rn: ZR, Rd: rn(o[0]) } }))]),
  ...rr('clz', 'CLZ'),
  ...rr('cls', 'CLS'),
  ...rr('rbit', 'RBIT'),
  ...rr('rev16', 'REV16'),
  ...rr('rev32', 'REV32', [64]),
  ...rr('rev', 'REV_x', [64]),
  ...rr('rev', 'REV_w', [32]),
  ...csel('csel', 'CSEL'),
  ...csel('csinc', 'CSINC'),
  ...csel('csinv', 'CSINV'),
  ...csel('csneg', 'CSNEG'),
  ...condAlias('cset', 'CSINC', false),
  ...condAlias('csetm', 'CSINV', false),
  ...condAlias('cinc', 'CSINC', true),
  ...condAlias('cinv', 'CSINV', true),
  ...condAlias('cneg', 'CSNEG', true),
  ...condCompare('ccmp', 'CCMP'),
  ...condCompare('ccmn', 'CCMN'),
];
