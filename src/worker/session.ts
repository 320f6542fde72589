/**
 * The worker's brain, free of worker globals so it runs (and is tested) in
 * Node: it owns one Machine under a TimeTravel, obeys WorkerCommands and
 * emits WorkerEvents.
 *
 * Running happens in time slices of at most SLICE_MS; between slices the
 * event loop delivers new commands, so Pause is handled within one slice even
 * at full speed and a guest spinning forever never blocks the worker. Long
 * jobs (backward searches, replays) run in the same slices and can be
 * cancelled. Updates are throttled to one per UPDATE_MS (the page further
 * coalesces them to one per animation frame).
 *
 * Every forward move goes through `forward`, which checks all breakpoints:
 * line breakpoints (with conditions and hit counts), protocol breakpoints (on
 * the steps' trace events) and watchpoints (compared after every step while
 * any is set). Backward moves seek; searches replay keyframe segments newest
 * first with the same checks, so every breakpoint works in both directions.
 */
import type { Machine, MachineView, Recording, RunOutcome, StopWhen } from '../core/machine/api.ts';
import { ProtocolTracker } from '../core/debug/breakpoints.ts';
import { toChromeTrace } from '../core/debug/chrome-trace.ts';
import { TimeTravel, type SearchProgress } from '../core/debug/timetravel.ts';
import type { ScenarioFiles } from '../core/scenario/load.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { TraceEvent, TraceEventKind } from '../core/trace/events.ts';
import { BranchTree } from './branches.ts';
import { BreakpointSet, type Hit } from './breakpoint-set.ts';
import type { BuildOutput, Program } from './build.ts';
import { MarkCounter } from './marks.ts';
import {
  assertNever,
  PROTOCOL_VERSION,
  TRACE_KEEP_MAX,
  TRACE_KEEP_TRIM,
  type BackTarget,
  type ExportFormat,
  type LineBreakpoint,
  type MemoryWindow,
  type PcLocation,
  type PlaybackStatus,
  type SearchInfo,
  type Speed,
  type StopInfo,
  type Watchpoint,
  type WorkerCommand,
  type WorkerEvent,
} from './protocol.ts';

/** Longest stretch of machine work between two looks at the message queue. */
export const SLICE_MS = 12;
/**
 * Least time between two updates while running: 30 a second at a limited
 * speed, 10 a second at full speed (where each update carries a burst of
 * events and redrawing the views dominates the page's work).
 */
export const UPDATE_MS = 33;
export const UPDATE_MS_FULL_SPEED = 100;
/**
 * At most this many trace events go in one update while running; older ones
 * of a burst are skipped and counted (at full speed a guest can record tens
 * of thousands of events per second, more than a page can digest). An
 * update that reports a stop carries up to STOP_EVENTS, so the history just
 * before a pause is dense.
 */
export const MAX_EVENTS_PER_UPDATE = 300;
export const STOP_EVENTS = 5000;
/** After a seek outside what the page holds, it gets this many events before the present and after it. */
export const WINDOW_BEFORE = 8000;
export const WINDOW_AFTER = 2000;
/** The page's events must reach this far around the present, or a seek sends a new window. */
const COVER_BEFORE = 1000;
const COVER_AFTER = 200;
/** The view's run-code list and console text are cut to their newest parts before posting (both grow without bound). */
export const VIEW_RUN_CODES = 200;
export const VIEW_CONSOLE_CHARS = 64 * 1024;
/** Most machine steps a single Step command may take looking for the focused vCPU's next instruction. */
const MAX_STEP_SEARCH = 200_000;
/** Steps replayed per chunk while searching for a vCPU's previous instruction (then refined step by step). */
const INSTRUCTION_CHUNK = 4096;

/** Events that end a "Step event" (and that "back one event" goes to): everything a learner sees except bookkeeping. */
export const LEARNER_EVENTS: readonly TraceEventKind[] = [
  'hypercall', 'vcpu_state', 'mailbox_state', 'mailbox_configure', 'waiter_list', 'ready_list', 'recv_stack',
  'interrupt', 'message_copy', 'run_return', 'exception', 'fault', 'console', 'end',
];
const LEARNER = new Set<TraceEventKind>(LEARNER_EVENTS);

export interface SessionDeps {
  post(e: WorkerEvent): void;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds (0: as soon as queued messages are handled). */
  later(fn: () => void, ms: number): void;
  build(scenario: ScenarioInput, files: ScenarioFiles): BuildOutput;
  /** Keyframe spacing and memory budget (tests use small ones). */
  readonly timeTravel?: { readonly keyframeInterval?: number; readonly keyframeBudgetBytes?: number };
}

type Mode = { readonly kind: 'run'; readonly stopWhen?: StopWhen };

/** A long job run in slices: each `next()` does a bounded piece of work. */
interface Job {
  readonly what: string;
  readonly from: number;
  readonly gen: Generator<SearchProgress, void, void>;
  /** Progress estimate for the last yielded value. */
  progress(p: SearchProgress): { searchedFrom: number; progress: number };
  /** Called with the step found (the machine is there), or null (it is back where it was). */
  done(found: number | null): void;
}

