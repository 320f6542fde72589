/**
 * The names a breakpoint form offers for the scenario's ABI generation: its
 * hypercall function names (the toolbar's list, plus PSCI and the playground
 * console, which every generation has) and its run-return codes. Read from
 * the ABI tables, never restated.
 */
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from '../../core/hafnium/abi/psci.ts';
import { V1_RUN_CODES } from '../../core/hafnium/abi/v1.ts';
import { V2_RUN_CODES } from '../../core/hafnium/abi/v2.ts';
import { V3_RUN_CODES } from '../../core/hafnium/abi/v3.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';
import { hypercallNames as abiHypercallNames } from '../toolbar/back.ts';
import { roleNames } from '../viz/mailbox/layout.ts';

const RUN_CODES: Readonly<Record<AbiGeneration, Readonly<Record<string, number>>>> = { 'v1-rpc': V1_RUN_CODES, 'v2-mailbox': V2_RUN_CODES, 'v3-notify': V3_RUN_CODES };

/** Hypercall names of generation `abi` (its HF_* calls first, in id order), then PSCI and the debug console. */
export function hypercallNames(abi: AbiGeneration): string[] {
  return [...abiHypercallNames(abi), ...Object.keys(PSCI_FUNCTIONS), ...Object.keys(HVLAB_DEBUG_FUNCTIONS)];
}

/** Run-return code names of generation `abi`, in code order. */
export function runCodeNames(abi: AbiGeneration): string[] {
  const codes = RUN_CODES[abi];
  return Object.keys(codes).sort((a, b) => codes[a] - codes[b]);
}

/** The mailbox state names of generation `abi` (v1-rpc names its RPC slot's states differently). */
export function mailboxStateNames(abi: AbiGeneration): string[] {
  return [...roleNames(abi === 'v1-rpc' ? 'idle' : 'empty')];
}
