/**
 * The Machine API for time travel and branches: retired counts, live
 * registers, injected interrupts (recorded inputs), next-choice overrides
 * and recordings that replay a run exactly.
 */
import { describe, expect, it } from 'vitest';
import { loadExamples, readExampleFiles } from '../../../examples/node-files.ts';
import { parseScenario } from '../scenario/parse.ts';
import { buildImages } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { InterruptEvent } from '../trace/events.ts';
import type { Machine, MachineImages, MachineOptions } from './api.ts';
import { createMachine } from './machine.ts';

const HF: Record<string, string> = {
  'v2-mailbox': readExampleFiles()['/examples/lib/hf-v2.s'],
  'v3-notify': readExampleFiles()['/examples/lib/hf-v3.s'],
};

interface Built {
  readonly scenario: Scenario;
  readonly images: MachineImages;
  make(opts?: MachineOptions): Machine;
}

function built(scenario: Scenario, files: Readonly<Record<string, string>>): Built {
  const b = buildImages(scenario, files);
  if (!b.ok) throw new Error(JSON.stringify(b.diagnostics));
  return { scenario, images: b.images, make: (opts = {}) => createMachine(scenario, b.images, opts) };
}

/** A scenario from inline secondary sources (the generation's constants prepended). */
function inline(doc: Record<string, unknown>, vms: readonly string[]): Built {
  const abi = (doc.abi as string) ?? 'v3-notify';
  const p = parseScenario({
    version: 1,
    name: 'test',
    abi,
    cpus: 1,
    primary: { kind: 'native' },
    schedule: { kind: 'round-robin', seed: 1, quantum: 50 },
    ...doc,
    vms: vms.map((src, i) => ({ name: `vm${i + 1}`, vcpus: 1, source: `${HF[abi]}\n${src}` })),
  });
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return built(p.scenario, {});
}

function example(id: string, schedule: Partial<Scenario['schedule']> = {}): Built {
  const ex = loadExamples().find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return built({ ...ex.scenario, schedule: { ...ex.scenario.schedule, ...schedule } }, ex.files);
}

/** Enables intid 5, then loops: WFI, acknowledge, count wake-ups in x20, intid in x21. */
const WAITER = `
  .text
  .global _start
_start:
  mov x0, #HF_INTERRUPT_ENABLE
  mov x1, #5
  mov x2, #1
  hvc #0
  mov x20, #0
1: wfi
  mov x0, #HF_INTERRUPT_GET
  hvc #0
  mov x21, x0
  add x20, x20, #1
  b 1b
`;

const COUNTER = `
  .text
  .global _start
_start:
  mov x5, #42
  movn x6, #0
1: add x7, x7, #3
  b 1b
`;

/** Runs `m` until VM `vm` vCPU 0 is blocked in WFI (or `limit` steps). */
function runUntilBlocked(m: Machine, vm: number, limit = 10_000): void {
  while (m.steps < limit && m.view().vms[vm].vcpus[0].state !== 'blocked_interrupt') m.run(1);
  expect(m.view().vms[vm].vcpus[0].state).toBe('blocked_interrupt');
}

/** What a run has shown (snapshot-independent): the view and every trace event. */
function observed(m: Machine): string {
  return JSON.stringify({ view: m.view(), trace: m.trace.since(0) });
}

