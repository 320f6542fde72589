import { describe, expect, it } from 'vitest';
import type { MachineView } from '../../core/machine/api.ts';
import { PROTOCOL_VERSION, type WorkerCommand } from '../../worker/protocol.ts';
import { blankDraft } from '../scenario/draft.ts';
import { createAppStore, type InitialState } from '../store/store.ts';
import { encodeSession, type SharedSession } from './payload.ts';
import { captureSession, readShareHash, replayWhenLoaded, shareUrl } from './session.ts';

function harness(init: Partial<InitialState> = {}) {
  const sent: WorkerCommand[] = [];
  const store = createAppStore({ draft: blankDraft(), example: null, ...init }, { send: (c) => sent.push(c), after: () => () => {}, download: () => {} });
  return { store, sent, a: store.getState().actions };
}

const view = (steps: number): MachineView => ({ abi: 'v3-notify', primary: 'native', steps, console: '', runCodes: [], end: null, pendingChoice: null, cpus: [], vms: [] });

function machineAt(h: ReturnType<typeof harness>, steps: number) {
  h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
  h.a.receive({ type: 'loaded', result: { ok: true, diagnostics: [] } });
  h.a.receive({
    type: 'update',
    update: {
      seq: 1, fresh: true, status: 'paused', view: view(steps), events: [], traceReset: false, skipped: 0, pcs: [], memory: null, stop: null, rate: 0,
      time: { now: steps, head: steps, keyframes: { count: 1, bytes: 0 }, branch: 0, branches: [], marks: { head: steps, bins: [] } },
      search: null, hits: {}, breakpointErrors: {},
    },
  });
}

const session: SharedSession = {
  draft: blankDraft(),
  example: null,
  breakpoints: [{ file: 'vm1.s', line: 6, condition: 'x0 == 0' }],
  protocolBreakpoints: [{ id: 'p1', bp: { kind: 'hypercall', name: 'HF_MAILBOX_RECEIVE' }, enabled: true }],
  watchpoints: [],
  recording: { choices: [{ kind: 'cpu', cpu: 0, steps: 500 }], inputs: [] },
  step: 42,
};

describe('reading the page fragment', () => {
  it('finds nothing in an empty fragment, a session in a link, and says why otherwise', () => {
    expect(readShareHash('')).toEqual({ kind: 'none' });
    expect(readShareHash('#')).toEqual({ kind: 'none' });
    expect(readShareHash(`#${encodeSession(session)}`)).toEqual({ kind: 'session', session, fromVersion: 2 });
    expect(readShareHash('#s/2/AAAA')).toEqual({ kind: 'error', error: expect.stringMatching(/damaged/) });
  });

  it('builds the link on the page address', () => {
    expect(shareUrl(session, 'http://x.test/hvlab/')).toBe(`http://x.test/hvlab/#${encodeSession(session)}`);
  });
});

describe('capturing the session', () => {
  it('asks the worker for the recording and takes the step it answers with', async () => {
    const h = harness({ breakpoints: session.breakpoints, protocolBreakpoints: session.protocolBreakpoints });
    machineAt(h, 50);
    const captured = captureSession(h.store);
    expect(h.sent.at(-1)).toEqual({ type: 'getRecording' });
    h.a.receive({ type: 'recording', recording: session.recording, now: 42 });
    expect(await captured).toEqual(session);
  });

  it('shares the scenario alone at step 0 when nothing runs yet', async () => {
    const h = harness();
    expect(await captureSession(h.store)).toMatchObject({ step: 0, recording: { choices: [], inputs: [] }, draft: blankDraft() });
    expect(h.sent).toEqual([]);
  });

  it('gives up when the worker does not answer', async () => {
    const h = harness();
    machineAt(h, 5);
    await expect(captureSession(h.store, 10)).rejects.toThrow(/did not send its recording/);
  });
});

describe('opening a shared session', () => {
  it('replays to the shared step once the machine exists, and only once', () => {
    const h = harness({ draft: session.draft });
    replayWhenLoaded(h.store, session);
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    h.a.receive({ type: 'loaded', result: { ok: true, diagnostics: [] } });
    expect(h.sent.filter((c) => c.type === 'replay')).toEqual([]);
    machineAt(h, 0);
    machineAt(h, 0);
    expect(h.sent.filter((c) => c.type === 'replay')).toEqual([{ type: 'replay', recording: session.recording, step: 42 }]);
  });

  it('says so when the shared scenario does not assemble', () => {
    const h = harness({ draft: session.draft });
    replayWhenLoaded(h.store, session);
    h.a.receive({ type: 'ready', version: PROTOCOL_VERSION });
    h.a.receive({ type: 'loaded', result: { ok: false, diagnostics: [{ file: 'vm1.s', line: 1, message: 'bad', severity: 'error' }] } });
    expect(h.store.getState().ui.notice).toMatch(/does not assemble/);
    expect(h.sent.filter((c) => c.type === 'replay')).toEqual([]);
  });
});
