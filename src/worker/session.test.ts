import { describe, expect, it } from 'vitest';
import type { Machine, MachineView, RunOutcome, SourceBreakpoint, StopWhen } from '../core/machine/api.ts';
import type { TraceEvent } from '../core/trace/events.ts';
import type { BuildOutput, Program } from './build.ts';
import type { MachineUpdate, WorkerCommand, WorkerEvent } from './protocol.ts';
import { SLICE_MS, Session, UPDATE_MS_FULL_SPEED } from './session.ts';

/**
 * A stand-in machine: one vCPU (VM 1) whose PC advances 4 per step through a
 * loop of `loopLen` instructions, spinning forever unless `endAt` is set.
 * Every step costs `msPerStep` of the fake clock.
 */
class FakeMachine implements Machine {
  readonly abi = 'v3-notify' as const;
  steps = 0;
  ended: Machine['ended'] = null;
  readonly events: TraceEvent[] = [];
  readonly choices = [];
  bps: readonly SourceBreakpoint[] = [];
  constructor(private readonly clock: { t: number }, private readonly opts: { endAt?: number; msPerStep: number; throwAt?: number }) {}
  get trace() {
    const ev = this.events;
    return { length: ev.length, since: (i: number) => ev.slice(i), at: (i: number) => ev[i] };
  }
  pc(): number {
    return 0x80000 + (this.steps % 8) * 4;
  }
  step(n = 1): RunOutcome {
    return this.run(n);
  }
  run(budget: number, stopWhen?: StopWhen): RunOutcome {
    for (let i = 0; i < budget; i++) {
      if (this.ended) return { stop: 'ended', steps: this.steps, reason: this.ended };
      if (this.bps.some((b) => b.addr === this.pc())) return { stop: 'breakpoint', steps: this.steps, vm: 1, vcpu: 0, addr: this.pc() };
      if (this.steps === this.opts.throwAt) throw new Error('invariant broken');
      this.steps++;
      this.clock.t += this.opts.msPerStep;
      if (this.steps % 100 === 0) {
        this.events.push({ kind: 'console', step: this.steps, cpu: 0, vm: 1, vcpu: 0, text: '.' });
        if (stopWhen?.eventKinds?.includes('console')) return { stop: 'event', steps: this.steps, event: this.events[this.events.length - 1] };
      }
      if (this.steps === this.opts.endAt) {
        this.ended = { kind: 'system_off' };
        return { stop: 'ended', steps: this.steps, reason: this.ended };
      }
    }
    return { stop: 'budget', steps: this.steps };
  }
  view(): MachineView {
    const hex = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;
    return {
      abi: 'v3-notify', primary: 'native', steps: this.steps, console: '', runCodes: [], end: this.ended, pendingChoice: null,
      cpus: [{ id: 0, running: { vm: 1, vcpu: 0 }, thread: null }],
      vms: [{
        id: 1, name: 'spin', memorySize: 0x100000, waiterList: [], readyList: [], recvWaiters: [],
        mailbox: { state: 'empty', sender: null, size: 0, send: null, recv: null },
        vcpus: [{
          vm: 1, index: 0, state: 'running', cpu: 0, pc: hex(this.pc()), sp: hex(0), x: [], nzcv: 0, el: 1, daif: 15, sysregs: {},
          interrupts: { enabled: hex(0), pending: hex(0), count: 0 }, virq: false, forcedReturn: null, thread: null,
        }],
      }],
    };
  }
  snapshot(): never {
    throw new Error('not used');
  }
  restore(): void {}
  setBreakpoints(bps: readonly SourceBreakpoint[]): void {
    this.bps = bps;
  }
  pendingChoice() {
    return null;
  }
  choose() {
    return null;
  }
  readMemory(_vm: number, addr: number, length: number): Uint8Array {
    return Uint8Array.from({ length }, (_, i) => (addr + i + this.steps) & 0xff);
  }
}

function harness(opts: { endAt?: number; msPerStep?: number; throwAt?: number; fail?: boolean } = {}) {
  const clock = { t: 0 };
  const out: WorkerEvent[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  const program: Program = {
    scenario: {} as Program['scenario'],
    create: () => new FakeMachine(clock, { msPerStep: opts.msPerStep ?? 0.001, endAt: opts.endAt, throwAt: opts.throwAt }),
    lineOf: (_vm, addr) => ({ file: 'spin.s', line: (addr - 0x80000) / 4 + 1 }),
    addrsOf: (_file, line) => [{ vm: 1, addr: 0x80000 + (line - 1) * 4 }],
  };
  const built: BuildOutput = opts.fail
    ? { result: { ok: false, diagnostics: [{ file: 'a.s', line: 2, column: 3, length: 4, code: 'E_SYNTAX', message: 'bad', severity: 'error' }] }, program: null }
    : { result: { ok: true, diagnostics: [] }, program };
  const s = new Session({
    post: (e) => out.push(e),
    now: () => clock.t,
    later: (fn, ms) => timers.push({ at: clock.t + ms, fn }),
    build: () => built,
  });
  /** Runs queued timers, in order, while the fake time stays under `untilMs`. */
  const drive = (untilMs: number) => {
    while (timers.length && clock.t < untilMs) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      clock.t = Math.max(clock.t, next.at);
      next.fn();
    }
  };
  const updates = () => out.filter((e): e is { type: 'update'; update: MachineUpdate } => e.type === 'update').map((e) => e.update);
  const last = () => updates()[updates().length - 1];
  return { s, out, clock, timers, drive, updates, last };
}

