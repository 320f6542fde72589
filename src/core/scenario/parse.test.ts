import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';
import { buildImages, formatDiagnostic } from './load.ts';

const minimal = { version: 1, name: 'x', primary: { kind: 'native' }, vms: [{ name: 'a', source: 'b .' }] };

describe('scenario validation', () => {
  it('fills defaults', () => {
    const r = parseScenario(minimal);
    expect(r.ok && r.scenario).toMatchObject({ abi: 'v3-notify', cpus: 1, schedule: { kind: 'round-robin', seed: 1, quantum: 1000 }, vms: [{ vcpus: 1, memory: 0x100000, base: 0x80000 }] });
  });

  it('names every bad field and what was expected', () => {
    const r = parseScenario({ ...minimal, cpus: 9, abi: 'v4', vms: [{ name: 'a', vcpus: 0, memory: 100, files: [], extra: 1 }], schedule: { kind: 'rr' } });
    expect(r.ok).toBe(false);
    const d = r.ok ? [] : r.diagnostics.map((x) => `${x.path}: ${x.message}`);
    expect(d).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cpus: .*8/),
        expect.stringMatching(/^abi: .*v1-rpc/),
        expect.stringMatching(/^vms\[0\]\.vcpus: /),
        expect.stringMatching(/^vms\[0\]\.memory: at least 65536/),
        expect.stringMatching(/^vms\[0\]\.files: /),
        expect.stringMatching(/^vms\[0\]: unknown field "extra"/),
        expect.stringMatching(/^schedule\.kind: .*round-robin/),
      ]),
    );
  });

  it('rejects bad JSON, a missing or future version, and both files and source', () => {
    expect(parseScenario('{')).toMatchObject({ ok: false, diagnostics: [{ path: '', message: expect.stringMatching(/not valid JSON/) }] });
    expect(parseScenario({ name: 'x' })).toMatchObject({ ok: false, diagnostics: [{ path: 'version' }] });
    expect(parseScenario({ ...minimal, version: 2 })).toMatchObject({ ok: false, diagnostics: [{ path: 'version', message: expect.stringMatching(/newer/) }] });
    expect(parseScenario({ ...minimal, vms: [{ name: 'a', source: 'nop', files: ['a.s'] }] })).toMatchObject({ ok: false, diagnostics: [{ path: 'vms[0]', message: expect.stringMatching(/exactly one of/) }] });
  });
});

describe('building images', () => {
  it('reports missing files, assembly errors with positions, unknown entry symbols and images that do not fit', () => {
    const p = parseScenario({
      ...minimal,
      vms: [
        { name: 'a', files: ['missing.s'] },
        { name: 'b', source: 'nop\nfoo x0\n' },
        { name: 'c', source: 'nop', entry: 'main' },
        { name: 'd', source: 'nop', memory: 0x10000, base: 0x80000 },
      ],
    });
    if (!p.ok) throw new Error('scenario should be valid');
    const r = buildImages(p.scenario, {});
    expect(r.ok).toBe(false);
    const lines = r.diagnostics.map((d) => formatDiagnostic(d));
    expect(lines).toEqual(
      expect.arrayContaining([
        "scenario.json: vms[0].files[0]: error: file 'missing.s' not found",
        expect.stringMatching(/^b\.s:2:1: error: .*\[E_/),
        "scenario.json: vms[2].entry: error: symbol 'main' is not defined in the sources",
        expect.stringMatching(/^scenario\.json: vms\[3\]\.memory: error: the image .* does not fit/),
      ]),
    );
  });

  it('resolves an entry symbol', () => {
    const p = parseScenario({ ...minimal, vms: [{ name: 'a', source: 'nop\nmain: b main\n', entry: 'main' }] });
    if (!p.ok) throw new Error('scenario should be valid');
    const r = buildImages(p.scenario, {});
    expect(r.ok && r.images.vms[0].entry).toBe(0x80004);
  });
});
