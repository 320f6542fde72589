/**
 * Hypercalls whose logic is shared between ABI generations, with the
 * generation's differences (reference sections 2.3, 3.4, 4.3) as explicit
 * branches on `hv.gen`. Each function is one hypercall; its comment is the
 * contract ("Returns:" each result and its condition).
 *
 * Argument widths follow Hafnium's C prototypes: VM ids, vCPU indices and
 * intids are uint32 (the register's low half); sizes, addresses and flags
 * use the whole 64-bit register.
 */
import { fail, type Call, type Hypervisor } from '../hypervisor.ts';
import { HF_INVALID_VCPU, HF_MAILBOX_SIZE, encodeReceiveV3 } from '../abi/v3.ts';
import { encodeReceiveV2 } from '../abi/v2.ts';
import type { VmModel } from '../model.ts';
import { hex64, MINUS_ONE, pair, u64, ZERO, type U64 } from '../u64.ts';

const PAGE = 4096;

/** A 64-bit size argument above HF_MAILBOX_SIZE? */
export function sizeTooBig(v: U64): boolean {
  return v.hi !== 0 || v.lo > HF_MAILBOX_SIZE;
}

export function isNonZero(v: U64): boolean {
  return v.lo !== 0 || v.hi !== 0;
}

/**
 * HF_VM_GET_COUNT: how many VMs there are.
 * Returns: the number of VMs, primary included (v2, v3); the number of secondaries (v1).
 */
export function vmGetCount(hv: Hypervisor): U64 {
  const n = hv.model.vms.length;
  return u64(hv.gen === 'v1-rpc' ? n - 1 : n);
}

/**
 * HF_VCPU_GET_COUNT(vm): how many vCPUs a VM has.
 * Returns:
 *  - -1 if the caller is not the primary (v2, v3; at v1 any VM may ask);
 *  - -1 if the VM does not exist (v1: secondary index out of range);
 *  - otherwise its vCPU count (the primary may ask about itself at v2, v3).
 */
export function vcpuGetCount(hv: Hypervisor, c: Call): U64 {
  if (hv.gen !== 'v1-rpc' && c.vm.id !== 0) return fail(c, 'caller is not the primary');
  const target = hv.vmById(guestVmNumberToId(hv, c.a1.lo));
  if (!target || (hv.gen === 'v1-rpc' && target.id === 0)) return fail(c, `VM ${c.a1.lo} does not exist`);
  return u64(target.vcpus.length);
}

/** The model's VM id for a guest-visible VM number (v1 numbers secondaries from 0). */
export function guestVmNumberToId(hv: Hypervisor, n: number): number {
  return hv.abi.firstSecondaryNumber === 0 ? n + 1 : n;
}

/**
 * HF_VCPU_RUN(vm, vcpu): the primary runs a secondary vCPU on its own
 * physical CPU until that vCPU needs the scheduler again.
 * Returns, without switching, WAIT_FOR_INTERRUPT (C3: 2; C1, C2: 1) if:
 *  - the caller is not the primary;
 *  - vm is the primary (v2, v3) or does not exist;
 *  - vcpu is out of range;
 *  - the target is not `ready` (blocked, off, aborted or running elsewhere).
 * Otherwise the target becomes `running` on this CPU (C3: its forced return
 * value is applied, its virtual IRQ line set from its pending interrupts) and
 * runs; the primary's x0 holds a placeholder (C3: PREEMPTED, C1/C2: YIELD)
 * until the secondary's exit overwrites it with the real code.
 */
export function vcpuRun(hv: Hypervisor, c: Call): U64 {
  if (c.vm.id !== 0) return runFailed(hv, c, 'caller is not the primary');
  const id = guestVmNumberToId(hv, c.a1.lo);
  if (id === 0) return runFailed(hv, c, 'the primary cannot be run');
  const vm = hv.vmById(id);
  if (!vm) return runFailed(hv, c, `VM ${c.a1.lo} does not exist`);
  const target = vm.vcpus[c.a2.lo];
  if (!target || c.a2.lo >= vm.vcpus.length) return runFailed(hv, c, `VM ${id} has no vCPU ${c.a2.lo}`);
  if (target.state !== 'ready') return runFailed(hv, c, `VM ${id} vCPU ${target.index} is ${target.state}, not ready`);
  target.cpu = c.cpu;
  hv.setState(target, 'running', 'HF_VCPU_RUN');
  hv.applyForced(target);
  c.next = target;
  return hv.abi.encodeRunReturn({ code: hv.abi.runPlaceholder });
}

/** A failed HF_VCPU_RUN: WAIT_FOR_INTERRUPT without switching (recorded as a run code when the primary called). */
function runFailed(hv: Hypervisor, c: Call, reason: string): U64 {
  c.reason = reason;
  const raw = hv.abi.encodeRunReturn({ code: 'WAIT_FOR_INTERRUPT' });
  if (c.vm.id === 0) hv.recordRunReturn(guestVmNumberToId(hv, c.a1.lo), c.a2.lo, { code: 'WAIT_FOR_INTERRUPT' }, raw);
  return raw;
}

