/** The `v2-mailbox` dispatch table (reference 3.4): every C2 hypercall, all shared with v3. */
import type { Handler } from '../hypervisor.ts';
import type { V2Function } from '../abi/v2.ts';
import { mailboxClear, mailboxReceive, mailboxSend, vcpuGetCount, vcpuRun, vmConfigure, vmGetCount } from './common.ts';

export const V2_CALLS: Record<V2Function, Handler> = {
  HF_VCPU_RUN: vcpuRun,
  HF_VM_GET_COUNT: vmGetCount,
  HF_VCPU_GET_COUNT: vcpuGetCount,
  HF_VM_CONFIGURE: vmConfigure,
  HF_MAILBOX_SEND: mailboxSend,
  HF_MAILBOX_RECEIVE: mailboxReceive,
  HF_MAILBOX_CLEAR: mailboxClear,
};
