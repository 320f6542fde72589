import { describe, expect, it } from 'vitest';
import { binIntervals, createIntervalTracker, deriveIntervals, intervalAt, layoutLanes, layoutMarks, knownFuture, type StateInterval } from './layout.ts';
import { T6_VMS, t6Trace } from '../testing/t6.test-util.ts';
import type { RunReturnEvent, VcpuStateEvent } from '../../../core/trace/events.ts';

const t6 = t6Trace();
const changes = t6.filter((e): e is VcpuStateEvent => e.kind === 'vcpu_state');
const returns = t6.filter((e): e is RunReturnEvent => e.kind === 'run_return');

describe('layoutLanes', () => {
  it('gives one lane per vCPU, grouped by VM in id order, below each VM heading', () => {
    const vms = [
      { id: 2, name: 'b', vcpus: [{ index: 1, state: 'off' as const }, { index: 0, state: 'ready' as const }] },
      { id: 0, name: 'primary', vcpus: [{ index: 0, state: 'running' as const }] },
    ];
    const { lanes, groups, height } = layoutLanes(vms, { laneHeight: 10, laneGap: 2, groupHeader: 5 });
    expect(lanes.map((l) => l.key)).toEqual(['0:0', '2:0', '2:1']);
    expect(lanes.map((l) => l.y)).toEqual([5, 5 + 12 + 5, 5 + 12 + 5 + 12]);
    expect(groups).toEqual([
      { vm: 0, label: 'VM 0 primary', y: 0, height: 17 },
      { vm: 2, label: 'VM 2 b', y: 17, height: 29 },
    ]);
    expect(height).toBe(46);
  });
});

describe('createIntervalTracker', () => {
  /** The tracker's answer as plain arrays, to compare with a fresh derivation. */
  const plain = (m: ReadonlyMap<string, readonly StateInterval[]>) => new Map([...m].map(([k, v]) => [k, [...v]]));

  it('matches a fresh derivation at every length while the trace grows in place', () => {
    const tracker = createIntervalTracker();
    const grown: VcpuStateEvent[] = [];
    for (let n = 0; n <= changes.length; n += 3) {
      while (grown.length < n) grown.push(changes[grown.length]);
      const end = Math.max(10, ...grown.map((c) => c.step + 1));
      expect(plain(tracker.update(T6_VMS, grown, 0, end))).toEqual(deriveIntervals(T6_VMS, grown, 0, end));
    }
    const end = 301;
    expect(plain(tracker.update(T6_VMS, grown, 0, end))).toEqual(deriveIntervals(T6_VMS, grown, 0, end));
  });

  it('starts over when the front is trimmed or the start moves', () => {
    const tracker = createIntervalTracker();
    const live = changes.slice();
    tracker.update(T6_VMS, live, 0, 301);
    live.splice(0, 5);
    const first = live[0].step;
    expect(plain(tracker.update(T6_VMS, live, first, 301))).toEqual(deriveIntervals(T6_VMS, live, first, 301));
    expect(plain(tracker.update(T6_VMS, live, first - 1, 301))).toEqual(deriveIntervals(T6_VMS, live, first - 1, 301));
  });
});

describe('deriveIntervals on the T6 trace', () => {
  const lanes = deriveIntervals(T6_VMS, changes, 0, 301);

  it('follows VM 1 through run, mailbox block, WFI block and back', () => {
    const vm1 = lanes.get('1:0')!;
    expect(vm1.slice(0, 4)).toEqual([
      { start: 0, end: 20, state: 'ready' },
      { start: 20, end: 40, state: 'running' },
      { start: 40, end: 50, state: 'blocked_mailbox' },
      { start: 50, end: 60, state: 'ready' },
    ]);
    expect(vm1.find((iv) => iv.state === 'blocked_interrupt')).toEqual({ start: 220, end: 260, state: 'blocked_interrupt' });
    expect(vm1[vm1.length - 1]).toEqual({ start: 300, end: 301, state: 'ready' });
  });

  it('covers [first, end) without gaps or overlaps', () => {
    for (const ivs of lanes.values()) {
      expect(ivs[0].start).toBe(0);
      expect(ivs[ivs.length - 1].end).toBe(301);
      for (let i = 1; i < ivs.length; i++) expect(ivs[i].start).toBe(ivs[i - 1].end);
    }
  });

  it('keeps lanes without state changes in their view state', () => {
    expect(lanes.get('0:0')).toEqual([{ start: 0, end: 301, state: 'running' }]);
    expect(lanes.get('2:0')).toEqual([{ start: 0, end: 301, state: 'ready' }]);
  });

  it('keeps only the last state of several changes at one step', () => {
    const same: VcpuStateEvent[] = [
      { kind: 'vcpu_state', step: 5, cpu: 0, vm: 1, vcpu: 0, from: 'ready', to: 'running', cause: 'HF_VCPU_RUN' },
      { kind: 'vcpu_state', step: 5, cpu: 0, vm: 1, vcpu: 0, from: 'running', to: 'blocked_mailbox', cause: 'HF_MAILBOX_RECEIVE' },
    ];
    expect(deriveIntervals(T6_VMS, same, 0, 10).get('1:0')).toEqual([
      { start: 0, end: 5, state: 'ready' },
      { start: 5, end: 10, state: 'blocked_mailbox' },
    ]);
  });

  it('starts a trimmed trace at its first step, in the first change\'s from state', () => {
    const late = changes.filter((c) => c.step >= 200);
    expect(deriveIntervals(T6_VMS, late, 200, 301).get('1:0')![0]).toEqual({ start: 200, end: 220, state: 'running' });
  });
});

