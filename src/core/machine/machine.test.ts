import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { buildImages } from '../scenario/load.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import fc from 'fast-check';
import { createMachine, type HvMachine } from './machine.ts';
import { checkInvariants } from '../hafnium/model.ts';
import type { MachineOptions } from './api.ts';

const HF = readFileSync(new URL('../../../examples/lib/hf-v3.s', import.meta.url), 'utf8');

/** A machine from inline sources (hf-v3.s constants prepended). */
function machine(s: Omit<ScenarioInput, 'version' | 'name'>, opts: MachineOptions = {}) {
  const withHf = (src: string) => `${HF}\n${src}`;
  const doc = {
    version: 1,
    name: 'test',
    ...s,
    primary: s.primary.kind === 'guest' ? { ...s.primary, source: withHf(s.primary.source ?? '') } : s.primary,
    vms: s.vms.map((v) => ({ ...v, source: withHf(v.source ?? '') })),
  };
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const b = buildImages(p.scenario, {});
  if (!b.ok) throw new Error(JSON.stringify(b.diagnostics));
  return createMachine(p.scenario, b.images, opts);
}

const RACE = (() => {
  const dir = new URL('../../../examples/', import.meta.url);
  const p = parseScenario(readFileSync(new URL('writable-race/scenario.json', dir), 'utf8'));
  if (!p.ok) throw new Error('bad example');
  const files: Record<string, string> = {};
  for (const v of p.scenario.vms) for (const f of v.files ?? []) files[f] = readFileSync(new URL(f, new URL('writable-race/', dir)), 'utf8');
  return { scenario: p.scenario, files };
})();

function race(schedule: Partial<(typeof RACE)['scenario']['schedule']> = {}, opts: MachineOptions = {}) {
  const b = buildImages(RACE.scenario, RACE.files);
  if (!b.ok) throw new Error('bad example');
  return createMachine({ ...RACE.scenario, schedule: { ...RACE.scenario.schedule, ...schedule } }, b.images, opts);
}

const SPIN = `
  .text
  .global _start
_start: b _start
`;
const OFF = `
  .text
  .global _start
_start:
  ldr x0, =PSCI_SYSTEM_OFF
  hvc #0
`;

/** A primary that runs VM 1 vCPU 0 `times` times, then powers off. */
function runVm1(times: number): string {
  return `
  .text
  .global _start
_start:
  mov x19, #${times}
1: mov x0, #HF_VCPU_RUN
  mov x1, #1
  mov x2, #0
  hvc #0
  subs x19, x19, #1
  b.ne 1b
  ldr x0, =PSCI_SYSTEM_OFF
  hvc #0`;
}

describe('Machine: determinism', { timeout: 60_000 }, () => {
  it('the same scenario and choices give the same trace, byte for byte', () => {
    for (const schedule of [{ kind: 'round-robin' as const }, { kind: 'random' as const, seed: 7, quantum: 37 }]) {
      const a = race(schedule);
      const b = race(schedule);
      a.run(1e7);
      b.run(1e7);
      expect(a.ended?.kind).toBe('quiescent');
      expect(JSON.stringify(b.trace.since(0))).toBe(JSON.stringify(a.trace.since(0)));
      expect(JSON.stringify(b.view())).toBe(JSON.stringify(a.view()));
    }
  });

  it('slicing the run differently changes nothing', () => {
    const a = race({ kind: 'random', seed: 3, quantum: 50 });
    const b = race({ kind: 'random', seed: 3, quantum: 50 });
    a.run(1e7);
    while (!b.ended) b.run(97);
    expect(JSON.stringify(b.trace.since(0))).toBe(JSON.stringify(a.trace.since(0)));
  });

  it('different seeds interleave differently; replaying recorded choices reproduces a run', () => {
    const a = race({ kind: 'random', seed: 1, quantum: 50 });
    const b = race({ kind: 'random', seed: 2, quantum: 50 });
    a.run(1e7);
    b.run(1e7);
    expect(a.choices).not.toEqual(b.choices);
    const c = race({ kind: 'round-robin', quantum: 50 }, { choices: a.choices });
    c.run(1e7);
    expect(c.view().console).toBe(a.view().console);
    expect(c.steps).toBe(a.steps);
  });

  it('snapshot, run on, restore and replay: the same future', () => {
    const m = race({ kind: 'random', seed: 5, quantum: 40 });
    m.run(3000);
    const snap = structuredClone(m.snapshot());
    m.run(1e7);
    const tail = JSON.stringify(m.trace.since(snap.traceLength));
    const end = JSON.stringify(m.view());
    m.restore(snap);
    expect(m.steps).toBe(snap.steps);
    expect(m.trace.length).toBe(snap.traceLength);
    m.run(1e7);
    expect(JSON.stringify(m.trace.since(snap.traceLength))).toBe(tail);
    expect(JSON.stringify(m.view())).toBe(end);
  });
});

