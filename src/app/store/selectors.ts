/**
 * Named selectors: components read the store only through these (with
 * `useApp(selector)`), so a component re-renders only when its slice of
 * state changes.
 */
import type { VcpuView, VmView } from '../../core/machine/api.ts';
import type { HypercallEvent } from '../../core/trace/events.ts';
import { guests, type Guest } from '../scenario/draft.ts';
import type { Store } from './store.ts';

export const selectActions = (s: Store) => s.actions;
export const selectTheme = (s: Store) => s.ui.theme;
export const selectNumberFormat = (s: Store) => s.ui.numberFormat;
export const selectHelpOpen = (s: Store) => s.ui.helpOpen;
export const selectPickerOpen = (s: Store) => s.ui.pickerOpen;
export const selectFocused = (s: Store) => s.ui.focused;
export const selectEditorVm = (s: Store) => s.ui.editorVm;
export const selectEditorFile = (s: Store) => s.ui.editorFile;
export const selectMemoryTarget = (s: Store) => s.ui.memory;
export const selectLogVm = (s: Store) => s.ui.logVm;
export const selectNotice = (s: Store) => s.ui.notice;

export const selectDraft = (s: Store) => s.editor.draft;
export const selectDraftId = (s: Store) => s.editor.draftId;
export const selectExample = (s: Store) => s.editor.example;
export const selectDiagnostics = (s: Store) => s.editor.diagnostics;
export const selectFiles = (s: Store) => s.editor.draft.files;
export const selectAssembled = (s: Store) => s.editor.assembled;
export const selectBreakpoints = (s: Store) => s.editor.breakpoints;

export const selectStatus = (s: Store) => s.playback.status;
export const selectSpeed = (s: Store) => s.playback.speed;
export const selectWorker = (s: Store) => s.playback.worker;
export const selectFatal = (s: Store) => s.playback.fatal;
export const selectStop = (s: Store) => s.playback.stop;
export const selectRate = (s: Store) => s.playback.rate;
export const selectTime = (s: Store) => s.playback.time;
export const selectSearch = (s: Store) => s.playback.search;
/** The one "current step" every view shares: the last step executed (-1 at the start). */
export const selectCurrentStep = (s: Store) => (s.playback.time?.now ?? s.machine.view?.steps ?? 0) - 1;

export const selectProtocolBreakpoints = (s: Store) => s.debug.protocolBreakpoints;
export const selectWatchpoints = (s: Store) => s.debug.watchpoints;
export const selectHits = (s: Store) => s.debug.hits;
export const selectBreakpointErrors = (s: Store) => s.debug.breakpointErrors;

export const selectView = (s: Store) => s.machine.view;
export const selectPrevView = (s: Store) => s.machine.prevView;
export const selectTrace = (s: Store) => s.machine.trace;
export const selectPcs = (s: Store) => s.machine.pcs;
export const selectMemory = (s: Store) => s.machine.memory;
export const selectSteps = (s: Store) => s.machine.view?.steps ?? 0;
export const selectConsole = (s: Store) => s.machine.view?.console ?? '';

/** Guests and their files (memoised on the scenario object so `useApp` sees a stable value). */
const guestsCache = new WeakMap<object, Guest[]>();
export function selectGuests(s: Store): Guest[] {
  let g = guestsCache.get(s.editor.draft.scenario);
  if (!g) {
    g = guests(s.editor.draft);
    guestsCache.set(s.editor.draft.scenario, g);
  }
  return g;
}

function vcpuIn(view: { vms: readonly VmView[] } | null, vm: number, vcpu: number): VcpuView | null {
  return view?.vms.find((v) => v.id === vm)?.vcpus[vcpu] ?? null;
}

/** The focused vCPU in the current view, or null before a machine exists. */
export const selectFocusedVcpu = (s: Store) => vcpuIn(s.machine.view, s.ui.focused.vm, s.ui.focused.vcpu);
/** The focused vCPU as it was before the last update. */
export const selectFocusedPrevVcpu = (s: Store) => vcpuIn(s.machine.prevView, s.ui.focused.vm, s.ui.focused.vcpu);

/** Hypercalls in the trace, memoised per trace array. */
const hcCache = new WeakMap<object, HypercallEvent[]>();
export function selectHypercalls(s: Store): HypercallEvent[] {
  let h = hcCache.get(s.machine.trace);
  if (!h) {
    h = s.machine.trace.filter((e): e is HypercallEvent => e.kind === 'hypercall');
    hcCache.set(s.machine.trace, h);
  }
  return h;
}