/** What `forward` ran into. */
interface ForwardResult {
  readonly outcome: RunOutcome;
  readonly hit: Hit | null;
}

export class Session {
  private program: Program | null = null;
  private source: { scenario: ScenarioInput; files: ScenarioFiles } | null = null;
  private machine: Machine | null = null;
  private tt: TimeTravel | null = null;
  private status: PlaybackStatus = 'empty';
  private mode: Mode | null = null;
  private job: Job | null = null;
  /** The current job's progress as last reported by it. */
  private lastProgress: { searchedFrom: number; progress: number } | null = null;
  private speed: Speed = 'max';
  private lineBreakpoints: readonly LineBreakpoint[] = [];
  private watchpoints: readonly Watchpoint[] = [];
  private readonly bps: BreakpointSet;
  private readonly marks = new MarkCounter();
  private readonly branches = new BranchTree();
  /** Protocol state after the first `trackerAt` branch events. */
  private tracker = new ProtocolTracker();
  private trackerAt = 0;
  private watch: { vm: number; addr: number; length: number } | null = null;
  private lastMemory: MemoryWindow | null = null;
  private seq = 0;
  /** Branch events [pageLo, pageHi) are held by the page, contiguously; it holds about pageLen events in all. */
  private pageLo = 0;
  private pageHi = 0;
  private pageLen = 0;
  private traceReset = false;
  private lastPost = -Infinity;
  private tickQueued = false;
  /** Steps owed at a limited speed (fractional carry between ticks). */
  private owed = 0;
  private lastTick = 0;
  /** Adaptive size of one forward call at full speed. */
  private chunk = 1000;
  private rateFrom: { t: number; steps: number } | null = null;
  private rate = 0;
  /**
   * True when the machine stands where it stopped or was put (a breakpoint,
   * a seek): the next forward move first steps over whatever is at the
   * present, so resuming never stops at the same place again.
   */
  private atBreakpoint = false;

  constructor(private readonly deps: SessionDeps) {
    this.bps = new BreakpointSet((step) => this.marks.addHit(step));
    deps.post({ type: 'ready', version: PROTOCOL_VERSION });
  }

  /** Applies one command. Exceptions from the machine become a `fatal` event. */
  handle(cmd: WorkerCommand): void {
    try {
      this.apply(cmd);
    } catch (e) {
      this.fail(e);
    }
  }

  private apply(cmd: WorkerCommand): void {
    switch (cmd.type) {
      case 'load':
        this.load(cmd.scenario, cmd.files, cmd.keep ?? false);
        return;
      case 'reset':
        if (this.program) {
          this.branches.clear();
          this.fresh();
        }
        return;
      case 'run':
        this.start({ kind: 'run' });
        return;
      case 'stepEvent':
        this.start({ kind: 'run', stopWhen: { eventKinds: LEARNER_EVENTS } });
        return;
      case 'pause':
        if (this.job) this.cancelJob();
        else if (this.status === 'running') this.stop('paused', null);
        return;
      case 'cancel':
        if (this.job) this.cancelJob();
        return;
      case 'step':
        this.stepVcpu(cmd.vm, cmd.vcpu);
        return;
      case 'setSpeed':
        this.speed = cmd.speed;
        this.owed = 0;
        this.lastTick = this.deps.now();
        return;
      case 'setBreakpoints':
        this.lineBreakpoints = cmd.breakpoints;
        this.applyBreakpoints();
        this.publishIfIdle();
        return;
      case 'setProtocolBreakpoints':
        this.bps.setProtocol(cmd.breakpoints);
        this.countProtocolHits();
        this.publishIfIdle();
        return;
      case 'setWatchpoints':
        this.watchpoints = cmd.watchpoints;
        this.bps.setWatches(cmd.watchpoints, this.machine);
        this.publishIfIdle();
        return;
      case 'watchMemory':
        this.watch = { vm: cmd.vm, addr: cmd.addr, length: cmd.length };
        this.lastMemory = null;
        this.publishIfIdle();
        return;
      case 'seek':
        this.seek(cmd.step);
        return;
      case 'back':
        this.back(cmd.to);
        return;
      case 'choose':
        this.choose(cmd);
        return;
      case 'setNextChoice':
        this.changePast('setNextChoice', (m) => m.setNextChoice(cmd.choice), cmd.choice.kind === 'cpu' ? `CPU ${cmd.choice.cpu} runs next for ${cmd.choice.steps} steps` : `CPU ${cmd.choice.cpu} runs vCPU ${cmd.choice.vm}.${cmd.choice.vcpu} next`);
        return;
      case 'inject':
        this.changePast('inject', (m) => m.injectInterrupt(cmd.vm, cmd.vcpu, cmd.intid), `interrupt ${cmd.intid} injected into vCPU ${cmd.vm}.${cmd.vcpu}`);
        return;
      case 'switchBranch':
        this.switchBranch(cmd.id);
        return;
      case 'replay':
        this.replay(cmd.recording, cmd.step);
        return;
      case 'getRecording':
        if (this.machine && this.tt) this.deps.post({ type: 'recording', recording: this.machine.recording(), now: this.tt.now });
        else this.refuse('getRecording', 'there is no machine yet: the scenario has not assembled');
        return;
      case 'export':
        this.exportTrace(cmd.format);
        return;
      default:
        assertNever(cmd);
    }
  }

