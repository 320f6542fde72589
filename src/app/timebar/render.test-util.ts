/**
 * Test helper: renders a component to static HTML over a real app store fed
 * with one worker update, so component tests can check names, roles and
 * words without a browser (effects do not run).
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { MachineView } from '../../core/machine/api.ts';
import { PROTOCOL_VERSION, type MachineUpdate, type WorkerCommand } from '../../worker/protocol.ts';
import { blankDraft } from '../scenario/draft.ts';
import { createAppStore } from '../store/store.ts';
import { StoreContext } from '../store/useApp.ts';

const hex = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;

/** A one-VM machine view at `steps`. */
function view(steps: number): MachineView {
  return {
    abi: 'v3-notify', primary: 'native', steps, console: '', runCodes: [], end: null, pendingChoice: null, cpus: [],
    vms: [{
      id: 1, name: 'vm1', memorySize: 0x100000, waiterList: [], readyList: [], recvWaiters: [],
      mailbox: { state: 'empty', sender: null, size: 0, send: null, recv: null },
      vcpus: [{ vm: 1, index: 0, state: 'ready', cpu: null, pc: hex(0x80000), sp: hex(0), x: [], nzcv: 0, el: 1, daif: 15, sysregs: {},
        interrupts: { enabled: hex(0), pending: hex(0), count: 0 }, virq: false, forcedReturn: null, thread: null, retired: steps }],
    }],
  };
}

/** A paused update at step `now` of a branch reaching `head`, with `extra` fields. */
export function updateAt(now: number, head: number, extra: Partial<MachineUpdate> = {}): MachineUpdate {
  return {
    seq: 1, fresh: true, status: 'paused', view: view(now), events: [], traceReset: false, skipped: 0, pcs: [], memory: null, stop: null, rate: 0,
    time: { now, head, keyframes: { count: 1, bytes: 0 }, branch: 0, branches: [], marks: { head, bins: [] } },
    search: null, hits: {}, breakpointErrors: {}, ...extra,
  };
}

/** Renders `component` over a store that received `update` (none: the worker has not answered yet); returns the HTML and the commands sent. */
export function renderWith(component: FunctionComponent, update: MachineUpdate | null): { html: string; sent: WorkerCommand[] } {
  const sent: WorkerCommand[] = [];
  const store = createAppStore({ draft: blankDraft(), example: null }, { send: (c) => sent.push(c), after: () => () => {}, download: () => {} });
  if (update) {
    store.getState().actions.receive({ type: 'ready', version: PROTOCOL_VERSION });
    store.getState().actions.receive({ type: 'update', update });
  }
  // Server rendering reads a store's initial state (useSyncExternalStore's server snapshot): make that the state now.
  const now = { ...store, getInitialState: store.getState };
  const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: now }, createElement(component)));
  return { html, sent };
}
