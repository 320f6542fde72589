/**
 * Incremental selection of the events a view needs. The trace only grows
 * while the machine runs, so each frame scans just the new tail instead of the
 * whole log; a trace that was replaced or trimmed at the front (reset, seek,
 * ring buffer) is detected and rescanned from the start.
 */
export interface EventSelection<E, T> {
  /**
   * Returns `pick` applied to every element of `events` (in order, skipping
   * undefined results). The returned array is shared and only valid until the
   * next call; callers must not mutate it.
   */
  update(events: readonly E[]): readonly T[];
}

/** Creates a selection that remembers how far it has scanned. */
export function createEventSelection<E, T>(pick: (e: E) => T | undefined): EventSelection<E, T> {
  let first: E | undefined;
  let scanned = 0;
  let out: T[] = [];
  return {
    update(events) {
      if (events.length < scanned || events[0] !== first) {
        first = events[0];
        scanned = 0;
        out = [];
      }
      for (let i = scanned; i < events.length; i++) {
        const t = pick(events[i]);
        if (t !== undefined) out.push(t);
      }
      scanned = events.length;
      return out;
    },
  };
}
