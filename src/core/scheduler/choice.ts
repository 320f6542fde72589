/**
 * Choice sources: who decides which physical CPU takes the next steps and
 * which native-scheduler thread runs next. Round-robin and seeded random
 * are deterministic functions of their plain-data state; manual asks the
 * user. The machine records every choice, whoever made it.
 */
import type { VcpuRef } from '../trace/events.ts';

export type ChooserKind = 'round-robin' | 'random' | 'manual';

/** Plain-data state of a chooser (part of machine snapshots). */
export interface ChooserState {
  readonly kind: ChooserKind;
  /** xorshift32 state (never 0). */
  rng: number;
  /** Last CPU picked (round-robin). */
  lastCpu: number;
  /** Last thread picked, as vm * 64 + vcpu (round-robin). */
  lastThread: number;
}

export function createChooser(kind: ChooserKind, seed: number): ChooserState {
  return { kind, rng: seed >>> 0 || 0x9e3779b9, lastCpu: -1, lastThread: -1 };
}

/** Next xorshift32 output; advances the state. */
export function nextRandom(s: ChooserState): number {
  let x = s.rng;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  s.rng = x >>> 0;
  return s.rng;
}

export function threadKey(t: VcpuRef): number {
  return t.vm * 64 + t.vcpu;
}

/**
 * Picks a CPU among `active` (ascending) and how many steps it takes (at most
 * `quantum`). Returns null for the manual source (the user must choose).
 */
export function pickCpu(s: ChooserState, active: readonly number[], quantum: number): { cpu: number; steps: number } | null {
  if (s.kind === 'manual') return null;
  if (s.kind === 'random') {
    const cpu = active[nextRandom(s) % active.length];
    return { cpu, steps: 1 + (nextRandom(s) % quantum) };
  }
  const cpu = active.find((c) => c > s.lastCpu) ?? active[0];
  s.lastCpu = cpu;
  return { cpu, steps: quantum };
}

/** Picks a thread among `options`; null for the manual source. */
export function pickThread(s: ChooserState, options: readonly VcpuRef[]): VcpuRef | null {
  if (s.kind === 'manual') return null;
  if (s.kind === 'random') return options[nextRandom(s) % options.length];
  const sorted = [...options].sort((a, b) => threadKey(a) - threadKey(b));
  const t = sorted.find((o) => threadKey(o) > s.lastThread) ?? sorted[0];
  s.lastThread = threadKey(t);
  return t;
}
