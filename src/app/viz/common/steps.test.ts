import { describe, expect, it } from 'vitest';
import { lastIndexAtOrBefore, mergeSteps, nearestStep, stepForKey } from './steps.ts';

const steps = [10, 20, 30, 50];

describe('lastIndexAtOrBefore', () => {
  it('binary-searches the last element <= value', () => {
    expect(lastIndexAtOrBefore(steps, 5)).toBe(-1);
    expect(lastIndexAtOrBefore(steps, 10)).toBe(0);
    expect(lastIndexAtOrBefore(steps, 49)).toBe(2);
    expect(lastIndexAtOrBefore(steps, 1000)).toBe(3);
    expect(lastIndexAtOrBefore([], 1)).toBe(-1);
  });
});

describe('stepForKey', () => {
  it('moves to the previous and next selectable step', () => {
    expect(stepForKey(steps, 20, 'ArrowLeft')).toBe(10);
    expect(stepForKey(steps, 20, 'ArrowRight')).toBe(30);
    expect(stepForKey(steps, 25, 'ArrowUp')).toBe(20);
    expect(stepForKey(steps, 25, 'ArrowDown')).toBe(30);
    expect(stepForKey(steps, 20, 'Home')).toBe(10);
    expect(stepForKey(steps, 20, 'End')).toBe(50);
  });
  it('returns undefined at the ends, for other keys and for no steps', () => {
    expect(stepForKey(steps, 10, 'ArrowLeft')).toBeUndefined();
    expect(stepForKey(steps, 50, 'ArrowRight')).toBeUndefined();
    expect(stepForKey(steps, 20, 'Enter')).toBeUndefined();
    expect(stepForKey([], 20, 'Home')).toBeUndefined();
  });
});

describe('nearestStep', () => {
  it('snaps to the closest step, ties to the earlier one', () => {
    expect(nearestStep(steps, 14)).toBe(10);
    expect(nearestStep(steps, 15)).toBe(10);
    expect(nearestStep(steps, 16)).toBe(20);
    expect(nearestStep(steps, -3)).toBe(10);
    expect(nearestStep(steps, 99)).toBe(50);
    expect(nearestStep([], 1)).toBeUndefined();
  });
});

describe('mergeSteps', () => {
  it('merges step-ordered lists into ascending unique steps', () => {
    const a = [{ step: 1 }, { step: 4 }, { step: 4 }, { step: 9 }];
    const b = [{ step: 2 }, { step: 4 }, { step: 10 }];
    expect(mergeSteps([a, b])).toEqual([1, 2, 4, 9, 10]);
    expect(mergeSteps([[], b])).toEqual([2, 4, 10]);
    expect(mergeSteps([])).toEqual([]);
  });
});
