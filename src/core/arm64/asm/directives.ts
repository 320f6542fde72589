/**
 * Assembler directives (pass 1): sections, alignment, data, strings,
 * symbols and literal pools. Each handler reads its arguments, changes the
 * layout and reports bad arguments by throwing a StatementError (the caller
 * turns it into a diagnostic and carries on).
 */
import { CONTROL_DIRECTIVES } from './control.ts';
import { StatementError } from './diagnostics.ts';
import { readEscape, type Expr } from './expr.ts';
import { MAX_IMAGE, type Layout } from './layout.ts';
import type { Span } from './operand.ts';
import { locOf, type Statement } from './source.ts';

/** What directives need from the assembler. */
export interface DirectiveHost {
  readonly layout: Layout;
  /** Parses the expression filling `span` (reports syntax errors itself). */
  expr(st: Statement, span: Span): Expr;
  /** Evaluates now, during layout: the value must be an absolute constant known at this point. */
  constant(st: Statement, x: Expr, what: string): bigint;
  /** Defines `.equ`-style symbol `name` as `x`. */
  assign(st: Statement, name: string, nameSpan: Span, x: Expr, redefinable: boolean): void;
  /** Marks the rest of the current file as skipped (`.end`). */
  end(): void;
}

type Handler = (h: DirectiveHost, st: Statement, args: Span[], all: Span) => void;

function fail(st: Statement, span: Span, message: string): never {
  throw new StatementError(locOf(st, span), 'E_DIRECTIVE_ARG', message);
}

const text = (st: Statement, span: Span) => st.text.slice(span.s, span.e);

/** Directives accepted without effect (symbol visibility, ELF metadata, target selection). */
const NO_OPS = [
  '.global', '.globl', '.local', '.weak', '.hidden', '.protected', '.internal', '.extern', '.type', '.size',
  '.arch', '.arch_extension', '.cpu', '.file', '.ident', '.loc', '.cfi_startproc', '.cfi_endproc',
  '.cfi_def_cfa_offset', '.cfi_offset', '.cfi_def_cfa', '.cfi_restore', '.cfi_sections', '.variant_pcs', '.func', '.endfunc',
];

function count(h: DirectiveHost, st: Statement, span: Span, what: string, lo: number, hi: number): number {
  const v = h.constant(st, h.expr(st, span), what);
  if (v < BigInt(lo) || v > BigInt(hi)) fail(st, span, `${what} ${v} out of range: ${lo}..${hi}`);
  return Number(v);
}

function need(st: Statement, args: Span[], min: number, max: number, usage: string, all: Span): void {
  const n = args.length === 1 && args[0].s === args[0].e ? 0 : args.length;
  if (n < min || n > max) fail(st, all.s === all.e ? { s: st.s, e: st.e } : all, `expected ${usage}`);
  args.forEach((a) => {
    if (a.s === a.e && n > 0) fail(st, a, `empty argument; expected ${usage}`);
  });
}

/** `.align`/`.p2align` (`p2`: argument is a power of two) and `.balign` (bytes). */
function alignHandler(p2: boolean, name: string): Handler {
  return (h, st, args, all) => {
    need(st, args, 1, 3, `${name} ${p2 ? '<log2 alignment>' : '<bytes>'}{, <fill>{, <max skip>}}`, all);
    let bytes: number;
    if (p2) bytes = 2 ** count(h, st, args[0], 'alignment', 0, 24);
    else {
      bytes = count(h, st, args[0], 'alignment', 1, 1 << 24);
      if ((bytes & (bytes - 1)) !== 0) fail(st, args[0], `alignment ${bytes} is not a power of two`);
    }
    const fill = args[1] && args[1].s < args[1].e ? count(h, st, args[1], 'fill byte', -128, 255) & 0xff : null;
    const max = args[2] ? count(h, st, args[2], 'maximum skip', 0, 1 << 24) : Infinity;
    h.layout.alignTo(bytes, fill, max);
  };
}

function dataHandler(size: 1 | 2 | 4 | 8, align: boolean): Handler {
  return (h, st, args, all) => {
    need(st, args, 1, Infinity, 'one or more values', all);
    const exprs = args.map((a) => h.expr(st, a));
    const l = h.layout;
    if (align) l.alignTo(4);
    l.cur.items.push({ k: 'data', off: l.cur.off, st, size, exprs });
    grow(st, l, size * exprs.length, all);
  };
}

function grow(st: Statement, l: Layout, n: number, span: Span): void {
  if (l.cur.off + n > MAX_IMAGE) fail(st, span, `section ${l.cur.name} would exceed ${MAX_IMAGE >> 20} MiB`);
  l.cur.off += n;
}

const UTF8 = new TextEncoder();

/**
 * Decodes a string literal `"..."` at `span` (escapes as in C, plus octal and \x).
 * Returns: its bytes; reports anything else as a bad argument.
 */
export function stringBytes(st: Statement, span: Span): number[] {
  const t = text(st, span);
  if (t.length < 2 || t[0] !== '"' || t[t.length - 1] !== '"') fail(st, span, `expected a string in double quotes, found ${t || 'nothing'}`);
  const out: number[] = [];
  for (let i = 1; i < t.length - 1; ) {
    if (t[i] === '\\') {
      const r = readEscape(t, i + 1);
      out.push(r.v);
      i = r.next;
    } else {
      const code = t.codePointAt(i)!;
      const utf8 = UTF8.encode(String.fromCodePoint(code));
      out.push(...utf8);
      i += code > 0xffff ? 2 : 1;
    }
  }
  return out;
}

