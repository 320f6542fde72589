/**
 * Pure state transitions for what the worker reports: merging updates that
 * arrive within one frame, and folding an update into the machine slice.
 */
import { TRACE_KEEP_MAX, TRACE_KEEP_TRIM, type MachineUpdate } from '../../worker/protocol.ts';
import type { MachineSlice } from './slices.ts';

/**
 * The store keeps at most MAX_TRACE trace events (the newest). When it has
 * more it cuts back to TRIM_TO, so the front of the array moves rarely (the
 * views rescan the trace when its front moves, and only scan the new tail
 * otherwise). The worker relies on these numbers (protocol.ts).
 */
export const MAX_TRACE = TRACE_KEEP_MAX;
export const TRIM_TO = TRACE_KEEP_TRIM;

/**
 * Combines two consecutive updates into one equivalent update: the later
 * state with the events of both. A `b` that is fresh (a new machine) or
 * resets the trace replaces `a`'s events.
 */
export function mergeUpdates(a: MachineUpdate, b: MachineUpdate): MachineUpdate {
  if (b.fresh || b.traceReset) return { ...b, fresh: a.fresh || b.fresh };
  return { ...b, fresh: a.fresh, traceReset: a.traceReset, events: a.events.concat(b.events), skipped: a.skipped + b.skipped, stop: b.stop ?? a.stop, memory: mergeMemory(a, b) };
}

function mergeMemory(a: MachineUpdate, b: MachineUpdate): MachineUpdate['memory'] {
  if (!b.memory || !a.memory || a.memory.vm !== b.memory.vm || a.memory.addr !== b.memory.addr) return b.memory;
  const changed = [...new Set([...a.memory.changed, ...b.memory.changed])].sort((x, y) => x - y);
  return { ...b.memory, changed };
}

/** The machine slice after `u`. */
export function applyUpdate(m: MachineSlice, u: MachineUpdate): MachineSlice {
  const replace = u.fresh || u.traceReset;
  let trace = replace ? u.events.slice() : m.trace.concat(u.events);
  let dropped = (replace ? 0 : m.traceDropped) + u.skipped;
  if (trace.length > MAX_TRACE) {
    dropped += trace.length - TRIM_TO;
    trace = trace.slice(trace.length - TRIM_TO);
  }
  return {
    seq: u.seq,
    view: u.view,
    prevView: u.fresh ? null : m.view,
    trace,
    traceDropped: dropped,
    pcs: u.pcs,
    memory: u.memory,
  };
}

export const EMPTY_MACHINE: MachineSlice = { seq: 0, view: null, prevView: null, trace: [], traceDropped: 0, pcs: [], memory: null };
