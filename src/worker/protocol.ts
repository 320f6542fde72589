/**
 * The typed, versioned protocol between the page and the emulator worker.
 * Commands go in, events come out; both are discriminated unions of plain
 * (structured-clone safe) data, and both sides switch on `type`
 * exhaustively. Bump PROTOCOL_VERSION on any incompatible change: the worker
 * announces its version first and the page refuses a mismatch.
 */
import type { MachineView, Recording } from '../core/machine/api.ts';
import type { ProtocolBreakpoint } from '../core/debug/breakpoints.ts';
import type { LoadDiagnostic, ScenarioFiles } from '../core/scenario/load.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { Choice, TraceEvent } from '../core/trace/events.ts';

export const PROTOCOL_VERSION = 2;

/**
 * The page keeps at most TRACE_KEEP_MAX trace events (the newest); when it
 * has more it cuts back to TRACE_KEEP_TRIM. The worker mirrors this to know
 * which events the page still holds.
 */
export const TRACE_KEEP_MAX = 50_000;
export const TRACE_KEEP_TRIM = 35_000;

/** Steps per second, or 'max' for as fast as the machine goes. */
export type Speed = number | 'max';

/** A breakpoint as the editor knows it: a line of a source file (every VM that assembles the file stops there). */
export interface LineBreakpoint {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /**
   * Optional register condition (core/debug/condition.ts syntax, e.g.
   * `x0 == 2 && w1 < 5`), evaluated on the vCPU that reached the line; the
   * machine only stops when it holds. A condition that does not parse is
   * reported in the update's `breakpointErrors` and the breakpoint is ignored.
   */
  readonly condition?: string;
  /** Stop only from this hit on (1 = every hit; hits are counted whether or not the condition holds). */
  readonly fromHit?: number;
}

/** A protocol breakpoint with the id the page gave it (hit counts and stops name it). */
export interface ProtocolBreakpointEntry {
  readonly id: string;
  readonly bp: ProtocolBreakpoint;
  /** Disabled breakpoints are kept (and listed) but never stop. */
  readonly enabled: boolean;
}

/**
 * A data watchpoint: stop at the exact step after which the watched value
 * differs from its value before that step.
 */
export type Watchpoint =
  | { readonly id: string; readonly kind: 'memory'; readonly vm: number; readonly addr: number; readonly length: number }
  /** `reg`: x0-x30, w0-w30, sp, pc, nzcv. */
  | { readonly id: string; readonly kind: 'register'; readonly vm: number; readonly vcpu: number; readonly reg: string };

/** Where "step back" and "reverse continue" go. */
export type BackTarget =
  /** To just before the focused vCPU's previous instruction (the mirror of Step). */
  | { readonly kind: 'instruction'; readonly vm: number; readonly vcpu: number }
  /** To just after the previous learner event (the mirror of Step event). */
  | { readonly kind: 'event' }
  /** To just after the previous hypercall, of function `name` when given (e.g. HF_MAILBOX_SEND). */
  | { readonly kind: 'hypercall'; readonly name: string | null }
  /** Reverse continue: to the latest earlier stop of any enabled breakpoint or watchpoint. */
  | { readonly kind: 'breakpoint' };

/** One branch of the run: a future that was replaced by changing something in the past. */
export interface BranchInfo {
  readonly id: number;
  /** The branch it split from (null for the first). */
  readonly parent: number | null;
  /** The step at which it split from its parent. */
  readonly forkStep: number;
  /** The furthest step this branch reached. */
  readonly head: number;
  /** What changed, in words ("CPU 1 runs next", "interrupt 1 injected into VM 2.0", "code edited"). */
  readonly why: string;
}

