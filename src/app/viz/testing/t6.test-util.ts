/**
 * Test fixture: the trace of Hafnium's mailbox/primary_to_secondary test (T6,
 * reference section 5.2) as the hypervisor records it, with VM 0 the primary
 * (a guest test runner), VM 1 running echo_with_notification and VM 2 idle.
 * Step numbers are illustrative but ordered as the real run orders them.
 */
import type { EventBody, Hex64, TraceEvent, VcpuState } from '../../../core/trace/events.ts';
import type { VmShape } from '../common/shapes.ts';

/** A number as the trace's 64-bit hex (two's complement for negatives). */
export function hex(n: number): Hex64 {
  return `0x${BigInt.asUintN(64, BigInt(n)).toString(16).padStart(16, '0')}`;
}

/** Builds a trace in order; `at(step)` sets the step of the following events. */
export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private step = 0;
  at(step: number): this {
    this.step = step;
    return this;
  }
  push(body: EventBody, cpu = 0): this {
    this.events.push({ ...body, step: this.step, cpu } as TraceEvent);
    return this;
  }
  hvc(vm: number, name: string, args: readonly number[], result: number, reason?: string): this {
    const a = [0, 1, 2].map((i) => hex(args[i] ?? 0)) as [Hex64, Hex64, Hex64];
    return this.push({ kind: 'hypercall', vm, vcpu: 0, name, id: 0, args: a, result: hex(result), resultNum: result, ...(reason ? { reason } : {}) });
  }
  state(vm: number, from: VcpuState, to: VcpuState, cause: string): this {
    return this.push({ kind: 'vcpu_state', vm, vcpu: 0, from, to, cause });
  }
  mailbox(vm: number, from: 'empty' | 'received' | 'read', to: 'empty' | 'received' | 'read', cause: string, sender: number | null, size: number): this {
    return this.push({ kind: 'mailbox_state', vm, from, to, cause, sender, size });
  }
  copy(from: number, to: number, size: number): this {
    return this.push({ kind: 'message_copy', from, to, size, payload: '', truncated: false });
  }
  ret(vm: number, code: string, fields: Record<string, number> = {}): this {
    return this.push({ kind: 'run_return', vm, vcpu: 0, code, raw: hex(0), fields });
  }
  /** The primary runs VM `vm`'s vCPU 0 (HF_VCPU_RUN succeeding). */
  run(vm: number): this {
    return this.hvc(0, 'HF_VCPU_RUN', [vm, 0], 0).state(vm, 'ready', 'running', 'HF_VCPU_RUN');
  }
}

/** The three VMs of the T6 setup, in their boot states. */
export const T6_VMS: readonly VmShape[] = [
  { id: 0, name: 'primary', vcpus: [{ index: 0, state: 'running' }] },
  { id: 1, name: 'service0', vcpus: [{ index: 0, state: 'ready' }] },
  { id: 2, name: 'service1', vcpus: [{ index: 0, state: 'ready' }] },
];

