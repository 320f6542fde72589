/**
 * Pure geometry of the virtualised hypercall log: which rows to render for
 * a scroll position, and where the present falls in a step-ordered list.
 */

/** Height of one log row in CSS pixels (the stylesheet's `.log-vrow` matches it). */
export const LOG_ROW_PX = 20;
/** Rows rendered beyond each edge of the viewport, so a small scroll shows no gap. */
export const LOG_OVERSCAN = 10;
/** Rows assumed visible before the viewport has been measured. */
const UNMEASURED_ROWS = 30;

export interface LogWindowInput {
  readonly count: number;
  /** Viewport height in pixels (0 before the first measurement). */
  readonly height: number;
  /** The viewport's scroll offset, as last reported. */
  readonly scrollTop: number;
  /** Pinned to the newest row: the scroll offset is the bottom, whatever `scrollTop` says. */
  readonly follow: boolean;
}

export interface LogWindow {
  /** Rows [first, last) are rendered. */
  readonly first: number;
  readonly last: number;
  /** Total content height. */
  readonly total: number;
  /** The scroll offset the window was computed for (the bottom when following). */
  readonly scrollTop: number;
}

/** The rows to render: those in the viewport plus LOG_OVERSCAN each side, clamped to [0, count). */
export function logWindow({ count, height, scrollTop, follow }: LogWindowInput): LogWindow {
  const total = count * LOG_ROW_PX;
  const view = height > 0 ? height : UNMEASURED_ROWS * LOG_ROW_PX;
  const maxTop = Math.max(0, total - view);
  const top = follow ? maxTop : Math.min(Math.max(0, scrollTop), maxTop);
  const first = Math.max(0, Math.floor(top / LOG_ROW_PX) - LOG_OVERSCAN);
  const last = Math.min(count, Math.ceil((top + view) / LOG_ROW_PX) + LOG_OVERSCAN);
  return { first, last, total, scrollTop: top };
}

/** Index of the first item with `step >= step` in a list sorted by step (the list's length if none). */
export function firstAtOrAfter(items: readonly { readonly step: number }[], step: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].step < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