describe('Machine.retired', () => {
  it('counts each vCPU’s steps: they add up to the machine’s steps, and the view agrees', () => {
    for (const b of [example('writable-race', { kind: 'random', seed: 99, quantum: 37 }), example('t1-echo'), example('v1-rpc-request')]) {
      const m = b.make();
      m.run(20_000);
      const view = m.view();
      let sum = 0;
      for (const vm of view.vms) {
        for (const v of vm.vcpus) {
          expect(v.retired).toBe(m.retired(vm.id, v.index));
          sum += v.retired;
        }
      }
      expect(sum).toBe(m.steps);
      expect(m.retired(0, 0)).toBeGreaterThan(0);
    }
  });

  it('is part of the snapshot: after restore it equals a straight run’s value', () => {
    const b = example('writable-race', { kind: 'random', seed: 5, quantum: 20 });
    const m = b.make();
    m.run(3000);
    const snap = m.snapshot();
    const at3000 = [m.retired(1, 0), m.retired(2, 0), m.retired(3, 0), m.retired(0, 0)];
    m.run(4000);
    m.restore(snap);
    expect([m.retired(1, 0), m.retired(2, 0), m.retired(3, 0), m.retired(0, 0)]).toEqual(at3000);
    const straight = b.make();
    straight.run(3000);
    expect([straight.retired(1, 0), straight.retired(2, 0), straight.retired(3, 0), straight.retired(0, 0)]).toEqual(at3000);
  });

  it('is 0 for a vCPU that does not exist', () => {
    const m = example('t1-echo').make();
    m.run(100);
    expect([m.retired(9, 0), m.retired(1, 7), m.retired(-1, 0)]).toEqual([0, 0, 0]);
  });
});

describe('Machine.registers', () => {
  it('reads a guest core live: x(n), sp, pc, nzcv as the view shows them', () => {
    const m = inline({}, [COUNTER]).make();
    m.run(50);
    const r = m.registers(1, 0);
    if (!r) throw new Error('no registers');
    expect(r.x(5)).toBe(42n);
    expect(r.x(6)).toBe(0xffff_ffff_ffff_ffffn);
    expect(r.x(31)).toBe(0n);
    const v = m.view().vms[1].vcpus[0];
    expect(r.pc).toBe(BigInt(v.pc));
    expect(r.sp).toBe(BigInt(v.sp));
    expect(r.nzcv).toBe(v.nzcv);
    const x7 = r.x(7);
    m.run(50);
    // Live: the same reader sees the new values.
    expect(r.x(7)).toBeGreaterThan(x7);
    expect(m.registers(1, 0)).toBe(r);
  });

  it('reads a native primary’s register file (no SP: 0), and is null for no such vCPU', () => {
    const m = inline({}, [COUNTER]).make();
    m.run(10);
    const p = m.registers(0, 0);
    if (!p) throw new Error('no registers');
    expect(p.sp).toBe(0n);
    expect(p.x(0)).toBe(BigInt(m.view().vms[0].vcpus[0].x[0]));
    expect(m.registers(2, 0)).toBeNull();
    expect(m.registers(1, 1)).toBeNull();
  });
});

