/**
 * The built-in examples, generated from this folder: one sub-folder per
 * example with its `scenario.json` and `.s` files (shared code in `lib/`).
 *
 * Pure: the caller supplies the files (the UI through Vite's
 * `import.meta.glob('/examples/**\/*.{s,json}', { query: '?raw', import: 'default', eager: true })`,
 * Node by reading the folder), keyed by their path; any prefix up to and
 * including `examples/` is ignored.
 */
import { parseScenario } from '../src/core/scenario/parse.ts';
import type { Scenario } from '../src/core/scenario/schema.ts';
import type { ScenarioFiles } from '../src/core/scenario/load.ts';

/** The example the UI opens first. */
export const DEFAULT_EXAMPLE = 'writable-race';

export interface Example {
  /** Folder name, e.g. `t1-echo`. */
  readonly id: string;
  readonly name: string;
  /** One line. */
  readonly description: string;
  readonly scenario: Scenario;
  readonly scenarioText: string;
  /** The sources the scenario names, keyed as the scenario names them (e.g. `../lib/hf-v3.s`). */
  readonly files: ScenarioFiles;
}

function normalise(key: string): string {
  const k = key.replace(/\\/g, '/');
  const at = k.lastIndexOf('examples/');
  return (at >= 0 ? k.slice(at + 'examples/'.length) : k).replace(/^\.?\//, '');
}

/** `rel` resolved against folder `dir` (both relative to examples/), or null if it leaves the folder tree. */
function join(dir: string, rel: string): string | null {
  const parts = dir ? dir.split('/') : [];
  for (const p of rel.split('/')) {
    if (p === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/**
 * Every example found in `files`, the default first, then by folder name.
 * Returns: the examples, and one error line per folder that could not be read.
 */
export function listExamples(files: Readonly<Record<string, string>>): { examples: Example[]; errors: string[] } {
  const byPath = new Map<string, string>();
  for (const [k, v] of Object.entries(files)) byPath.set(normalise(k), v);
  const examples: Example[] = [];
  const errors: string[] = [];
  const folders = [...byPath.keys()].filter((p) => /^[^/]+\/scenario\.json$/.test(p)).map((p) => p.split('/')[0]);
  folders.sort((a, b) => (a === DEFAULT_EXAMPLE ? -1 : b === DEFAULT_EXAMPLE ? 1 : a.localeCompare(b)));
  for (const id of folders) {
    const text = byPath.get(`${id}/scenario.json`) as string;
    const r = parseScenario(text);
    if (!r.ok) {
      errors.push(`${id}/scenario.json: ${r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
      continue;
    }
    const s = r.scenario;
    const own: Record<string, string> = {};
    const names = [...(s.primary.kind === 'guest' ? (s.primary.files ?? []) : []), ...s.vms.flatMap((v) => v.files ?? [])];
    for (const n of names) {
      const path = join(id, n);
      const src = path === null ? undefined : byPath.get(path);
      if (src === undefined) errors.push(`${id}: file '${n}' not found`);
      else own[n] = src;
    }
    examples.push({ id, name: s.name, description: s.description, scenario: s, scenarioText: text, files: own });
  }
  return { examples, errors };
}
