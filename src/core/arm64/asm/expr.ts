/**
 * Expressions as GNU as reads them: numbers (decimal, 0x hex, 0b binary,
 * leading-0 octal), character literals, symbols, numeric local label
 * references (`1b`, `1f`), `.` for the current location, unary `- ~ + !`,
 * and binary operators with GNU as's precedence (not C's):
 *   `* / % << >>`  bind tighter than  `| & ^ !`  which bind tighter than  `+ -`.
 * Arithmetic is 64-bit two's complement; `>>` is a logical shift.
 */

export type Expr =
  | { t: 'num'; v: bigint; s: number; e: number }
  /** `name` is the resolved symbol; `text` is how the source wrote it (e.g. `1f`). */
  | { t: 'sym'; name: string; text: string; s: number; e: number }
  | { t: 'dot'; s: number; e: number }
  | { t: 'un'; op: string; a: Expr; s: number; e: number }
  | { t: 'bin'; op: string; a: Expr; b: Expr; s: number; e: number };

/** A value: absolute (`sec` null) or an offset from the start of section `sec`. */
export interface Value {
  v: bigint;
  sec: string | null;
}

/** A parse failure at [s, e) of the text. */
export interface ExprError {
  err: string;
  s: number;
  e: number;
}

/** Resolves a numeric local label reference (`n` and 'b' or 'f') to a symbol name. */
export type LocalRef = (n: string, dir: 'b' | 'f') => string;

const SYM_START = /[A-Za-z_.$]/;
const SYM_CHAR = /[A-Za-z0-9_.$]/;

/** Characters allowed in a symbol name. */
export function isSymbolChar(ch: string, first: boolean): boolean {
  return (first ? SYM_START : SYM_CHAR).test(ch);
}

const LEVELS: readonly (readonly string[])[] = [['+', '-'], ['|', '&', '^', '!'], ['*', '/', '%', '<<', '>>']];

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, e: 27, '\\': 92, "'": 39, '"': 34 };

/**
 * Reads one escape sequence after a backslash at `text[i]` (i is just past the backslash).
 * Returns: the byte value and the index after the sequence.
 */
export function readEscape(text: string, i: number): { v: number; next: number } {
  const c = text[i] ?? '';
  if (/[0-7]/.test(c)) {
    let j = i;
    let v = 0;
    while (j < i + 3 && /[0-7]/.test(text[j] ?? '')) v = v * 8 + Number(text[j++]);
    return { v: v & 0xff, next: j };
  }
  if (c === 'x' || c === 'X') {
    let j = i + 1;
    let v = 0;
    while (/[0-9a-fA-F]/.test(text[j] ?? '')) v = (v * 16 + parseInt(text[j++], 16)) & 0xff;
    return { v, next: j };
  }
  if (c in ESCAPES) return { v: ESCAPES[c], next: i + 1 };
  return { v: c === '' ? 92 : c.charCodeAt(0) & 0xff, next: c === '' ? i : i + 1 };
}

class Parser {
  constructor(
    readonly text: string,
    public i: number,
    readonly local: LocalRef,
  ) {}

