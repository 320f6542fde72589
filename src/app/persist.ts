/**
 * Keeping work: the open scenario (with every edit, and its line and
 * protocol breakpoints and watchpoints) and the preferences are
 * written to browser storage as they change and read back at start-up.
 * Storage keys and versions live in storage.ts.
 */
import type { StoreApi } from 'zustand';
import { isDraft, type Draft } from './scenario/draft.ts';
import type { NumberFormat, Theme } from './store/slices.ts';
import type { Store } from './store/store.ts';
import { KEYS, readVersioned, writeVersioned, type KeyValueStore } from './storage.ts';
import type { LineBreakpoint, ProtocolBreakpointEntry, Speed, Watchpoint } from '../worker/protocol.ts';
import { lineBreakpointSchema, protocolBreakpointEntrySchema, validEntries, watchpointSchema } from './breakpoints/schema.ts';

export interface SavedDraft {
  readonly draft: Draft;
  readonly example: string | null;
  /** Kept with the draft they were set on (absent in records saved before they existed). */
  readonly breakpoints: readonly LineBreakpoint[];
  readonly protocolBreakpoints: readonly ProtocolBreakpointEntry[];
  readonly watchpoints: readonly Watchpoint[];
}

export interface Prefs {
  readonly theme: Theme;
  readonly numberFormat: NumberFormat;
  readonly speed: Speed;
}

/** How long after the last change the draft is written (keeps typing cheap). */
export const SAVE_DEBOUNCE_MS = 250;

export function loadDraft(store: KeyValueStore | null): SavedDraft | null {
  return readVersioned(store, KEYS.draft, (d) => {
    const rec = d as Partial<SavedDraft> | null;
    if (!rec || !isDraft(rec.draft)) return null;
    return {
      draft: rec.draft,
      example: typeof rec.example === 'string' ? rec.example : null,
      // Entries that no longer validate are dropped one by one: the draft itself still opens.
      breakpoints: validEntries(rec.breakpoints, lineBreakpointSchema).filter((b) => b.file in rec.draft!.files),
      protocolBreakpoints: validEntries(rec.protocolBreakpoints, protocolBreakpointEntrySchema),
      watchpoints: validEntries(rec.watchpoints, watchpointSchema),
    };
  });
}

export function loadPrefs(store: KeyValueStore | null): Partial<Prefs> {
  return (
    readVersioned(store, KEYS.prefs, (d) => {
      const p = (d ?? {}) as Record<string, unknown>;
      const out: { -readonly [K in keyof Prefs]?: Prefs[K] } = {};
      if (p.theme === 'light' || p.theme === 'dark') out.theme = p.theme;
      if (p.numberFormat === 'hex' || p.numberFormat === 'unsigned' || p.numberFormat === 'signed') out.numberFormat = p.numberFormat;
      if (p.speed === 'max' || (typeof p.speed === 'number' && p.speed > 0)) out.speed = p.speed;
      return out;
    }) ?? {}
  );
}

/**
 * Writes the draft (debounced) and the preferences whenever they change.
 * Returns a function that flushes a pending write and unsubscribes.
 */
export function persistStore(app: StoreApi<Store>, store: KeyValueStore | null): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const saveDraft = () => {
    timer = null;
    const { editor, debug } = app.getState();
    const saved: SavedDraft = {
      draft: editor.draft,
      example: editor.example,
      breakpoints: editor.breakpoints,
      protocolBreakpoints: debug.protocolBreakpoints,
      watchpoints: debug.watchpoints,
    };
    writeVersioned(store, KEYS.draft, saved);
  };
  const unsub = app.subscribe((s, prev) => {
    if (
      s.editor.draft !== prev.editor.draft ||
      s.editor.example !== prev.editor.example ||
      s.editor.breakpoints !== prev.editor.breakpoints ||
      s.debug.protocolBreakpoints !== prev.debug.protocolBreakpoints ||
      s.debug.watchpoints !== prev.debug.watchpoints
    ) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(saveDraft, SAVE_DEBOUNCE_MS);
    }
    if (s.ui.theme !== prev.ui.theme || s.ui.numberFormat !== prev.ui.numberFormat || s.playback.speed !== prev.playback.speed) {
      writeVersioned(store, KEYS.prefs, { theme: s.ui.theme, numberFormat: s.ui.numberFormat, speed: s.playback.speed } satisfies Prefs);
    }
  });
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      saveDraft();
    }
  };
  addEventListener('pagehide', flush);
  return () => {
    flush();
    removeEventListener('pagehide', flush);
    unsub();
  };
}