/** The T6 trace, from set_up_mailbox to the second MESSAGE 15 (step 300). */
export function t6Trace(): TraceEvent[] {
  const t = new TraceBuilder();
  t.at(10).hvc(0, 'HF_VM_CONFIGURE', [0x1000, 0x2000], 0);
  // SERVICE_SELECT(1, "echo_with_notification")
  t.at(20).run(1);
  t.at(30).hvc(1, 'HF_VM_CONFIGURE', [0x1000, 0x2000], 0);
  t.at(40).hvc(1, 'HF_MAILBOX_RECEIVE', [1], 0).state(1, 'running', 'blocked_mailbox', 'HF_MAILBOX_RECEIVE').ret(1, 'WAIT_FOR_INTERRUPT');
  t.at(50).hvc(0, 'HF_MAILBOX_SEND', [1, 22, 0], 0).copy(0, 1, 22).mailbox(1, 'empty', 'read', 'HF_MAILBOX_SEND', 0, 22).state(1, 'blocked_mailbox', 'ready', 'HF_MAILBOX_SEND');
  t.at(60).run(1);
  t.at(70).hvc(1, 'HF_MAILBOX_CLEAR', [], 0).mailbox(1, 'read', 'empty', 'HF_MAILBOX_CLEAR', null, 0);
  t.at(80).hvc(1, 'HF_VCPU_YIELD', [], 0).state(1, 'running', 'ready', 'HF_VCPU_YIELD').ret(1, 'YIELD');
  // T6 step 2: the service enables WRITABLE and blocks in receive.
  t.at(90).run(1);
  t.at(100).hvc(1, 'HF_INTERRUPT_ENABLE', [2, 1], 0);
  t.at(110).hvc(1, 'HF_MAILBOX_RECEIVE', [1], 0).state(1, 'running', 'blocked_mailbox', 'HF_MAILBOX_RECEIVE').ret(1, 'WAIT_FOR_INTERRUPT');
  // Steps 3-4: "not ready echo" goes out and comes back as MESSAGE 15.
  t.at(120).hvc(0, 'HF_MAILBOX_SEND', [1, 15, 0], 0).copy(0, 1, 15).mailbox(1, 'empty', 'read', 'HF_MAILBOX_SEND', 0, 15).state(1, 'blocked_mailbox', 'ready', 'HF_MAILBOX_SEND');
  t.at(130).run(1);
  t.at(140).hvc(1, 'HF_MAILBOX_SEND', [0, 15, 1], 0).copy(1, 0, 15).mailbox(0, 'empty', 'read', 'HF_MAILBOX_SEND', 1, 15).state(1, 'running', 'ready', 'HF_MAILBOX_SEND').ret(1, 'MESSAGE', { size: 15 });
  // Step 5: the service clears its own mailbox and blocks again; the primary does not clear.
  t.at(150).run(1);
  t.at(160).hvc(1, 'HF_MAILBOX_CLEAR', [], 0).mailbox(1, 'read', 'empty', 'HF_MAILBOX_CLEAR', null, 0);
  t.at(170).hvc(1, 'HF_MAILBOX_RECEIVE', [1], 0).state(1, 'running', 'blocked_mailbox', 'HF_MAILBOX_RECEIVE').ret(1, 'WAIT_FOR_INTERRUPT');
  // Step 6-7: the reversed text; the echo back is refused (primary mailbox still read).
  t.at(180).hvc(0, 'HF_MAILBOX_SEND', [1, 15, 0], 0).copy(0, 1, 15).mailbox(1, 'empty', 'read', 'HF_MAILBOX_SEND', 0, 15).state(1, 'blocked_mailbox', 'ready', 'HF_MAILBOX_SEND');
  t.at(190).run(1);
  t.at(200).hvc(1, 'HF_MAILBOX_SEND', [0, 15, 1], -1, 'target mailbox not empty').push({ kind: 'waiter_list', op: 'add', owner: 0, waiter: 1 });
  t.at(210).hvc(1, 'HF_MAILBOX_WRITABLE_GET', [], -1);
  t.at(220).push({ kind: 'trap', vm: 1, vcpu: 0, what: 'wfi', pc: hex(0x80100) }).state(1, 'running', 'blocked_interrupt', 'WFI').ret(1, 'WAIT_FOR_INTERRUPT');
  // Steps 8-10: clear -> 1, WAITER_GET moves the entry, WRITABLE is injected.
  t.at(230).hvc(0, 'HF_MAILBOX_CLEAR', [], 1).mailbox(0, 'read', 'empty', 'HF_MAILBOX_CLEAR', null, 0);
  t.at(240).hvc(0, 'HF_MAILBOX_WAITER_GET', [0], 1).push({ kind: 'waiter_list', op: 'remove', owner: 0, waiter: 1 }).push({ kind: 'ready_list', op: 'add', owner: 1, entry: 0 });
  t.at(250).hvc(0, 'HF_MAILBOX_WAITER_GET', [0], -1);
  t.at(260).hvc(0, 'HF_INTERRUPT_INJECT', [1, 0, 2], 1).state(1, 'blocked_interrupt', 'ready', 'HF_INTERRUPT_INJECT');
  // Step 11: the service takes the IRQ, learns VM 0 is writable, and the retry succeeds.
  t.at(270).run(1);
  t.at(280).hvc(1, 'HF_INTERRUPT_GET', [], 2);
  t.at(290).hvc(1, 'HF_MAILBOX_WRITABLE_GET', [], 0).push({ kind: 'ready_list', op: 'remove', owner: 1, entry: 0 });
  t.at(300).hvc(1, 'HF_MAILBOX_SEND', [0, 15, 1], 0).copy(1, 0, 15).mailbox(0, 'empty', 'read', 'HF_MAILBOX_SEND', 1, 15).state(1, 'running', 'ready', 'HF_MAILBOX_SEND').ret(1, 'MESSAGE', { size: 15 });
  return t.events;
}
