/**
 * Render coalescing: however many `update` calls arrive between two frames,
 * a controller draws once, in the next animation frame. This is what keeps the
 * views smooth while the worker streams batches at full speed. A render that
 * turns out slow (a long trace, fully zoomed out) spaces out the following
 * ones, so the views never take more than about a quarter of the main thread.
 */

/** The browser functions the scheduler needs; injectable for tests. */
export interface FrameClock {
  request(cb: () => void): number;
  cancel(handle: number): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** The browser's clock: `requestAnimationFrame` / `cancelAnimationFrame` / `performance.now`. */
export const browserFrameClock: FrameClock = {
  request: (cb) => requestAnimationFrame(() => cb()),
  cancel: (h) => cancelAnimationFrame(h),
  now: () => performance.now(),
};

/** Renders faster than this never delay the next one. */
const FREE_RENDER_MS = 4;
/** After a slow render of d ms, the next waits until d * this has passed. */
const SPACING = 4;

export interface FrameScheduler {
  /** Asks for one `render` call in a coming frame; repeated calls before it fire are merged. */
  schedule(): void;
  /** Renders now if a frame is pending (e.g. before serialising the SVG). */
  flush(): void;
  /** Drops any pending frame; `schedule` works again afterwards. */
  cancel(): void;
}

/**
 * Returns a scheduler that calls `render` at most once per frame of `clock`,
 * and after a render of d > 4 ms not again before 4·d ms have passed.
 * `render` is never called synchronously from `schedule`.
 */
export function createFrameScheduler(render: () => void, clock: FrameClock = browserFrameClock): FrameScheduler {
  let handle: number | null = null;
  let notBefore = 0;
  const fire = () => {
    handle = null;
    const start = clock.now();
    render();
    const took = clock.now() - start;
    notBefore = took > FREE_RENDER_MS ? start + took * SPACING : 0;
  };
  const tick = () => {
    if (clock.now() < notBefore) handle = clock.request(tick);
    else fire();
  };
  return {
    schedule() {
      if (handle === null) handle = clock.request(tick);
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
