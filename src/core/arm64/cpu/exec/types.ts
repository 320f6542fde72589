/**
 * The two kinds of executor. Inline executors generate code (emit.ts) and
 * run inside compiled blocks; they cover what a block can do without leaving
 * JavaScript locals: ALU, branches, loads and stores. Slow executors are
 * plain functions on the core for everything that touches PSTATE, system
 * registers, exceptions, the exclusive monitor or the host.
 */
import type { Emitter, Fields } from '../emit.ts';
import type { Arm64Cpu } from '../core.ts';
import type { CoreExit } from '../types.ts';

/** Emits one instruction into a block. Block-ending instructions call `e.goto`. */
export type InlineExec = (f: Fields, e: Emitter) => void;

/**
 * Executes one instruction at `c.pc`. Sets the PC itself (next instruction,
 * branch target, or a vector via `c.takeException`). Returns a CoreExit to
 * stop `run`, or null to continue.
 */
export type SlowExec = (c: Arm64Cpu, f: Fields) => CoreExit | null;
