import { describe, expect, it } from 'vitest';
import type { TimelineMarks } from '../../worker/protocol.ts';
import { countWords, formatMiB, keyTarget, markGlyphs, markSummary, pageStride, stepToX, valueText, xToStep } from './layout.ts';

const bin = (messages = 0, notifications = 0, hits = 0, faults = 0) => ({ messages, notifications, hits, faults });

describe('stepToX / xToStep', () => {
  it('maps [0, head] onto [left, right] and back', () => {
    expect(stepToX(0, 1000, 10, 110)).toBe(10);
    expect(stepToX(500, 1000, 10, 110)).toBe(60);
    expect(stepToX(1000, 1000, 10, 110)).toBe(110);
    expect(xToStep(60, 1000, 10, 110)).toBe(500);
    expect(xToStep(60.04, 1000, 10, 110)).toBe(500);
  });

  it('clamps outside the bar and handles an empty run', () => {
    expect(stepToX(-5, 100, 0, 50)).toBe(0);
    expect(stepToX(200, 100, 0, 50)).toBe(50);
    expect(xToStep(-20, 100, 0, 50)).toBe(0);
    expect(xToStep(999, 100, 0, 50)).toBe(100);
    expect(stepToX(0, 0, 7, 50)).toBe(7);
    expect(xToStep(30, 0, 7, 50)).toBe(0);
  });

  it('round-trips every step when there are more pixels than steps', () => {
    for (let s = 0; s <= 40; s++) expect(xToStep(stepToX(s, 40, 3, 403), 40, 3, 403)).toBe(s);
  });
});

describe('keyTarget', () => {
  it('arrows move one step, Home/End go to the ends', () => {
    expect(keyTarget('ArrowRight', 10, 100)).toBe(11);
    expect(keyTarget('ArrowUp', 10, 100)).toBe(11);
    expect(keyTarget('ArrowLeft', 10, 100)).toBe(9);
    expect(keyTarget('ArrowDown', 10, 100)).toBe(9);
    expect(keyTarget('Home', 10, 100)).toBe(0);
    expect(keyTarget('End', 10, 100)).toBe(100);
  });

  it('PageUp/PageDown move 1% of the run (at least one step)', () => {
    expect(pageStride(50)).toBe(1);
    expect(pageStride(12_345)).toBe(123);
    expect(keyTarget('PageUp', 1000, 12_345)).toBe(1123);
    expect(keyTarget('PageDown', 1000, 12_345)).toBe(877);
  });

  it('clamps to [0, head] and ignores other keys', () => {
    expect(keyTarget('ArrowLeft', 0, 100)).toBe(0);
    expect(keyTarget('ArrowRight', 100, 100)).toBe(100);
    expect(keyTarget('PageDown', 3, 10_000)).toBe(0);
    expect(keyTarget('a', 3, 10)).toBeUndefined();
    expect(keyTarget('Enter', 3, 10)).toBeUndefined();
  });
});

describe('markGlyphs', () => {
  it('gives one mark per category and non-empty bin when bins are wide', () => {
    const marks: TimelineMarks = { head: 400, bins: [bin(2), bin(), bin(0, 1, 1), bin(0, 0, 0, 3)] };
    const g = markGlyphs(marks, 0, 400, 5);
    expect(g).toEqual([
      { category: 'messages', x: 50, count: 2, from: 0, to: 100 },
      { category: 'notifications', x: 250, count: 1, from: 200, to: 300 },
      { category: 'hits', x: 250, count: 1, from: 200, to: 300 },
      { category: 'faults', x: 350, count: 3, from: 300, to: 400 },
    ]);
  });

  it('pools narrow bins into columns at least minGap px wide, centred on the bins with events', () => {
    const bins = Array.from({ length: 1000 }, (_, i) => bin(i === 10 || i === 12 ? 1 : 0));
    const g = markGlyphs({ head: 10_000, bins }, 0, 100, 5);
    // 0.1 px per bin: 50 bins per 5 px column; bins 10 and 12 share the first column.
    expect(g).toHaveLength(1);
    expect(g[0].count).toBe(2);
    expect(g[0].x).toBeCloseTo(((10 + 12 + 1) / 2) * 0.1);
    expect(g[0].from).toBe(0);
    expect(g[0].to).toBe(500);
  });

  it('bounds the number of marks by the width, not by the bins', () => {
    const bins = Array.from({ length: 5000 }, () => bin(1, 1, 1, 1));
    const g = markGlyphs({ head: 1e7, bins }, 0, 300, 6);
    expect(g.length).toBeLessThanOrEqual(4 * 51);
    expect(g.filter((m) => m.category === 'hits').reduce((a, m) => a + m.count, 0)).toBe(5000);
  });

  it('draws nothing for an empty run or no bins', () => {
    expect(markGlyphs({ head: 0, bins: [bin(1)] }, 0, 100)).toEqual([]);
    expect(markGlyphs({ head: 100, bins: [] }, 0, 100)).toEqual([]);
  });
});

describe('words', () => {
  it('names counts, memory and the slider value', () => {
    expect(countWords('messages', 1)).toBe('1 message');
    expect(countWords('hits', 1200)).toBe('1,200 breakpoint hits');
    expect(formatMiB(512 * 1024)).toBe('0.50 MiB');
    expect(formatMiB(3.25 * 1024 * 1024)).toBe('3.3 MiB');
    expect(valueText(1234, 5678)).toBe('step 1,234 of 5,678');
    expect(markSummary({ head: 10, bins: [bin(2, 1), bin(1, 0, 0, 1)] })).toBe('3 messages, 1 notification, 0 breakpoint hits, 1 fault');
  });
});

describe('markGlyphs on a short run (more bins than steps)', () => {
  it('places each mark at its own x, inside the bar', () => {
    const bins = Array.from({ length: 200 }, (_, i) => bin(i % 3 === 0 ? 1 : 0));
    const g = markGlyphs({ head: 10, bins }, 0, 1000, 5);
    const xs = g.map((m) => m.x);
    expect(new Set(xs).size).toBe(xs.length);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1000);
    expect(g.every((m) => m.from >= 0 && m.to <= 10 && m.from < m.to)).toBe(true);
  });
});
