/**
 * Syntax forms of loads and stores: single registers in every addressing
 * mode (unsigned offset, unscaled, pre/post-index, register offset, literal,
 * `=expr` from a literal pool), pairs and the exclusive/acquire-release forms.
 * As GNU as does, `ldr` with an offset that the scaled form cannot hold but
 * a 9-bit signed one can becomes `ldur`.
 */
import { LDST_VARIANTS, type LdstVariant } from '../isa/encodings.ts';
import { exprOf, immIn, imm, label, mem, pcrel, R, reg, rn, type EncodeCtx, type Encoded, type Form, type Slot } from './form.ts';
import type { Operand } from './operand.ts';

type Mem = Extract<Operand, { k: 'mem' }>;

const f = (mnemonic: string, slots: Slot[], encode: Form['encode']): Form => ({ mnemonic, slots, encode });

const memOff = mem('[<Xn|SP>{, #<imm>}]', 'a memory operand [<Xn|SP>{, #<imm>}]', (m) => !m.pre && m.off.k !== 'reg');
const memOffNoReloc = mem('[<Xn|SP>{, #<simm>}]', 'a memory operand [<Xn|SP>{, #<simm>}]', (m) => !m.pre && m.off.k !== 'reg' && !(m.off.k === 'imm' && m.off.reloc));
const memPre = mem('[<Xn|SP>, #<simm>]!', 'a pre-indexed memory operand [<Xn|SP>, #<simm>]!', (m) => m.pre && m.off.k === 'imm' && !m.off.reloc);
const memBase = mem('[<Xn|SP>]', 'a memory operand [<Xn|SP>]', (m) => !m.pre && m.off.k === 'none');
const memReg = mem('[<Xn|SP>, <Wm|Xm>{, <extend> {#<amount>}}]', 'a register-offset memory operand', (m) => !m.pre && m.off.k === 'reg');
const postImm = imm('#<simm>');
const memZero = mem('[<Xn|SP>{, #0}]', 'a memory operand [<Xn|SP>{, #0}]', (m) => !m.pre && m.off.k !== 'reg' && !(m.off.k === 'imm' && m.off.reloc));
const literal: Slot = {
  doc: '=<expr>',
  match: (op) => (op.k === 'lit' ? null : 'expected =<expr>'),
};

const asMem = (op: Operand | undefined): Mem => {
  if (op?.k !== 'mem') throw new Error('form bug: not a memory operand');
  return op;
};

/** The signed offset of a memory operand (0 when none), checked against [lo, hi] and `scale`. */
function memOffset(c: EncodeCtx, m: Mem, lo: number, hi: number, scale: number): number {
  if (m.off.k !== 'imm') return 0;
  const v = c.value(m.off.expr);
  if (v < BigInt(lo) || v > BigInt(hi)) {
    c.fail(m.off, 'E_IMM_RANGE', `offset ${v} out of range for ${c.mnemonic}: ${lo}..${hi}${scale > 1 ? ` in multiples of ${scale}` : ''}`);
  }
  if (v % BigInt(scale) !== 0n) c.fail(m.off, 'E_IMM_ALIGN', `offset ${v} for ${c.mnemonic} is not a multiple of ${scale}`);
  return Number(v) / scale;
}

const simm = (bits: number, v: number) => v & ((1 << bits) - 1);

/** Warns, as GNU as does, when a writeback form also transfers its base register. */
function checkWriteback(c: EncodeCtx, m: Mem, ...regs: (Operand | undefined)[]): void {
  if (m.base.num !== 31 && regs.some((r) => rn(r) === m.base.num)) c.warn(m, 'W_UNPREDICTABLE', 'unpredictable transfer with writeback: the base register is also transferred');
}

