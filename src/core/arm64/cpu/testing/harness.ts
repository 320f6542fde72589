/**
 * Test harness: assembles a source on the bare-machine layout and returns
 * the core ready at the entry (BRK traps to the host; synchronous exceptions
 * go through VBAR_EL1 as usual, so tests can install vector tables).
 */
import { assemble } from '../../asm/index.ts';
import { createBareMachine } from '../../../machine/bare.ts';
import type { Memory } from '../../../machine/memory.ts';
import type { Arm64Cpu } from '../core.ts';
import type { CoreExit } from '../types.ts';

export interface Booted {
  readonly cpu: Arm64Cpu;
  readonly mem: Memory;
  readonly sym: Readonly<Record<string, number>>;
  /** Runs up to `steps` (default 100,000) and returns the exit. */
  run(steps?: number): CoreExit;
  /** Xn as an unsigned bigint. */
  x(n: number): bigint;
}

/** Assembles `source` (throws with the diagnostics when it does not assemble) and boots it. */
export function boot(source: string): Booted {
  const r = assemble({ name: 'test.s', text: source });
  if (!r.ok || !r.image) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  const m = createBareMachine(r.image);
  if (typeof m === 'string') throw new Error(m);
  m.cpu.trapUnvectored = false;
  return {
    cpu: m.cpu,
    mem: m.mem,
    sym: r.image.symbols,
    run: (steps = 100_000) => m.cpu.run(steps),
    x: (n) => m.cpu.getX64(n),
  };
}

/** Boots `source`, runs it to its BRK (throws on any other exit) and returns the machine. */
export function runToBrk(source: string): Booted {
  const b = boot(source);
  const exit = b.run();
  if (exit.kind !== 'brk') throw new Error(`expected brk, got ${JSON.stringify(exit)} at 0x${b.cpu.pc.toString(16)}`);
  return b;
}

/** Two's complement of a negative bigint as the unsigned 64-bit value a register holds. */
export const u64 = (v: bigint) => BigInt.asUintN(64, v);
