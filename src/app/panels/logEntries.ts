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

/**
 * The log's entries of `trace`, given those of an earlier trace `prev`: when
 * `trace` is `prev` with events appended (same front, same last old event),
 * only the new tail is scanned.
 */
export function logEntriesOf(trace: readonly TraceEvent[], prev: { readonly trace: readonly TraceEvent[]; readonly entries: LogEntry[] } | null): LogEntry[] {
  const n = prev?.trace.length ?? 0;
  if (prev && n > 0 && trace.length >= n && trace[0] === prev.trace[0] && trace[n - 1] === prev.trace[n - 1]) {
    const tail: LogEntry[] = [];
    for (let i = n; i < trace.length; i++) {
      const e = trace[i];
      if (isLogEntry(e)) tail.push(e);
    }
    return tail.length === 0 ? prev.entries : prev.entries.concat(tail);
  }
  return trace.filter(isLogEntry);
}

/** Entries per trace array seen (a hit for the previous state too, which throttled hooks compare with). */
const byTrace = new WeakMap<readonly TraceEvent[], LogEntry[]>();
let last: { readonly trace: readonly TraceEvent[]; readonly entries: LogEntry[] } | null = null;
/** The log's entries in trace order; the same array while the trace is the same (a stable value for `useApp`). */
export function selectLogEntries(s: Store): LogEntry[] {
  const trace = s.machine.trace;
  let entries = byTrace.get(trace);
  if (!entries) {
    entries = logEntriesOf(trace, last);
    byTrace.set(trace, entries);
    last = { trace, entries };
  }
  return entries;
}
