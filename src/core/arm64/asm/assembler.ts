/**
 * The two passes. Pass 1 walks every statement once: defines labels at
 * section-relative offsets, runs directives, sizes instructions (always 4
 * bytes) and collects literal pool entries. Layout then places the sections
 * one after another from the base address. Pass 2 evaluates every expression
 * with final addresses, matches each instruction against its syntax forms,
 * encodes it from the encoding table and writes the image. Every problem
 * becomes a diagnostic; a statement with an error is skipped, never fatal.
 */
import { DiagSink, StatementError, type DiagCode, type Diagnostic, type SourceLoc } from './diagnostics.ts';
import { ControlFlow } from './control.ts';
import { DIRECTIVES, type DirectiveHost } from './directives.ts';
import { evaluate, EvalError, parseExpr, symbolsOf, type Expr, type Value } from './expr.ts';
import { matchForms, place, type EncodeCtx } from './form.ts';
import { Layout, type Item, type PoolEntry, type Section } from './layout.ts';
import { parseOperand, splitOperands, type Operand, type Span } from './operand.ts';
import { locOf, splitStatements, type Statement } from './source.ts';
import { closestMnemonic, FORMS_BY_MNEMONIC } from './syntax.ts';
import { isLocalLabel, LocalLabels, SymbolTable, type SectionAddrs } from './symbols.ts';

export interface AsmSource {
  name: string;
  text: string;
}

export interface AsmImage {
  base: number;
  bytes: Uint8Array;
  entry: number;
  sections: { name: string; addr: number; size: number }[];
  symbols: Record<string, number>;
  /** One entry per instruction, data statement and literal; `size` is how many bytes it produced. */
  sourceMap: { addr: number; loc: SourceLoc; size: number }[];
}

export interface AsmResult {
  ok: boolean;
  image: AsmImage | null;
  diagnostics: Diagnostic[];
}

const NOP = 0xd503201f;
// Sticky: matched at a position of the line without slicing it.
const LABEL = /([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)[ \t]*:/y;
const ASSIGN = /([A-Za-z_.$][A-Za-z0-9_.$]*)[ \t]*=(?!=)/y;
const WORD = /[A-Za-z_.$][A-Za-z0-9_.$]*/y;

/** Matches sticky `re` at `at` of `text`. */
function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}
const ORDER = ['.text', '.rodata', '.data'];

/** Runs both passes over `sources`; see index.ts for the contract. */
export class Assembler implements DirectiveHost {
  readonly layout = new Layout();
  readonly symbols = new SymbolTable();
  readonly diag = new DiagSink();
  private local = new LocalLabels(0);
  private readonly control = new ControlFlow(this);
  /** Set by `.end`: the rest of the current file is skipped. */
  ended = false;
  private readonly fileOrder = new Map<string, number>();

  constructor(private readonly base: number) {}

  run(sources: AsmSource[]): AsmResult {
    sources.forEach((src, fi) => this.pass1File(src, fi));
    for (const s of this.layout.sections.values()) this.layout.flushPool(s);
    const sections = this.place();
    const addrs: SectionAddrs = new Map(sections.map((s) => [s.sec.name, s.addr]));
    const end = sections.reduce((m, s) => Math.max(m, s.addr + s.sec.off), this.base);
    const bytes = new Uint8Array(end - this.base);
    const sourceMap: AsmImage['sourceMap'] = [];
    for (const { sec, addr } of sections) {
      for (const item of sec.items) {
        this.guard(item, () => {
          this.emit(item, addr, addrs, bytes, sourceMap);
          if (sec.name === '.bss') this.checkBss(item, addr, bytes);
        });
      }
    }
    this.checkEquates(addrs);
    const diagnostics = this.sorted();
    if (this.diag.errorCount > 0) return { ok: false, image: null, diagnostics };
    sourceMap.sort((a, b) => a.addr - b.addr);
    const symbols: Record<string, number> = {};
    for (const name of this.symbols.defs.keys()) {
      if (isLocalLabel(name)) continue;
      const v = this.tryValue(name, addrs);
      if (v !== undefined) symbols[name] = Number(v);
    }
    const firstInsn = sections.flatMap(({ sec, addr }) => sec.items.filter((i) => i.k === 'insn').map((i) => addr + i.off));
    return {
      ok: true,
      diagnostics,
      image: {
        base: this.base,
        bytes,
        entry: symbols._start ?? (firstInsn.length ? Math.min(...firstInsn) : this.base),
        sections: sections.map(({ sec, addr }) => ({ name: sec.name, addr, size: sec.off })),
        symbols,
        sourceMap,
      },
    };
  }

