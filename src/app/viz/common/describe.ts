/**
 * Words for trace events, shared by labels, hover titles and accessible
 * descriptions so that every view names things the same way.
 */
import type { RunReturnEvent } from '../../../core/trace/events.ts';

/** Hafnium's "any vCPU" index in WAKE_UP (HF_INVALID_VCPU). */
export const ANY_VCPU = 0xffff;

/** Short names of the run-return codes, drawn next to marks (legends spell them out). */
export const RUN_CODE_SHORT: Readonly<Record<string, string>> = {
  PREEMPTED: 'pre',
  YIELD: 'yld',
  WAIT_FOR_INTERRUPT: 'wfi',
  WAKE_UP: 'wake',
  MESSAGE: 'msg',
  SLEEP: 'slp',
  NOTIFY_WAITERS: 'ntfy',
  RESPONSE_READY: 'resp',
};

const vcpuName = (v: number): string => (v === ANY_VCPU ? 'any' : String(v));

/** e.g. "msg 22", "wake 2/0", "wake 2/any", "wfi". */
export function runReturnShort(r: Pick<RunReturnEvent, 'code' | 'fields'>): string {
  const short = RUN_CODE_SHORT[r.code] ?? r.code.toLowerCase();
  const f = r.fields;
  if (f.size !== undefined) return `${short} ${f.size}`;
  if (f.vm !== undefined) return `${short} ${f.vm}/${vcpuName(f.vcpu ?? ANY_VCPU)}`;
  return short;
}

/** e.g. "step 140: VM 1 vCPU 0 returned MESSAGE to the primary (15 bytes)". */
export function runReturnTitle(r: RunReturnEvent): string {
  const f = r.fields;
  let detail = '';
  if (f.size !== undefined) detail = ` (${f.size} bytes)`;
  else if (f.vm !== undefined) detail = ` (wake VM ${f.vm} vCPU ${vcpuName(f.vcpu ?? ANY_VCPU)})`;
  return `step ${r.step}: VM ${r.vm} vCPU ${r.vcpu} returned ${r.code} to the primary${detail}`;
}

/** Names of the interrupt ids the mailbox protocol uses (reference 4.1). */
export function intidName(intid: number): string {
  if (intid === 1) return 'READABLE';
  if (intid === 2) return 'WRITABLE';
  return `IRQ ${intid}`;
}

/** "VM 2" or "VM 2 (relay)" when the VM has a name. */
export function vmName(id: number, names?: ReadonlyMap<number, string>): string {
  const n = names?.get(id);
  return n ? `VM ${id} (${n})` : `VM ${id}`;
}

/** The low 32 bits of a trace `Hex64` as an unsigned number (ids, sizes, intids). */
export function hexLow32(h: string): number {
  return parseInt(h.slice(-8), 16) >>> 0;
}