/** Unsigned-offset form, falling back to unscaled (ldur) as GNU as does. */
function uoffOrUnscaled(c: EncodeCtx, v: LdstVariant, t: number, m: Mem): Encoded {
  const n = m.base.num;
  if (m.off.k === 'imm') {
    const val = c.value(m.off.expr);
    if (m.off.reloc) {
      const lo = Number(BigInt.asUintN(12, val));
      if (lo % v.bytes !== 0) c.fail(m.off, 'E_IMM_ALIGN', `:lo12: offset ${lo} for ${c.mnemonic} is not a multiple of the access size ${v.bytes}`);
      return { id: `${v.name}_uoff`, f: { imm12: lo / v.bytes, Rn: n, Rt: t } };
    }
    const max = 4095 * v.bytes;
    if (val >= 0n && val <= BigInt(max) && val % BigInt(v.bytes) === 0n) {
      return { id: `${v.name}_uoff`, f: { imm12: Number(val) / v.bytes, Rn: n, Rt: t } };
    }
    if (val >= -256n && val <= 255n) return { id: `${v.name}_unscaled`, f: { imm9: simm(9, Number(val)), Rn: n, Rt: t } };
    if (val >= 0n && val <= BigInt(max)) {
      c.fail(m.off, 'E_IMM_ALIGN', `offset ${val} for ${c.mnemonic} is not a multiple of ${v.bytes} (unaligned offsets must be within -256..255)`);
    }
    const scaled = v.bytes > 1 ? ` in multiples of ${v.bytes}` : '';
    c.fail(m.off, 'E_IMM_RANGE', `offset ${val} out of range for ${c.mnemonic}: 0..${max}${scaled}, or -256..255`);
  }
  return { id: `${v.name}_uoff`, f: { imm12: 0, Rn: n, Rt: t } };
}

/** Register-offset form: Xm with lsl/sxtx, or Wm with uxtw/sxtw; amount 0 or log2(size). */
function regOffset(c: EncodeCtx, v: LdstVariant, t: number, m: Mem): Encoded {
  if (m.off.k !== 'reg') throw new Error('form bug');
  const { reg: idx, ext } = m.off;
  const opName = ext?.op ?? (idx.size === 64 ? 'lsl' : '');
  const options: Record<string, [number, 64 | 32]> = { lsl: [0b011, 64], sxtx: [0b111, 64], uxtw: [0b010, 32], sxtw: [0b110, 32] };
  const opt = options[opName];
  if (idx.num === 31 && idx.sp) c.fail(m.off, 'E_OPERAND_KIND', `expected an index register (x0-x30, xzr, w0-w30 or wzr), found ${idx.name}`);
  if (!opt || opt[1] !== idx.size) {
    const allowed = idx.size === 64 ? 'lsl or sxtx' : 'uxtw or sxtw';
    c.fail(ext ?? m.off, 'E_OPERAND_KIND', `invalid use of ${idx.size}-bit register offset ${idx.name}${ext ? ` with ${ext.op}` : ''}: use ${allowed}`);
  }
  const log2 = Math.log2(v.bytes);
  let S = 0;
  if (ext?.amount) {
    const a = immIn(c, ext, 0, log2, 'shift amount');
    if (a !== 0 && a !== log2) c.fail(ext, 'E_IMM_RANGE', `shift amount ${a} for ${c.mnemonic} must be 0 or ${log2}`);
    S = v.bytes === 1 || a !== 0 ? 1 : 0;
  } else if (ext?.op === 'lsl') c.fail(ext, 'E_IMM_RANGE', 'missing shift amount after lsl');
  return { id: `${v.name}_reg`, f: { Rm: idx.num, option: opt[0], S, Rn: m.base.num, Rt: t } };
}

const LITERAL_ID: Partial<Record<string, string>> = { LDR_w: 'LDR_lit_w', LDR_x: 'LDR_lit_x', LDRSW: 'LDRSW_lit' };

