import { describe, expect, it } from 'vitest';
import { loadDraft, loadPrefs } from './persist.ts';
import { blankDraft } from './scenario/draft.ts';
import { KEYS, STORAGE_VERSION, memoryStorage, readVersioned, writeVersioned } from './storage.ts';

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
    expect(loadDraft(s)).toEqual({ draft: blankDraft(), example: 'demo' });
    writeVersioned(s, KEYS.draft, { draft: { version: 1 }, example: null });
    expect(loadDraft(s)).toBeNull();
    writeVersioned(s, KEYS.prefs, { theme: 'purple', numberFormat: 'signed', speed: 'max' });
    expect(loadPrefs(s)).toEqual({ numberFormat: 'signed', speed: 'max' });
  });
});
