/**
 * Issue 5's exactness property: running N steps forward, seeking M back and
 * going N-M forward again ends in a state identical to running N straight
 * (view and trace), also with an interrupt injected on the way, over random
 * scenarios: the built-in examples with random schedules, seeds, quanta and
 * CPU counts, and random small guest programs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadExamples, readExampleFiles } from '../../../examples/node-files.ts';
import { buildImages } from '../scenario/load.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createMachine } from '../machine/machine.ts';
import type { Machine, MachineImages, MachineOptions } from '../machine/api.ts';
import { TimeTravel } from './timetravel.ts';

interface Built {
  readonly scenario: Scenario;
  readonly images: MachineImages;
}

const EXAMPLES: Built[] = loadExamples().map((e) => {
  const b = buildImages(e.scenario, e.files);
  if (!b.ok) throw new Error(`example ${e.id} does not build`);
  return { scenario: e.scenario, images: b.images };
});

const HF_V3 = readExampleFiles()['/examples/lib/hf-v3.s'];

/** Pieces of random secondary programs: plain work, hypercalls that block, yield, or touch interrupts. */
const SNIPPETS = [
  'add x19, x19, #1',
  'subs x20, x19, #3\n  b.ne 2f\n  mov x19, #0\n2:',
  'mov x0, #HF_VCPU_YIELD\n  hvc #0',
  'wfi',
  'mov x0, #HF_INTERRUPT_GET\n  hvc #0',
  'mov x0, #HF_VM_GET_ID\n  hvc #0\n  mov x1, x0\n  mov x2, #0\n  mov x3, #5\n  mov x0, #HF_INTERRUPT_INJECT\n  hvc #0',
  'mov x0, #HVLAB_DEBUG_PUTC\n  mov x1, #46\n  hvc #0',
  'mov x0, #HF_INTERRUPT_ENABLE\n  mov x1, #5\n  mov x2, #1\n  hvc #0',
] as const;
const ENABLE_5 = SNIPPETS.length - 1;

function program(pieces: readonly number[]): string {
  // Intid 5 enabled first, so injections of it wake vCPUs that wait in WFI.
  return `${HF_V3}\n  .text\n  .global _start\n_start:\n  ${SNIPPETS[ENABLE_5]}\n1:\n  ${pieces.map((i) => SNIPPETS[i]).join('\n  ')}\n  b 1b\n`;
}

