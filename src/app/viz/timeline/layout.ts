/**
 * Pure layout of the "vCPU states over time" view: lanes, state intervals
 * derived from the trace's state-change events, run-return marks, and the
 * per-pixel summarisation that keeps the drawing small when events are dense.
 */
import type { RunReturnEvent, VcpuState, VcpuStateEvent } from '../../../core/trace/events.ts';
import type { VmShape } from '../common/shapes.ts';
import { runReturnShort, runReturnTitle } from '../common/describe.ts';

/** One horizontal lane: one vCPU. */
export interface Lane {
  readonly key: string;
  readonly vm: number;
  readonly vcpu: number;
  /** e.g. "vCPU 0". */
  readonly label: string;
  /** Top edge, in px from the top of the lane area. */
  readonly y: number;
  readonly height: number;
}

/** The lanes of one VM, drawn under one heading. */
export interface LaneGroup {
  readonly vm: number;
  /** e.g. "VM 1 echo". */
  readonly label: string;
  readonly y: number;
  readonly height: number;
}

export interface LaneGeometry {
  readonly laneHeight: number;
  readonly laneGap: number;
  /** Space above each VM's first lane (holds the VM heading). */
  readonly groupHeader: number;
}

export const DEFAULT_LANE_GEOMETRY: LaneGeometry = { laneHeight: 18, laneGap: 3, groupHeader: 16 };

/** Key of the lane of `vm`/`vcpu`. */
export const laneKey = (vm: number, vcpu: number): string => `${vm}:${vcpu}`;

/**
 * Lanes for every vCPU of `vmList`, grouped by VM in id order; vCPUs in index
 * order. Returns the lanes, the groups and the total height in px.
 */
export function layoutLanes(
  vmList: readonly VmShape[],
  geometry: LaneGeometry = DEFAULT_LANE_GEOMETRY,
): { lanes: Lane[]; groups: LaneGroup[]; height: number } {
  const lanes: Lane[] = [];
  const groups: LaneGroup[] = [];
  let y = 0;
  const vms = [...vmList].sort((a, b) => a.id - b.id);
  for (const vm of vms) {
    const top = y;
    y += geometry.groupHeader;
    const vcpus = [...vm.vcpus].sort((a, b) => a.index - b.index);
    for (const v of vcpus) {
      lanes.push({ key: laneKey(vm.id, v.index), vm: vm.id, vcpu: v.index, label: `vCPU ${v.index}`, y, height: geometry.laneHeight });
      y += geometry.laneHeight + geometry.laneGap;
    }
    groups.push({ vm: vm.id, label: vm.name ? `VM ${vm.id} ${vm.name}` : `VM ${vm.id}`, y: top, height: y - top });
  }
  return { lanes, groups, height: y };
}

/** A vCPU stayed in `state` over steps [start, end). */
export interface StateInterval {
  readonly start: number;
  readonly end: number;
  readonly state: VcpuState;
}


/**
 * Per lane key, the consecutive state intervals covering [first, end).
 * `changes` must be in trace order, each at a step in [first, end). Before a
 * lane's first change it is in that change's `from` state; a lane without
 * changes is in its state in `vms` throughout. Several changes at one step
 * leave only the last state (zero-length intervals are dropped); adjacent
 * equal states are merged.
 */
export function deriveIntervals(
  vms: readonly VmShape[],
  changes: readonly VcpuStateEvent[],
  first: number,
  end: number,
): Map<string, StateInterval[]> {
  const lanes = createIntervalTracker().update(vms, changes, first, end);
  return new Map([...lanes].map(([key, list]) => [key, list.slice()]));
}

/**
 * `deriveIntervals` for a trace that grows during a run, without rescanning
 * it: each `update` folds in only the changes appended since the last one.
 */
export interface IntervalTracker {
  /**
   * The result of `deriveIntervals(vms, changes, first, end)`. Between calls
   * `changes` may be the same array grown at the back (the incremental case);
   * a different array, a different front (trimmed), a different `first`, a
   * smaller `end` or another set of lanes in `vms` starts over from scratch.
   * The returned map and its lists are reused and changed by the next call.
   */
  update(vms: readonly VmShape[], changes: readonly VcpuStateEvent[], first: number, end: number): ReadonlyMap<string, readonly StateInterval[]>;
}