  ws(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  fail(err: string, s = this.i, e = Math.max(s + 1, this.i)): never {
    throw { err, s, e } satisfies ExprError;
  }

  binary(level: number): Expr {
    if (level === LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    for (;;) {
      this.ws();
      // `!=` is a comparison, which hvlab does not support: not "or not".
      const op = LEVELS[level].find((o) => this.text.startsWith(o, this.i) && !(o === '!' && this.text[this.i + 1] === '='));
      if (!op) return a;
      this.i += op.length;
      const b = this.binary(level + 1);
      a = { t: 'bin', op, a, b, s: a.s, e: b.e };
    }
  }

  unary(): Expr {
    this.ws();
    const s = this.i;
    const c = this.text[s];
    if (c === '-' || c === '~' || c === '+' || c === '!') {
      this.i++;
      const a = this.unary();
      return { t: 'un', op: c, a, s, e: a.e };
    }
    return this.primary();
  }

  primary(): Expr {
    this.ws();
    const s = this.i;
    const text = this.text;
    const c = text[s];
    if (c === undefined) this.fail('expected an expression, found the end of the operand', Math.max(0, s - 1), s);
    if (c === '(') {
      this.i++;
      const inner = this.binary(0);
      this.ws();
      if (text[this.i] !== ')') this.fail("expected ')'");
      this.i++;
      return { ...inner, s, e: this.i } as Expr;
    }
    if (c === "'") {
      let v: number;
      if (text[s + 1] === '\\') {
        const r = readEscape(text, s + 2);
        v = r.v;
        this.i = r.next;
      } else if (s + 1 < text.length) {
        v = text.charCodeAt(s + 1) & 0xff;
        this.i = s + 2;
      } else this.fail('character literal without a character', s, s + 1);
      if (text[this.i] === "'") this.i++;
      return { t: 'num', v: BigInt(v), s, e: this.i };
    }
    if (/[0-9]/.test(c)) return this.number(s);
    if (c === '.' && !isSymbolChar(text[s + 1] ?? ' ', false)) {
      this.i++;
      return { t: 'dot', s, e: this.i };
    }
    if (isSymbolChar(c, true)) {
      let j = s + 1;
      while (j < text.length && isSymbolChar(text[j], false)) j++;
      this.i = j;
      return { t: 'sym', name: text.slice(s, j), text: text.slice(s, j), s, e: j };
    }
    this.fail(`unexpected '${c}' in expression`, s, s + 1);
  }

  number(s: number): Expr {
    const rest = this.text.slice(s);
    const m =
      /^0[xX][0-9a-fA-F]+/.exec(rest) ??
      /^0[bB][01]+(?![0-9a-zA-Z_])/.exec(rest) ??
      /^[0-9]+[bBfF](?![0-9a-zA-Z_.$])/.exec(rest) ??
      /^[0-9]+/.exec(rest);
    const tok = m![0];
    this.i = s + tok.length;
    if (/[0-9a-zA-Z_.$]/.test(this.text[this.i] ?? '')) this.fail(`bad number '${tok}${this.text[this.i]}'`, s, this.i + 1);
    const last = tok[tok.length - 1].toLowerCase();
    if (/^[0-9]+[bf]$/i.test(tok)) {
      return { t: 'sym', name: this.local(tok.slice(0, -1), last as 'b' | 'f'), text: tok, s, e: this.i };
    }
    let v: bigint;
    if (/^0[xXbB]/.test(tok)) v = BigInt(tok);
    else if (tok.length > 1 && tok[0] === '0') {
      if (/[89]/.test(tok)) this.fail(`bad octal number '${tok}'`, s, this.i);
      v = BigInt('0o' + tok.slice(1));
    } else v = BigInt(tok);
    return { t: 'num', v: BigInt.asIntN(64, v), s, e: this.i };
  }
}

/**
 * Parses an expression in `text` starting at index `start`; stops before the
 * first character that cannot continue it (e.g. `,` or `]`).
 * Returns: the expression and the index after it, or an ExprError.
 */
export function parseExpr(text: string, start: number, local: LocalRef): { expr: Expr; end: number } | ExprError {
  const p = new Parser(text, start, local);
  try {
    const expr = p.binary(0);
    p.ws();
    return { expr, end: p.i };
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'err' in e) return e as ExprError;
    throw e;
  }
}

/** Why an evaluation failed; `s`/`e` locate the culprit in the text. */
export class EvalError {
  constructor(
    readonly kind: 'undefined' | 'invalid',
    readonly message: string,
    readonly s: number,
    readonly e: number,
  ) {}
}

/** Symbol values for evaluation: undefined = not (yet) known. */
export interface EvalEnv {
  lookup(name: string): Value | undefined;
  dot: Value;
}

const i64 = (v: bigint) => BigInt.asIntN(64, v);

/**
 * Evaluates `x`. Section-relative values may be added to absolute ones and
 * subtracted from values in the same section (giving an absolute difference);
 * other mixtures are errors.
 * Returns: the value; throws EvalError for an unknown symbol or an invalid operation.
 */
export function evaluate(x: Expr, env: EvalEnv): Value {
  switch (x.t) {
    case 'num':
      return { v: x.v, sec: null };
    case 'dot':
      return env.dot;
    case 'sym': {
      let v: Value | undefined;
      try {
        v = env.lookup(x.name);
      } catch (err) {
        // An error inside another symbol's definition is reported here, at the use.
        if (err instanceof EvalError) throw new EvalError(err.kind, err.message, x.s, x.e);
        throw err;
      }
      if (!v) throw new EvalError('undefined', `undefined symbol '${x.text}'`, x.s, x.e);
      return v;
    }
    case 'un': {
      const a = evaluate(x.a, env);
      if (x.op === '+') return a;
      if (a.sec !== null) throw new EvalError('invalid', `cannot apply '${x.op}' to an address`, x.s, x.e);
      const v = x.op === '-' ? -a.v : x.op === '~' ? ~a.v : a.v === 0n ? 1n : 0n;
      return { v: i64(v), sec: null };
    }
    case 'bin':
      return binary(x, evaluate(x.a, env), evaluate(x.b, env));
  }
}

function binary(x: Extract<Expr, { t: 'bin' }>, a: Value, b: Value): Value {
  if (x.op === '+') {
    if (a.sec !== null && b.sec !== null) throw new EvalError('invalid', 'cannot add two addresses', x.s, x.e);
    return { v: i64(a.v + b.v), sec: a.sec ?? b.sec };
  }
  if (x.op === '-') {
    if (b.sec !== null && a.sec !== b.sec) {
      throw new EvalError('invalid', 'cannot subtract an address from a value in another section', x.s, x.e);
    }
    return { v: i64(a.v - b.v), sec: b.sec !== null ? null : a.sec };
  }
  if (a.sec !== null || b.sec !== null) throw new EvalError('invalid', `operator '${x.op}' needs constant operands, not addresses`, x.s, x.e);
  const l = a.v;
  const r = b.v;
  switch (x.op) {
    case '*':
      return { v: i64(l * r), sec: null };
    case '/':
    case '%':
      if (r === 0n) throw new EvalError('invalid', 'division by zero', x.s, x.e);
      return { v: i64(x.op === '/' ? l / r : l % r), sec: null };
    case '<<':
      return { v: r < 0n || r > 63n ? 0n : i64(l << r), sec: null };
    case '>>':
      return { v: r < 0n || r > 63n ? 0n : i64(BigInt.asUintN(64, l) >> r), sec: null };
    case '|':
      return { v: l | r, sec: null };
    case '&':
      return { v: l & r, sec: null };
    case '^':
      return { v: l ^ r, sec: null };
    default: // '!' is GNU as's "or not"
      return { v: i64(l | ~r), sec: null };
  }
}

/** The symbols an expression mentions (for literal pool sharing and diagnostics). */
export function symbolsOf(x: Expr): string[] {
  switch (x.t) {
    case 'sym':
      return [x.name];
    case 'un':
      return symbolsOf(x.a);
    case 'bin':
      return [...symbolsOf(x.a), ...symbolsOf(x.b)];
    default:
      return [];
  }
}
