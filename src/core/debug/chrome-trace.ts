/**
 * Exports a run's trace in the Chrome trace-event format (the JSON object
 * form), which Perfetto's UI and chrome://tracing open.
 *
 * Mapping: one process per VM ("VM 1 echo"), one thread per vCPU; each vCPU
 * state is a complete slice ('X') on its thread; hypercalls, run returns,
 * interrupts and console writes are instant events ('i') on the vCPU that
 * made them; each message copy is a flow ('s' -> 'f') from sender to
 * receiver. Time is the step number: 1 step = 1 microsecond of trace time.
 */
import type { TraceEvent, VcpuState } from '../trace/events.ts';

export interface ChromeTraceEvent {
  name: string;
  ph: 'X' | 'i' | 's' | 'f' | 'M';
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  s?: 't' | 'p' | 'g';
  id?: number;
  bp?: 'e';
  cat?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: 'ns' | 'ms';
  otherData: Record<string, string>;
}

/** What the exporter needs to know about the machine: names and shape. */
export interface TraceShape {
  readonly vms: readonly { readonly id: number; readonly name: string; readonly vcpus: number }[];
  /** The last step of the run (closes open state slices). */
  readonly endStep: number;
}

/**
 * Builds the Chrome trace of `events`.
 * Returns: a JSON-serialisable object; no event is dropped except choice
 * bookkeeping, which would only add noise.
 */
export function toChromeTrace(events: readonly TraceEvent[], shape: TraceShape): ChromeTrace {
  const out: ChromeTraceEvent[] = [];
  for (const vm of shape.vms) {
    out.push({ name: 'process_name', ph: 'M', ts: 0, pid: vm.id, tid: 0, args: { name: `VM ${vm.id} ${vm.name}` } });
    out.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: vm.id, tid: 0, args: { sort_index: vm.id } });
    for (let v = 0; v < vm.vcpus; v++) {
      out.push({ name: 'thread_name', ph: 'M', ts: 0, pid: vm.id, tid: v, args: { name: `vCPU ${v}` } });
    }
  }

  // Open state slices per vCPU: (state, since).
  const open = new Map<string, { state: VcpuState; since: number }>();
  const close = (vm: number, vcpu: number, at: number) => {
    const key = `${vm}.${vcpu}`;
    const o = open.get(key);
    if (o && at > o.since) out.push({ name: o.state, cat: 'vcpu_state', ph: 'X', ts: o.since, dur: at - o.since, pid: vm, tid: vcpu });
    open.delete(key);
  };
  let flowId = 0;

  for (const e of events) {
    switch (e.kind) {
      case 'vcpu_state':
        close(e.vm, e.vcpu, e.step);
        open.set(`${e.vm}.${e.vcpu}`, { state: e.to, since: e.step });
        break;
      case 'hypercall':
        out.push({
          name: e.name,
          cat: 'hypercall',
          ph: 'i',
          s: 't',
          ts: e.step,
          pid: e.vm,
          tid: e.vcpu,
          args: { args: e.args, result: e.result, ...(e.reason ? { reason: e.reason } : {}), cpu: e.cpu },
        });
        break;
      case 'run_return':
        out.push({ name: `run -> ${e.code}`, cat: 'run_return', ph: 'i', s: 't', ts: e.step, pid: e.vm, tid: e.vcpu, args: { raw: e.raw, ...e.fields } });
        break;
      case 'message_copy': {
        const id = ++flowId;
        out.push({ name: `message ${e.size} B`, cat: 'message', ph: 's', id, ts: e.step, pid: e.from, tid: 0, args: { to: e.to, size: e.size } });
        out.push({ name: `message ${e.size} B`, cat: 'message', ph: 'f', bp: 'e', id, ts: e.step, pid: e.to, tid: 0 });
        break;
      }
      case 'interrupt':
        if (e.op === 'inject' || e.op === 'get') {
          out.push({ name: `${e.op} intid ${e.intid}`, cat: 'interrupt', ph: 'i', s: 't', ts: e.step, pid: e.vm, tid: e.vcpu, args: { pending: e.pending, enabled: e.enabled } });
        }
        break;
      case 'mailbox_state':
        out.push({ name: `mailbox ${e.from} -> ${e.to}`, cat: 'mailbox', ph: 'i', s: 'p', ts: e.step, pid: e.vm, tid: 0, args: { cause: e.cause, sender: e.sender, size: e.size } });
        break;
      case 'waiter_list':
        out.push({ name: `waiter list ${e.op} VM ${e.waiter}`, cat: 'lists', ph: 'i', s: 'p', ts: e.step, pid: e.owner, tid: 0 });
        break;
      case 'ready_list':
        out.push({ name: `ready list ${e.op} VM ${e.entry}`, cat: 'lists', ph: 'i', s: 'p', ts: e.step, pid: e.owner, tid: 0 });
        break;
      case 'console':
        out.push({ name: 'console', cat: 'console', ph: 'i', s: 't', ts: e.step, pid: e.vm, tid: e.vcpu, args: { text: e.text } });
        break;
      case 'fault':
        out.push({ name: `fault: ${e.message}`, cat: 'fault', ph: 'i', s: 'p', ts: e.step, pid: e.vm, tid: e.vcpu, args: { addr: e.addr, pc: e.pc, esr: e.esr } });
        break;
      case 'exception':
        out.push({ name: `IRQ taken`, cat: 'interrupt', ph: 'i', s: 't', ts: e.step, pid: e.vm, tid: e.vcpu, args: { pc: e.pc, vector: e.vector } });
        break;
      case 'trap':
        out.push({ name: e.what.toUpperCase(), cat: 'trap', ph: 'i', s: 't', ts: e.step, pid: e.vm, tid: e.vcpu, args: { pc: e.pc } });
        break;
      case 'end':
        out.push({ name: `end: ${e.reason.kind}`, cat: 'machine', ph: 'i', s: 'g', ts: e.step, pid: 0, tid: 0 });
        break;
      default:
        // switch, choice, thread_state, recv_stack, virq_line, forced_return,
        // mailbox_configure: bookkeeping a timeline view does not need.
        break;
    }
  }
  for (const key of [...open.keys()]) {
    const [vm, vcpu] = key.split('.').map(Number);
    close(vm, vcpu, shape.endStep);
  }
  return { traceEvents: out, displayTimeUnit: 'ns', otherData: { producer: 'hvlab', timeUnit: '1 us = 1 machine step' } };
}
