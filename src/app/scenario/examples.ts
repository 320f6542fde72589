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
const sources = import.meta.glob<string>('/examples/*/*.s', { eager: true, query: '?raw', import: 'default' });

/** Builds the example list from folder contents (exported for tests). */
export function collectExamples(jsonByPath: Readonly<Record<string, string>>, sByPath: Readonly<Record<string, string>>): Example[] {
  const out: Example[] = [];
  for (const [path, json] of Object.entries(jsonByPath)) {
    const folder = path.split('/').slice(-2, -1)[0];
    const files: Record<string, string> = {};
    for (const [p, text] of Object.entries(sByPath)) {
      const parts = p.split('/');
      if (parts[parts.length - 2] === folder) files[parts[parts.length - 1]] = text;
    }
    const r = draftFromFile(json, files);
    if (!r.ok) {
      console.warn(`example ${folder} skipped: ${r.error}`);
      continue;
    }
    out.push({ name: folder, title: r.draft.name, description: r.draft.description ?? '', draft: r.draft });
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
