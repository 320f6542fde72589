/**
 * The worker's brain, free of worker globals so it runs (and is tested) in
 * Node: it owns one Machine, obeys WorkerCommands and emits WorkerEvents.
 *
 * Running happens in time slices of at most SLICE_MS; between slices the
 * event loop delivers new commands, so Pause is handled within one slice even
 * at full speed and a guest spinning forever never blocks the worker. Updates
 * are throttled to one per UPDATE_MS (the page further coalesces them to one
 * per animation frame).
 */
import type { Machine, MachineView, RunOutcome, StopWhen } from '../core/machine/api.ts';
import type { ScenarioFiles } from '../core/scenario/load.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { TraceEventKind } from '../core/trace/events.ts';
import type { BuildOutput, Program } from './build.ts';
import { assertNever, type LineBreakpoint, type MemoryWindow, type PcLocation, type PlaybackStatus, type Speed, type StopInfo, type WorkerCommand, type WorkerEvent } from './protocol.ts';

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
/** The view's run-code list and console text are cut to their newest parts before posting (both grow without bound). */
export const VIEW_RUN_CODES = 200;
export const VIEW_CONSOLE_CHARS = 64 * 1024;
/** Most machine steps a single Step command may take looking for the focused vCPU's next instruction. */
const MAX_STEP_SEARCH = 200_000;

/** Events that end a "Step event": everything a learner sees except bookkeeping. */
const LEARNER_EVENTS: readonly TraceEventKind[] = [
  'hypercall', 'vcpu_state', 'mailbox_state', 'mailbox_configure', 'waiter_list', 'ready_list', 'recv_stack',
  'interrupt', 'message_copy', 'run_return', 'exception', 'fault', 'console', 'end',
];

export interface SessionDeps {
  post(e: WorkerEvent): void;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds (0: as soon as queued messages are handled). */
  later(fn: () => void, ms: number): void;
  build(scenario: ScenarioInput, files: ScenarioFiles): BuildOutput;
}

type Mode = { readonly kind: 'run'; readonly stopWhen?: StopWhen };

export class Session {
  private program: Program | null = null;
  private machine: Machine | null = null;
  private status: PlaybackStatus = 'empty';
  private mode: Mode | null = null;
  private speed: Speed = 'max';
  private breakpoints: readonly LineBreakpoint[] = [];
  private watch: { vm: number; addr: number; length: number } | null = null;
  private lastMemory: MemoryWindow | null = null;
  private seq = 0;
  private sent = 0;
  private lastPost = -Infinity;
  private tickQueued = false;
  /** Steps owed at a limited speed (fractional carry between ticks). */
  private owed = 0;
  private lastTick = 0;
  /** Adaptive size of one `machine.run` call at full speed. */
  private chunk = 1000;
  private rateFrom: { t: number; steps: number } | null = null;
  private rate = 0;
  /** True right after stopping at a breakpoint: the next advance must step over it. */
  private atBreakpoint = false;

