/**
 * React access to the app store: `useApp(selector)`. The store instance is
 * created once in main.tsx and provided here.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Store } from './store.ts';

export const StoreContext = createContext<StoreApi<Store> | null>(null);

/** Reads a value from the store; re-renders only when it changes (Object.is). */
export function useApp<T>(selector: (s: Store) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <StoreContext.Provider>');
  return useStore(store, selector);
}

/** The raw store (for effects that subscribe without re-rendering). */
export function useAppStore(): StoreApi<Store> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

/** While the machine runs, views that are costly to redraw refresh at most this often. */
export const RUNNING_REFRESH_MS = 250;

/**
 * Like `useApp`, but while the machine is running the value is refreshed at
 * most every `ms` milliseconds (tables, logs and editor decorations need not
 * redraw 30 times a second, and redrawing them would crowd out the page).
 * When the machine stops, the latest value is shown at once. `selector`
 * must be a stable (module-level) function.
 */
export function useThrottledApp<T>(selector: (s: Store) => T, ms = RUNNING_REFRESH_MS): T {
  const store = useAppStore();
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const apply = () => {
      timer = null;
      last = performance.now();
      const v = selector(store.getState());
      setValue(() => v);
    };
    apply();
    const unsub = store.subscribe((s, prev) => {
      if (Object.is(selector(s), selector(prev)) && s.playback.status === prev.playback.status) return;
      if (s.playback.status !== 'running') {
        if (timer) clearTimeout(timer);
        apply();
      } else if (!timer) {
        timer = setTimeout(apply, Math.max(0, last + ms - performance.now()));
      }
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [store, selector, ms]);
  return value;
}