export type WorkerCommand =
  /**
   * Validate the scenario, assemble every guest and build a fresh machine
   * (only if all assembled). `keep`: this is an edit of the open scenario,
   * so a run the old machine made is kept as a branch (and the new machine
   * follows its schedule); otherwise every branch is forgotten.
   */
  | { readonly type: 'load'; readonly scenario: ScenarioInput; readonly files: ScenarioFiles; readonly keep?: boolean }
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
  | { readonly type: 'setProtocolBreakpoints'; readonly breakpoints: readonly ProtocolBreakpointEntry[] }
  | { readonly type: 'setWatchpoints'; readonly watchpoints: readonly Watchpoint[] }
  /** Which bytes the memory panel shows; sent back in every update. */
  | { readonly type: 'watchMemory'; readonly vm: number; readonly addr: number; readonly length: number }
  /** Moves the machine to step `step` of the current branch (clamped to [0, head]); pauses a run. */
  | { readonly type: 'seek'; readonly step: number }
  /** Goes back in time (see BackTarget); may take several slices, reporting `search` progress. */
  | { readonly type: 'back'; readonly to: BackTarget }
  /** Abandons a backward search in progress (the machine stays where it was). Pause does too. */
  | { readonly type: 'cancel' }
  /** Answers the manual scheduler's pending choice (`view.pendingChoice`). */
  | { readonly type: 'choose'; readonly choice: Choice }
  /**
   * Makes `choice` the next scheduling decision from the present; when the
   * present is in the past of the branch this starts a new branch.
   */
  | { readonly type: 'setNextChoice'; readonly choice: Choice }
  /** Injects virtual interrupt `intid` into vCPU (vm, vcpu) now; in the past this starts a new branch. */
  | { readonly type: 'inject'; readonly vm: number; readonly vcpu: number; readonly intid: number }
  /** Returns to an earlier branch (at the step the machine was at in it). */
  | { readonly type: 'switchBranch'; readonly id: number }
  /**
   * Replays a recorded session (share links): the scenario must be loaded;
   * re-runs the recording and stops at `step`.
   */
  | { readonly type: 'replay'; readonly recording: Recording; readonly step: number }
  /** Asks for the current branch's recording (answered by a `recording` event). */
  | { readonly type: 'getRecording' }
  /** Asks for the whole branch's trace (answered by an `exported` event). */
  | { readonly type: 'export'; readonly format: ExportFormat };

/** `json`: the trace events as hvlab records them; `chrome`: Chrome trace-event format (Perfetto, chrome://tracing). */
export type ExportFormat = 'json' | 'chrome';

export type PlaybackStatus = 'empty' | 'paused' | 'running' | 'ended';

/** Why the machine last stopped on its own (not by Pause). */
export type StopInfo =
  | { readonly kind: 'breakpoint'; readonly vm: number; readonly vcpu: number; readonly file: string | null; readonly line: number | null }
  | { readonly kind: 'event'; readonly event: TraceEvent | null }
  | { readonly kind: 'ended' }
  | { readonly kind: 'need_choice' }
  | { readonly kind: 'step' }
  /** A protocol breakpoint matched `event`. */
  | { readonly kind: 'protocol'; readonly id: string; readonly event: TraceEvent }
  /** Watchpoint `id` changed during the step before the present: `before` -> `after` (hex). */
  | { readonly kind: 'watch'; readonly id: string; readonly before: string; readonly after: string }
  /** A seek or a step back arrived. */
  | { readonly kind: 'seek' }
  /** The present was changed (a next choice, an injected interrupt): `what` says how, and whether a branch started. */
  | { readonly kind: 'changed'; readonly what: string }
  /** A backward search found nothing earlier (the machine did not move). */
  | { readonly kind: 'not_found'; readonly what: string }
  /** A backward search was cancelled (the machine did not move). */
  | { readonly kind: 'cancelled' };

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

/**
 * Where the machine is in time. The state shown is the state after `now`
 * steps; events with `step < now` have happened, those with `step >= now`
 * are the branch's future (known because the branch ran that far before).
 */
