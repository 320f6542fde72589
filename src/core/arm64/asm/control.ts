/**
 * Statement-level control directives, applied before a statement is
 * assembled: `.rept`/`.irp` ... `.endr`, `.macro` ... `.endm` with `\param`
 * substitution, and `.if`/`.ifdef`/`.ifndef`/`.else`/`.endif`. They work on
 * the statement list, so expansions are assembled exactly like source text.
 */
import { StatementError } from './diagnostics.ts';
import { splitOperands, type Span } from './operand.ts';
import type { Statement } from './source.ts';

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

const loc = (st: Statement, span: Span) => ({ file: st.file, line: st.line, column: span.s + 1, length: Math.max(1, span.e - span.s) });

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
  throw new StatementError(loc(stmts[from], h.span), 'E_DIRECTIVE_ARG', `${h.word} without a matching ${close}`);
}

export interface Macro {
  params: { name: string; def: string }[];
  body: Statement[];
}

/** Parses `.macro name a, b=1` (the part after `.macro`). */
export function parseMacroHead(st: Statement, rest: Span): { name: string; macro: Omit<Macro, 'body'> } {
  const text = st.text.slice(rest.s, rest.e);
  const m = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(text);
  if (!m) throw new StatementError(loc(st, rest), 'E_DIRECTIVE_ARG', 'expected .macro <name> {<param>{=<default>}, ...}');
  const params = m[2].trim() === '' ? [] : m[2].split(/\s*,\s*|\s+/).filter(Boolean).map((p) => {
    const [name, def = ''] = p.split('=');
    return { name, def };
  });
  for (const p of params) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) throw new StatementError(loc(st, rest), 'E_DIRECTIVE_ARG', `bad macro parameter name '${p.name}'`);
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
    throw new StatementError(loc(st, rest), 'E_OPERAND_COUNT', `macro ${name} takes ${macro.params.length} argument${macro.params.length === 1 ? '' : 's'}, found ${given.length}`);
  }
  return new Map(macro.params.map((p, i) => [p.name, given[i] ?? p.def]));
}