describe('binIntervals', () => {
  const x = (s: number) => s;

  it('keeps wide intervals exact and clips them to the range', () => {
    const ivs: StateInterval[] = [
      { start: 0, end: 10, state: 'ready' },
      { start: 10, end: 30, state: 'running' },
    ];
    expect(binIntervals(ivs, x, 5, 25)).toEqual([
      { x0: 5, x1: 10, state: 'ready', start: 0, end: 10, count: 1 },
      { x0: 10, x1: 25, state: 'running', start: 10, end: 30, count: 1 },
    ]);
  });

  it('summarises dense intervals into pixel-wide pools drawn in the dominant state', () => {
    // 1000 alternating 0.1-px intervals: 70% running, 30% ready in each pixel.
    const ivs: StateInterval[] = [];
    for (let i = 0; i < 1000; i++) ivs.push({ start: i, end: i + 1, state: i % 10 < 7 ? 'running' : 'ready' });
    const segs = binIntervals(ivs, (s) => s / 10, 0, 100, 1);
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ x0: 0, x1: 100, state: 'running', count: 1000 });
  });

  it('bounds the output by the width whatever the number of intervals', () => {
    const ivs: StateInterval[] = [];
    for (let i = 0; i < 100_000; i++) ivs.push({ start: i, end: i + 1, state: (['ready', 'running', 'blocked_mailbox'] as const)[Math.floor(i / 37) % 3] });
    const segs = binIntervals(ivs, (s) => s / 100, 0, 1000, 2);
    expect(segs.length).toBeLessThanOrEqual(500);
    expect(segs[0].x0).toBe(0);
    expect(segs[segs.length - 1].x1).toBeCloseTo(1000);
    expect(segs.reduce((n, s) => n + s.count, 0)).toBe(100_000);
  });

  it('merges a pool into a following wide segment boundary without gaps', () => {
    const ivs: StateInterval[] = [
      { start: 0, end: 1, state: 'ready' },
      { start: 1, end: 2, state: 'running' },
      { start: 2, end: 50, state: 'blocked_interrupt' },
    ];
    const segs = binIntervals(ivs, (s) => s * 0.5, 0, 100, 2);
    expect(segs.map((s) => [s.x0, s.x1, s.state])).toEqual([
      [0, 1, 'ready'],
      [1, 25, 'blocked_interrupt'],
    ]);
  });
});

describe('layoutMarks', () => {
  it('labels each T6 run return with its code and fields', () => {
    const marks = layoutMarks(returns, (s) => s * 4, 0, 2000);
    expect(marks.map((m) => [m.step, m.label])).toEqual([
      [40, 'wfi'],
      [80, 'yld'],
      [110, 'wfi'],
      [140, 'msg 15'],
      [170, 'wfi'],
      [220, 'wfi'],
      [300, 'msg 15'],
    ]);
    expect(marks[3].title).toBe('step 140: VM 1 vCPU 0 returned MESSAGE to the primary (15 bytes)');
  });

  it('pools marks closer than the minimum gap on one lane', () => {
    const marks = layoutMarks(returns, (s) => s / 10, 0, 2000, 12);
    expect(marks.map((m) => [m.step, m.count, m.label])).toEqual([
      [40, 4, '×4'],
      [170, 2, '×2'],
      [300, 1, 'msg 15'],
    ]);
  });

  it('drops marks outside the visible range', () => {
    expect(layoutMarks(returns, (s) => s, 100, 150).map((m) => m.step)).toEqual([110, 140]);
  });
});

describe('intervalAt', () => {
  const vm1 = deriveIntervals(T6_VMS, changes, 0, 301).get('1:0')!;
  it('finds the state a lane is in at a step (start inclusive, end exclusive)', () => {
    expect(intervalAt(vm1, 219)?.state).toBe('running');
    expect(intervalAt(vm1, 220)).toEqual({ start: 220, end: 260, state: 'blocked_interrupt' });
    expect(intervalAt(vm1, 0)?.state).toBe('ready');
    expect(intervalAt(vm1, 301)).toBeUndefined();
    expect(intervalAt([], 5)).toBeUndefined();
  });
});

describe('knownFuture', () => {
  it('is the steps after the present that the trace holds', () => {
    expect(knownFuture(99, 250, 301)).toEqual([100, 301]);
  });
  it('is null while the trace ends at the present (a plain forward run)', () => {
    expect(knownFuture(99, 99, 100)).toBeNull();
    expect(knownFuture(99, 40, 100)).toBeNull();
    expect(knownFuture(10, -1, 11)).toBeNull();
  });
});
