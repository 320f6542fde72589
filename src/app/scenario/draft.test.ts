import { describe, expect, it } from 'vitest';
import { MAX_SECONDARY_VCPUS } from '../../core/scenario/schema.ts';
import { addVm, blankDraft, draftFromFile, draftToFile, guestDocs, isDraft, removeVm, setPrimaryKind, setSource, setVcpus } from './draft.ts';

describe('scenario drafts', () => {
  it('a blank draft is a valid scenario with one editable secondary', () => {
    const d = blankDraft();
    expect(isDraft(d)).toBe(true);
    expect(guestDocs(d).map((g) => g.vm)).toEqual([1]);
  });

  it('adds and removes VMs with unique names, keeping at least one', () => {
    let d = addVm(addVm(blankDraft()));
    expect(d.vms.map((v) => v.name)).toEqual(['vm1', 'vm2', 'vm3']);
    d = removeVm(d, 2);
    expect(d.vms.map((v) => v.name)).toEqual(['vm1', 'vm3']);
    expect(addVm(d).vms.at(-1)?.name).toBe('vm4');
    expect(removeVm(removeVm(d, 1), 1).vms).toHaveLength(1);
  });

  it('clamps vCPU counts to the schema limits and edits sources by VM id', () => {
    const d = setVcpus(blankDraft(), 1, 99);
    expect(d.vms[0].vcpus).toBe(MAX_SECONDARY_VCPUS);
    expect(setSource(d, 1, 'nop').vms[0].source).toBe('nop');
    expect(setSource(d, 0, 'nop')).toBe(d);
    const g = setPrimaryKind(d, 'guest');
    expect(guestDocs(g).map((x) => x.vm)).toEqual([0, 1]);
    expect(isDraft(g)).toBe(true);
  });

  it('reads a scenario file, inlining the .s files it names, and round-trips through export', () => {
    const json = JSON.stringify({ version: 1, name: 'demo', primary: { kind: 'native' }, vms: [{ name: 'a', files: ['a.s'] }] });
    const r = draftFromFile(json, { 'a.s': 'nop\n' });
    expect(r).toMatchObject({ ok: true, draft: { vms: [{ name: 'a', source: 'nop\n' }] } });
    if (!r.ok) return;
    expect(r.draft.vms[0]).not.toHaveProperty('files');
    expect(draftFromFile(draftToFile(r.draft), {})).toEqual(r);
  });

  it('says plainly what is wrong with a bad file', () => {
    expect(draftFromFile('{', {})).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(draftFromFile(JSON.stringify({ version: 1, name: 'x', primary: { kind: 'native' }, vms: [{ name: 'a', files: ['a.s'] }] }), {})).toMatchObject({
      ok: false,
      error: 'scenario.json names "a.s", which was not provided',
    });
    expect(draftFromFile(JSON.stringify({ version: 1, name: 'x', primary: { kind: 'native' }, vms: [] }), {})).toMatchObject({ ok: false, error: expect.stringContaining('vms') });
  });
});
