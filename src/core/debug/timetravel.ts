/**
 * Time travel over a Machine: go to any step of the run, step back, search
 * backwards for events and breakpoints, and keep what happened after the
 * present ("the branch") until something in the past is changed.
 *
 * The machine is deterministic (scenario + recorded choices), so the state at
 * step t is found by restoring the nearest keyframe at or before t and
 * replaying (keyframes.ts). The events of the whole branch, up to the
 * furthest step reached (`head`), stay available while the machine itself is
 * anywhere in [0, head]: the UI shows the future too, and backward searches
 * over events need no replay.
 *
 * Step convention (machine/api.ts): the state "at step s" is the state after
 * s steps; an event with `step: e` happened during step e, so the state just
 * after it is at e + 1.
 */
import type { Machine, MachineSnapshot, RunOutcome, SourceBreakpoint, StopWhen } from '../machine/api.ts';
import type { TraceEvent } from '../trace/events.ts';
import { KeyframeStore, type KeyframeStats, type Replayable } from '../timetravel/keyframes.ts';
import { lastMatchBefore, type ProtocolBreakpoint } from './breakpoints.ts';

/** The part of Machine time travel uses. */
export type TravelMachine = Pick<Machine, 'steps' | 'ended' | 'trace' | 'run' | 'snapshot' | 'restore' | 'setBreakpoints'>;

export interface TimeTravelOptions {
  /** Steps between keyframes (the longest replay a seek needs while under budget). */
  readonly keyframeInterval?: number;
  /** Memory the keyframes may hold before older ones are thinned. */
  readonly keyframeBudgetBytes?: number;
}

/** Progress of a long backward search; `done` carries the result. */
export type SearchProgress = { readonly done: false; readonly searchedFrom: number } | { readonly done: true; readonly found: number | null };

export class TimeTravel {
  private readonly keyframes: KeyframeStore<MachineSnapshot>;
  private readonly interval: number;
  private branch: TraceEvent[] = [];
  private headStep = 0;
  private breakpoints: readonly SourceBreakpoint[] = [];
  private readonly replayer: Replayable<MachineSnapshot>;

  constructor(
    private readonly m: TravelMachine,
    opts: TimeTravelOptions = {},
  ) {
    this.interval = opts.keyframeInterval ?? 50_000;
    this.keyframes = new KeyframeStore({ interval: this.interval, budgetBytes: opts.keyframeBudgetBytes ?? 256 * 1024 * 1024 });
    const machine = m;
    this.replayer = {
      get stepCount() {
        return machine.steps;
      },
      snapshot: () => machine.snapshot(),
      restore: (s) => machine.restore(s, this.branch),
      advance: (n) => this.replay(n),
    };
    this.keyframes.record(this.replayer);
    this.sync();
  }

  /** The current step (where the machine is). */
  get now(): number {
    return this.m.steps;
  }

  /** The furthest step this branch has reached. */
  get head(): number {
    return this.headStep;
  }

  /** Every event of this branch up to `head`, in order. */
  get events(): readonly TraceEvent[] {
    return this.branch;
  }

  stats(): KeyframeStats {
    return this.keyframes.stats();
  }

  setBreakpoints(bps: readonly SourceBreakpoint[]): void {
    this.breakpoints = bps;
    this.m.setBreakpoints(bps);
  }

  /**
   * Runs forward like `Machine.run`, recording keyframes on the way and
   * extending the branch past `head`. Within [now, head] it replays the same
   * future (the machine is deterministic), stopping at breakpoints as usual.
   */
  forward(budget: number, stopWhen?: StopWhen): RunOutcome {
    if (budget <= 0) return this.m.run(0, stopWhen);
    let total = 0;
    for (;;) {
      const lastKf = this.keyframes.stats().lastStep;
      const toKeyframe = this.now >= lastKf ? lastKf + this.interval - this.now : Infinity;
      const chunk = Math.max(1, Math.min(budget - total, toKeyframe));
      const out = this.m.run(chunk, stopWhen);
      total += out.steps;
      this.sync();
      if (out.stop !== 'budget' || total >= budget) return { ...out, steps: total };
    }
  }

  /**
   * Moves the machine to step `target`, clamped to [0, head].
   * Returns: the step reached.
   */
  seek(target: number): number {
    const t = Math.max(0, Math.min(Math.floor(target), this.headStep));
    if (t === this.now) return t;
    return this.keyframes.seek(this.replayer, t);
  }

  /**
   * Goes back to just after the latest event before the present that
   * satisfies `pred` (by default any event): the mirror of stepping forward
   * to the next event. Returns the step reached, or null when there is none.
   */
  backToEvent(pred: (e: TraceEvent) => boolean = () => true): number | null {
    const now = this.now;
    for (let i = this.lastIndexBefore(now); i >= 0; i--) {
      const e = this.branch[i];
      if (e.step + 1 < now && pred(e)) return this.seek(e.step + 1);
    }
    return null;
  }

