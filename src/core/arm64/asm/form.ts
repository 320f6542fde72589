/**
 * The syntax layer's engine: a `Form` is one way to write an instruction
 * (e.g. `add <Xd|SP>, <Xn|SP>, #<imm>{, lsl #12}`), a list of operand slots
 * plus an encoder that turns the matched operands into an encoding id and
 * field values. Words are built only from the encoding table via
 * `withField`, so no encoding is restated here.
 */
import { COMPILED_BY_ID, withField } from '../isa/pattern.ts';
import type { Expr } from './expr.ts';
import type { DiagCode } from './diagnostics.ts';
import type { Modifier, Operand, Reg, Span } from './operand.ts';

/** What a form's encoder may ask of the assembler (pass 2). */
export interface EncodeCtx {
  /** The mnemonic as written, lower-case (for messages). */
  readonly mnemonic: string;
  /** Address of this instruction. */
  readonly pc: bigint;
  /** Address of this instruction's literal pool entry (`ldr Xt, =expr`), else null. */
  readonly literalAddr: bigint | null;
  /** Evaluates to an absolute value; reports undefined symbols and bad expressions itself. */
  value(x: Expr): bigint;
  /** Abandons the statement with a diagnostic at `span`. */
  fail(span: Span, code: DiagCode, message: string): never;
  /** Reports a warning at `span` and carries on. */
  warn(span: Span, code: DiagCode, message: string): void;
}

/** An encoding id and the values of its fields. */
export interface Encoded {
  id: string;
  f: Record<string, number>;
}

/** One operand position: its text for docs and a kind check. */
export interface Slot {
  readonly doc: string;
  /** Optional slots come last; `doc` is then shown in braces. */
  readonly optional?: boolean;
  /** Returns null when `op` fits, else what was expected (a message fragment). */
  match(op: Operand, text: string): string | null;
}

export interface Form {
  readonly mnemonic: string;
  readonly slots: readonly Slot[];
  /** Maps matched operands (ops[i] fills slots[i]; missing optionals are undefined) to fields. */
  readonly encode: (ops: readonly (Operand | undefined)[], ctx: EncodeCtx) => Encoded;
}

/** The syntax text of a form, e.g. `add <Xd|SP>, <Xn|SP>, #<imm>{, lsl #12}`. */
export function syntaxOf(f: Form): string {
  let out = f.mnemonic;
  f.slots.forEach((s, i) => {
    const sep = i === 0 ? ' ' : ', ';
    out += s.optional ? `{${sep.trim() ? sep : ' '}${s.doc}}` : `${sep}${s.doc}`;
  });
  return out;
}

/**
 * Builds the word for `e` from the encoding table.
 * Throws (an assembler bug, reported as E_INTERNAL) for an unknown id, an
 * unknown field, a missing field or a value that does not fit.
 */
export function place(e: Encoded): number {
  const c = COMPILED_BY_ID.get(e.id);
  if (!c) throw new Error(`no encoding '${e.id}'`);
  let w = c.value;
  for (const spec of c.fields) {
    const v = e.f[spec.name];
    if (v === undefined) throw new Error(`${e.id}: field ${spec.name} not given`);
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** spec.width) throw new Error(`${e.id}: ${spec.name}=${v} does not fit ${spec.width} bits`);
    w = withField(w, spec, v);
  }
  for (const k of Object.keys(e.f)) {
    if (!c.fields.some((s) => s.name === k)) throw new Error(`${e.id}: no field ${k}`);
  }
  return w >>> 0;
}

/** Outcome of matching a statement's operands against a mnemonic's forms. */
export type MatchOutcome =
  | { ok: true; form: Form; ops: (Operand | undefined)[] }
  | { ok: false; code: 'E_OPERAND_COUNT' | 'E_OPERAND_KIND'; span: Span | null; message: string };

/**
 * Picks the first form whose slots accept `ops`. When none does, reports the
 * failure of the form that matched the most operands (ties: the first form).
 */
