import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScenario } from './run-scenario.ts';

const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;
let out: string[];
let err: string[];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

function scenarioFile(doc: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvlab-run-'));
  const p = join(dir, 'scenario.json');
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

describe('hvlab run SCENARIO.json', () => {
  it('prints the final state, end reason, run codes and console; exit 0 on system_off', async () => {
    expect(await runScenario([join(EXAMPLES, 't1-echo/scenario.json')])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^end: system_off/m);
    expect(text).toMatch(/MESSAGE\(size=22\) \[VM 1 vCPU 0\]/);
    expect(text).toMatch(/^ {2}PASS$/m);
    expect(text).toMatch(/VM 1 service_vm0: mailbox empty/);
    expect(text).toMatch(/x30=0x/);
  });

  it('--json prints the machine view; --trace writes the events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvlab-trace-'));
    const tracePath = join(dir, 'trace.json');
    expect(await runScenario([join(EXAMPLES, 't6-primary-to-secondary/scenario.json'), '--json', '--trace', tracePath])).toBe(0);
    const view = JSON.parse(out.join('\n'));
    expect(view.end).toEqual({ kind: 'system_off' });
    expect(view.vms[1].vcpus[0].x).toHaveLength(31);
    const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
    expect(trace.some((e: { kind: string }) => e.kind === 'waiter_list')).toBe(true);
  });

  it('exit 1 with field diagnostics for an invalid scenario, and for bad options', async () => {
    expect(await runScenario([scenarioFile({ version: 1, name: 'x', primary: { kind: 'guest' }, vms: [] })])).toBe(1);
    expect(err.join('\n')).toMatch(/scenario\.json: vms: /);
    expect(await runScenario([join(EXAMPLES, 't1-echo/scenario.json'), '--max-steps', 'lots'])).toBe(1);
    expect(await runScenario([])).toBe(1);
  });

  it('exit 2 on a guest abort, 4 at the step limit', async () => {
    const bad = { version: 1, name: 'abort', primary: { kind: 'native' }, vms: [{ name: 'a', source: 'ldr x1, =0x40000000\nldr x0, [x1]\n' }] };
    expect(await runScenario([scenarioFile(bad)])).toBe(2);
    expect(out.join('\n')).toMatch(/end: abort of VM 1 vCPU 0: stage-2 fault/);
    const spin = { version: 1, name: 'spin', primary: { kind: 'native' }, vms: [{ name: 'a', source: 'b .\n' }] };
    expect(await runScenario([scenarioFile(spin), '--max-steps', '1000'])).toBe(4);
  });
});
