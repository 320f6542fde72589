/**
 * Register conditions for breakpoints and watches, e.g.
 *   `x0 == 0x16 && (w1 < 5 || nzcv.z)`   or   `(x2 & 0xff) != 0`.
 *
 * Values are 64-bit unsigned (bigint); a negative literal means its two's
 * complement, so `x0 == -1` tests for all ones. Names: x0-x30, w0-w30 (low 32
 * bits), sp, pc, lr (x30), fp (x29), and the flags nzcv.n/.z/.c/.v (0 or 1).
 * Operators, loosest first: `||`, `&&`, comparisons (== != < <= > >=,
 * unsigned), `|`, `^`, `&`, `+ -`, unary `! ~ -`, parentheses.
 *
 * Parsing returns a diagnostic with the column for bad input; evaluation of a
 * parsed condition cannot fail.
 */

/** What a condition can read: register values by canonical name. */
export interface RegisterSource {
  x(n: number): bigint;
  sp: bigint;
  pc: bigint;
  nzcv: number;
}

export type Condition = (r: RegisterSource) => boolean;

export type ParsedCondition = { ok: true; test: Condition } | { ok: false; column: number; message: string };

const MASK64 = (1n << 64n) - 1n;

type Node = (r: RegisterSource) => bigint;

interface Token {
  t: string;
  col: number;
}

function tokenize(src: string): Token[] | { column: number; message: string } {
  const out: Token[] = [];
  const re = /\s*(0x[0-9a-fA-F_]+|0b[01_]+|\d[\d_]*|[A-Za-z_][A-Za-z0-9_.]*|==|!=|<=|>=|&&|\|\||[()<>!~&|^+-])/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) {
      const col = i + (src.slice(i).length - src.slice(i).trimStart().length) + 1;
      return { column: col, message: `unexpected character '${src[col - 1]}'` };
    }
    out.push({ t: m[1], col: m.index + m[0].length - m[1].length + 1 });
    i = re.lastIndex;
  }
  return out;
}

/**
 * Parses a condition.
 * Returns: { ok: true, test } or { ok: false, column (1-based), message }.
 */
export function parseCondition(src: string): ParsedCondition {
  const toks = tokenize(src);
  if (!Array.isArray(toks)) return { ok: false, ...toks };
  if (toks.length === 0) return { ok: false, column: 1, message: 'the condition is empty' };
  let pos = 0;
  const end = src.length + 1;
  const peek = () => toks[pos]?.t;
  const fail = (message: string, col = toks[pos]?.col ?? end): never => {
    throw new ConditionError(col, message);
  };

  const binary = (next: () => Node, ops: Record<string, (a: bigint, b: bigint) => bigint>) => (): Node => {
    let left = next();
    while (peek() !== undefined && Object.hasOwn(ops, peek()!)) {
      const op = ops[toks[pos++].t];
      const l = left;
      const r = next();
      left = (s) => op(l(s), r(s));
    }
    return left;
  };
  const bool = (b: boolean) => (b ? 1n : 0n);

  const primary = (): Node => {
    const tok = toks[pos];
    if (!tok) return fail('expected a register, a number or "("');
    pos++;
    if (tok.t === '(') {
      const inner = orExpr();
      if (peek() !== ')') fail('expected ")"');
      pos++;
      return inner;
    }
    if (tok.t === '!' || tok.t === '~' || tok.t === '-') {
      const v = primary();
      if (tok.t === '!') return (s) => bool(v(s) === 0n);
      if (tok.t === '~') return (s) => ~v(s) & MASK64;
      return (s) => -v(s) & MASK64;
    }
    if (/^(0x|0b|\d)/.test(tok.t)) {
      const v = BigInt(tok.t.replace(/_/g, ''));
      if (v > MASK64) fail(`${tok.t} does not fit in 64 bits`, tok.col);
      return () => v;
    }
    const reg = registerReader(tok.t.toLowerCase());
    if (!reg) fail(`unknown name '${tok.t}' (expected x0-x30, w0-w30, sp, pc, lr, fp or nzcv.n/z/c/v)`, tok.col);
    return reg!;
  };

  const additive = binary(primary, { '+': (a, b) => (a + b) & MASK64, '-': (a, b) => (a - b) & MASK64 });
  const andExprBits = binary(additive, { '&': (a, b) => a & b });
  const xorExpr = binary(andExprBits, { '^': (a, b) => a ^ b });
  const orExprBits = binary(xorExpr, { '|': (a, b) => a | b });
  const comparison = binary(orExprBits, {
    '==': (a, b) => bool(a === b),
    '!=': (a, b) => bool(a !== b),
    '<': (a, b) => bool(a < b),
    '<=': (a, b) => bool(a <= b),
    '>': (a, b) => bool(a > b),
    '>=': (a, b) => bool(a >= b),
  });
  const andExpr = binary(comparison, { '&&': (a, b) => bool(a !== 0n && b !== 0n) });
  const orExpr: () => Node = binary(andExpr, { '||': (a, b) => bool(a !== 0n || b !== 0n) });

  try {
    const root = orExpr();
    if (pos < toks.length) fail(`unexpected '${toks[pos].t}'`);
    return { ok: true, test: (r) => root(r) !== 0n };
  } catch (err) {
    if (err instanceof ConditionError) return { ok: false, column: err.column, message: err.message };
    throw err;
  }
}

class ConditionError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function registerReader(name: string): Node | null {
  const m = /^([xw])(\d{1,2})$/.exec(name);
  if (m) {
    const n = Number(m[2]);
    if (n > 30) return null;
    return m[1] === 'x' ? (r) => r.x(n) & MASK64 : (r) => r.x(n) & 0xffffffffn;
  }
  switch (name) {
    case 'sp':
      return (r) => r.sp & MASK64;
    case 'pc':
      return (r) => r.pc & MASK64;
    case 'lr':
      return (r) => r.x(30) & MASK64;
    case 'fp':
      return (r) => r.x(29) & MASK64;
    case 'nzcv':
      return (r) => BigInt(r.nzcv & 0xf);
    case 'nzcv.n':
      return (r) => BigInt((r.nzcv >> 3) & 1);
    case 'nzcv.z':
      return (r) => BigInt((r.nzcv >> 2) & 1);
    case 'nzcv.c':
      return (r) => BigInt((r.nzcv >> 1) & 1);
    case 'nzcv.v':
      return (r) => BigInt(r.nzcv & 1);
  }
  return null;
}
