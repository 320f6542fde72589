import { describe, expect, it } from 'vitest';
import { createSeekThrottle, STALL_MS, type After } from './throttle.ts';

/** A fake timer: `advance(ms)` fires what is due. */
function fakeTimer() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const after: After = (ms, fn) => {
    const t = { at: now + ms, fn };
    timers.push(t);
    return () => {
      timers = timers.filter((x) => x !== t);
    };
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  return { after, advance, count: () => timers.length };
}

/** A throttle on a fake timer, recording what it sends. */
function setup() {
  const t = fakeTimer();
  const sent: number[] = [];
  return { t, sent, th: createSeekThrottle((s) => sent.push(s), t.after) };
}

describe('createSeekThrottle', () => {
  it('sends the first seek at once and holds later ones until the update arrives', () => {
    const { sent, th } = setup();
    th.request(10);
    th.request(20);
    th.request(30);
    expect(sent).toEqual([10]);
    expect(th.pending()).toBe(30);
    th.arrived();
    expect(sent).toEqual([10, 30]);
    th.arrived();
    expect(sent).toEqual([10, 30]);
    expect(th.pending()).toBeNull();
    th.request(40);
    expect(sent).toEqual([10, 30, 40]);
  });

  it('does not re-send the position already in flight', () => {
    const { sent, th } = setup();
    th.request(5);
    th.request(9);
    th.request(5);
    th.arrived();
    expect(sent).toEqual([5]);
    expect(th.pending()).toBeNull();
  });

  it('stops waiting after STALL_MS without an update (sending the waiting one)', () => {
    const { t, sent, th } = setup();
    th.request(1);
    th.request(2);
    t.advance(STALL_MS - 1);
    expect(sent).toEqual([1]);
    t.advance(1);
    expect(sent).toEqual([1, 2]);
    t.advance(STALL_MS);
    expect(th.pending()).toBeNull();
    th.request(3);
    expect(sent).toEqual([1, 2, 3]);
    th.arrived();
    expect(t.count()).toBe(0);
    th.request(4);
    th.dispose();
    expect(t.count()).toBe(0);
  });

  it('ignores updates when nothing is in flight', () => {
    const { sent, th } = setup();
    th.arrived();
    expect(sent).toEqual([]);
    expect(th.pending()).toBeNull();
  });
});