  // -------------------------------------------------------------------------
  // Pass 1
  // -------------------------------------------------------------------------

  private pass1File(src: AsmSource, fi: number): void {
    this.fileOrder.set(src.name, fi);
    this.local = new LocalLabels(fi);
    this.ended = false;
    this.layout.switchTo(this.layout.section('.text'));
    const { statements, problems } = splitStatements(src.name, src.text);
    for (const p of problems) this.diag.add({ file: src.name, line: p.line, column: p.s + 1, length: Math.max(1, p.e - p.s) }, 'E_SYNTAX', p.message);
    this.control.run(statements);
  }

  /** Assembles one statement (labels, then an assignment, a directive or an instruction). */
  statement(st: Statement): void {
    let i = st.s;
    for (let m = matchAt(LABEL, st.text, i); m && i + m[0].length <= st.e; m = matchAt(LABEL, st.text, i)) {
      this.defineLabel(st, m[1], { s: i, e: i + m[1].length });
      i += m[0].length;
      while (i < st.e && /\s/.test(st.text[i])) i++;
    }
    if (i >= st.e) return;
    // From here on the statement (and its source map entry) starts after its labels.
    st = { ...st, s: i };
    const assign = matchAt(ASSIGN, st.text, i);
    if (assign) {
      const x = this.expr(st, { s: i + assign[0].length, e: st.e });
      this.assign(st, assign[1], { s: i, e: i + assign[1].length }, x, true);
      return;
    }
    const word = matchAt(WORD, st.text, i)?.[0];
    if (!word) throw new StatementError(locOf(st, { s: i, e: i + 1 }), 'E_SYNTAX', `unexpected '${st.text[i]}' at the start of a statement`);
    const wordSpan = { s: i, e: i + word.length };
    const after = i + word.length;
    if (after < st.e && !/\s/.test(st.text[after])) {
      throw new StatementError(locOf(st, { s: after, e: after + 1 }), 'E_SYNTAX', `unexpected '${st.text[after]}' after '${word}'`);
    }
    const argSpan = { s: after, e: st.e };
    if (word.startsWith('.') && !/^b\./i.test(word)) this.directive(st, word.toLowerCase(), wordSpan, argSpan);
    else this.instruction(st, word.toLowerCase(), wordSpan, argSpan);
  }

  private directive(st: Statement, name: string, span: Span, argSpan: Span): void {
    const handler = DIRECTIVES[name];
    if (!handler) throw new StatementError(locOf(st, span), 'E_UNKNOWN_DIRECTIVE', `unknown directive ${name}`);
    const trimmed = { s: argSpan.s, e: argSpan.e };
    while (trimmed.s < trimmed.e && /\s/.test(st.text[trimmed.s])) trimmed.s++;
    handler(this, st, splitOperands(st.text, trimmed.s, trimmed.e), trimmed);
  }

  private instruction(st: Statement, mn: string, mnSpan: Span, argSpan: Span): void {
    const l = this.layout;
    l.alignTo(4, 0);
    const off = l.cur.off;
    l.cur.off += 4;
    const forms = FORMS_BY_MNEMONIC.get(mn);
    if (!forms) {
      const near = closestMnemonic(mn);
      throw new StatementError(locOf(st, mnSpan), 'E_UNKNOWN_MNEMONIC', `unknown instruction '${mn}'${near ? `; did you mean '${near}'?` : ''}`);
    }
    const text = st.text.slice(argSpan.s, argSpan.e).trim();
    const spans = text === '' ? [] : splitOperands(st.text, argSpan.s, argSpan.e);
    const ops: Operand[] = [];
    for (const sp of spans) {
      const op = parseOperand(st.text, sp.s, sp.e, (n, d) => this.local.ref(n, d));
      if ('err' in op) throw new StatementError(locOf(st, op), 'E_SYNTAX', op.err);
      ops.push(op);
    }
    l.cur.items.push({ k: 'insn', off, st, mn, mnSpan, ops, lit: this.literal(st, mn, ops, off) });
  }