function singleForms(v: LdstVariant): Form[] {
  const rt = reg(v.ext, 't');
  const forms = [
    f(v.m, [rt, memOff], (o, c) => uoffOrUnscaled(c, v, rn(o[0]), asMem(o[1]))),
    f(v.m, [rt, memPre], (o, c) => {
      checkWriteback(c, asMem(o[1]), o[0]);
      return { id: `${v.name}_pre`, f: { imm9: simm(9, memOffset(c, asMem(o[1]), -256, 255, 1)), Rn: asMem(o[1]).base.num, Rt: rn(o[0]) } };
    }),
    f(v.m, [rt, memBase, postImm], (o, c) => {
      checkWriteback(c, asMem(o[1]), o[0]);
      return { id: `${v.name}_post`, f: { imm9: simm(9, immIn(c, o[2], -256, 255, 'offset')), Rn: asMem(o[1]).base.num, Rt: rn(o[0]) } };
    }),
    f(v.m, [rt, memReg], (o, c) => regOffset(c, v, rn(o[0]), asMem(o[1]))),
    f(v.m.replace(/^(ld|st)r/, '$1ur'), [rt, memOffNoReloc], (o, c) => ({
      id: `${v.name}_unscaled`, f: { imm9: simm(9, memOffset(c, asMem(o[1]), -256, 255, 1)), Rn: asMem(o[1]).base.num, Rt: rn(o[0]) },
    })),
  ];
  const lit = LITERAL_ID[v.name];
  if (lit) {
    forms.push(
      f(v.m, [rt, label], (o, c) => ({ id: lit, f: { imm19: pcrel(c, o[1]!, c.value(exprOf(o[1])), 19, 2, 'literal'), Rt: rn(o[0]) } })),
      f(v.m, [rt, literal], (o, c) => {
        if (c.literalAddr === null) throw new Error('literal without a pool entry');
        return { id: lit, f: { imm19: pcrel(c, o[1]!, c.literalAddr, 19, 2, 'literal pool'), Rt: rn(o[0]) } };
      }),
    );
  }
  return forms;
}

const PAIRS = [
  ['stp', 'STP_w', 32, 4], ['ldp', 'LDP_w', 32, 4], ['stp', 'STP_x', 64, 8], ['ldp', 'LDP_x', 64, 8], ['ldpsw', 'LDPSW', 64, 4],
] as const;

function pairForms([m, id, size, scale]: (typeof PAIRS)[number]): Form[] {
  const t1 = reg(size, 't');
  const t2 = reg(size, 't2');
  const lo = -64 * scale;
  const hi = 63 * scale;
  const fields = (o: readonly (Operand | undefined)[], imm7: number) => ({ imm7: simm(7, imm7), Rt2: rn(o[1]), Rn: asMem(o[2]).base.num, Rt: rn(o[0]) });
  /** GNU as's warnings: a load pair into one register; writeback with a transferred base. */
  const check = (c: EncodeCtx, o: readonly (Operand | undefined)[], writeback: boolean) => {
    if (writeback) checkWriteback(c, asMem(o[2]), o[0], o[1]);
    if (m !== 'stp' && rn(o[0]) === rn(o[1])) c.warn(o[1]!, 'W_UNPREDICTABLE', 'unpredictable load of register pair: both destinations are the same register');
  };
  return [
    f(m, [t1, t2, memOffNoReloc], (o, c) => (check(c, o, false), { id: `${id}_off`, f: fields(o, memOffset(c, asMem(o[2]), lo, hi, scale)) })),
    f(m, [t1, t2, memPre], (o, c) => (check(c, o, true), { id: `${id}_pre`, f: fields(o, memOffset(c, asMem(o[2]), lo, hi, scale)) })),
    f(m, [t1, t2, memBase, postImm], (o, c) => {
      check(c, o, true);
      const v = immIn(c, o[3], lo, hi, 'offset');
      if (v % scale !== 0) c.fail(o[3]!, 'E_IMM_ALIGN', `offset ${v} for ${m} is not a multiple of ${scale}`);
      return { id: `${id}_post`, f: fields(o, v / scale) };
    }),
  ];
}

