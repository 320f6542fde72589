/**
 * Every example runs headless to its expected outcome (scenario.json
 * `expect`: end reason and console text), and the example list is complete.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE, listExamples } from './index.ts';
import { readExampleFiles } from './node-files.ts';
import { V1_ABI } from '../src/core/hafnium/abi/v1.ts';
import { V2_ABI } from '../src/core/hafnium/abi/v2.ts';
import { V3_ABI } from '../src/core/hafnium/abi/v3.ts';
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from '../src/core/hafnium/abi/psci.ts';
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

describe('guest constants (examples/lib/hf-v*.s)', () => {
  const equs = (file: string) =>
    Object.fromEntries([...readExampleFiles()[`/examples/lib/${file}`].matchAll(/^\s*\.equ\s+(\w+),\s*(0x[0-9a-f]+|\d+)/gim)].map((m) => [m[1], Number(m[2])]));

  it.each([
    ['hf-v3.s', V3_ABI],
    ['hf-v2.s', V2_ABI],
    ['hf-v1.s', V1_ABI],
  ] as const)('%s restates the ABI module exactly', (file, abi) => {
    const e = equs(file);
    for (const [name, id] of Object.entries(abi.functions)) expect(e[name], name).toBe(id);
    for (const [code, n] of Object.entries(abi.runCodes)) if (e[`RUN_${code}`] !== undefined) expect(e[`RUN_${code}`], code).toBe(n);
    for (const [name, id] of Object.entries({ ...PSCI_FUNCTIONS, ...HVLAB_DEBUG_FUNCTIONS })) if (e[name] !== undefined) expect(e[name], name).toBe(id);
    expect(Object.keys(e).filter((k) => k.startsWith('RUN_')).length).toBe(Object.keys(abi.runCodes).filter((c) => c !== 'SLEEP').length);
  });
});
