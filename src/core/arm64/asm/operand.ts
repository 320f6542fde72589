/**
 * Operand syntax: splits a statement's operand text at top-level commas and
 * parses each piece into registers, immediates, memory references, shift or
 * extend specifiers and `=literal`s. Which kinds an instruction accepts is
 * decided later by its syntax forms (forms.ts); this layer only knows shapes.
 */
import { parseExpr, type Expr, type LocalRef } from './expr.ts';
import { EXTEND_NAMES, SHIFT_NAMES } from '../isa/operands.ts';

/** Half-open span [s, e) in the statement's line text. */
export interface Span {
  s: number;
  e: number;
}

/** A general-purpose register. num 31 is sp/wsp when `sp`, else xzr/wzr. */
export interface Reg {
  num: number;
  size: 64 | 32;
  sp: boolean;
  /** As written, lower-cased (for messages). */
  name: string;
}

export type MemOffset =
  | { k: 'none' }
  | ({ k: 'imm'; expr: Expr; reloc: Reloc | null } & Span)
  | ({ k: 'reg'; reg: Reg; ext: Modifier | null } & Span);

/** A shift (lsl/lsr/asr/ror/msl) or extend (uxtb..sxtx) with its amount, if written. */
export interface Modifier extends Span {
  op: string;
  amount: Expr | null;
}

export type Reloc = 'lo12';

export type Operand =
  | ({ k: 'reg'; reg: Reg } & Span)
  | ({ k: 'imm'; expr: Expr; hash: boolean; reloc: Reloc | null } & Span)
  | ({ k: 'mem'; base: Reg; baseSpan: Span; off: MemOffset; pre: boolean } & Span)
  | ({ k: 'mod' } & Modifier)
  | ({ k: 'lit'; expr: Expr } & Span);

/** Register names besides x0..x30 / w0..w30, with their numbers. */
const SPECIAL_REGS: Record<string, Omit<Reg, 'name'>> = {
  sp: { num: 31, size: 64, sp: true },
  wsp: { num: 31, size: 32, sp: true },
  xzr: { num: 31, size: 64, sp: false },
  wzr: { num: 31, size: 32, sp: false },
  lr: { num: 30, size: 64, sp: false },
  fp: { num: 29, size: 64, sp: false },
  ip0: { num: 16, size: 64, sp: false },
  ip1: { num: 17, size: 64, sp: false },
};

/** Every register name the assembler accepts (for completion). */
export const REGISTER_NAMES: readonly string[] = [
  ...Array.from({ length: 31 }, (_, i) => `x${i}`),
  ...Array.from({ length: 31 }, (_, i) => `w${i}`),
  ...Object.keys(SPECIAL_REGS),
];

/**
 * Looks up a register name (case-insensitive).
 * Returns: the register, or null when `name` is not one.
 */
export function regByName(name: string): Reg | null {
  return name.length > 3 ? null : (REGS.get(name.toLowerCase()) ?? null);
}

const REGS: ReadonlyMap<string, Reg> = new Map(
  REGISTER_NAMES.map((n) => {
    const special = SPECIAL_REGS[n];
    const reg: Reg = special ? { ...special, name: n } : { num: Number(n.slice(1)), size: n[0] === 'x' ? 64 : 32, sp: false, name: n };
    return [n, reg];
  }),
);

export const MODIFIER_NAMES: readonly string[] = [...SHIFT_NAMES, 'msl', ...EXTEND_NAMES];

/** A problem in the operand text. */
export interface OperandError extends Span {
  err: string;
}

/**
 * Splits [s, e) of `text` at commas outside brackets, parentheses, strings
 * and character literals.
 * Returns: the trimmed spans (an empty piece gives an empty span).
 */
export function splitOperands(text: string, s: number, e: number): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = s;
  for (let i = s; i < e; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === '"') {
      i++;
      while (i < e && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === "'") {
      // A character literal: 'c or '\c, optionally closed by another quote.
      i += text[i + 1] === '\\' ? 2 : 1;
      if (text[i + 1] === "'") i++;
    }
    else if (c === ',' && depth <= 0) {
      out.push(trim(text, start, i));
      start = i + 1;
    }
  }
  out.push(trim(text, start, e));
  return out;
}

function trim(text: string, s: number, e: number): Span {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { s, e };
}

/**
 * Parses one operand occupying [s, e) of `text`.
 * Returns: the operand, or an OperandError saying what is wrong and where.
 */
