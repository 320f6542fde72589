import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyframeStore } from './keyframes.ts';
import { share, unshare } from './pages.ts';
import { ToyMachine } from './toy-machine.test-util.ts';

function runWithKeyframes(seed: number, steps: number, interval: number, budgetBytes = 1 << 30) {
  const m = new ToyMachine(seed);
  const kf = new KeyframeStore({ interval, budgetBytes });
  kf.record(m);
  while (m.stepCount < steps) {
    m.advance(Math.min(37, steps - m.stepCount));
    kf.maybeRecord(m);
  }
  return { m, kf };
}

function straight(seed: number, steps: number): string {
  const m = new ToyMachine(seed);
  m.advance(steps);
  return m.digest();
}

describe('page sharing', () => {
  it('round-trips a snapshot and shares unchanged pages with the previous one', () => {
    const a = { regs: new Uint32Array([1, 2, 3]), mem: new Uint8Array(64 * 1024), name: 'vm1' };
    a.mem[5] = 7;
    const s1 = share(a);
    const b = { ...a, mem: a.mem.slice() };
    b.mem[40000] = 9;
    const s2 = share(b, s1.shared);
    // Only the one changed page (plus small fields) is new.
    expect(s2.newBytes).toBeLessThan(4096 + 200);
    const back = unshare(s2.shared) as typeof a;
    expect(back.mem[5]).toBe(7);
    expect(back.mem[40000]).toBe(9);
    expect(Array.from(back.regs)).toEqual([1, 2, 3]);
    expect(back.name).toBe('vm1');
  });
});

describe('keyframe store', () => {
  it('seeks to any step and reaches exactly the state a straight run has there', () => {
    const { m, kf } = runWithKeyframes(42, 5000, 250);
    for (const target of [0, 1, 249, 250, 251, 2600, 4999, 5000, 1234]) {
      kf.seek(m, target);
      expect(m.digest()).toBe(straight(42, target));
    }
  });

  it('keeps memory under budget by thinning old keyframes, never the first or the newest', () => {
    const { kf } = runWithKeyframes(7, 20000, 100, 600 * 1024);
    const st = kf.stats();
    expect(st.heldBytes).toBeLessThanOrEqual(600 * 1024);
    const steps = kf.steps();
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBeGreaterThanOrEqual(19900);
    // Recent history is denser than old history.
    const gaps = steps.slice(1).map((s, i) => s - steps[i]);
    expect(gaps[gaps.length - 1]).toBeLessThanOrEqual(gaps[0]);
    expect(st.maxGap).toBe(Math.max(...gaps));
  });

  it('accounts shared pages once (many keyframes of a mostly unchanged memory are cheap)', () => {
    const { kf } = runWithKeyframes(3, 10000, 100);
    // 100 keyframes of 64 KiB would be 6.4 MB unshared; writes touch few pages.
    expect(kf.stats().count).toBeGreaterThan(90);
    expect(kf.stats().heldBytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('truncates the future of a branch', () => {
    const { kf } = runWithKeyframes(1, 3000, 500);
    const before = kf.steps();
    kf.truncateAfter(1200);
    expect(kf.steps()).toEqual(before.filter((s) => s <= 1200));
    expect(kf.steps().length).toBe(3);
  });

  it('N forward, M back, N-M forward is identical to N straight (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 << 30 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }), (seed, n, mRaw, interval) => {
        const back = mRaw % (n + 1);
        const { m, kf } = runWithKeyframes(seed, n, interval);
        kf.seek(m, n - back);
        m.advance(back);
        expect(m.digest()).toBe(straight(seed, n));
      }),
      { numRuns: 60 },
    );
  });
});