export interface TimeInfo {
  readonly now: number;
  /** The furthest step of this branch. */
  readonly head: number;
  readonly keyframes: { readonly count: number; readonly bytes: number };
  /** The current branch and every branch kept. */
  readonly branch: number;
  readonly branches: readonly BranchInfo[];
  /** Event density for the scrubber over [0, head] (see TimelineMarks). */
  readonly marks: TimelineMarks;
}

/**
 * The scrubber's event marks: [0, head] cut into `bins.length` equal bins;
 * each bin counts the events of each category that happened in it.
 */
export interface TimelineMarks {
  readonly head: number;
  readonly bins: readonly { readonly messages: number; readonly notifications: number; readonly hits: number; readonly faults: number }[];
}

/**
 * A long job in progress (a backward search, or replaying to a step after a
 * branch switch or a share link): cancel it with `cancel`.
 */
export interface SearchInfo {
  /** In words: "previous breakpoint", "previous instruction of vCPU 1.0", "replaying to step 120000". */
  readonly what: string;
  /** The step the job started from. */
  readonly from: number;
  /** How far it has got: a backward search has looked at [searchedFrom, from); a replay is at step searchedFrom. */
  readonly searchedFrom: number;
  /** Fraction done, 0..1 (an estimate for searches). */
  readonly progress: number;
}

export interface MachineUpdate {
  /** Increases with every update of one machine; restarts at 1 after a load or reset. */
  readonly seq: number;
  /** True on the first update of a new machine: the page drops the old trace. */
  readonly fresh: boolean;
  readonly status: PlaybackStatus;
  /** The machine now; its `runCodes` and `console` are cut to their newest parts (see session.ts). */
  readonly view: MachineView;
  /**
   * Trace events recorded since the previous update (the newest ones, see
   * `skipped`); when `traceReset` is true they instead replace the page's
   * whole trace (a window around `time.now` after a seek far away or a
   * branch change).
   */
  readonly events: readonly TraceEvent[];
  readonly traceReset: boolean;
  /** Events recorded since the previous update but left out of `events` (a burst at full speed). */
  readonly skipped: number;
  readonly pcs: readonly PcLocation[];
  readonly memory: MemoryWindow | null;
  readonly stop: StopInfo | null;
  /** Steps per second measured over the last running stretch (0 when paused). */
  readonly rate: number;
  readonly time: TimeInfo;
  /** A backward search in progress (cancel with `cancel`), or null. */
  readonly search: SearchInfo | null;
  /**
   * Hits so far (at steps before `now`) per breakpoint: line breakpoints by
   * `file:line`, protocol breakpoints and watchpoints by id.
   */
  readonly hits: Readonly<Record<string, number>>;
  /** Breakpoints or watchpoints the worker could not use, by the same keys: why. */
  readonly breakpointErrors: Readonly<Record<string, string>>;
}

export type WorkerEvent =
  | { readonly type: 'ready'; readonly version: number }
  | { readonly type: 'loaded'; readonly result: LoadResult }
  | { readonly type: 'update'; readonly update: MachineUpdate }
  | { readonly type: 'recording'; readonly recording: Recording; readonly now: number }
  | { readonly type: 'exported'; readonly format: ExportFormat; readonly fileName: string; readonly text: string }
  /** A command the worker could not carry out, in plain words (e.g. an illegal choice). */
  | { readonly type: 'refused'; readonly command: WorkerCommand['type']; readonly message: string }
  /**
   * The machine now runs other sources than the page shows (it returned to a
   * branch made before a code edit): the page replaces its draft with them
   * without loading it again.
   */
  | { readonly type: 'sources'; readonly scenario: ScenarioInput; readonly files: ScenarioFiles }
  /** A bug inside hvlab (not a guest error): the page shows it and offers a restart. */
  | { readonly type: 'fatal'; readonly message: string };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(x: never): never {
  throw new Error(`unhandled protocol message: ${JSON.stringify(x)}`);
}
