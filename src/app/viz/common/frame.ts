/**
 * Render coalescing: however many `update` calls arrive between two frames,
 * a controller draws once, in the next animation frame. This is what keeps the
 * views smooth while the worker streams batches at full speed. A render that
 * turns out slow (a long trace, fully zoomed out) spaces out the following
 * ones, so the views never take more than about a quarter of the main thread.
 * All schedulers on one clock share its frames: a frame runs the waiting
 * renders in the order they asked, and once FRAME_BUDGET_MS is spent the rest
 * wait for the next frame, so the views together never make one long task.
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

/** A frame starts no further render once this much of it went to renders (it always runs one). */
export const FRAME_BUDGET_MS = 8;
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

/** The jobs waiting for the next frame of one clock, run FIFO within the frame budget. */
interface FrameQueue {
  /** Queues `job` for a coming frame (at the back; no-op when already queued). */
  add(job: () => void): void;
  /** Unqueues `job` (no-op when not queued). */
  remove(job: () => void): void;
}

const queues = new WeakMap<FrameClock, FrameQueue>();

/** The one queue of `clock`, made on first use. */
function queueOf(clock: FrameClock): FrameQueue {
  let q = queues.get(clock);
  if (q) return q;
  // A Set iterates in insertion order: the job that asked first runs first.
  const jobs = new Set<() => void>();
  let handle: number | null = null;
  const frame = () => {
    handle = null;
    const start = clock.now();
    let ran = false;
    for (const job of [...jobs]) {
      if (ran && clock.now() - start >= FRAME_BUDGET_MS) break;
      jobs.delete(job);
      job();
      ran = true;
    }
    if (jobs.size > 0 && handle === null) handle = clock.request(frame);
  };
  q = {
    add(job) {
      if (jobs.has(job)) return;
      jobs.add(job);
      if (handle === null) handle = clock.request(frame);
    },
    remove(job) {
      jobs.delete(job);
      if (jobs.size === 0 && handle !== null) {
        clock.cancel(handle);
        handle = null;
      }
    },
  };
  queues.set(clock, q);
  return q;
}

/**
 * Returns a scheduler that calls `render` at most once per frame of `clock`,
 * and after a render of d > 4 ms not again before 4·d ms have passed.
 * Schedulers of one clock share its frames (see FRAME_BUDGET_MS).
 * `render` is never called synchronously from `schedule`.
 */
export function createFrameScheduler(render: () => void, clock: FrameClock = browserFrameClock): FrameScheduler {
  const queue = queueOf(clock);
  let pending = false;
  let notBefore = 0;
  const fire = () => {
    pending = false;
    const start = clock.now();
    render();
    const took = clock.now() - start;
    notBefore = took > FREE_RENDER_MS ? start + took * SPACING : 0;
  };
  const tick = () => {
    if (clock.now() < notBefore) queue.add(tick);
    else fire();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      queue.add(tick);
    },
    flush() {
      if (!pending) return;
      queue.remove(tick);
      fire();
    },
    cancel() {
      queue.remove(tick);
      pending = false;
    },
  };
}
