/**
 * Every executor, keyed by encoding id. Each id of isa/encodings.ts has
 * exactly one executor, inline or slow (index.test.ts checks it).
 */
import { BRANCH } from './branch.ts';
import { DP_IMM } from './dp-imm.ts';
import { DP_REG } from './dp-reg.ts';
import { EXCLUSIVE } from './exclusive.ts';
import { LDST } from './ldst.ts';
import { SYSTEM_INLINE, SYSTEM_SLOW } from './system.ts';
import type { InlineExec, SlowExec } from './types.ts';

export const INLINE: Readonly<Record<string, InlineExec>> = { ...DP_IMM, ...DP_REG, ...BRANCH, ...LDST, ...SYSTEM_INLINE };
export const SLOW: Readonly<Record<string, SlowExec>> = { ...SYSTEM_SLOW, ...EXCLUSIVE };

/** Inline executors that end a block (they call `goto`). */
export const ENDS_BLOCK: ReadonlySet<string> = new Set(Object.keys(BRANCH));
