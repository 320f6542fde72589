/**
 * Statement-level control directives, applied before a statement is
 * assembled: `.rept`/`.irp` ... `.endr`, `.macro` ... `.endm` with `\param`
 * substitution, and `.if`/`.ifdef`/`.ifndef`/`.else`/`.endif`. They work on
 * the statement list, so expansions are assembled exactly like source text.
 */
import { StatementError, type DiagSink } from './diagnostics.ts';
import type { Expr } from './expr.ts';
import { splitOperands, type Span } from './operand.ts';
import { locOf, type Statement } from './source.ts';
import type { SymbolTable } from './symbols.ts';

/** Control directive names (for completion). */
export const CONTROL_DIRECTIVES = ['.rept', '.irp', '.endr', '.macro', '.endm', '.exitm', '.if', '.ifdef', '.ifndef', '.else', '.endif'] as const;

const LABELS = /(?:(?:[A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)[ \t]*:[ \t]*)*/y;
const WORD = /[A-Za-z_.$][A-Za-z0-9_.$]*/y;

/** The statement's first word after any labels, lower-cased, with the span of the rest. */
export function headOf(st: Statement): { word: string; span: Span; rest: Span } | null {
  LABELS.lastIndex = st.s;
  LABELS.exec(st.text);
  const at = Math.min(LABELS.lastIndex, st.e);
  WORD.lastIndex = at;
  const m = WORD.exec(st.text);
  if (!m || at + m[0].length > st.e) return null;
  let r = at + m[0].length;
  while (r < st.e && /\s/.test(st.text[r])) r++;
  return { word: m[0].toLowerCase(), span: { s: at, e: at + m[0].length }, rest: { s: r, e: st.e } };
}

/**
 * Finds the statement closing the block opened at `from` (nesting counted).
 * Returns: its index; reports a missing close at the opening statement.
 */
export function blockEnd(stmts: readonly Statement[], from: number, opens: readonly string[], close: string): number {
  let depth = 0;
  for (let k = from; k < stmts.length; k++) {
    const w = headOf(stmts[k])?.word;
    if (w && opens.includes(w)) depth++;
    else if (w === close && --depth === 0) return k;
  }
  const h = headOf(stmts[from])!;
  throw new StatementError(locOf(stmts[from], h.span), 'E_DIRECTIVE_ARG', `${h.word} without a matching ${close}`);
}

export interface Macro {
  params: { name: string; def: string }[];
  body: Statement[];
}

/** Parses `.macro name a, b=1` (the part after `.macro`). */
export function parseMacroHead(st: Statement, rest: Span): { name: string; macro: Omit<Macro, 'body'> } {
  const text = st.text.slice(rest.s, rest.e);
  const m = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(text);
  if (!m) throw new StatementError(locOf(st, rest), 'E_DIRECTIVE_ARG', 'expected .macro <name> {<param>{=<default>}, ...}');
  const params = m[2].trim() === '' ? [] : m[2].split(/\s*,\s*|\s+/).filter(Boolean).map((p) => {
    const [name, def = ''] = p.split('=');
    return { name, def };
  });
  for (const p of params) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) throw new StatementError(locOf(st, rest), 'E_DIRECTIVE_ARG', `bad macro parameter name '${p.name}'`);
  }
  return { name: m[1].toLowerCase(), macro: { params } };
}

/**
 * The body of a macro or `.irp` with `\name` replaced by its value and `\@`
 * by `serial`; each new statement keeps the line of its body statement.
 */
export function substitute(body: readonly Statement[], values: ReadonlyMap<string, string>, serial: number): Statement[] {
  return body.map((st) => {
    const src = st.text.slice(st.s, st.e);
    const out = src.replace(/\\(@|[A-Za-z_][A-Za-z0-9_]*)(\(\))?/g, (all, name: string) =>
      name === '@' ? String(serial) : (values.get(name) ?? all),
    );
    const text = ' '.repeat(st.s) + out;
    return { ...st, text, e: text.length };
  });
}

/** The arguments of a macro call, by parameter (missing ones take their defaults). */
export function macroArgs(st: Statement, rest: Span, macro: Macro, name: string): Map<string, string> {
  const given = rest.s < rest.e ? splitOperands(st.text, rest.s, rest.e).map((sp) => st.text.slice(sp.s, sp.e)) : [];
  if (given.length > macro.params.length) {
    throw new StatementError(locOf(st, rest), 'E_OPERAND_COUNT', `macro ${name} takes ${macro.params.length} argument${macro.params.length === 1 ? '' : 's'}, found ${given.length}`);
  }
  return new Map(macro.params.map((p, i) => [p.name, given[i] ?? p.def]));
}

/** What the control directives need from the assembler. */
export interface ControlHost {
  readonly symbols: SymbolTable;
  readonly diag: DiagSink;
  /** Set when `.end` was seen. */
  readonly ended: boolean;
  statement(st: Statement): void;
  expr(st: Statement, span: Span): Expr;
  constant(st: Statement, x: Expr, what: string): bigint;
  report(st: Statement, span: Span, e: unknown): void;
}

/** Most statements that .rept/.irp/macros may produce in one assembly. */
const MAX_EXPANSION = 1_000_000;

