/**
 * The RPC hypercalls of `v1-rpc` (reference 2.3): primary ⇄ secondary only,
 * secondaries numbered from 0, mailbox states idle / pending / inflight.
 */
import { fail, type Call, type Handler, type Hypervisor } from '../hypervisor.ts';
import type { V1Function } from '../abi/v1.ts';
import type { VmModel } from '../model.ts';
import { u64, ZERO, type U64 } from '../u64.ts';
import { guestVmNumberToId, isNonZero, sizeTooBig, vcpuGetCount, vcpuRun, vmConfigure, vmGetCount } from './common.ts';

/**
 * HF_RPC_REQUEST(index, size): the primary sends `size` bytes of its send
 * page to secondary number `index`.
 * Returns:
 *  - -1 if size > 4096 or index ≥ the secondary count; if the caller is not
 *    the primary; if the primary's send page is not configured; if the
 *    target is not `idle` or its receive page is not configured;
 *  - 0 if no vCPU of the target waits in READ_REQUEST (target `pending`);
 *  - otherwise the most recently blocked waiter's index + 1: it is `ready`
 *    with x0 = size, the target `inflight` (the primary should run it).
 */
export function rpcRequest(hv: Hypervisor, c: Call): U64 {
  const to = hv.vmById(guestVmNumberToId(hv, c.a1.lo));
  if (sizeTooBig(c.a2)) return fail(c, 'size exceeds 4096');
  if (!to) return fail(c, `secondary ${c.a1.lo} does not exist`);
  if (c.vm.id !== 0) return fail(c, 'caller is not the primary');
  if (c.vm.mailbox.send === null) return fail(c, "primary's send page is not configured");
  if (to.mailbox.state !== 'idle' || to.mailbox.recv === null) {
    return fail(c, to.mailbox.recv === null ? "target's receive page is not configured" : `target is ${to.mailbox.state}, not idle`);
  }
  const size = c.a2.lo;
  hv.copyMessage(c.vm, to, size);
  to.mailbox.size = size;
  to.mailbox.sender = 0;
  const waiter = hv.popRecvWaiter(to);
  if (!waiter) {
    hv.setMailbox(to, 'pending', 'HF_RPC_REQUEST');
    return ZERO;
  }
  hv.setMailbox(to, 'inflight', 'HF_RPC_REQUEST');
  hv.setState(waiter, 'ready', 'HF_RPC_REQUEST');
  hv.setSavedX0(waiter, u64(size));
  return u64(waiter.index + 1);
}

/**
 * HF_RPC_READ_REQUEST(block): a secondary takes the primary's request.
 * Returns:
 *  - -1 if the caller is the primary;
 *  - the request size if one is `pending` (state becomes `inflight`);
 *  - -1 if none and block = 0;
 *  - otherwise the caller blocks (`blocked_rpc`), pushed on the waiter
 *    stack, and switches to the
 *    primary with WAIT_FOR_INTERRUPT (1); it resumes with x0 = the size of
 *    the request that woke it.
 */
export function rpcReadRequest(hv: Hypervisor, c: Call): U64 {
  if (c.vm.id === 0) return fail(c, 'the primary cannot read requests');
  if (c.vm.mailbox.state === 'pending') {
    hv.setMailbox(c.vm, 'inflight', 'HF_RPC_READ_REQUEST');
    return u64(c.vm.mailbox.size);
  }
  if (!isNonZero(c.a1)) return fail(c, `no request pending (${c.vm.mailbox.state}) and block = 0`);
  hv.pushRecvWaiter(c.caller);
  hv.switchToPrimary(c, { code: 'WAIT_FOR_INTERRUPT' }, 'blocked_rpc');
  return ZERO;
}

function ack(hv: Hypervisor, vm: VmModel): boolean {
  if (vm.mailbox.state !== 'inflight') return false;
  hv.setMailbox(vm, 'idle', 'HF_RPC_ACK');
  return true;
}

/**
 * HF_RPC_ACK: any VM finishes with the request or reply it holds.
 * Returns: 0 if its state was `inflight` (now `idle`); else -1.
 */
export function rpcAck(hv: Hypervisor, c: Call): U64 {
  return ack(hv, c.vm) ? ZERO : fail(c, `nothing in flight (${c.vm.mailbox.state})`);
}

/**
 * HF_RPC_REPLY(size, ack): a secondary replies `size` bytes of its send page
 * to the primary, optionally acknowledging its own request first (the ack
 * sticks even if the reply then fails).
 * Returns:
 *  - -1 if size > 4096; if the caller is the primary; if the caller's send
 *    page is not configured; if the primary is not `idle` or its receive page
 *    is not configured;
 *  - otherwise 0: the primary becomes `inflight` and the caller switches to
 *    it with RESPONSE_READY(size), staying `ready`.
 */
export function rpcReply(hv: Hypervisor, c: Call): U64 {
  if (sizeTooBig(c.a1)) return fail(c, 'size exceeds 4096');
  if (c.vm.id === 0) return fail(c, 'caller is the primary');
  if (isNonZero(c.a2)) ack(hv, c.vm);
  if (c.vm.mailbox.send === null) return fail(c, "caller's send page is not configured");
  const p = hv.primary;
  if (p.mailbox.state !== 'idle' || p.mailbox.recv === null) {
    return fail(c, p.mailbox.recv === null ? "primary's receive page is not configured" : `primary is ${p.mailbox.state}, not idle`);
  }
  const size = c.a1.lo;
  hv.copyMessage(c.vm, p, size);
  p.mailbox.size = size;
  p.mailbox.sender = c.vm.id;
  hv.setMailbox(p, 'inflight', 'HF_RPC_REPLY');
  hv.switchToPrimary(c, { code: 'RESPONSE_READY', size }, 'ready');
  return ZERO;
}

/** The `v1-rpc` dispatch table: every C1 hypercall. */
export const V1_CALLS: Record<V1Function, Handler> = {
  HF_VCPU_RUN: vcpuRun,
  HF_VM_GET_COUNT: vmGetCount,
  HF_VCPU_GET_COUNT: vcpuGetCount,
  HF_VM_CONFIGURE: vmConfigure,
  HF_RPC_REQUEST: rpcRequest,
  HF_RPC_READ_REQUEST: rpcReadRequest,
  HF_RPC_ACK: rpcAck,
  HF_RPC_REPLY: rpcReply,
};
