import { describe, expect, it } from 'vitest';
import { ChoiceLog, cpuChoice, threadChoice } from './choice.ts';

describe('choices', () => {
  it('hands back one shared frozen object per choice, with the right fields', () => {
    expect(cpuChoice(1, 1000)).toBe(cpuChoice(1, 1000));
    expect(cpuChoice(1, 1000)).toEqual({ kind: 'cpu', cpu: 1, steps: 1000 });
    expect(threadChoice(2, 3, 63)).toEqual({ kind: 'thread', cpu: 2, vm: 3, vcpu: 63 });
    expect(Object.isFrozen(threadChoice(2, 3, 63))).toBe(true);
  });

  it('stays right for choices that share a cache slot', () => {
    // (0, 31) and (1, 0) land in the same slot.
    for (let round = 0; round < 2; round++) {
      expect(cpuChoice(0, 31)).toEqual({ kind: 'cpu', cpu: 0, steps: 31 });
      expect(cpuChoice(1, 0)).toEqual({ kind: 'cpu', cpu: 1, steps: 0 });
    }
  });

  it('records choices and reads them back in order, truncated on demand', () => {
    const log = new ChoiceLog();
    const all = Array.from({ length: 1500 }, (_, i) => (i % 2 ? cpuChoice(i % 4, 1 + i) : threadChoice(i % 3, 1 + (i % 5), i % 64)));
    for (const c of all) log.push(c);
    expect(log.list()).toEqual(all);
    log.truncate(700);
    expect(log.length).toBe(700);
    expect(log.at(699)).toEqual(all[699]);
  });

  it('inserts a choice before any position, growing as needed', () => {
    const log = new ChoiceLog();
    const all = Array.from({ length: 1023 }, (_, i) => cpuChoice(i % 3, 1 + i));
    for (const c of all) log.push(c);
    const t = threadChoice(1, 2, 3);
    log.insert(1023, t);
    log.insert(0, cpuChoice(2, 9));
    log.insert(500, t);
    expect(log.list()).toEqual([cpuChoice(2, 9), ...all.slice(0, 499), t, ...all.slice(499), t]);
  });
});