  /** Adds (or shares) the pool entry of `ldr Rt, =expr`. */
  private literal(st: Statement, mn: string, ops: Operand[], off: number): PoolEntry | null {
    const lit = ops[1];
    if (lit?.k !== 'lit' || ops[0].k !== 'reg' || (mn !== 'ldr' && mn !== 'ldrsw')) return null;
    const size: 4 | 8 = mn === 'ldr' && ops[0].reg.size === 64 ? 8 : 4;
    const pool = this.layout.cur.pool;
    const key = this.literalKey(lit.expr, size, off);
    const found = pool.find((p) => p.key === key);
    if (found) return found;
    const entry: PoolEntry = { size, expr: lit.expr, key, off: -1, sec: this.layout.cur.name, st, span: lit, dotOff: off };
    pool.push(entry);
    return entry;
  }

  /** Constants share by value, `sym + k` by symbol and addend; anything else gets its own slot. */
  private literalKey(x: Expr, size: number, off: number): string {
    try {
      const v = evaluate(x, { lookup: (n) => this.symbols.value(n), dot: { v: BigInt(off), sec: this.layout.cur.name } });
      if (v.sec === null) return `${size}:c:${v.v}`;
    } catch {
      // Not known yet (forward reference): fall through to the symbolic key.
    }
    const syms = symbolsOf(x);
    const addend = x.t === 'bin' && (x.op === '+' || x.op === '-') && x.a.t === 'sym' && x.b.t === 'num' ? (x.op === '+' ? x.b.v : -x.b.v) : x.t === 'sym' ? 0n : null;
    if (syms.length === 1 && addend !== null) return `${size}:s:${syms[0]}:${addend}`;
    return `${size}:u:${this.layout.cur.name}:${off}`;
  }

  private defineLabel(st: Statement, name: string, span: Span): void {
    const internal = /^[0-9]+$/.test(name) ? this.local.define(name) : name;
    if (this.symbols.defs.has(internal)) {
      const prev = this.symbols.defs.get(internal)!;
      throw new StatementError(locOf(st, span), 'E_DUPLICATE_SYMBOL', `'${name}' is already defined at ${prev.loc.file}:${prev.loc.line}`);
    }
    const sec = this.layout.cur;
    this.symbols.defs.set(internal, { k: 'label', sec: sec.name, off: sec.off, loc: locOf(st, span) });
  }

  // DirectiveHost -------------------------------------------------------------

  expr(st: Statement, span: Span): Expr {
    let s = span.s;
    while (s < span.e && /\s/.test(st.text[s])) s++;
    if (s >= span.e) throw new StatementError(locOf(st, { s: Math.max(0, span.s - 1), e: span.s }), 'E_SYNTAX', 'missing expression');
    const r = parseExpr(st.text.slice(0, span.e), s, (n, d) => this.local.ref(n, d));
    if ('err' in r) throw new StatementError(locOf(st, r), 'E_SYNTAX', r.err);
    if (r.end < span.e) throw new StatementError(locOf(st, { s: r.end, e: span.e }), 'E_SYNTAX', `unexpected '${st.text.slice(r.end, span.e)}' after the expression`);
    return r.expr;
  }

  constant(st: Statement, x: Expr, what: string): bigint {
    const dot: Value = { v: BigInt(this.layout.cur.off), sec: this.layout.cur.name };
    let v: Value;
    try {
      v = evaluate(x, { lookup: (n) => this.symbols.value(n), dot });
    } catch (e) {
      if (e instanceof EvalError && e.kind === 'undefined') {
        const name = st.text.slice(e.s, e.e);
        throw new StatementError(locOf(st, e), 'E_EXPR', `${what} must be a constant known at this point, but '${name}' is not defined before it`);
      }
      throw e;
    }
    if (v.sec !== null) throw new StatementError(locOf(st, x), 'E_EXPR', `${what} must be a constant, not an address`);
    return v.v;
  }

