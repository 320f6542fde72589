/**
 * Start-up: choose what to open (a share link `#s/...`, else `?example=NAME`,
 * else the saved draft, else the default example), build the store and the
 * worker, keep work saved, and render the shell.
 *
 * A share link is read once and then removed from the address bar: the page
 * shows the shared moment, and a later reload shows the user's own saved work
 * (which the shared scenario only replaces once they edit it) instead of
 * silently going back to the link's copy.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StoreApi } from 'zustand';
import './global.css';
import { App } from './App.tsx';
import { loadDraft, loadPrefs, persistStore, type SavedDraft } from './persist.ts';
import { blankDraft } from './scenario/draft.ts';
import { defaultExample, findExample } from './scenario/examples.ts';
import { browserStorage } from './storage.ts';
import { createAppStore, type Store } from './store/store.ts';
import { StoreContext } from './store/useApp.ts';
import { installTestHook } from './testHook.ts';
import { readShareHash, replayWhenLoaded } from './share/session.ts';
import { createWorkerClient } from './workerClient.ts';
import { downloadFile, mimeOf } from './util/download.ts';

const link = readShareHash(location.hash);
if (link.kind !== 'none') history.replaceState(null, '', location.pathname + location.search);
// A link pasted into the open page only changes the fragment: open it as a fresh start would.
addEventListener('hashchange', () => {
  if (readShareHash(location.hash).kind !== 'none') location.reload();
});

/** What the page opens with; a saved draft brings its line and protocol breakpoints and watchpoints. */
type Opened = { draft: ReturnType<typeof blankDraft>; example: string | null; notice: string | null } & Partial<Pick<SavedDraft, 'breakpoints' | 'protocolBreakpoints' | 'watchpoints'>>;

function initialScenario(): Opened {
  if (link.kind === 'session') {
    const { draft, example, step } = link.session;
    const older = link.fromVersion < 2 ? ' (made by an older hvlab)' : '';
    const notice = `Opened a shared session${older}: ${example ?? draft.scenario.name} at step ${step.toLocaleString('en-US')}. Your saved scenario is kept until you edit this one.`;
    return { draft, example, notice };
  }
  const linkNotice = link.kind === 'error' ? `The share link could not be opened: ${link.error}.` : null;
  const opened = openWithoutLink();
  return { ...opened, notice: [linkNotice, opened.notice].filter(Boolean).join(' ') || null };
}

function openWithoutLink(): Opened {
  const wanted = new URLSearchParams(location.search).get('example');
  const saved = loadDraft(browserStorage());
  if (wanted) {
    const ex = findExample(wanted);
    if (ex) {
      // The saved work survives until this example is edited: say so, so nobody thinks it is gone.
      const differs = saved !== null && JSON.stringify(saved.draft) !== JSON.stringify(ex.draft);
      const notice = differs ? `Opened the example "${ex.name}" as it ships. Your saved scenario is kept until you edit this one: open hvlab without ?example= to get back to it.` : null;
      return { draft: ex.draft, example: ex.name, notice };
    }
  }
  const notice = wanted ? `There is no example called "${wanted}"; opened ${saved ? 'your saved scenario' : 'the default example'} instead.` : null;
  if (saved) return { ...saved, notice };
  const def = defaultExample();
  return def ? { draft: def.draft, example: def.name, notice } : { draft: blankDraft(), example: null, notice };
}

const storage = browserStorage();
const start = initialScenario();
const prefs = loadPrefs(storage);
let store: StoreApi<Store> | null = null;
const client = createWorkerClient(() => store!);
store = createAppStore(
  {
    draft: start.draft,
    example: start.example,
    ...prefs,
    ...(link.kind === 'session'
      ? { breakpoints: link.session.breakpoints, protocolBreakpoints: link.session.protocolBreakpoints, watchpoints: link.session.watchpoints }
      : { breakpoints: start.breakpoints, protocolBreakpoints: start.protocolBreakpoints, watchpoints: start.watchpoints }),
  },
  {
    send: (cmd) => client.send(cmd),
    after: (ms, fn) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    download: (name, text) => downloadFile(name, text, mimeOf(name)),
  },
);
if (start.notice) store.getState().actions.setNotice(start.notice);
persistStore(store, storage);
if (link.kind === 'session') replayWhenLoaded(store, link.session);
installTestHook(store);
client.restart();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App onRestartWorker={() => client.restart()} />
    </StoreContext.Provider>
  </StrictMode>,
);
