/**
 * Incremental selection of the events a view needs. The store's trace only
 * grows at the back and is trimmed at the front (it keeps the newest events),
 * so each frame scans just the new tail and forgets the selected items whose
 * events were trimmed; a trace that was replaced (reset, new scenario) is
 * rescanned from the start.
 */
export interface EventSelection<E extends { readonly step: number }, T> {
  /**
   * Returns `pick` applied to every element of `events` (in order, skipping
   * undefined results). The returned array is shared and only valid until the
   * next call; callers must not mutate it.
   */
  update(events: readonly E[]): readonly T[];
}

/**
 * Where `target` sits in `events` (ascending by step), or -1: a binary search
 * on its step, then a scan among the events of that step.
 */
export function indexOfEvent<E extends { readonly step: number }>(events: readonly E[], target: E): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].step < target.step) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < events.length && events[i].step === target.step; i++) if (events[i] === target) return i;
  return -1;
}

/** Creates a selection that remembers how far it has scanned. */
export function createEventSelection<E extends { readonly step: number }, T>(pick: (e: E) => T | undefined): EventSelection<E, T> {
  let last: E | undefined;
  /** Absolute index (counting trimmed events) of `last`. */
  let lastAbs = -1;
  let out: T[] = [];
  /** Absolute index of the event each `out` item came from. */
  let outAbs: number[] = [];
  return {
    update(events) {
      const at = last === undefined ? -1 : indexOfEvent(events, last);
      let base: number;
      if (at < 0) {
        base = 0;
        lastAbs = -1;
        out = [];
        outAbs = [];
      } else {
        base = lastAbs - at;
        let drop = 0;
        while (drop < outAbs.length && outAbs[drop] < base) drop++;
        if (drop > 0) {
          out.splice(0, drop);
          outAbs.splice(0, drop);
        }
      }
      for (let i = lastAbs - base + 1; i < events.length; i++) {
        const t = pick(events[i]);
        if (t !== undefined) {
          out.push(t);
          outAbs.push(base + i);
        }
      }
      if (events.length > 0) {
        last = events[events.length - 1];
        lastAbs = base + events.length - 1;
      } else {
        last = undefined;
        lastAbs = -1;
      }
      return out;
    },
  };
}
