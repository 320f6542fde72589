/**
 * The built-in examples, generated from the `examples/` folder at build time
 * (one folder per scenario: `scenario.json` + its `.s` files). Small text, so
 * they ship in the first bundle and open with no request.
 */
import { draftFromFile, type Draft } from './draft.ts';

export interface Example {
  /** Folder name: the stable id used in `?example=NAME`. */
  readonly name: string;
  /** The scenario's own name and one-line description. */
  readonly title: string;
  readonly description: string;
  readonly draft: Draft;
}

const scenarios = import.meta.glob<string>('/examples/*/scenario.json', { eager: true, query: '?raw', import: 'default' });
const sources = import.meta.glob<string>('/examples/**/*.s', { eager: true, query: '?raw', import: 'default' });

/** `rel` resolved against the folder path `dir` (both '/'-separated; `..` and `.` handled). */
export function resolvePath(dir: string, rel: string): string {
  const parts = dir.split('/').filter(Boolean);
  for (const p of rel.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/**
 * Builds the example list from the files of `examples/` (paths like
 * `/examples/t1-echo/scenario.json`); files a scenario names are resolved
 * relative to its folder. A broken example is left out with a warning.
 */
export function collectExamples(jsonByPath: Readonly<Record<string, string>>, sByPath: Readonly<Record<string, string>>): Example[] {
  const out: Example[] = [];
  for (const [path, json] of Object.entries(jsonByPath)) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    const folder = dir.slice(dir.lastIndexOf('/') + 1);
    const r = draftFromFile(json, (f) => sByPath[resolvePath(dir, f)]);
    if (!r.ok) {
      console.warn(`example ${folder} left out: ${r.error}`);
      continue;
    }
    out.push({ name: folder, title: r.draft.scenario.name, description: r.draft.scenario.description ?? '', draft: r.draft });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export const EXAMPLES: readonly Example[] = collectExamples(scenarios, sources);

/** The example the page opens on: the writable-notification demo, else the first. */
export function defaultExample(list: readonly Example[] = EXAMPLES): Example | null {
  return list.find((e) => /writable|notif/i.test(e.name)) ?? list[0] ?? null;
}

export function findExample(name: string, list: readonly Example[] = EXAMPLES): Example | null {
  return list.find((e) => e.name === name) ?? null;
}
