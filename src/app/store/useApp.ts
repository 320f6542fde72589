/**
 * React access to the app store: `useApp(selector)`. The store instance is
 * created once in main.tsx and provided here.
 */
import { createContext, useContext } from 'react';
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