describe('Machine.injectInterrupt', () => {
  it('wakes a vCPU blocked in WFI as HF_INTERRUPT_INJECT does, marked external, recorded at the step', () => {
    // VM 2 spins, so the machine never goes quiescent; VM 1's thread sleeps once it has seen WAIT_FOR_INTERRUPT.
    const m = inline({}, [WAITER, COUNTER]).make();
    while (m.steps < 10_000 && m.view().vms[1].vcpus[0].thread !== 'sleeping') m.run(1);
    expect(m.view().vms[1].vcpus[0].state).toBe('blocked_interrupt');
    const at = m.steps;
    const mark = m.trace.length;
    expect(m.injectInterrupt(1, 0, 5)).toBeNull();
    const events = m.trace.since(mark);
    const inject = events.find((e): e is InterruptEvent & { step: number } => e.kind === 'interrupt');
    expect(inject).toMatchObject({ op: 'inject', vm: 1, vcpu: 0, intid: 5, external: true, step: at - 1 });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'vcpu_state', vm: 1, from: 'blocked_interrupt', to: 'ready', cause: 'external interrupt' }));
    // The native driver wakes the sleeping thread, so the vCPU runs and acknowledges the interrupt.
    expect(events).toContainEqual(expect.objectContaining({ kind: 'thread_state', vm: 1, from: 'sleeping', to: 'runnable', cause: 'external interrupt' }));
    expect(m.recording().inputs).toEqual([{ kind: 'interrupt', step: at, vm: 1, vcpu: 0, intid: 5 }]);
    m.run(1000);
    expect(m.registers(1, 0)?.x(20)).toBe(1n);
    expect(m.registers(1, 0)?.x(21)).toBe(5n);
    expect(m.view().vms[1].vcpus[0].state).toBe('blocked_interrupt');
    expect(m.trace.since(0).filter((e) => e.kind === 'interrupt' && e.op === 'get' && e.intid === 5)).toHaveLength(1);
  });

  it('refuses what the ABI cannot do, with a message, changing nothing', () => {
    const m = inline({}, [WAITER]).make();
    m.run(20);
    const before = { trace: m.trace.length, rec: JSON.stringify(m.recording()), view: JSON.stringify(m.view()) };
    expect(m.injectInterrupt(5, 0, 1)).toBe('no VM 5: the VMs are 0 to 1');
    expect(m.injectInterrupt(1, 1, 1)).toBe('VM 1 has no vCPU 1 (it has vCPU 0 only)');
    expect(m.injectInterrupt(1, 0, 64)).toBe('interrupt id 64 is out of range: v3-notify has ids 0 to 63');
    expect(m.injectInterrupt(1, 0, -1)).toMatch(/interrupt id -1 is out of range/);
    expect(m.injectInterrupt(1, 0, 1.5)).toMatch(/interrupt id 1.5 is out of range/);
    expect({ trace: m.trace.length, rec: JSON.stringify(m.recording()), view: JSON.stringify(m.view()) }).toEqual(before);

    const v2 = inline({ abi: 'v2-mailbox' }, [COUNTER]).make();
    v2.run(5);
    expect(v2.injectInterrupt(1, 0, 1)).toBe('the v2-mailbox ABI has no virtual interrupts (they come with v3-notify)');

    const off = example('t1-echo').make();
    off.run(1e6);
    expect(off.ended).toEqual({ kind: 'system_off' });
    expect(off.injectInterrupt(1, 0, 1)).toBe('the run has ended (system_off)');
  });

  it('revives a quiescent run, exactly as a replay of the recording that never ended there', () => {
    const b = inline({}, [WAITER]);
    const m = b.make();
    m.run(1e5);
    expect(m.ended).toEqual({ kind: 'quiescent' });
    const endedAt = m.steps;
    const snap = m.snapshot();
    expect(m.injectInterrupt(1, 0, 5)).toBeNull();
    expect(m.ended).toBeNull();
    expect(m.trace.since(0).some((e) => e.kind === 'end')).toBe(false);
    m.run(1e5);
    expect(m.ended).toEqual({ kind: 'quiescent' });
    expect(m.steps).toBeGreaterThan(endedAt);
    expect(m.registers(1, 0)?.x(20)).toBe(1n);
    const replay = b.make(m.recording());
    replay.run(1e5);
    expect(observed(replay)).toBe(observed(m));
    // Restoring the ended snapshot (taken before the input) applies the input: revived again.
    const history = m.trace.since(0);
    m.restore(snap);
    expect(m.ended).toBeNull();
    m.run(1e5);
    expect(observed(m)).toBe(observed(replay));
    expect(m.trace.since(0)).toEqual(history);
  });

  it('inputs given as options are applied once, as the machine reaches their step (part of the state there)', () => {
    const probe = inline({}, [WAITER]).make();
    runUntilBlocked(probe, 1);
    const s = probe.steps;
    const m = inline({}, [WAITER]).make({ inputs: [{ kind: 'interrupt', step: s, vm: 1, vcpu: 0, intid: 5 }] });
    m.run(s - 1);
    expect(m.trace.since(0).some((e) => e.kind === 'interrupt' && e.op === 'inject')).toBe(false);
    m.run(1);
    expect(m.steps).toBe(s);
    // Reaching step s applies it: the state at s includes it (its events carry s - 1, like the choice before step s).
    expect(m.view().vms[1].vcpus[0].interrupts.pending).toBe('0x0000000000000020');
    m.run(2000);
    const injected = m.trace.since(0).filter((e) => e.kind === 'interrupt' && e.op === 'inject');
    expect(injected).toHaveLength(1);
    expect(injected[0].step).toBe(s - 1);
    expect(m.registers(1, 0)?.x(20)).toBe(1n);
  });
});

