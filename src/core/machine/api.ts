/**
 * The Machine's public interface and its plain-data views: the contract the
 * worker, the UI, the CLI and the time travel code against.
 *
 * A Machine is a scenario in motion: 1-8 physical CPUs, a primary VM (a guest
 * program or the native scheduler), 1-15 secondary VMs, the Hafnium model of
 * one ABI generation, and a recorded choice source that decides which CPU
 * (and which native-scheduler thread) moves next.
 *
 * **One step** is one unit of progress of one physical CPU:
 *  - one guest instruction executed on it, counting a trapped instruction
 *    (HVC, SMC, WFI, WFE, a faulting access) as one step, and an exception
 *    entry (the guest taking an IRQ or SVC through its vector table) as one; or
 *  - one native-scheduler action on it: running one thread (its HF_VCPU_RUN
 *    call) or reacting to one run code (with every hypercall that reaction
 *    makes).
 * An idle CPU takes no steps. Which CPU takes the next steps is a recorded
 * `Choice` ({cpu, steps}); a CPU runs at most one quantum per choice, and a
 * secondary that has run a whole quantum is preempted by the physical timer.
 * `steps` only grows; every trace event carries the step it happened at.
 *
 * Everything that crosses this interface is plain data (structured-clone
 * safe), so the machine can live in a Web Worker and talk by postMessage.
 */
import type { AbiGeneration, Choice, EndReason, Hex64, MailboxState, RunReturnEvent, ThreadState, TraceEvent, TraceEventKind, VcpuRef, VcpuState } from '../trace/events.ts';
import type { Scenario } from '../scenario/schema.ts';

/** An assembled guest image, as the assembler produces it (`AsmImage` fits). */
export interface GuestImage {
  readonly base: number;
  readonly bytes: Uint8Array;
  /** Entry address (the scenario's `entry` overrides it). */
  readonly entry: number;
  readonly symbols: Readonly<Record<string, number>>;
}

/** The images of a scenario: the primary's (null when it is native) and one per secondary, in order. */
export interface MachineImages {
  readonly primary: GuestImage | null;
  readonly vms: readonly GuestImage[];
}

export interface MachineOptions {
  /** Record trace events (default true). Off = the fast path, e.g. for benchmarks. */
  readonly trace?: boolean;
  /** Overrides the scenario's step limit. */
  readonly maxSteps?: number;
  /** Overrides the scenario's random seed. */
  readonly seed?: number;
  /** Choices to replay first (e.g. from a recorded run); the choice source takes over after them. */
  readonly choices?: readonly Choice[];
  /** Inputs from outside to apply at their steps (e.g. from a recorded run), ascending by step. */
  readonly inputs?: readonly MachineInput[];
}

/**
 * An input from outside the machine (recorded like a choice, so a replay
 * repeats it exactly). It is part of the state at step `step`: applied as
 * soon as the machine reaches `step` (a run, a restore or a replay stopping
 * there includes it), before step `step` executes. Its events carry step
 * `step - 1` (0 for step 0), like the choice made before step `step`.
 */
export type MachineInput = { readonly kind: 'interrupt'; readonly step: number; readonly vm: number; readonly vcpu: number; readonly intid: number };

/** Everything besides scenario and images that decides a run: replaying it reproduces the run exactly. */
export interface Recording {
  readonly choices: readonly Choice[];
  readonly inputs: readonly MachineInput[];
}

/** A cheap, live read of one vCPU's registers (valid until the machine moves). */
export interface VcpuRegisters {
  x(n: number): bigint;
  readonly sp: bigint;
  readonly pc: bigint;
  readonly nzcv: number;
}

/** Stop before `addr` of any vCPU of VM `vm` executes. */
export interface SourceBreakpoint {
  readonly vm: number;
  readonly addr: number;
}

/**
 * When `run` should stop early (plain data). It stops after the step during
 * which any event of one of `eventKinds` was recorded, or once `steps`
 * reaches `atStep`.
 */
export interface StopWhen {
  readonly eventKinds?: readonly TraceEventKind[];
  readonly atStep?: number;
}