/** Exclusive and acquire/release forms: the only offset allowed is #0. */
function exclusiveForms(): Form[] {
  const zeroOff = (c: EncodeCtx, op: Operand | undefined) => memOffset(c, asMem(op), 0, 0, 1);
  return ([64, 32] as const).flatMap((size) => {
    const sfx = size === 64 ? 'x' : 'w';
    const t = reg(size, 't');
    const load = (m: string, id: string) =>
      f(m, [t, memZero], (o, c) => (zeroOff(c, o[1]), { id: `${id}_${sfx}`, f: { Rn: asMem(o[1]).base.num, Rt: rn(o[0]) } }));
    const store = (m: string, id: string) =>
      f(m, [reg(32, 's'), t, memZero], (o, c) => {
        zeroOff(c, o[2]);
        const s = R(o[0]).num;
        if (s === rn(o[1]) && s !== 31) c.warn(o[0]!, 'W_UNPREDICTABLE', 'unpredictable: identical transfer and status registers');
        else if (s === asMem(o[2]).base.num && s !== 31) c.warn(o[0]!, 'W_UNPREDICTABLE', 'unpredictable: identical base and status registers');
        return { id: `${id}_${sfx}`, f: { Rs: s, Rn: asMem(o[2]).base.num, Rt: rn(o[1]) } };
      });
    return [load('ldxr', 'LDXR'), load('ldaxr', 'LDAXR'), load('ldar', 'LDAR'), load('stlr', 'STLR'), store('stxr', 'STXR'), store('stlxr', 'STLXR')];
  });
}

/** Prefetch operation names: pld/pli/pst, cache level l1-l3, keep or strm. */
export const PRFOPS: Readonly<Record<string, number>> = Object.fromEntries(
  ['pld', 'pli', 'pst'].flatMap((type, t) =>
    [1, 2, 3].flatMap((level) => ['keep', 'strm'].map((policy, p) => [`${type}l${level}${policy}`, (t << 3) | ((level - 1) << 1) | p])),
  ),
);

const prfopSlot: Slot = {
  doc: '<prfop>|#<imm5>',
  match: (op) => (op.k === 'imm' && !op.reloc ? null : `expected a prefetch operation (${Object.keys(PRFOPS).join(', ')}) or #<imm5>`),
};

function prfop(c: EncodeCtx, op: Operand | undefined): number {
  if (op?.k === 'imm' && !op.hash && op.expr.t === 'sym') {
    const v = PRFOPS[op.expr.name.toLowerCase()];
    if (v === undefined) c.fail(op, 'E_OPERAND_KIND', `unknown prefetch operation '${op.expr.name}': ${Object.keys(PRFOPS).join(', ')}`);
    return v;
  }
  return immIn(c, op, 0, 31, 'prefetch operation');
}

const prfmForms: Form[] = [
  f('prfm', [prfopSlot, memOff], (o, c) => {
    const m = asMem(o[1]);
    const imm12 = m.off.k === 'imm' && m.off.reloc ? Number(BigInt.asUintN(12, c.value(m.off.expr))) / 8 : memOffset(c, m, 0, 32760, 8);
    if (!Number.isInteger(imm12)) c.fail(m, 'E_IMM_ALIGN', ':lo12: offset for prfm is not a multiple of 8');
    return { id: 'PRFM_uoff', f: { imm12, Rn: m.base.num, Rt: prfop(c, o[0]) } };
  }),
  f('prfm', [prfopSlot, label], (o, c) => ({ id: 'PRFM_lit', f: { imm19: pcrel(c, o[1]!, c.value(exprOf(o[1])), 19, 2, 'literal'), Rt: prfop(c, o[0]) } })),
];

/** Every load/store form. */
export const LDST_FORMS: readonly Form[] = [...LDST_VARIANTS.flatMap(singleForms), ...PAIRS.flatMap(pairForms), ...exclusiveForms(), ...prfmForms];
