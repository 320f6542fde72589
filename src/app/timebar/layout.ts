/**
 * Pure layout of the timeline scrubber: step <-> pixel mapping over
 * [0, head], keyboard targets, the event marks pooled into columns a few
 * pixels wide, and the numbers the bar shows in words.
 */
import type { TimelineMarks } from '../../worker/protocol.ts';

/** The four kinds of event mark, in lane order (top to bottom). */
export type MarkCategory = 'messages' | 'notifications' | 'hits' | 'faults';

/** How one category looks: never colour alone, each also has its own shape and lane. */
export interface MarkStyle {
  readonly category: MarkCategory;
  /** Singular and plural words for tooltips and the legend. */
  readonly one: string;
  readonly many: string;
  /** `var(--mark-…, fallback)` (Okabe-Ito fallbacks: distinguishable with the common colour-vision deficiencies). */
  readonly color: string;
  readonly shape: 'circle' | 'triangle' | 'diamond' | 'cross';
}

export const MARK_STYLES: readonly MarkStyle[] = [
  { category: 'messages', one: 'message', many: 'messages', color: 'var(--mark-message, #0072b2)', shape: 'circle' },
  { category: 'notifications', one: 'notification', many: 'notifications', color: 'var(--mark-notification, #e69f00)', shape: 'triangle' },
  { category: 'hits', one: 'breakpoint hit', many: 'breakpoint hits', color: 'var(--mark-hit, #cc79a7)', shape: 'diamond' },
  { category: 'faults', one: 'fault', many: 'faults', color: 'var(--mark-fault, #d55e00)', shape: 'cross' },
];

/**
 * The x (px) of step `step` on a bar mapping [0, head] onto [left, right].
 * A head of 0 puts every step at `left`.
 */
export function stepToX(step: number, head: number, left: number, right: number): number {
  if (head <= 0) return left;
  return left + (Math.min(Math.max(step, 0), head) / head) * (right - left);
}

/** The step nearest to pixel `x` on the same bar, clamped to [0, head]. */
export function xToStep(x: number, head: number, left: number, right: number): number {
  if (head <= 0 || right <= left) return 0;
  const s = Math.round(((x - left) / (right - left)) * head);
  return Math.min(Math.max(s, 0), head);
}

/** The PageUp/PageDown stride: 1% of the run, at least one step. */
export function pageStride(head: number): number {
  return Math.max(1, Math.round(head / 100));
}

/**
 * The step a slider key moves to from `now` on [0, head], or undefined for
 * keys the slider does not use. Arrows move one step (Right/Up forward),
 * PageUp/PageDown one stride (see pageStride), Home/End to 0 and head.
 * The result is clamped to [0, head].
 */
export function keyTarget(key: string, now: number, head: number): number | undefined {
  let to: number;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      to = now + 1;
      break;
    case 'ArrowLeft':
    case 'ArrowDown':
      to = now - 1;
      break;
    case 'PageUp':
      to = now + pageStride(head);
      break;
    case 'PageDown':
      to = now - pageStride(head);
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = head;
      break;
    default:
      return undefined;
  }
  return Math.min(Math.max(to, 0), Math.max(head, 0));
}

/** One drawn mark: the events of one category in a column of the bar. */
export interface MarkGlyph {
  readonly category: MarkCategory;
  /** Centre, in px. */
  readonly x: number;
  readonly count: number;
  /** The steps the column covers, [from, to). */
  readonly from: number;
  readonly to: number;
}

/**
 * The marks to draw for `marks` on a bar over [left, right]. The worker's
 * bins (equal slices of [0, marks.head]) are pooled into columns at least
 * `minGap` px wide, so the drawing has at most about (right - left) / minGap
 * marks per category however many bins there are; each column's mark sits at
 * the centre of the bins that have events. Empty columns give no mark.
 */
export function markGlyphs(marks: TimelineMarks, left: number, right: number, minGap = 5): MarkGlyph[] {
  const n = marks.bins.length;
  if (n === 0 || marks.head <= 0 || right <= left) return [];
  const binWidth = (right - left) / n;
  const perColumn = Math.max(1, Math.ceil(minGap / binWidth));
  const binSteps = marks.head / n;
  const out: MarkGlyph[] = [];
  for (const style of MARK_STYLES) {
    const c = style.category;
    for (let first = 0; first < n; first += perColumn) {
      const last = Math.min(n, first + perColumn);
      let count = 0;
      let lo = -1;
      let hi = -1;
      for (let i = first; i < last; i++) {
        const k = marks.bins[i][c];
        if (k <= 0) continue;
        count += k;
        if (lo < 0) lo = i;
        hi = i;
      }
      if (count === 0) continue;
      out.push({
        category: c,
        x: left + ((lo + hi + 1) / 2) * binWidth,
        count,
        from: Math.floor(first * binSteps),
        to: Math.ceil(last * binSteps),
      });
    }
  }
  return out;
}

/** A count with its category's word, e.g. "1 message", "3 breakpoint hits". */
export function countWords(category: MarkCategory, count: number): string {
  const s = MARK_STYLES.find((m) => m.category === category)!;
  return `${count.toLocaleString('en-US')} ${count === 1 ? s.one : s.many}`;
}

/** The events of each category over the whole run, in words ("3 messages, 1 notification, 0 breakpoint hits, 0 faults"). */
export function markSummary(marks: TimelineMarks): string {
  return MARK_STYLES.map((st) => countWords(st.category, marks.bins.reduce((a, b) => a + b[st.category], 0))).join(', ');
}

/** Bytes as MiB with one decimal (two below 1 MiB, so small figures are not "0.0"). */
export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${mib.toFixed(mib < 1 ? 2 : 1)} MiB`;
}

/** The slider's aria-valuetext: "step 1,234 of 5,678". */
export function valueText(now: number, head: number): string {
  return `step ${now.toLocaleString('en-US')} of ${head.toLocaleString('en-US')}`;
}