  // ---- machines and branches -------------------------------------------------

  /**
   * A new program. For an edit of the open scenario (`keep`) after the old
   * machine had run, the old run is kept as a branch and the new machine
   * follows its schedule (recorded choices and inputs) as far as they stay
   * legal; an edit before anything ran just replaces the program. Otherwise
   * (another scenario) every branch is forgotten.
   */
  private load(scenario: ScenarioInput, files: ScenarioFiles, keep: boolean): void {
    const out = this.deps.build(scenario, files);
    this.deps.post({ type: 'loaded', result: out.result });
    if (!out.program) return;
    const source = { scenario, files };
    const edit = keep && this.source !== null && this.machine !== null && this.tt !== null;
    if (edit && this.machine && this.tt && this.tt.head > 0) {
      const recording = this.machine.recording();
      const why = JSON.stringify(this.source?.scenario) === JSON.stringify(scenario) ? 'code edited' : 'scenario changed';
      this.saveBranch();
      this.branches.fork(0, why, out.program, source);
      this.program = out.program;
      this.source = source;
      this.fresh(recording);
      return;
    }
    if (edit) this.branches.replaceProgram(out.program, source);
    else this.branches.clear();
    this.program = out.program;
    this.source = source;
    this.fresh();
  }

  /** A new machine at step 0 (following `recording` when given) for the current program. */
  private fresh(recording?: Recording): void {
    const program = this.program;
    const source = this.source;
    if (!program || !source) return;
    this.cancelJob(false);
    this.install(program.create(recording ? { choices: recording.choices, inputs: recording.inputs } : undefined));
    if (this.branches.current === null) this.branches.start(program, source);
    this.status = this.machine?.ended ? 'ended' : 'paused';
    this.atBreakpoint = false;
    this.publish(null, true);
  }

  /** Makes `m` the machine (at its step 0), with fresh time travel and bookkeeping. */
  private install(m: Machine): void {
    this.machine = m;
    this.tt = new TimeTravel(m, this.deps.timeTravel);
    this.bps.clearHits();
    this.applyBreakpoints();
    this.bps.setWatches(this.watchpoints, m);
    this.marks.reset();
    this.tracker = new ProtocolTracker();
    this.trackerAt = 0;
    this.seq = 0;
    this.pageLo = this.pageHi = this.pageLen = 0;
    this.traceReset = false;
    this.mode = null;
    this.lastMemory = null;
  }

  private applyBreakpoints(): void {
    this.bps.setLines(this.lineBreakpoints, this.program);
    this.tt?.setBreakpoints(this.bps.machineBreakpoints());
  }

  /** Remembers where the current branch is (its recording, present and head) before leaving it. */
  private saveBranch(): void {
    if (!this.machine || !this.tt) return;
    this.branches.save(this.machine.recording(), this.tt.now, this.tt.head);
  }

  /**
   * Changes what happens from the present on (`change` returns an error
   * message or null). With a known future (present < head) the old branch is
   * kept and a new one starts here.
   */
  private changePast(command: WorkerCommand['type'], change: (m: Machine) => string | null, why: string): void {
    const m = this.machine;
    const tt = this.tt;
    if (!m || !tt || !this.program || !this.source) return this.refuse(command, 'there is no machine yet: the scenario has not assembled');
    if (this.job) this.cancelJob(false);
    if (this.status === 'running') this.stop('paused', null);
    const forking = tt.now < tt.head;
    if (forking) this.saveBranch();
    const error = change(m);
    if (error) {
      if (forking) this.branches.dropSave();
      return this.refuse(command, error);
    }
    if (forking) this.branches.fork(tt.now, why, this.program, this.source);
    // Even at the head the branch must follow the machine: an injection can revive a quiescent run (its end event is withdrawn).
    tt.truncateFuture();
    this.bps.truncateAfter(tt.now);
    this.traceReset = true;
    this.rebuildMarks();
    this.trackerAt = Math.min(this.trackerAt, tt.indexAt(tt.now));
    this.arrived({ kind: 'changed', what: forking ? `${why}: branch ${this.branches.current} starts at step ${tt.now}` : why });
  }

  /** Returns to branch `id` where the machine was in it (replaying its recording in slices). */
  private switchBranch(id: number): void {
    const target = this.branches.get(id);
    if (!target) return this.refuse('switchBranch', `there is no branch ${id}`);
    if (id === this.branches.current) return;
    if (this.status === 'running') this.stop('paused', null);
    this.cancelJob(false);
    this.saveBranch();
    this.branches.enter(id);
    if (target.program !== this.program) {
      this.program = target.program;
      this.source = target.source;
      this.applyBreakpoints();
      this.deps.post({ type: 'sources', scenario: target.source.scenario, files: target.source.files });
    }
    const rec = target.recording;
    this.install(target.program.create(rec ? { choices: rec.choices, inputs: rec.inputs } : undefined));
    this.replayTo(target.info.head, target.now, `returning to branch ${id}`);
  }

