/**
 * Scenario files in and out of the browser: open dropped or picked files
 * (a scenario.json plus any .s files it names) and save the draft as a
 * self-contained scenario.json.
 */
import { draftFromFile, draftToFile, type Draft } from './draft.ts';
import { downloadFile } from '../util/download.ts';

/** Reads files chosen or dropped by the user into a draft, or says what is wrong. */
export async function openFiles(list: FileList | readonly File[]): Promise<{ ok: true; draft: Draft } | { ok: false; error: string }> {
  const files = Array.from(list);
  const json = files.find((f) => f.name.endsWith('.json'));
  if (!json) return { ok: false, error: 'To open a scenario, drop its scenario.json (with the .s files it names).' };
  const sources: Record<string, string> = {};
  for (const f of files) if (f.name.endsWith('.s') || f.name.endsWith('.S')) sources[f.name] = await f.text();
  // Dropped files have no folders: match a named path by its base name.
  return draftFromFile(await json.text(), (path) => sources[path] ?? sources[path.split('/').pop() ?? path]);
}

/** Offers the draft as a `scenario.json` download. */
export function saveDraftFile(d: Draft): void {
  downloadFile('scenario.json', draftToFile(d), 'application/json');
}
