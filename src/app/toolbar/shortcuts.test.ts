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
  it('maps the time-travel keys', () => {
    expect(actionForKey(key('F8'))).toBe('stepEvent');
    expect(actionForKey(key('F8', { shiftKey: true }))).toBe('backEvent');
    expect(actionForKey(key('F8', { ctrlKey: true }))).toBe('backHypercall');
    expect(actionForKey(key('F10', { ctrlKey: true }))).toBe('stepBack');
    expect(actionForKey(key('F9'))).toBe('reverseContinue');
    expect(actionForKey(key('F11'))).toBeNull();
  });
  it('leaves the keys the browser keeps alone (full screen, devtools, caret browsing, context menu, find, close tab)', () => {
    const reserved = ['f11||', 'f12||', 'f7||', 'f10|true|', 'f3||', 'f3|true|', 'f4||true'];
    for (const s of SHORTCUTS) expect(reserved).not.toContain(`${s.key.toLowerCase()}|${s.shift ? 'true' : ''}|${s.ctrl ? 'true' : ''}`);
  });
  it('has no two shortcuts on the same key combination', () => {
    const combos = SHORTCUTS.map((s) => `${s.key.toLowerCase()}|${!!s.shift}|${!!s.ctrl}`);
    expect(new Set(combos).size).toBe(combos.length);
  });
});
