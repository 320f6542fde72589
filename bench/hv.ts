/**
 * Hypervisor benchmark: a hypercall-heavy ping-pong between two secondaries
 * through their mailboxes under the native scheduler.
 *  - hypercalls/s with tracing off (target: at least 1 million in Node);
 *  - steps/s of the same scenario with tracing on, and of whole runs of the
 *    UI's default example (writable-race) with tracing on;
 *  - steps/s of a compute-loop secondary at quantum 1000 and 100000,
 *    tracing off and on: the gap is what each quantum (timer preempt,
 *    native-scheduler round, core re-entry) costs.
 * Rates are per second of this process's CPU time (user + system), so a
 * busy machine slows the measurement less than wall time would.
 * Run alone with `npx tsx bench/hv.ts` (prints JSON), or through the bench
 * registry.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/core/scenario/parse.ts';
import { buildImages } from '../src/core/scenario/load.ts';
import { createMachine } from '../src/core/machine/machine.ts';
import type { HvMachine } from '../src/core/machine/machine.ts';
import { DEFAULT_EXAMPLE } from '../examples/index.ts';
import { loadExamples } from '../examples/node-files.ts';
import { WORKER } from './timetravel.ts';

const HF = readFileSync(new URL('../examples/lib/hf-v3.s', import.meta.url), 'utf8');
const MAILBOX = readFileSync(new URL('../examples/lib/mailbox.s', import.meta.url), 'utf8');

/** VM 1 sends to VM 2 and waits for the answer; VM 2 answers. Forever. */
const PING = `
  .text
  .global _start
_start:
  mov x0, #HF_VM_CONFIGURE
  adr x1, send_page
  adr x2, recv_page
  hvc #0
1: mov x0, #HF_MAILBOX_SEND
  mov x1, #2
  mov x2, #4
  mov x3, #0
  hvc #0
  cmn x0, #1
  b.ne 2f
  mov x0, #HF_VCPU_YIELD      // pong not ready yet: let it run, then retry
  hvc #0
  b 1b
2: mov x0, #HF_MAILBOX_RECEIVE
  mov x1, #1
  hvc #0
  mov x0, #HF_MAILBOX_CLEAR
  hvc #0
  b 1b
`;
const PONG = `
  .text
  .global _start
_start:
  mov x0, #HF_VM_CONFIGURE
  adr x1, send_page
  adr x2, recv_page
  hvc #0
1: mov x0, #HF_MAILBOX_RECEIVE
  mov x1, #1
  hvc #0
  mov x0, #HF_MAILBOX_CLEAR
  hvc #0
  mov x0, #HF_MAILBOX_SEND
  mov x1, #1
  mov x2, #4
  mov x3, #0
  hvc #0
  b 1b
`;

/** The ping-pong machine (tracing on or off), for the bench and for profiling it alone. */
export function pingPong(trace: boolean): HvMachine {
  return build(
    {
      version: 1,
      name: 'ping-pong',
      cpus: 1,
      primary: { kind: 'native' },
      vms: [
        { name: 'ping', files: ['hf.s', 'mailbox.s', 'ping.s'] },
        { name: 'pong', files: ['hf.s', 'mailbox.s', 'pong.s'] },
      ],
      maxSteps: 1e12,
    },
    { 'hf.s': HF, 'mailbox.s': MAILBOX, 'ping.s': PING, 'pong.s': PONG },
    trace,
  );
}

/**
 * The time-travel bench's compute loop as the only secondary, at scheduler
 * quantum `quantum` (tracing on or off): each quantum is one timer preempt
 * and one native-scheduler round, so the rates at two quanta give its cost.
 */
export function computeLoop(quantum: number, trace: boolean): HvMachine {
  return build(
    { version: 1, name: 'compute loop', primary: { kind: 'native' }, vms: [{ name: 'loop', source: WORKER }], maxSteps: 1e12, schedule: { kind: 'round-robin', seed: 1, quantum } },
    {},
    trace,
  );
}