function stringHandler(zero: boolean): Handler {
  return (h, st, args, all) => {
    need(st, args, 1, Infinity, 'one or more strings', all);
    const bytes: number[] = [];
    for (const a of args) {
      bytes.push(...stringBytes(st, a));
      if (zero) bytes.push(0);
    }
    const l = h.layout;
    l.cur.items.push({ k: 'bytes', off: l.cur.off, st, bytes: Uint8Array.from(bytes) });
    grow(st, l, bytes.length, all);
  };
}

const spaceHandler: Handler = (h, st, args, all) => {
  need(st, args, 1, 2, '<bytes>{, <fill>}', all);
  const n = count(h, st, args[0], 'size', 0, MAX_IMAGE);
  const fill = args[1] ? count(h, st, args[1], 'fill byte', -128, 255) & 0xff : 0;
  const l = h.layout;
  l.cur.items.push({ k: 'bytes', off: l.cur.off, st, bytes: new Uint8Array(n).fill(fill) });
  grow(st, l, n, all);
};

const fillHandler: Handler = (h, st, args, all) => {
  need(st, args, 1, 3, '<repeat>{, <size>{, <value>}}', all);
  const rep = count(h, st, args[0], 'repeat count', 0, MAX_IMAGE);
  const size = args[1] ? count(h, st, args[1], 'size', 0, 8) : 1;
  const value = args[2] ? h.constant(st, h.expr(st, args[2]), 'value') : 0n;
  if (rep * size > MAX_IMAGE) fail(st, all, `.fill of ${rep * size} bytes is too large`);
  const bytes = new Uint8Array(rep * size);
  // As GNU as: each unit holds the value's low bytes (at most 4 of them), little-endian.
  for (let r = 0; r < rep; r++) for (let b = 0; b < size; b++) bytes[r * size + b] = b < 4 ? Number((BigInt.asUintN(64, value) >> BigInt(8 * b)) & 0xffn) : 0;
  const l = h.layout;
  l.cur.items.push({ k: 'bytes', off: l.cur.off, st, bytes });
  grow(st, l, bytes.length, all);
};

/** `.text`-style (`fixed` name), `.section`, and `.pushsection` (`push`: remember the current one). */
function sectionHandler(fixed: string | null, push = false): Handler {
  return (h, st, args, all) => {
    const l = h.layout;
    if (fixed) {
      if (text(st, all).trim() !== '') fail(st, all, `${fixed} takes no arguments (subsections are not supported)`);
      l.switchTo(l.section(fixed));
      return;
    }
    need(st, args, 1, 4, `${push ? '.pushsection' : '.section'} <name>{, "<flags>"{, @<type>}}`, all);
    const name = text(st, args[0]).replace(/^"(.*)"$/, '$1');
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) fail(st, args[0], `bad section name '${name}'`);
    const flags = args[1] ? text(st, args[1]).replace(/^"(.*)"$/, '$1') : '';
    if (push) l.stack.push(l.cur);
    l.switchTo(l.section(name, flags));
  };
}

const popSection: Handler = (h, st, _args, all) => {
  const l = h.layout;
  const s = l.stack.pop();
  if (!s) fail(st, { s: st.s, e: Math.max(all.e, st.s + 11) }, '.popsection without .pushsection');
  l.switchTo(s);
};

function equHandler(redefinable: boolean, name: string): Handler {
  return (h, st, args, all) => {
    need(st, args, 2, 2, `${name} <symbol>, <expression>`, all);
    const sym = text(st, args[0]);
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(sym)) fail(st, args[0], `expected a symbol name, found '${sym}'`);
    h.assign(st, sym, args[0], h.expr(st, args[1]), redefinable);
  };
}

/** Every directive, by lower-case name. */
export const DIRECTIVES: Readonly<Record<string, Handler>> = {
  '.text': sectionHandler('.text'),
  '.data': sectionHandler('.data'),
  '.bss': sectionHandler('.bss'),
  '.rodata': sectionHandler('.rodata'),
  '.section': sectionHandler(null),
  '.pushsection': sectionHandler(null, true),
  '.popsection': popSection,
  '.previous': (h) => h.layout.switchTo(h.layout.previous),
  '.align': alignHandler(true, '.align'),
  '.p2align': alignHandler(true, '.p2align'),
  '.balign': alignHandler(false, '.balign'),
  '.byte': dataHandler(1, false),
  '.hword': dataHandler(2, false),
  '.short': dataHandler(2, false),
  '.2byte': dataHandler(2, false),
  '.word': dataHandler(4, false),
  '.long': dataHandler(4, false),
  '.int': dataHandler(4, false),
  '.4byte': dataHandler(4, false),
  '.quad': dataHandler(8, false),
  '.xword': dataHandler(8, false),
  '.dword': dataHandler(8, false),
  '.8byte': dataHandler(8, false),
  '.inst': dataHandler(4, true),
  '.ascii': stringHandler(false),
  '.asciz': stringHandler(true),
  '.string': stringHandler(true),
  '.space': spaceHandler,
  '.skip': spaceHandler,
  '.zero': (h, st, args, all) => {
    need(st, args, 1, 1, '.zero <bytes>', all);
    spaceHandler(h, st, args, all);
  },
  '.fill': fillHandler,
  '.equ': equHandler(true, '.equ'),
  '.set': equHandler(true, '.set'),
  '.equiv': equHandler(false, '.equiv'),
  '.ltorg': (h) => h.layout.flushPool(h.layout.cur),
  '.pool': (h) => h.layout.flushPool(h.layout.cur),
  '.end': (h) => h.end(),
  ...Object.fromEntries(NO_OPS.map((d) => [d, () => {}])),
};

/** Every directive name, control directives included (for completion). */
export const DIRECTIVE_NAMES: readonly string[] = [...Object.keys(DIRECTIVES), ...CONTROL_DIRECTIVES].sort();