/**
 * Checks for HF_VM_CONFIGURE shared by every generation.
 * Returns: a reason the pages are refused, or null.
 */
function configureRefusal(hv: Hypervisor, c: Call): string | null {
  const send = c.a1;
  const recv = c.a2;
  if ((send.lo & (PAGE - 1)) !== 0 || (recv.lo & (PAGE - 1)) !== 0) return 'send or recv address is not 4 KiB aligned';
  if (hv.gen !== 'v1-rpc' && send.hi === recv.hi && send.lo >>> 12 === recv.lo >>> 12) return 'send and recv are the same page';
  const mb = c.vm.mailbox;
  if (mb.send !== null || mb.recv !== null) return 'mailbox already configured';
  const mem = hv.host.memory(c.vm.id);
  for (const a of [send, recv]) {
    if (a.hi !== 0 || a.lo < mem.base || a.lo + PAGE > mem.base + mem.size) return `page 0x${a.hi ? a.hi.toString(16) + a.lo.toString(16).padStart(8, '0') : a.lo.toString(16)} is not mapped in the VM's stage-2`;
  }
  return null;
}

/**
 * HF_VM_CONFIGURE(send, recv): registers the caller's send and receive pages
 * (IPAs, one page each, once).
 * Returns:
 *  - -1 if either address is not 4 KiB aligned;
 *  - -1 if both are the same page (v2, v3);
 *  - -1 if the mailbox is already configured;
 *  - -1 if either page is outside the caller's memory (not mapped in its stage-2);
 *  - v1, v2: 0 on success;
 *  - v3: the waiter result: 0 if nobody waits for this mailbox; 1 if waiters
 *    exist and the caller is the primary (it must call WAITER_GET(0) until
 *    -1); 0 with a switch to the primary with NOTIFY_WAITERS if waiters exist
 *    and the caller is a secondary.
 * At v3 the receive page becomes read-only for the VM (shared, not owned).
 */
export function vmConfigure(hv: Hypervisor, c: Call): U64 {
  const refusal = configureRefusal(hv, c);
  if (refusal) return fail(c, refusal);
  const mb = c.vm.mailbox;
  mb.send = c.a1.lo;
  mb.recv = c.a2.lo;
  if (hv.gen === 'v3-notify') hv.host.memory(c.vm.id).setReadOnly(mb.recv, PAGE, true);
  if (hv.trace.on) hv.emit({ kind: 'mailbox_configure', vm: c.vm.id, send: hex64(c.a1), recv: hex64(c.a2) });
  return hv.gen === 'v3-notify' ? waiterResult(hv, c) : ZERO;
}

/**
 * C3's waiter result, shared by CONFIGURE and CLEAR: 0 if the caller's
 * waiter list is empty; 1 if not and the caller is the primary; otherwise 0
 * and the caller switches to the primary with NOTIFY_WAITERS.
 */
export function waiterResult(hv: Hypervisor, c: Call): U64 {
  if (c.vm.waiterList.length === 0) return ZERO;
  if (c.vm.id === 0) return u64(1);
  hv.switchToPrimary(c, { code: 'NOTIFY_WAITERS' }, 'ready');
  return ZERO;
}

/** The receive return at this generation. */
function receiveReturn(hv: Hypervisor, vm: number, size: number): U64 {
  return hv.gen === 'v3-notify' ? encodeReceiveV3({ vm, size }) : encodeReceiveV2({ vm, size });
}

/** C3's failed receive: (HF_INVALID_VM_ID, 0). */
const RECEIVE_FAILED_V3: U64 = pair(0xffffffff, 0);

/** A failed receive: (0xffffffff, 0) at v3, -1 at v2. */
function receiveFailed(hv: Hypervisor, c: Call, reason: string): U64 {
  c.reason = reason;
  return hv.gen === 'v3-notify' ? RECEIVE_FAILED_V3 : MINUS_ONE;
}

/**
 * HF_MAILBOX_SEND(target, size, notify) (v2, v3; notify from v3): copies
 * `size` bytes of the caller's send page into the target's receive page.
 * Returns:
 *  - -1 if size > 4096; if the target is the caller; if the target does not
 *    exist; if the caller's send page is not configured;
 *  - -1 if the target's mailbox is not empty or its receive page is not
 *    configured; at v3 with notify set, the caller's wait entry for the target
 *    joins the target's waiter list (once);
 *  - target is the primary: 0, and the caller switches to the primary with
 *    MESSAGE(size) (the primary's mailbox is left `read`);
 *  - caller is the primary: the index of the receiver vCPU woken (it was
 *    blocked in receive and now gets (sender, size)), or 0xffff if none was
 *    waiting (mailbox `received`); no switch;
 *  - caller is a secondary: 0, and it switches to the primary with
 *    WAKE_UP(target, that index or 0xffff).
 */
