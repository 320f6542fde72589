/**
 * What the hypercall log lists: every hypercall, and every interrupt
 * injected from outside the machine (the Scheduler tab's "inject"), which
 * acts like an HF_INTERRUPT_INJECT nobody in the machine made.
 */
import type { HypercallEvent, InterruptEvent, TraceEvent } from '../../core/trace/events.ts';
import type { Store } from '../store/store.ts';

/** An interrupt injected from outside (`Machine.injectInterrupt`). */
export type ExternalInjectEvent = InterruptEvent & { readonly op: 'inject'; readonly external: true };
export type LogEntry = HypercallEvent | ExternalInjectEvent;

/** True for the events the log lists. */
export function isLogEntry(e: TraceEvent): e is LogEntry {
  return e.kind === 'hypercall' || (e.kind === 'interrupt' && e.op === 'inject' && e.external === true);
}

const cache = new WeakMap<object, LogEntry[]>();
/** The log's entries in trace order, memoised per trace array (a stable value for `useApp`). */
export function selectLogEntries(s: Store): LogEntry[] {
  let out = cache.get(s.machine.trace);
  if (!out) {
    out = s.machine.trace.filter(isLogEntry);
    cache.set(s.machine.trace, out);
  }
  return out;
}
