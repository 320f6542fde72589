/**
 * The one Zustand store, built from typed slices. Actions turn intents into
 * worker commands (through the injected `send`); machine state changes only
 * when the worker reports it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { assertNever, type LineBreakpoint, type MachineUpdate, type Speed, type WorkerCommand, type WorkerEvent, PROTOCOL_VERSION } from '../../worker/protocol.ts';
import { guests, mainFile, setFile, type Draft } from '../scenario/draft.ts';
import { applyUpdate, EMPTY_MACHINE } from './reduce.ts';
import type { AppState, NumberFormat, Theme, UiSlice } from './slices.ts';

/** How long typing must pause before the sources are assembled again. */
export const ASSEMBLE_DEBOUNCE_MS = 300;

export interface StoreDeps {
  /** Sends a command to the worker (dropped while it is down). */
  send(cmd: WorkerCommand): void;
  /** Debounce timer; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export interface Actions {
  setTheme(t: Theme): void;
  setNumberFormat(f: NumberFormat): void;
  setHelp(open: boolean): void;
  setPicker(open: boolean): void;
  focus(vm: number, vcpu: number): void;
  selectStep(step: number | null): void;
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

  run(): void;
  pause(): void;
  step(): void;
  stepEvent(): void;
  reset(): void;
  setSpeed(s: Speed): void;

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
}

function firstGuestVm(d: Draft): number {
  return guests(d)[0]?.vm ?? 1;
}

/** Creates the store. Nothing is sent until the worker reports `ready`. */
export function createAppStore(init: InitialState, deps: StoreDeps): StoreApi<Store> {
  let cancelAssemble: (() => void) | null = null;

  return createStore<Store>()((set, get) => {
    const ui = (patch: Partial<UiSlice>) => set((s) => ({ ui: { ...s.ui, ...patch } }));
    const load = () => {
      cancelAssemble?.();
      cancelAssemble = null;
      const { draft } = get().editor;
      if (get().playback.worker === 'ready') deps.send({ type: 'load', scenario: draft.scenario, files: draft.files });
    };
    const sendBreakpoints = (bps: readonly LineBreakpoint[]) => deps.send({ type: 'setBreakpoints', breakpoints: bps });
    const onUpdate = (u: MachineUpdate) => {
      set((s) => {
        const stop = u.stop;
        const focused = stop?.kind === 'breakpoint' ? { vm: stop.vm, vcpu: stop.vcpu } : s.ui.focused;
        // After a breakpoint or a step, the editor follows the focused vCPU's PC.
        const pc = stop?.kind === 'breakpoint' || stop?.kind === 'step' ? u.pcs.find((p) => p.vm === focused.vm && p.vcpu === focused.vcpu) : undefined;
        const at = pc ? { editorVm: pc.vm, editorFile: pc.file } : null;
        return {
          machine: applyUpdate(s.machine, u),
          playback: { ...s.playback, status: u.status, stop: u.stop ?? (u.status === 'running' ? null : s.playback.stop), rate: u.rate },
          ui: { ...s.ui, focused, ...at, ...(u.fresh ? { selectedStep: null } : null) },
        };
      });
    };

    const actions: Actions = {
      setTheme: (theme) => ui({ theme }),
      setNumberFormat: (numberFormat) => ui({ numberFormat }),
      setHelp: (helpOpen) => ui({ helpOpen }),
      setPicker: (pickerOpen) => ui({ pickerOpen }),
      focus: (vm, vcpu) => ui({ focused: { vm, vcpu } }),
      selectStep: (selectedStep) => ui({ selectedStep }),
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
          ui: { ...s.ui, editorVm: vm, editorFile: mainFile(draft, vm), focused: { vm, vcpu: 0 }, selectedStep: null, pickerOpen: false, notice: null },
          machine: EMPTY_MACHINE,
          playback: { ...s.playback, status: 'empty', stop: null },
        }));
        sendBreakpoints([]);
        load();
      },
      editFile: (file, text) => {
        const draft = setFile(get().editor.draft, file, text);
        if (draft === get().editor.draft) return;
        set((s) => ({ editor: { ...s.editor, draft } }));
        cancelAssemble?.();
        cancelAssemble = deps.after(ASSEMBLE_DEBOUNCE_MS, load);
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
        load();
      },
      toggleBreakpoint: (file, line) => {
        const cur = get().editor.breakpoints;
        const has = cur.some((b) => b.file === file && b.line === line);
        const breakpoints = has ? cur.filter((b) => !(b.file === file && b.line === line)) : [...cur, { file, line }];
        set((s) => ({ editor: { ...s.editor, breakpoints } }));
        sendBreakpoints(breakpoints);
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
            load();
            return;
          }
          case 'loaded':
            set((s) => ({ editor: { ...s.editor, diagnostics: e.result.diagnostics, assembled: e.result.ok } }));
            return;
          case 'update':
            onUpdate(e.update);
            return;
          case 'fatal':
            set((s) => ({ playback: { ...s.playback, fatal: e.message, status: s.playback.status === 'running' ? 'paused' : s.playback.status } }));
            return;
          default:
            assertNever(e);
        }
      },
      workerStarting: () => set((s) => ({ playback: { ...s.playback, worker: 'starting', fatal: null } })),
      workerDied: (message) => set((s) => ({ playback: { ...s.playback, worker: 'dead', fatal: message, status: 'empty' } })),
    };

    const vm = firstGuestVm(init.draft);
    return {
      ui: {
        theme: init.theme ?? 'light',
        numberFormat: init.numberFormat ?? 'hex',
        helpOpen: false,
        pickerOpen: false,
        focused: { vm, vcpu: 0 },
        selectedStep: null,
        editorVm: vm,
        editorFile: mainFile(init.draft, vm),
        memory: { vm, addr: 0x80000 },
        logVm: null,
        notice: null,
      },
      editor: { draft: init.draft, example: init.example, draftId: 1, diagnostics: [], assembled: null, breakpoints: [] },
      playback: { status: 'empty', speed: init.speed ?? 'max', worker: 'starting', fatal: null, stop: null, rate: 0 },
      machine: EMPTY_MACHINE,
      actions,
    };
  });
}
