/**
 * `hvlab run`: with `--bare`, one source file on the bare machine
 * (run-bare.ts); otherwise a scenario under the hypervisor (run-scenario.ts).
 */
import { runBare } from './run-bare.ts';
import { runScenario } from './run-scenario.ts';
import type { Command } from './types.ts';

export const run: Command = {
  summary: 'run a scenario (SCENARIO.json), or one source file on the bare machine (FILE.s --bare)',
  run(args) {
    return args.includes('--bare') ? runBare(args.filter((a) => a !== '--bare')) : runScenario(args);
  },
};
