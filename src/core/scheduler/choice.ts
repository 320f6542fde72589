/**
 * Choice sources: who decides which physical CPU takes the next steps and
 * which native-scheduler thread runs next. Round-robin and seeded random
 * are deterministic functions of their plain-data state; manual asks the
 * user. The machine records every choice, whoever made it.
 */
import type { Choice, VcpuRef } from '../trace/events.ts';

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
  // The option with the smallest key above the last one, else the smallest (wrap around).
  let next: VcpuRef | null = null;
  let first = options[0];
  for (const o of options) {
    const k = threadKey(o);
    if (k < threadKey(first)) first = o;
    if (k > s.lastThread && (next === null || k < threadKey(next))) next = o;
  }
  const t = next ?? first;
  s.lastThread = threadKey(t);
  return t;
}

/** Size of the shared-choice cache (a power of two). */
const CHOICE_CACHE_SIZE = 256;
const choiceCacheA = new Int32Array(CHOICE_CACHE_SIZE);
const choiceCacheB = new Int32Array(CHOICE_CACHE_SIZE);
const choiceCache: (Choice | undefined)[] = new Array<Choice | undefined>(CHOICE_CACHE_SIZE).fill(undefined);

/**
 * The choice packed as (a, b) (see ChoiceLog) as a frozen object, the same
 * one as for the previous request of that choice while it stays in a small
 * direct-mapped cache: a long trace holds one per choice event, mostly the
 * same few choices.
 */
function sharedChoice(a: number, b: number): Choice {
  const i = (a * 31 + b + (b >>> 8)) & (CHOICE_CACHE_SIZE - 1);
  const cached = choiceCache[i];
  if (cached !== undefined && choiceCacheA[i] === a && choiceCacheB[i] === b) return cached;
  const c: Choice = Object.freeze(a >= 0 ? { kind: 'cpu', cpu: a, steps: b } : { kind: 'thread', cpu: -1 - a, vm: b >> 6, vcpu: b & 63 });
  choiceCacheA[i] = a;
  choiceCacheB[i] = b;
  choiceCache[i] = c;
  return c;
}

/** CPU `cpu` takes up to `steps` steps (a shared frozen object, see `sharedChoice`). */
export function cpuChoice(cpu: number, steps: number): Choice {
  return sharedChoice(cpu, steps);
}

/** The native scheduler on `cpu` runs vCPU (vm, vcpu) (a shared frozen object, see `sharedChoice`). */
export function threadChoice(cpu: number, vm: number, vcpu: number): Choice {
  return sharedChoice(-1 - cpu, vm * 64 + vcpu);
}

/**
 * The recorded choices, packed two int32 per choice so that long runs stay
 * small: a CPU choice is (cpu, steps); a thread choice is (-1 - cpu, vm * 64 + vcpu).
 */
export class ChoiceLog {
  private buf = new Int32Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(c: Choice): void {
    if (2 * this.n + 2 > this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    const i = 2 * this.n++;
    if (c.kind === 'cpu') {
      this.buf[i] = c.cpu;
      this.buf[i + 1] = c.steps;
    } else {
      this.buf[i] = -1 - c.cpu;
      this.buf[i + 1] = c.vm * 64 + c.vcpu;
    }
  }

  at(k: number): Choice {
    return sharedChoice(this.buf[2 * k], this.buf[2 * k + 1]);
  }

  /** Inserts `c` before choice `k` (0 <= k <= length). */
  insert(k: number, c: Choice): void {
    this.push(c);
    const i = 2 * k;
    const end = 2 * this.n;
    const a = this.buf[end - 2];
    const b = this.buf[end - 1];
    this.buf.copyWithin(i + 2, i, end - 2);
    this.buf[i] = a;
    this.buf[i + 1] = b;
  }

  /** Keeps the first `n` choices. */
  truncate(n: number): void {
    this.n = Math.min(this.n, n);
  }

  /** The first `n` choices as objects. */
  list(n = this.n): Choice[] {
    return Array.from({ length: Math.min(n, this.n) }, (_, k) => this.at(k));
  }
}