describe('Machine: recordings replay a branched run exactly', { timeout: 60_000 }, () => {
  const RACE = example('writable-race', { kind: 'random', seed: 1234, quantum: 41 });
  const N = 30_000;

  it('(a) an interrupt injected at step s, then run to N: createMachine(recording()) run to N is identical', () => {
    for (const s of [0, 777, 5000]) {
      const a = RACE.make();
      a.run(s);
      expect(a.injectInterrupt(1, 0, 2)).toBeNull();
      a.run(N - s);
      const b = RACE.make(a.recording());
      b.run(N);
      expect(b.steps).toBe(a.steps);
      expect(observed(b)).toBe(observed(a));
      expect(b.trace.since(0).filter((e) => e.kind === 'interrupt' && e.external)).toHaveLength(1);
    }
  });

  it('(b) restoring a snapshot from before an input and replaying re-applies it exactly once', () => {
    const a = RACE.make();
    a.run(1000);
    const before = a.snapshot();
    a.run(2000);
    const sameStep = a.snapshot();
    expect(a.injectInterrupt(2, 0, 2)).toBeNull();
    const after = a.snapshot();
    const injected = JSON.stringify(a.view());
    a.run(N - 3000);
    const straight = observed(a);
    const history = a.trace.since(0);
    a.restore(before);
    a.run(N - 1000);
    expect(observed(a)).toBe(straight);
    expect(a.trace.since(0).filter((e) => e.kind === 'interrupt' && e.external)).toHaveLength(1);
    // A snapshot taken just after the injection has it applied already: not again.
    a.restore(after);
    a.run(N - 3000);
    expect(observed(a)).toBe(straight);
    // A snapshot of the same step taken before the input (a keyframe of the branch it starts): restored, it includes the input.
    a.restore(sameStep);
    expect(JSON.stringify(a.view())).toBe(injected);
    a.run(N - 3000);
    expect(observed(a)).toBe(straight);
    // Back to before the input, forward past it to a later snapshot, and on: the same.
    a.restore(before);
    a.restore(after, history);
    a.run(N - 3000);
    expect(observed(a)).toBe(straight);
  });

  it('(c) setNextChoice, then the recording replays identically; the recorded future is discarded', () => {
    const first = RACE.make();
    first.run(N);
    // A machine replaying the first run's choices, branched at step s.
    const a = RACE.make(first.recording());
    a.run(4000);
    const taken = a.choices.length;
    expect(a.recording().choices.length).toBe(first.recording().choices.length);
    expect(a.setNextChoice({ kind: 'cpu', cpu: 1, steps: 3 })).toBeNull();
    expect(a.recording().choices.length).toBe(taken + 1);
    a.run(N - 4000);
    const choices = a.trace.since(0).filter((e) => e.kind === 'choice');
    expect(choices.some((e) => e.kind === 'choice' && e.choice.kind === 'cpu' && e.choice.cpu === 1 && e.choice.steps === 3 && e.step >= 3999)).toBe(true);
    expect(observed(a)).not.toBe(observed(first));
    const b = RACE.make(a.recording());
    b.run(N);
    expect(observed(b)).toBe(observed(a));
  });
});

