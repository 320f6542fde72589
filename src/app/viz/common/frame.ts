/**
 * Render coalescing: however many `update` calls arrive between two frames,
 * a controller draws once, in the next animation frame. This is what keeps the
 * views smooth while the worker streams batches at full speed.
 */

/** The two browser functions the scheduler needs; injectable for tests. */
export interface FrameClock {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

/** The browser's clock: `requestAnimationFrame` / `cancelAnimationFrame`. */
export const browserFrameClock: FrameClock = {
  request: (cb) => requestAnimationFrame(() => cb()),
  cancel: (h) => cancelAnimationFrame(h),
};

export interface FrameScheduler {
  /** Asks for one `render` call in the next frame; repeated calls before it fire are merged. */
  schedule(): void;
  /** Renders now if a frame is pending (e.g. before serialising the SVG). */
  flush(): void;
  /** Drops any pending frame; `schedule` works again afterwards. */
  cancel(): void;
}

/**
 * Returns a scheduler that calls `render` at most once per frame of `clock`.
 * `render` is never called synchronously from `schedule`.
 */
export function createFrameScheduler(render: () => void, clock: FrameClock = browserFrameClock): FrameScheduler {
  let handle: number | null = null;
  const fire = () => {
    handle = null;
    render();
  };
  return {
    schedule() {
      if (handle === null) handle = clock.request(fire);
    },
    flush() {
      if (handle === null) return;
      clock.cancel(handle);
      fire();
    },
    cancel() {
      if (handle !== null) clock.cancel(handle);
      handle = null;
    },
  };
}
