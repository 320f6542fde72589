/**
 * Test support: a fake clock and timer queue for driving a Session without
 * real time, and a reader for the updates it posted.
 */
import type { MachineUpdate, WorkerEvent } from './protocol.ts';

export class FakeTimers {
  readonly clock = { t: 0 };
  readonly timers: { at: number; fn: () => void }[] = [];

  /** SessionDeps.later. */
  later = (fn: () => void, ms: number): void => {
    this.timers.push({ at: this.clock.t + ms, fn });
  };

  /** Runs queued timers in time order while the clock stays under `untilMs` (and at most `maxTimers` of them). */
  drive(untilMs = Infinity, maxTimers = 1_000_000): void {
    for (let i = 0; i < maxTimers && this.timers.length && this.clock.t < untilMs; i++) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.clock.t = Math.max(this.clock.t, next.at);
      next.fn();
    }
  }
}

/** The updates among posted worker events, in order. */
export function updatesOf(out: readonly WorkerEvent[]): MachineUpdate[] {
  return out.filter((e): e is { type: 'update'; update: MachineUpdate } => e.type === 'update').map((e) => e.update);
}
