/**
 * The typed, versioned protocol between the page and the emulator worker.
 * Commands go in, events come out; both are discriminated unions of plain
 * (structured-clone safe) data, and both sides switch on `type`
 * exhaustively. Bump PROTOCOL_VERSION on any incompatible change: the worker
 * announces its version first and the page refuses a mismatch.
 */
import type { MachineView } from '../core/machine/api.ts';
import type { LoadDiagnostic, ScenarioFiles } from '../core/scenario/load.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { TraceEvent } from '../core/trace/events.ts';

export const PROTOCOL_VERSION = 1;

/** Steps per second, or 'max' for as fast as the machine goes. */
export type Speed = number | 'max';

/** A breakpoint as the editor knows it: a line of a source file (every VM that assembles the file stops there). */
export interface LineBreakpoint {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

export type WorkerCommand =
  /** Validate the scenario, assemble every guest and build a fresh machine (only if all assembled). */
  | { readonly type: 'load'; readonly scenario: ScenarioInput; readonly files: ScenarioFiles }
  | { readonly type: 'run' }
  | { readonly type: 'pause' }
  /** Advance until the given vCPU has executed one instruction (or it cannot run). */
  | { readonly type: 'step'; readonly vm: number; readonly vcpu: number }
  /** Advance until the next trace event a learner cares about (hypercall, state change, ...). */
  | { readonly type: 'stepEvent' }
  /** Rebuild the machine from the last scenario that assembled. */
  | { readonly type: 'reset' }
  | { readonly type: 'setSpeed'; readonly speed: Speed }
  | { readonly type: 'setBreakpoints'; readonly breakpoints: readonly LineBreakpoint[] }
  /** Which bytes the memory panel shows; sent back in every update. */
  | { readonly type: 'watchMemory'; readonly vm: number; readonly addr: number; readonly length: number };

export type PlaybackStatus = 'empty' | 'paused' | 'running' | 'ended';

/** Why the machine last stopped on its own (not by Pause). */
export type StopInfo =
  | { readonly kind: 'breakpoint'; readonly vm: number; readonly vcpu: number; readonly file: string | null; readonly line: number | null }
  | { readonly kind: 'event'; readonly event: TraceEvent | null }
  | { readonly kind: 'ended' }
  | { readonly kind: 'need_choice' }
  | { readonly kind: 'step' };

/** Where a vCPU is in its VM's source (for the editor's PC highlight). */
export interface PcLocation {
  readonly vm: number;
  readonly vcpu: number;
  readonly file: string;
  readonly line: number;
}

/** A window of one VM's IPA space. */
export interface MemoryWindow {
  readonly vm: number;
  readonly addr: number;
  readonly bytes: Uint8Array;
  /** Offsets into `bytes` whose value differs from the previous update's window (same vm/addr). */
  readonly changed: readonly number[];
}

/** Result of a `load`: what the assembler and the scenario validator said. */
export interface LoadResult {
  readonly ok: boolean;
  /**
   * What the scenario validator and the assembler said: with `file`/`line`
   * for a source position, with `path` for a scenario field.
   */
  readonly diagnostics: readonly LoadDiagnostic[];
}

export interface MachineUpdate {
  /** Increases with every update of one machine; restarts at 1 after a load or reset. */
  readonly seq: number;
  /** True on the first update of a new machine: the page drops the old trace. */
  readonly fresh: boolean;
  readonly status: PlaybackStatus;
  /** The machine now; its `runCodes` and `console` are cut to their newest parts (see session.ts). */
  readonly view: MachineView;
  /** Trace events recorded since the previous update (the newest ones, see `skipped`). */
  readonly events: readonly TraceEvent[];
  /** Events recorded since the previous update but left out of `events` (a burst at full speed). */
  readonly skipped: number;
  readonly pcs: readonly PcLocation[];
  readonly memory: MemoryWindow | null;
  readonly stop: StopInfo | null;
  /** Steps per second measured over the last running stretch (0 when paused). */
  readonly rate: number;
}

export type WorkerEvent =
  | { readonly type: 'ready'; readonly version: number }
  | { readonly type: 'loaded'; readonly result: LoadResult }
  | { readonly type: 'update'; readonly update: MachineUpdate }
  /** A bug inside hvlab (not a guest error): the page shows it and offers a restart. */
  | { readonly type: 'fatal'; readonly message: string };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(x: never): never {
  throw new Error(`unhandled protocol message: ${JSON.stringify(x)}`);
}
