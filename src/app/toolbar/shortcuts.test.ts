import { describe, expect, it } from 'vitest';
import { actionForKey, SHORTCUTS } from './shortcuts.ts';

const key = (k: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('actionForKey', () => {
  it('maps the debugger keys, distinguishing Shift', () => {
    expect(actionForKey(key('F5'))).toBe('run');
    expect(actionForKey(key('F5', { shiftKey: true }))).toBe('reset');
    expect(actionForKey(key('F10'))).toBe('step');
    expect(actionForKey(key('O', { ctrlKey: true }))).toBe('picker');
    expect(actionForKey(key('o'))).toBeNull();
  });
  it('has no two shortcuts on the same key combination', () => {
    const combos = SHORTCUTS.map((s) => `${s.key.toLowerCase()}|${!!s.shift}|${!!s.ctrl}`);
    expect(new Set(combos).size).toBe(combos.length);
  });
});