/** How to take back the interval that closes a lane at `end` (it moves on each update). */
type Undo = { readonly list: StateInterval[]; readonly merged: StateInterval | null };

/** Creates a tracker with nothing folded in yet. */
export function createIntervalTracker(): IntervalTracker {
  let lanesSig = '';
  let from = NaN;
  let lastEnd = -Infinity;
  let src: readonly VcpuStateEvent[] | null = null;
  let head: VcpuStateEvent | undefined;
  let seen = 0;
  let out = new Map<string, StateInterval[]>();
  let open = new Map<string, { start: number; state: VcpuState }>();
  let undo: Undo[] = [];

  /** Appends `iv` to `list` (merged into an equal neighbour; dropped if empty); returns how to undo it, or null. */
  const push = (list: StateInterval[], iv: StateInterval): Undo | null => {
    if (iv.end <= iv.start) return null;
    const prev = list[list.length - 1];
    if (prev && prev.state === iv.state && prev.end === iv.start) {
      list[list.length - 1] = { start: prev.start, end: iv.end, state: prev.state };
      return { list, merged: prev };
    }
    list.push(iv);
    return { list, merged: null };
  };

  return {
    update(vms, changes, first, end) {
      let sig = '';
      for (const vm of vms) for (const v of vm.vcpus) sig += `${laneKey(vm.id, v.index)},`;
      if (sig !== lanesSig || first !== from || end < lastEnd || changes !== src || changes[0] !== head || changes.length < seen) {
        lanesSig = sig;
        from = first;
        src = changes;
        seen = 0;
        out = new Map();
        open = new Map();
        undo = [];
        for (const vm of vms) for (const v of vm.vcpus) out.set(laneKey(vm.id, v.index), []);
      } else {
        for (let i = undo.length - 1; i >= 0; i--) {
          const u = undo[i];
          if (u.merged) u.list[u.list.length - 1] = u.merged;
          else u.list.pop();
        }
        undo = [];
      }
      head = changes[0];
      lastEnd = end;
      for (let i = seen; i < changes.length; i++) {
        const c = changes[i];
        const key = laneKey(c.vm, c.vcpu);
        let list = out.get(key);
        if (!list) out.set(key, (list = []));
        const cur = open.get(key) ?? { start: first, state: c.from };
        const at = Math.min(Math.max(c.step, first), end);
        push(list, { start: cur.start, end: at, state: cur.state });
        open.set(key, { start: Math.max(at, cur.start), state: c.to });
      }
      seen = changes.length;
      // Close every lane at `end`; lanes without changes take their state from `vms`.
      const close = (key: string, start: number, state: VcpuState) => {
        const u = push(out.get(key)!, { start, end, state });
        if (u) undo.push(u);
      };
      for (const [key, cur] of open) close(key, cur.start, cur.state);
      for (const vm of vms) {
        for (const v of vm.vcpus) {
          const key = laneKey(vm.id, v.index);
          if (!open.has(key)) close(key, first, v.state);
        }
      }
      return out;
    },
  };
}

