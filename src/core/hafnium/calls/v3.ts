/**
 * The hypercalls `v3-notify` adds (reference 4.3): VM id, yield, writable
 * notifications and the paravirtual interrupt controller, plus the
 * generation's dispatch table.
 */
import { fail, type Call, type Handler, type Hypervisor } from '../hypervisor.ts';
import { HF_INVALID_INTID, HF_NUM_INTIDS, type V3Function } from '../abi/v3.ts';
import type { VcpuModel } from '../model.ts';
import { hexPair, pair, u64, ZERO, type U64 } from '../u64.ts';
import { isNonZero, mailboxClear, mailboxReceive, mailboxSend, vcpuGetCount, vcpuRun, vmConfigure, vmGetCount } from './common.ts';

/**
 * HF_VM_GET_ID: the caller's VM id.
 * Returns: the id (0 for the primary).
 */
export function vmGetId(_hv: Hypervisor, c: Call): U64 {
  return u64(c.vm.id);
}

/**
 * HF_VCPU_YIELD: a secondary gives its physical CPU back to the primary.
 * Returns: 0 (a secondary sees it when next run; it switches to the primary
 * with YIELD and stays `ready`). From the primary: 0, a no-op.
 */
export function vcpuYield(hv: Hypervisor, c: Call): U64 {
  if (c.vm.id !== 0) hv.switchToPrimary(c, { code: 'YIELD' }, 'ready');
  return ZERO;
}

/**
 * HF_MAILBOX_WRITABLE_GET: the next VM whose mailbox became writable for the
 * caller (after a failed send with notify and WAITER_GET by the primary).
 * Returns: -1 if the caller's ready list is empty; else the id at its head
 * (removed). Call until -1.
 */
export function mailboxWritableGet(hv: Hypervisor, c: Call): U64 {
  const id = c.vm.readyList.shift();
  if (id === undefined) return fail(c, 'ready list is empty');
  if (hv.trace.on) hv.emit({ kind: 'ready_list', op: 'remove', owner: c.vm.id, entry: id });
  return u64(id);
}

/**
 * HF_MAILBOX_WAITER_GET(vm): the primary collects the next VM waiting for
 * `vm`'s mailbox, moving its wait entry to that VM's ready list.
 * Returns:
 *  - -1 if the caller is not the primary, or `vm` does not exist;
 *  - -1 if `vm`'s mailbox is not empty, its receive page is not configured,
 *    or its waiter list is empty (a refilled mailbox keeps its waiters);
 *  - otherwise the waiting VM's id (0 when the primary waited). The primary
 *    must then inject HF_MAILBOX_WRITABLE_INTID into a vCPU of that VM.
 */
export function mailboxWaiterGet(hv: Hypervisor, c: Call): U64 {
  if (c.vm.id !== 0) return fail(c, 'caller is not the primary');
  const vm = hv.vmById(c.a1.lo);
  if (!vm) return fail(c, `VM ${c.a1.lo} does not exist`);
  if (vm.mailbox.state !== 'empty') return fail(c, `VM ${vm.id}'s mailbox is ${vm.mailbox.state}, not empty`);
  if (vm.mailbox.recv === null) return fail(c, `VM ${vm.id}'s receive page is not configured`);
  const waiter = vm.waiterList.shift();
  if (waiter === undefined) return fail(c, `no VM waits for VM ${vm.id}`);
  if (hv.trace.on) hv.emit({ kind: 'waiter_list', op: 'remove', owner: vm.id, waiter });
  const w = hv.model.vms[waiter];
  if (!w.readyList.includes(vm.id)) {
    w.readyList.push(vm.id);
    if (hv.trace.on) hv.emit({ kind: 'ready_list', op: 'add', owner: waiter, entry: vm.id });
  }
  return u64(waiter);
}

