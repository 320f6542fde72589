/**
 * A typed hook on `window.__hvlab` so end-to-end tests assert machine state
 * instead of scraping text. Read-only snapshots plus the store's actions.
 */
import type { StoreApi } from 'zustand';
import type { LoadDiagnostic } from '../core/scenario/load.ts';
import type { MachineView } from '../core/machine/api.ts';
import type { TraceEvent, TraceEventKind } from '../core/trace/events.ts';
import type { LineBreakpoint, PcLocation, PlaybackStatus, ProtocolBreakpointEntry, SearchInfo, StopInfo, TimeInfo, Watchpoint } from '../worker/protocol.ts';
import type { Draft } from './scenario/draft.ts';
import type { WorkerState } from './store/slices.ts';
import type { Actions, Store } from './store/store.ts';

export interface HvlabSnapshot {
  readonly worker: WorkerState;
  readonly status: PlaybackStatus;
  readonly assembled: boolean | null;
  readonly diagnostics: readonly LoadDiagnostic[];
  readonly example: string | null;
  readonly draft: Draft;
  readonly view: MachineView | null;
  readonly stop: StopInfo | null;
  readonly pcs: readonly PcLocation[];
  readonly traceLength: number;
  /** Count of trace events per kind, received so far. */
  readonly eventCounts: Partial<Record<TraceEventKind, number>>;
  readonly fatal: string | null;
  /** Where the machine is in time (null before the first update). */
  readonly time: TimeInfo | null;
  /** A long job (backward search, replay) in progress, or null. */
  readonly search: SearchInfo | null;
  readonly breakpoints: readonly LineBreakpoint[];
  readonly protocolBreakpoints: readonly ProtocolBreakpointEntry[];
  readonly watchpoints: readonly Watchpoint[];
  /** Hits before the present: line breakpoints by `file:line`, the others by id. */
  readonly hits: Readonly<Record<string, number>>;
  readonly breakpointErrors: Readonly<Record<string, string>>;
  /** The message banner's text, if shown. */
  readonly notice: string | null;
  /** The memory window the worker last sent (the memory panel's bytes). */
  readonly memory: { readonly vm: number; readonly addr: number; readonly bytes: readonly number[] } | null;
}

export interface HvlabTestHook {
  snapshot(): HvlabSnapshot;
  /** Cheap reads for tight polling loops (snapshot() copies the whole state). */
  status(): PlaybackStatus;
  steps(): number;
  /** The trace events the page holds with step in [from, to] (e.g. what happened just before the present). */
  eventsBetween(from: number, to: number): TraceEvent[];
  readonly actions: Actions;
  /** Set once Monaco has mounted an editor. */
  editorReady: boolean;
  /** The assembler markers Monaco holds (installed with the editor). */
  markers?: () => { file: string; line: number; message: string }[];
}

declare global {
  interface Window {
    __hvlab?: HvlabTestHook;
  }
}

/** Installs the hook on `window`. */
export function installTestHook(app: StoreApi<Store>): void {
  window.__hvlab = {
    actions: app.getState().actions,
    editorReady: false,
    status: () => app.getState().playback.status,
    steps: () => app.getState().machine.view?.steps ?? 0,
    eventsBetween: (from, to) => app.getState().machine.trace.filter((e) => e.step >= from && e.step <= to),
    snapshot() {
      const s = app.getState();
      const eventCounts: Partial<Record<TraceEventKind, number>> = {};
      for (const e of s.machine.trace) eventCounts[e.kind] = (eventCounts[e.kind] ?? 0) + 1;
      return {
        worker: s.playback.worker,
        status: s.playback.status,
        assembled: s.editor.assembled,
        diagnostics: s.editor.diagnostics,
        example: s.editor.example,
        draft: s.editor.draft,
        view: s.machine.view,
        stop: s.playback.stop,
        pcs: s.machine.pcs,
        traceLength: s.machine.trace.length + s.machine.traceDropped,
        eventCounts,
        fatal: s.playback.fatal,
        time: s.playback.time,
        search: s.playback.search,
        breakpoints: s.editor.breakpoints,
        protocolBreakpoints: s.debug.protocolBreakpoints,
        watchpoints: s.debug.watchpoints,
        hits: s.debug.hits,
        breakpointErrors: s.debug.breakpointErrors,
        notice: s.ui.notice,
        memory: s.machine.memory ? { vm: s.machine.memory.vm, addr: s.machine.memory.addr, bytes: Array.from(s.machine.memory.bytes) } : null,
      };
    },
  };
}