  /** Re-runs a recorded session (share links) and stops at `step`. */
  private replay(recording: Recording, step: number): void {
    if (!this.program) return this.refuse('replay', 'the shared scenario did not assemble, so it cannot be replayed');
    if (this.status === 'running') this.stop('paused', null);
    this.branches.clear();
    this.fresh(recording);
    this.replayTo(step, step, `replaying to step ${step}`);
  }

  /** A job: runs forward (breakpoints off) to `head`, then seeks to `at`. */
  private replayTo(head: number, at: number, what: string): void {
    const tt = this.tt;
    if (!tt) return;
    this.startJob({
      what,
      from: 0,
      gen: this.replaySteps(tt, head, at),
      progress: (p) => ({ searchedFrom: p.done ? head : p.searchedFrom, progress: head > 0 ? (p.done ? 1 : p.searchedFrom / head) : 1 }),
      done: (found) => {
        this.atBreakpoint = found !== null;
        this.stop(this.machine?.ended && tt.now >= tt.head ? 'ended' : 'paused', found === null ? { kind: 'cancelled' } : { kind: 'seek' });
      },
    });
  }

  /** Replays forward to `head` in pieces (one per `next()`), then seeks to `at`; abandoned, it leaves the machine where it got. */
  private *replaySteps(tt: TimeTravel, head: number, at: number): Generator<SearchProgress, void, void> {
    while (tt.now < head && !this.machine?.ended) {
      const before = tt.now;
      tt.stepOver(Math.min(head - tt.now, 200_000));
      if (tt.now === before) break;
      yield { done: false, searchedFrom: tt.now };
    }
    tt.seek(at);
    yield { done: true, found: tt.now };
  }

  // ---- running forward ----------------------------------------------------------

  private start(mode: Mode): void {
    const tt = this.tt;
    if (!this.machine || !tt) return;
    // Running forward abandons a search or replay in progress (the machine goes back to where it started).
    this.cancelJob(false);
    if (this.status === 'ended' && tt.now >= tt.head) return;
    this.mode = mode;
    this.status = 'running';
    this.owed = 0;
    this.lastTick = this.deps.now();
    this.rateFrom = { t: this.lastTick, steps: tt.now };
    this.publish(null, true);
    this.queueTick(0);
  }

  private queueTick(ms: number): void {
    if (this.tickQueued) return;
    this.tickQueued = true;
    this.deps.later(() => {
      this.tickQueued = false;
      try {
        if (this.job) this.jobTick();
        else this.tick();
      } catch (e) {
        this.fail(e);
      }
    }, ms);
  }

  /** One slice of running. */
  private tick(): void {
    const m = this.machine;
    if (!m || this.status !== 'running' || !this.mode) return;
    const stopWhen = this.mode.stopWhen;
    const t0 = this.deps.now();
    let res: ForwardResult | null = null;
    if (this.speed === 'max') {
      while (this.deps.now() - t0 < SLICE_MS) {
        const c0 = this.deps.now();
        res = this.forward(this.chunk, stopWhen);
        const took = this.deps.now() - c0;
        // Aim for ~2 ms per forward call so the slice deadline is kept precisely.
        if (took < 1) this.chunk = Math.min(this.chunk * 2, 1 << 20);
        else if (took > 3) this.chunk = Math.max(16, this.chunk >> 1);
        if (res.hit || res.outcome.stop !== 'budget') break;
      }
    } else {
      this.owed += ((t0 - this.lastTick) * this.speed) / 1000;
      this.lastTick = t0;
      const n = Math.floor(this.owed);
      if (n > 0) {
        this.owed -= n;
        res = this.forward(n, stopWhen);
      }
    }
    if (res && (res.hit || res.outcome.stop !== 'budget')) {
      this.onStop(res);
      return;
    }
    this.publish(null, false);
    this.queueTick(this.speed === 'max' ? 0 : Math.max(0, Math.min(100, 1000 / this.speed)));
  }

