/**
 * Why the machine stopped, in words, for the toolbar's status line. Pure:
 * the breakpoint and watchpoint lists are passed in so a stop can name what
 * it was (not just its id).
 */
import { describeBreakpoint } from '../../core/debug/breakpoints.ts';
import type { TraceEvent } from '../../core/trace/events.ts';
import type { ProtocolBreakpointEntry, StopInfo, Watchpoint } from '../../worker/protocol.ts';

/** A trace event named briefly: the hypercall's name, else its kind in words. */
function eventWords(e: TraceEvent): string {
  if (e.kind === 'hypercall') return `${e.name} by VM ${e.vm} vCPU ${e.vcpu}`;
  return e.kind.replaceAll('_', ' ');
}

function watchWords(w: Watchpoint | undefined, id: string): string {
  if (!w) return `watchpoint ${id}`;
  if (w.kind === 'memory') return `VM ${w.vm} memory 0x${w.addr.toString(16)}..+${w.length}`;
  return `VM ${w.vm} vCPU ${w.vcpu} ${w.reg}`;
}

/**
 * The status line's words for `stop`, e.g. "moved in time", "watch: VM 1
 * vCPU 0 x0 changed 0x1 → 0x2". `protocol` and `watch` stops are named from `bps` and
 * `watches` when the id is there, else by id.
 */
export function stopText(stop: StopInfo, bps: readonly ProtocolBreakpointEntry[] = [], watches: readonly Watchpoint[] = []): string {
  switch (stop.kind) {
    case 'breakpoint':
      return `breakpoint: VM ${stop.vm} vCPU ${stop.vcpu}${stop.file !== null ? ` at ${stop.file}${stop.line !== null ? `:${stop.line}` : ''}` : ''}`;
    case 'event':
      return stop.event ? `event: ${eventWords(stop.event)} (step ${stop.event.step})` : 'no further event';
    case 'ended':
      return 'the run ended';
    case 'need_choice':
      return 'waiting for a scheduling choice';
    case 'step':
      return 'stepped';
    case 'protocol': {
      const bp = bps.find((b) => b.id === stop.id);
      return `protocol breakpoint: ${bp ? describeBreakpoint(bp.bp) : stop.id} (${eventWords(stop.event)}, step ${stop.event.step})`;
    }
    case 'watch':
      return `watch: ${watchWords(
        watches.find((w) => w.id === stop.id),
        stop.id,
      )} changed ${stop.before} → ${stop.after}`;
    case 'seek':
      return 'moved in time';
    case 'changed':
      return stop.what;
    case 'not_found':
      // The worker words the whole finding ("no earlier HF_MAILBOX_SEND", "vCPU 1.0 has not executed an instruction yet").
      return stop.what;
    case 'cancelled':
      return 'search cancelled (the machine did not move)';
  }
}