const load: WorkerCommand = { type: 'load', scenario: { version: 1, name: 't', primary: { kind: 'native' }, vms: [] }, files: {} };

describe('Session', () => {
  it('announces its protocol version, then reports a load with diagnostics and builds nothing', () => {
    const h = harness({ fail: true });
    h.s.handle(load);
    expect(h.out[0]).toEqual({ type: 'ready', version: 1 });
    expect(h.out[1]).toMatchObject({ type: 'loaded', result: { ok: false, diagnostics: [{ code: 'E_SYNTAX', line: 2 }] } });
    expect(h.updates()).toEqual([]);
    h.s.handle({ type: 'run' });
    expect(h.timers).toEqual([]);
  });

  it('a good load gives a fresh, paused machine with the PC mapped to a source line', () => {
    const h = harness();
    h.s.handle(load);
    expect(h.last()).toMatchObject({ seq: 1, fresh: true, status: 'paused', pcs: [{ vm: 1, vcpu: 0, file: 'spin.s', line: 1 }] });
  });

  it('runs a guest spinning forever in slices, and Pause stops it within one slice', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(1000);
    expect(h.last().status).toBe('running');
    const stepsBefore = h.last().view.steps;
    expect(stepsBefore).toBeGreaterThan(100_000);
    // Each slice yields to the queue: the gap between timer callbacks never exceeds a slice (+ one chunk).
    h.s.handle({ type: 'pause' });
    const t = h.clock.t;
    h.drive(t + 100);
    expect(h.last().status).toBe('paused');
    expect(h.clock.t - t).toBeLessThanOrEqual(SLICE_MS);
  });

  it('throttles updates to 10 a second at full speed and sends only new events', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(500);
    const running = h.updates().filter((u) => u.status === 'running' && u.seq > 2);
    expect(running.length).toBeLessThanOrEqual(Math.ceil(500 / UPDATE_MS_FULL_SPEED) + 1);
    const steps = running.map((u) => u.events.map((e) => e.step));
    const flat = steps.flat();
    expect(new Set(flat).size).toBe(flat.length);
  });

  it('stops at a breakpoint with its source line, then steps over it on Run', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'setBreakpoints', breakpoints: [{ file: 'spin.s', line: 4 }] });
    h.s.handle({ type: 'run' });
    h.drive(100);
    expect(h.last()).toMatchObject({ status: 'paused', stop: { kind: 'breakpoint', vm: 1, vcpu: 0, file: 'spin.s', line: 4 }, pcs: [{ line: 4 }] });
    h.s.handle({ type: 'run' });
    h.drive(200);
    expect(h.last()).toMatchObject({ status: 'paused', stop: { kind: 'breakpoint', line: 4 } });
    expect(h.last().view.steps).toBe(11);
  });

  it('runs to the end and reports it', () => {
    const h = harness({ endAt: 5000 });
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(1000);
    expect(h.last()).toMatchObject({ status: 'ended', stop: { kind: 'ended' } });
    expect(h.last().view.steps).toBe(5000);
  });

  it('honours a limited speed: about `speed` steps per second', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'setSpeed', speed: 50 });
    h.s.handle({ type: 'run' });
    h.drive(2000);
    const steps = h.last().view.steps;
    expect(steps).toBeGreaterThanOrEqual(95);
    expect(steps).toBeLessThanOrEqual(101);
  });

  it('Step event stops after the next learner-visible event', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'stepEvent' });
    h.drive(100);
    expect(h.last()).toMatchObject({ status: 'paused', stop: { kind: 'event', event: { kind: 'console', step: 100 } } });
  });

  it('Step advances the focused vCPU by one instruction', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'step', vm: 1, vcpu: 0 });
    expect(h.last()).toMatchObject({ status: 'paused', pcs: [{ line: 2 }] });
    expect(h.last().view.steps).toBe(1);
  });

  it('reports memory changes between updates of the watched window', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'watchMemory', vm: 1, addr: 0x1000, length: 4 });
    h.s.handle({ type: 'step', vm: 1, vcpu: 0 });
    expect(h.last().memory).toMatchObject({ vm: 1, addr: 0x1000, changed: [0, 1, 2, 3] });
  });

  it('turns an exception inside the machine into a fatal event instead of dying', () => {
    const h = harness({ throwAt: 10 });
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(100);
    expect(h.out.find((e) => e.type === 'fatal')).toMatchObject({ message: expect.stringContaining('invariant broken') });
  });
});
