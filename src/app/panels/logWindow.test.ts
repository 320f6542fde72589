import { describe, expect, it } from 'vitest';
import { firstAtOrAfter, logWindow, LOG_OVERSCAN, LOG_ROW_PX } from './logWindow.ts';

describe('logWindow', () => {
  it('renders the viewport plus overscan at a scroll position', () => {
    const w = logWindow({ count: 1000, height: 10 * LOG_ROW_PX, scrollTop: 100 * LOG_ROW_PX, follow: false });
    expect(w).toEqual({ first: 100 - LOG_OVERSCAN, last: 110 + LOG_OVERSCAN, total: 1000 * LOG_ROW_PX, scrollTop: 100 * LOG_ROW_PX });
  });
  it('pins to the bottom when following', () => {
    const w = logWindow({ count: 1000, height: 10 * LOG_ROW_PX, scrollTop: 0, follow: true });
    expect(w.last).toBe(1000);
    expect(w.first).toBe(990 - LOG_OVERSCAN);
    expect(w.scrollTop).toBe(990 * LOG_ROW_PX);
  });
  it('clamps a stale scroll offset past the end and handles short or empty lists', () => {
    expect(logWindow({ count: 50, height: 10 * LOG_ROW_PX, scrollTop: 1e6, follow: false }).scrollTop).toBe(40 * LOG_ROW_PX);
    expect(logWindow({ count: 5, height: 10 * LOG_ROW_PX, scrollTop: 0, follow: true })).toEqual({ first: 0, last: 5, total: 5 * LOG_ROW_PX, scrollTop: 0 });
    expect(logWindow({ count: 0, height: 0, scrollTop: 0, follow: true })).toEqual({ first: 0, last: 0, total: 0, scrollTop: 0 });
  });
  it('renders a default number of rows before the viewport is measured', () => {
    const w = logWindow({ count: 1000, height: 0, scrollTop: 0, follow: false });
    expect(w.first).toBe(0);
    expect(w.last).toBeGreaterThan(0);
    expect(w.last).toBeLessThan(1000);
  });
});

describe('firstAtOrAfter', () => {
  const items = [1, 3, 3, 7, 9].map((step) => ({ step }));
  it('finds the first item at or after a step', () => {
    expect(firstAtOrAfter(items, 0)).toBe(0);
    expect(firstAtOrAfter(items, 3)).toBe(1);
    expect(firstAtOrAfter(items, 4)).toBe(3);
    expect(firstAtOrAfter(items, 10)).toBe(5);
    expect(firstAtOrAfter([], 1)).toBe(0);
  });
});
