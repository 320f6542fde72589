/**
 * Differential suite: seeded random programs over the whole instruction list
 * run on hvlab's core and on Unicorn 2 (scripts/unicorn-runner.py) from the
 * same start state; x0-x30, SP, PC, NZCV and RAM must agree.
 *
 * Start state: a fresh Unicorn 2.0.1 arm64 core (Cortex-A72 model) is at
 * EL1h with PSTATE 0x400003c5 (Z set, DAIF masked), SP 0 and SCTLR_EL1
 * 0xc50838 (SA and SA0 set). The runner sets PSTATE to EL1h with DAIF masked
 * and the program's NZCV, SP and x0-x30, and zeroes TPIDR_EL0/EL1; hvlab's
 * core gets the same values and that SCTLR_EL1.
 *
 * 10,000 programs with fixed seeds, plus 1,000 from a fresh seed printed at
 * the start (replay with HVLAB_SEED=<seed> npm run test:diff). In CI a
 * missing Unicorn fails the suite; elsewhere it is skipped with a warning.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { randomProgram, randomRam, type Program, RAM_BASE } from './testing/programs.ts';
import { runProgram, wordsHex, wordsToBytes, type FinalState } from './testing/run-program.ts';

const PYTHON = '/usr/bin/python3';
const RUNNER = new URL('../../../../scripts/unicorn-runner.py', import.meta.url).pathname;
const FIXED_PROGRAMS = 10_000;
const FRESH_PROGRAMS = 1_000;
const RAM_SEED = 0x5eed;

const haveUnicorn = spawnSync(PYTHON, ['-c', 'import unicorn'], { stdio: 'ignore' }).status === 0;
if (!haveUnicorn) {
  const msg = `Unicorn for ${PYTHON} is missing (Debian package python3-unicorn)`;
  if (process.env.CI === 'true') throw new Error(`${msg}: the CPU differential suite is mandatory in CI`);
  console.warn(`\n!!! SKIPPING the Unicorn differential suite: ${msg} !!!\n`);
}

interface Reply {
  x: string[];
  sp: string;
  pc: number;
  nzcv: number;
  ram: string;
  ramHex?: string;
  error?: string;
}

/** A Unicorn runner process answering requests in order. */
function startRunner() {
  const child = spawn(PYTHON, [RUNNER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    send(req: object) {
      child.stdin.write(`${JSON.stringify(req)}\n`);
    },
    async next(): Promise<Reply> {
      const r = await lines.next();
      if (r.done) throw new Error('unicorn runner ended early');
      return JSON.parse(r.value) as Reply;
    },
    close() {
      child.stdin.end();
    },
  };
}

const hex64 = (v: bigint) => `0x${v.toString(16)}`;
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function request(p: Program, dump = false) {
  return {
    cmd: 'run',
    code: toHex(wordsToBytes(p.words)),
    x: p.x.map(hex64),
    sp: hex64(p.sp),
    nzcv: p.nzcv,
    until: p.until,
    dump,
  };
}

/** The first difference between the two final states, or null. */
function firstDifference(ours: FinalState, theirs: Reply): string | null {
  if (theirs.error) return `unicorn error: ${theirs.error}`;
  if (ours.exit.kind !== 'brk') return `hvlab stopped with ${JSON.stringify(ours.exit)} at pc 0x${ours.pc.toString(16)}`;
  for (let i = 0; i < 31; i++) {
    if (ours.x[i] !== BigInt(theirs.x[i])) return `x${i}: hvlab ${hex64(ours.x[i])}, unicorn ${theirs.x[i]}`;
  }
  if (ours.sp !== BigInt(theirs.sp)) return `sp: hvlab ${hex64(ours.sp)}, unicorn ${theirs.sp}`;
  if (ours.pc !== theirs.pc) return `pc: hvlab 0x${ours.pc.toString(16)}, unicorn 0x${theirs.pc.toString(16)}`;
  if (ours.nzcv !== theirs.nzcv) return `nzcv: hvlab ${ours.nzcv.toString(2)}, unicorn ${theirs.nzcv.toString(2)}`;
  if (createHash('sha1').update(ours.ram).digest('hex') !== theirs.ram) return 'ram';
  return null;
}

async function compare(seeds: number[], label: string): Promise<void> {
  const ram = randomRam(RAM_SEED);
  const runner = startRunner();
  runner.send({ cmd: 'ram', hex: toHex(ram) });
  await runner.next();
  const programs = seeds.map(randomProgram);
  for (const p of programs) runner.send(request(p));
  const failures: string[] = [];
  for (const p of programs) {
    const theirs = await runner.next();
    const ours = runProgram(p, ram, 'blocks');
    let diff = firstDifference(ours, theirs);
    if (diff === 'ram') diff = await ramDifference(p, ours);
    if (diff && failures.length < 5) {
      failures.push(`${label} program seed ${p.seed}: ${diff}\n  words: ${wordsHex(p.words)}`);
    } else if (diff) {
      failures.push('');
    }
  }
  runner.close();
  const shown = failures.filter((f) => f !== '');
  expect(shown.join('\n\n') + (failures.length > shown.length ? `\n(+${failures.length - shown.length} more)` : '')).toBe('');
}

/** Asks Unicorn for the whole RAM of one program and names the first differing byte. */
async function ramDifference(p: Program, ours: FinalState): Promise<string> {
  const runner = startRunner();
  runner.send({ cmd: 'ram', hex: toHex(randomRam(RAM_SEED)) });
  await runner.next();
  runner.send(request(p, true));
  const theirs = Buffer.from((await runner.next()).ramHex ?? '', 'hex');
  runner.close();
  const i = ours.ram.findIndex((b, k) => b !== theirs[k]);
  return `ram at 0x${(RAM_BASE + i).toString(16)}: hvlab 0x${ours.ram[i]?.toString(16)}, unicorn 0x${theirs[i]?.toString(16)}`;
}

describe.skipIf(!haveUnicorn)('AArch64 core against Unicorn', () => {
  it(`agrees on ${FIXED_PROGRAMS} random programs with fixed seeds`, async () => {
    await compare(Array.from({ length: FIXED_PROGRAMS }, (_, i) => i + 1), 'fixed');
  });

  it(`agrees on ${FRESH_PROGRAMS} random programs from a fresh seed`, async () => {
    const seed = process.env.HVLAB_SEED ? Number(process.env.HVLAB_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`Unicorn differential suite: fresh seed ${seed} (replay: HVLAB_SEED=${seed} npm run test:diff)`);
    const base = (seed * FRESH_PROGRAMS) >>> 0;
    await compare(Array.from({ length: FRESH_PROGRAMS }, (_, i) => (base + i) >>> 0), `seed ${seed}`);
  });
});
