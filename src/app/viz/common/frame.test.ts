import { describe, expect, it } from 'vitest';
import { createFrameScheduler, type FrameClock } from './frame.ts';

/** A clock whose frames fire when the test says so. */
function fakeClock() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const time = { now: 0 };
  const clock: FrameClock = {
    now: () => time.now,
    request(cb) {
      pending.set(next, cb);
      return next++;
    },
    cancel(h) {
      pending.delete(h);
    },
  };
  const tick = () => {
    const cbs = [...pending.values()];
    pending.clear();
    cbs.forEach((cb) => cb());
  };
  return { clock, tick, pending, time };
}

describe('createFrameScheduler', () => {
  it('renders once per frame however many updates arrive', () => {
    const { clock, tick } = fakeClock();
    let renders = 0;
    const s = createFrameScheduler(() => renders++, clock);
    for (let i = 0; i < 100; i++) s.schedule();
    expect(renders).toBe(0);
    tick();
    expect(renders).toBe(1);
    tick();
    expect(renders).toBe(1);
    s.schedule();
    tick();
    expect(renders).toBe(2);
  });

  it('flushes a pending frame now, and does nothing when none is pending', () => {
    const { clock, tick, pending } = fakeClock();
    let renders = 0;
    const s = createFrameScheduler(() => renders++, clock);
    s.flush();
    expect(renders).toBe(0);
    s.schedule();
    s.flush();
    expect(renders).toBe(1);
    expect(pending.size).toBe(0);
    tick();
    expect(renders).toBe(1);
  });

  it('drops a pending frame on cancel and can be scheduled again', () => {
    const { clock, tick } = fakeClock();
    let renders = 0;
    const s = createFrameScheduler(() => renders++, clock);
    s.schedule();
    s.cancel();
    tick();
    expect(renders).toBe(0);
    s.schedule();
    tick();
    expect(renders).toBe(1);
  });
});

describe('createFrameScheduler after a slow render', () => {
  it('waits four times the render\'s duration before the next one', () => {
    const { clock, tick, time } = fakeClock();
    let renders = 0;
    const s = createFrameScheduler(() => {
      renders++;
      time.now += 20; // each render takes 20 ms
    }, clock);
    s.schedule();
    tick();
    expect(renders).toBe(1);
    s.schedule();
    for (let frame = 0; frame < 3; frame++) {
      time.now += 16;
      tick();
    }
    expect(renders).toBe(1); // 48 ms after a 20 ms render: still waiting for 80 ms
    time.now += 16;
    tick();
    expect(renders).toBe(2);
  });

  it('does not delay fast renders', () => {
    const { clock, tick, time } = fakeClock();
    let renders = 0;
    const s = createFrameScheduler(() => {
      renders++;
      time.now += 2;
    }, clock);
    for (let frame = 0; frame < 5; frame++) {
      s.schedule();
      time.now += 16;
      tick();
    }
    expect(renders).toBe(5);
  });
});

describe('createFrameScheduler sharing a clock', () => {
  it('runs the renders in the order asked, deferring those past the frame budget to the next frame', () => {
    const { clock, tick, time } = fakeClock();
    const order: string[] = [];
    const slow = (name: string) => () => {
      order.push(name);
      time.now += 3; // under the spacing threshold, so only the budget defers
    };
    const a = createFrameScheduler(slow('a'), clock);
    const b = createFrameScheduler(slow('b'), clock);
    const c = createFrameScheduler(slow('c'), clock);
    const d = createFrameScheduler(slow('d'), clock);
    [c, a, d, b].forEach((s) => s.schedule());
    tick();
    expect(order).toEqual(['c', 'a', 'd']); // 9 ms spent after three: d was started at 6 ms < 8 ms
    tick();
    expect(order).toEqual(['c', 'a', 'd', 'b']);
  });

  it('always runs one render per frame, however slow', () => {
    const { clock, tick, time } = fakeClock();
    let renders = 0;
    const heavy = () => {
      renders++;
      time.now += 50;
    };
    const a = createFrameScheduler(heavy, clock);
    const b = createFrameScheduler(heavy, clock);
    a.schedule();
    b.schedule();
    tick();
    expect(renders).toBe(1);
    tick();
    expect(renders).toBe(2);
  });

  it('keeps the frame for the others when one cancels', () => {
    const { clock, tick } = fakeClock();
    const order: string[] = [];
    const a = createFrameScheduler(() => order.push('a'), clock);
    const b = createFrameScheduler(() => order.push('b'), clock);
    a.schedule();
    b.schedule();
    a.cancel();
    tick();
    expect(order).toEqual(['b']);
  });
});
