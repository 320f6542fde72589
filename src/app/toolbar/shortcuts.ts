/**
 * Keyboard shortcuts, as in common debuggers. One table drives both the key
 * handler and the help overlay, so the overlay can never list a shortcut
 * that does not work.
 */

export type ShortcutAction = 'run' | 'pause' | 'step' | 'stepEvent' | 'reset' | 'help' | 'picker' | 'theme';

export interface Shortcut {
  readonly action: ShortcutAction;
  /** `KeyboardEvent.key`, compared case-insensitively for letters. */
  readonly key: string;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  /** How the key combination is shown, e.g. "Shift+F5". */
  readonly label: string;
  readonly description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'run', key: 'F5', label: 'F5', description: 'Run / continue' },
  { action: 'pause', key: 'F6', label: 'F6', description: 'Pause' },
  { action: 'step', key: 'F10', label: 'F10', description: 'Step one instruction on the focused vCPU' },
  { action: 'stepEvent', key: 'F11', label: 'F11', description: 'Step to the next event (hypercall, state change…)' },
  { action: 'reset', key: 'F5', shift: true, label: 'Shift+F5', description: 'Reset the machine' },
  { action: 'picker', key: 'o', ctrl: true, label: 'Ctrl+O', description: 'Open an example or a new scenario' },
  { action: 'theme', key: 'F9', shift: true, label: 'Shift+F9', description: 'Toggle light/dark theme' },
  { action: 'help', key: 'F1', label: 'F1', description: 'Show this help' },
];

/** The action bound to a key event, or null. Shift/Ctrl must match exactly. */
export function actionForKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): ShortcutAction | null {
  const ctrl = e.ctrlKey || e.metaKey;
  for (const s of SHORTCUTS) {
    if (s.key.toLowerCase() === e.key.toLowerCase() && !!s.shift === e.shiftKey && !!s.ctrl === ctrl) return s.action;
  }
  return null;
}