  constructor(private readonly deps: SessionDeps) {
    deps.post({ type: 'ready', version: 1 });
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
      case 'load': {
        const out = this.deps.build(cmd.scenario, cmd.files);
        this.deps.post({ type: 'loaded', result: out.result });
        if (out.program) {
          this.program = out.program;
          this.fresh();
        }
        return;
      }
      case 'reset':
        if (this.program) this.fresh();
        return;
      case 'run':
        this.start({ kind: 'run' });
        return;
      case 'stepEvent':
        this.start({ kind: 'run', stopWhen: { eventKinds: LEARNER_EVENTS } });
        return;
      case 'pause':
        if (this.status === 'running') this.stop('paused', null);
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
        this.breakpoints = cmd.breakpoints;
        this.applyBreakpoints();
        return;
      case 'watchMemory':
        this.watch = { vm: cmd.vm, addr: cmd.addr, length: cmd.length };
        this.lastMemory = null;
        if (this.status !== 'running') this.publish(null, true);
        return;
      default:
        assertNever(cmd);
    }
  }

  private fresh(): void {
    if (!this.program) return;
    this.machine = this.program.create();
    this.applyBreakpoints();
    this.seq = 0;
    this.sent = 0;
    this.mode = null;
    this.atBreakpoint = false;
    this.lastMemory = null;
    this.status = this.machine.ended ? 'ended' : 'paused';
    this.publish(null, true);
  }

  private applyBreakpoints(): void {
    if (!this.machine || !this.program) return;
    const program = this.program;
    const bps = this.breakpoints.flatMap((b) => program.addrsOf(b.file, b.line));
    this.machine.setBreakpoints(bps);
  }

  private start(mode: Mode): void {
    if (!this.machine || this.status === 'ended') return;
    this.mode = mode;
    this.status = 'running';
    this.owed = 0;
    this.lastTick = this.deps.now();
    this.rateFrom = { t: this.lastTick, steps: this.machine.steps };
    this.publish(null, true);
    this.queueTick(0);
  }

  private queueTick(ms: number): void {
    if (this.tickQueued) return;
    this.tickQueued = true;
    this.deps.later(() => {
      this.tickQueued = false;
      try {
        this.tick();
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
    let outcome: RunOutcome | null = null;
    if (this.speed === 'max') {
      while (this.deps.now() - t0 < SLICE_MS) {
        const c0 = this.deps.now();
        outcome = this.advance(m, this.chunk, stopWhen);
        const took = this.deps.now() - c0;
        // Aim for ~2 ms per run call so the slice deadline is kept precisely.
        if (took < 1) this.chunk = Math.min(this.chunk * 2, 1 << 20);
        else if (took > 3) this.chunk = Math.max(16, this.chunk >> 1);
        if (outcome.stop !== 'budget') break;
      }
    } else {
      this.owed += ((t0 - this.lastTick) * this.speed) / 1000;
      this.lastTick = t0;
      const n = Math.floor(this.owed);
      if (n > 0) {
        this.owed -= n;
        outcome = this.advance(m, n, stopWhen);
      }
    }
    if (outcome && outcome.stop !== 'budget') {
      this.onStop(outcome);
      return;
    }
    this.publish(null, false);
    this.queueTick(this.speed === 'max' ? 0 : Math.max(0, Math.min(100, 1000 / this.speed)));
  }

  /** Runs up to `n` steps, first stepping over a breakpoint the machine is stopped at. */
  private advance(m: Machine, n: number, stopWhen?: StopWhen): RunOutcome {
    if (this.atBreakpoint) {
      this.atBreakpoint = false;
      m.setBreakpoints([]);
      const first = m.step(1);
      this.applyBreakpoints();
      if (first.stop !== 'budget' || n <= 1) return first;
      n -= 1;
    }
    return m.run(n, stopWhen);
  }

  private onStop(o: RunOutcome): void {
    switch (o.stop) {
      case 'budget':
      case 'at_step':
        this.stop('paused', { kind: 'step' });
        return;
      case 'breakpoint': {
        this.atBreakpoint = true;
        const at = this.program?.lineOf(o.vm, o.addr) ?? null;
        this.stop('paused', { kind: 'breakpoint', vm: o.vm, vcpu: o.vcpu, file: at?.file ?? null, line: at?.line ?? null });
        return;
      }
      case 'event':
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

  private stop(status: PlaybackStatus, why: StopInfo | null): void {
    this.status = this.machine?.ended ? 'ended' : status;
    this.mode = null;
    this.rateFrom = null;
    this.rate = 0;
    this.publish(why, true);
  }

  /**
   * Steps the machine until vCPU (vm, vcpu) has moved on by one instruction
   * (its PC or state changed), or it cannot make progress within
   * MAX_STEP_SEARCH steps (e.g. it is blocked and nothing wakes it).
   */
  private stepVcpu(vm: number, vcpu: number): void {
    const m = this.machine;
    if (!m || this.status === 'running' || this.status === 'ended') return;
    const probe = () => {
      const v = m.view().vms.find((x) => x.id === vm)?.vcpus[vcpu];
      return v ? `${v.pc}/${v.state}` : '';
    };
    const before = probe();
    let outcome: RunOutcome = { stop: 'budget', steps: m.steps };
    const t0 = this.deps.now();
    for (let i = 0; i < MAX_STEP_SEARCH; i++) {
      outcome = this.advance(m, 1);
      if (outcome.stop !== 'budget' || probe() !== before) break;
      if (this.deps.now() - t0 > 200) break;
    }
    if (outcome.stop !== 'budget') this.onStop(outcome);
    else this.stop('paused', { kind: 'step' });
  }

  /** Posts an update; `force` ignores the throttle. */
  private publish(stop: StopInfo | null, force: boolean): void {
    const m = this.machine;
    if (!m || !this.program) return;
    const now = this.deps.now();
    if (!force && now - this.lastPost < (this.speed === 'max' ? UPDATE_MS_FULL_SPEED : UPDATE_MS)) return;
    this.lastPost = now;
    const full = m.view();
    const view: MachineView = {
      ...full,
      runCodes: full.runCodes.length > VIEW_RUN_CODES ? full.runCodes.slice(-VIEW_RUN_CODES) : full.runCodes,
      console: full.console.length > VIEW_CONSOLE_CHARS ? full.console.slice(-VIEW_CONSOLE_CHARS) : full.console,
    };
    const total = m.trace.length;
    const from = Math.max(this.sent, total - (force ? STOP_EVENTS : MAX_EVENTS_PER_UPDATE));
    const events = from < total ? m.trace.since(from) : [];
    const skipped = from - this.sent;
    this.sent = total;
    if (this.rateFrom && now > this.rateFrom.t + 200) {
      this.rate = ((m.steps - this.rateFrom.steps) * 1000) / (now - this.rateFrom.t);
      this.rateFrom = { t: now, steps: m.steps };
    }
    const pcs: PcLocation[] = [];
    for (const vmView of view.vms) {
      for (const c of vmView.vcpus) {
        if (c.state === 'off') continue;
        const at = this.program.lineOf(vmView.id, Number.parseInt(c.pc, 16));
        if (at !== null) pcs.push({ vm: vmView.id, vcpu: c.index, file: at.file, line: at.line });
      }
    }
    this.seq += 1;
    this.deps.post({
      type: 'update',
      update: {
        seq: this.seq,
        fresh: this.seq === 1,
        status: this.status,
        view,
        events,
        skipped,
        pcs,
        memory: this.readWatch(m),
        stop,
        rate: Math.round(this.rate),
      },
    });
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
    const message = e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
    this.deps.post({ type: 'fatal', message });
  }
}
