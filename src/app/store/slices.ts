/**
 * The shapes of the store's slices. The store is a projection: machine state
 * arrives from the worker (machineView) and is never changed locally; UI
 * intents become worker commands.
 */
import type { LoadDiagnostic } from '../../core/scenario/load.ts';
import type { MachineView } from '../../core/machine/api.ts';
import type { TraceEvent } from '../../core/trace/events.ts';
import type { LineBreakpoint, MemoryWindow, PcLocation, PlaybackStatus, ProtocolBreakpointEntry, SearchInfo, Speed, StopInfo, TimeInfo, Watchpoint } from '../../worker/protocol.ts';
import type { Draft } from '../scenario/draft.ts';

export type Theme = 'light' | 'dark';
export type NumberFormat = 'hex' | 'unsigned' | 'signed';

export interface UiSlice {
  readonly theme: Theme;
  readonly numberFormat: NumberFormat;
  readonly helpOpen: boolean;
  readonly pickerOpen: boolean;
  /** The vCPU whose registers are shown and which Step advances. */
  readonly focused: { readonly vm: number; readonly vcpu: number };
  /** VM whose sources the editor shows, and which of its files is open. */
  readonly editorVm: number;
  readonly editorFile: string | null;
  readonly memory: { readonly vm: number; readonly addr: number };
  /** Hypercall log filter: a VM id or null for all. */
  readonly logVm: number | null;
  /** A message for the user that is not an error of the machine (e.g. a bad dropped file). */
  readonly notice: string | null;
}

export interface EditorSlice {
  readonly draft: Draft;
  /** Example folder the draft came from (null once it is new or imported). */
  readonly example: string | null;
  /** Bumped when the draft is replaced wholesale (open/new/import), so editors reload their models. */
  readonly draftId: number;
  /** From the last load: assembler problems (file/line) and scenario problems (path). */
  readonly diagnostics: readonly LoadDiagnostic[];
  /** Whether the last load assembled (null before the first answer). */
  readonly assembled: boolean | null;
  readonly breakpoints: readonly LineBreakpoint[];
}

export type WorkerState = 'starting' | 'ready' | 'dead';

export interface PlaybackSlice {
  readonly status: PlaybackStatus;
  readonly speed: Speed;
  readonly worker: WorkerState;
  /** Why the worker died or failed, in plain words. */
  readonly fatal: string | null;
  readonly stop: StopInfo | null;
  readonly rate: number;
  /** Where the machine is in time (null before the first update). The one "current step" every view shares is `time.now - 1`. */
  readonly time: TimeInfo | null;
  /** A backward search in progress, or null. */
  readonly search: SearchInfo | null;
}

/** Breakpoints beyond source lines, and what the worker says of all breakpoints. */
export interface DebugSlice {
  readonly protocolBreakpoints: readonly ProtocolBreakpointEntry[];
  readonly watchpoints: readonly Watchpoint[];
  /** Hits before the present: line breakpoints by `file:line`, the others by id. */
  readonly hits: Readonly<Record<string, number>>;
  /** Breakpoints the worker could not use (e.g. a condition that does not parse), by the same keys. */
  readonly breakpointErrors: Readonly<Record<string, string>>;
}

export interface MachineSlice {
  readonly seq: number;
  readonly view: MachineView | null;
  /** The view before the last update: registers that differ are highlighted. */
  readonly prevView: MachineView | null;
  /** The trace as received (the newest MAX_TRACE events). */
  readonly trace: readonly TraceEvent[];
  /** Events not in `trace`: dropped from its front, or skipped by the worker in full-speed bursts. */
  readonly traceDropped: number;
  readonly pcs: readonly PcLocation[];
  readonly memory: MemoryWindow | null;
}

export interface AppState {
  readonly ui: UiSlice;
  readonly editor: EditorSlice;
  readonly playback: PlaybackSlice;
  readonly machine: MachineSlice;
  readonly debug: DebugSlice;
}
