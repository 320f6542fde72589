/**
 * What differs between the ABI generations, as data: function ids, run-code
 * numbers and encodings, and the few mechanical differences of the trap layer.
 */
import type { AbiGeneration } from '../../trace/events.ts';
import type { U64 } from '../u64.ts';

/** Every run-code name of any generation. */
export type RunCodeName =
  | 'PREEMPTED'
  | 'YIELD'
  | 'WAIT_FOR_INTERRUPT'
  | 'WAKE_UP'
  | 'MESSAGE'
  | 'SLEEP'
  | 'NOTIFY_WAITERS'
  | 'RESPONSE_READY';

/** A decoded run return: the code and its payload fields (those the code carries). */
export interface RunReturn {
  readonly code: RunCodeName;
  /** WAKE_UP: the VM to wake (v2: the VM-id field; MESSAGE at v2 carries 0 here). */
  readonly vm?: number;
  /** WAKE_UP: the vCPU index to run, or 0xffff = pick one. */
  readonly vcpu?: number;
  /** MESSAGE / RESPONSE_READY: bytes in the primary's receive page. */
  readonly size?: number;
  /** SLEEP: nanoseconds (56 bits usable). */
  readonly ns?: bigint;
}

/** A decoded receive return (sender id, size). */
export interface ReceiveReturn {
  readonly vm: number;
  readonly size: number;
}

export interface AbiSpec<F extends string = string> {
  readonly generation: AbiGeneration;
  /** Hafnium's function ids by name. */
  readonly functions: Readonly<Record<F, number>>;
  /** The run codes this generation defines, by name. */
  readonly runCodes: Readonly<Partial<Record<RunCodeName, number>>>;
  encodeRunReturn(r: RunReturn): U64;
  decodeRunReturn(v: U64): RunReturn;
  /** Reads a MAILBOX_RECEIVE result as (sender, size); absent at C1, which has no such call. */
  readonly decodeReceive?: (v: U64) => ReceiveReturn;
  /** The code reported when a physical interrupt takes the CPU from a secondary. */
  readonly preemptedCode: RunCodeName;
  /** The placeholder left in the primary's x0 while a secondary runs. */
  readonly runPlaceholder: RunCodeName;
  /** Registers x1..xN zeroed on a non-switching HVC return (17 at C2/C3, 18 at C1). */
  readonly zeroRegsTo: number;
  /** Whether a trapped WFI advances the PC (C3) or re-executes on resume (C1, C2). */
  readonly wfiAdvancesPc: boolean;
  /** Function id from x0: C2/C3 compare 32 bits with bit 30 masked; C1 compares x0 whole. */
  functionId(x0: U64): number;
  /** A secondary VM's id from a guest-visible VM number (C1 numbers secondaries from 0). */
  readonly firstSecondaryNumber: number;
}
