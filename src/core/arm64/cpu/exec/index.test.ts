import { describe, expect, it } from 'vitest';
import { ENCODINGS } from '../../isa/encodings.ts';
import { ENDS_BLOCK, INLINE, SLOW } from './index.ts';

describe('executor table', () => {
  it('has exactly one executor, inline or slow, for every encoding id', () => {
    for (const { id } of ENCODINGS) {
      expect([id, Boolean(INLINE[id]) !== Boolean(SLOW[id])]).toEqual([id, true]);
    }
  });

  it('has no executor for an id the table does not know', () => {
    const ids = new Set(ENCODINGS.map((e) => e.id));
    expect([...Object.keys(INLINE), ...Object.keys(SLOW)].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('ends blocks only at inline branches', () => {
    expect([...ENDS_BLOCK].every((id) => INLINE[id] && ENCODINGS.find((e) => e.id === id)?.cls === 'branch')).toBe(true);
  });
});
