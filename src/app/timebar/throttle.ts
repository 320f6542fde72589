/**
 * Seeks while dragging the scrubber: at most one seek is in flight; while it
 * is, newer positions only replace the one waiting, which is sent when the
 * worker's next update arrives. A drag therefore never queues up seeks the
 * worker has to work through, and the last position always gets sent.
 */

export interface SeekThrottle {
  /** Asks to seek to `step`: sent now when nothing is in flight, else kept as the one waiting (replacing any older). */
  request(step: number): void;
  /** The worker answered (an update arrived): sends the waiting position, if any. */
  arrived(): void;
  /** The position the user asked for last and the worker has not yet reported, or null. */
  pending(): number | null;
  /** Stops the stall timer. */
  dispose(): void;
}

/** Timer injection (tests use a fake one); returns a cancel function. */
export type After = (ms: number, fn: () => void) => () => void;

/**
 * If no update arrives this long after a seek (the worker dropped it, or
 * died), the throttle stops waiting, so a drag never wedges.
 */
export const STALL_MS = 1000;

/** Creates a throttle sending seeks through `send`. */
export function createSeekThrottle(send: (step: number) => void, after: After): SeekThrottle {
  let inFlight: number | null = null;
  let waiting: number | null = null;
  let cancelStall: (() => void) | null = null;

  const fire = (step: number) => {
    inFlight = step;
    cancelStall?.();
    cancelStall = after(STALL_MS, () => {
      cancelStall = null;
      const next = waiting;
      waiting = null;
      inFlight = null;
      if (next !== null) fire(next);
    });
    send(step);
  };

  return {
    request(step) {
      if (inFlight === null) fire(step);
      // Back at the position in flight: nothing more to send.
      else waiting = step === inFlight ? null : step;
    },
    arrived() {
      if (inFlight === null) return;
      const next = waiting;
      waiting = null;
      if (next !== null) {
        fire(next);
        return;
      }
      inFlight = null;
      cancelStall?.();
      cancelStall = null;
    },
    pending: () => waiting ?? inFlight,
    dispose() {
      cancelStall?.();
      cancelStall = null;
    },
  };
}
