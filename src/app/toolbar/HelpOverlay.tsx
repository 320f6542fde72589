/** The help overlay: every keyboard shortcut (from the one shortcuts table) and what the views show. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts.ts';

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay-backdrop" onClick={onClose}>
      <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="grid" style={{ fontFamily: 'inherit' }}>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.label}>
                <td>
                  <kbd>{s.label}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>←</kbd> <kbd>→</kbd> <kbd>PgUp</kbd> <kbd>PgDn</kbd> <kbd>Home</kbd> <kbd>End</kbd>
              </td>
              <td>On the time scrubber (under the toolbar): one step, 1% of the run, the start, the furthest step</td>
            </tr>
            <tr>
              <td>
                <kbd>Tab</kbd> / <kbd>Shift+Tab</kbd>
              </td>
              <td>Move between controls, panels and views</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>Close a dialog</td>
            </tr>
          </tbody>
        </table>
        <p>
          Going back in time keeps the future: the views show it faded after the cursor, and Run, Step or the scrubber go
          forward again. Click or drag the scrubber to go to any step.
        </p>
        <p>
          In an editor: click the margin left of a line number to set a breakpoint; right-click it (or{' '}
          <kbd>Ctrl+Shift+B</kbd> on the cursor's line) for a register condition and "stop from hit N"; <kbd>F12</kbd> goes to a
          label's definition; <kbd>Ctrl+Space</kbd> completes mnemonics, registers, labels and <code>HF_*</code> constants; hover an
          instruction or a hypercall for its documentation.
        </p>
        <p>
          In the views: right-click a mailbox, a list, a vCPU lane, a message or a run return (or press{' '}
          <kbd>Shift+F10</kbd> in a focused view) for protocol breakpoints on it; the Breakpoints tab has forms for every kind and
          for watchpoints. <kbd>⤢ Expand</kbd> makes one view fill the views area.
        </p>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
