import { describe, expect, it } from 'vitest';
import { tabTarget } from './tablist.ts';

describe('tabTarget', () => {
  it('moves right and left with wrap-around', () => {
    expect(tabTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabTarget('ArrowLeft', 2, 3)).toBe(1);
  });
  it('goes to the ends with Home and End', () => {
    expect(tabTarget('Home', 2, 4)).toBe(0);
    expect(tabTarget('End', 0, 4)).toBe(3);
  });
  it('ignores other keys and empty lists', () => {
    expect(tabTarget('ArrowDown', 1, 3)).toBeNull();
    expect(tabTarget('Enter', 1, 3)).toBeNull();
    expect(tabTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
