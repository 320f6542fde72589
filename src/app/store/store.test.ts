import { describe, expect, it } from 'vitest';
import type { MachineView } from '../../core/machine/api.ts';
import { PROTOCOL_VERSION, type MachineUpdate, type WorkerCommand } from '../../worker/protocol.ts';
import { blankDraft } from '../scenario/draft.ts';
import { ASSEMBLE_DEBOUNCE_MS, createAppStore } from './store.ts';
import { selectCurrentStep, selectFocusedPrevVcpu, selectFocusedVcpu, selectHypercalls } from './selectors.ts';
import { MAX_TRACE, TRIM_TO, applyUpdate, EMPTY_MACHINE, mergeUpdates } from './reduce.ts';

function harness() {
  const sent: WorkerCommand[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const downloads: { name: string; text: string }[] = [];
  const store = createAppStore({ draft: blankDraft(), example: null }, {
    send: (c) => sent.push(c),
    after: (ms, fn) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
    download: (name, text) => downloads.push({ name, text }),
  });
  const fire = () => timers.filter((t) => !t.cancelled).forEach((t) => { t.cancelled = true; t.fn(); });
  return { store, sent, timers, downloads, fire, a: store.getState().actions };
}

const hex = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;
function view(steps: number, x0: number): MachineView {
  return {
    abi: 'v3-notify', primary: 'native', steps, console: '', runCodes: [], end: null, pendingChoice: null, cpus: [],
    vms: [{
      id: 1, name: 'vm1', memorySize: 0x100000, waiterList: [], readyList: [], recvWaiters: [],
      mailbox: { state: 'empty', sender: null, size: 0, send: null, recv: null },
      vcpus: [{ vm: 1, index: 0, state: 'ready', cpu: null, pc: hex(0x80000 + 4 * steps), sp: hex(0), x: [hex(x0)], nzcv: 0, el: 1, daif: 15, sysregs: {},
        interrupts: { enabled: hex(0), pending: hex(0), count: 0 }, virq: false, forcedReturn: null, thread: null, retired: steps }],
    }],
  };
}
const update = (seq: number, steps: number, x0: number, extra: Partial<MachineUpdate> = {}): MachineUpdate => ({
  seq, fresh: seq === 1, status: 'paused', view: view(steps, x0), events: [], traceReset: false, skipped: 0, pcs: [], memory: null, stop: null, rate: 0,
  time: { now: steps, head: steps, keyframes: { count: 1, bytes: 0 }, branch: 0, branches: [], marks: { head: steps, bins: [] } },
  search: null, hits: {}, breakpointErrors: {}, ...extra,
});

describe('app store', () => {
  it('sends nothing before the worker is ready, then configures it and loads the draft', () => {
    const h = harness();
    h.a.editDraft((d) => ({ ...d, scenario: { ...d.scenario, cpus: 2 } }));
    expect(h.sent.filter((c) => c.type === 'load')).toEqual([]);
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    expect(h.sent.map((c) => c.type)).toEqual(expect.arrayContaining(['setSpeed', 'watchMemory', 'setBreakpoints', 'load']));
    const load = h.sent.find((c) => c.type === 'load');
    expect(load).toMatchObject({ scenario: { cpus: 2 }, files: { 'vm1.s': expect.any(String) } });
  });

  it('refuses a worker speaking another protocol version', () => {
    const h = harness();
    h.a.receive({ type: 'ready', version: 99 });
    expect(h.store.getState().playback).toMatchObject({ worker: 'dead', fatal: expect.stringContaining('version 99') });
  });

  it('assembles after a pause in typing, once', () => {
    const h = harness();
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    h.sent.length = 0;
    h.a.editFile('vm1.s', 'nop');
    h.a.editFile('vm1.s', 'nop\nnop');
    expect(h.sent).toEqual([]);
    expect(h.timers.at(-1)?.ms).toBe(ASSEMBLE_DEBOUNCE_MS);
    h.fire();
    expect(h.sent).toEqual([{ type: 'load', scenario: expect.any(Object), files: { 'vm1.s': 'nop\nnop' }, keep: true }]);
  });

  it('keeps diagnostics from a failed load and the machine from before', () => {
    const h = harness();
    h.a.receive({ type: 'update', update: update(1, 0, 0) });
    h.a.receive({ type: 'loaded', result: { ok: false, diagnostics: [{ file: 'vm1.s', line: 3, column: 1, length: 3, code: 'E_SYNTAX', message: 'bad', severity: 'error' }] } });
    const s = h.store.getState();
    expect(s.editor.assembled).toBe(false);
    expect(s.editor.diagnostics).toHaveLength(1);
    expect(s.machine.view?.steps).toBe(0);
  });

  it('shows the previous register values after an update, and focuses the vCPU that hit a breakpoint', () => {
    const h = harness();
    h.a.focus(0, 0);
    h.a.receive({ type: 'update', update: update(1, 0, 5) });
    h.a.receive({ type: 'update', update: update(2, 3, 7, { stop: { kind: 'breakpoint', vm: 1, vcpu: 0, file: 'vm1.s', line: 4 }, pcs: [{ vm: 1, vcpu: 0, file: 'vm1.s', line: 4 }] }) });
    const s = h.store.getState();
    expect(s.ui).toMatchObject({ focused: { vm: 1, vcpu: 0 }, editorVm: 1, editorFile: 'vm1.s' });
    expect(selectFocusedVcpu(s)?.x[0]).toBe(hex(7));
    expect(selectFocusedPrevVcpu(s)?.x[0]).toBe(hex(5));
    expect(s.playback.stop).toMatchObject({ kind: 'breakpoint', line: 4 });
  });

  it('toggles breakpoints and tells the worker', () => {
    const h = harness();
    h.a.toggleBreakpoint('vm1.s', 3);
    h.a.toggleBreakpoint('vm1.s', 5);
    h.a.toggleBreakpoint('vm1.s', 3);
    expect(h.store.getState().editor.breakpoints).toEqual([{ file: 'vm1.s', line: 5 }]);
    expect(h.sent.at(-1)).toEqual({ type: 'setBreakpoints', breakpoints: [{ file: 'vm1.s', line: 5 }] });
  });

  it('opening a scenario clears the old machine and breakpoints', () => {
    const h = harness();
    h.a.toggleBreakpoint('vm1.s', 3);
    h.a.receive({ type: 'update', update: update(1, 10, 0) });
    h.a.openDraft(blankDraft(), 'x');
    const s = h.store.getState();
    expect(s.machine.view).toBeNull();
    expect(s.editor).toMatchObject({ breakpoints: [], example: 'x', draftId: 2 });
  });
});

describe('time travel, breakpoints and exports in the store', () => {
  it('selecting an event step seeks to just after it; the current step is now - 1', () => {
    const h = harness();
    h.a.receive({ type: 'update', update: update(1, 40, 0) });
    expect(selectCurrentStep(h.store.getState())).toBe(39);
    h.a.selectStep(12);
    expect(h.sent.at(-1)).toEqual({ type: 'seek', step: 13 });
    h.a.back({ kind: 'hypercall', name: 'HF_MAILBOX_SEND' });
    expect(h.sent.at(-1)).toEqual({ type: 'back', to: { kind: 'hypercall', name: 'HF_MAILBOX_SEND' } });
  });

  it('keeps the time, search progress and hit counts the worker reports', () => {
    const h = harness();
    const search = { what: 'previous breakpoint', from: 90, searchedFrom: 50, progress: 0.4 };
    h.a.receive({ type: 'update', update: update(1, 90, 0, { search, hits: { 'vm1.s:3': 2 }, breakpointErrors: { 'vm1.s:4': 'bad condition' } }) });
    const s = h.store.getState();
    expect(s.playback.time?.now).toBe(90);
    expect(s.playback.search).toEqual(search);
    expect(s.debug).toMatchObject({ hits: { 'vm1.s:3': 2 }, breakpointErrors: { 'vm1.s:4': 'bad condition' } });
  });

  it('a trace reset replaces the trace, also when merged into an earlier update of the frame', () => {
    const ev = (step: number) => ({ kind: 'console' as const, step, cpu: 0, vm: 1, vcpu: 0, text: 'x' });
    const m = mergeUpdates(update(2, 5, 0, { events: [ev(4)] }), update(3, 1, 0, { events: [ev(0)], traceReset: true }));
    expect(m.events.map((e) => e.step)).toEqual([0]);
    const slice = applyUpdate(applyUpdate(EMPTY_MACHINE, update(1, 9, 0, { events: [ev(7), ev(8)] })), m);
    expect(slice.trace.map((e) => e.step)).toEqual([0]);
  });

  it('line breakpoint options keep one entry per line and drop empty conditions', () => {
    const h = harness();
    h.a.toggleBreakpoint('vm1.s', 3);
    h.a.setBreakpointOptions('vm1.s', 3, { condition: ' x0 == 2 ', fromHit: 3 });
    expect(h.store.getState().editor.breakpoints).toEqual([{ file: 'vm1.s', line: 3, condition: 'x0 == 2', fromHit: 3 }]);
    h.a.setBreakpointOptions('vm1.s', 3, { condition: '' });
    expect(h.store.getState().editor.breakpoints).toEqual([{ file: 'vm1.s', line: 3 }]);
  });

  it('protocol breakpoints and watchpoints are kept and re-sent to a restarted worker', () => {
    const h = harness();
    const pb = [{ id: 'p1', bp: { kind: 'mailbox' as const, vm: 2, to: 'empty' as const }, enabled: true }];
    const wp = [{ id: 'w1', kind: 'memory' as const, vm: 1, addr: 0x90000, length: 8 }];
    h.a.setProtocolBreakpoints(pb);
    h.a.setWatchpoints(wp);
    h.sent.length = 0;
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    expect(h.sent).toEqual(expect.arrayContaining([{ type: 'setProtocolBreakpoints', breakpoints: pb }, { type: 'setWatchpoints', watchpoints: wp }]));
  });

  it('resolves a recording request with the reply, and downloads exports', async () => {
    const h = harness();
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    const p = h.a.requestRecording();
    expect(h.sent.at(-1)).toEqual({ type: 'getRecording' });
    const recording = { choices: [{ kind: 'cpu' as const, cpu: 0, steps: 5 }], inputs: [] };
    h.a.receive({ type: 'recording', recording, now: 5 });
    await expect(p).resolves.toEqual({ recording, now: 5 });
    h.a.receive({ type: 'exported', format: 'json', fileName: 'trace.json', text: '[]' });
    expect(h.downloads).toEqual([{ name: 'trace.json', text: '[]' }]);
  });

  it('a recording request fails when the worker dies first', async () => {
    const h = harness();
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    const p = h.a.requestRecording();
    h.a.workerDied('gone');
    await expect(p).rejects.toThrow('gone');
  });

  it('a refused command becomes a notice', () => {
    const h = harness();
    h.a.receive({ type: 'refused', command: 'choose', message: 'CPU 3 is not one of the options' });
    expect(h.store.getState().ui.notice).toBe('CPU 3 is not one of the options');
  });
});

describe('update merging and trace keeping', () => {
  const ev = (step: number) => ({ kind: 'console' as const, step, cpu: 0, vm: 1, vcpu: 0, text: 'x' });
  it('merges two updates of one frame into the later state with both batches of events', () => {
    const m = mergeUpdates(update(2, 1, 0, { status: 'running', events: [ev(1)] }), update(3, 2, 0, { status: 'running', events: [ev(2)] }));
    expect(m.seq).toBe(3);
    expect(m.events.map((e) => e.step)).toEqual([1, 2]);
  });
  it('a fresh machine replaces whatever came before in the frame', () => {
    const m = mergeUpdates(update(5, 1, 0, { events: [ev(1)] }), update(1, 0, 0));
    expect(m).toMatchObject({ seq: 1, fresh: true, events: [] });
  });
  it('keeps at most MAX_TRACE events, cutting back to TRIM_TO and counting the dropped ones', () => {
    const big = Array.from({ length: MAX_TRACE + 10 }, (_, i) => ev(i));
    const m = applyUpdate(EMPTY_MACHINE, update(1, 0, 0, { events: big, skipped: 5 }));
    expect(m.trace).toHaveLength(TRIM_TO);
    expect(m.traceDropped).toBe(MAX_TRACE + 10 - TRIM_TO + 5);
    expect(m.trace[0].step).toBe(MAX_TRACE + 10 - TRIM_TO);
    const next = applyUpdate(m, update(2, 1, 0, { events: [ev(1e6)] }));
    expect(next.trace[0]).toBe(m.trace[0]);
  });
  it('selects the hypercalls of the trace', () => {
    const h = harness();
    const call = { kind: 'hypercall' as const, step: 3, cpu: 0, vm: 1, vcpu: 0, name: 'HF_VM_GET_ID', id: 0xff00, args: [hex(0), hex(0), hex(0)] as const, result: hex(1), resultNum: 1 };
    h.a.receive({ type: 'update', update: update(1, 0, 0, { events: [ev(1), call] }) });
    expect(selectHypercalls(h.store.getState())).toEqual([call]);
  });
});
