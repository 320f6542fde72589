/**
 * ABI constants and encodings of `v1-rpc` (Hafnium C1 `2f94ec12`, reference
 * section 2.2): secondaries are numbered from 0, run codes are 32-bit.
 */
import type { AbiSpec, RunCodeName, RunReturn } from './types.ts';
import { pair, type U64 } from '../u64.ts';

export const V1_FUNCTIONS = {
  HF_VCPU_RUN: 0xff00,
  HF_VM_GET_COUNT: 0xff01,
  HF_VCPU_GET_COUNT: 0xff02,
  HF_VM_CONFIGURE: 0xff03,
  HF_RPC_REQUEST: 0xff04,
  HF_RPC_READ_REQUEST: 0xff05,
  HF_RPC_ACK: 0xff06,
  HF_RPC_REPLY: 0xff07,
} as const;
export type V1Function = keyof typeof V1_FUNCTIONS;

export const V1_RUN_CODES = {
  YIELD: 0,
  WAIT_FOR_INTERRUPT: 1,
  /** Defined but never produced at C1. */
  WAKE_UP: 2,
  RESPONSE_READY: 3,
} as const satisfies Partial<Record<RunCodeName, number>>;

const CODE_NAMES = Object.fromEntries(Object.entries(V1_RUN_CODES).map(([k, v]) => [v, k])) as Record<number, RunCodeName>;

/** A 32-bit value: RESPONSE_READY = (size << 8) | 3; the others are the bare code. */
export function encodeRunReturnV1(r: RunReturn): U64 {
  const code = V1_RUN_CODES[r.code as keyof typeof V1_RUN_CODES];
  if (code === undefined) throw new Error(`v1-rpc has no run code ${r.code}`);
  return r.code === 'RESPONSE_READY' ? pair((((r.size ?? 0) << 8) | code) >>> 0, 0) : pair(code, 0);
}

export function decodeRunReturnV1(v: U64): RunReturn {
  const code: RunCodeName = CODE_NAMES[v.lo & 0xff] ?? 'WAIT_FOR_INTERRUPT';
  return code === 'RESPONSE_READY' ? { code, size: v.lo >>> 8 } : { code };
}

export const V1_ABI: AbiSpec<V1Function> = {
  generation: 'v1-rpc',
  functions: V1_FUNCTIONS,
  runCodes: V1_RUN_CODES,
  encodeRunReturn: encodeRunReturnV1,
  decodeRunReturn: decodeRunReturnV1,
  preemptedCode: 'YIELD',
  runPlaceholder: 'YIELD',
  zeroRegsTo: 18,
  wfiAdvancesPc: false,
  functionId: (x0) => (x0.hi === 0 ? x0.lo : -1),
  firstSecondaryNumber: 0,
};