describe('Machine: stepping, stops and choices', () => {
  it('step(n) advances exactly n steps and the step counter is monotonic', () => {
    const m = race();
    expect(m.step(1)).toEqual({ stop: 'budget', steps: 1 });
    expect(m.step(250).steps).toBe(250);
    expect(m.steps).toBe(251);
  });

  it('stops after an event of a requested kind, and at a step', () => {
    const m = race();
    const r = m.run(1e6, { eventKinds: ['run_return'] });
    expect(r.stop).toBe('event');
    if (r.stop === 'event') expect(r.event?.kind).toBe('run_return');
    expect(m.run(1e6, { atStep: m.steps + 10 }).stop).toBe('at_step');
  });

  it('the manual source asks for every CPU and thread choice and rejects illegal answers', () => {
    const m = race({ kind: 'manual', quantum: 100 });
    expect(m.run(10).stop).toBe('need_choice');
    expect(m.pendingChoice()).toEqual({ kind: 'cpu', options: [0], maxSteps: 100 });
    expect(m.choose({ kind: 'cpu', cpu: 1, steps: 5 })).toMatch(/not one of the options/);
    expect(m.choose({ kind: 'cpu', cpu: 0, steps: 1 })).toBeNull();
    expect(m.run(1).stop).toBe('budget');
    expect(m.run(10).stop).toBe('need_choice');
    m.choose({ kind: 'cpu', cpu: 0, steps: 1 });
    expect(m.run(10).stop).toBe('need_choice');
    expect(m.pendingChoice()).toEqual({ kind: 'thread', cpu: 0, options: [{ vm: 1, vcpu: 0 }, { vm: 2, vcpu: 0 }, { vm: 3, vcpu: 0 }] });
    expect(m.choose({ kind: 'thread', cpu: 0, vm: 2, vcpu: 0 })).toBeNull();
    m.run(1);
    expect(m.view().cpus[0].running).toEqual({ vm: 2, vcpu: 0 });
  });

  it('a source breakpoint stops before the address; the run then continues past it', () => {
    const m = machine({ primary: { kind: 'guest', source: OFF }, vms: [{ name: 'a', source: SPIN }] });
    const img = 0x80000;
    m.setBreakpoints([{ vm: 0, addr: img + 4 }]);
    const r = m.run(100);
    expect(r).toMatchObject({ stop: 'breakpoint', vm: 0, vcpu: 0, addr: img + 4 });
    expect(m.run(100).stop).toBe('ended');
    expect(m.ended).toEqual({ kind: 'system_off' });
  });

  it('a breakpoint on the entry instruction, or on the instruction after an HVC, stops too', () => {
    const GET_ID_TWICE = `
  .text
  .global _start
_start:
  ldr x0, =HF_VM_GET_ID
  hvc #0
  ldr x0, =HF_VM_GET_ID
  hvc #0
  ldr x0, =PSCI_SYSTEM_OFF
  hvc #0
`;
    const m = machine({ primary: { kind: 'guest', source: GET_ID_TWICE }, vms: [{ name: 'a', source: SPIN }] });
    const img = 0x80000;
    m.setBreakpoints([{ vm: 0, addr: img }, { vm: 0, addr: img + 8 }]);
    expect(m.run(100)).toMatchObject({ stop: 'breakpoint', addr: img, steps: 0 });
    // Continuing executes the instruction it stopped at, then stops after the HVC.
    expect(m.run(100)).toMatchObject({ stop: 'breakpoint', addr: img + 8, steps: 2 });
    expect(m.run(100).stop).toBe('ended');
  });
});