  /**
   * The latest step before the present at which a protocol breakpoint hit:
   * a pure scan of the branch's events (no replay). Returns the state step
   * just after the matching event, or null.
   */
  previousProtocolHit(bps: readonly ProtocolBreakpoint[]): number | null {
    return lastMatchBefore(bps, this.branch, this.now)?.step ?? null;
  }

  /**
   * Searches backwards for the latest step before the present at which a
   * source breakpoint would stop (the state just before the address
   * executes). See `searchBackward` for how it runs and how it is cancelled.
   */
  previousSourceHit(): Generator<SearchProgress, void, void> {
    const bps = this.breakpoints;
    return this.searchBackward((_from, to, present) => this.lastSourceHitIn(to, present), 0, bps.length === 0);
  }

  /**
   * A backward search over keyframe segments, newest first: for each segment
   * [from, to) with from >= `floor`, the machine is put at `from` and
   * `scan(from, to, present)` replays it (through this object's forward
   * methods) and returns the latest step < present it found, or null. One
   * segment per `next()`, so a caller can interleave other work and abandon
   * the search (cancel) through `return()` at any point. When the search ends
   * or is abandoned the machine is at the step found, or back at the
   * present; breakpoints are restored. `nothing` = there is nothing to look
   * for (yields done at once).
   */
  *searchBackward(scan: (from: number, to: number, present: number) => number | null, floor = 0, nothing = false): Generator<SearchProgress, void, void> {
    const present = this.now;
    if (nothing) {
      yield { done: true, found: null };
      return;
    }
    const starts = this.keyframes.steps().filter((s) => s < present);
    let found: number | null = null;
    try {
      for (let i = starts.length - 1; i >= 0 && found === null; i--) {
        const to = i + 1 < starts.length ? starts[i + 1] : present;
        if (to <= floor) break;
        const from = Math.max(starts[i], Math.min(floor, to));
        this.keyframes.seek(this.replayer, from);
        found = scan(from, to, present);
        if (found === null) yield { done: false, searchedFrom: from };
      }
    } finally {
      // Abandoned or finished: the machine ends at the hit, or back at the present.
      this.m.setBreakpoints(this.breakpoints);
      this.seek(found ?? present);
    }
    yield { done: true, found };
  }

  /** Replays from the current step to `to` with breakpoints on; returns the last hit before `present`, or null. */
  private lastSourceHitIn(to: number, present: number): number | null {
    const bps = this.breakpoints;
    let last: number | null = null;
    while (this.m.steps < to) {
      const out = this.m.run(to - this.m.steps);
      if (out.stop === 'breakpoint') {
        if (this.m.steps < present) last = this.m.steps;
        // Step over the breakpoint: one step without breakpoints.
        this.m.setBreakpoints([]);
        this.m.run(1);
        this.m.setBreakpoints(bps);
      } else if (out.stop !== 'budget') break;
    }
    return last;
  }

  /**
   * Runs up to `n` steps with breakpoints off (stepping over a breakpoint the
   * machine stands on, or replaying exactly), extending the branch as
   * `forward` does. Returns the steps taken.
   */
  stepOver(n = 1): number {
    return this.replay(n);
  }

  /** Steps at which keyframes are held, oldest first. */
  keyframeSteps(): number[] {
    return this.keyframes.steps();
  }

  /** Index into `events` of the first event with `step >= step` (events.length when none). */
  indexAt(step: number): number {
    return this.lastIndexBefore(step) + 1;
  }

  /**
   * Forgets the branch after the present, because something in the past was
   * changed (a choice, an injected interrupt, code): keyframes and events
   * after `now` are dropped and `head` becomes `now`. The caller keeps what it
   * needs to return to the old branch (its choices and head).
   */
  truncateFuture(): void {
    const now = this.now;
    this.keyframes.truncateAfter(now);
    // Events stamped now - 1 or later may differ from the machine's (the choice made before step `now`, the
    // change's own events): keep the prefix surely shared and copy the rest from the machine's trace.
    this.branch.length = this.lastIndexBefore(now - 1) + 1;
    this.headStep = now;
    this.sync();
  }

  /** Replays n steps with breakpoints off (deterministic re-execution). */
  private replay(n: number): number {
    this.m.setBreakpoints([]);
    let done = 0;
    try {
      while (done < n) {
        const out = this.m.run(n - done);
        done += out.steps;
        if (out.stop !== 'budget') break;
      }
    } finally {
      this.m.setBreakpoints(this.breakpoints);
    }
    this.sync();
    return done;
  }

  /** Extends the branch with events the machine produced beyond it; records keyframes. */
  private sync(): void {
    const len = this.m.trace.length;
    if (len > this.branch.length) {
      for (const e of this.m.trace.since(this.branch.length)) this.branch.push(e);
    }
    if (this.m.steps > this.headStep) this.headStep = this.m.steps;
    this.keyframes.maybeRecord(this.replayer);
  }

  /** Index of the last branch event whose step is < `step`, or -1. */
  private lastIndexBefore(step: number): number {
    let lo = 0;
    let hi = this.branch.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.branch[mid].step < step) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}
