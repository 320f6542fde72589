/**
 * Syntax forms of branches, exception generation, hints, barriers and
 * system register moves.
 */
import { COND_ALIASES, COND_NAMES, condCode } from '../isa/operands.ts';
import { PSTATE_FIELDS } from '../isa/encodings.ts';
import { SYSREG_BY_NAME, type SysregSpec } from '../isa/sysregs.ts';
import { exprOf, imm, immIn, label, name, pcrel, reg, rn, type EncodeCtx, type Form, type Slot } from './form.ts';
import type { Operand } from './operand.ts';

const f = (mnemonic: string, slots: Slot[], encode: Form['encode']): Form => ({ mnemonic, slots, encode });

/** Encodes a branch target operand as a word-offset field of `bits` bits. */
const target = (c: EncodeCtx, op: Operand | undefined, bits: number) => pcrel(c, op!, c.value(exprOf(op)), bits, 2, 'branch');

const COND_MNEMONICS = [...COND_NAMES, ...Object.keys(COND_ALIASES)];

const branches: Form[] = [
  f('b', [label], (o, c) => ({ id: 'B', f: { imm26: target(c, o[0], 26) } })),
  f('bl', [label], (o, c) => ({ id: 'BL', f: { imm26: target(c, o[0], 26) } })),
  // b.eq, and GNU as's dotless beq spelling (not for al and nv: bal/bnv are not accepted).
  ...COND_MNEMONICS.flatMap((cond) =>
    [`b.${cond}`, ...(cond === 'al' || cond === 'nv' ? [] : [`b${cond}`])].map((m) => f(m, [label], (o, c) => ({ id: 'B_cond', f: { imm19: target(c, o[0], 19), cond: condCode(cond) } }))),
  ),
  ...([64, 32] as const).flatMap((size) => [
    f('cbz', [reg(size, 't'), label], (o, c) => ({ id: 'CBZ', f: { sf: size === 64 ? 1 : 0, imm19: target(c, o[1], 19), Rt: rn(o[0]) } })),
    f('cbnz', [reg(size, 't'), label], (o, c) => ({ id: 'CBNZ', f: { sf: size === 64 ? 1 : 0, imm19: target(c, o[1], 19), Rt: rn(o[0]) } })),
    ...['tbz', 'tbnz'].map((m) =>
      f(m, [reg(size, 't'), imm('#<bit>'), label], (o, c) => {
        const bit = immIn(c, o[1], 0, size - 1, 'bit number');
        return { id: m.toUpperCase(), f: { b5: bit >> 5, b40: bit & 31, imm14: target(c, o[2], 14), Rt: rn(o[0]) } };
      }),
    ),
  ]),
  f('br', [reg(64, 'n')], (o) => ({ id: 'BR', f: { Rn: rn(o[0]) } })),
  f('blr', [reg(64, 'n')], (o) => ({ id: 'BLR', f: { Rn: rn(o[0]) } })),
  f('ret', [{ ...reg(64, 'n'), optional: true }], (o) => ({ id: 'RET', f: { Rn: o[0] ? rn(o[0]) : 30 } })),
  f('eret', [], () => ({ id: 'ERET', f: {} })),
];

const exceptions: Form[] = (['svc', 'hvc', 'smc', 'brk', 'hlt'] as const).map((m) =>
  f(m, [imm('#<imm16>')], (o, c) => ({ id: m.toUpperCase(), f: { imm16: immIn(c, o[0], 0, 0xffff) } })),
);

const hints: Form[] = [
  ...(['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl'] as const).map((m) => f(m, [], () => ({ id: m.toUpperCase(), f: {} }))),
  f('hint', [imm('#<imm7>')], (o, c) => {
    const v = immIn(c, o[0], 0, 127);
    return { id: 'HINT', f: { CRm: v >> 3, op2: v & 7 } };
  }),
];

/** Barrier option names by CRm value. */
export const BARRIER_OPTIONS: Readonly<Record<string, number>> = {
  oshld: 1, oshst: 2, osh: 3, nshld: 5, nshst: 6, nsh: 7, ishld: 9, ishst: 10, ish: 11, ld: 13, st: 14, sy: 15,
};

/** A barrier option: a name (`ish`) or `#imm` 0..15; `names` limits the names (isb takes only sy). */
function barrierSlot(names: readonly string[]): Slot {
  return {
    doc: `${names.length > 1 ? '<option>' : names[0]}|#<imm4>`,
    optional: names.length === 1,
    match(op) {
      if (op.k !== 'imm' || op.reloc) return `expected a barrier option (${names.join(', ')}) or #<imm4>`;
      return null;
    },
  };
}