  /**
   * Moves up to `budget` steps forward with every breakpoint checked (see
   * the file comment). `protocol: false` skips protocol breakpoints (backward
   * searches find those by scanning events). Returns the outcome and the
   * breakpoint that stopped it, if any; the machine stands at the stop.
   */
  private forward(budget: number, stopWhen?: StopWhen, protocol = true): ForwardResult {
    const m = this.machine as Machine;
    const tt = this.tt as TimeTravel;
    const checkProtocol = protocol && this.bps.hasProtocol();
    const watching = this.bps.hasWatches();
    const callerKinds = stopWhen?.eventKinds?.length ? new Set(stopWhen.eventKinds) : null;
    const kinds = [...(stopWhen?.eventKinds ?? []), ...(checkProtocol ? this.bps.protocolEventKinds() : [])];
    const sw: StopWhen | undefined = kinds.length > 0 || stopWhen?.atStep !== undefined ? { ...stopWhen, eventKinds: kinds } : undefined;
    if (checkProtocol) this.syncTracker();
    const start = tt.now;
    while (tt.now - start < budget) {
      const s0 = tt.now;
      let outcome: RunOutcome;
      if (this.atBreakpoint) {
        this.atBreakpoint = false;
        tt.stepOver(1);
        outcome = m.ended && tt.now === s0 ? { stop: 'ended', steps: 0, reason: m.ended } : { stop: 'budget', steps: tt.now - s0 };
        if (m.pendingChoice() && tt.now === s0) outcome = { stop: 'need_choice', steps: 0 };
      } else {
        outcome = tt.forward(watching ? 1 : budget - (tt.now - start), sw);
      }
      let hit: Hit | null = null;
      if (checkProtocol) hit = this.protocolHitsUpToNow();
      if (watching) hit = this.bps.watchHit(m, tt.now) ?? hit;
      if (outcome.stop === 'breakpoint') {
        this.atBreakpoint = true;
        hit ??= this.bps.lineHit(m, outcome.vm, outcome.vcpu, outcome.addr, tt.now);
        if (!hit) continue;
      }
      if (hit) return { outcome: { ...outcome, steps: tt.now - start }, hit };
      if (outcome.stop === 'event') {
        if (callerKinds && this.eventsBetween(s0, tt.now).some((e) => callerKinds.has(e.kind))) return { outcome: { ...outcome, steps: tt.now - start }, hit: null };
        continue;
      }
      if (outcome.stop === 'at_step') return { outcome: { ...outcome, steps: tt.now - start }, hit: null };
      if (outcome.stop !== 'budget') return { outcome: { ...outcome, steps: tt.now - start }, hit: null };
      if (tt.now === s0) break;
    }
    return { outcome: { stop: 'budget', steps: tt.now - start }, hit: null };
  }

  /** Branch events of steps [from, to). */
  private eventsBetween(from: number, to: number): readonly TraceEvent[] {
    const tt = this.tt as TimeTravel;
    return tt.events.slice(tt.indexAt(from), tt.indexAt(to));
  }

  /**
   * Records every hit of the protocol breakpoints over the whole branch (a
   * pure scan of its events, no replay), so their counts are right from step
   * 0 however late they were set.
   */
  private countProtocolHits(): void {
    const tt = this.tt;
    if (!tt || !this.bps.hasProtocol()) return;
    this.bps.protocolHit(tt.events, new ProtocolTracker());
  }

  /** Brings the protocol tracker to the present (rebuilt from the start after a move back). */
  private syncTracker(): void {
    const tt = this.tt as TimeTravel;
    const upTo = tt.indexAt(tt.now);
    if (this.trackerAt > upTo) {
      this.tracker = new ProtocolTracker();
      this.trackerAt = 0;
    }
    const ev = tt.events;
    for (; this.trackerAt < upTo; this.trackerAt++) this.tracker.observe(ev[this.trackerAt]);
  }

  /** Feeds the events that happened since the tracker's position to the protocol breakpoints. */
  private protocolHitsUpToNow(): Hit | null {
    const tt = this.tt as TimeTravel;
    const upTo = tt.indexAt(tt.now);
    if (this.trackerAt > upTo) this.syncTracker();
    const events = tt.events.slice(this.trackerAt, upTo);
    this.trackerAt = upTo;
    return this.bps.protocolHit(events, this.tracker);
  }

  private onStop(res: ForwardResult): void {
    if (res.hit) {
      this.atBreakpoint = true;
      this.stop('paused', this.hitInfo(res.hit));
      return;
    }
    const o = res.outcome;
    switch (o.stop) {
      case 'budget':
      case 'at_step':
        this.atBreakpoint = true;
        this.stop('paused', { kind: 'step' });
        return;
      case 'breakpoint':
        // forward() only returns a breakpoint outcome with its hit.
        this.stop('paused', { kind: 'step' });
        return;
      case 'event':
        this.atBreakpoint = true;
        this.stop('paused', { kind: 'event', event: o.event });
        return;
      case 'need_choice':
        this.stop('paused', { kind: 'need_choice' });
        return;
      case 'ended':
        this.stop('ended', { kind: 'ended' });
        return;
      default:
        assertNever(o);
    }
  }

  private hitInfo(h: Hit): StopInfo {
    switch (h.kind) {
      case 'line':
        return { kind: 'breakpoint', vm: h.vm, vcpu: h.vcpu, file: h.at.file, line: h.at.line };
      case 'protocol':
        return { kind: 'protocol', id: h.id, event: h.event };
      case 'watch':
        return { kind: 'watch', id: h.id, before: h.before, after: h.after };
    }
  }

  private stop(status: PlaybackStatus, why: StopInfo | null): void {
    const tt = this.tt;
    this.status = this.machine?.ended && tt && tt.now >= tt.head ? 'ended' : status;
    this.mode = null;
    this.rateFrom = null;
    this.rate = 0;
    if (why === null) this.atBreakpoint = true;
    this.publish(why, true);
  }

