/**
 * Keyframes + deterministic replay = time travel. While a run goes forward,
 * a snapshot of the whole machine is kept every `interval` steps (in shared,
 * page-deduplicated form, see pages.ts). Seeking to step t restores the
 * nearest keyframe at or before t and replays forward; since the machine is
 * deterministic the state reached is exactly the state the run had at t.
 *
 * Memory is bounded: when the keyframes hold more than `budgetBytes`, every
 * other keyframe in the older half is dropped (step 0 is always kept), so
 * recent history stays dense and old history gets sparser.
 */
import { share, unshare, type PagedBytes } from './pages.ts';

/** What time travel needs from a machine. */
export interface Replayable<S = unknown> {
  /** Steps executed since boot. */
  readonly stepCount: number;
  /** A plain-data snapshot of the whole machine (no aliasing of live state). */
  snapshot(): S;
  /** Puts the machine back in a snapshot's state (it may keep the object). */
  restore(s: S): void;
  /**
   * Executes up to `n` steps ignoring breakpoints; returns the number run,
   * fewer than `n` only when the machine has ended.
   */
  advance(n: number): number;
}

export interface Keyframe {
  readonly step: number;
  readonly shared: unknown;
}

export interface KeyframeStats {
  readonly count: number;
  /** Bytes held by all keyframes, counting each shared page once. */
  readonly heldBytes: number;
  /** The largest distance between consecutive keyframes (worst-case replay). */
  readonly maxGap: number;
  readonly lastStep: number;
}

export interface KeyframeOptions {
  /** Steps between keyframes while the store is under budget. */
  readonly interval: number;
  /** Memory the keyframes may hold before thinning. */
  readonly budgetBytes: number;
}

export class KeyframeStore<S = unknown> {
  private frames: { step: number; shared: unknown; ownBytes: number; pages: Uint8Array[] }[] = [];
  /** Reference counts of shared page objects, for exact memory accounting. */
  private pageRefs = new Map<Uint8Array, number>();
  private held = 0;

  constructor(private readonly opts: KeyframeOptions) {
    if (!(opts.interval >= 1)) throw new RangeError('keyframe interval must be at least 1');
  }

  /**
   * Records a keyframe of `m` if none exists at or after its step's grid
   * point; the run loop calls this whenever it stops (cheap when not due).
   */
  maybeRecord(m: Replayable<S>): void {
    const last = this.frames[this.frames.length - 1];
    if (last && m.stepCount < last.step + this.opts.interval) return;
    this.record(m);
  }

  /** Records a keyframe at `m`'s current step unconditionally (replacing one at the same step). */
  record(m: Replayable<S>): void {
    const step = m.stepCount;
    this.truncateAfter(step - 1);
    const prev = this.frames[this.frames.length - 1];
    const { shared } = share(m.snapshot(), prev?.shared);
    const pages: Uint8Array[] = [];
    collectPages(shared, pages);
    for (const p of pages) {
      const n = this.pageRefs.get(p) ?? 0;
      if (n === 0) this.held += p.byteLength;
      this.pageRefs.set(p, n + 1);
    }
    const ownBytes = estimateNonPaged(shared);
    this.held += ownBytes;
    this.frames.push({ step, shared, ownBytes, pages });
    this.thin();
  }

  /** The latest keyframe at or before `step`, or undefined if there is none. */
  nearest(step: number): Keyframe | undefined {
    let lo = 0;
    let hi = this.frames.length - 1;
    let best: Keyframe | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.frames[mid].step <= step) {
        best = this.frames[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /**
   * Moves `m` to exactly `target` steps: restores the nearest keyframe at or
   * before it and replays. Returns the step reached (less than `target` only
   * if the run ends earlier). Throws RangeError if no keyframe precedes it.
   */
  seek(m: Replayable<S>, target: number): number {
    const kf = this.nearest(target);
    if (!kf) throw new RangeError(`no keyframe at or before step ${target}`);
    // Going forward from the current state is cheaper when it is closer.
    if (!(m.stepCount <= target && m.stepCount >= kf.step)) {
      m.restore(unshare(kf.shared) as S);
    }
    m.advance(target - m.stepCount);
    return m.stepCount;
  }

  /** Forgets every keyframe after `step` (the future of a branch that changed). */
  truncateAfter(step: number): void {
    while (this.frames.length > 0 && this.frames[this.frames.length - 1].step > step) {
      this.drop(this.frames.length - 1);
    }
  }

  /** Steps of the keyframes held, oldest first. */
  steps(): number[] {
    return this.frames.map((f) => f.step);
  }

  stats(): KeyframeStats {
    let maxGap = 0;
    for (let i = 1; i < this.frames.length; i++) maxGap = Math.max(maxGap, this.frames[i].step - this.frames[i - 1].step);
    const last = this.frames[this.frames.length - 1];
    return { count: this.frames.length, heldBytes: this.held, maxGap, lastStep: last ? last.step : 0 };
  }

  private thin(): void {
    // Never drop the first keyframe (boot) or the newest (the present).
    while (this.held > this.opts.budgetBytes && this.frames.length > 2) {
      const olderHalf = Math.max(2, Math.floor(this.frames.length / 2));
      let dropped = false;
      for (let i = olderHalf - 1; i >= 1; i -= 2) {
        this.drop(i);
        dropped = true;
        if (this.held <= this.opts.budgetBytes) break;
      }
      if (!dropped) break;
    }
  }

  private drop(i: number): void {
    const f = this.frames[i];
    for (const p of f.pages) {
      const n = (this.pageRefs.get(p) ?? 1) - 1;
      if (n === 0) {
        this.pageRefs.delete(p);
        this.held -= p.byteLength;
      } else this.pageRefs.set(p, n);
    }
    this.held -= f.ownBytes;
    this.frames.splice(i, 1);
  }
}

function collectPages(x: unknown, out: Uint8Array[]): void {
  if (typeof x !== 'object' || x === null) return;
  if ((x as PagedBytes).paged === true && Array.isArray((x as PagedBytes).pages)) {
    out.push(...(x as PagedBytes).pages);
    return;
  }
  if (ArrayBuffer.isView(x)) return;
  for (const v of Array.isArray(x) ? x : Object.values(x)) collectPages(v, out);
}

/** Rough size of everything in a shared snapshot except its pages. */
function estimateNonPaged(x: unknown): number {
  if (typeof x !== 'object' || x === null) return typeof x === 'string' ? x.length * 2 : 8;
  if ((x as PagedBytes).paged === true) return 8 * (x as PagedBytes).pages.length;
  if (ArrayBuffer.isView(x)) return x.byteLength;
  let n = 16;
  for (const v of Array.isArray(x) ? x : Object.values(x)) n += 8 + estimateNonPaged(v);
  return n;
}