  assign(st: Statement, name: string, nameSpan: Span, x: Expr, redefinable: boolean): void {
    const prev = this.symbols.defs.get(name);
    if (prev && (prev.k === 'label' || !redefinable)) {
      throw new StatementError(locOf(st, nameSpan), 'E_DUPLICATE_SYMBOL', `'${name}' is already defined at ${prev.loc.file}:${prev.loc.line}`);
    }
    const sec = this.layout.cur;
    let resolved: Value | null = null;
    try {
      resolved = evaluate(x, { lookup: (n) => this.symbols.value(n), dot: { v: BigInt(sec.off), sec: sec.name } });
    } catch (e) {
      // Forward references are resolved at use; real errors are reported now.
      if (!(e instanceof EvalError && e.kind === 'undefined')) throw e;
    }
    this.symbols.defs.set(name, { k: 'equ', expr: x, sec: sec.name, off: sec.off, loc: locOf(st, nameSpan), line: st.text, resolved });
  }

  end(): void {
    this.ended = true;
  }

  // -------------------------------------------------------------------------
  // Layout and pass 2
  // -------------------------------------------------------------------------

  /** Section order: .text, .rodata, .data, others as first used, .bss last; each aligned. */
  private place(): { sec: Section; addr: number }[] {
    const all = [...this.layout.sections.values()].filter((s) => s.name === '.text' || s.off > 0);
    const rank = (s: Section) => (s.name === '.bss' ? 99 : ORDER.includes(s.name) ? ORDER.indexOf(s.name) : 50);
    const ordered = all.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
    let at = this.base;
    return ordered.map((sec) => {
      const addr = Math.ceil(at / sec.align) * sec.align;
      at = addr + sec.off;
      return { sec, addr };
    });
  }

  private emit(item: Item, secAddr: number, addrs: SectionAddrs, bytes: Uint8Array, map: AsmImage['sourceMap']): void {
    const addr = secAddr + item.off;
    const at = addr - this.base;
    const view = new DataView(bytes.buffer);
    switch (item.k) {
      case 'pad':
        for (let k = 0; k < item.len; k++) bytes[at + k] = item.fill ?? 0;
        if (item.code) for (let k = Math.ceil(at / 4) * 4; k + 4 <= at + item.len; k += 4) view.setUint32(k, NOP, true);
        return;
      case 'bytes':
        bytes.set(item.bytes, at);
        map.push({ addr, loc: locOf(item.st, { s: item.st.s, e: item.st.e }), size: item.bytes.length });
        return;
      case 'data':
        item.exprs.forEach((x, k) => {
          const v = this.final(item.st, x, addr + k * item.size, addrs);
          checkFits(this.diag, item.st, x, v, item.size);
          writeLE(view, at + k * item.size, v, item.size);
        });
        map.push({ addr, loc: locOf(item.st, { s: item.st.s, e: item.st.e }), size: item.size * item.exprs.length });
        return;
      case 'lit': {
        const e = item.entry;
        const v = this.final(e.st, e.expr, (addrs.get(e.sec) ?? 0) + e.dotOff, addrs);
        checkFits(this.diag, e.st, e.expr, v, e.size);
        writeLE(view, at, v, e.size);
        map.push({ addr, loc: locOf(e.st, e.span), size: e.size });
        return;
      }
      case 'insn': {
        const word = this.encode(item, addr, addrs);
        view.setUint32(at, word, true);
        map.push({ addr, loc: locOf(item.st, { s: item.st.s, e: item.st.e }), size: 4 });
      }
    }
  }

  private encode(item: Extract<Item, { k: 'insn' }>, addr: number, addrs: SectionAddrs): number {
    const { st } = item;
    const forms = FORMS_BY_MNEMONIC.get(item.mn)!;
    const m = matchForms(forms, item.ops, st.text);
    if (!m.ok) throw new StatementError(locOf(st, m.span ?? { s: item.mnSpan.s, e: st.e }), m.code, m.message);
    const pc = BigInt(addr);
    const ctx: EncodeCtx = {
      mnemonic: item.mn,
      pc,
      literalAddr: item.lit ? BigInt((addrs.get(item.lit.sec) ?? 0) + item.lit.off) : null,
      value: (x) => this.final(st, x, addr, addrs),
      fail: (span, code, message) => {
        throw new StatementError(locOf(st, span), code, message);
      },
      warn: (span, code, message) => this.diag.add(locOf(st, span), code, message),
    };
    return place(m.form.encode(m.ops, ctx));
  }

