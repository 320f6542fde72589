/**
 * Node-only: reads the examples folder into the `{ path: text }` map that
 * `listExamples` takes (the browser gets the same map from Vite's glob).
 * For tests, the CLI and benchmarks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listExamples, type Example } from './index.ts';

/** Every `.s` and `.json` file under `dir`, keyed `/examples/<relative path>`. */
export function readExampleFiles(dir: string = import.meta.dirname, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, readExampleFiles(p, `${prefix}${name}/`));
    else if (/\.(s|json)$/.test(name)) out[`/examples/${prefix}${name}`] = readFileSync(p, 'utf8');
  }
  return out;
}

/** The built-in examples, read from disk. Throws if the folder has errors (a bug in the examples). */
export function loadExamples(): Example[] {
  const { examples, errors } = listExamples(readExampleFiles());
  if (errors.length) throw new Error(`examples folder: ${errors.join('; ')}`);
  return examples;
}
