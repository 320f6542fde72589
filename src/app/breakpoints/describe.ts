/**
 * Breakpoint things in words, for the Breakpoints panel: a watchpoint, and
 * why the machine stopped when a breakpoint or watchpoint did it.
 */
import type { StopInfo, Watchpoint } from '../../worker/protocol.ts';
import type { WatchpointSpec } from './entries.ts';

/** One line for a watchpoint, e.g. "VM 1 memory 0x80100..0x80107 (8 B)" or "vCPU 1.0 register x0". */
export function describeWatchpoint(w: WatchpointSpec | Watchpoint): string {
  if (w.kind === 'register') return `vCPU ${w.vm}.${w.vcpu} register ${w.reg}`;
  const end = w.addr + w.length - 1;
  return `VM ${w.vm} memory 0x${w.addr.toString(16)}..0x${end.toString(16)} (${w.length} B)`;
}

/** Why the machine stopped, in words, when a breakpoint or watchpoint did it (null otherwise). */
export function stopText(stop: StopInfo | null, names: { protocol(id: string): string | null; watch(id: string): string | null }): string | null {
  if (!stop) return null;
  switch (stop.kind) {
    case 'breakpoint':
      return stop.file !== null ? `Stopped at the breakpoint at ${stop.file}:${stop.line} (vCPU ${stop.vm}.${stop.vcpu}).` : null;
    case 'protocol':
      return `Stopped by protocol breakpoint ${stop.id}: ${names.protocol(stop.id) ?? 'removed since'} (step ${stop.event.step}).`;
    case 'watch':
      return `Stopped by watchpoint ${stop.id}: ${names.watch(stop.id) ?? 'removed since'} changed ${stop.before} → ${stop.after}.`;
    case 'not_found':
      return `No earlier stop: ${stop.what}.`;
    default:
      return null;
  }
}