export function matchForms(forms: readonly Form[], ops: readonly Operand[], text: string): MatchOutcome {
  let best: { depth: number; span: Span; message: string } | null = null;
  const counts = new Set<string>();
  for (const form of forms) {
    const required = form.slots.filter((s) => !s.optional).length;
    if (ops.length < required || ops.length > form.slots.length) {
      const most = form.slots.length;
      counts.add(required === most ? `${required}` : `${required} ${most === required + 1 ? 'or' : 'to'} ${most}`);
      continue;
    }
    let failed = false;
    for (let i = 0; i < ops.length; i++) {
      const why = form.slots[i].match(ops[i], text);
      if (why !== null) {
        if (!best || i > best.depth) best = { depth: i, span: ops[i], message: why };
        failed = true;
        break;
      }
    }
    if (failed) continue;
    const padded: (Operand | undefined)[] = [...ops];
    while (padded.length < form.slots.length) padded.push(undefined);
    return { ok: true, form, ops: padded };
  }
  if (best) return { ok: false, code: 'E_OPERAND_KIND', span: best.span, message: best.message };
  const m = forms[0]?.mnemonic ?? '';
  const list = [...counts].sort();
  const expected = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  return {
    ok: false,
    code: 'E_OPERAND_COUNT',
    span: null,
    message: `${m} expects ${expected} operand${expected === '1' ? '' : 's'}, found ${ops.length}`,
  };
}

// ---------------------------------------------------------------------------
// Slot kinds
// ---------------------------------------------------------------------------

/** The operand as written, for messages. */
export function shown(op: Operand, text: string): string {
  return text.slice(op.s, op.e);
}

/** How a register slot describes what it accepts, e.g. "a 64-bit register (x0-x30 or xzr)". */
function regDesc(size: 64 | 32, sp: boolean, zr: boolean): string {
  const p = size === 64 ? 'x' : 'w';
  const extra = [zr ? `${p}zr` : '', sp ? (size === 64 ? 'sp' : 'wsp') : ''].filter(Boolean).join(' or ');
  return `a ${size}-bit register (${p}0-${p}30${extra ? ` or ${extra}` : ''})`;
}

/**
 * A general register slot of one width. `role` is the Arm ARM letter (d, n,
 * m, a, t, t2, s); `sp` allows sp/wsp, `zr` allows xzr/wzr (one or the other
 * is register 31).
 */
export function reg(size: 64 | 32, role: string, opts: { sp?: boolean; zr?: boolean } = {}): Slot {
  const sp = opts.sp ?? false;
  const zr = opts.zr ?? !sp;
  const p = size === 64 ? 'X' : 'W';
  const doc = `<${p}${role}${sp ? '|SP' : ''}>`;
  return {
    doc,
    match(op, text) {
      const want = `expected ${regDesc(size, sp, zr)}`;
      if (op.k !== 'reg') return `${want}, found '${shown(op, text)}'${simdHint(op)}`;
      const r = op.reg;
      if (r.size !== size || (r.num === 31 && r.sp && !sp) || (r.num === 31 && !r.sp && !zr)) return `${want}, found ${r.name}`;
      return null;
    },
  };
}

/** An explanation when an operand names a SIMD/floating-point register, which hvlab does not model. */
function simdHint(op: Operand): string {
  const n = op.k === 'imm' && !op.hash && op.expr.t === 'sym' ? op.expr.name : '';
  return /^[qvdshb]([0-9]|[12][0-9]|3[01])$/i.test(n) ? ' (SIMD and floating-point registers are not supported)' : '';
}

/** A register of either width, not sp (the encoder checks which width it needs). */
export function anyReg(doc: string): Slot {
  return {
    doc,
    match(op, text) {
      if (op.k !== 'reg') return `expected a register, found '${shown(op, text)}'`;
      if (op.reg.num === 31 && op.reg.sp) return `expected a register (sp is not allowed here), found ${op.reg.name}`;
      return null;
    },
  };
}

/** An immediate, `#` optional; `lo12` also accepts `#:lo12:sym`. */
export function imm(doc = '#<imm>', opts: { lo12?: boolean; optional?: boolean } = {}): Slot {
  return {
    doc,
    optional: opts.optional,
    match(op, text) {
      if (op.k !== 'imm') return `expected an immediate (${doc}), found '${shown(op, text)}'`;
      if (op.reloc && !opts.lo12) return `:lo12: is not allowed here`;
      return null;
    },
  };
}

/** A code or data address (a label expression). */
export const label: Slot = {
  doc: '<label>',
  match(op, text) {
    if (op.k !== 'imm' || op.reloc) return `expected a label or address, found '${shown(op, text)}'`;
    return null;
  },
};

/** A bare name (condition, system register, barrier option...) checked by `valid`. */
export function name(doc: string, what: string, valid: (n: string) => boolean): Slot {
  return {
    doc,
    match(op, text) {
      const n = op.k === 'imm' && !op.hash && op.expr.t === 'sym' ? op.expr.name : null;
      if (n === null || !valid(n)) return `expected ${what}, found '${shown(op, text)}'`;
      return null;
    },
  };
}