/** A drawable piece of a lane, in px. `count` > 1 means several intervals were summarised into it. */
export interface Segment {
  readonly x0: number;
  readonly x1: number;
  readonly state: VcpuState;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/**
 * Maps `intervals` (ascending, non-overlapping) to px with `x` and clips them
 * to [left, right]. Intervals narrower than `minWidth` px are summarised:
 * consecutive narrow ones are pooled until the pool is `minWidth` wide, and
 * the pool is drawn in the state that covers most of it. Adjacent segments of
 * the same state are merged, so the result has at most about
 * (right - left) / minWidth elements however many intervals there are.
 */
export function binIntervals(
  intervals: readonly StateInterval[],
  x: (step: number) => number,
  left: number,
  right: number,
  minWidth = 2,
): Segment[] {
  const out: Segment[] = [];
  let pool: { x0: number; x1: number; start: number; end: number; count: number; cover: Map<VcpuState, number> } | null = null;
  const emit = (s: Segment) => {
    const prev = out[out.length - 1];
    if (prev && prev.state === s.state && Math.abs(prev.x1 - s.x0) < 1e-9) {
      out[out.length - 1] = { ...prev, x1: s.x1, end: s.end, count: prev.count + s.count };
    } else out.push(s);
  };
  const flushPool = () => {
    if (!pool) return;
    let best: VcpuState = 'off';
    let bestCover = -1;
    for (const [state, c] of pool.cover) if (c > bestCover) [best, bestCover] = [state, c];
    emit({ x0: pool.x0, x1: pool.x1, state: best, start: pool.start, end: pool.end, count: pool.count });
    pool = null;
  };
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x(intervals[mid].end) <= left) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < intervals.length; i++) {
    const iv = intervals[i];
    const rawStart = x(iv.start);
    const rawEnd = x(iv.end);
    if (rawEnd <= left) continue;
    if (rawStart >= right) break;
    const x0 = Math.max(left, rawStart);
    const x1 = Math.min(right, rawEnd);
    if (x1 - x0 >= minWidth) {
      if (pool) {
        pool.x1 = x0;
        flushPool();
      }
      emit({ x0, x1, state: iv.state, start: iv.start, end: iv.end, count: 1 });
      continue;
    }
    if (!pool) pool = { x0, x1, start: iv.start, end: iv.end, count: 0, cover: new Map() };
    pool.x1 = x1;
    pool.end = iv.end;
    pool.count += 1;
    pool.cover.set(iv.state, (pool.cover.get(iv.state) ?? 0) + (x1 - x0));
    if (pool.x1 - pool.x0 >= minWidth) flushPool();
  }
  flushPool();
  return out;
}

/** A run-return marker on a lane; `count` > 1 when several returns share one spot. */
export interface Mark {
  readonly laneKey: string;
  readonly x: number;
  readonly step: number;
  readonly count: number;
  /** Short code label ("msg 22", "wake 2/0") or "×n" for a pooled mark. */
  readonly label: string;
  /** Full description for the hover title. */
  readonly title: string;
}

/**
 * Marks for the run returns visible in [left, right]. Returns closer than
 * `minGap` px on one lane are pooled into one mark at the first one's spot.
 */
export function layoutMarks(returns: readonly RunReturnEvent[], x: (step: number) => number, left: number, right: number, minGap = 12): Mark[] {
  // Returns are in step order and x is increasing: skip straight to the first visible one.
  let lo = 0;
  let hi = returns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x(returns[mid].step) < left) lo = mid + 1;
    else hi = mid;
  }
  const lastByLane = new Map<string, number>();
  const pools: { laneKey: string; x: number; first: RunReturnEvent; last: RunReturnEvent; count: number }[] = [];
  for (let i = lo; i < returns.length; i++) {
    const r = returns[i];
    const px = x(r.step);
    if (px > right) break;
    const key = laneKey(r.vm, r.vcpu);
    const at = lastByLane.get(key);
    if (at !== undefined && px - pools[at].x < minGap) {
      pools[at].last = r;
      pools[at].count += 1;
      continue;
    }
    lastByLane.set(key, pools.length);
    pools.push({ laneKey: key, x: px, first: r, last: r, count: 1 });
  }
  // Words are built only for the marks drawn, not for every return.
  return pools.map((p) =>
    p.count === 1
      ? { laneKey: p.laneKey, x: p.x, step: p.first.step, count: 1, label: runReturnShort(p.first), title: runReturnTitle(p.first) }
      : { laneKey: p.laneKey, x: p.x, step: p.first.step, count: p.count, label: `×${p.count}`, title: `${p.count} run returns from step ${p.first.step} to ${p.last.step}` },
  );
}

/** The interval of ascending `intervals` that contains `step`, or undefined. */
export function intervalAt(intervals: readonly StateInterval[], step: number): StateInterval | undefined {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const iv = intervals[mid];
    if (step < iv.start) hi = mid - 1;
    else if (step >= iv.end) lo = mid + 1;
    else return iv;
  }
  return undefined;
}

/**
 * The steps after the present that the trace already holds (after a seek
 * back the page keeps the branch's future): [currentStep + 1, end), or null
 * when the last event is at or before `currentStep` (nothing known ahead).
 * `end` is the exclusive end of the drawn range.
 */
export function knownFuture(currentStep: number, lastEventStep: number, end: number): readonly [number, number] | null {
  if (lastEventStep <= currentStep || end <= currentStep + 1) return null;
  return [currentStep + 1, end];
}