function bit(intid: number): { lo: number; hi: number } {
  return intid < 32 ? { lo: (1 << intid) >>> 0, hi: 0 } : { lo: 0, hi: (1 << (intid - 32)) >>> 0 };
}

/** Records an interrupt event for `v` (its bitmaps after the operation); `external`: injected from outside the machine. */
export function interruptEvent(hv: Hypervisor, v: VcpuModel, op: 'enable' | 'disable' | 'inject' | 'get', intid: number, external = false): void {
  hv.emit({
    kind: 'interrupt',
    op,
    vm: v.vm,
    vcpu: v.index,
    intid,
    enabled: hexPair(v.enabledLo, v.enabledHi),
    pending: hexPair(v.pendingLo, v.pendingHi),
    ...(external ? { external: true as const } : {}),
  });
}

/**
 * HF_INTERRUPT_ENABLE(intid, enable): enables or disables an interrupt id on
 * the caller's vCPU. A pending id being enabled counts as enabled-and-pending
 * (the virtual IRQ line rises at the end of the call); disabling uncounts it.
 * Returns: -1 if intid ≥ 64; else 0.
 */
export function interruptEnable(hv: Hypervisor, c: Call): U64 {
  const intid = c.a1.lo;
  if (c.a1.lo >= HF_NUM_INTIDS) return fail(c, `intid ${intid} ≥ 64`);
  const v = c.caller;
  const b = bit(intid);
  const enabled = ((v.enabledLo & b.lo) | (v.enabledHi & b.hi)) !== 0;
  const pending = ((v.pendingLo & b.lo) | (v.pendingHi & b.hi)) !== 0;
  const enable = isNonZero(c.a2);
  if (enable && !enabled && pending) v.count++;
  if (!enable && enabled && pending) v.count--;
  if (enable) {
    v.enabledLo = (v.enabledLo | b.lo) >>> 0;
    v.enabledHi = (v.enabledHi | b.hi) >>> 0;
  } else {
    v.enabledLo = (v.enabledLo & ~b.lo) >>> 0;
    v.enabledHi = (v.enabledHi & ~b.hi) >>> 0;
  }
  if (hv.trace.on) interruptEvent(hv, v, enable ? 'enable' : 'disable', intid);
  return ZERO;
}

/**
 * HF_INTERRUPT_GET: acknowledges (consumes) the caller's lowest enabled and
 * pending interrupt id. No priorities, no EOI.
 * Returns: that id (its pending bit cleared); 0xffffffff if none.
 */
export function interruptGet(hv: Hypervisor, c: Call): U64 {
  const v = c.caller;
  const lo = (v.enabledLo & v.pendingLo) >>> 0;
  const hi = (v.enabledHi & v.pendingHi) >>> 0;
  let intid = HF_INVALID_INTID;
  if (lo !== 0) intid = 31 - Math.clz32(lo & -lo);
  else if (hi !== 0) intid = 32 + 31 - Math.clz32(hi & -hi);
  if (intid === HF_INVALID_INTID) {
    c.reason = 'no enabled interrupt is pending';
  } else {
    const b = bit(intid);
    v.pendingLo = (v.pendingLo & ~b.lo) >>> 0;
    v.pendingHi = (v.pendingHi & ~b.hi) >>> 0;
    v.count--;
  }
  if (hv.trace.on) interruptEvent(hv, v, 'get', intid);
  return pair(intid, 0);
}

/**
 * HF_INTERRUPT_INJECT(vm, vcpu, intid): makes `intid` pending on a vCPU. The
 * primary may target any VM; a secondary only its own.
 * Returns:
 *  - -1 if intid ≥ 64, the VM does not exist, vcpu is out of range, or a
 *    secondary targets another VM;
 *  - 0 if the id is disabled on the target or already pending (just marked
 *    pending), or another enabled interrupt was already pending;
 *  - otherwise (the target's first enabled-and-pending interrupt) a target
 *    `blocked_interrupt` becomes `ready`, and one `blocked_mailbox` becomes
 *    `ready` and leaves the receive stack (its receive fails); then: the
 *    primary gets 1 ("run it, or kick it if it runs elsewhere", even if it was
 *    not blocked); a secondary injecting into another vCPU gets 0 and
 *    switches to the primary with WAKE_UP(vm, vcpu); a vCPU injecting into
 *    itself gets 0 (its line rises at the end of the call).
 */
