/**
 * A hypercall event as one line: `HF_MAILBOX_SEND(vm=2, size=22, notify=1) -> -1`.
 * Argument names are presentation only (the machine already decoded the
 * call's name and result); unknown calls show raw x1..x3.
 */
import type { HypercallEvent } from '../../core/trace/events.ts';

/** Names of x1, x2, x3 per call, as Hafnium's and PSCI's headers name them. */
const ARG_NAMES: Readonly<Record<string, readonly string[]>> = {
  HF_VM_GET_ID: [],
  HF_VM_GET_COUNT: [],
  HF_VCPU_GET_COUNT: ['vm'],
  HF_VCPU_RUN: ['vm', 'vcpu'],
  HF_VCPU_YIELD: [],
  HF_VM_CONFIGURE: ['send', 'recv'],
  HF_MAILBOX_SEND: ['vm', 'size', 'notify'],
  HF_MAILBOX_RECEIVE: ['block'],
  HF_MAILBOX_CLEAR: [],
  HF_MAILBOX_WRITABLE_GET: [],
  HF_MAILBOX_WAITER_GET: ['vm'],
  HF_INTERRUPT_ENABLE: ['intid', 'enable'],
  HF_INTERRUPT_GET: [],
  HF_INTERRUPT_INJECT: ['vm', 'vcpu', 'intid'],
  HF_RPC_REQUEST: ['vm', 'size'],
  HF_RPC_READ_REQUEST: ['block'],
  HF_RPC_ACK: [],
  HF_RPC_REPLY: ['size', 'ack'],
  PSCI_VERSION: [],
  PSCI_CPU_ON: ['cpu', 'entry', 'context'],
  PSCI_CPU_OFF: [],
  PSCI_SYSTEM_OFF: [],
  PSCI_SYSTEM_RESET: [],
  HVLAB_DEBUG_PUTC: ['char'],
  HVLAB_DEBUG_WRITE: ['addr', 'len'],
};

/** A Hex64 as a short number: decimal when small, else hex without leading zeros. */
export function shortNum(h: string): string {
  const n = BigInt(h);
  return n < 0x10000n ? n.toString(10) : `0x${n.toString(16)}`;
}

/** The call as text, e.g. `HF_MAILBOX_SEND(vm=2, size=22, notify=1) -> -1`. */
export function hypercallText(e: HypercallEvent): string {
  const names = ARG_NAMES[e.name];
  const args = names ? names.map((n, i) => `${n}=${shortNum(e.args[i])}`) : e.args.map((a, i) => `x${i + 1}=${shortNum(a)}`);
  const decoded = e.decoded && Object.entries(e.decoded).map(([k, v]) => `${k}=${v >= 0x10000 ? `0x${v.toString(16)}` : v}`);
  const result = decoded ? `(${decoded.join(', ')})` : e.resultNum !== null ? String(e.resultNum) : e.result;
  return `${e.name}(${args.join(', ')}) -> ${result}`;
}
