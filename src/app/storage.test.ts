import { describe, expect, it, vi } from 'vitest';
import { loadDraft, loadPrefs, persistStore, SAVE_DEBOUNCE_MS } from './persist.ts';
import { blankDraft } from './scenario/draft.ts';
import { KEYS, STORAGE_VERSION, memoryStorage, readVersioned, writeVersioned } from './storage.ts';
import { createAppStore } from './store/store.ts';

describe('versioned storage', () => {
  it('round-trips a value and ignores other versions or corrupt JSON', () => {
    const s = memoryStorage();
    writeVersioned(s, KEYS.prefs, { theme: 'dark' });
    expect(readVersioned(s, KEYS.prefs, (d) => d)).toEqual({ theme: 'dark' });
    s.setItem(KEYS.prefs, JSON.stringify({ v: STORAGE_VERSION + 1, data: { theme: 'dark' } }));
    expect(readVersioned(s, KEYS.prefs, (d) => d)).toBeNull();
    s.setItem(KEYS.prefs, '{oops');
    expect(readVersioned(s, KEYS.prefs, (d) => d)).toBeNull();
    expect(readVersioned(null, KEYS.prefs, (d) => d)).toBeNull();
  });

  it('restores a saved draft only when it is a valid scenario, and only known preference values', () => {
    const s = memoryStorage();
    writeVersioned(s, KEYS.draft, { draft: blankDraft(), example: 'demo' });
    expect(loadDraft(s)).toEqual({ draft: blankDraft(), example: 'demo', breakpoints: [], protocolBreakpoints: [], watchpoints: [] });
    writeVersioned(s, KEYS.draft, { draft: { version: 1 }, example: null });
    expect(loadDraft(s)).toBeNull();
    writeVersioned(s, KEYS.prefs, { theme: 'purple', numberFormat: 'signed', speed: 'max' });
    expect(loadPrefs(s)).toEqual({ numberFormat: 'signed', speed: 'max' });
  });

  it("restores the draft's protocol breakpoints and watchpoints, dropping entries that no longer validate", () => {
    const s = memoryStorage();
    const protocolBreakpoints = [
      { id: 'p1', bp: { kind: 'mailbox', vm: 2, to: 'empty', waitersNonEmpty: true }, enabled: true },
      { id: 'p2', bp: { kind: 'no_such_kind' }, enabled: true },
    ];
    const watchpoints = [
      { id: 'w1', kind: 'register', vm: 1, vcpu: 0, reg: 'x0' },
      { id: 'w2', kind: 'memory', vm: 1, addr: 0x80100, length: 0 },
    ];
    writeVersioned(s, KEYS.draft, { draft: blankDraft(), example: null, protocolBreakpoints, watchpoints });
    expect(loadDraft(s)).toEqual({ draft: blankDraft(), example: null, breakpoints: [], protocolBreakpoints: [protocolBreakpoints[0]], watchpoints: [watchpoints[0]] });
    writeVersioned(s, KEYS.draft, { draft: blankDraft(), example: null, protocolBreakpoints: 'junk' });
    expect(loadDraft(s)?.protocolBreakpoints).toEqual([]);
  });
});

describe('persistStore', () => {
  it('saves line and protocol breakpoints and watchpoints with the draft when they change', () => {
    vi.useFakeTimers();
    // Node has no window events: pagehide is the browser's concern.
    vi.stubGlobal('addEventListener', () => {});
    vi.stubGlobal('removeEventListener', () => {});
    try {
      const s = memoryStorage();
      const app = createAppStore({ draft: blankDraft(), example: null }, { send: () => {}, after: () => () => {}, download: () => {} });
      const stop = persistStore(app, s);
      app.getState().actions.setProtocolBreakpoints([{ id: 'p1', bp: { kind: 'waiter_list', owner: 1 }, enabled: false }]);
      app.getState().actions.setWatchpoints([{ id: 'w1', kind: 'memory', vm: 1, addr: 16, length: 8 }]);
      app.getState().actions.toggleBreakpoint('vm1.s', 3);
      app.getState().actions.setBreakpointOptions('vm1.s', 3, { condition: 'x0 == 1', fromHit: 2 });
      app.getState().actions.toggleBreakpoint('gone.s', 1);
      vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
      const saved = loadDraft(s);
      // A breakpoint in a file the draft no longer has is dropped on reading.
      expect(saved?.breakpoints).toEqual([{ file: 'vm1.s', line: 3, condition: 'x0 == 1', fromHit: 2 }]);
      expect(saved?.protocolBreakpoints).toEqual([{ id: 'p1', bp: { kind: 'waiter_list', owner: 1 }, enabled: false }]);
      expect(saved?.watchpoints).toEqual([{ id: 'w1', kind: 'memory', vm: 1, addr: 16, length: 8 }]);
      stop();
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
