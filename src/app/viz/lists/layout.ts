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
  /** Step at which it joined the list it is on. */
  readonly since: number;
}

export const entryKey = (waiter: number, target: number): string => `${waiter}->${target}`;

/** Per VM, its waiter list and its ready list, head first. */
export interface ListsAt {
  readonly waiters: ReadonlyMap<number, readonly WaitEntry[]>;
  readonly ready: ReadonlyMap<number, readonly WaitEntry[]>;
  /** The last list event at or before the step, or null. */
  readonly last: ListEvent | null;
}

/**
 * Replays `events` (trace order) with step <= `step` from empty lists:
 * `add` appends at the tail unless the entry is already linked (Hafnium's
 * "already linked?" check), `remove` unlinks the entry wherever it is (it is
 * the head in Hafnium, which only removes heads). VMs of `vms` get lists
 * even when empty; events naming unknown VMs are kept too.
 */
export function listsAt(vms: readonly VmShape[], events: readonly ListEvent[], step: number): ListsAt {
  const waiters = new Map<number, WaitEntry[]>();
  const ready = new Map<number, WaitEntry[]>();
  for (const vm of vms) {
    waiters.set(vm.id, []);
    ready.set(vm.id, []);
  }
  let last: ListEvent | null = null;
  for (const e of events) {
    if (e.step > step) break;
    last = e;
    const [lists, waiter, target] = e.kind === 'waiter_list' ? [waiters, e.waiter, e.owner] : [ready, e.owner, e.entry];
    const key = entryKey(waiter, target);
    const list = lists.get(e.owner) ?? [];
    lists.set(e.owner, list);
    const at = list.findIndex((x) => x.key === key);
    if (e.op === 'add' && at < 0) list.push({ key, waiter, target, since: e.step });
    if (e.op === 'remove' && at >= 0) list.splice(at, 1);
  }
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
