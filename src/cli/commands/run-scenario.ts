/**
 * `hvlab run SCENARIO.json [--json] [--trace FILE] [--max-steps N] [--seed N]`:
 * runs a scenario headless and prints the final state, why the run ended,
 * the run codes the primary saw and the console output.
 * Exit status: 0 clean finish, 1 invalid input (with diagnostics), 2 guest
 * abort, 4 step limit reached.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse, parseNumber } from '../args.ts';
import { parseScenario } from '../../core/scenario/parse.ts';
import { buildImages, formatDiagnostic, type ScenarioFiles } from '../../core/scenario/load.ts';
import type { Scenario } from '../../core/scenario/schema.ts';
import { createMachine } from '../../core/machine/machine.ts';
import { exitStatus, formatReport } from '../../core/scenario/report.ts';

const HELP = `usage: hvlab run SCENARIO.json [--json] [--trace FILE] [--max-steps N] [--seed N]

Runs a scenario and prints the final state of every VM and vCPU, why the run
ended, the run codes the primary saw and the console output.

  --json          print the final state as JSON (the machine view)
  --trace FILE    write the full event trace to FILE as JSON
  --max-steps N   stop after N steps (overrides the scenario's maxSteps)
  --seed N        seed of the random choice source (overrides the scenario)

exit status: 0 clean finish, 1 invalid input, 2 guest abort, 4 step limit`;

/** Reads every source file a scenario names, relative to the scenario's folder. Missing files are left out (the loader reports them). */
export async function readScenarioFiles(scenario: Scenario, dir: string): Promise<ScenarioFiles> {
  const names = [...(scenario.primary.kind === 'guest' ? (scenario.primary.files ?? []) : []), ...scenario.vms.flatMap((v) => v.files ?? [])];
  const files: Record<string, string> = {};
  for (const n of new Set(names)) {
    try {
      files[n] = await readFile(resolve(dir, n), 'utf8');
    } catch {
      /* reported as "file not found" by buildImages */
    }
  }
  return files;
}

/** The `run` command for scenarios; returns the exit status. */
export async function runScenario(args: string[]): Promise<number> {
  const p = parse(args, {
    json: { type: 'boolean' },
    trace: { type: 'string' },
    'max-steps': { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof p === 'string') return usageError(p);
  if (p.values.help) {
    console.log(HELP);
    return 0;
  }
  if (p.positionals.length !== 1) return usageError('expected exactly one SCENARIO.json');
  const maxSteps = p.values['max-steps'] === undefined ? undefined : parseNumber(p.values['max-steps']);
  if (maxSteps === null || maxSteps === 0) return usageError(`--max-steps expects a positive whole number, got '${p.values['max-steps']}'`);
  const seed = p.values.seed === undefined ? undefined : parseNumber(p.values.seed);
  if (seed === null || (seed !== undefined && seed > 0xffffffff)) return usageError(`--seed expects a whole number below 2^32, got '${p.values.seed}'`);

  const path = p.positionals[0];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    console.error(`hvlab run: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    for (const d of parsed.diagnostics) console.error(`${path}: ${d.path ? `${d.path}: ` : ''}${d.message}`);
    return 1;
  }
  const scenario = parsed.scenario;
  const files = await readScenarioFiles(scenario, dirname(path));
  const built = buildImages(scenario, files);
  for (const d of built.diagnostics) console.error(formatDiagnostic(d, path));
  if (!built.ok) return 1;

  const machine = createMachine(scenario, built.images, { maxSteps, seed });
  while (!machine.ended) {
    const r = machine.run(1_000_000);
    if (r.stop === 'need_choice') {
      console.error('hvlab run: the manual choice source needs a choice; use round-robin or random on the command line');
      return 1;
    }
  }
  const view = machine.view();
  if (p.values.trace) await writeFile(p.values.trace, JSON.stringify(machine.trace.since(0)));
  console.log(p.values.json ? JSON.stringify(view, null, 2) : formatReport(scenario.name, view));
  return exitStatus(machine.ended);
}

function usageError(msg: string): number {
  console.error(`hvlab run: ${msg}\n\n${HELP}`);
  return 1;
}