  /**
   * Steps the machine until vCPU (vm, vcpu) has executed one instruction, a
   * breakpoint stops it, or it cannot make progress within MAX_STEP_SEARCH
   * steps (e.g. it is blocked and nothing wakes it).
   */
  private stepVcpu(vm: number, vcpu: number): void {
    const m = this.machine;
    if (!m || !this.tt || this.status === 'running') return;
    this.cancelJob(false);
    if (m.ended && this.tt.now >= this.tt.head) return;
    const before = m.retired(vm, vcpu);
    let res: ForwardResult = { outcome: { stop: 'budget', steps: 0 }, hit: null };
    const t0 = this.deps.now();
    for (let i = 0; i < MAX_STEP_SEARCH; i++) {
      res = this.forward(1);
      if (res.hit || res.outcome.stop !== 'budget' || m.retired(vm, vcpu) !== before) break;
      if (this.deps.now() - t0 > 200) break;
    }
    if (res.hit || res.outcome.stop !== 'budget') this.onStop(res);
    else {
      this.atBreakpoint = true;
      this.stop('paused', { kind: 'step' });
    }
  }

  /** Answers the manual scheduler, then runs on until the next stop (the next choice, at the latest). */
  private choose(cmd: Extract<WorkerCommand, { type: 'choose' }>): void {
    const m = this.machine;
    if (!m) return this.refuse('choose', 'there is no machine yet');
    const error = m.choose(cmd.choice);
    if (error) return this.refuse('choose', error);
    this.start({ kind: 'run' });
  }

  // ---- going back ---------------------------------------------------------------

  private seek(step: number): void {
    const tt = this.tt;
    if (!tt || !this.machine) return;
    if (this.job) this.cancelJob(false);
    tt.seek(step);
    this.arrived({ kind: 'seek' });
  }

  /** The machine was put somewhere in time: watch baselines follow, resume steps over the present. */
  private arrived(why: StopInfo): void {
    this.atBreakpoint = true;
    if (this.machine) this.bps.rebaseWatches(this.machine);
    this.stop('paused', why);
  }

  private back(to: BackTarget): void {
    const tt = this.tt;
    const m = this.machine;
    if (!tt || !m) return;
    if (this.job) this.cancelJob(false);
    if (this.status === 'running') this.stop('paused', null);
    switch (to.kind) {
      case 'event': {
        const at = tt.backToEvent((e) => LEARNER.has(e.kind));
        if (at === null) this.arrived({ kind: 'not_found', what: 'no earlier event' });
        else this.arrived({ kind: 'seek' });
        return;
      }
      case 'hypercall': {
        const at = tt.backToEvent((e) => e.kind === 'hypercall' && (to.name === null || e.name === to.name));
        if (at === null) this.arrived({ kind: 'not_found', what: `no earlier ${to.name ?? 'hypercall'}` });
        else this.arrived({ kind: 'seek' });
        return;
      }
      case 'instruction':
        this.backInstruction(to.vm, to.vcpu);
        return;
      case 'breakpoint':
        this.reverseContinue();
        return;
      default:
        assertNever(to);
    }
  }

  /** Goes to just before vCPU (vm, vcpu)'s previous instruction: the largest step at which its retired count is below today's. */
  private backInstruction(vm: number, vcpu: number): void {
    const tt = this.tt as TimeTravel;
    const m = this.machine as Machine;
    const target = m.retired(vm, vcpu);
    const name = `vCPU ${vm}.${vcpu}`;
    if (target === 0) return this.arrived({ kind: 'not_found', what: `${name} has not executed an instruction yet` });
    const scan = (_from: number, to: number): number | null => {
      if (m.retired(vm, vcpu) >= target) return null;
      // Coarse chunks, then one step at a time within the chunk that reaches it.
      while (tt.now < to) {
        const c0 = tt.now;
        tt.stepOver(Math.min(INSTRUCTION_CHUNK, to - c0));
        if (m.retired(vm, vcpu) >= target) {
          tt.seek(c0);
          for (;;) {
            const s = tt.now;
            tt.stepOver(1);
            if (m.retired(vm, vcpu) >= target || tt.now === s) return s;
          }
        }
        if (tt.now === c0) return null;
      }
      return null;
    };
    this.searchJob(`previous instruction of ${name}`, tt.searchBackward(scan), (found) =>
      found === null ? { kind: 'not_found', what: `no earlier instruction of ${name}` } : { kind: 'step' },
    );
  }

