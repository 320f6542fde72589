/**
 * The toolbar: playback controls, speed, the step counter, scenario and
 * theme buttons. Every control has an accessible name and its shortcut in
 * its title.
 */
import type { Speed } from '../../worker/protocol.ts';
import { useApp } from '../store/useApp.ts';
import { selectActions, selectAssembled, selectExample, selectDraft, selectRate, selectStatus, selectSpeed, selectSteps, selectTheme, selectWorker } from '../store/selectors.ts';
import { SHORTCUTS, type ShortcutAction } from './shortcuts.ts';
import { ShareMenu } from '../share/ShareMenu.tsx';

/** Speed presets, slow motion to full speed. */
export const SPEEDS: readonly { label: string; value: Speed }[] = [
  { label: '2 steps/s', value: 2 },
  { label: '10 steps/s', value: 10 },
  { label: '100 steps/s', value: 100 },
  { label: '10k steps/s', value: 10_000 },
  { label: '1M steps/s', value: 1_000_000 },
  { label: 'Full speed', value: 'max' },
];

const keyOf = (a: ShortcutAction) => SHORTCUTS.find((s) => s.action === a)?.label ?? '';

export function Toolbar({ onExport, onImport }: { onExport(): void; onImport(): void }) {
  const actions = useApp(selectActions);
  const status = useApp(selectStatus);
  const worker = useApp(selectWorker);
  const assembled = useApp(selectAssembled);
  const steps = useApp(selectSteps);
  const speed = useApp(selectSpeed);
  const rate = useApp(selectRate);
  const theme = useApp(selectTheme);
  const draft = useApp(selectDraft);
  const example = useApp(selectExample);
  const live = worker === 'ready' && status !== 'empty';
  const running = status === 'running';
  const canAdvance = live && !running && status !== 'ended';

  return (
    <header className="toolbar" role="toolbar" aria-label="Machine controls">
      <span className="brand">hvlab</span>
      <button type="button" onClick={() => actions.setPicker(true)} title={`Open an example or a new scenario (${keyOf('picker')})`}>
        Scenario: <strong>{example ?? draft.scenario.name}</strong>
      </button>
      <span className="sep" />
      {running ? (
        <button type="button" onClick={actions.pause} title={`Pause (${keyOf('pause')} or ${keyOf('run')})`} aria-keyshortcuts="F6">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" onClick={actions.run} disabled={!canAdvance} title={`Run / continue (${keyOf('run')})`} aria-keyshortcuts="F5">
          ▶ Run
        </button>
      )}
      <button type="button" onClick={actions.step} disabled={!canAdvance} title={`Step one instruction on the focused vCPU (${keyOf('step')})`} aria-keyshortcuts="F10">
        Step
      </button>
      <button type="button" onClick={actions.stepEvent} disabled={!canAdvance} title={`Step to the next event (${keyOf('stepEvent')})`} aria-keyshortcuts="F11">
        Step event
      </button>
      <button type="button" onClick={actions.reset} disabled={!live} title={`Reset the machine (${keyOf('reset')})`} aria-keyshortcuts="Shift+F5">
        ↺ Reset
      </button>
      <label>
        <span className="visually-hidden">Speed</span>
        <select
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => actions.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={String(s.value)} value={String(s.value)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <output className="counter" aria-label="Step counter" aria-live="off" data-testid="step-counter">
        step {steps.toLocaleString('en-US')}
        {running && rate > 0 ? ` · ${formatRate(rate)}` : ''}
      </output>
      <span className="status" data-testid="status" aria-live="polite">
        {worker === 'starting' ? 'starting…' : worker === 'dead' ? 'emulator stopped' : assembled === false ? 'does not assemble' : status}
      </span>
      <span className="spacer" />
      <ShareMenu />
      <button type="button" onClick={onImport} title="Open a scenario.json file (or drop it on the page)">
        Import
      </button>
      <button type="button" onClick={onExport} title="Save the scenario as scenario.json">
        Export
      </button>
      <button
        type="button"
        onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-pressed={theme === 'dark'}
        title={`Dark theme (${keyOf('theme')})`}
      >
        Dark
      </button>
      <button type="button" onClick={() => actions.setHelp(true)} title={`Keyboard shortcuts (${keyOf('help')})`} aria-label="Help and keyboard shortcuts">
        ?
      </button>
    </header>
  );
}

function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toFixed(1)}M steps/s`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(0)}k steps/s`;
  return `${r} steps/s`;
}
