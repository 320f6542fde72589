/**
 * Keyboard shortcuts, as in common debuggers. One table drives both the key
 * handler and the help overlay, so the overlay can never list a shortcut
 * that does not work. Keys the browser keeps for itself (F11 full screen,
 * F12 devtools, F7 caret browsing, Shift+F10 context menu, F3 find, Ctrl+F4
 * close tab) are never used; going back in time is the forward key with
 * Shift where that is free (Shift+F8), else with Ctrl (Ctrl+F10).
 */

export type ShortcutAction =
  | 'run'
  | 'pause'
  | 'step'
  | 'stepEvent'
  | 'stepBack'
  | 'backEvent'
  | 'backHypercall'
  | 'reverseContinue'
  | 'reset'
  | 'help'
  | 'picker'
  | 'theme';

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
  { action: 'stepEvent', key: 'F8', label: 'F8', description: 'Step to the next event (hypercall, state change…)' },
  { action: 'stepBack', key: 'F10', ctrl: true, label: 'Ctrl+F10', description: 'Step back one instruction on the focused vCPU' },
  { action: 'backEvent', key: 'F8', shift: true, label: 'Shift+F8', description: 'Back to the previous event' },
  { action: 'backHypercall', key: 'F8', ctrl: true, label: 'Ctrl+F8', description: 'Back to the previous hypercall of the kind chosen in the toolbar' },
  { action: 'reverseContinue', key: 'F9', label: 'F9', description: 'Reverse continue: back to the previous breakpoint or watchpoint stop' },
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
