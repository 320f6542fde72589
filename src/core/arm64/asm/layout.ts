/**
 * Pass 1 state: sections, their items at section-relative offsets, pending
 * literal pools, and the helpers the statement handlers share.
 */
import type { Statement } from './source.ts';
import type { Expr } from './expr.ts';
import type { Operand, Span } from './operand.ts';

/** A literal pool entry made by `ldr Rt, =expr`. */
export interface PoolEntry {
  size: 4 | 8;
  expr: Expr;
  /** Entries with equal keys share one slot (GNU as does the same). */
  key: string;
  /** Section offset, assigned when the pool is emitted. */
  off: number;
  /** The section whose pool holds it. */
  sec: string;
  st: Statement;
  span: Span;
  /** Section offset of the first `ldr` using it (`.` in its expression). */
  dotOff: number;
}

export type Item =
  | { k: 'insn'; off: number; st: Statement; mn: string; mnSpan: Span; ops: Operand[]; lit: PoolEntry | null }
  | { k: 'data'; off: number; st: Statement; size: 1 | 2 | 4 | 8; exprs: Expr[] }
  | { k: 'bytes'; off: number; st: Statement; bytes: Uint8Array }
  | { k: 'pad'; off: number; len: number; code: boolean; fill: number | null }
  | { k: 'lit'; off: number; entry: PoolEntry };

export interface Section {
  name: string;
  /** Holds code: alignment padding is NOPs. */
  code: boolean;
  /** Current size (location counter). */
  off: number;
  /** Largest alignment asked for, in bytes. */
  align: number;
  items: Item[];
  pool: PoolEntry[];
}

/** Largest image the assembler will build (a guard against `.space 1 << 40`). */
export const MAX_IMAGE = 64 << 20;

export class Layout {
  readonly sections = new Map<string, Section>();
  cur: Section;
  /** The section before the last switch (`.previous`) and the `.pushsection` stack. */
  previous: Section;
  readonly stack: Section[] = [];

  constructor() {
    this.cur = this.section('.text');
    this.previous = this.cur;
  }

  /** Makes `s` current, remembering the old one for `.previous`. */
  switchTo(s: Section): void {
    this.previous = this.cur;
    this.cur = s;
  }

  /** The section called `name`, created on first use. */
  section(name: string, flags = ''): Section {
    let s = this.sections.get(name);
    if (!s) {
      const code = name === '.text' || name.startsWith('.text.') || flags.includes('x');
      s = { name, code, off: 0, align: code ? 4 : 1, items: [], pool: [] };
      this.sections.set(name, s);
    }
    return s;
  }

  /** Pads the current section to a multiple of `bytes` (a power of two). */
  alignTo(bytes: number, fill: number | null = null, max = Infinity): void {
    const s = this.cur;
    s.align = Math.max(s.align, bytes);
    const len = (bytes - (s.off % bytes)) % bytes;
    if (len === 0 || len > max) return;
    s.items.push({ k: 'pad', off: s.off, len, code: s.code && fill === null, fill });
    s.off += len;
  }

  /** Emits the pending literal pool of `s`: 4-byte entries, then 8-byte ones, each aligned. */
  flushPool(s: Section): void {
    if (s.pool.length === 0) return;
    const saved = this.cur;
    this.cur = s;
    for (const size of [4, 8] as const) {
      const entries = s.pool.filter((p) => p.size === size);
      if (entries.length === 0) continue;
      this.alignTo(size, 0);
      for (const entry of entries) {
        entry.off = s.off;
        s.items.push({ k: 'lit', off: s.off, entry });
        s.off += size;
      }
    }
    s.pool = [];
    this.cur = saved;
  }
}
