/**
 * The symbol table: labels (a section and an offset into it) and `.equ` /
 * `.set` / `=` symbols. Like GNU as, a symbol's expression is evaluated at
 * its definition when everything in it is known there (so `N = N + 1`
 * works); otherwise (forward references) it is evaluated where it is used,
 * with `.` being the location of the definition. Values come in two modes: during
 * layout labels are section-relative and only those defined so far are
 * known; after layout every symbol has an absolute value.
 */
import { evaluate, EvalError, type Expr, type Value } from './expr.ts';
import type { SourceLoc } from './diagnostics.ts';

export type SymbolDef =
  | { k: 'label'; sec: string; off: number; loc: SourceLoc }
  | { k: 'equ'; expr: Expr; sec: string; off: number; loc: SourceLoc; line: string; resolved: Value | null };

/** Where each section starts once laid out. */
export type SectionAddrs = ReadonlyMap<string, number>;

export class SymbolTable {
  readonly defs = new Map<string, SymbolDef>();
  private readonly evaluating = new Set<string>();

  /**
   * Looks a symbol up. With `addrs` (after layout) the value is absolute;
   * without, labels are section-relative.
   * Returns: the value, or undefined when the symbol is not defined (yet).
   * Throws EvalError for a definition that refers to itself.
   */
  value(name: string, addrs?: SectionAddrs): Value | undefined {
    const d = this.defs.get(name);
    if (!d) return undefined;
    if (d.k === 'label') return addrs ? { v: BigInt((addrs.get(d.sec) ?? 0) + d.off), sec: null } : { v: BigInt(d.off), sec: d.sec };
    if (d.resolved) {
      const r = d.resolved;
      return addrs && r.sec !== null ? { v: BigInt(addrs.get(r.sec) ?? 0) + r.v, sec: null } : r;
    }
    if (this.evaluating.has(name)) throw new EvalError('invalid', `symbol '${name}' is defined in terms of itself`, d.expr.s, d.expr.e);
    this.evaluating.add(name);
    try {
      const dot: Value = addrs ? { v: BigInt((addrs.get(d.sec) ?? 0) + d.off), sec: null } : { v: BigInt(d.off), sec: d.sec };
      return evaluate(d.expr, { lookup: (n) => this.value(n, addrs), dot });
    } catch (e) {
      // Before layout, a definition using a later label is simply not known yet.
      if (!addrs && e instanceof EvalError && e.kind === 'undefined') return undefined;
      if (e instanceof EvalError) throw new EvalError('invalid', `${e.message} in the definition of '${name}' (line ${d.loc.line})`, e.s, e.e);
      throw e;
    } finally {
      this.evaluating.delete(name);
    }
  }
}

/**
 * Names numeric local labels (`1:`, `1b`, `1f`) per file: the k-th
 * definition of `n` in file `fi` is `n\x02fi.k`, which no source symbol can spell.
 */
export class LocalLabels {
  private readonly count = new Map<string, number>();

  constructor(private readonly fi: number) {}

  /** Name for a new definition of `n`. */
  define(n: string): string {
    const k = (this.count.get(n) ?? 0) + 1;
    this.count.set(n, k);
    return this.nameOf(n, k);
  }

  /** Name a reference `nb` (latest definition) or `nf` (next definition) resolves to. */
  ref(n: string, dir: 'b' | 'f'): string {
    const k = this.count.get(n) ?? 0;
    return this.nameOf(n, dir === 'b' ? k : k + 1);
  }

  private nameOf(n: string, k: number): string {
    return `${Number(n)}\x02${this.fi}.${k}`;
  }
}

/** True for internal names of numeric local labels (left out of the public symbol list). */
export const isLocalLabel = (name: string): boolean => name.includes('\x02');
