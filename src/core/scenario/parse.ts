/**
 * Scenario validation at the edge: JSON text or a parsed value in, a typed
 * `Scenario` or diagnostics out (never a throw). Every diagnostic names the
 * field path (e.g. `vms[1].vcpus`) and what was expected. Older versions
 * are migrated forward first.
 */
import { z } from 'zod';
import { scenarioSchema, SCENARIO_VERSION, type Scenario } from './schema.ts';

export interface ScenarioDiagnostic {
  /** Field path, e.g. `vms[0].memory`; '' for the whole document. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly diagnostics: ScenarioDiagnostic[] };

/**
 * Migrations: `MIGRATIONS[n]` turns a version-n document into version n+1.
 * Version 1 is the first format, so there are none yet.
 */
export const MIGRATIONS: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {};

/** Applies migrations up to the current version. Returns: the migrated document, or a diagnostic. */
export function migrate(doc: unknown): { doc: Record<string, unknown> } | { error: ScenarioDiagnostic } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { error: { path: '', message: 'expected a JSON object' } };
  let d = doc as Record<string, unknown>;
  const v = d.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { error: { path: 'version', message: `expected the format version, a whole number (current: ${SCENARIO_VERSION})` } };
  if (v > SCENARIO_VERSION) return { error: { path: 'version', message: `version ${v} is newer than this hvlab understands (${SCENARIO_VERSION})` } };
  for (let n = v; n < SCENARIO_VERSION; n++) d = MIGRATIONS[n](d);
  return { doc: d };
}

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** Parses and validates a scenario given as JSON text or as an already parsed value. */
export function parseScenario(input: string | unknown): ParseResult {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, diagnostics: [{ path: '', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }
  const migrated = migrate(doc);
  if ('error' in migrated) return { ok: false, diagnostics: [migrated.error] };
  const r = scenarioSchema.safeParse(migrated.doc);
  if (r.success) return { ok: true, scenario: r.data };
  return { ok: false, diagnostics: r.error.issues.map((i) => ({ path: formatPath(i.path), message: describe(i) })) };
}

function describe(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return i.message;
}
