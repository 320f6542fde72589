/**
 * Start-up: choose what to open (`?example=NAME`, else the saved draft, else
 * the default example), build the store and the worker, keep work saved, and
 * render the shell.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StoreApi } from 'zustand';
import './global.css';
import { App } from './App.tsx';
import { loadDraft, loadPrefs, persistStore } from './persist.ts';
import { blankDraft } from './scenario/draft.ts';
import { defaultExample, findExample } from './scenario/examples.ts';
import { browserStorage } from './storage.ts';
import { createAppStore, type Store } from './store/store.ts';
import { StoreContext } from './store/useApp.ts';
import { installTestHook } from './testHook.ts';
import { createWorkerClient } from './workerClient.ts';
import { downloadFile, mimeOf } from './util/download.ts';

function initialScenario(): { draft: ReturnType<typeof blankDraft>; example: string | null; notice: string | null } {
  const wanted = new URLSearchParams(location.search).get('example');
  if (wanted) {
    const ex = findExample(wanted);
    if (ex) return { draft: ex.draft, example: ex.name, notice: null };
  }
  const saved = loadDraft(browserStorage());
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
  { draft: start.draft, example: start.example, ...prefs },
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
installTestHook(store);
client.restart();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App onRestartWorker={() => client.restart()} />
    </StoreContext.Provider>
  </StrictMode>,
);
