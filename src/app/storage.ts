/**
 * The one module that owns every browser storage key hvlab uses. Values are
 * JSON wrapped in `{ v: VERSION, data }`; a value written by another version
 * (or unreadable JSON) is ignored rather than trusted, so an old or corrupted
 * entry can never break start-up.
 */

const PREFIX = 'hvlab:';
/** Bump when the shape of any stored value changes incompatibly. */
export const STORAGE_VERSION = 1;

/** Every key hvlab writes; nothing else in the app names a key. */
export const KEYS = {
  /** The open scenario with its (possibly edited) sources: a ScenarioDraft. */
  draft: `${PREFIX}draft`,
  /** UI preferences: theme, number format, speed. */
  prefs: `${PREFIX}prefs`,
  /** Prefix for react-resizable-panels layouts (one per panel group). */
  layout: `${PREFIX}layout:`,
} as const;

/** Minimal Storage surface, so tests can pass an in-memory map. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser's localStorage, or null where it is unavailable (private mode, Node). */
export function browserStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Reads a versioned value. Returns null when the key is missing, unreadable,
 * of another version, or rejected by `validate` (which must return the typed
 * value or null).
 */
export function readVersioned<T>(store: KeyValueStore | null, key: string, validate: (data: unknown) => T | null): T | null {
  if (!store) return null;
  try {
    const raw = store.getItem(key);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const rec = parsed as { v?: unknown; data?: unknown };
    if (rec.v !== STORAGE_VERSION) return null;
    return validate(rec.data);
  } catch {
    return null;
  }
}

/** Writes a versioned value. Returns false when storage is unavailable or full. */
export function writeVersioned(store: KeyValueStore | null, key: string, data: unknown): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify({ v: STORAGE_VERSION, data }));
    return true;
  } catch {
    return false;
  }
}

/** Removes a key; silently does nothing when storage is unavailable. */
export function removeKey(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    /* storage unavailable: nothing to remove */
  }
}

/** In-memory KeyValueStore for tests and for browsers without storage. */
export function memoryStorage(): KeyValueStore & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
