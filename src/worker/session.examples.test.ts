/**
 * The session on real machines (the built-in examples): time travel,
 * protocol breakpoints, branches and replays give exactly the states a
 * straight run has.
 */
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../examples/node-files.ts';
import type { MachineView } from '../core/machine/api.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { TraceEvent } from '../core/trace/events.ts';
import { build } from './build.ts';
import type { MachineUpdate, WorkerCommand, WorkerEvent } from './protocol.ts';
import { Session } from './session.ts';
import { FakeTimers, updatesOf } from './fake-clock.test-util.ts';

const examples = loadExamples();

function example(id: string) {
  const e = examples.find((x) => x.id === id);
  if (!e) throw new Error(`no example ${id}`);
  return { scenario: JSON.parse(e.scenarioText) as ScenarioInput, files: e.files };
}

/** A session whose clock advances a little on every look, driven until idle. */
function harness(id: string) {
  const ft = new FakeTimers();
  const out: WorkerEvent[] = [];
  const s = new Session({
    post: (e) => out.push(e),
    now: () => (ft.clock.t += 0.05),
    later: ft.later,
    build,
    timeTravel: { keyframeInterval: 2000 },
  });
  const last = () => updatesOf(out).at(-1) as MachineUpdate;
  const cmd = (c: WorkerCommand) => {
    s.handle(c);
    ft.drive(Infinity, 100_000);
    return last();
  };
  const src = example(id);
  cmd({ type: 'load', ...src });
  return { s, out, cmd, last, src };
}

/** The observable state a view shows (the worker cuts run codes and console; compare what both have). */
function state(v: MachineView) {
  return { ...v, runCodes: v.runCodes.slice(-20), console: v.console.slice(-500) };
}

/** The view of a fresh machine run straight to `steps`. */
function straight(id: string, steps: number): MachineView {
  const src = example(id);
  const m = build(src.scenario, src.files).program!.create();
  m.run(steps);
  return m.view();
}