/** Why `run`/`step` returned. */
export type RunOutcome =
  | { readonly stop: 'budget'; readonly steps: number }
  | { readonly stop: 'breakpoint'; readonly steps: number; readonly vm: number; readonly vcpu: number; readonly addr: number }
  | { readonly stop: 'event'; readonly steps: number; readonly event: TraceEvent | null }
  | { readonly stop: 'at_step'; readonly steps: number }
  /** The `manual` choice source needs a choice: see `Machine.pendingChoice()`, answer with `choose()`. */
  | { readonly stop: 'need_choice'; readonly steps: number }
  | { readonly stop: 'ended'; readonly steps: number; readonly reason: EndReason };

/** What a manual choice may pick from. */
export type ChoiceRequest =
  | { readonly kind: 'cpu'; readonly options: readonly number[]; readonly maxSteps: number }
  | { readonly kind: 'thread'; readonly cpu: number; readonly options: readonly VcpuRef[] };

/** The append-only event log. */
export interface TraceLog {
  readonly length: number;
  /** Events with index >= `i` (a fresh array; cheap for the worker's per-frame batches). */
  since(i: number): TraceEvent[];
  at(i: number): TraceEvent | undefined;
}

/** Whole-machine state as plain data; restore() + the recorded choices replay deterministically. */
export interface MachineSnapshot {
  readonly version: 1;
  readonly steps: number;
  readonly traceLength: number;
  readonly choiceCount: number;
  /** Cores, memories, hypervisor model, scheduler and choice source state: opaque, structured-clone safe. */
  readonly data: unknown;
}

export interface InterruptsView {
  readonly enabled: Hex64;
  readonly pending: Hex64;
  /** Number of ids both enabled and pending. */
  readonly count: number;
}

export interface VcpuView {
  readonly vm: number;
  readonly index: number;
  readonly state: VcpuState;
  /** Physical CPU it runs on (when running) or last ran on; null if it never ran. */
  readonly cpu: number | null;
  readonly pc: Hex64;
  readonly sp: Hex64;
  /** x0..x30. */
  readonly x: readonly Hex64[];
  readonly nzcv: number;
  readonly el: number;
  /** PSTATE.DAIF as a 4-bit value (D = bit 3 ... F = bit 0). */
  readonly daif: number;
  /** EL1 system registers by name (VBAR_EL1, ELR_EL1, SPSR_EL1, ESR_EL1, FAR_EL1, SP_EL0, TPIDR_EL1, ...). */
  readonly sysregs: Readonly<Record<string, Hex64>>;
  readonly interrupts: InterruptsView;
  /** The virtual IRQ line (HCR_EL2.VI). */
  readonly virq: boolean;
  /** Return value to be forced into x0 at the next run, if any. */
  readonly forcedReturn: Hex64 | null;
  /** Native scheduler only: the state of this vCPU's thread. */
  readonly thread: ThreadState | null;
  /**
   * Instructions this vCPU has executed so far (counting trapped ones and
   * exception entries, as steps do); for a native primary's vCPU, the
   * scheduler actions on its CPU. The vCPUs' counts add up to `steps`.
   */
  readonly retired: number;
}

export interface MailboxView {
  readonly state: MailboxState;
  /** Sender of the held message (null when none). */
  readonly sender: number | null;
  readonly size: number;
  /** Guest addresses of the configured pages (null until configured). */
  readonly send: Hex64 | null;
  readonly recv: Hex64 | null;
}

export interface VmView {
  readonly id: number;
  readonly name: string;
  readonly memorySize: number;
  readonly vcpus: readonly VcpuView[];
  readonly mailbox: MailboxView;
  /** VMs waiting for this VM's mailbox to become writable, FIFO (head first). */
  readonly waiterList: readonly number[];
  /** VMs whose mailbox became writable for this VM, FIFO (head first). */
  readonly readyList: readonly number[];
  /** vCPU indices blocked in receive, LIFO (top first). */
  readonly recvWaiters: readonly number[];
}

export interface CpuView {
  readonly id: number;
  /** The vCPU this physical CPU runs now; null when idle (or, native, when the scheduler itself runs). */
  readonly running: VcpuRef | null;
  /** Native scheduler only: the thread it runs or is reacting for. */
  readonly thread: VcpuRef | null;
}

/** The run codes the primary saw, in order. */
export type RunCodeRecord = Omit<RunReturnEvent, 'kind'>;

