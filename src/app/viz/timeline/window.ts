/**
 * The timeline's zoom window in step units. Keeping the window in steps
 * (rather than as a pixel transform) lets it stay put while the trace grows
 * during a run; the d3-zoom transform is derived from it for each frame.
 */

/** A visible range of steps [from, to]. */
export type StepWindow = readonly [number, number];

/**
 * `win` moved and shrunk to lie inside [first, end], and widened to at least
 * `minSpan` steps (or the whole range if that is smaller).
 */
export function clampWindow(win: StepWindow, first: number, end: number, minSpan: number): StepWindow {
  const full = end - first;
  const span = Math.min(full, Math.max(minSpan, win[1] - win[0]));
  let from = Math.max(first, Math.min(win[0], end - span));
  if (win[1] - win[0] < span) from = Math.max(first, Math.min((win[0] + win[1]) / 2 - span / 2, end - span));
  return [from, from + span];
}

/**
 * The d3-zoom transform (scale `k`, x translation `x`) that shows `win` when
 * the unzoomed scale maps [first, end] onto [left, right].
 */
export function transformFor(win: StepWindow, first: number, end: number, left: number, right: number): { k: number; x: number } {
  const k = (end - first) / Math.max(1e-9, win[1] - win[0]);
  const base = left + ((win[0] - first) / (end - first || 1)) * (right - left);
  return { k, x: left - k * base };
}

/** `win` panned (same width) so that `step` lies inside it; unchanged when it already does. */
export function panToInclude(win: StepWindow, step: number, first: number, end: number): StepWindow {
  if (step >= win[0] && step <= win[1]) return win;
  const span = win[1] - win[0];
  const from = Math.max(first, Math.min(step - span / 2, end - span));
  return [from, from + span];
}