export function parseOperand(text: string, s: number, e: number, local: LocalRef): Operand | OperandError {
  if (s >= e) return { err: 'missing operand', s: Math.max(0, s - 1), e: s + 1 };
  const src = text.slice(0, e);
  const c = src[s];
  if (c === '[') return parseMem(src, s, e, local);
  if (c === '=') {
    const x = exprTo(src, s + 1, e, local);
    return 'err' in x ? x : { k: 'lit', expr: x.expr, s, e };
  }
  if (c === '#' || c === ':') {
    const r = parseImm(src, s, e, local);
    return 'err' in r ? r : { k: 'imm', expr: r.expr, hash: c === '#', reloc: r.reloc, s, e };
  }
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(s))?.[0] ?? '';
  const reg = word.length === e - s ? regByName(word) : null;
  if (reg) return { k: 'reg', reg, s, e };
  if (MODIFIER_NAMES.includes(word.toLowerCase()) && (s + word.length === e || /[\s#]/.test(src[s + word.length]))) {
    return parseModifier(src, s, e, word, local);
  }
  const x = exprTo(src, s, e, local);
  return 'err' in x ? x : { k: 'imm', expr: x.expr, hash: false, reloc: null, s, e };
}

function parseModifier(src: string, s: number, e: number, word: string, local: LocalRef): Operand | OperandError {
  let i = s + word.length;
  while (i < e && /\s/.test(src[i])) i++;
  if (i >= e) return { k: 'mod', op: word.toLowerCase(), amount: null, s, e };
  if (src[i] === '#') i++;
  const x = exprTo(src, i, e, local);
  return 'err' in x ? x : { k: 'mod', op: word.toLowerCase(), amount: x.expr, s, e };
}

/** `#expr`, `#:lo12:expr`, `:lo12:expr` (the `#` is optional throughout). */
function parseImm(src: string, s: number, e: number, local: LocalRef): { expr: Expr; reloc: Reloc | null } | OperandError {
  let i = s;
  if (src[i] === '#') i++;
  let reloc: Reloc | null = null;
  if (src[i] === ':') {
    const m = /^:([A-Za-z0-9_]+):/.exec(src.slice(i));
    if (!m) return { err: "expected a relocation operator such as ':lo12:'", s: i, e };
    if (m[1].toLowerCase() !== 'lo12') return { err: `unsupported relocation operator ':${m[1]}:' (only :lo12: is supported)`, s: i, e: i + m[0].length };
    reloc = 'lo12';
    i += m[0].length;
  }
  const x = exprTo(src, i, e, local);
  return 'err' in x ? x : { expr: x.expr, reloc };
}

/** Parses an expression that must fill [s, e) exactly. */
function exprTo(src: string, s: number, e: number, local: LocalRef): { expr: Expr } | OperandError {
  const r = parseExpr(src, s, local);
  if ('err' in r) return { err: r.err, s: r.s, e: Math.min(Math.max(r.e, r.s + 1), Math.max(e, r.s + 1)) };
  if (r.end < e) return { err: `unexpected '${src.slice(r.end, e)}' after the expression`, s: r.end, e };
  return { expr: r.expr };
}

function parseMem(src: string, s: number, e: number, local: LocalRef): Operand | OperandError {
  const close = src.lastIndexOf(']', e - 1);
  if (close < s) return { err: "missing ']'", s, e };
  let pre = false;
  const after = src.slice(close + 1, e).trim();
  if (after === '!') pre = true;
  else if (after !== '') return { err: `unexpected '${after}' after ']'`, s: close + 1, e };
  const parts = splitOperands(src, s + 1, close);
  const baseSpan = parts[0];
  const baseText = src.slice(baseSpan.s, baseSpan.e);
  const base = regByName(baseText);
  if (!base) {
    return { err: baseText ? `expected a base register (x0-x30 or sp), found '${baseText}'` : 'missing base register', s: baseSpan.s, e: Math.max(baseSpan.e, baseSpan.s + 1) };
  }
  if (parts.length > 3) return { err: 'too many parts in the memory operand', s: parts[3].s, e: close };
  if (parts.length === 1) return { k: 'mem', base, baseSpan, off: { k: 'none' }, pre, s, e };
  const os = parts[1];
  const oText = src.slice(os.s, os.e);
  const oreg = regByName(oText);
  if (oreg) {
    let ext: Modifier | null = null;
    if (parts.length === 3) {
      const m = parseOperand(src, parts[2].s, parts[2].e, local);
      if ('err' in m) return m;
      if (m.k !== 'mod') return { err: "expected an extend or shift (lsl, uxtw, sxtw, sxtx) after the index register", s: parts[2].s, e: parts[2].e };
      ext = m;
    }
    return { k: 'mem', base, baseSpan, off: { k: 'reg', reg: oreg, ext, s: os.s, e: os.e }, pre, s, e };
  }
  if (parts.length === 3) return { err: 'an immediate offset takes no shift or extend', s: parts[2].s, e: parts[2].e };
  const imm = parseImm(src, os.s, os.e, local);
  if ('err' in imm) return imm;
  return { k: 'mem', base, baseSpan, off: { k: 'imm', expr: imm.expr, reloc: imm.reloc, s: os.s, e: os.e }, pre, s, e };
}
