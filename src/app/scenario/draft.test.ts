import { describe, expect, it } from 'vitest';
import { MAX_SECONDARY_VCPUS } from '../../core/scenario/schema.ts';
import { addVm, blankDraft, draftFromFile, draftToFile, guests, isDraft, mainFile, removeVm, setFile, setPrimaryKind, setVcpus } from './draft.ts';
import { collectExamples, resolvePath } from './examples.ts';

const none = () => undefined;

describe('scenario drafts', () => {
  it('a blank draft is a valid scenario with one editable secondary', () => {
    const d = blankDraft();
    expect(isDraft(d)).toBe(true);
    expect(guests(d)).toEqual([{ vm: 1, name: 'vm1', files: ['vm1.s'] }]);
  });

  it('adds and removes VMs with unique names and files, keeping at least one and pruning unused files', () => {
    let d = addVm(addVm(blankDraft()));
    expect(d.scenario.vms.map((v) => v.name)).toEqual(['vm1', 'vm2', 'vm3']);
    d = removeVm(d, 2);
    expect(d.scenario.vms.map((v) => v.name)).toEqual(['vm1', 'vm3']);
    expect(Object.keys(d.files).sort()).toEqual(['vm1.s', 'vm3.s']);
    expect(addVm(d).scenario.vms.at(-1)?.name).toBe('vm4');
    expect(removeVm(removeVm(d, 1), 1).scenario.vms).toHaveLength(1);
    expect(isDraft(d)).toBe(true);
  });

  it('clamps vCPU counts, edits files by path and switches the primary kind', () => {
    const d = setVcpus(blankDraft(), 1, 99);
    expect(d.scenario.vms[0].vcpus).toBe(MAX_SECONDARY_VCPUS);
    expect(setFile(d, 'vm1.s', 'nop').files['vm1.s']).toBe('nop');
    expect(setFile(d, 'nope.s', 'nop')).toBe(d);
    const g = setPrimaryKind(d, 'guest');
    expect(guests(g).map((x) => x.vm)).toEqual([0, 1]);
    expect(isDraft(g)).toBe(true);
    expect(Object.keys(setPrimaryKind(g, 'native').files)).toEqual(['vm1.s']);
  });

  it('opens a VM on its own file, not on a shared library', () => {
    const json = JSON.stringify({ version: 1, name: 'x', primary: { kind: 'guest', files: ['lib.s', 'p.s'] }, vms: [{ name: 'a', files: ['lib.s', 'a.s', 'tail.s'] }, { name: 'b', files: ['lib.s', 'b.s', 'tail.s'] }] });
    const r = draftFromFile(json, (f) => `// ${f}`);
    if (!r.ok) throw new Error(r.error);
    expect(mainFile(r.draft, 0)).toBe('p.s');
    expect(mainFile(r.draft, 1)).toBe('a.s');
  });

  it('reads a scenario file (named files and inline sources), and exports a self-contained one', () => {
    const json = JSON.stringify({ version: 1, name: 'demo', primary: { kind: 'native' }, vms: [{ name: 'a', files: ['../lib/x.s', 'a.s'] }, { name: 'b', source: 'nop\n' }] });
    const r = draftFromFile(json, (f) => ({ '../lib/x.s': '.equ X, 1\n', 'a.s': 'b .\n' })[f]);
    expect(r).toMatchObject({ ok: true, draft: { files: { '../lib/x.s': '.equ X, 1\n', 'a.s': 'b .\n', 'b.s': 'nop\n' }, scenario: { vms: [{ files: ['../lib/x.s', 'a.s'] }, { name: 'b', files: ['b.s'] }] } } });
    if (!r.ok) return;
    const back = draftFromFile(draftToFile(r.draft), none);
    expect(back).toMatchObject({ ok: true, draft: { files: { 'a.s': expect.stringContaining('.equ X, 1'), 'b.s': 'nop\n' } } });
  });

  it('says plainly what is wrong with a bad file', () => {
    expect(draftFromFile('{', none)).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(draftFromFile(JSON.stringify({ version: 1, name: 'x', primary: { kind: 'native' }, vms: [{ name: 'a', files: ['a.s'] }] }), none)).toEqual({
      ok: false,
      error: 'scenario.json names "a.s", which was not provided',
    });
    expect(draftFromFile(JSON.stringify({ version: 1, name: 'x', primary: { kind: 'native' }, vms: [] }), none)).toMatchObject({ ok: false, error: expect.stringContaining('vms') });
  });
});

describe('examples from the examples/ folder', () => {
  it('resolves paths relative to the scenario folder', () => {
    expect(resolvePath('/examples/t1', '../lib/a.s')).toBe('/examples/lib/a.s');
    expect(resolvePath('/examples/t1', './b.s')).toBe('/examples/t1/b.s');
  });
  it('collects folders with their files, sorted by name', () => {
    const list = collectExamples(
      { '/examples/z/scenario.json': JSON.stringify({ version: 1, name: 'Z', description: 'last', primary: { kind: 'native' }, vms: [{ name: 'a', files: ['../lib/l.s', 'a.s'] }] }) },
      { '/examples/lib/l.s': 'L', '/examples/z/a.s': 'A' },
    );
    expect(list).toMatchObject([{ name: 'z', title: 'Z', description: 'last', draft: { files: { '../lib/l.s': 'L', 'a.s': 'A' } } }]);
  });
});
