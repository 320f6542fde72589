/**
 * ABI constants and encodings of `v3-notify` (Hafnium C3 `ea62e2e1`,
 * reference section 4.1 and 4.5).
 */
import type { AbiSpec, ReceiveReturn, RunCodeName, RunReturn } from './types.ts';
import { pair, type U64 } from '../u64.ts';

export const V3_FUNCTIONS = {
  HF_VM_GET_ID: 0xff00,
  HF_VM_GET_COUNT: 0xff01,
  HF_VCPU_GET_COUNT: 0xff02,
  HF_VCPU_RUN: 0xff03,
  HF_VCPU_YIELD: 0xff04,
  HF_VM_CONFIGURE: 0xff05,
  HF_MAILBOX_SEND: 0xff06,
  HF_MAILBOX_RECEIVE: 0xff07,
  HF_MAILBOX_CLEAR: 0xff08,
  HF_MAILBOX_WRITABLE_GET: 0xff09,
  HF_MAILBOX_WAITER_GET: 0xff0a,
  HF_INTERRUPT_ENABLE: 0xff0b,
  HF_INTERRUPT_GET: 0xff0c,
  HF_INTERRUPT_INJECT: 0xff0d,
} as const;
export type V3Function = keyof typeof V3_FUNCTIONS;

export const V3_RUN_CODES = {
  PREEMPTED: 0,
  YIELD: 1,
  WAIT_FOR_INTERRUPT: 2,
  WAKE_UP: 3,
  MESSAGE: 4,
  SLEEP: 5,
  NOTIFY_WAITERS: 6,
} as const satisfies Partial<Record<RunCodeName, number>>;

export const HF_PRIMARY_VM_ID = 0;
export const HF_INVALID_VM_ID = 0xffffffff;
export const HF_INVALID_VCPU = 0xffff;
export const HF_MAILBOX_SIZE = 4096;
export const HF_NUM_INTIDS = 64;
export const HF_INVALID_INTID = 0xffffffff;
/** Spelled HF_MAILBOX_READBLE_INTID at C3. */
export const HF_MAILBOX_READABLE_INTID = 1;
export const HF_MAILBOX_WRITABLE_INTID = 2;

const CODE_NAMES = Object.fromEntries(Object.entries(V3_RUN_CODES).map(([k, v]) => [v, k])) as Record<number, RunCodeName>;

/** Bits 0-7 code; WAKE_UP: bits 16-31 vCPU, 32-63 VM; MESSAGE: 32-63 size; SLEEP: 8-63 ns. */
export function encodeRunReturnV3(r: RunReturn): U64 {
  const code = V3_RUN_CODES[r.code as keyof typeof V3_RUN_CODES];
  if (code === undefined) throw new Error(`v3-notify has no run code ${r.code}`);
  switch (r.code) {
    case 'WAKE_UP':
      return pair((code | (((r.vcpu ?? 0) & 0xffff) << 16)) >>> 0, (r.vm ?? 0) >>> 0);
    case 'MESSAGE':
      return pair(code, (r.size ?? 0) >>> 0);
    case 'SLEEP': {
      const v = BigInt.asUintN(64, ((r.ns ?? 0n) << 8n) | BigInt(code));
      return pair(Number(v & 0xffffffffn), Number(v >> 32n));
    }
    default:
      return pair(code, 0);
  }
}

export function decodeRunReturnV3(v: U64): RunReturn {
  const code: RunCodeName = CODE_NAMES[v.lo & 0xff] ?? 'WAIT_FOR_INTERRUPT';
  switch (code) {
    case 'WAKE_UP':
      return { code, vm: v.hi, vcpu: (v.lo >>> 16) & 0xffff };
    case 'MESSAGE':
      return { code, size: v.hi };
    case 'SLEEP':
      return { code, ns: ((BigInt(v.hi) << 32n) | BigInt(v.lo)) >> 8n };
    default:
      return { code };
  }
}

/** Receive return: bits 0-31 sender VM id, bits 32-63 size. */
export function encodeReceiveV3(r: ReceiveReturn): U64 {
  return pair(r.vm >>> 0, r.size >>> 0);
}

export function decodeReceiveV3(v: U64): ReceiveReturn {
  return { vm: v.lo, size: v.hi };
}

/** Bit 30 (the SMC64 convention bit) masked off, compared as 32 bits (C2, C3). */
export function maskedFunctionId(x0: U64): number {
  return (x0.lo & ~0x4000_0000) >>> 0;
}

export const V3_ABI: AbiSpec<V3Function> = {
  generation: 'v3-notify',
  functions: V3_FUNCTIONS,
  runCodes: V3_RUN_CODES,
  encodeRunReturn: encodeRunReturnV3,
  decodeReceive: decodeReceiveV3,
  decodeRunReturn: decodeRunReturnV3,
  preemptedCode: 'PREEMPTED',
  runPlaceholder: 'PREEMPTED',
  zeroRegsTo: 17,
  wfiAdvancesPc: true,
  functionId: maskedFunctionId,
  firstSecondaryNumber: 1,
};