export interface MachineView {
  readonly abi: AbiGeneration;
  readonly primary: 'guest' | 'native';
  readonly steps: number;
  readonly cpus: readonly CpuView[];
  readonly vms: readonly VmView[];
  readonly console: string;
  /** Recorded while tracing (empty when the machine runs with `trace: false`). */
  readonly runCodes: readonly RunCodeRecord[];
  readonly end: EndReason | null;
  readonly pendingChoice: ChoiceRequest | null;
}

export interface Machine {
  readonly abi: AbiGeneration;
  /** Steps taken so far (monotonic; restore() moves it back with the rest of the state). */
  readonly steps: number;
  /** Why the machine ended, or null while it can go on. */
  readonly ended: EndReason | null;
  readonly trace: TraceLog;
  /** Every choice taken so far, in order (replayed after `restore`). */
  readonly choices: readonly Choice[];

  /** Advances up to `n` steps (default 1); stops early at a breakpoint, a needed choice or the end. */
  step(n?: number): RunOutcome;
  /** Advances up to `budget` steps, stopping early as `step` does or when `stopWhen` holds. */
  run(budget: number, stopWhen?: StopWhen): RunOutcome;

  view(): MachineView;
  snapshot(): MachineSnapshot;
  /**
   * Restores a snapshot of this machine: state, trace length and choice
   * position. Going back truncates the trace; going forward past the events
   * the machine holds needs `history`, the run's events at least
   * `s.traceLength` long (time travel keeps them); without it that throws.
   */
  restore(s: MachineSnapshot, history?: readonly TraceEvent[]): void;

  setBreakpoints(bps: readonly SourceBreakpoint[]): void;
  /**
   * Copies `length` bytes of VM `vm`'s IPA space starting at `addr` (bytes
   * outside the space read as 0). Used by the UI's memory panel.
   */
  readMemory?(vm: number, addr: number, length: number): Uint8Array;
  /** The choice a `manual` source waits for, or null. */
  pendingChoice(): ChoiceRequest | null;
  /** Answers the pending manual choice. Returns an error message when it is not one of the options. */
  choose(choice: Choice): string | null;

  /**
   * Registers of vCPU (vm, vcpu), read cheaply (no view; the same live reader
   * each time); null when there is no such vCPU. A native primary's vCPU has
   * only a register file: x0-x30 and pc as the scheduler's hypercalls left
   * them, sp 0, nzcv from its saved PSTATE.
   */
  registers(vm: number, vcpu: number): VcpuRegisters | null;
  /** `VcpuView.retired` of vCPU (vm, vcpu), cheaply; 0 when there is no such vCPU. */
  retired(vm: number, vcpu: number): number;
  /**
   * Makes `choice` the next scheduling decision (the next time one is made,
   * now or later). The recorded future (choices after the cursor, inputs
   * after now) is discarded: the run from here is a new branch. Returns an
   * error message for a choice that can never be legal (no such CPU/vCPU,
   * steps < 1 or over the quantum); a choice illegal at that moment is
   * dropped and the choice source decides. "Next" is per kind: a CPU choice
   * is taken by the next CPU decision, a thread choice by the next thread
   * decision of its CPU's native scheduler (other decisions before it are
   * made as usual). A CPU slice in progress is not cut short (its length is a
   * recorded choice that replays repeat): a CPU choice applies when it ends,
   * at once when none is in progress. An ended run refuses it.
   */
  setNextChoice(choice: Choice): string | null;
  /**
   * Injects virtual interrupt `intid` into vCPU (vm, vcpu) now, as
   * HF_INTERRUPT_INJECT would (pending bit, IRQ line, waking a vCPU blocked
   * in WFI/receive as the ABI generation does), recording it as an input at
   * the current step. The recorded future is discarded (a new branch).
   * A quiescent run is revived (its end event withdrawn); other ends are
   * final. Returns an error message (no such vCPU, intid out of range, an ABI
   * without virtual interrupts, a run ended otherwise) and changes nothing
   * in that case.
   */
  injectInterrupt(vm: number, vcpu: number, intid: number): string | null;
  /** The recording that reproduces this run up to its furthest recorded point (including recorded future beyond `steps`). */
  recording(): Recording;
}

/** Builds a machine; see machine.ts. */
export type CreateMachine = (scenario: Scenario, images: MachineImages, options?: MachineOptions) => Machine;
