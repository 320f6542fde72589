/**
 * `hvlab bench [--out FILE] [--suite NAME]`: runs the benchmark suites of
 * bench/suites.ts, prints their figures and writes them as JSON
 * ({ "<suite>": { "<figure>": value } }) to FILE when given.
 */
import { writeFile } from 'node:fs/promises';
import { SUITES } from '../../../bench/suites.ts';
import { parse } from '../args.ts';
import type { Command } from './types.ts';

const HELP = `usage: hvlab bench [--out FILE] [--suite NAME]

Runs the benchmarks (${SUITES.map((s) => s.name).join(', ')}) and prints their figures;
--out writes them as JSON, --suite runs one suite only.`;

export const bench: Command = {
  summary: 'run the benchmarks (instructions per second, ...) and write their figures',
  async run(args) {
    const p = parse(args, { out: { type: 'string' }, suite: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (typeof p === 'string' || p.positionals.length > 0) {
      console.error(`hvlab bench: ${typeof p === 'string' ? p : `unexpected argument '${p.positionals[0]}'`}\n\n${HELP}`);
      return 1;
    }
    if (p.values.help) {
      console.log(HELP);
      return 0;
    }
    const suites = p.values.suite ? SUITES.filter((s) => s.name === p.values.suite) : SUITES;
    if (suites.length === 0) {
      console.error(`hvlab bench: no suite '${p.values.suite}' (suites: ${SUITES.map((s) => s.name).join(', ')})`);
      return 1;
    }
    const results: Record<string, Record<string, number>> = {};
    for (const s of suites) {
      console.log(`${s.name}:`);
      results[s.name] = await s.run();
    }
    if (p.values.out) {
      await writeFile(p.values.out, `${JSON.stringify(results, null, 2)}\n`);
      console.log(`wrote ${p.values.out}`);
    }
    return 0;
  },
};
