import { describe, expect, it } from 'vitest';
import type { Machine, MachineSnapshot, MachineView, Recording, RunOutcome, SourceBreakpoint, StopWhen, VcpuRegisters } from '../core/machine/api.ts';
import type { TraceEvent } from '../core/trace/events.ts';
import type { BuildOutput, Program } from './build.ts';
import { PROTOCOL_VERSION, type WorkerCommand, type WorkerEvent } from './protocol.ts';
import { FakeTimers, updatesOf } from './fake-clock.test-util.ts';
import { SLICE_MS, Session, UPDATE_MS_FULL_SPEED, WINDOW_AFTER, WINDOW_BEFORE } from './session.ts';

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
        // As in the real machine, an event carries the index of the step during which it happened.
        this.events.push({ kind: 'console', step: this.steps - 1, cpu: 0, vm: 1, vcpu: 0, text: '.' });
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
          interrupts: { enabled: hex(0), pending: hex(0), count: 0 }, virq: false, forcedReturn: null, thread: null, retired: this.steps,
        }],
      }],
    };
  }
  snapshot(): MachineSnapshot {
    return { version: 1, steps: this.steps, traceLength: this.events.length, choiceCount: 0, data: { ended: this.ended } };
  }
  restore(s: MachineSnapshot, history?: readonly TraceEvent[]): void {
    this.steps = s.steps;
    this.ended = (s.data as { ended: Machine['ended'] }).ended;
    if (this.events.length > s.traceLength) this.events.length = s.traceLength;
    else this.events.push(...(history ?? []).slice(this.events.length, s.traceLength));
  }
  registers(vm: number, vcpu: number): VcpuRegisters | null {
    const steps = BigInt(this.steps);
    return vm === 1 && vcpu === 0 ? { x: () => steps, sp: 0n, pc: BigInt(this.pc()), nzcv: 0 } : null;
  }
  retired(vm: number, vcpu: number): number {
    return vm === 1 && vcpu === 0 ? this.steps : 0;
  }
  setNextChoice(): string | null {
    return 'the fake machine has one CPU';
  }
  injectInterrupt(): string | null {
    return 'the fake machine has no interrupts';
  }
  recording(): Recording {
    return { choices: [], inputs: [] };
  }
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

function harness(opts: { endAt?: number; msPerStep?: number; throwAt?: number; fail?: boolean; keyframeInterval?: number } = {}) {
  const ft = new FakeTimers();
  const { clock, timers } = ft;
  const out: WorkerEvent[] = [];
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
    later: ft.later,
    build: () => built,
    timeTravel: { keyframeInterval: opts.keyframeInterval ?? 1000 },
  });
  const drive = (untilMs: number) => ft.drive(untilMs);
  const updates = () => updatesOf(out);
  const last = () => updates()[updates().length - 1];
  return { s, out, clock, timers, drive, updates, last };
}

const load: WorkerCommand = { type: 'load', scenario: { version: 1, name: 't', primary: { kind: 'native' }, vms: [] }, files: {} };

