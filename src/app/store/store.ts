/**
 * The one Zustand store, built from typed slices. Actions turn intents into
 * worker commands (through the injected `send`); machine state changes only
 * when the worker reports it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Recording } from '../../core/machine/api.ts';
import type { Choice } from '../../core/trace/events.ts';
import {
  assertNever,
  type BackTarget,
  type ExportFormat,
  type LineBreakpoint,
  type MachineUpdate,
  type ProtocolBreakpointEntry,
  type Speed,
  type Watchpoint,
  type WorkerCommand,
  type WorkerEvent,
  PROTOCOL_VERSION,
} from '../../worker/protocol.ts';
import { guests, mainFile, setFile, type Draft } from '../scenario/draft.ts';
import { applyUpdate, EMPTY_MACHINE } from './reduce.ts';
import type { AppState, DebugSlice, NumberFormat, Theme, UiSlice } from './slices.ts';

/** How long typing must pause before the sources are assembled again. */
export const ASSEMBLE_DEBOUNCE_MS = 300;

export interface StoreDeps {
  /** Sends a command to the worker (dropped while it is down). */
  send(cmd: WorkerCommand): void;
  /** Debounce timer; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Offers `text` to the user as a downloaded file. */
  download(fileName: string, text: string): void;
}

/** The current branch's recording and the step the machine is at (for share links). */
export interface RecordingReply {
  readonly recording: Recording;
  readonly now: number;
}

export interface Actions {
  setTheme(t: Theme): void;
  setNumberFormat(f: NumberFormat): void;
  setHelp(open: boolean): void;
  setPicker(open: boolean): void;
  focus(vm: number, vcpu: number): void;
  /** Selects an event's step in every view: the machine goes to just after step `step` (seek to step + 1). */
  selectStep(step: number): void;
  /** Shows VM `vm`'s sources, opening its main file. */
  setEditorVm(vm: number): void;
  setEditorFile(file: string): void;
  watchMemory(vm: number, addr: number): void;
  setLogVm(vm: number | null): void;
  setNotice(text: string | null): void;

  /** Opens a whole scenario (example, new, import): replaces the draft and loads it. */
  openDraft(draft: Draft, example: string | null): void;
  /** Edits one source file; assembles after a pause in typing. */
  editFile(file: string, text: string): void;
  /** Changes the scenario's structure (VMs, CPUs, ABI, ...) and loads it at once. */
  editDraft(change: (d: Draft) => Draft): void;
  toggleBreakpoint(file: string, line: number): void;
  /** Sets (or, with undefined, clears) a line breakpoint's condition and first stopping hit. */
  setBreakpointOptions(file: string, line: number, options: { readonly condition?: string; readonly fromHit?: number }): void;
  setProtocolBreakpoints(list: readonly ProtocolBreakpointEntry[]): void;
  setWatchpoints(list: readonly Watchpoint[]): void;

  run(): void;
  pause(): void;
  step(): void;
  stepEvent(): void;
  reset(): void;
  setSpeed(s: Speed): void;
  /** Moves the machine to step `step` of the branch. */
  seek(step: number): void;
  back(to: BackTarget): void;
  /** Cancels a backward search in progress. */
  cancelSearch(): void;
  choose(choice: Choice): void;
  setNextChoice(choice: Choice): void;
  inject(vm: number, vcpu: number, intid: number): void;
  switchBranch(id: number): void;
  /** Re-runs a recorded session up to `step` (after its scenario is open and assembled). */
  replay(recording: Recording, step: number): void;
  /** Asks the worker for the current recording; resolves with the reply (rejects if the worker dies first). */
  requestRecording(): Promise<RecordingReply>;
  /** Downloads the whole branch's trace in `format`. */
  exportTrace(format: ExportFormat): void;

  /** Folds one worker event (or a frame's merged update) into the state. */
  receive(e: WorkerEvent): void;
  /** The worker is being (re)started: it will need the draft again once ready. */
  workerStarting(): void;
  workerDied(message: string): void;
}

