/**
 * The toolbar: playback controls, speed, the step counter, scenario and
 * theme buttons. Every control has an accessible name and its shortcut in
 * its title.
 */
import { useStore } from 'zustand';
import type { Speed } from '../../worker/protocol.ts';
import { useApp } from '../store/useApp.ts';
import {
  selectActions,
  selectAssembled,
  selectExample,
  selectDraft,
  selectFocused,
  selectProtocolBreakpoints,
  selectRate,
  selectSearch,
  selectStatus,
  selectSpeed,
  selectSteps,
  selectStop,
  selectTheme,
  selectTime,
  selectWatchpoints,
  selectWorker,
} from '../store/selectors.ts';
import { backHypercallChoice, backTarget, hypercallNames, type BackAction } from './back.ts';
import { SHORTCUTS, type ShortcutAction } from './shortcuts.ts';
import { stopText } from './stopText.ts';
import './toolbar.css';
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
/** The shortcut in `aria-keyshortcuts` syntax (modifier names as ARIA spells them). */
const ariaKeys = (a: ShortcutAction) => keyOf(a).replace('Ctrl+', 'Control+');
/** An arrow drawn before a button's words (not part of its name). */
const Glyph = ({ text }: { text: string }) => <span aria-hidden="true">{text} </span>;

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
  const stop = useApp(selectStop);
  const time = useApp(selectTime);
  const search = useApp(selectSearch);
  const focused = useApp(selectFocused);
  const protocolBps = useApp(selectProtocolBreakpoints);
  const watchpoints = useApp(selectWatchpoints);
  const hypercall = useStore(backHypercallChoice, (c) => c.name);
  const live = worker === 'ready' && status !== 'empty';
  const running = status === 'running';
  const canAdvance = live && !running && status !== 'ended';
  const canGoBack = live && search === null && (time?.now ?? 0) > 0;
  const back = (a: BackAction) => actions.back(backTarget(a, focused, hypercall));
  const names = hypercallNames(draft.scenario.abi);

  return (
    <header className="toolbar" role="toolbar" aria-label="Machine controls">
      <span className="brand">hvlab</span>
      <button type="button" onClick={() => actions.setPicker(true)} title={`Open an example or a new scenario (${keyOf('picker')})`}>
        Scenario: <strong>{example ?? draft.scenario.name}</strong>
      </button>
      <span className="sep" />
      {running ? (
        <button type="button" onClick={actions.pause} title={`Pause (${keyOf('pause')} or ${keyOf('run')})`} aria-keyshortcuts={ariaKeys('pause')}>
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" onClick={actions.run} disabled={!canAdvance} title={`Run / continue (${keyOf('run')})`} aria-keyshortcuts={ariaKeys('run')}>
          ▶ Run
        </button>
      )}
      <button type="button" onClick={actions.step} disabled={!canAdvance} title={`Step one instruction on the focused vCPU (${keyOf('step')})`} aria-keyshortcuts={ariaKeys('step')}>
        Step
      </button>
      <button type="button" onClick={actions.stepEvent} disabled={!canAdvance} title={`Step to the next event (${keyOf('stepEvent')})`} aria-keyshortcuts={ariaKeys('stepEvent')}>
        Step event
      </button>
      <span className="sep" />
      <span className="toolbar-group" role="group" aria-label="Go back in time">
        <button
          type="button"
          onClick={() => back('stepBack')}
          disabled={!canGoBack}
          title={`Step back one instruction on the focused vCPU, VM ${focused.vm} vCPU ${focused.vcpu} (${keyOf('stepBack')})`}
          aria-keyshortcuts={ariaKeys('stepBack')}
        >
          <Glyph text="◂" />
          Step back
        </button>
        <button type="button" onClick={() => back('backEvent')} disabled={!canGoBack} title={`Back to the previous event (${keyOf('backEvent')})`} aria-keyshortcuts={ariaKeys('backEvent')}>
          <Glyph text="◂" />
          Back event
        </button>
        <button
          type="button"
          onClick={() => back('backHypercall')}
          disabled={!canGoBack}
          title={`Back to the previous ${hypercall ?? 'hypercall'} (${keyOf('backHypercall')})`}
          aria-keyshortcuts={ariaKeys('backHypercall')}
          aria-label="Back to the previous hypercall"
        >
          <Glyph text="◂" />
          Back to
        </button>
        <select
          aria-label="Hypercall to go back to"
          value={hypercall ?? ''}
          onChange={(e) => backHypercallChoice.setState({ name: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">any hypercall</option>
          {hypercall !== null && !names.includes(hypercall) && <option value={hypercall}>{hypercall}</option>}
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => back('reverseContinue')}
          disabled={!canGoBack}
          title={`Reverse continue: back to the previous breakpoint or watchpoint stop (${keyOf('reverseContinue')})`}
          aria-keyshortcuts={ariaKeys('reverseContinue')}
          aria-label="Reverse continue"
        >
          <Glyph text="◂◂" />
          Reverse
        </button>
      </span>
      <span className="sep" />
      <button type="button" onClick={actions.reset} disabled={!live} title={`Reset the machine (${keyOf('reset')})`} aria-keyshortcuts={ariaKeys('reset')}>
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
      <span className="toolbar-state">
        <span className="status" data-testid="status" aria-live="polite">
          {worker === 'starting' ? 'starting…' : worker === 'dead' ? 'emulator stopped' : assembled === false ? 'does not assemble' : status}
        </span>
        {live && !running && stop && (
          <span className="stop-line" data-testid="stop" aria-live="polite">
            {stopText(stop, protocolBps, watchpoints)}
          </span>
        )}
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
