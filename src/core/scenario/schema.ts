/**
 * The scenario format (`scenario.json`), version 1: the one schema the CLI,
 * the UI and the examples use. Validated at the edge with zod; see
 * `parseScenario` in parse.ts for diagnostics and migration.
 */
import { z } from 'zod';

/** Current scenario format version. */
export const SCENARIO_VERSION = 1;

/** Largest number of physical CPUs (the primary has one vCPU per CPU). */
export const MAX_CPUS = 8;
/** Largest number of secondary VMs (Hafnium's 16 VMs, primary included). */
export const MAX_SECONDARIES = 15;
/** Largest number of vCPUs of a secondary VM. */
export const MAX_SECONDARY_VCPUS = 8;
/** Default IPA space of a VM: 1 MiB, as Hafnium's test VMs. */
export const DEFAULT_VM_MEMORY = 0x100000;
/** Default image load address (the assembler's default). */
export const DEFAULT_IMAGE_BASE = 0x80000;

const pageMultiple = z
  .number()
  .int()
  .min(0x10000, 'at least 65536 bytes (64 KiB)')
  .max(0x4000000, 'at most 67108864 bytes (64 MiB)')
  .refine((n) => n % 4096 === 0, 'a multiple of 4096 (the page size)');

/**
 * Guest code: `files` names `.s` files (relative to the scenario file, or keys
 * of the file set given to the loader), or `source` holds the assembly inline.
 * `entry` is a symbol name or an address; default: the image's entry
 * (`_start`, else its first instruction).
 */
const guestCode = {
  files: z.array(z.string().min(1)).min(1).optional(),
  source: z.string().optional(),
  entry: z.union([z.string().min(1), z.number().int().nonnegative()]).optional(),
  base: z.number().int().nonnegative().default(DEFAULT_IMAGE_BASE),
  memory: pageMultiple.default(DEFAULT_VM_MEMORY),
};

const needsCode = (v: { files?: string[]; source?: string }) => (v.files === undefined) !== (v.source === undefined);
const NEEDS_CODE = 'exactly one of "files" (a list of .s files) or "source" (inline assembly)';

export const secondaryVmSchema = z
  .object({
    name: z.string().min(1).max(32),
    /**
     * Only vCPU 0 boots (as at C1-C3, where nothing started the others); more
     * than one is an hvlab extension for the LIFO receive stack and
     * intra-VM injection code paths.
     */
    vcpus: z.number().int().min(1).max(MAX_SECONDARY_VCPUS).default(1),
    ...guestCode,
  })
  .strict()
  .refine(needsCode, { message: NEEDS_CODE });

export const primarySchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('guest'), name: z.string().min(1).max(32).default('primary'), ...guestCode })
    .strict()
    .refine(needsCode, { message: NEEDS_CODE }),
  /** hvlab's model of the Linux driver (reference 4.8) schedules the secondaries. */
  z.object({ kind: z.literal('native'), name: z.string().min(1).max(32).default('primary') }).strict(),
]);

export const scheduleSchema = z
  .object({
    /** Who picks the next physical CPU / native-scheduler thread. */
    kind: z.enum(['round-robin', 'random', 'manual']).default('round-robin'),
    /** Seed of the `random` choice source. */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Steps a physical CPU takes per choice, and the timer period that preempts a running secondary. */
    quantum: z.number().int().min(1).max(1_000_000).default(1000),
  })
  .strict();

/** What an example expects; checked by the example tests, shown by the UI. */
export const expectSchema = z
  .object({
    end: z.enum(['system_off', 'system_reset', 'quiescent', 'step_limit', 'abort']).optional(),
    /** Text the console output must contain. */
    console: z.string().optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(SCENARIO_VERSION),
    name: z.string().min(1),
    description: z.string().default(''),
    abi: z.enum(['v1-rpc', 'v2-mailbox', 'v3-notify']).default('v3-notify'),
    cpus: z.number().int().min(1).max(MAX_CPUS).default(1),
    primary: primarySchema,
    vms: z.array(secondaryVmSchema).min(1).max(MAX_SECONDARIES),
    schedule: scheduleSchema.default({ kind: 'round-robin', seed: 1, quantum: 1000 }),
    maxSteps: z.number().int().min(1).max(1e12).default(10_000_000),
    expect: expectSchema.optional(),
  })
  .strict();

/** A validated scenario, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SecondaryVmSpec = z.output<typeof secondaryVmSchema>;
export type PrimarySpec = z.output<typeof primarySchema>;
export type ScheduleSpec = z.output<typeof scheduleSchema>;