/** The CRm value of a barrier operand (default 15 = sy). */
function barrierValue(c: EncodeCtx, op: Operand | undefined, names: readonly string[]): number {
  if (!op) return 15;
  if (op.k === 'imm' && !op.hash && op.expr.t === 'sym') {
    const n = op.expr.name.toLowerCase();
    if (!names.includes(n)) c.fail(op, 'E_SYSREG', `unknown barrier option '${op.expr.name}' for ${c.mnemonic}: ${names.join(', ')}`);
    return BARRIER_OPTIONS[n];
  }
  return immIn(c, op, 0, 15);
}

const ALL_BARRIERS = Object.keys(BARRIER_OPTIONS);
const barriers: Form[] = [
  f('dsb', [barrierSlot(ALL_BARRIERS)], (o, c) => ({ id: 'DSB', f: { CRm: barrierValue(c, o[0], ALL_BARRIERS) } })),
  f('dmb', [barrierSlot(ALL_BARRIERS)], (o, c) => ({ id: 'DMB', f: { CRm: barrierValue(c, o[0], ALL_BARRIERS) } })),
  f('isb', [barrierSlot(['sy'])], (o, c) => ({ id: 'ISB', f: { CRm: barrierValue(c, o[0], ['sy']) } })),
  f('clrex', [imm('#<imm4>', { optional: true })], (o, c) => ({ id: 'CLREX', f: { CRm: o[0] ? immIn(c, o[0], 0, 15) : 15 } })),
];

/**
 * Looks up a system register by name (case-insensitive) or by the generic
 * `S<op0>_<op1>_C<n>_C<m>_<op2>` spelling.
 * Returns: its encoding, or null when unknown.
 */
export function sysregByName(n: string): Omit<SysregSpec, 'summary' | 'name'> & { readOnly?: boolean; name: string } | null {
  const known = SYSREG_BY_NAME.get(n.toUpperCase());
  if (known) return known;
  const m = /^s([23])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/i.exec(n);
  if (!m) return null;
  return { name: n, op0: Number(m[1]) as 2 | 3, op1: Number(m[2]), CRn: Number(m[3]), CRm: Number(m[4]), op2: Number(m[5]) };
}

const PSTATE_LIMITS: Readonly<Record<string, number>> = { spsel: 1, daifset: 15, daifclr: 15 };
const pstateNames = Object.keys(PSTATE_FIELDS);

const symName = (op: Operand | undefined): string => {
  if (op?.k !== 'imm' || op.expr.t !== 'sym') throw new Error('form bug: not a name');
  return op.expr.name;
};

const sysregSlot = name('<sysreg>', `a system register (${[...SYSREG_BY_NAME.values()].map((s) => s.name).join(', ')})`, (n) => sysregByName(n) !== null);

function sysFields(c: EncodeCtx, op: Operand | undefined, write: boolean) {
  const s = sysregByName(symName(op))!;
  if (write && s.readOnly) c.warn(op!, 'W_READONLY', `${s.name} is read-only: writing it has no effect (or traps)`);
  return { o0: s.op0 - 2, op1: s.op1, CRn: s.CRn, CRm: s.CRm, op2: s.op2 };
}

const sysregs: Form[] = [
  // The register form first: an unknown name is reported as an unknown system register.
  f('msr', [sysregSlot, reg(64, 't')], (o, c) => ({ id: 'MSR_reg', f: { ...sysFields(c, o[0], true), Rt: rn(o[1]) } })),
  f('msr', [name('<pstatefield>', `a PSTATE field (${pstateNames.join(', ')})`, (n) => pstateNames.includes(n.toLowerCase())), imm('#<imm>')], (o, c) => {
    const field = symName(o[0]).toLowerCase() as keyof typeof PSTATE_FIELDS;
    const v = immIn(c, o[1], 0, PSTATE_LIMITS[field]);
    return { id: 'MSR_imm', f: { op1: PSTATE_FIELDS[field].op1, CRm: v, op2: PSTATE_FIELDS[field].op2 } };
  }),
  f('mrs', [reg(64, 't'), sysregSlot], (o, c) => ({ id: 'MRS', f: { ...sysFields(c, o[1], false), Rt: rn(o[0]) } })),
];

/** Every branch and system form. */
export const SYS_FORMS: readonly Form[] = [...branches, ...exceptions, ...hints, ...barriers, ...sysregs];