  /**
   * Reverse continue: the latest step before the present at which any
   * enabled breakpoint or watchpoint would have stopped a forward run.
   * Protocol breakpoints come from a scan of the branch's events; line
   * breakpoints and watchpoints need a replay, which only looks at segments
   * after the protocol hit (if any).
   */
  private reverseContinue(): void {
    const tt = this.tt as TimeTravel;
    if (!this.bps.hasAny()) return this.arrived({ kind: 'not_found', what: 'no breakpoints or watchpoints are set' });
    const protocolHit = this.bps.lastProtocolHitBefore((this.tt as TimeTravel).events, (this.tt as TimeTravel).now);
    const replayNeeded = this.bps.machineBreakpoints().length > 0 || this.bps.hasWatches();
    if (!replayNeeded) {
      if (!protocolHit) return this.arrived({ kind: 'not_found', what: 'no earlier breakpoint hit' });
      tt.seek(protocolHit.step);
      return this.arrived({ kind: 'protocol', id: protocolHit.id, event: protocolHit.event });
    }
    const hits = new Map<number, Hit>();
    const scan = (from: number, to: number, present: number): number | null => {
      const m = this.machine as Machine;
      this.bps.rebaseWatches(m);
      this.atBreakpoint = false;
      let last: number | null = null;
      while (tt.now < to) {
        const s = tt.now;
        const res = this.forward(to - tt.now, undefined, false);
        if (res.hit && tt.now < present && tt.now >= from) {
          last = tt.now;
          hits.set(tt.now, res.hit);
        }
        if (!res.hit && res.outcome.stop !== 'budget') break;
        if (tt.now === s && !res.hit) break;
      }
      this.atBreakpoint = false;
      return last;
    };
    const floor = protocolHit?.step ?? 0;
    this.searchJob('previous breakpoint hit', tt.searchBackward(scan, floor), (found) => {
      if (found !== null && (!protocolHit || found >= protocolHit.step)) {
        const hit = hits.get(found);
        return hit ? this.hitInfo(hit) : { kind: 'seek' };
      }
      if (protocolHit) {
        tt.seek(protocolHit.step);
        return { kind: 'protocol', id: protocolHit.id, event: protocolHit.event };
      }
      return { kind: 'not_found', what: 'no earlier breakpoint hit' };
    });
  }

  /** Runs a backward search as a job; `result` turns the step found (the machine is there) into the stop shown. */
  private searchJob(what: string, gen: Generator<SearchProgress, void, void>, result: (found: number | null) => StopInfo): void {
    const tt = this.tt as TimeTravel;
    const from = tt.now;
    this.startJob({
      what,
      from,
      gen,
      progress: (p) => ({ searchedFrom: p.done ? from : p.searchedFrom, progress: p.done ? 1 : from > 0 ? (from - p.searchedFrom) / from : 1 }),
      done: (found) => this.arrived(result(found)),
    });
  }

  private startJob(job: Job): void {
    this.job = job;
    this.status = 'paused';
    this.mode = null;
    this.queueTick(0);
  }

  /** One slice of the current job. */
  private jobTick(): void {
    const job = this.job;
    if (!job) return;
    const t0 = this.deps.now();
    for (;;) {
      const r = job.gen.next();
      const p = r.done ? ({ done: true, found: null } as const) : r.value;
      if (p.done) {
        this.job = null;
        this.lastProgress = null;
        job.done(p.found);
        return;
      }
      this.lastProgress = job.progress(p);
      if (this.deps.now() - t0 >= SLICE_MS) break;
    }
    this.publish(null, false);
    this.queueTick(0);
  }


