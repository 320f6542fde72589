/**
 * The names a breakpoint form offers for the scenario's ABI generation: its
 * hypercall function names (plus PSCI and the playground console, which every
 * generation has) and its run-return codes. Read from the ABI tables, never
 * restated.
 */
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from '../../core/hafnium/abi/psci.ts';
import { V1_FUNCTIONS, V1_RUN_CODES } from '../../core/hafnium/abi/v1.ts';
import { V2_FUNCTIONS, V2_RUN_CODES } from '../../core/hafnium/abi/v2.ts';
import { V3_FUNCTIONS, V3_RUN_CODES } from '../../core/hafnium/abi/v3.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';

const TABLES: Readonly<Record<AbiGeneration, { readonly functions: object; readonly runCodes: object }>> = {
  'v1-rpc': { functions: V1_FUNCTIONS, runCodes: V1_RUN_CODES },
  'v2-mailbox': { functions: V2_FUNCTIONS, runCodes: V2_RUN_CODES },
  'v3-notify': { functions: V3_FUNCTIONS, runCodes: V3_RUN_CODES },
};

/** Hypercall names of generation `abi` (its HF_* calls first, in id order), then PSCI and the debug console. */
export function hypercallNames(abi: AbiGeneration): string[] {
  return [...Object.keys(TABLES[abi].functions), ...Object.keys(PSCI_FUNCTIONS), ...Object.keys(HVLAB_DEBUG_FUNCTIONS)];
}

/** Run-return code names of generation `abi`, in code order. */
export function runCodeNames(abi: AbiGeneration): string[] {
  return Object.keys(TABLES[abi].runCodes);
}

/** The mailbox state names of generation `abi` (v1-rpc names its RPC slot's states differently). */
export function mailboxStateNames(abi: AbiGeneration): string[] {
  return abi === 'v1-rpc' ? ['idle', 'pending', 'inflight'] : ['empty', 'received', 'read'];
}
