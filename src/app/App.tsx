/**
 * The shell: toolbar, banners, and the resizable layout (sources | views
 * over panels). Keyboard shortcuts, theme, file drop/import/export live here.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { BreakpointsPanel } from './breakpoints/BreakpointsPanel.tsx';
import { EditorArea } from './editor/EditorArea.tsx';
import { Console } from './panels/Console.tsx';
import { HypercallLog } from './panels/HypercallLog.tsx';
import { Memory } from './panels/Memory.tsx';
import { Registers } from './panels/Registers.tsx';
import { onTablistKeyDown } from './panels/tablist.ts';
import { openFiles, saveDraftFile } from './scenario/files.ts';
import { ScenarioPicker } from './scenario/ScenarioPicker.tsx';
import { SchedulerPanel } from './scheduler/SchedulerPanel.tsx';
import { KEYS, browserStorage } from './storage.ts';
import { useApp, useAppStore } from './store/useApp.ts';
import { selectActions, selectFatal, selectHelpOpen, selectNotice, selectPickerOpen, selectTheme, selectWorker } from './store/selectors.ts';
import { HelpOverlay } from './toolbar/HelpOverlay.tsx';
import { backHypercallChoice, backTarget } from './toolbar/back.ts';
import { actionForKey } from './toolbar/shortcuts.ts';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { Timebar } from './timebar/Timebar.tsx';
import { VizArea } from './VizArea.tsx';

const layoutStorage = browserStorage() ?? undefined;

/** A panel group whose sizes are remembered across reloads. */
function SavedGroup({ id, orientation, children }: { id: string; orientation: 'horizontal' | 'vertical'; children: ReactNode }) {
  const saved = useDefaultLayout({ id: `${KEYS.layout}${id}`, storage: layoutStorage });
  return (
    <Group id={id} orientation={orientation} defaultLayout={saved.defaultLayout} onLayoutChanged={saved.onLayoutChanged}>
      {children}
    </Group>
  );
}

const Handle = () => <Separator className="resize-handle" />;

/**
 * The tabs under the views. One entry per tab: `id` names the DOM ids
 * (tab-<id>, tabpanel-<id>), `panel` renders the content (only the selected
 * one is mounted). Keyboard: WAI-ARIA tabs (see panels/tablist.ts).
 */
const BOTTOM_TABS: readonly { readonly id: string; readonly label: string; readonly panel: () => ReactNode }[] = [
  { id: 'log', label: 'Hypercalls', panel: () => <HypercallLog /> },
  { id: 'memory', label: 'Memory', panel: () => <Memory /> },
  { id: 'console', label: 'Console', panel: () => <Console /> },
  { id: 'breakpoints', label: 'Breakpoints', panel: () => <BreakpointsPanel /> },
  { id: 'scheduler', label: 'Scheduler', panel: () => <SchedulerPanel /> },
];

function BottomTabs() {
  const [tab, setTab] = useState(BOTTOM_TABS[0].id);
  const current = BOTTOM_TABS.find((t) => t.id === tab) ?? BOTTOM_TABS[0];
  return (
    <section className="panel" aria-label="Machine panels">
      <div className="tabs" role="tablist" aria-label="Machine panels" onKeyDown={onTablistKeyDown}>
        {BOTTOM_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={current.id === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={current.id === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel-body" role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.panel()}
      </div>
    </section>
  );
}

export function App({ onRestartWorker }: { onRestartWorker(): void }) {
  const store = useAppStore();
  const actions = useApp(selectActions);
  const theme = useApp(selectTheme);
  const helpOpen = useApp(selectHelpOpen);
  const pickerOpen = useApp(selectPickerOpen);
  const fatal = useApp(selectFatal);
  const worker = useApp(selectWorker);
  const notice = useApp(selectNotice);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Debugger shortcuts, everywhere (also inside the editor).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actionForKey(e);
      if (!a) return;
      e.preventDefault();
      const s = store.getState();
      switch (a) {
        case 'run':
          if (s.playback.status === 'running') s.actions.pause();
          else s.actions.run();
          return;
        case 'pause':
          return s.actions.pause();
        case 'step':
          return s.actions.step();
        case 'stepEvent':
          return s.actions.stepEvent();
        case 'stepBack':
        case 'backEvent':
        case 'backHypercall':
        case 'reverseContinue':
          return s.actions.back(backTarget(a, s.ui.focused, backHypercallChoice.getState().name));
        case 'reset':
          return s.actions.reset();
        case 'help':
          return s.actions.setHelp(!s.ui.helpOpen);
        case 'picker':
          return s.actions.setPicker(true);
        case 'theme':
          return s.actions.setTheme(s.ui.theme === 'dark' ? 'light' : 'dark');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);

  const open = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const r = await openFiles(files);
    if (r.ok) {
      history.replaceState(null, '', location.pathname);
      actions.openDraft(r.draft, null);
    } else actions.setNotice(r.error);
  };

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void open(e.dataTransfer.files);
      }}
    >
      <Toolbar onExport={() => saveDraftFile(store.getState().editor.draft)} onImport={() => fileInput.current?.click()} />
      <Timebar />
      <input
        ref={fileInput}
        type="file"
        accept=".json,.s,application/json"
        multiple
        hidden
        aria-label="Import a scenario file"
        onChange={(e) => {
          void open(e.target.files);
          e.target.value = '';
        }}
      />
      {fatal && (
        <div className="status-banner error" role="alert" data-testid="fatal">
          <strong>{worker === 'dead' ? 'The emulator stopped.' : 'The emulator hit an internal error.'}</strong> {fatal.split('\n')[0]} Your sources are kept.{' '}
          <button type="button" onClick={onRestartWorker}>
            Restart the emulator
          </button>
        </div>
      )}
      {notice && (
        <div className="status-banner" role="status">
          {notice}{' '}
          <button type="button" onClick={() => actions.setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <main className="main">
        <SavedGroup id="main" orientation="horizontal">
          <Panel id="sources" defaultSize="36" minSize="15">
            <EditorArea />
          </Panel>
          <Handle />
          <Panel id="right" minSize="25">
            <SavedGroup id="right" orientation="vertical">
              <Panel id="views" defaultSize="62" minSize="15">
                <VizArea />
              </Panel>
              <Handle />
              <Panel id="panels" minSize="15">
                <SavedGroup id="bottom" orientation="horizontal">
                  <Panel id="registers" defaultSize="40" minSize="15">
                    <Registers />
                  </Panel>
                  <Handle />
                  <Panel id="tabs" minSize="20">
                    <BottomTabs />
                  </Panel>
                </SavedGroup>
              </Panel>
            </SavedGroup>
          </Panel>
        </SavedGroup>
      </main>
      {dragging && <div className="drop-hint">Drop scenario.json (and its .s files) to open it</div>}
      {helpOpen && <HelpOverlay onClose={() => actions.setHelp(false)} />}
      {pickerOpen && <ScenarioPicker onClose={() => actions.setPicker(false)} />}
    </div>
  );
}