describe('Machine.setNextChoice', () => {
  it('takes a CPU choice at the next decision: after the slice in progress, at once between slices', () => {
    const b = example('writable-race', { kind: 'round-robin', quantum: 100 });
    const m = b.make();
    m.run(130); // in the middle of a 100-step slice
    expect(m.setNextChoice({ kind: 'cpu', cpu: 1, steps: 7 })).toBeNull();
    const mark = m.trace.length;
    m.run(100);
    const next = m.trace.since(mark).find((e) => e.kind === 'choice' && e.choice.kind === 'cpu');
    expect(next).toMatchObject({ choice: { kind: 'cpu', cpu: 1, steps: 7 } });
    // The slice in progress was not cut: the override came after it ended.
    const first = m.trace.since(0).filter((e) => e.kind === 'choice' && e.choice.kind === 'cpu');
    expect(first.findIndex((e) => e === next)).toBeGreaterThan(0);
  });

  it('takes a thread choice at the native scheduler’s next thread decision', () => {
    const m = example('writable-race').make();
    m.run(1); // init
    expect(m.setNextChoice({ kind: 'thread', cpu: 0, vm: 3, vcpu: 0 })).toBeNull();
    m.run(1);
    const choice = m.trace.since(0).filter((e) => e.kind === 'choice').at(-1);
    expect(choice).toMatchObject({ choice: { kind: 'thread', cpu: 0, vm: 3, vcpu: 0 } });
  });

  it('waits for a decision of its kind: decisions of other kinds before it are made as usual, and replay the same', () => {
    const b = example('writable-race', { kind: 'round-robin', quantum: 100 });
    const m = b.make();
    m.run(1);
    // The next decision is a thread decision on CPU 0: the CPU choice waits for the next CPU decision.
    expect(m.setNextChoice({ kind: 'cpu', cpu: 1, steps: 5 })).toBeNull();
    const mark = m.trace.length;
    m.run(300);
    const choices = m.trace.since(mark).flatMap((e) => (e.kind === 'choice' ? [e.choice] : []));
    expect(choices[0]).toMatchObject({ kind: 'thread', cpu: 0, vm: 1, vcpu: 0 });
    expect(choices.find((c) => c.kind === 'cpu')).toEqual({ kind: 'cpu', cpu: 1, steps: 5 });
    const replay = b.make(m.recording());
    replay.run(301);
    expect(observed(replay)).toBe(observed(m));
    // A recording taken while the override still waits replays the same too.
    const early = b.make();
    early.run(1);
    early.setNextChoice({ kind: 'thread', cpu: 1, vm: 3, vcpu: 0 });
    const rec = early.recording();
    early.run(400);
    const again = b.make(rec);
    again.run(401);
    expect(observed(again)).toBe(observed(early));
    expect(early.trace.since(0).some((e) => e.kind === 'choice' && e.choice.kind === 'thread' && e.choice.cpu === 1 && e.choice.vm === 3)).toBe(true);
  });

  it('drops a choice that is not legal when its decision comes; the source decides', () => {
    const m = example('writable-race', { kind: 'round-robin', quantum: 100 }).make();
    // At boot only CPU 0 runs (the native scheduler's init starts CPU 1).
    expect(m.setNextChoice({ kind: 'cpu', cpu: 1, steps: 5 })).toBeNull();
    m.run(1);
    expect(m.trace.since(0).find((e) => e.kind === 'choice')).toMatchObject({ choice: { kind: 'cpu', cpu: 0, steps: 100 } });
    expect(m.recording().choices).toEqual([{ kind: 'cpu', cpu: 0, steps: 100 }]);
  });

  it('refuses choices that can never be legal, with a message, changing nothing', () => {
    const m = example('writable-race', { kind: 'round-robin', quantum: 100 }).make();
    m.run(500);
    const before = JSON.stringify(m.recording());
    expect(m.setNextChoice({ kind: 'cpu', cpu: 2, steps: 1 })).toBe('no CPU 2: the machine has CPUs 0 to 1');
    expect(m.setNextChoice({ kind: 'cpu', cpu: 0, steps: 0 })).toBe('steps must be a whole number from 1 to the quantum (100), not 0');
    expect(m.setNextChoice({ kind: 'cpu', cpu: 0, steps: 101 })).toMatch(/not 101$/);
    expect(m.setNextChoice({ kind: 'thread', cpu: 0, vm: 0, vcpu: 0 })).toBe('no secondary VM 0: the secondaries are VMs 1 to 3');
    expect(m.setNextChoice({ kind: 'thread', cpu: 0, vm: 4, vcpu: 0 })).toBe('no secondary VM 4: the secondaries are VMs 1 to 3');
    expect(m.setNextChoice({ kind: 'thread', cpu: 0, vm: 2, vcpu: 1 })).toBe('VM 2 has no vCPU 1 (it has vCPU 0 only)');
    expect(JSON.stringify(m.recording())).toBe(before);
    const guest = example('t1-echo').make();
    expect(guest.setNextChoice({ kind: 'thread', cpu: 0, vm: 1, vcpu: 0 })).toBe('thread choices need the native primary (this primary is a guest program)');
  });
});
