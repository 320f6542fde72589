/**
 * Builds one generation's dispatch map (function id → named handler) from its
 * `Record<FunctionName, Handler>` tables and ABI ids, plus PSCI and the
 * debug console, which every generation offers.
 */
import type { AbiGeneration } from '../../trace/events.ts';
import type { Handler } from '../hypervisor.ts';
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from '../abi/psci.ts';
import { V1_FUNCTIONS } from '../abi/v1.ts';
import { V2_FUNCTIONS } from '../abi/v2.ts';
import { V3_FUNCTIONS } from '../abi/v3.ts';
import { DEBUG_CALLS, PSCI_CALLS } from './psci.ts';
import { V1_CALLS } from './v1.ts';
import { V2_CALLS } from './v2.ts';
import { V3_CALLS } from './v3.ts';

export interface CallEntry {
  readonly name: string;
  readonly fn: Handler;
}
export type CallTable = ReadonlyMap<number, CallEntry>;

function add<F extends string>(map: Map<number, CallEntry>, ids: Record<F, number>, fns: Record<F, Handler>): void {
  for (const name of Object.keys(ids) as F[]) map.set(ids[name], { name, fn: fns[name] });
}

const TABLES = new Map<AbiGeneration, CallTable>();

/** The dispatch map of generation `gen` (built once). */
export function callTable(gen: AbiGeneration): CallTable {
  const cached = TABLES.get(gen);
  if (cached) return cached;
  const map = new Map<number, CallEntry>();
  if (gen === 'v3-notify') add(map, V3_FUNCTIONS, V3_CALLS);
  else if (gen === 'v2-mailbox') add(map, V2_FUNCTIONS, V2_CALLS);
  else add(map, V1_FUNCTIONS, V1_CALLS);
  add(map, PSCI_FUNCTIONS, PSCI_CALLS);
  add(map, HVLAB_DEBUG_FUNCTIONS, DEBUG_CALLS);
  TABLES.set(gen, map);
  return map;
}