function build(raw: unknown, files: Record<string, string>, trace: boolean): HvMachine {
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const b = buildImages(p.scenario, files);
  if (!b.ok) throw new Error(JSON.stringify(b.diagnostics));
  return createMachine(p.scenario, b.images, { trace }) as HvMachine;
}

/** One measured figure, with its unit. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Runs `m` (after a warm-up) in chunks of `chunk` steps for `seconds` of CPU time. */
function measure(m: HvMachine, chunk: number, seconds: number): { calls: number; steps: number; secs: number; wall: number } {
  m.run(200_000);
  const c0 = m.hv.calls;
  const s0 = m.steps;
  const t0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  let secs = 0;
  while (secs < seconds) {
    m.run(chunk);
    const d = process.cpuUsage(t0);
    secs = (d.user + d.system) / 1e6;
  }
  return { calls: m.hv.calls - c0, steps: m.steps - s0, secs, wall: Number(process.hrtime.bigint() - w0) / 1e9 };
}

/** Whole runs of the UI's default example (writable-race), tracing on, machine creation included. */
function measureExample(seconds: number): { steps: number; secs: number } {
  const ex = loadExamples().find((e) => e.id === DEFAULT_EXAMPLE);
  if (!ex) throw new Error(`example ${DEFAULT_EXAMPLE} missing`);
  const b = buildImages(ex.scenario, ex.files);
  if (!b.ok) throw new Error(JSON.stringify(b.diagnostics));
  let steps = 0;
  let secs = 0;
  const t0 = process.cpuUsage();
  while (secs < seconds) {
    const m = createMachine(ex.scenario, b.images);
    m.run(ex.scenario.maxSteps);
    steps += m.steps;
    const d = process.cpuUsage(t0);
    secs = (d.user + d.system) / 1e6;
  }
  return { steps, secs };
}

/** Runs the benchmark; returns its figures. */
export function benchHv(seconds = 2): BenchFigure[] {
  const example = measureExample(seconds);
  const fast = measure(pingPong(false), 500_000, seconds);
  const traced = measure(pingPong(true), 50_000, seconds);
  const loops = [1000, 100_000].flatMap((q) => [false, true].map((trace) => ({ q, trace, r: measure(computeLoop(q, trace), 1_000_000, seconds / 2) })));
  return [
    { name: 'hv.writable_race.traced_steps_per_s', value: Math.round(example.steps / example.secs), unit: 'steps/s (whole scenario, tracing on)' },
    { name: 'hv.pingpong.hypercalls_per_s', value: Math.round(fast.calls / fast.secs), unit: 'hypercalls/s' },
    { name: 'hv.pingpong.hypercalls_per_wall_s', value: Math.round(fast.calls / fast.wall), unit: 'hypercalls/s (wall clock)' },
    { name: 'hv.pingpong.steps_per_s', value: Math.round(fast.steps / fast.secs), unit: 'steps/s' },
    { name: 'hv.pingpong.traced_steps_per_s', value: Math.round(traced.steps / traced.secs), unit: 'steps/s' },
    { name: 'hv.pingpong.traced_hypercalls_per_s', value: Math.round(traced.calls / traced.secs), unit: 'hypercalls/s' },
    ...loops.map(({ q, trace, r }) => ({
      name: `hv.loop_q${q}.${trace ? 'traced_' : ''}steps_per_s`,
      value: Math.round(r.steps / r.secs),
      unit: `steps/s (compute-loop secondary, quantum ${q}${trace ? ', tracing on' : ''})`,
    })),
  ];
}

/** The suite `hvlab bench` runs (a BenchSuite of bench/suites.ts). */
export const hvSuite = {
  name: 'hv',
  async run(): Promise<Record<string, number>> {
    return Object.fromEntries(benchHv().map((f) => [f.name, f.value]));
  },
};

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchHv(), null, 2));
