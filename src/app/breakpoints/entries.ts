/**
 * Editing the lists of protocol breakpoints and watchpoints: fresh ids, adding
 * without duplicates, toggling, removing. Pure functions over the store's
 * arrays (the caller hands the result to setProtocolBreakpoints/setWatchpoints).
 */
import type { ProtocolBreakpoint } from '../../core/debug/breakpoints.ts';
import type { ProtocolBreakpointEntry, Watchpoint } from '../../worker/protocol.ts';

/**
 * A fresh id `${prefix}${n}`: n is one more than the largest number any id of
 * `ids` with that prefix carries, so ids stay unique after removals and reloads.
 */
export function nextId(ids: Iterable<string>, prefix: string): string {
  let max = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}

/** Same fields, whatever their order. */
export function sameBreakpoint(a: ProtocolBreakpoint, b: ProtocolBreakpoint): boolean {
  const ka = Object.keys(a) as (keyof ProtocolBreakpoint)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Adds `bp` (enabled) unless an identical breakpoint exists, which is then
 * enabled instead. Returns the new list and the id of the entry concerned.
 */
export function addProtocolBreakpoint(list: readonly ProtocolBreakpointEntry[], bp: ProtocolBreakpoint): { list: ProtocolBreakpointEntry[]; id: string } {
  const same = list.find((e) => sameBreakpoint(e.bp, bp));
  if (same) return { list: list.map((e) => (e === same ? { ...e, enabled: true } : e)), id: same.id };
  const id = nextId(
    list.map((e) => e.id),
    'p',
  );
  return { list: [...list, { id, bp, enabled: true }], id };
}

export function setEnabled(list: readonly ProtocolBreakpointEntry[], id: string, enabled: boolean): ProtocolBreakpointEntry[] {
  return list.map((e) => (e.id === id ? { ...e, enabled } : e));
}

/** `list` without the entry `id` (works for both lists). */
export function withoutId<T extends { readonly id: string }>(list: readonly T[], id: string): T[] {
  return list.filter((e) => e.id !== id);
}

/** A watchpoint without its id (what the form builds). */
export type WatchpointSpec = Watchpoint extends infer W ? (W extends Watchpoint ? Omit<W, 'id'> : never) : never;

/** Adds a watchpoint under a fresh id unless an identical one exists. Returns the list and the id. */
export function addWatchpoint(list: readonly Watchpoint[], spec: WatchpointSpec): { list: Watchpoint[]; id: string } {
  const key = (w: WatchpointSpec | Watchpoint) => JSON.stringify(Object.entries(w).filter(([k]) => k !== 'id').sort(([a], [b]) => a.localeCompare(b)));
  const same = list.find((w) => key(w) === key(spec));
  if (same) return { list: [...list], id: same.id };
  const id = nextId(
    list.map((w) => w.id),
    'w',
  );
  return { list: [...list, { ...spec, id } as Watchpoint], id };
}
