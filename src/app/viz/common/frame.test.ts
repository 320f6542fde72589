import { describe, expect, it } from 'vitest';
import { createFrameScheduler, type FrameClock } from './frame.ts';

/** A clock whose frames fire when the test says so. */
function fakeClock() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const clock: FrameClock = {
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
  return { clock, tick, pending };
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
