/**
 * Right-click (and context-menu key) support shared by the views: a view
 * says WHAT the user pointed at, as plain data; the page decides what to
 * offer for it (breakpoints, see src/app/breakpoints/offers.ts). Views know
 * nothing of breakpoints.
 */
import type { MailboxState, TraceEvent } from '../../../core/trace/events.ts';
import { firstAtOrAfter } from '../../panels/logWindow.ts';

/** An element of a view the user asked a context menu for. */
export type VizTarget =
  /** A VM's mailbox: one state node of its diagram, or the whole cell (state null). */
  | { readonly kind: 'mailbox'; readonly vm: number; readonly state: MailboxState | null }
  /** VM `owner`'s waiter list or ready list. */
  | { readonly kind: 'list'; readonly list: 'waiter_list' | 'ready_list'; readonly owner: number }
  /** A vCPU's lane. */
  | { readonly kind: 'vcpu'; readonly vm: number; readonly vcpu: number }
  /** A message arrow (refused: a send that returned -1). */
  | { readonly kind: 'message'; readonly from: number; readonly to: number; readonly refused: boolean }
  /** An interrupt injection arrow. */
  | { readonly kind: 'inject'; readonly to: number; readonly intid: number | null }
  /** A run return (mark or arrow): vCPU of VM `vm` returned `code` to the primary. */
  | { readonly kind: 'run_return'; readonly vm: number; readonly code: string };

/** A request to open a context menu at client coordinates (x, y). */
export interface VizContextRequest {
  readonly targets: readonly VizTarget[];
  readonly x: number;
  readonly y: number;
}

/**
 * The first event at step `step` of trace `events` (ascending steps) that
 * satisfies `pick`, or undefined. Binary search, then a scan of that step.
 */
export function eventAtStep<E extends TraceEvent>(events: readonly TraceEvent[], step: number, pick: (e: TraceEvent) => e is E): E | undefined {
  for (let i = firstAtOrAfter(events, step); i < events.length && events[i].step === step; i++) {
    const e = events[i];
    if (pick(e)) return e;
  }
  return undefined;
}

/** The targets of `list` without repeats (same fields), in first-seen order. */
export function uniqueTargets(list: readonly VizTarget[]): VizTarget[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
