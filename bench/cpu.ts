/**
 * CPU benchmark: the four guests of guests.ts on the bare machine, in
 * instructions per second (best of three runs), with Unicorn's native speed
 * on the same images beside them when Unicorn is installed. Times are the
 * process's CPU time (user + system), so other load on the machine distorts
 * them less than wall time would.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { assemble } from '../src/core/arm64/asm/index.ts';
import { createBareMachine, runBare } from '../src/core/machine/bare.ts';
import { GUESTS } from './guests.ts';
import type { BenchSuite } from './suites.ts';

const RUNS = 3;
const PYTHON = '/usr/bin/python3';
const RUNNER = new URL('../scripts/unicorn-runner.py', import.meta.url).pathname;

interface Built {
  readonly name: string;
  readonly image: { base: number; bytes: Uint8Array; entry: number };
  readonly done: number;
}

function build(): Built[] {
  return GUESTS.map((g) => {
    const r = assemble({ name: `${g.name}.s`, text: g.source });
    if (!r.ok || !r.image) throw new Error(`bench guest ${g.name} does not assemble: ${JSON.stringify(r.diagnostics)}`);
    return { name: g.name, image: r.image, done: r.image.symbols.done };
  });
}

/** Best CPU and wall times and the instruction count of one guest on hvlab. */
function measure(g: Built): { seconds: number; wall: number; steps: number } {
  let best = Infinity;
  let wall = Infinity;
  let steps = 0;
  for (let i = 0; i < RUNS; i++) {
    const m = createBareMachine(g.image);
    if (typeof m === 'string') throw new Error(m);
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    const r = runBare(m, Number.MAX_SAFE_INTEGER);
    const used = process.cpuUsage(t0);
    wall = Math.min(wall, (performance.now() - w0) / 1000);
    best = Math.min(best, (used.user + used.system) / 1e6);
    if (r.stop !== 'brk' || r.pc !== g.done) throw new Error(`bench guest ${g.name} stopped with ${r.stop} at 0x${r.pc.toString(16)}`);
    steps = r.steps;
  }
  return { seconds: best, wall, steps };
}

/** Unicorn's best wall time per guest, or null when Unicorn is not installed. */
async function unicornSeconds(guests: Built[]): Promise<(number | null)[] | null> {
  const child = spawn(PYTHON, [RUNNER], { stdio: ['pipe', 'pipe', 'ignore'] });
  const failed = new Promise<null>((resolve) => child.on('error', () => resolve(null)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const out: (number | null)[] = [];
  for (const g of guests) {
    child.stdin.write(`${JSON.stringify({ cmd: 'bench', code: Buffer.from(g.image.bytes).toString('hex'), until: g.done, repeat: RUNS })}\n`);
    const line = await Promise.race([lines.next(), failed]);
    if (line === null || line.done) return null;
    const reply = JSON.parse(line.value) as { seconds?: number };
    out.push(reply.seconds ?? null);
  }
  child.stdin.end();
  return out;
}

export const cpuSuite: BenchSuite = {
  name: 'cpu',
  async run() {
    const guests = build();
    const figures: Record<string, number> = {};
    const ours = guests.map(measure);
    const uc = await unicornSeconds(guests);
    if (!uc) console.log('  (Unicorn not installed: no native figures)');
    guests.forEach((g, i) => {
      const ips = ours[i].steps / ours[i].seconds;
      figures[`${g.name}.ips`] = Math.round(ips);
      figures[`${g.name}.wall_ips`] = Math.round(ours[i].steps / ours[i].wall);
      const ucSeconds = uc?.[i];
      if (ucSeconds) figures[`${g.name}.unicorn_ips`] = Math.round(ours[i].steps / ucSeconds);
      const native = ucSeconds ? `   unicorn ${(ours[i].steps / ucSeconds / 1e6).toFixed(1)} M/s` : '';
      const wall = (ours[i].steps / ours[i].wall / 1e6).toFixed(1);
      console.log(`  ${g.name.padEnd(9)} ${(ips / 1e6).toFixed(1).padStart(7)} M instructions/s (wall ${wall}; ${ours[i].steps} instructions)${native}`);
    });
    return figures;
  },
};
