/**
 * Time-travel benchmark: how long a seek takes on long runs, and how much
 * memory the keyframes hold.
 *
 * The run: a secondary VM that loops over a 64 KiB buffer (loads, adds,
 * stores: its memory really changes) under the native scheduler, preempted
 * every quantum, with tracing on, as in the playground. The run goes forward
 * to 1 million and then 10 million steps through `TimeTravel`; at each size,
 * seeks to seeded random steps are timed (wall clock, milliseconds).
 * Target (issue 5): every seek under 100 ms at 10 million steps.
 */
import { TimeTravel } from '../src/core/debug/timetravel.ts';
import { parseScenario } from '../src/core/scenario/parse.ts';
import { buildImages } from '../src/core/scenario/load.ts';
import { createMachine } from '../src/core/machine/machine.ts';
import type { ScenarioInput } from '../src/core/scenario/schema.ts';
import { build } from '../src/worker/build.ts';
import type { MachineUpdate, WorkerEvent } from '../src/worker/protocol.ts';
import { Session } from '../src/worker/session.ts';
import type { BenchSuite } from './suites.ts';

/** The secondary's program: loops over a 64 KiB buffer (loads, adds, stores) forever; bench/hv.ts runs it too. */
export const WORKER = `
  .text
  .global _start
_start:
  adr x1, buf
  mov x2, #0
1:
  ldr x3, [x1, x2, lsl #3]
  add x3, x3, x2
  eor x3, x3, x3, lsr #7
  str x3, [x1, x2, lsl #3]
  add x2, x2, #1
  and x2, x2, #8191
  b 1b
  .data
  .balign 4096
buf:
  .space 65536
`;

function scenario(steps: number): ScenarioInput {
  return { version: 1, name: 'time-travel bench', primary: { kind: 'native' }, vms: [{ name: 'worker', source: WORKER }], maxSteps: steps + 1 };
}

function machine(steps: number) {
  const parsed = parseScenario(scenario(steps));
  if (!parsed.ok) throw new Error(`bench scenario: ${JSON.stringify(parsed.diagnostics)}`);
  const built = buildImages(parsed.scenario, {});
  if (!built.ok) throw new Error(`bench scenario does not build: ${JSON.stringify(built.diagnostics)}`);
  return createMachine(parsed.scenario, built.images);
}

/** Seeded positions in [0, n): a fixed LCG, so every run seeks to the same steps. */
function targets(n: number, count: number): number[] {
  let s = 12345;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  });
}

function measureSeeks(tt: TimeTravel, n: number): { maxMs: number; meanMs: number; p50Ms: number } {
  const times: number[] = [];
  for (const t of targets(n, 40)) {
    const t0 = performance.now();
    tt.seek(t);
    times.push(performance.now() - t0);
    if (tt.now !== t) throw new Error(`seek to ${t} reached ${tt.now}`);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { maxMs: round(times[times.length - 1]), meanMs: round(times.reduce((a, b) => a + b, 0) / times.length), p50Ms: round(times[times.length >> 1]) };
}

export async function benchTimeTravel(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const m = machine(10_000_000);
  const tt = new TimeTravel(m, { keyframeInterval: 50_000 });
  for (const size of [1_000_000, 10_000_000]) {
    const t0 = performance.now();
    tt.seek(tt.head);
    tt.forward(size - tt.now);
    const runMs = performance.now() - t0;
    const label = size === 1_000_000 ? '1M' : '10M';
    const seeks = measureSeeks(tt, size);
    const st = tt.stats();
    figures[`seek_${label}_max_ms`] = seeks.maxMs;
    figures[`seek_${label}_mean_ms`] = seeks.meanMs;
    figures[`seek_${label}_p50_ms`] = seeks.p50Ms;
    figures[`keyframes_${label}_count`] = st.count;
    figures[`keyframes_${label}_held_mib`] = Math.round((st.heldBytes / 1048576) * 100) / 100;
    figures[`forward_${label}_steps_per_s`] = Math.round(((size - (size === 1_000_000 ? 0 : 1_000_000)) / runMs) * 1000);
    console.log(`  time travel @${label} steps: seek max ${seeks.maxMs} ms, mean ${seeks.meanMs} ms; ${st.count} keyframes hold ${figures[`keyframes_${label}_held_mib`]} MiB`);
  }
  Object.assign(figures, benchSessionSeek(10_000_000));
  return figures;
}

/**
 * What the playground's user waits for: the worker's whole answer to a
 * `seek` command (time travel, the machine view, the events window, the
 * update message) on a run of `size` steps.
 */
function benchSessionSeek(size: number): Record<string, number> {
  const queue: (() => void)[] = [];
  let last: MachineUpdate | null = null;
  const session = new Session({
    post: (e: WorkerEvent) => {
      if (e.type === 'update') last = e.update;
    },
    now: () => performance.now(),
    later: (fn) => queue.push(fn),
    build,
  });
  session.handle({ type: 'load', scenario: scenario(size), files: {} });
  session.handle({ type: 'run' });
  while (queue.length > 0) queue.shift()?.();
  const reached = (last as MachineUpdate | null)?.time.now ?? 0;
  if (reached < size) throw new Error(`session bench reached step ${reached}, not ${size}`);
  const times: number[] = [];
  for (const t of targets(size, 40)) {
    const t0 = performance.now();
    session.handle({ type: 'seek', step: t });
    times.push(performance.now() - t0);
    if ((last as MachineUpdate | null)?.time.now !== t) throw new Error(`session seek to ${t} failed`);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const max = round(times[times.length - 1]);
  const mean = round(times.reduce((a, b) => a + b, 0) / times.length);
  console.log(`  session seek (worker's whole answer) @10M steps: max ${max} ms, mean ${mean} ms`);
  return { session_seek_10M_max_ms: max, session_seek_10M_mean_ms: mean };
}

export const timeTravelSuite: BenchSuite = { name: 'timetravel', run: benchTimeTravel };
