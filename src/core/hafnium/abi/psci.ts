/**
 * PSCI (Arm Power State Coordination Interface) function ids and return
 * codes, as Hafnium offered them to the primary; plus hvlab's debug console,
 * a playground extension outside Hafnium's and PSCI's id ranges.
 */

export const PSCI_FUNCTIONS = {
  PSCI_VERSION: 0x84000000,
  PSCI_CPU_OFF: 0x84000002,
  /** 0xC4000003 (SMC64) reads the same once bit 30 is masked. */
  PSCI_CPU_ON: 0x84000003,
  PSCI_AFFINITY_INFO: 0x84000004,
  PSCI_MIGRATE_INFO_TYPE: 0x84000006,
  PSCI_SYSTEM_OFF: 0x84000008,
  PSCI_SYSTEM_RESET: 0x84000009,
} as const;
export type PsciFunction = keyof typeof PSCI_FUNCTIONS;

export const PSCI_RETURN = {
  SUCCESS: 0,
  NOT_SUPPORTED: -1,
  INVALID_PARAMETERS: -2,
  DENIED: -3,
  ALREADY_ON: -4,
} as const;

/** AFFINITY_INFO's answers for a CPU that is on / off. */
export const PSCI_AFFINITY = { ON: 0, OFF: 1 } as const;

/** MIGRATE_INFO_TYPE's answer: 2, no Trusted OS that needs migrating. */
export const PSCI_MIGRATE_INFO_NONE = 2;

/** PSCI_VERSION's answer at C1-C3: 0.2. */
export const PSCI_VERSION_0_2 = 2;

/**
 * hvlab's debug console: NOT part of Hafnium. Ids chosen outside Hafnium's
 * 0xff00 range and PSCI's 0x84000000/0xC4000000 ranges.
 */
export const HVLAB_DEBUG_FUNCTIONS = {
  /** x1 = a byte to print. */
  HVLAB_DEBUG_PUTC: 0xee00,
  /** x1 = guest address, x2 = length (at most 4096): prints those bytes. */
  HVLAB_DEBUG_WRITE: 0xee01,
} as const;
export type HvlabDebugFunction = keyof typeof HVLAB_DEBUG_FUNCTIONS;

/** Largest buffer HVLAB_DEBUG_WRITE prints in one call. */
export const HVLAB_DEBUG_WRITE_MAX = 4096;