export function mailboxSend(hv: Hypervisor, c: Call): U64 {
  if (sizeTooBig(c.a2)) return fail(c, `size ${c.a2.hi ? '≥ 2^32' : c.a2.lo} exceeds HF_MAILBOX_SIZE (4096)`);
  const size = c.a2.lo;
  const targetId = c.a1.lo;
  if (targetId === c.vm.id) return fail(c, 'a VM cannot send to itself');
  const to = hv.vmById(targetId);
  if (!to) return fail(c, `VM ${targetId} does not exist`);
  if (c.vm.mailbox.send === null) return fail(c, "caller's send page is not configured");
  if (to.mailbox.state !== 'empty' || to.mailbox.recv === null) {
    const why = to.mailbox.recv === null ? `VM ${to.id}'s receive page is not configured` : `VM ${to.id}'s mailbox is ${to.mailbox.state}, not empty`;
    if (hv.gen === 'v3-notify' && isNonZero(c.a3)) addWaiter(hv, to, c.vm.id);
    return fail(c, why);
  }
  hv.copyMessage(c.vm, to, size);
  to.mailbox.size = size;
  to.mailbox.sender = c.vm.id;
  if (to.id === 0) {
    hv.setMailbox(to, 'read', 'HF_MAILBOX_SEND');
    hv.switchToPrimary(c, { code: 'MESSAGE', size }, 'ready');
    return ZERO;
  }
  const receiver = hv.popRecvWaiter(to);
  let chosen = HF_INVALID_VCPU;
  if (!receiver) {
    hv.setMailbox(to, 'received', 'HF_MAILBOX_SEND');
  } else {
    hv.setMailbox(to, 'read', 'HF_MAILBOX_SEND');
    hv.setState(receiver, 'ready', 'HF_MAILBOX_SEND');
    const ret = receiveReturn(hv, c.vm.id, size);
    if (hv.gen === 'v3-notify') hv.force(receiver, ret);
    else hv.setSavedX0(receiver, ret);
    chosen = receiver.index;
  }
  if (c.vm.id === 0) return u64(chosen);
  hv.switchToPrimary(c, { code: 'WAKE_UP', vm: to.id, vcpu: chosen }, 'ready');
  return ZERO;
}

/** Links VM `waiter`'s wait entry for `target` on target's waiter list, unless already linked. */
function addWaiter(hv: Hypervisor, target: VmModel, waiter: number): void {
  if (target.waiterList.includes(waiter)) return;
  target.waiterList.push(waiter);
  if (hv.trace.on) hv.emit({ kind: 'waiter_list', op: 'add', owner: target.id, waiter });
}

/**
 * HF_MAILBOX_RECEIVE(block) (v2, v3): takes the message in the caller's mailbox.
 * Returns:
 *  - the primary calls: -1 (v2); (0xffffffff, 0) (v3): it receives through run codes;
 *  - mailbox `received`: (sender, size); the mailbox becomes `read`;
 *  - otherwise, block = 0: -1 (v2); (0xffffffff, 0) (v3);
 *  - otherwise the caller blocks (pushed on the receive stack) and switches
 *    to the primary with WAIT_FOR_INTERRUPT. Its x0 reads 0 (v2) or
 *    (0xffffffff, 0) (v3) unless a sender replaces it with (sender, size);
 *    at v3 an interrupt may wake it first and it sees the failure value.
 *    v2 quirk: the blocked receiver's state ends `blocked_interrupt` (the
 *    switch helper overwrote `blocked_mailbox` until b481655c).
 */
export function mailboxReceive(hv: Hypervisor, c: Call): U64 {
  const v3 = hv.gen === 'v3-notify';
  if (c.vm.id === 0) return receiveFailed(hv, c, 'the primary receives through run codes');
  const mb = c.vm.mailbox;
  if (mb.state === 'received') {
    hv.setMailbox(c.vm, 'read', 'HF_MAILBOX_RECEIVE');
    return receiveReturn(hv, mb.sender as number, mb.size);
  }
  if (!isNonZero(c.a1)) return receiveFailed(hv, c, `no message (mailbox ${mb.state}) and block = 0`);
  hv.pushRecvWaiter(c.caller);
  hv.switchToPrimary(c, { code: 'WAIT_FOR_INTERRUPT' }, v3 ? 'blocked_mailbox' : 'blocked_interrupt');
  return v3 ? RECEIVE_FAILED_V3 : ZERO;
}

/**
 * HF_MAILBOX_CLEAR (v2, v3): empties the caller's mailbox after reading.
 * Returns:
 *  - -1 if the mailbox is `empty` or `received` (not read yet);
 *  - v2: 0;
 *  - v3: the waiter result (see HF_VM_CONFIGURE): 0; 1 for the primary with
 *    waiters; or 0 and a switch to the primary with NOTIFY_WAITERS.
 */
export function mailboxClear(hv: Hypervisor, c: Call): U64 {
  const st = c.vm.mailbox.state;
  if (st !== 'read') return fail(c, `mailbox is ${st}, not read`);
  hv.setMailbox(c.vm, 'empty', 'HF_MAILBOX_CLEAR');
  return hv.gen === 'v3-notify' ? waiterResult(hv, c) : ZERO;
}