export function interruptInject(hv: Hypervisor, c: Call): U64 {
  const intid = c.a3.lo;
  if (intid >= HF_NUM_INTIDS) return fail(c, `intid ${intid} ≥ 64`);
  const vm = hv.vmById(c.a1.lo);
  if (!vm) return fail(c, `VM ${c.a1.lo} does not exist`);
  const target = vm.vcpus[c.a2.lo];
  if (!target || c.a2.lo >= vm.vcpus.length) return fail(c, `VM ${vm.id} has no vCPU ${c.a2.lo}`);
  if (c.vm.id !== 0 && vm.id !== c.vm.id) return fail(c, 'a secondary may only inject into its own VM');
  let result = ZERO;
  if (markPending(hv, target, intid, 'HF_INTERRUPT_INJECT')) {
    if (c.vm.id === 0) result = u64(1);
    else if (target !== c.caller) hv.switchToPrimary(c, { code: 'WAKE_UP', vm: vm.id, vcpu: target.index }, 'ready');
  }
  if (hv.trace.on) interruptEvent(hv, target, 'inject', intid);
  return result;
}

/**
 * The effect of an injection on its target (intid < HF_NUM_INTIDS, checked
 * by the caller): marks `intid` pending; if that makes it the target's first
 * enabled-and-pending interrupt, a `blocked_interrupt` target becomes
 * `ready`, and a `blocked_mailbox` one leaves the receive stack and becomes
 * `ready` (`cause` names why, in the vcpu_state event). Records no interrupt
 * event (the caller does, after its own effects).
 * Returns: whether it was the target's first enabled-and-pending interrupt.
 */
export function markPending(hv: Hypervisor, target: VcpuModel, intid: number, cause: string): boolean {
  const b = bit(intid);
  const enabled = ((target.enabledLo & b.lo) | (target.enabledHi & b.hi)) !== 0;
  const pending = ((target.pendingLo & b.lo) | (target.pendingHi & b.hi)) !== 0;
  target.pendingLo = (target.pendingLo | b.lo) >>> 0;
  target.pendingHi = (target.pendingHi | b.hi) >>> 0;
  if (!enabled || pending) return false;
  target.count++;
  if (target.count !== 1) return false;
  if (target.state === 'blocked_interrupt') {
    hv.setState(target, 'ready', cause);
  } else if (target.state === 'blocked_mailbox') {
    hv.unlinkRecvWaiter(target);
    hv.setState(target, 'ready', cause);
  }
  return true;
}

/** The `v3-notify` dispatch table: every C3 hypercall. */
export const V3_CALLS: Record<V3Function, Handler> = {
  HF_VM_GET_ID: vmGetId,
  HF_VM_GET_COUNT: vmGetCount,
  HF_VCPU_GET_COUNT: vcpuGetCount,
  HF_VCPU_RUN: vcpuRun,
  HF_VCPU_YIELD: vcpuYield,
  HF_VM_CONFIGURE: vmConfigure,
  HF_MAILBOX_SEND: mailboxSend,
  HF_MAILBOX_RECEIVE: mailboxReceive,
  HF_MAILBOX_CLEAR: mailboxClear,
  HF_MAILBOX_WRITABLE_GET: mailboxWritableGet,
  HF_MAILBOX_WAITER_GET: mailboxWaiterGet,
  HF_INTERRUPT_ENABLE: interruptEnable,
  HF_INTERRUPT_GET: interruptGet,
  HF_INTERRUPT_INJECT: interruptInject,
};
