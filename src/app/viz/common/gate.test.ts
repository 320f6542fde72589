import { describe, expect, it } from 'vitest';
import { createChangeGate } from './gate.ts';

describe('createChangeGate', () => {
  it('reports a change on the first call, then only when an element or the length differs', () => {
    const g = createChangeGate();
    const o = { a: 1 };
    expect(g.changed([1, 'x', o])).toBe(true);
    expect(g.changed([1, 'x', o])).toBe(false);
    expect(g.changed([1, 'x', { a: 1 }])).toBe(true); // identity, not structure
    expect(g.changed([1, 'x'])).toBe(true);
    expect(g.changed([1, 'y'])).toBe(true);
    expect(g.changed([1, 'y'])).toBe(false);
  });
});
