/**
 * Protocol breakpoints: stop when the hypervisor does something, rather than
 * when an address executes. A breakpoint is plain data (it travels in share
 * links and worker messages, validated by the zod schema below); matching is
 * a pure function of the trace events, so it works the same forward and when
 * replaying backwards.
 *
 * Some conditions depend on protocol state at the event (e.g. "VM 2 becomes
 * empty while its waiter list is non-empty"). `ProtocolTracker` keeps that
 * state incrementally from the events themselves (waiter/ready list lengths),
 * so no machine view is needed to match.
 */
import { z } from 'zod';
import type { TraceEvent } from '../trace/events.ts';

const vmId = z.number().int().min(0).max(15);
const vcpuIdx = z.number().int().min(0).max(7);
const mailboxState = z.enum(['empty', 'received', 'read', 'idle', 'pending', 'inflight']);
const vcpuState = z.enum(['off', 'ready', 'running', 'blocked_mailbox', 'blocked_rpc', 'blocked_interrupt', 'aborted']);

/** What a hypercall's result must be: a number, or any failure (negative) / success (non-negative). */
const resultMatch = z.union([z.number().int(), z.enum(['fail', 'ok'])]);

export const protocolBreakpointSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hypercall'),
    /** e.g. 'HF_MAILBOX_SEND'; omitted = any hypercall. */
    name: z.string().min(1).optional(),
    callerVm: vmId.optional(),
    /** The VM named by the call's first argument (the target of send/run/inject/waiter_get). */
    targetVm: vmId.optional(),
    result: resultMatch.optional(),
  }),
  z.object({
    kind: z.literal('mailbox'),
    vm: vmId,
    to: mailboxState.optional(),
    /** Only when the VM's waiter list is non-empty at that moment. */
    waitersNonEmpty: z.boolean().optional(),
  }),
  z.object({
    kind: z.enum(['waiter_list', 'ready_list']),
    /** The list's owner; omitted = any VM's list. */
    owner: vmId.optional(),
    op: z.enum(['add', 'remove']).optional(),
  }),
  z.object({ kind: z.literal('run_return'), code: z.string().min(1).optional(), vm: vmId.optional() }),
  z.object({
    kind: z.literal('interrupt'),
    /** inject = the primary or a VM injected; deliver = the guest took the IRQ exception. */
    op: z.enum(['inject', 'deliver']),
    vm: vmId.optional(),
    intid: z.number().int().min(0).max(63).optional(),
  }),
  z.object({ kind: z.literal('vcpu_state'), vm: vmId.optional(), vcpu: vcpuIdx.optional(), to: vcpuState.optional() }),
]);

export type ProtocolBreakpoint = z.infer<typeof protocolBreakpointSchema>;

/** Protocol state needed by conditions, derived from the events seen so far. */
export class ProtocolTracker {
  private waiters = new Map<number, number>();

  /** Feeds one event (call for every event, in order, before matching it). */
  observe(e: TraceEvent): void {
    if (e.kind === 'waiter_list') {
      this.waiters.set(e.owner, (this.waiters.get(e.owner) ?? 0) + (e.op === 'add' ? 1 : -1));
    }
  }

  waiterCount(vm: number): number {
    return this.waiters.get(vm) ?? 0;
  }

  /** Plain-data copy (kept with keyframes so a replay can start mid-run). */
  save(): Record<number, number> {
    return Object.fromEntries(this.waiters);
  }

  load(s: Record<number, number>): void {
    this.waiters = new Map(Object.entries(s).map(([k, v]) => [Number(k), v]));
  }
}

function signedResult(e: Extract<TraceEvent, { kind: 'hypercall' }>): number | null {
  if (e.resultNum !== null) return e.resultNum;
  return BigInt.asIntN(64, BigInt(e.result)) < 0n ? -1 : 1;
}

/**
 * Does `e` hit breakpoint `bp`? `state` must have observed every event up to
 * and including `e`.
 */