function randomProgramScenario(programs: readonly (readonly number[])[], spin: boolean): Built {
  const p = parseScenario({
    version: 1,
    name: 'random programs',
    abi: 'v3-notify',
    cpus: 1,
    primary: { kind: 'native' },
    // With a VM that only spins the run never goes quiescent, so vCPUs blocked in WFI wait for an injection;
    // without, it often does, and an injection revives it.
    vms: [...programs, ...(spin ? [[0]] : [])].map((pieces, i) => ({ name: `vm${i + 1}`, vcpus: 1, source: program(pieces) })),
    schedule: { kind: 'round-robin', seed: 1, quantum: 100 },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const b = buildImages(p.scenario, {});
  if (!b.ok) throw new Error(JSON.stringify(b.diagnostics));
  return { scenario: p.scenario, images: b.images };
}

/** An example (by index) or random programs (snippet indices per secondary): small, readable counterexamples. */
const scenarioArb = fc.oneof(
  fc.record({ example: fc.nat({ max: EXAMPLES.length - 1 }) }),
  fc.record({ programs: fc.array(fc.array(fc.nat({ max: SNIPPETS.length - 1 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), spin: fc.boolean() }),
);

function scenarioOf(base: { example: number } | { programs: number[][]; spin: boolean }): Built {
  return 'example' in base ? EXAMPLES[base.example] : randomProgramScenario(base.programs, base.spin);
}

const caseArb = fc.record({
  base: scenarioArb,
  random: fc.boolean(),
  seed: fc.integer({ min: 1, max: 0xffffffff }),
  quantum: fc.integer({ min: 1, max: 300 }),
  cpus: fc.integer({ min: 1, max: 3 }),
  n: fc.integer({ min: 1, max: 20_000 }),
  /** M, and the injection step, in thousandths of the run. */
  back: fc.integer({ min: 0, max: 1000 }),
  injectAt: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null, freq: 4 }),
  /** Mostly ids the programs enable (5 in random programs, WRITABLE 2 and READABLE 1 in the examples), so injections wake vCPUs. */
  target: fc.record({
    vm: fc.integer({ min: 1, max: 3 }),
    intid: fc.oneof({ arbitrary: fc.constant(5), weight: 4 }, { arbitrary: fc.constantFrom(1, 2), weight: 2 }, { arbitrary: fc.nat({ max: 63 }), weight: 1 }),
  }),
  interval: fc.integer({ min: 200, max: 4000 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function make(c: Case, opts: MachineOptions = {}): Machine {
  const { scenario: s, images } = scenarioOf(c.base);
  // Only a native primary adapts to any CPU count; a guest primary's program assumes its own.
  const cpus = s.primary.kind === 'native' ? c.cpus : s.cpus;
  const scenario: Scenario = { ...s, cpus, schedule: { ...s.schedule, kind: c.random ? 'random' : 'round-robin', seed: c.seed, quantum: c.quantum } };
  return createMachine(scenario, images, opts);
}

/** Injects the case's interrupt (into the target VM's vCPU 0, if the VM exists); the same call on both sides. */
function inject(m: Machine, c: Case): string | null {
  const vm = Math.min(c.target.vm, m.view().vms.length - 1);
  return m.injectInterrupt(vm, 0, c.target.intid);
}

function observed(m: Machine): string {
  return JSON.stringify({ view: m.view(), trace: m.trace.since(0) });
}

describe('time travel round trip (property)', () => {
  it('N forward, M back, N-M forward again = N straight, with or without an injected interrupt', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const n = c.n;
        const s = c.injectAt === null ? null : Math.floor((c.injectAt * n) / 1000);

        const straight = make(c);
        if (s !== null) {
          straight.run(s);
          inject(straight, c);
        }
        straight.run(n - straight.steps);

        const m = make(c);
        const tt = new TimeTravel(m, { keyframeInterval: c.interval });
        if (s !== null) {
          tt.forward(s);
          if (inject(m, c) === null) tt.truncateFuture();
        }
        tt.forward(n - m.steps);
        const back = Math.floor((c.back * tt.now) / 1000);
        expect(tt.seek(tt.now - back)).toBe(Math.max(0, straight.steps - back));
        // Asked for the same N as the straight run (a run that went quiescent before N ends the same way).
        tt.forward(n - m.steps);

        expect(m.steps).toBe(straight.steps);
        expect(observed(m)).toBe(observed(straight));
        expect(JSON.stringify(tt.events)).toBe(JSON.stringify(straight.trace.since(0)));
      }),
      { numRuns: 50, seed: 20261121, endOnFailure: true },
    );
  });

  it('changing the past (seek back, inject or override the next choice, go on) = a straight run of the new recording', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('inject', 'cpu', 'thread'), (c, change) => {
        const m = make(c);
        const tt = new TimeTravel(m, { keyframeInterval: c.interval });
        tt.forward(c.n);
        tt.seek(Math.floor((c.back * tt.head) / 1000));
        // A thread choice needs the native primary (a guest primary refuses it, changing nothing).
        const err =
          change === 'inject' ? inject(m, c) : m.setNextChoice(change === 'cpu' ? { kind: 'cpu', cpu: 0, steps: 1 } : { kind: 'thread', cpu: 0, vm: 1, vcpu: 0 });
        if (err === null) tt.truncateFuture();
        tt.forward(c.n - m.steps);

        const replay = make(c, m.recording());
        replay.run(c.n);
        expect(replay.steps).toBe(m.steps);
        expect(observed(replay)).toBe(observed(m));
        expect(JSON.stringify(tt.events)).toBe(JSON.stringify(replay.trace.since(0)));
      }),
      { numRuns: 24, seed: 5, endOnFailure: true },
    );
  });
});