describe('Session on the built-in examples', { timeout: 60_000 }, () => {
  it('seek and step back give the state of a straight run at that step', () => {
    const h = harness('writable-race');
    const end = h.cmd({ type: 'run' });
    expect(end.status).toBe('ended');
    const head = end.time.head;
    const mid = Math.floor(head / 2);
    expect(state(h.cmd({ type: 'seek', step: mid }).view)).toEqual(state(straight('writable-race', mid)));
    const back = h.cmd({ type: 'back', to: { kind: 'instruction', vm: 1, vcpu: 0 } });
    expect(back.time.now).toBeLessThan(mid);
    expect(state(back.view)).toEqual(state(straight('writable-race', back.time.now)));
    // Stepping the same vCPU forward again lands on the first step after its instruction.
    const before = back.view.vms[1].vcpus[0].retired;
    const fwd = h.cmd({ type: 'step', vm: 1, vcpu: 0 });
    expect(fwd.view.vms[1].vcpus[0].retired).toBe(before + 1);
    expect(fwd.time.now).toBe(back.time.now + 1);
  });

  it('stops on a protocol breakpoint going forward, and reverse continue finds the previous hit', () => {
    const h = harness('writable-race');
    h.cmd({ type: 'setProtocolBreakpoints', breakpoints: [{ id: 'b', enabled: true, bp: { kind: 'waiter_list', owner: 1, op: 'add' } }] });
    const first = h.cmd({ type: 'run' });
    expect(first.stop).toMatchObject({ kind: 'protocol', id: 'b', event: { kind: 'waiter_list', owner: 1, op: 'add' } });
    expect(first.time.now).toBe((first.stop as { event: { step: number } }).event.step + 1);
    expect(first.view.vms[1].waiterList.length).toBeGreaterThan(0);
    const second = h.cmd({ type: 'run' });
    expect(second.stop).toMatchObject({ kind: 'protocol', id: 'b' });
    expect(second.time.now).toBeGreaterThan(first.time.now);
    expect(second.hits.b).toBe(2);
    const back = h.cmd({ type: 'back', to: { kind: 'breakpoint' } });
    expect(back.time.now).toBe(first.time.now);
    expect(back.hits.b).toBe(1);
  });

  it('a protocol breakpoint set after the run counts the hits before the present at once', () => {
    const h = harness('writable-race');
    h.cmd({ type: 'run' });
    const mid = h.cmd({ type: 'seek', step: 6000 });
    const u = h.cmd({ type: 'setProtocolBreakpoints', breakpoints: [{ id: 's', enabled: true, bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND' } }] });
    h.s.handle({ type: 'export', format: 'json' });
    const exported = h.out.at(-1) as Extract<WorkerEvent, { type: 'exported' }>;
    const sends = (JSON.parse(exported.text).events as TraceEvent[]).filter((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND' && e.step + 1 <= mid.time.now);
    expect(sends.length).toBeGreaterThan(2);
    expect(u.hits.s).toBe(sends.length);
  });

  it('back to the previous hypercall of a kind', () => {
    const h = harness('writable-race');
    const end = h.cmd({ type: 'run' });
    const u = h.cmd({ type: 'back', to: { kind: 'hypercall', name: 'HF_MAILBOX_SEND' } });
    h.s.handle({ type: 'export', format: 'json' });
    const exported = h.out.at(-1) as Extract<WorkerEvent, { type: 'exported' }>;
    const sends = (JSON.parse(exported.text).events as TraceEvent[]).filter((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND');
    expect(u.time.now).toBe(Math.max(...sends.map((e) => e.step)) + 1);
    expect(u.time.head).toBe(end.time.head);
  });

  it('a new scheduling choice in the past starts a branch; the old one can be returned to', () => {
    const h = harness('writable-race');
    const end = h.cmd({ type: 'run' });
    const fork = Math.floor(end.time.head / 3);
    h.cmd({ type: 'seek', step: fork });
    const b = h.cmd({ type: 'setNextChoice', choice: { kind: 'cpu', cpu: 1, steps: 7 } });
    expect(b.time).toMatchObject({ now: fork, head: fork, branch: 2 });
    expect(b.time.branches).toEqual([
      expect.objectContaining({ id: 1, head: end.time.head }),
      expect.objectContaining({ id: 2, parent: 1, forkStep: fork, why: 'CPU 1 runs next for 7 steps' }),
    ]);
    const ran = h.cmd({ type: 'run' });
    expect(ran.status).toBe('ended');
    const back = h.cmd({ type: 'switchBranch', id: 1 });
    expect(back.time).toMatchObject({ branch: 1, now: fork, head: end.time.head });
    expect(state(back.view)).toEqual(state(straight('writable-race', fork)));
    const again = h.cmd({ type: 'switchBranch', id: 2 });
    expect(again.time).toMatchObject({ branch: 2, now: ran.time.now, head: ran.time.head });
  });

  it('an injected interrupt in the past starts a branch and is replayed by its recording', () => {
    const h = harness('writable-race');
    h.cmd({ type: 'run' });
    h.cmd({ type: 'seek', step: 3000 });
    const u = h.cmd({ type: 'inject', vm: 2, vcpu: 0, intid: 1 });
    expect(u.time).toMatchObject({ branch: 2, head: 3000 });
    h.cmd({ type: 'run' });
    h.cmd({ type: 'seek', step: 3500 });
    h.s.handle({ type: 'getRecording' });
    const rec = h.out.filter((e) => e.type === 'recording').at(-1) as Extract<WorkerEvent, { type: 'recording' }>;
    expect(rec.recording.inputs).toEqual([{ kind: 'interrupt', step: 3000, vm: 2, vcpu: 0, intid: 1 }]);
    const view = h.last().view;
    // A share link's replay in a new session reaches the same state.
    const other = harness('writable-race');
    const replayed = other.cmd({ type: 'replay', recording: rec.recording, step: rec.now });
    expect(replayed.time.now).toBe(3500);
    expect(state(replayed.view)).toEqual(state(view));
  });

  it('an interrupt injected at the end of a quiescent run revives it on the same branch', () => {
    const h = harness('writable-race');
    const end = h.cmd({ type: 'run' });
    expect(end.view.end).toMatchObject({ kind: 'quiescent' });
    // The senders wait in receive with the WRITABLE interrupt (2) enabled.
    const u = h.cmd({ type: 'inject', vm: 2, vcpu: 0, intid: 2 });
    expect(u).toMatchObject({ status: 'paused', view: { end: null }, time: { branch: 1, head: end.time.head }, traceReset: true });
    // The page sees the injection at once (and no longer the withdrawn end).
    expect(u.events.filter((e) => e.kind === 'interrupt' && e.external)).toHaveLength(1);
    expect(u.events.some((e) => e.kind === 'end')).toBe(false);
    expect(u.time.branches).toHaveLength(1);
    const after = h.cmd({ type: 'run' });
    expect(after.time.now).toBeGreaterThan(end.time.now);
  });

  it('editing the code keeps the old run as a branch and sends its sources back on return', () => {
    const h = harness('t1-echo');
    h.cmd({ type: 'run' });
    const files = { ...h.src.files, 'echo.s': `${h.src.files['echo.s']}\n// edited\n` };
    const u = h.cmd({ type: 'load', scenario: h.src.scenario, files, keep: true });
    expect(u.time.branches.map((b) => b.why)).toEqual(['the first run', 'code edited']);
    h.cmd({ type: 'switchBranch', id: 1 });
    expect(h.out.find((e) => e.type === 'sources')).toMatchObject({ files: { 'echo.s': h.src.files['echo.s'] } });
  });

  it('changing the scenario (e.g. its schedule) keeps the old run as a branch; opening another scenario forgets the branches', () => {
    const h = harness('writable-race');
    const end = h.cmd({ type: 'run' });
    const manual = { ...h.src.scenario, schedule: { kind: 'manual' as const, quantum: 500 } };
    const u = h.cmd({ type: 'load', scenario: manual, files: h.src.files, keep: true });
    expect(u.time).toMatchObject({ branch: 2, now: 0, head: 0 });
    expect(u.time.branches).toEqual([expect.objectContaining({ id: 1, head: end.time.head }), expect.objectContaining({ id: 2, why: 'scenario changed' })]);
    const back = h.cmd({ type: 'switchBranch', id: 1 });
    expect(back.time).toMatchObject({ branch: 1, now: end.time.head, head: end.time.head });
    expect(h.out.filter((e) => e.type === 'sources').at(-1)).toMatchObject({ scenario: { schedule: { kind: 'round-robin' } } });
    const other = example('t1-echo');
    const fresh = h.cmd({ type: 'load', ...other });
    expect(fresh.time.branches).toHaveLength(1);
  });
});