/** Runs statement lists through the control directives, handing the rest to the host. */
export class ControlFlow {
  private readonly macros = new Map<string, Macro>();
  /** Expansions so far (`\@`) and statements produced by them (a guard). */
  private serial = 0;
  private expanded = 0;

  constructor(private readonly host: ControlHost) {}

  /** Assembles the statements of one file. */
  run(stmts: readonly Statement[]): void {
    this.block(stmts, 0);
  }

  /**
   * Assembles a list of statements, applying the control directives
   * (conditionals, repetitions, macros) on the way. `depth` counts nested
   * expansions, to stop runaway recursion.
   */
  private block(stmts: readonly Statement[], depth: number): void {
    const conds: { active: boolean; taken: boolean; outer: boolean }[] = [];
    const active = () => conds.length === 0 || conds[conds.length - 1].active;
    for (let k = 0; k < stmts.length && !this.host.ended; k++) {
      const st = stmts[k];
      try {
        const h = headOf(st);
        const w = h?.word ?? '';
        const fail = (msg: string): never => {
          throw new StatementError(locOf(st, h!.span), 'E_DIRECTIVE_ARG', msg);
        };
        if (h && (w === '.if' || w === '.ifdef' || w === '.ifndef')) {
          const on = active() && this.condition(st, w, h.rest);
          conds.push({ active: on, taken: on, outer: active() });
        } else if (w === '.else' || w === '.endif') {
          const top = conds[conds.length - 1];
          if (!top) fail(`${w} without .if`);
          if (w === '.endif') conds.pop();
          else {
            top.active = top.outer && !top.taken;
            top.taken = true;
          }
        } else if (!active()) {
          continue;
        } else if (h && (w === '.rept' || w === '.irp')) {
          const end = blockEnd(stmts, k, ['.rept', '.irp'], '.endr');
          const body = stmts.slice(k + 1, end);
          k = end; // Past the block even if the repetition fails.
          this.repeat(st, w, h.rest, body, depth);
        } else if (h && w === '.macro') {
          const end = blockEnd(stmts, k, ['.macro'], '.endm');
          const body = stmts.slice(k + 1, end);
          k = end;
          const { name, macro } = parseMacroHead(st, h.rest);
          this.macros.set(name, { ...macro, body });
        } else if (w === '.endr' || w === '.endm') {
          fail(`${w} without ${w === '.endr' ? '.rept or .irp' : '.macro'}`);
        } else if (w === '.exitm') {
          return;
        } else if (h && this.macros.has(w)) {
          const macro = this.macros.get(w)!;
          this.expand(st, macro.body, macroArgs(st, h.rest, macro, w), depth);
        } else {
          this.host.statement(st);
        }
      } catch (e) {
        this.host.report(st, { s: st.s, e: st.e }, e);
      }
    }
    if (conds.length > 0 && !this.host.ended) {
      const last = stmts[stmts.length - 1];
      this.host.diag.add(locOf(last, { s: last.s, e: last.e }), 'E_DIRECTIVE_ARG', `${conds.length} .if without .endif`);
    }
  }

  /** `.if expr` (non-zero), `.ifdef sym`, `.ifndef sym`, evaluated at this point. */
  private condition(st: Statement, w: string, rest: Span): boolean {
    if (w === '.if') return this.host.constant(st, this.host.expr(st, rest), '.if condition') !== 0n;
    const name = st.text.slice(rest.s, rest.e).trim();
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) throw new StatementError(locOf(st, rest), 'E_DIRECTIVE_ARG', `${w} expects a symbol name`);
    return this.host.symbols.defs.has(name) === (w === '.ifdef');
  }

  /** `.rept count` or `.irp sym, values...` over `body`. */
  private repeat(st: Statement, w: string, rest: Span, body: Statement[], depth: number): void {
    if (w === '.rept') {
      const n = this.host.constant(st, this.host.expr(st, rest), '.rept count');
      if (n < 0n || n * BigInt(body.length) > BigInt(MAX_EXPANSION)) throw new StatementError(locOf(st, rest), 'E_DIRECTIVE_ARG', `.rept count ${n} out of range`);
      for (let i = 0n; i < n && !this.host.ended; i++) this.expand(st, body, new Map(), depth);
      return;
    }
    const parts = rest.s < rest.e ? splitOperands(st.text, rest.s, rest.e).map((sp) => st.text.slice(sp.s, sp.e)) : [];
    if (!parts[0] || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(parts[0])) throw new StatementError(locOf(st, rest), 'E_DIRECTIVE_ARG', 'expected .irp <symbol>, <value>, ...');
    for (const v of parts.slice(1)) this.expand(st, body, new Map([[parts[0], v]]), depth);
  }

  /** Assembles `body` with `\name` substituted, as one more level of expansion. */
  private expand(st: Statement, body: readonly Statement[], values: ReadonlyMap<string, string>, depth: number): void {
    this.expanded += body.length;
    if (depth >= 64 || this.expanded > MAX_EXPANSION) {
      throw new StatementError(locOf(st, { s: st.s, e: st.e }), 'E_DIRECTIVE_ARG', depth >= 64 ? 'macros nested too deeply (64 levels): recursive macro?' : 'expansion too large');
    }
    this.block(substitute(body, values, this.serial++), depth + 1);
  }
}