/** An optional shift or extend (`lsl #3`, `uxtw #2`) among `ops`. */
export function modifier(doc: string, ops: readonly string[], opts: { optional?: boolean } = { optional: true }): Slot {
  return {
    doc,
    optional: opts.optional,
    match(op, text) {
      if (op.k !== 'mod' || !ops.includes(op.op)) return `expected ${ops.join(', ')}, found '${shown(op, text)}'`;
      return null;
    },
  };
}

/** A memory operand accepted by `ok` (`[Xn|SP...]` forms). */
export function mem(doc: string, what: string, ok: (op: Extract<Operand, { k: 'mem' }>) => boolean): Slot {
  return {
    doc,
    match(op, text) {
      if (op.k !== 'mem' || !ok(op)) return `expected ${what}, found '${shown(op, text)}'`;
      if (op.base.size !== 64 || (op.base.num === 31 && !op.base.sp)) return `expected a 64-bit base register (x0-x30 or sp), found ${op.base.name}`;
      return null;
    },
  };
}

// ---------------------------------------------------------------------------
// Helpers for encoders
// ---------------------------------------------------------------------------

/** The register of a matched register operand. */
export function R(op: Operand | undefined): Reg {
  if (op?.k !== 'reg') throw new Error('form bug: not a register operand');
  return op.reg;
}

/** `{ sf }` for `size` when encoding `id` has an sf field (some 64-bit-only ones do not). */
export function sfField(id: string, size: 64 | 32): { sf?: number } {
  return HAS_SF.has(id) ? { sf: size === 64 ? 1 : 0 } : {};
}

const HAS_SF: ReadonlySet<string> = new Set([...COMPILED_BY_ID].filter(([, c]) => c.fields.some((x) => x.name === 'sf')).map(([id]) => id));

/** Register number 0..31 of a matched register operand. */
export const rn = (op: Operand | undefined): number => R(op).num;

/**
 * Evaluates an immediate operand and checks lo <= v <= hi.
 * Returns: the value; reports E_IMM_RANGE with `what` (default "immediate") otherwise.
 */
export function immIn(ctx: EncodeCtx, op: Operand | Modifier | undefined, lo: number, hi: number, what = 'immediate'): number {
  if (!op) throw new Error('form bug: missing operand');
  const x = 'amount' in op ? op.amount : op.k === 'imm' ? op.expr : null;
  if (!x) ctx.fail(op, 'E_IMM_RANGE', 'amount' in op ? `missing amount after ${op.op}` : `expected an immediate`);
  const v = ctx.value(x);
  if (v < BigInt(lo) || v > BigInt(hi)) ctx.fail(op, 'E_IMM_RANGE', `${what} ${v} out of range for ${ctx.mnemonic}: ${lo}..${hi}`);
  return Number(v);
}

/** The expression of an immediate operand. */
export function exprOf(op: Operand | undefined): Expr {
  if (op?.k !== 'imm') throw new Error('form bug: not an immediate');
  return op.expr;
}

/**
 * Encodes a PC-relative target as a `bits`-wide signed field counting
 * `1 << scale` bytes, checking alignment and range.
 * Returns: the field value (two's complement in `bits` bits).
 */
export function pcrel(ctx: EncodeCtx, op: Operand, target: bigint, bits: number, scale: number, what: string): number {
  const off = target - ctx.pc;
  const unit = 1n << BigInt(scale);
  if (off % unit !== 0n) ctx.fail(op, 'E_BRANCH_ALIGN', `${what} target ${hex(target)} is not ${unit}-byte aligned`);
  const q = off / unit;
  const lim = 1n << BigInt(bits - 1);
  if (q < -lim || q >= lim) {
    const range = fmtBytes(lim * unit);
    ctx.fail(op, 'E_BRANCH_RANGE', `${what} target ${hex(target)} out of range for ${ctx.mnemonic}: offset ${off} is beyond ±${range}`);
  }
  return Number(BigInt.asUintN(bits, q));
}

function fmtBytes(n: bigint): string {
  if (n >= 1n << 30n && n % (1n << 30n) === 0n) return `${n >> 30n} GiB`;
  if (n >= 1n << 20n && n % (1n << 20n) === 0n) return `${n >> 20n} MiB`;
  if (n >= 1n << 10n && n % (1n << 10n) === 0n) return `${n >> 10n} KiB`;
  return `${n} bytes`;
}

/** `0x` hex of a value (negative values as two's complement 64-bit). */
export function hex(v: bigint): string {
  return '0x' + BigInt.asUintN(64, v).toString(16);
}