describe('Session', () => {
  it('announces its protocol version, then reports a load with diagnostics and builds nothing', () => {
    const h = harness({ fail: true });
    h.s.handle(load);
    expect(h.out[0]).toEqual({ type: 'ready', version: PROTOCOL_VERSION });
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
    expect(h.last()).toMatchObject({ status: 'paused', stop: { kind: 'event', event: { kind: 'console', step: 99 } } });
    expect(h.last().view.steps).toBe(100);
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

describe('Session time travel (fake machine: the PC walks a loop of 8 instructions, x0 = steps)', () => {
  function ranTo(steps: number, extra: Partial<Parameters<typeof harness>[0]> = {}) {
    const h = harness({ endAt: steps, ...extra });
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(10_000);
    expect(h.last()).toMatchObject({ status: 'ended', time: { now: steps, head: steps } });
    return h;
  }

  it('seeks anywhere in the run and back to the end; the update shows that step', () => {
    const h = ranTo(5000);
    h.s.handle({ type: 'seek', step: 1234 });
    expect(h.last()).toMatchObject({ status: 'paused', stop: { kind: 'seek' }, time: { now: 1234, head: 5000 }, view: { steps: 1234 } });
    expect(h.last().pcs[0].line).toBe((1234 % 8) + 1);
    h.s.handle({ type: 'seek', step: 99_999 });
    expect(h.last()).toMatchObject({ status: 'ended', time: { now: 5000 } });
  });

  it('after a seek back, Run replays the known future exactly and ends where it ended', () => {
    const h = ranTo(3000);
    h.s.handle({ type: 'seek', step: 10 });
    h.s.handle({ type: 'run' });
    h.drive(20_000);
    expect(h.last()).toMatchObject({ status: 'ended', time: { now: 3000, head: 3000 } });
  });

  it('sends a window of events around the present after a seek, and appends while running', () => {
    // 10,000 events: more than a running page is sent (bursts are thinned) and than one window.
    const h = ranTo(1_000_000);
    h.s.handle({ type: 'seek', step: 250_050 });
    const u = h.last();
    expect(u.traceReset).toBe(true);
    expect(u.events).toHaveLength(2500 + WINDOW_AFTER);
    expect(u.events[2499].step).toBe(249_999);
    h.s.handle({ type: 'seek', step: 250_060 });
    expect(h.last()).toMatchObject({ traceReset: false, events: [] });
    h.s.handle({ type: 'seek', step: 900_000 });
    expect(h.last()).toMatchObject({ traceReset: true });
    expect(h.last().events[0].step).toBe((9000 - WINDOW_BEFORE) * 100 + 99);
  });

  it('back one event goes to just after the previous event; with none it says so and stays', () => {
    const h = ranTo(1000);
    h.s.handle({ type: 'seek', step: 350 });
    h.s.handle({ type: 'back', to: { kind: 'event' } });
    expect(h.last()).toMatchObject({ time: { now: 300 }, stop: { kind: 'seek' } });
    h.s.handle({ type: 'seek', step: 50 });
    h.s.handle({ type: 'back', to: { kind: 'event' } });
    expect(h.last()).toMatchObject({ time: { now: 50 }, stop: { kind: 'not_found' } });
  });

  it('step back one instruction of the focused vCPU is the exact inverse of Step', () => {
    const h = ranTo(5000, { keyframeInterval: 700 });
    h.s.handle({ type: 'seek', step: 2100 });
    h.s.handle({ type: 'back', to: { kind: 'instruction', vm: 1, vcpu: 0 } });
    h.drive(h.clock.t + 1000);
    expect(h.last()).toMatchObject({ time: { now: 2099 }, stop: { kind: 'step' }, search: null });
    h.s.handle({ type: 'step', vm: 1, vcpu: 0 });
    expect(h.last()).toMatchObject({ time: { now: 2100 } });
  });

  it('reverse continue finds the previous line-breakpoint hit, honouring its condition and hit count', () => {
    const h = ranTo(5000, { keyframeInterval: 500 });
    h.s.handle({ type: 'setBreakpoints', breakpoints: [{ file: 'spin.s', line: 4, condition: 'x0 >= 1000', fromHit: 1 }] });
    h.s.handle({ type: 'seek', step: 4000 });
    h.s.handle({ type: 'back', to: { kind: 'breakpoint' } });
    h.drive(h.clock.t + 1000);
    // Line 4 is at PC 0x8000c: the state before it executes is at steps = 3 mod 8.
    expect(h.last()).toMatchObject({ time: { now: 3995 }, stop: { kind: 'breakpoint', line: 4 } });
    h.s.handle({ type: 'seek', step: 1003 });
    h.s.handle({ type: 'back', to: { kind: 'breakpoint' } });
    h.drive(h.clock.t + 1000);
    expect(h.last()).toMatchObject({ time: { now: 1003 }, stop: { kind: 'not_found' } });
  });

  it('a condition that does not parse is reported with its column and ignored', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'setBreakpoints', breakpoints: [{ file: 'spin.s', line: 4, condition: 'x0 == == 1' }] });
    expect(h.last().breakpointErrors['spin.s:4']).toMatch(/column 7/);
  });

  it('counts hits and stops only from the given hit on', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'setBreakpoints', breakpoints: [{ file: 'spin.s', line: 2, fromHit: 3 }] });
    h.s.handle({ type: 'run' });
    h.drive(100);
    expect(h.last()).toMatchObject({ stop: { kind: 'breakpoint', line: 2 }, time: { now: 17 }, hits: { 'spin.s:2': 3 } });
    h.s.handle({ type: 'seek', step: 10 });
    expect(h.last().hits).toEqual({ 'spin.s:2': 2 });
  });

  it('a register watchpoint stops after the step that changed it, forward and backward', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'run' });
    h.drive(50);
    h.s.handle({ type: 'pause' });
    const at = h.last().time.now;
    h.s.handle({ type: 'setWatchpoints', watchpoints: [{ id: 'w', kind: 'register', vm: 1, vcpu: 0, reg: 'x0' }] });
    h.s.handle({ type: 'run' });
    h.drive(h.clock.t + 100);
    expect(h.last()).toMatchObject({ stop: { kind: 'watch', id: 'w' }, time: { now: at + 1 } });
    h.s.handle({ type: 'back', to: { kind: 'breakpoint' } });
    h.drive(h.clock.t + 1000);
    expect(h.last()).toMatchObject({ stop: { kind: 'watch', id: 'w' }, time: { now: at } });
  });

  it('a watchpoint on memory outside the VM is refused with the reason', () => {
    const h = harness();
    h.s.handle(load);
    h.s.handle({ type: 'setWatchpoints', watchpoints: [{ id: 'm', kind: 'memory', vm: 1, addr: 0x200000, length: 4 }] });
    expect(h.last().breakpointErrors.m).toMatch(/outside VM 1's memory/);
  });

  it('a long backward search reports progress and can be cancelled; the machine stays put', () => {
    const h = ranTo(200_000, { keyframeInterval: 1000, msPerStep: 0.002 });
    h.s.handle({ type: 'setBreakpoints', breakpoints: [{ file: 'spin.s', line: 4, condition: 'x0 == 1' }] });
    h.s.handle({ type: 'seek', step: 150_000 });
    h.s.handle({ type: 'back', to: { kind: 'breakpoint' } });
    h.drive(h.clock.t + 50);
    expect(h.last().search).toMatchObject({ what: 'previous breakpoint hit', from: 150_000 });
    expect(h.last().search!.progress).toBeGreaterThan(0);
    h.s.handle({ type: 'cancel' });
    expect(h.last()).toMatchObject({ search: null, stop: { kind: 'cancelled' }, time: { now: 150_000 } });
  });

  it('refuses a branch change the machine rejects, keeping the future', () => {
    const h = ranTo(2000);
    h.s.handle({ type: 'seek', step: 100 });
    h.s.handle({ type: 'inject', vm: 1, vcpu: 0, intid: 1 });
    expect(h.out.at(-1)).toEqual({ type: 'refused', command: 'inject', message: 'the fake machine has no interrupts' });
    h.s.handle({ type: 'seek', step: 1500 });
    expect(h.last().time).toMatchObject({ now: 1500, head: 2000, branches: [{ id: 1 }] });
  });

  it('exports the whole branch, also while in the past', () => {
    const h = ranTo(1000);
    h.s.handle({ type: 'seek', step: 5 });
    h.s.handle({ type: 'export', format: 'json' });
    const ex = h.out.at(-1) as Extract<WorkerEvent, { type: 'exported' }>;
    expect(ex.fileName).toBe('hvlab-trace.json');
    expect(JSON.parse(ex.text).events).toHaveLength(10);
    h.s.handle({ type: 'export', format: 'chrome' });
    expect(JSON.parse((h.out.at(-1) as { text: string }).text).traceEvents.length).toBeGreaterThan(0);
  });
});
