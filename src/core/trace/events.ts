/**
 * The trace: typed events for everything a learner must see, in the order
 * they happened. The UI, time travel and the tests read it.
 *
 * Every event is plain data (structured-clone and JSON safe): no bigint, no
 * class instances. 64-bit register values are `0x`-prefixed lower-case hex
 * strings of 16 digits (`Hex64`); small quantities (ids, sizes, steps) are
 * numbers. Every event carries `step`, the global step number at which it
 * happened (see `Machine.steps` in machine/api.ts for what a step is), and
 * `cpu`, the physical CPU it happened on.
 */

/** A 64-bit value as `0x` + 16 lower-case hex digits, e.g. `0x0000001600000004`. */
export type Hex64 = string;

/**
 * vCPU scheduling state. `blocked_rpc` is C1's name (v1-rpc) for what C2 and
 * C3 call `blocked_mailbox`; `aborted` = stopped by a stage-2 fault (an hvlab
 * addition).
 */
export type VcpuState = 'off' | 'ready' | 'running' | 'blocked_mailbox' | 'blocked_rpc' | 'blocked_interrupt' | 'aborted';

/**
 * Mailbox state. `empty`/`received`/`read` at v2-mailbox and v3-notify;
 * `idle`/`pending`/`inflight` are the RPC states of v1-rpc.
 */
export type MailboxState = 'empty' | 'received' | 'read' | 'idle' | 'pending' | 'inflight';

/** The three modelled Hafnium ABI generations (reference sections 2, 3, 4). */
export type AbiGeneration = 'v1-rpc' | 'v2-mailbox' | 'v3-notify';

/** A vCPU named by its VM id and index within the VM. */
export interface VcpuRef {
  readonly vm: number;
  readonly vcpu: number;
}

/** Why the machine stopped for good. */
export type EndReason =
  /** PSCI SYSTEM_OFF from the primary: a clean finish. */
  | { readonly kind: 'system_off' }
  /** PSCI SYSTEM_RESET from the primary: the run ends there (hvlab does not reboot). */
  | { readonly kind: 'system_reset' }
  /** Nothing can run and nothing is pending. */
  | { readonly kind: 'quiescent' }
  /** The scenario's (or the command line's) step limit was reached. */
  | { readonly kind: 'step_limit'; readonly limit: number }
  /** A vCPU took a stage-2 fault (or another fatal guest error) and was aborted. */
  | { readonly kind: 'abort'; readonly vm: number; readonly vcpu: number; readonly message: string };

interface Base {
  /** Global step number at which the event happened. */
  readonly step: number;
  /** Physical CPU on which it happened. */
  readonly cpu: number;
}

/**
 * A hypercall (HVC, or SMC from the primary), Hafnium's or PSCI's or the
 * playground debug console's. `result` is the value placed in the caller's
 * x0 (for a call that switches away, the caller sees it when next resumed).
 */
export interface HypercallEvent extends Base {
  readonly kind: 'hypercall';
  readonly vm: number;
  readonly vcpu: number;
  /** e.g. 'HF_MAILBOX_SEND', 'PSCI_CPU_ON', 'HVLAB_DEBUG_PUTC'; 'UNKNOWN' for an unknown id. */
  readonly name: string;
  /** The function id as the guest passed it (x0, low 32 bits). */
  readonly id: number;
  /** x1, x2, x3. */
  readonly args: readonly [Hex64, Hex64, Hex64];
  readonly result: Hex64;
  /** The result read as a signed 64-bit number when it fits in 53 bits, e.g. -1. */
  readonly resultNum: number | null;
  /** For a failing call (-1 or another error code): a short reason, e.g. 'target mailbox not empty'. */
  readonly reason?: string;
  /** The result read as fields when it is an encoding: MAILBOX_RECEIVE gives { vm, size } (vm 0xffffffff = none). */
  readonly decoded?: Readonly<Record<string, number>>;
  /** Set when the call switched this physical CPU to another vCPU. */
  readonly switchedTo?: VcpuRef;
  /** Whether the native scheduler (not guest code) made the call. */
  readonly native?: boolean;
}

