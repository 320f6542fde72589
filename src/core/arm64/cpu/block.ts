/**
 * The block compiler: a run of inline-executable instructions (ending at a
 * branch, before a slow or undefined instruction, at a page end or at
 * MAX_BLOCK) becomes one JavaScript function built with `new Function`. A
 * block goes on through B and BL to their target when it is in the same page
 * and not yet in the block.
 *
 * The function `block(budget)` runs the block, iterating in place while its
 * final branch goes back to its own start and the budget allows another full
 * pass, and returns the number of instructions retired. It leaves `S.pc` at
 * the next instruction to execute, or at a faulting one with `S.exit` set.
 * It is only called with budget >= its length, so step counts are exact.
 *
 * Functions are cached by source text: cores running the same code at the
 * same addresses share the compilation.
 */
import type { Memory } from '../../machine/memory.ts';
import { Emitter, type Fields } from './emit.ts';
import { H } from './runtime.ts';
import type { CpuState } from './state.ts';
import { ENDS_BLOCK } from './exec/index.ts';
import type { InlineExec } from './exec/types.ts';

export const MAX_BLOCK = 64;

export type BlockFn = (budget: number) => number;

/** One instruction to compile. */
export interface BlockInsn {
  readonly pc: number;
  readonly id: string;
  readonly f: Fields;
  readonly exec: InlineExec;
  /** A direct branch whose target is the next instruction of the block. */
  readonly follow?: boolean;
}

type Factory = (S: CpuState, M: DataView, PF: Uint8Array, MEM: Memory, h: typeof H, r: Int32Array, F: Int32Array) => BlockFn;

const FACTORIES = new Map<string, Factory>();
const MAX_FACTORIES = 20000;

/** True if `id` ends a block (branches). */
export function endsBlock(id: string): boolean {
  return ENDS_BLOCK.has(id);
}

/** Generates the source of a block (exported for tests and debugging). */
export function blockSource(insns: readonly BlockInsn[], mem: Memory): string {
  const e = new Emitter(insns[0].pc, insns.length, mem.base, mem.size);
  insns.forEach((ins, i) => {
    e.begin(i, ins.pc, ins.follow);
    ins.exec(ins.f, e);
    if (e.stores) e.leaveIfCodeWritten(ins.pc + 4);
  });
  const last = insns[insns.length - 1];
  if (!endsBlock(last.id)) e.goto(last.pc + 4);
  return e.finish();
}

/** Compiles `insns` (consecutive, non-empty) into a block function bound to `s` and `mem`. */
export function compileBlock(insns: readonly BlockInsn[], s: CpuState, mem: Memory): BlockFn {
  const src = blockSource(insns, mem);
  let factory = FACTORIES.get(src);
  if (!factory) {
    if (FACTORIES.size >= MAX_FACTORIES) FACTORIES.clear();
    factory = new Function('S', 'M', 'PF', 'MEM', 'H', 'r', 'F', src) as Factory;
    FACTORIES.set(src, factory);
  }
  return factory(s, mem.view, mem.pageFlags, mem, H, s.r, s.f);
}