  /** Abandons the current job (the machine goes back where it was); `report` says so to the page. */
  private cancelJob(report = true): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.lastProgress = null;
    job.gen.return();
    if (report) this.arrived({ kind: 'cancelled' });
  }

  private searchInfo(): SearchInfo | null {
    const job = this.job;
    if (!job) return null;
    const p = this.lastProgress ?? { searchedFrom: job.from, progress: 0 };
    return { what: job.what, from: job.from, searchedFrom: p.searchedFrom, progress: p.progress };
  }

  // ---- output ---------------------------------------------------------------------

  private refuse(command: WorkerCommand['type'], message: string): void {
    this.deps.post({ type: 'refused', command, message });
  }

  private exportTrace(format: ExportFormat): void {
    const tt = this.tt;
    const m = this.machine;
    if (!tt || !m) return this.refuse('export', 'there is no run to export yet');
    const view = m.view();
    const events = tt.events;
    if (format === 'json') {
      const text = JSON.stringify({ format: 'hvlab-trace', version: 1, abi: view.abi, head: tt.head, vms: view.vms.map((v) => ({ id: v.id, name: v.name, vcpus: v.vcpus.length })), events });
      this.deps.post({ type: 'exported', format, fileName: 'hvlab-trace.json', text });
      return;
    }
    const trace = toChromeTrace(events, { vms: view.vms.map((v) => ({ id: v.id, name: v.name, vcpus: v.vcpus.length })), endStep: tt.head });
    this.deps.post({ type: 'exported', format, fileName: 'hvlab-trace.perfetto.json', text: JSON.stringify(trace) });
  }

  private rebuildMarks(): void {
    const tt = this.tt;
    this.marks.reset();
    if (!tt) return;
    this.marks.addEvents(tt.events);
    for (const s of this.bps.hitSteps()) this.marks.addHit(s);
  }

  private publishIfIdle(): void {
    if (this.status !== 'running' && !this.job) this.publish(null, true);
  }

  /** Posts an update; `force` ignores the throttle. */
  private publish(stop: StopInfo | null, force: boolean): void {
    const m = this.machine;
    const tt = this.tt;
    if (!m || !tt || !this.program) return;
    const now = this.deps.now();
    if (!force && now - this.lastPost < (this.speed === 'max' && !this.job ? UPDATE_MS_FULL_SPEED : UPDATE_MS)) return;
    this.lastPost = now;
    const full = m.view();
    const view: MachineView = {
      ...full,
      runCodes: full.runCodes.length > VIEW_RUN_CODES ? full.runCodes.slice(-VIEW_RUN_CODES) : full.runCodes,
      console: full.console.length > VIEW_CONSOLE_CHARS ? full.console.slice(-VIEW_CONSOLE_CHARS) : full.console,
    };
    const { events, skipped, reset } = this.traceForPage(force);
    if (this.rateFrom && now > this.rateFrom.t + 200) {
      this.rate = ((tt.now - this.rateFrom.steps) * 1000) / (now - this.rateFrom.t);
      this.rateFrom = { t: now, steps: tt.now };
    }
    const pcs: PcLocation[] = [];
    for (const vmView of view.vms) {
      for (const c of vmView.vcpus) {
        if (c.state === 'off') continue;
        const at = this.program.lineOf(vmView.id, Number.parseInt(c.pc, 16));
        if (at !== null) pcs.push({ vm: vmView.id, vcpu: c.index, file: at.file, line: at.line });
      }
    }
    this.marks.addEvents(tt.events);
    const kf = tt.stats();
    this.seq += 1;
    this.deps.post({
      type: 'update',
      update: {
        seq: this.seq,
        fresh: this.seq === 1,
        status: this.job ? 'paused' : this.status,
        view,
        events,
        traceReset: reset,
        skipped,
        pcs,
        memory: this.readWatch(m),
        stop,
        rate: Math.round(this.rate),
        time: {
          now: tt.now,
          head: tt.head,
          keyframes: { count: kf.count, bytes: kf.heldBytes },
          branch: this.branches.current ?? 0,
          branches: this.branches.infos(tt.head),
          marks: this.marks.marks(tt.head),
        },
        search: this.searchInfo(),
        hits: this.bps.hits(tt.now),
        breakpointErrors: this.bps.problems(),
      },
    });
  }

  /**
   * The events this update carries. While the page's copy reaches the
   * present, new events are appended (the newest of a burst, the rest
   * counted as skipped); after a move outside what the page holds, or a
   * change of the branch's future, a window around the present replaces it.
   */
  private traceForPage(force: boolean): { events: readonly TraceEvent[]; skipped: number; reset: boolean } {
    const tt = this.tt as TimeTravel;
    const all = tt.events;
    const len = all.length;
    const i = tt.indexAt(tt.now);
    const covered = (this.pageLo <= Math.max(0, i - COVER_BEFORE) || this.pageLo === 0) && this.pageHi >= Math.min(len, i + COVER_AFTER) && this.pageHi <= len;
    if (this.seq === 0 || this.traceReset || (this.status !== 'running' && !covered) || this.pageHi > len) {
      this.traceReset = false;
      const lo = Math.max(0, i - WINDOW_BEFORE);
      const hi = Math.min(len, i + WINDOW_AFTER);
      this.pageLo = lo;
      this.pageHi = hi;
      this.pageLen = hi - lo;
      return { events: all.slice(lo, hi), skipped: lo, reset: this.seq > 0 };
    }
    // Running: the page needs the events up to the present (and a little of a known future).
    const need = tt.now >= tt.head ? len : Math.min(len, i + WINDOW_AFTER);
    if (need <= this.pageHi) return { events: [], skipped: 0, reset: false };
    const from = Math.max(this.pageHi, need - (force ? STOP_EVENTS : MAX_EVENTS_PER_UPDATE));
    const skipped = from - this.pageHi;
    if (skipped > 0) this.pageLo = from;
    this.pageHi = need;
    this.pageLen += need - from;
    if (this.pageLen > TRACE_KEEP_MAX) {
      this.pageLen = TRACE_KEEP_TRIM;
      this.pageLo = Math.max(this.pageLo, this.pageHi - TRACE_KEEP_TRIM);
    }
    return { events: all.slice(from, need), skipped, reset: false };
  }

  private readWatch(m: Machine): MemoryWindow | null {
    const w = this.watch;
    if (!w || !m.readMemory) return null;
    const bytes = m.readMemory(w.vm, w.addr, w.length);
    const prev = this.lastMemory;
    const changed: number[] = [];
    if (prev && prev.vm === w.vm && prev.addr === w.addr) {
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== prev.bytes[i]) changed.push(i);
    }
    const win: MemoryWindow = { vm: w.vm, addr: w.addr, bytes, changed };
    this.lastMemory = win;
    return win;
  }

  private fail(e: unknown): void {
    this.status = 'paused';
    this.mode = null;
    this.job = null;
    const message = e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
    this.deps.post({ type: 'fatal', message });
  }
}