  /** .bss holds zeros only (its contents are never loaded): reject anything else, as GNU as does. */
  private checkBss(item: Item, secAddr: number, bytes: Uint8Array): void {
    if (item.k === 'pad' || item.k === 'lit') return;
    const size = item.k === 'insn' ? 4 : item.k === 'data' ? item.size * item.exprs.length : item.bytes.length;
    const at = secAddr + item.off - this.base;
    if (bytes.subarray(at, at + size).some((b) => b !== 0)) {
      throw new StatementError(locOf(item.st, { s: item.st.s, e: item.st.e }), 'E_DIRECTIVE_ARG', 'attempt to store a non-zero value in .bss (use .data)');
    }
  }

  /** Evaluates with final addresses; `.` is `dot`. */
  private final(st: Statement, x: Expr, dot: number, addrs: SectionAddrs): bigint {
    try {
      return evaluate(x, { lookup: (n) => this.symbols.value(n, addrs), dot: { v: BigInt(dot), sec: null } }).v;
    } catch (e) {
      if (e instanceof EvalError) throw new StatementError(locOf(st, e), e.kind === 'undefined' ? 'E_UNDEFINED_SYMBOL' : 'E_EXPR', e.message);
      throw e;
    }
  }

  private tryValue(name: string, addrs: SectionAddrs): bigint | undefined {
    try {
      return this.symbols.value(name, addrs)?.v;
    } catch {
      return undefined;
    }
  }

  /** Reports `.equ` definitions that cannot be evaluated even when unused. */
  private checkEquates(addrs: SectionAddrs): void {
    for (const d of this.symbols.defs.values()) {
      if (d.k !== 'equ') continue;
      const st: Statement = { file: d.loc.file, line: d.loc.line, text: d.line, s: d.expr.s, e: d.expr.e };
      try {
        evaluate(d.expr, { lookup: (n) => this.symbols.value(n, addrs), dot: { v: BigInt((addrs.get(d.sec) ?? 0) + d.off), sec: null } });
      } catch (e) {
        this.report(st, d.expr, e);
      }
    }
  }

  // -------------------------------------------------------------------------

  private guard(item: Item, f: () => void): void {
    const st = item.k === 'lit' ? item.entry.st : item.k === 'pad' ? null : item.st;
    try {
      f();
    } catch (e) {
      if (st) this.report(st, { s: st.s, e: st.e }, e);
      else this.diag.add({ file: '', line: 1, column: 1, length: 1 }, 'E_INTERNAL', String(e));
    }
  }

  report(st: Statement, span: Span, e: unknown): void {
    if (e instanceof StatementError) this.diag.add(e.loc, e.code, e.message);
    else if (e instanceof EvalError) this.diag.add(locOf(st, e), e.kind === 'undefined' ? 'E_UNDEFINED_SYMBOL' : 'E_EXPR', e.message);
    else this.diag.add(locOf(st, span), 'E_INTERNAL', `internal assembler error (please report): ${e instanceof Error ? e.message : String(e)}`);
  }

  private sorted(): Diagnostic[] {
    const fo = (f: string) => this.fileOrder.get(f) ?? 0;
    return this.diag.list
      .map((d, i) => ({ d, i }))
      .sort((a, b) => fo(a.d.file) - fo(b.d.file) || a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i)
      .map((x) => x.d);
  }
}

function writeLE(view: DataView, at: number, v: bigint, size: number): void {
  const u = BigInt.asUintN(64, v);
  for (let k = 0; k < size; k++) view.setUint8(at + k, Number((u >> BigInt(8 * k)) & 0xffn));
}

function checkFits(diag: DiagSink, st: Statement, x: Expr, v: bigint, size: number): void {
  if (size === 8) return;
  const bits = BigInt(size * 8);
  if (v < -(1n << (bits - 1n)) || v >= 1n << bits) {
    const code: DiagCode = 'W_TRUNCATED';
    diag.add(locOf(st, x), code, `value ${v} does not fit in ${size} byte${size > 1 ? 's' : ''}; truncated to 0x${BigInt.asUintN(Number(bits), v).toString(16)}`);
  }
}