/** A vCPU changed scheduling state. */
export interface VcpuStateEvent extends Base {
  readonly kind: 'vcpu_state';
  readonly vm: number;
  readonly vcpu: number;
  readonly from: VcpuState;
  readonly to: VcpuState;
  /** What caused it: a hypercall name, 'WFI', 'timer', 'boot', 'PSCI_CPU_ON', 'stage-2 fault', ... */
  readonly cause: string;
}

/** A physical CPU switched from one vCPU to another (or to/from idle = null). */
export interface SwitchEvent extends Base {
  readonly kind: 'switch';
  readonly from: VcpuRef | null;
  readonly to: VcpuRef | null;
}

/** A VM's mailbox changed state. */
export interface MailboxStateEvent extends Base {
  readonly kind: 'mailbox_state';
  readonly vm: number;
  readonly from: MailboxState;
  readonly to: MailboxState;
  /** The hypercall that caused it. */
  readonly cause: string;
  /** The VM id of the message's sender, null when no message is held. */
  readonly sender: number | null;
  readonly size: number;
}

/** A VM's mailbox pages were configured (HF_VM_CONFIGURE succeeded). */
export interface MailboxConfigureEvent extends Base {
  readonly kind: 'mailbox_configure';
  readonly vm: number;
  readonly send: Hex64;
  readonly recv: Hex64;
}

/**
 * A wait entry joined or left a waiter list. `owner` is the VM whose mailbox
 * is awaited (the list's owner); `waiter` is the VM waiting for it.
 */
export interface WaiterListEvent extends Base {
  readonly kind: 'waiter_list';
  readonly op: 'add' | 'remove';
  readonly owner: number;
  readonly waiter: number;
}

/**
 * A wait entry joined or left a ready list. `owner` is the waiting VM (the
 * list's owner); `entry` is the VM whose mailbox became writable.
 */
export interface ReadyListEvent extends Base {
  readonly kind: 'ready_list';
  readonly op: 'add' | 'remove';
  readonly owner: number;
  readonly entry: number;
}

/**
 * A vCPU was pushed on its VM's receive-waiter stack (blocked in receive), or
 * left it: popped by a message, or unlinked by an interrupt.
 */
export interface RecvStackEvent extends Base {
  readonly kind: 'recv_stack';
  readonly op: 'push' | 'pop' | 'unlink';
  readonly vm: number;
  readonly vcpu: number;
}

/** An operation on a vCPU's virtual interrupts. */
export interface InterruptEvent extends Base {
  readonly kind: 'interrupt';
  readonly op: 'enable' | 'disable' | 'inject' | 'get';
  /** The vCPU whose interrupt state changed. */
  readonly vm: number;
  readonly vcpu: number;
  /** The interrupt id (for 'get' with nothing pending: 0xffffffff). */
  readonly intid: number;
  /** Enabled and pending bitmaps after the operation (hex, bit n = intid n). */
  readonly enabled: Hex64;
  readonly pending: Hex64;  /** 'inject' only: injected from outside the machine (`Machine.injectInterrupt`), not by a hypercall. */
  readonly external?: true;
}

/** A vCPU's virtual IRQ line (HCR_EL2.VI) changed level. */
export interface VirqLineEvent extends Base {
  readonly kind: 'virq_line';
  readonly vm: number;
  readonly vcpu: number;
  readonly level: boolean;
}

/** A return value was forced into a vCPU's x0 for its next run, or applied by the run. */
export interface ForcedReturnEvent extends Base {
  readonly kind: 'forced_return';
  readonly op: 'set' | 'apply';
  readonly vm: number;
  readonly vcpu: number;
  readonly value: Hex64;
}

/** Bytes copied from one VM's send page to another's receive page. */
export interface MessageCopyEvent extends Base {
  readonly kind: 'message_copy';
  readonly from: number;
  readonly to: number;
  readonly size: number;
  /** The first `MESSAGE_PAYLOAD_TRACE_LIMIT` bytes, as lower-case hex pairs. */
  readonly payload: string;
  readonly truncated: boolean;
}

/** Bytes of a message payload kept in a `message_copy` event. */
export const MESSAGE_PAYLOAD_TRACE_LIMIT = 256;

