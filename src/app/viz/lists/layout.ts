/**
 * Pure layout of the waiter/ready list view. A wait entry is the pair
 * (waiting VM, target VM): Hafnium pre-allocates one per pair, puts it on the
 * target's waiter list when a notify-send fails, moves it to the waiting VM's
 * ready list on WAITER_GET, and drops it on WRITABLE_GET. Keying entries by
 * the pair lets the drawing move the same chip from one list to the other.
 */
import type { ReadyListEvent, TraceEvent, WaiterListEvent } from '../../../core/trace/events.ts';
import type { VmShape } from '../common/shapes.ts';

export type ListEvent = WaiterListEvent | ReadyListEvent;

/** `e` if it changes a waiter or ready list (for `createEventSelection`). */
export function pickListEvent(e: TraceEvent): ListEvent | undefined {
  return e.kind === 'waiter_list' || e.kind === 'ready_list' ? e : undefined;
}

/** One wait entry on a list. */
export interface WaitEntry {
  /** `${waiter}->${target}`: the same across both lists. */
  readonly key: string;
  /** The VM that waits (to be told the target became writable). */
  readonly waiter: number;
  /** The VM whose mailbox is awaited. */
  readonly target: number;
  /** Step at which it joined the list it is on; null when that is before the trace the page holds. */
  readonly since: number | null;
}

export const entryKey = (waiter: number, target: number): string => `${waiter}->${target}`;

/** Per VM, its waiter list and its ready list, head first. */
export interface ListsAt {
  readonly waiters: ReadonlyMap<number, readonly WaitEntry[]>;
  readonly ready: ReadonlyMap<number, readonly WaitEntry[]>;
  /** The last list event at or before the step, or null. */
  readonly last: ListEvent | null;
}

type Lists = Map<number, WaitEntry[]>;

/** The list `e` changes, and the entry's waiter and target. */
function listOf(e: ListEvent, waiters: Lists, ready: Lists): [WaitEntry[], number, number] {
  const [lists, waiter, target] = e.kind === 'waiter_list' ? [waiters, e.waiter, e.owner] : [ready, e.owner, e.entry];
  let list = lists.get(e.owner);
  if (!list) lists.set(e.owner, (list = []));
  return [list, waiter, target];
}

/** Applies `e` forward: `add` appends at the tail unless linked, `remove` unlinks wherever it is. */
function apply(e: ListEvent, waiters: Lists, ready: Lists): void {
  const [list, waiter, target] = listOf(e, waiters, ready);
  const key = entryKey(waiter, target);
  const at = list.findIndex((x) => x.key === key);
  if (e.op === 'add' && at < 0) list.push({ key, waiter, target, since: e.step });
  if (e.op === 'remove' && at >= 0) list.splice(at, 1);
}

/**
 * Takes `e` back: the hypervisor records only real changes, adding at the
 * tail and removing heads, so an add is undone by unlinking the entry and a
 * remove by putting it back at the head.
 */
function undo(e: ListEvent, waiters: Lists, ready: Lists): void {
  const [list, waiter, target] = listOf(e, waiters, ready);
  const key = entryKey(waiter, target);
  const at = list.findIndex((x) => x.key === key);
  if (e.op === 'add' && at >= 0) list.splice(at, 1);
  if (e.op === 'remove' && at < 0) list.unshift({ key, waiter, target, since: null });
}

/**
 * The lists after every event of `events` (trace order) with step <=
 * `step`, as Hafnium keeps them: `add` appends at the tail unless the entry
 * is already linked ("already linked?" check), `remove` unlinks it (the
 * head, in Hafnium). VMs of `vms` get lists even when empty; events naming
 * unknown VMs are kept too.
 *
 * With `anchor` (the machine's step count) and VMs that carry their
 * `waiterList`/`readyList` (the state after every event with step < anchor),
 * the result starts from those lists and applies the events between anchor
 * and `step` (forward or backward), so it stays exact when the trace's
 * front was trimmed or the trace is a window around the present after a
 * seek. Otherwise the events are replayed from empty lists. `since` comes
 * from the latest add in `events`, null when the trace does not hold it.
 */
