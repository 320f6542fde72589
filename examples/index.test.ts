/**
 * Every example runs headless to its expected outcome (scenario.json
 * `expect`: end reason and console text), and the example list is complete.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE, listExamples } from './index.ts';
import { readExampleFiles } from './node-files.ts';
import { buildImages } from '../src/core/scenario/load.ts';
import { createMachine } from '../src/core/machine/machine.ts';

const { examples, errors } = listExamples(readExampleFiles());

describe('examples', () => {
  it('are all listed, the default first, without errors', () => {
    expect(errors).toEqual([]);
    expect(examples[0].id).toBe(DEFAULT_EXAMPLE);
    expect(examples.map((e) => e.id)).toEqual(expect.arrayContaining(['t1-echo', 't3-relay', 't6-primary-to-secondary', 'writable-race']));
    for (const e of examples) expect(e.description.length).toBeGreaterThan(10);
  });

  it.each(examples.map((e) => [e.id, e] as const))('%s reaches its expected outcome headless', (_id, e) => {
    const built = buildImages(e.scenario, e.files);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (!built.ok) return;
    const m = createMachine(e.scenario, built.images);
    const r = m.run(e.scenario.maxSteps);
    expect(r.stop).toBe('ended');
    const view = m.view();
    expect(e.scenario.expect).toBeDefined();
    if (e.scenario.expect?.end) expect(view.end?.kind).toBe(e.scenario.expect.end);
    if (e.scenario.expect?.console) expect(view.console).toContain(e.scenario.expect.console);
    expect(view.console).not.toContain('FAIL');
  });
});
