/**
 * Splits source text into statements the way GNU as does for AArch64:
 * `//` and `/* ... *\/` comments (the latter across lines), `#` comments when
 * `#` is the first non-blank character of a line, and `;` separating
 * statements. Comments are blanked to spaces so columns stay exact.
 */
import type { SourceLoc } from './diagnostics.ts';

/** One statement: the text [s, e) of line `line` (1-based) of `file`. */
export interface Statement {
  file: string;
  line: number;
  /** The whole line, comments blanked. Spans below index into it. */
  text: string;
  s: number;
  e: number;
}

/** The source location of [span.s, span.e) of a statement's line (at least one character long). */
export const locOf = (st: Statement, span: { s: number; e: number }): SourceLoc => ({
  file: st.file,
  line: st.line,
  column: span.s + 1,
  length: Math.max(1, span.e - span.s),
});

/** An unterminated construct found while splitting (reported as E_SYNTAX). */
export interface SplitProblem {
  line: number;
  s: number;
  e: number;
  message: string;
}

/**
 * Splits `text` into statements, skipping blank ones.
 * Returns: the statements in order and any unterminated strings or comments.
 */
export function splitStatements(file: string, text: string): { statements: Statement[]; problems: SplitProblem[] } {
  const statements: Statement[] = [];
  const problems: SplitProblem[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let inBlock: { line: number; s: number } | null = null;
  lines.forEach((raw, idx) => {
    const chars = raw.split('');
    let i = 0;
    let stmtStart = 0;
    const cuts: [number, number][] = [];
    const blank = (from: number, to: number) => {
      for (let k = from; k < to; k++) chars[k] = ' ';
    };
    if (inBlock === null && /^\s*#/.test(raw)) {
      blank(0, chars.length);
    }
    while (i < chars.length) {
      if (inBlock) {
        // A comment opened on this line cannot close on its own '/*'.
        const close = raw.indexOf('*/', inBlock.line === idx + 1 ? Math.max(i, inBlock.s + 2) : i);
        const end = close < 0 ? chars.length : close + 2;
        blank(i, end);
        i = end;
        if (close >= 0) inBlock = null;
        continue;
      }
      const c = chars[i];
      if (c === '/' && chars[i + 1] === '/') {
        blank(i, chars.length);
        break;
      }
      if (c === '/' && chars[i + 1] === '*') {
        inBlock = { line: idx + 1, s: i };
        continue;
      }
      if (c === '"') {
        const s = i;
        i++;
        while (i < chars.length && chars[i] !== '"') i += chars[i] === '\\' ? 2 : 1;
        if (i >= chars.length) problems.push({ line: idx + 1, s, e: chars.length, message: 'unterminated string' });
        i++;
        continue;
      }
      if (c === "'") {
        // A character literal: 'c, '\n, optionally closed by another quote.
        i += chars[i + 1] === '\\' ? 3 : 2;
        if (chars[i] === "'") i++;
        continue;
      }
      if (c === ';') {
        cuts.push([stmtStart, i]);
        stmtStart = i + 1;
      }
      i++;
    }
    cuts.push([stmtStart, chars.length]);
    const lineText = chars.join('');
    for (const [s0, e0] of cuts) {
      let s = s0;
      let e = Math.min(e0, lineText.length);
      while (s < e && /\s/.test(lineText[s])) s++;
      while (e > s && /\s/.test(lineText[e - 1])) e--;
      if (s < e) statements.push({ file, line: idx + 1, text: lineText, s, e });
    }
  });
  if (inBlock) {
    const b: { line: number; s: number } = inBlock;
    problems.push({ line: b.line, s: b.s, e: b.s + 2, message: "unterminated comment: '/*' without '*/'" });
  }
  return { statements, problems };
}