export function listsAt(vms: readonly VmShape[], events: readonly ListEvent[], step: number, anchor?: number): ListsAt {
  const waiters: Lists = new Map();
  const ready: Lists = new Map();
  const anchored = anchor !== undefined && vms.every((vm) => vm.waiterList !== undefined && vm.readyList !== undefined);
  const entry = (waiter: number, target: number): WaitEntry => ({ key: entryKey(waiter, target), waiter, target, since: null });
  for (const vm of vms) {
    waiters.set(vm.id, anchored ? vm.waiterList!.map((w) => entry(w, vm.id)) : []);
    ready.set(vm.id, anchored ? vm.readyList!.map((t) => entry(vm.id, t)) : []);
  }
  // Index of the first event after `step`.
  let end = 0;
  while (end < events.length && events[end].step <= step) end++;
  const last = end > 0 ? events[end - 1] : null;
  if (!anchored) {
    for (let i = 0; i < end; i++) apply(events[i], waiters, ready);
    return { waiters, ready, last };
  }
  // Index of the first event at or after the anchor (not yet in the VMs' lists).
  let from = events.length;
  while (from > 0 && events[from - 1].step >= anchor) from--;
  if (end >= from) for (let i = from; i < end; i++) apply(events[i], waiters, ready);
  else for (let i = from - 1; i >= end; i--) undo(events[i], waiters, ready);
  // When each entry joined: the latest add of it, at or before `step`.
  const joined = new Map<string, number>();
  for (let i = 0; i < end; i++) {
    const e = events[i];
    if (e.op === 'add') joined.set(`${e.kind}:${e.owner}:${e.kind === 'waiter_list' ? entryKey(e.waiter, e.owner) : entryKey(e.owner, e.entry)}`, e.step);
  }
  const stamp = (kind: ListEvent['kind'], lists: Lists) => {
    for (const [owner, list] of lists) {
      for (let i = 0; i < list.length; i++) {
        const since = joined.get(`${kind}:${owner}:${list[i].key}`) ?? null;
        if (since !== list[i].since) list[i] = { ...list[i], since };
      }
    }
  };
  stamp('waiter_list', waiters);
  stamp('ready_list', ready);
  return { waiters, ready, last };
}

export interface ListGeometry {
  readonly rowHeight: number;
  readonly chipWidth: number;
  readonly chipHeight: number;
  readonly chipGap: number;
  /** Width of the VM label column on the left. */
  readonly labelWidth: number;
  /** Gap between the label column and the waiter list, and between the two lists. */
  readonly columnGap: number;
  /** Space above the first row (column headings). */
  readonly top: number;
}

export const DEFAULT_LIST_GEOMETRY: ListGeometry = { rowHeight: 34, chipWidth: 46, chipHeight: 22, chipGap: 6, labelWidth: 92, columnGap: 28, top: 22 };

/** A chip in the drawing. */
export interface PlacedEntry extends WaitEntry {
  readonly list: 'waiters' | 'ready';
  /** The VM whose row (list) holds it. */
  readonly owner: number;
  /** The VM the chip names: the waiter on a waiter list, the writable target on a ready list. */
  readonly names: number;
  readonly index: number;
  readonly x: number;
  readonly y: number;
}

/** A VM row: its label chip on the left. */
export interface PlacedRow {
  readonly vm: number;
  readonly label: string;
  readonly y: number;
}

export interface ListLayout {
  readonly rows: readonly PlacedRow[];
  readonly entries: readonly PlacedEntry[];
  /** Left edges of the two list columns. */
  readonly waitersX: number;
  readonly readyX: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Places one row per VM (id order) and the chips of both lists, head at the
 * left. The waiter column is wide enough for the longest waiter list (at
 * least 3 chips) so the ready column lines up across rows.
 */
export function layoutLists(vms: readonly VmShape[], lists: ListsAt, g: ListGeometry = DEFAULT_LIST_GEOMETRY): ListLayout {
  const sorted = [...vms].sort((a, b) => a.id - b.id);
  const rowY = new Map<number, number>();
  const rows: PlacedRow[] = sorted.map((vm, i) => {
    const y = g.top + i * g.rowHeight;
    rowY.set(vm.id, y);
    return { vm: vm.id, label: vm.name ? `VM ${vm.id} ${vm.name}` : `VM ${vm.id}`, y };
  });
  const pitch = g.chipWidth + g.chipGap;
  let longestWaiters = 3;
  let longestReady = 3;
  for (const l of lists.waiters.values()) longestWaiters = Math.max(longestWaiters, l.length);
  for (const l of lists.ready.values()) longestReady = Math.max(longestReady, l.length);
  const waitersX = g.labelWidth + g.columnGap;
  const readyX = waitersX + longestWaiters * pitch + g.columnGap;
  const entries: PlacedEntry[] = [];
  const place = (kind: 'waiters' | 'ready', lists: ReadonlyMap<number, readonly WaitEntry[]>, x0: number) => {
    for (const [owner, list] of lists) {
      const y = rowY.get(owner);
      if (y === undefined) continue;
      list.forEach((e, index) => {
        entries.push({ ...e, list: kind, owner, names: kind === 'waiters' ? e.waiter : e.target, index, x: x0 + index * pitch, y: y + (g.rowHeight - g.chipHeight) / 2 });
      });
    }
  };
  place('waiters', lists.waiters, waitersX);
  place('ready', lists.ready, readyX);
  return { rows, entries, waitersX, readyX, width: readyX + longestReady * pitch, height: g.top + rows.length * g.rowHeight };
}
