/**
 * Pure geometry of the virtualised hypercall log: which rows to render for
 * a scroll position, and where the present falls in a step-ordered list.
 *
 * The log scrolls from the bottom (a column-reverse scroller), so its
 * position is `fromBottom`, the distance between the viewport's bottom and
 * the content's: 0 means "following the newest row", and new rows keep it
 * 0 without any script writing (or the browser laying out for) a scroll
 * offset.
 */

/** Height of one log row in CSS pixels (the stylesheet's `.log-vrow` matches it). */
export const LOG_ROW_PX = 20;
/** Rows rendered beyond each edge of the viewport, so a small scroll shows no gap. */
export const LOG_OVERSCAN = 10;
/** Rows assumed visible before the viewport has been measured. */
const UNMEASURED_ROWS = 30;
/** Within this many pixels of the bottom the log counts as following. */
export const FOLLOW_SLACK_PX = 4;

export interface LogWindowInput {
  readonly count: number;
  /** Viewport height in pixels (0 before the first measurement). */
  readonly height: number;
  /** Distance of the viewport's bottom from the content's bottom (>= 0). */
  readonly fromBottom: number;
}

export interface LogWindow {
  /** Rows [first, last) are rendered. */
  readonly first: number;
  readonly last: number;
  /** Content height: the rows, or the viewport when they are fewer (rows then start at the top). */
  readonly content: number;
  /** The viewport's top as an offset into the content. */
  readonly top: number;
  /** `fromBottom` clamped to what the content allows. */
  readonly fromBottom: number;
}

/** The rows to render: those in the viewport plus LOG_OVERSCAN each side, clamped to [0, count). */
export function logWindow({ count, height, fromBottom }: LogWindowInput): LogWindow {
  const view = height > 0 ? height : UNMEASURED_ROWS * LOG_ROW_PX;
  const content = Math.max(count * LOG_ROW_PX, height);
  const maxFromBottom = Math.max(0, content - view);
  const fb = Math.min(Math.max(0, fromBottom), maxFromBottom);
  const top = maxFromBottom - fb;
  const first = Math.max(0, Math.floor(top / LOG_ROW_PX) - LOG_OVERSCAN);
  const last = Math.min(count, Math.ceil((top + view) / LOG_ROW_PX) + LOG_OVERSCAN);
  return { first, last, content, top, fromBottom: fb };
}

/**
 * The `fromBottom` that shows row `index` in the middle of a viewport of
 * `height` pixels (clamped to the content).
 */
export function fromBottomCentring(index: number, count: number, height: number): number {
  const content = Math.max(count * LOG_ROW_PX, height);
  const top = Math.max(0, Math.round(index * LOG_ROW_PX - (height - LOG_ROW_PX) / 2));
  return Math.max(0, content - height - top);
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
