/**
 * PSCI for the primary (every generation) and hvlab's debug console (any
 * VM, every generation; a playground extension, not Hafnium).
 */
import { fail, type Call, type Handler, type Hypervisor } from '../hypervisor.ts';
import { HVLAB_DEBUG_WRITE_MAX, PSCI_AFFINITY, PSCI_MIGRATE_INFO_NONE, PSCI_RETURN, PSCI_VERSION_0_2, type HvlabDebugFunction, type PsciFunction } from '../abi/psci.ts';
import { u64, ZERO, type U64 } from '../u64.ts';

function primaryOnly(c: Call): U64 | null {
  return c.vm.id === 0 ? null : fail(c, 'unknown function id (PSCI is offered to the primary only)');
}

/**
 * PSCI_VERSION. Returns: 2 (PSCI 0.2). At v1 any VM may ask (as C1
 * answered); at v2, v3 only the primary (a secondary gets -1).
 */
export function psciVersion(hv: Hypervisor, c: Call): U64 {
  return v1AnyCallerElsePrimary(hv, c) ?? u64(PSCI_VERSION_0_2);
}

/** C1 answered its two PSCI queries for any VM; C2 and C3 for the primary only. */
function v1AnyCallerElsePrimary(hv: Hypervisor, c: Call): U64 | null {
  return hv.gen === 'v1-rpc' ? null : primaryOnly(c);
}

/**
 * PSCI_MIGRATE_INFO_TYPE. Returns: 2 (no Trusted OS needing migration). At v1
 * any VM may ask; at v2, v3 only the primary (a secondary gets -1).
 */
export function psciMigrateInfoType(hv: Hypervisor, c: Call): U64 {
  return v1AnyCallerElsePrimary(hv, c) ?? u64(PSCI_MIGRATE_INFO_NONE);
}

/**
 * PSCI_AFFINITY_INFO(target MPIDR, lowest affinity level): whether the
 * primary's vCPU on physical CPU `target` (Aff0) is on.
 * Returns: 0 ON; 1 OFF; -1 NOT_SUPPORTED for a level other than 0; -2
 * INVALID_PARAMETERS for no such CPU; -1 for a secondary caller.
 */
export function psciAffinityInfo(hv: Hypervisor, c: Call): U64 {
  const refused = primaryOnly(c);
  if (refused) return refused;
  if (c.a2.lo !== 0 || c.a2.hi !== 0) {
    c.reason = 'only affinity level 0 is supported';
    return u64(PSCI_RETURN.NOT_SUPPORTED);
  }
  const cpu = (c.a1.lo & 0x7fffffff) >>> 0;
  const v = c.a1.hi === 0 ? hv.primary.vcpus[cpu] : undefined;
  if (!v) {
    c.reason = `no physical CPU ${cpu}`;
    return u64(PSCI_RETURN.INVALID_PARAMETERS);
  }
  return u64(v.state === 'off' ? PSCI_AFFINITY.OFF : PSCI_AFFINITY.ON);
}

/**
 * PSCI_CPU_ON(target MPIDR, entry, context): starts the primary's vCPU on
 * physical CPU `target` (Aff0; bit 31, RES1 in MPIDR_EL1, is ignored) at
 * `entry` with x0 = context, EL1h, DAIF masked.
 * Returns: 0 SUCCESS; -2 INVALID_PARAMETERS if no such CPU; -4 ALREADY_ON if
 * that vCPU is not off; -1 for a secondary caller.
 */
export function psciCpuOn(hv: Hypervisor, c: Call): U64 {
  const refused = primaryOnly(c);
  if (refused) return refused;
  const vcpus = hv.primary.vcpus;
  const cpu = (c.a1.lo & 0x7fffffff) >>> 0;
  if (c.a1.hi !== 0 || cpu >= vcpus.length) {
    c.reason = `no physical CPU ${cpu}`;
    return u64(PSCI_RETURN.INVALID_PARAMETERS);
  }
  const v = vcpus[cpu];
  if (v.state !== 'off') {
    c.reason = `CPU ${v.index} is already on`;
    return u64(PSCI_RETURN.ALREADY_ON);
  }
  hv.start(v, c.a2.lo + c.a2.hi * 0x1_0000_0000, c.a3, 'PSCI_CPU_ON');
  hv.host.cpuOn(v.index);
  return u64(PSCI_RETURN.SUCCESS);
}

/**
 * PSCI_CPU_OFF: turns the caller's vCPU and its physical CPU off.
 * Returns: nothing to the caller on success (it is `off`); -1 for a secondary.
 */
export function psciCpuOff(hv: Hypervisor, c: Call): U64 {
  const refused = primaryOnly(c);
  if (refused) return refused;
  hv.setState(c.caller, 'off', 'PSCI_CPU_OFF');
  c.next = null;
  return ZERO;
}

/** Ends the run with `kind` (the primary only). */
function endRun(hv: Hypervisor, c: Call, kind: 'system_off' | 'system_reset'): U64 {
  const refused = primaryOnly(c);
  if (refused) return refused;
  hv.host.end({ kind });
  c.next = null;
  return ZERO;
}

/** PSCI_SYSTEM_OFF: ends the run cleanly. Returns: -1 for a secondary (else never returns). */
export function psciSystemOff(hv: Hypervisor, c: Call): U64 {
  return endRun(hv, c, 'system_off');
}

/** PSCI_SYSTEM_RESET: ends the run (hvlab does not reboot). Returns: -1 for a secondary (else never returns). */
export function psciSystemReset(hv: Hypervisor, c: Call): U64 {
  return endRun(hv, c, 'system_reset');
}

export const PSCI_CALLS: Record<PsciFunction, Handler> = {
  PSCI_VERSION: psciVersion,
  PSCI_CPU_OFF: psciCpuOff,
  PSCI_CPU_ON: psciCpuOn,
  PSCI_AFFINITY_INFO: psciAffinityInfo,
  PSCI_MIGRATE_INFO_TYPE: psciMigrateInfoType,
  PSCI_SYSTEM_OFF: psciSystemOff,
  PSCI_SYSTEM_RESET: psciSystemReset,
};

/**
 * HVLAB_DEBUG_PUTC(c) — hvlab extension, not Hafnium: prints the byte in x1.
 * Returns: 0.
 */
export function debugPutc(hv: Hypervisor, c: Call): U64 {
  hv.print(c.caller, String.fromCharCode(c.a1.lo & 0xff));
  return ZERO;
}

/**
 * HVLAB_DEBUG_WRITE(addr, len) — hvlab extension, not Hafnium: prints `len`
 * bytes of the caller's memory at `addr` (Latin-1).
 * Returns: 0; -1 if len > 4096 or the buffer is outside the caller's memory.
 */
export function debugWrite(hv: Hypervisor, c: Call): U64 {
  if (c.a2.hi !== 0 || c.a2.lo > HVLAB_DEBUG_WRITE_MAX) return fail(c, `length exceeds ${HVLAB_DEBUG_WRITE_MAX}`);
  const mem = hv.host.memory(c.vm.id);
  const addr = c.a1.lo;
  if (c.a1.hi !== 0 || addr < mem.base || addr + c.a2.lo > mem.base + mem.size) return fail(c, 'buffer is outside the VM\'s memory');
  const bytes = mem.read(addr, c.a2.lo);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  hv.print(c.caller, s);
  return ZERO;
}

export const DEBUG_CALLS: Record<HvlabDebugFunction, Handler> = {
  HVLAB_DEBUG_PUTC: debugPutc,
  HVLAB_DEBUG_WRITE: debugWrite,
};
