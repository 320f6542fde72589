/**
 * ABI constants and encodings of `v2-mailbox` (Hafnium C2 `aa039b39`,
 * reference sections 3.2 and 3.3).
 */
import type { AbiSpec, ReceiveReturn, RunCodeName, RunReturn } from './types.ts';
import { pair, type U64 } from '../u64.ts';
import { maskedFunctionId } from './v3.ts';

export const V2_FUNCTIONS = {
  HF_VCPU_RUN: 0xff00,
  HF_VM_GET_COUNT: 0xff01,
  HF_VCPU_GET_COUNT: 0xff02,
  HF_VM_CONFIGURE: 0xff03,
  HF_MAILBOX_SEND: 0xff04,
  HF_MAILBOX_RECEIVE: 0xff05,
  HF_MAILBOX_CLEAR: 0xff06,
} as const;
export type V2Function = keyof typeof V2_FUNCTIONS;

export const V2_RUN_CODES = {
  YIELD: 0,
  WAIT_FOR_INTERRUPT: 1,
  WAKE_UP: 2,
  MESSAGE: 3,
} as const satisfies Partial<Record<RunCodeName, number>>;

/** HF_INVALID_VM_ID was 16 bits wide at C2. */
export const V2_INVALID_VM_ID = 0xffff;

const CODE_NAMES = Object.fromEntries(Object.entries(V2_RUN_CODES).map(([k, v]) => [v, k])) as Record<number, RunCodeName>;

/** Bits 0-7 code, bits 16-31 a VM id, bits 32-63 data (WAKE_UP: vCPU; MESSAGE: size, VM field 0). */
export function encodeRunReturnV2(r: RunReturn): U64 {
  const code = V2_RUN_CODES[r.code as keyof typeof V2_RUN_CODES];
  if (code === undefined) throw new Error(`v2-mailbox has no run code ${r.code}`);
  switch (r.code) {
    case 'WAKE_UP':
      return pair((code | (((r.vm ?? 0) & 0xffff) << 16)) >>> 0, (r.vcpu ?? 0) >>> 0);
    case 'MESSAGE':
      return pair(code, (r.size ?? 0) >>> 0);
    default:
      return pair(code, 0);
  }
}

export function decodeRunReturnV2(v: U64): RunReturn {
  const code: RunCodeName = CODE_NAMES[v.lo & 0xff] ?? 'WAIT_FOR_INTERRUPT';
  if (code === 'WAKE_UP') return { code, vm: (v.lo >>> 16) & 0xffff, vcpu: v.hi };
  if (code === 'MESSAGE') return { code, vm: (v.lo >>> 16) & 0xffff, size: v.hi };
  return { code };
}

/** Receive return at C2: bits 0-15 sender VM id, bits 32-63 size. */
export function encodeReceiveV2(r: ReceiveReturn): U64 {
  return pair(r.vm & 0xffff, r.size >>> 0);
}

export function decodeReceiveV2(v: U64): ReceiveReturn {
  return { vm: v.lo & 0xffff, size: v.hi };
}

export const V2_ABI: AbiSpec<V2Function> = {
  generation: 'v2-mailbox',
  functions: V2_FUNCTIONS,
  runCodes: V2_RUN_CODES,
  encodeRunReturn: encodeRunReturnV2,
  decodeReceive: decodeReceiveV2,
  decodeRunReturn: decodeRunReturnV2,
  preemptedCode: 'YIELD',
  runPlaceholder: 'YIELD',
  zeroRegsTo: 17,
  wfiAdvancesPc: false,
  functionId: maskedFunctionId,
  firstSecondaryNumber: 1,
};