describe('Machine: the physical machine', () => {
  it('boots as Hafnium does: only vCPU 0 of each VM ready, the primary running on CPU 0, EL1h with DAIF masked', () => {
    const m = machine({ cpus: 2, primary: { kind: 'guest', source: OFF }, vms: [{ name: 'a', vcpus: 2, source: SPIN }] });
    const v = m.view();
    expect(v.vms[0].vcpus.map((x) => x.state)).toEqual(['running', 'off']);
    expect(v.vms[1].vcpus.map((x) => x.state)).toEqual(['ready', 'off']);
    expect(v.vms[1].vcpus[0]).toMatchObject({ pc: '0x0000000000080000', el: 1, daif: 0xf });
    expect(v.cpus.map((c) => c.running)).toEqual([{ vm: 0, vcpu: 0 }, null]);
  });

  it('the timer preempts a spinning secondary every quantum (PREEMPTED)', () => {
    const primary = runVm1(3);
    const m = machine({ primary: { kind: 'guest', source: primary }, vms: [{ name: 'spin', source: SPIN }], schedule: { quantum: 100 } });
    m.run(1e5);
    expect(m.ended).toEqual({ kind: 'system_off' });
    expect(m.view().runCodes.map((r) => r.code)).toEqual(['PREEMPTED', 'PREEMPTED', 'PREEMPTED']);
  });

  it('a stage-2 fault aborts the vCPU visibly and ends the run (never a crash)', () => {
    const bad = `
  .text
  .global _start
_start:
  ldr x1, =0x40000000
  ldr x0, [x1]`;
    const primary = `
  .text
  .global _start
_start:
  mov x0, #HF_VCPU_RUN
  mov x1, #1
  mov x2, #0
  hvc #0
  b _start`;
    const m = machine({ primary: { kind: 'guest', source: primary }, vms: [{ name: 'bad', source: bad }] });
    m.run(1e5);
    expect(m.ended).toMatchObject({ kind: 'abort', vm: 1, vcpu: 0 });
    expect(m.view().vms[1].vcpus[0].state).toBe('aborted');
    expect(m.trace.since(0).find((e) => e.kind === 'fault')).toMatchObject({ vm: 1, access: 'read', addr: '0x0000000040000000' });
  });

  it('PSCI CPU_ON starts the primary on a second CPU; a primary WFI with nothing to wake it ends quiescent', () => {
    const primary = `
  .text
  .global _start
_start:
  mrs x9, mpidr_el1
  and x9, x9, #0xff
  cbnz x9, second
  ldr x0, =PSCI_CPU_ON
  mov x1, #1
  adr x2, _start
  mov x3, #0
  hvc #0
  wfi
second:
  mov x0, #HVLAB_DEBUG_PUTC
  mov x1, #'2'
  hvc #0
  wfi`;
    const m = machine({ cpus: 2, primary: { kind: 'guest', source: primary }, vms: [{ name: 'a', source: SPIN }] });
    m.run(1e5);
    expect(m.ended).toEqual({ kind: 'quiescent' });
    expect(m.view().console).toBe('2');
    expect(m.view().vms[0].vcpus.map((v) => v.state)).toEqual(['running', 'running']);
  });

  it('the maximum step count ends the run with step_limit', () => {
    const m = machine({ primary: { kind: 'guest', source: SPIN }, vms: [{ name: 'a', source: SPIN }], maxSteps: 500 });
    expect(m.run(1e6)).toMatchObject({ stop: 'ended', reason: { kind: 'step_limit', limit: 500 } });
    expect(m.steps).toBe(500);
  });

  it('readMemory copies a VM\'s bytes, zero outside its space', () => {
    const m = machine({ primary: { kind: 'guest', source: OFF }, vms: [{ name: 'a', source: SPIN }] });
    expect([...(m.readMemory?.(1, 0x80000, 4) ?? [])]).toEqual([0x00, 0x00, 0x00, 0x14]);
    expect([...(m.readMemory?.(1, 0xffffe, 4) ?? [])]).toEqual([0, 0, 0, 0]);
  });
});

describe('Machine: restoring forward', { timeout: 60_000 }, () => {
  it('restores a later snapshot given the run\'s events as history (time travel), and refuses without them', () => {
    const m = race({ kind: 'random', seed: 9, quantum: 30 });
    const early = m.snapshot();
    m.run(1e7);
    const late = m.snapshot();
    const history = m.trace.since(0);
    const end = JSON.stringify(m.view());
    m.restore(early);
    expect(() => m.restore(late)).toThrow(/history/);
    m.restore(late, history);
    expect(JSON.stringify(m.view())).toBe(end);
    expect(m.trace.length).toBe(history.length);
  });
});

describe('Machine: steps count exceptions too', { timeout: 60_000 }, () => {
  const svcLoop = `
  .text
  .global _start
_start:
  adr x0, vectors
  msr vbar_el1, x0
1: svc #0
  b 1b
handler:
  eret
  .balign 2048
vectors:
  .space 0x200
  b handler
`;
  const primary = runVm1(5);
  const make = (trace: boolean) => machine({ primary: { kind: 'guest', source: primary }, vms: [{ name: 'svc', source: svcLoop }], schedule: { quantum: 101 } }, { trace });

  it('the same run whatever the slicing and whether tracing is on', () => {
    const a = make(true);
    a.run(1e6);
    const b = make(true);
    while (!b.ended) b.run(7);
    const c = make(false);
    c.run(1e6);
    expect(a.ended).toEqual({ kind: 'system_off' });
    expect(JSON.stringify(b.trace.since(0))).toBe(JSON.stringify(a.trace.since(0)));
    expect([b.steps, c.steps]).toEqual([a.steps, a.steps]);
    expect(JSON.stringify(c.view().vms)).toBe(JSON.stringify(a.view().vms));
  });
});

describe('Machine: invariants under random interleavings', { timeout: 120_000 }, () => {
  it('hold throughout the writable race for random seeds and quanta', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffffffff }), fc.integer({ min: 1, max: 200 }), (seed, quantum) => {
        const m = race({ kind: 'random', seed, quantum }) as HvMachine;
        while (!m.ended) {
          m.run(37);
          expect(checkInvariants(m.hv.model, true)).toEqual([]);
        }
        expect(m.ended).toEqual({ kind: 'quiescent' });
        expect(m.view().console).toContain('VM 1: all 6 messages received');
      }),
      { numRuns: 12, seed: 42 },
    );
  });
});