/** Control came back to the primary from a secondary: the code the primary's run call returns. */
export interface RunReturnEvent extends Base {
  readonly kind: 'run_return';
  /** The secondary vCPU that ran (or was asked to run). */
  readonly vm: number;
  readonly vcpu: number;
  /** The code's name at this ABI generation, e.g. 'MESSAGE', 'WAIT_FOR_INTERRUPT'. */
  readonly code: string;
  readonly raw: Hex64;
  /** Decoded payload fields, e.g. { size: 22 } or { vm: 2, vcpu: 0 }. */
  readonly fields: Readonly<Record<string, number>>;
}

/** A trapped instruction or interrupt that exited to the hypervisor (other than HVC). */
export interface TrapEvent extends Base {
  readonly kind: 'trap';
  readonly vm: number;
  readonly vcpu: number;
  readonly what: 'wfi' | 'wfe' | 'timer' | 'smc';
  readonly pc: Hex64;
}

/** A guest took an exception at EL1 through its own vector table. */
export interface ExceptionEvent extends Base {
  readonly kind: 'exception';
  readonly vm: number;
  readonly vcpu: number;
  readonly type: 'irq';
  /** PC at which the exception was taken (the return address). */
  readonly pc: Hex64;
  /** The vector address it enters (VBAR_EL1 + offset). */
  readonly vector: Hex64;
}

/** A stage-2 fault (or other fatal guest fault): the vCPU is aborted. */
export interface FaultEvent extends Base {
  readonly kind: 'fault';
  readonly vm: number;
  readonly vcpu: number;
  readonly access: 'read' | 'write' | 'fetch';
  readonly addr: Hex64;
  readonly pc: Hex64;
  readonly esr: number;
  readonly message: string;
}

/** Text written through the playground debug console. */
export interface ConsoleEvent extends Base {
  readonly kind: 'console';
  readonly vm: number;
  readonly vcpu: number;
  readonly text: string;
}

/**
 * A scheduling choice: which physical CPU takes the next steps ('cpu'), or
 * which native-scheduler thread runs on a CPU next ('thread').
 */
export interface ChoiceEvent extends Base {
  readonly kind: 'choice';
  readonly choice: Choice;
  /** What could have been chosen (CPU numbers, or thread vCPUs). */
  readonly options: readonly number[] | readonly VcpuRef[];
}

/** A native-scheduler thread (one per secondary vCPU) changed state. */
export interface ThreadStateEvent extends Base {
  readonly kind: 'thread_state';
  readonly vm: number;
  readonly vcpu: number;
  readonly from: ThreadState;
  readonly to: ThreadState;
  readonly cause: string;
}

/** Native-scheduler thread state, as the Linux driver's kernel threads. */
export type ThreadState = 'runnable' | 'running' | 'sleeping';

/** The machine ended. */
export interface EndEvent extends Base {
  readonly kind: 'end';
  readonly reason: EndReason;
}

/** A recorded scheduling choice (replaying the same list gives the same run). */
export type Choice =
  /** Physical CPU `cpu` takes up to `steps` steps. */
  | { readonly kind: 'cpu'; readonly cpu: number; readonly steps: number }
  /** The native scheduler on `cpu` runs the thread of vCPU (vm, vcpu). */
  | { readonly kind: 'thread'; readonly cpu: number; readonly vm: number; readonly vcpu: number };

export type TraceEvent =
  | HypercallEvent
  | VcpuStateEvent
  | SwitchEvent
  | MailboxStateEvent
  | MailboxConfigureEvent
  | WaiterListEvent
  | ReadyListEvent
  | RecvStackEvent
  | InterruptEvent
  | VirqLineEvent
  | ForcedReturnEvent
  | MessageCopyEvent
  | RunReturnEvent
  | TrapEvent
  | ExceptionEvent
  | FaultEvent
  | ConsoleEvent
  | ChoiceEvent
  | ThreadStateEvent
  | EndEvent;

export type TraceEventKind = TraceEvent['kind'];

/** Distributes Omit over the union, so an event can be built without step/cpu. */
export type EventBody<E = TraceEvent> = E extends TraceEvent ? Omit<E, 'step' | 'cpu'> : never;