export type Store = AppState & { readonly actions: Actions };

export interface InitialState {
  readonly draft: Draft;
  readonly example: string | null;
  readonly theme?: Theme;
  readonly numberFormat?: NumberFormat;
  readonly speed?: Speed;
  readonly protocolBreakpoints?: readonly ProtocolBreakpointEntry[];
  readonly watchpoints?: readonly Watchpoint[];
  /** Line breakpoints to start with (a share link's). */
  readonly breakpoints?: readonly LineBreakpoint[];
}

function firstGuestVm(d: Draft): number {
  return guests(d)[0]?.vm ?? 1;
}

/** Creates the store. Nothing is sent until the worker reports `ready`. */
export function createAppStore(init: InitialState, deps: StoreDeps): StoreApi<Store> {
  let cancelAssemble: (() => void) | null = null;
  let recordingWaiters: { resolve(r: RecordingReply): void; reject(e: Error): void }[] = [];

  return createStore<Store>()((set, get) => {
    const ui = (patch: Partial<UiSlice>) => set((s) => ({ ui: { ...s.ui, ...patch } }));
    /** Sends the draft to the worker; `keep` = it is an edit of the open scenario (the old run stays as a branch). */
    const load = (keep = false) => {
      cancelAssemble?.();
      cancelAssemble = null;
      const { draft } = get().editor;
      if (get().playback.worker === 'ready') deps.send({ type: 'load', scenario: draft.scenario, files: draft.files, keep });
    };
    const sendBreakpoints = (bps: readonly LineBreakpoint[]) => deps.send({ type: 'setBreakpoints', breakpoints: bps });
    const debug = (patch: Partial<DebugSlice>) => set((s) => ({ debug: { ...s.debug, ...patch } }));
    const setLineBreakpoints = (breakpoints: readonly LineBreakpoint[]) => {
      set((s) => ({ editor: { ...s.editor, breakpoints } }));
      sendBreakpoints(breakpoints);
    };
    const onUpdate = (u: MachineUpdate) => {
      set((s) => {
        const stop = u.stop;
        const focused = stop?.kind === 'breakpoint' ? { vm: stop.vm, vcpu: stop.vcpu } : s.ui.focused;
        // After a breakpoint or a step, the editor follows the focused vCPU's PC.
        const pc = stop?.kind === 'breakpoint' || stop?.kind === 'step' ? u.pcs.find((p) => p.vm === focused.vm && p.vcpu === focused.vcpu) : undefined;
        const at = pc ? { editorVm: pc.vm, editorFile: pc.file } : null;
        return {
          machine: applyUpdate(s.machine, u),
          playback: { ...s.playback, status: u.status, stop: u.stop ?? (u.status === 'running' || u.fresh ? null : s.playback.stop), rate: u.rate, time: u.time, search: u.search },
          debug: { ...s.debug, hits: u.hits, breakpointErrors: u.breakpointErrors },
          ui: { ...s.ui, focused, ...at },
        };
      });
    };

    const actions: Actions = {
      setTheme: (theme) => ui({ theme }),
      setNumberFormat: (numberFormat) => ui({ numberFormat }),
      setHelp: (helpOpen) => ui({ helpOpen }),
      setPicker: (pickerOpen) => ui({ pickerOpen }),
      focus: (vm, vcpu) => ui({ focused: { vm, vcpu } }),
      selectStep: (step) => deps.send({ type: 'seek', step: step + 1 }),
      setEditorVm: (editorVm) => ui({ editorVm, editorFile: mainFile(get().editor.draft, editorVm) }),
      setEditorFile: (editorFile) => ui({ editorFile }),
      watchMemory: (vm, addr) => {
        ui({ memory: { vm, addr } });
        deps.send({ type: 'watchMemory', vm, addr, length: 512 });
      },
      setLogVm: (logVm) => ui({ logVm }),
      setNotice: (notice) => ui({ notice }),

      openDraft: (draft, example) => {
        const vm = firstGuestVm(draft);
        set((s) => ({
          editor: { ...s.editor, draft, example, draftId: s.editor.draftId + 1, breakpoints: [], diagnostics: [], assembled: null },
          ui: { ...s.ui, editorVm: vm, editorFile: mainFile(draft, vm), focused: { vm, vcpu: 0 }, pickerOpen: false, notice: null },
          machine: EMPTY_MACHINE,
          playback: { ...s.playback, status: 'empty', stop: null, time: null, search: null },
        }));
        sendBreakpoints([]);
        load();
      },
      editFile: (file, text) => {
        const draft = setFile(get().editor.draft, file, text);
        if (draft === get().editor.draft) return;
        set((s) => ({ editor: { ...s.editor, draft } }));
        cancelAssemble?.();
        cancelAssemble = deps.after(ASSEMBLE_DEBOUNCE_MS, () => load(true));
      },
      editDraft: (change) => {
        const draft = change(get().editor.draft);
        if (draft === get().editor.draft) return;
        const vms = new Set(guests(draft).map((g) => g.vm));
        set((s) => {
          const editorVm = vms.has(s.ui.editorVm) ? s.ui.editorVm : firstGuestVm(draft);
          const editorFile = s.ui.editorFile !== null && s.ui.editorFile in draft.files ? s.ui.editorFile : mainFile(draft, editorVm);
          return {
            editor: { ...s.editor, draft, draftId: s.editor.draftId + 1, breakpoints: s.editor.breakpoints.filter((b) => b.file in draft.files) },
            ui: { ...s.ui, editorVm, editorFile },
          };
        });
        sendBreakpoints(get().editor.breakpoints);
        load(true);
      },
      toggleBreakpoint: (file, line) => {
        const cur = get().editor.breakpoints;
        const has = cur.some((b) => b.file === file && b.line === line);
        setLineBreakpoints(has ? cur.filter((b) => !(b.file === file && b.line === line)) : [...cur, { file, line }]);
      },
      setBreakpointOptions: (file, line, options) => {
        const cur = get().editor.breakpoints;
        const rest = cur.filter((b) => !(b.file === file && b.line === line));
        const condition = options.condition?.trim() ? options.condition.trim() : undefined;
        const fromHit = options.fromHit !== undefined && options.fromHit > 1 ? Math.floor(options.fromHit) : undefined;
        setLineBreakpoints([...rest, { file, line, ...(condition ? { condition } : null), ...(fromHit ? { fromHit } : null) }]);
      },
      setProtocolBreakpoints: (protocolBreakpoints) => {
        debug({ protocolBreakpoints });
        deps.send({ type: 'setProtocolBreakpoints', breakpoints: protocolBreakpoints });
      },
      setWatchpoints: (watchpoints) => {
        debug({ watchpoints });
        deps.send({ type: 'setWatchpoints', watchpoints });
      },

      run: () => deps.send({ type: 'run' }),
      pause: () => deps.send({ type: 'pause' }),
      step: () => deps.send({ type: 'step', ...get().ui.focused }),
      stepEvent: () => deps.send({ type: 'stepEvent' }),
      reset: () => deps.send({ type: 'reset' }),
      setSpeed: (speed) => {
        set((s) => ({ playback: { ...s.playback, speed } }));
        deps.send({ type: 'setSpeed', speed });
      },
      seek: (step) => deps.send({ type: 'seek', step }),
      back: (to) => deps.send({ type: 'back', to }),
      cancelSearch: () => deps.send({ type: 'cancel' }),
      choose: (choice) => deps.send({ type: 'choose', choice }),
      setNextChoice: (choice) => deps.send({ type: 'setNextChoice', choice }),
      inject: (vm, vcpu, intid) => deps.send({ type: 'inject', vm, vcpu, intid }),
      switchBranch: (id) => deps.send({ type: 'switchBranch', id }),
      replay: (recording, step) => deps.send({ type: 'replay', recording, step }),
      requestRecording: () =>
        new Promise<RecordingReply>((resolve, reject) => {
          if (get().playback.worker !== 'ready') {
            reject(new Error('the emulator is not running'));
            return;
          }
          recordingWaiters.push({ resolve, reject });
          deps.send({ type: 'getRecording' });
        }),
      exportTrace: (format) => deps.send({ type: 'export', format }),

      receive: (e) => {
        switch (e.type) {
          case 'ready': {
            if (e.version !== PROTOCOL_VERSION) {
              actions.workerDied(`the emulator speaks protocol version ${e.version}, the page expects ${PROTOCOL_VERSION}; reload the page`);
              return;
            }
            set((s) => ({ playback: { ...s.playback, worker: 'ready', fatal: null } }));
            const { playback, editor, ui: u } = get();
            deps.send({ type: 'setSpeed', speed: playback.speed });
            deps.send({ type: 'watchMemory', vm: u.memory.vm, addr: u.memory.addr, length: 512 });
            sendBreakpoints(editor.breakpoints);
            deps.send({ type: 'setProtocolBreakpoints', breakpoints: get().debug.protocolBreakpoints });
            deps.send({ type: 'setWatchpoints', watchpoints: get().debug.watchpoints });
            load();
            return;
          }
          case 'loaded':
            set((s) => ({ editor: { ...s.editor, diagnostics: e.result.diagnostics, assembled: e.result.ok } }));
            return;
          case 'update':
            onUpdate(e.update);
            return;
          case 'recording': {
            const waiters = recordingWaiters;
            recordingWaiters = [];
            for (const w of waiters) w.resolve({ recording: e.recording, now: e.now });
            return;
          }
          case 'exported':
            deps.download(e.fileName, e.text);
            return;
          case 'sources':
            // The machine already runs these sources: show them without loading again.
            set((s) => ({ editor: { ...s.editor, draft: { ...s.editor.draft, scenario: e.scenario, files: e.files }, draftId: s.editor.draftId + 1 } }));
            return;
          case 'refused':
            ui({ notice: e.message });
            return;
          case 'fatal':
            set((s) => ({ playback: { ...s.playback, fatal: e.message, status: s.playback.status === 'running' ? 'paused' : s.playback.status } }));
            return;
          default:
            assertNever(e);
        }
      },
      workerStarting: () => set((s) => ({ playback: { ...s.playback, worker: 'starting', fatal: null } })),
      workerDied: (message) => {
        const waiters = recordingWaiters;
        recordingWaiters = [];
        for (const w of waiters) w.reject(new Error(message));
        set((s) => ({ playback: { ...s.playback, worker: 'dead', fatal: message, status: 'empty', search: null } }));
      },
    };

    const vm = firstGuestVm(init.draft);
    return {
      ui: {
        theme: init.theme ?? 'light',
        numberFormat: init.numberFormat ?? 'hex',
        helpOpen: false,
        pickerOpen: false,
        focused: { vm, vcpu: 0 },
        editorVm: vm,
        editorFile: mainFile(init.draft, vm),
        memory: { vm, addr: 0x80000 },
        logVm: null,
        notice: null,
      },
      editor: { draft: init.draft, example: init.example, draftId: 1, diagnostics: [], assembled: null, breakpoints: init.breakpoints ?? [] },
      playback: { status: 'empty', speed: init.speed ?? 'max', worker: 'starting', fatal: null, stop: null, rate: 0, time: null, search: null },
      machine: EMPTY_MACHINE,
      debug: { protocolBreakpoints: init.protocolBreakpoints ?? [], watchpoints: init.watchpoints ?? [], hits: {}, breakpointErrors: {} },
      actions,
    };
  });
}
