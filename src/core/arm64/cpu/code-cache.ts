/**
 * The decode cache of one core: each word-aligned address is decoded once
 * (isa/decode.ts) into an Entry, kept per 4 KiB page of guest memory. Each
 * decoded word is marked in the memory's code bitmap, and the page's entries
 * are dropped when the memory reports a write overlapping one of the page's
 * marked words (writes to other words of the page leave them). Entries of inline
 * instructions carry their compiled block (block.ts) and, for single steps,
 * a one-instruction block.
 */
import { decode } from '../isa/decode.ts';
import type { Memory } from '../../machine/memory.ts';
import { PAGE_SHIFT, PAGE_SIZE } from '../../machine/memory.ts';
import { compileBlock, endsBlock, MAX_BLOCK, type BlockFn, type BlockInsn } from './block.ts';
import type { Fields } from './emit.ts';
import { directTarget } from './exec/branch.ts';
import { INLINE, SLOW } from './exec/index.ts';
import type { InlineExec, SlowExec } from './exec/types.ts';
import type { CpuState } from './state.ts';

export const SLOTS_PER_PAGE = PAGE_SIZE >>> 2;

/** A decoded instruction; `id` null means UNDEFINED. */
export class Entry {
  block: BlockFn | null = null;
  blockLen = 0;
  single: BlockFn | null = null;
  constructor(
    readonly pc: number,
    readonly id: string | null,
    readonly f: Fields,
    readonly inline: InlineExec | null,
    readonly slow: SlowExec | null,
  ) {}
}

export class CodeCache {
  /** Entries by page (relative to the memory's base), then by word in the page. */
  readonly pages: (Entry[] | undefined)[];

  constructor(
    private readonly mem: Memory,
    private readonly s: CpuState,
  ) {
    this.pages = new Array(mem.pageFlags.length);
    mem.onCodeWrite((p) => {
      this.pages[p] = undefined;
    });
  }

  /** True if a word at `pc` lies inside memory. */
  contains(pc: number): boolean {
    const off = pc - this.mem.base;
    return off >= 0 && off <= this.mem.size - 4;
  }

  /** The entry at `pc` (word-aligned and inside memory), decoding it on first use. */
  entry(pc: number): Entry {
    const off = pc - this.mem.base;
    const page = off >>> PAGE_SHIFT;
    const slots = (this.pages[page] ??= new Array<Entry>(SLOTS_PER_PAGE));
    const slot = (off >>> 2) & (SLOTS_PER_PAGE - 1);
    let ent = slots[slot];
    if (ent === undefined) {
      ent = slots[slot] = this.decodeAt(pc, off);
      this.mem.markCode(off);
    }
    return ent;
  }

  private decodeAt(pc: number, off: number): Entry {
    const d = decode(this.mem.view.getUint32(off, true));
    if (!d) return new Entry(pc, null, {}, null, null);
    const inline = INLINE[d.id] ?? null;
    const slow = SLOW[d.id] ?? null;
    if (!inline && !slow) throw new Error(`no executor for ${d.id}`);
    return new Entry(pc, d.id, d.f, inline, slow);
  }

  /** The one-instruction block of an inline entry (single steps, breakpoints). */
  single(ent: Entry): BlockFn {
    return (ent.single ??= compileBlock([insn(ent)], this.s, this.mem));
  }

  /**
   * Compiles the block starting at inline entry `ent`: on through the page
   * while instructions are inline, following b/bl into targets not yet in
   * the block. Returns its length.
   */
  compile(ent: Entry): number {
    const insns: BlockInsn[] = [insn(ent)];
    const pageStart = ent.pc - ((ent.pc - this.mem.base) & (PAGE_SIZE - 1));
    const seen = new Set([ent.pc]);
    while (insns.length < MAX_BLOCK) {
      const last = insns[insns.length - 1];
      const follow = endsBlock(last.id);
      const pc = follow ? directTarget(last.id, last.f, last.pc) : last.pc + 4;
      if (pc === null || seen.has(pc) || pc < pageStart || pc >= pageStart + PAGE_SIZE || !this.contains(pc)) break;
      const next = this.entry(pc);
      if (!next.inline) break;
      if (follow) insns[insns.length - 1] = { ...last, follow: true };
      seen.add(pc);
      insns.push(insn(next));
    }
    ent.block = compileBlock(insns, this.s, this.mem);
    ent.blockLen = insns.length;
    return insns.length;
  }
}

function insn(e: Entry): BlockInsn {
  return { pc: e.pc, id: e.id!, f: e.f, exec: e.inline! };
}