export function matchesBreakpoint(bp: ProtocolBreakpoint, e: TraceEvent, state: ProtocolTracker): boolean {
  switch (bp.kind) {
    case 'hypercall': {
      if (e.kind !== 'hypercall') return false;
      if (bp.name !== undefined && bp.name !== e.name) return false;
      if (bp.callerVm !== undefined && bp.callerVm !== e.vm) return false;
      if (bp.targetVm !== undefined && Number(BigInt(e.args[0]) & 0xffffffffn) !== bp.targetVm) return false;
      if (bp.result !== undefined) {
        const r = signedResult(e);
        if (r === null) return false;
        if (bp.result === 'fail' ? r >= 0 : bp.result === 'ok' ? r < 0 : r !== bp.result) return false;
      }
      return true;
    }
    case 'mailbox':
      return (
        e.kind === 'mailbox_state' &&
        e.vm === bp.vm &&
        (bp.to === undefined || e.to === bp.to) &&
        (!bp.waitersNonEmpty || state.waiterCount(bp.vm) > 0)
      );
    case 'waiter_list':
    case 'ready_list':
      return e.kind === bp.kind && (bp.owner === undefined || e.owner === bp.owner) && (bp.op === undefined || e.op === bp.op);
    case 'run_return':
      return e.kind === 'run_return' && (bp.code === undefined || e.code === bp.code) && (bp.vm === undefined || e.vm === bp.vm);
    case 'interrupt':
      if (bp.op === 'inject') {
        return e.kind === 'interrupt' && e.op === 'inject' && (bp.vm === undefined || e.vm === bp.vm) && (bp.intid === undefined || e.intid === bp.intid);
      }
      // A delivery is the IRQ exception; which id the guest then gets is the next INTERRUPT_GET.
      return e.kind === 'exception' && e.type === 'irq' && (bp.vm === undefined || e.vm === bp.vm);
    case 'vcpu_state':
      return (
        e.kind === 'vcpu_state' &&
        (bp.vm === undefined || e.vm === bp.vm) &&
        (bp.vcpu === undefined || e.vcpu === bp.vcpu) &&
        (bp.to === undefined || e.to === bp.to)
      );
  }
}

/**
 * The latest match among `events` (a run's, in order) of any of `bps` whose
 * state step (event step + 1) is before `now`: a pure scan, the protocol
 * state tracked from the events themselves. Returns the state step, the
 * index in `bps` of the breakpoint that matched, and the event; or null.
 */
export function lastMatchBefore(
  bps: readonly ProtocolBreakpoint[],
  events: readonly TraceEvent[],
  now: number,
): { step: number; index: number; event: TraceEvent } | null {
  if (bps.length === 0) return null;
  const tracker = new ProtocolTracker();
  let found: { step: number; index: number; event: TraceEvent } | null = null;
  for (const e of events) {
    if (e.step + 1 >= now) break;
    tracker.observe(e);
    const index = bps.findIndex((bp) => matchesBreakpoint(bp, e, tracker));
    if (index >= 0) found = { step: e.step + 1, index, event: e };
  }
  return found;
}

/** The trace event kinds a breakpoint can match: lets the machine stop only when they occur. */
export function eventKindsOf(bp: ProtocolBreakpoint): TraceEvent['kind'][] {
  switch (bp.kind) {
    case 'hypercall':
      return ['hypercall'];
    case 'mailbox':
      return ['mailbox_state'];
    case 'waiter_list':
    case 'ready_list':
      return [bp.kind];
    case 'run_return':
      return ['run_return'];
    case 'interrupt':
      return bp.op === 'inject' ? ['interrupt'] : ['exception'];
    case 'vcpu_state':
      return ['vcpu_state'];
  }
}

/** A short human description, for lists and the "stopped because" line. */
export function describeBreakpoint(bp: ProtocolBreakpoint): string {
  const vmName = (id: number) => (id === 0 ? 'primary' : `VM ${id}`);
  switch (bp.kind) {
    case 'hypercall': {
      const parts = [bp.name ?? 'any hypercall'];
      if (bp.callerVm !== undefined) parts.push(`from ${vmName(bp.callerVm)}`);
      if (bp.targetVm !== undefined) parts.push(`to ${vmName(bp.targetVm)}`);
      if (bp.result !== undefined) parts.push(bp.result === 'fail' ? 'failing' : bp.result === 'ok' ? 'succeeding' : `returning ${bp.result}`);
      return parts.join(' ');
    }
    case 'mailbox':
      return `${vmName(bp.vm)} mailbox ${bp.to ? `becomes ${bp.to}` : 'changes state'}${bp.waitersNonEmpty ? ' while its waiter list is non-empty' : ''}`;
    case 'waiter_list':
    case 'ready_list': {
      const list = bp.kind === 'waiter_list' ? 'waiter list' : 'ready list';
      const whose = bp.owner === undefined ? `any ${list}` : `${vmName(bp.owner)}'s ${list}`;
      return bp.op ? `${bp.op === 'add' ? 'an entry joins' : 'an entry leaves'} ${whose}` : `${whose} changes`;
    }
    case 'run_return':
      return `run returns ${bp.code ?? 'any code'}${bp.vm !== undefined ? ` for ${vmName(bp.vm)}` : ''}`;
    case 'interrupt':
      return `interrupt ${bp.op === 'inject' ? 'injected' : 'delivered'}${bp.intid !== undefined ? ` (intid ${bp.intid})` : ''}${bp.vm !== undefined ? ` to ${vmName(bp.vm)}` : ''}`;
    case 'vcpu_state':
      return `vCPU ${bp.vm !== undefined ? `${bp.vm}.${bp.vcpu ?? '*'}` : 'any'} ${bp.to ? `becomes ${bp.to}` : 'changes state'}`;
  }
}
