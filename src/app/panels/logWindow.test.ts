import { describe, expect, it } from 'vitest';
import { firstAtOrAfter, fromBottomCentring, logWindow, LOG_OVERSCAN, LOG_ROW_PX } from './logWindow.ts';

const H = 10 * LOG_ROW_PX;

describe('logWindow', () => {
  it('follows the newest rows at fromBottom 0', () => {
    const w = logWindow({ count: 1000, height: H, fromBottom: 0 });
    expect(w).toEqual({ first: 990 - LOG_OVERSCAN, last: 1000, content: 1000 * LOG_ROW_PX, top: 990 * LOG_ROW_PX, fromBottom: 0 });
  });
  it('renders the viewport plus overscan when scrolled up', () => {
    const w = logWindow({ count: 1000, height: H, fromBottom: 890 * LOG_ROW_PX });
    expect(w.top).toBe(100 * LOG_ROW_PX);
    expect([w.first, w.last]).toEqual([100 - LOG_OVERSCAN, 110 + LOG_OVERSCAN]);
  });
  it('clamps a stale offset and fills short lists from the top', () => {
    expect(logWindow({ count: 50, height: H, fromBottom: 1e6 })).toMatchObject({ top: 0, fromBottom: 40 * LOG_ROW_PX });
    expect(logWindow({ count: 5, height: H, fromBottom: 0 })).toEqual({ first: 0, last: 5, content: H, top: 0, fromBottom: 0 });
    expect(logWindow({ count: 0, height: 0, fromBottom: 0 })).toMatchObject({ first: 0, last: 0 });
  });
  it('renders a default number of rows before the viewport is measured', () => {
    const w = logWindow({ count: 1000, height: 0, fromBottom: 0 });
    expect(w.last).toBe(1000);
    expect(w.first).toBeGreaterThan(0);
  });
});

describe('fromBottomCentring', () => {
  it('puts a row in the middle of the viewport, clamped at both ends', () => {
    const fb = fromBottomCentring(500, 1000, H);
    const w = logWindow({ count: 1000, height: H, fromBottom: fb });
    expect(w.top + H / 2).toBeCloseTo(500 * LOG_ROW_PX + LOG_ROW_PX / 2, -1);
    expect(fromBottomCentring(0, 1000, H)).toBe(1000 * LOG_ROW_PX - H);
    expect(fromBottomCentring(999, 1000, H)).toBe(0);
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
