import { describe, expect, it, vi } from 'vitest';
import { createEventSelection, indexOfEvent } from './event-cache.ts';

type Ev = { step: number; n: number };
const evs = (from: number, to: number): Ev[] => Array.from({ length: to - from }, (_, i) => ({ step: Math.floor((from + i) / 2), n: from + i }));
const evenOnly = (e: Ev) => (e.n % 2 === 0 ? e.n : undefined);

describe('indexOfEvent', () => {
  it('finds an event by identity among events of equal step', () => {
    const a = evs(0, 10);
    expect(indexOfEvent(a, a[7])).toBe(7);
    expect(indexOfEvent(a, { step: 3, n: 7 })).toBe(-1);
    expect(indexOfEvent([], a[0])).toBe(-1);
  });
});

describe('createEventSelection', () => {
  it('selects from a growing trace, scanning each event once', () => {
    const pick = vi.fn(evenOnly);
    const sel = createEventSelection(pick);
    const all = evs(0, 10);
    expect(sel.update(all.slice(0, 4))).toEqual([0, 2]);
    expect(sel.update(all.slice(0, 10))).toEqual([0, 2, 4, 6, 8]);
    expect(pick).toHaveBeenCalledTimes(10);
  });

  it('follows a trace trimmed at the front, dropping trimmed items', () => {
    const pick = vi.fn(evenOnly);
    const sel = createEventSelection(pick);
    const all = evs(0, 20);
    sel.update(all.slice(0, 10));
    expect(sel.update(all.slice(5, 15))).toEqual([6, 8, 10, 12, 14]);
    expect(sel.update(all.slice(12, 20))).toEqual([12, 14, 16, 18]);
    expect(pick).toHaveBeenCalledTimes(20);
  });

  it('rescans a replaced trace', () => {
    const sel = createEventSelection(evenOnly);
    sel.update(evs(0, 10));
    expect(sel.update(evs(100, 104))).toEqual([100, 102]);
    expect(sel.update([])).toEqual([]);
    expect(sel.update(evs(0, 3))).toEqual([0, 2]);
  });

  it('treats an unchanged trace as no new events', () => {
    const pick = vi.fn(evenOnly);
    const sel = createEventSelection(pick);
    const all = evs(0, 6);
    sel.update(all);
    expect(sel.update(all)).toEqual([0, 2, 4]);
    expect(pick).toHaveBeenCalledTimes(6);
  });
});
