/**
 * The scrubber's event marks, kept incrementally: counts per category in
 * fixed-width buckets of steps. When the run outgrows MAX_BUCKETS the bucket
 * width doubles (neighbours merge), so each event is looked at once however
 * long the run gets, and an update costs O(MAX_BUCKETS).
 */
import type { TraceEvent } from '../core/trace/events.ts';
import type { TimelineMarks } from './protocol.ts';

const MAX_BUCKETS = 1024;
/** Bins in one TimelineMarks (the scrubber is a few hundred pixels wide). */
export const MARK_BINS = 240;

type Category = 'messages' | 'notifications' | 'hits' | 'faults';
const CATEGORIES: readonly Category[] = ['messages', 'notifications', 'hits', 'faults'];

/** Which mark an event makes, if any: messages sent, interrupts injected (notifications), guest faults. */
export function categoryOf(e: TraceEvent): Category | null {
  switch (e.kind) {
    case 'message_copy':
      return 'messages';
    case 'interrupt':
      return e.op === 'inject' ? 'notifications' : null;
    case 'fault':
      return 'faults';
    case 'end':
      return e.reason.kind === 'abort' ? 'faults' : null;
    default:
      return null;
  }
}

export class MarkCounter {
  private width = 1;
  private counts: Record<Category, number[]> = { messages: [], notifications: [], hits: [], faults: [] };
  /** Events of the branch already counted. */
  private seen = 0;

  /** Counts `events[seen..]` (the branch's events, which only grow until `reset`). */
  addEvents(events: readonly TraceEvent[]): void {
    for (let i = this.seen; i < events.length; i++) {
      const c = categoryOf(events[i]);
      if (c) this.add(c, events[i].step);
    }
    this.seen = events.length;
  }

  /** Counts one breakpoint hit at `step`. */
  addHit(step: number): void {
    this.add('hits', step);
  }

  /** Starts over (the branch's future changed, or a new machine). */
  reset(): void {
    this.width = 1;
    this.counts = { messages: [], notifications: [], hits: [], faults: [] };
    this.seen = 0;
  }

  /** The marks over [0, head] in MARK_BINS bins (fewer when head is small). */
  marks(head: number): TimelineMarks {
    const bins = Math.max(1, Math.min(MARK_BINS, head + 1));
    const out = Array.from({ length: bins }, () => ({ messages: 0, notifications: 0, hits: 0, faults: 0 }));
    const span = (head + 1) / bins;
    for (const c of CATEGORIES) {
      const arr = this.counts[c];
      for (let b = 0; b < arr.length; b++) {
        const n = arr[b];
        if (!n) continue;
        const step = b * this.width;
        if (step > head) break;
        out[Math.min(bins - 1, Math.floor(step / span))][c] += n;
      }
    }
    return { head, bins: out };
  }

  private add(c: Category, step: number): void {
    while (Math.floor(step / this.width) >= MAX_BUCKETS) this.widen();
    const b = Math.floor(step / this.width);
    const arr = this.counts[c];
    while (arr.length <= b) arr.push(0);
    arr[b] += 1;
  }

  private widen(): void {
    for (const c of CATEGORIES) {
      const arr = this.counts[c];
      const merged: number[] = [];
      for (let i = 0; i < arr.length; i += 2) merged.push(arr[i] + (arr[i + 1] ?? 0));
      this.counts[c] = merged;
    }
    this.width *= 2;
  }
}
