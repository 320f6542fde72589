/**
 * Sharing a session: capturing what the page holds into a SharedSession
 * (plus the worker's recording), the link for it, and, when the page opens
 * on a link, bringing the machine to the shared moment.
 *
 * Opening a link is like opening an example in a fresh tab: the shared draft
 * is the store's starting draft, so the user's saved work in storage is only
 * replaced once they edit the shared scenario (persistence writes on change).
 */
import type { StoreApi } from 'zustand';
import type { Store } from '../store/store.ts';
import { decodeSession, encodeSession, type SharedSession } from './payload.ts';

/** How long to wait for the worker's recording before giving up on a share. */
export const RECORDING_TIMEOUT_MS = 5000;

/** What a URL fragment held: nothing, a session, or why it could not be read. */
export type HashContent = { readonly kind: 'none' } | { readonly kind: 'session'; readonly session: SharedSession; readonly fromVersion: number } | { readonly kind: 'error'; readonly error: string };

/** Reads `location.hash` (with its `#`); an empty fragment is `none`, anything else must be a share link. */
export function readShareHash(hash: string): HashContent {
  if (hash.replace(/^#/, '').trim() === '') return { kind: 'none' };
  const d = decodeSession(hash);
  return d.ok ? { kind: 'session', session: d.value, fromVersion: d.fromVersion } : { kind: 'error', error: d.error };
}

/** The full link to `session` for a page at `base` (origin + path; any query or fragment of the page is dropped). */
export function shareUrl(session: SharedSession, base: string): string {
  return `${base}#${encodeSession(session)}`;
}

/**
 * The session the page shows now. With a machine, the worker is asked for
 * the branch's recording and the step it is at; without one (nothing
 * assembled yet) the link holds the scenario and breakpoints at step 0.
 * Rejects when the worker does not answer within `timeoutMs`.
 */
export async function captureSession(app: StoreApi<Store>, timeoutMs = RECORDING_TIMEOUT_MS): Promise<SharedSession> {
  const s = app.getState();
  const hasMachine = s.playback.worker === 'ready' && s.playback.status !== 'empty';
  const reply = hasMachine ? await withTimeout(s.actions.requestRecording(), timeoutMs, 'the emulator did not send its recording in time') : null;
  const { editor, debug } = app.getState();
  return {
    draft: editor.draft,
    example: editor.example,
    breakpoints: editor.breakpoints,
    protocolBreakpoints: debug.protocolBreakpoints,
    watchpoints: debug.watchpoints,
    recording: reply?.recording ?? { choices: [], inputs: [] },
    step: reply?.now ?? 0,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Once the store's draft has assembled and its machine exists, replays the
 * shared recording to the shared step (once). If the shared scenario does
 * not assemble, says so instead. Returns a function that stops waiting.
 */
export function replayWhenLoaded(app: StoreApi<Store>, session: SharedSession): () => void {
  const { recording, step } = session;
  if (step === 0 && recording.choices.length === 0 && recording.inputs.length === 0) return () => {};
  const unsub = app.subscribe((s) => {
    if (s.editor.assembled === false) {
      unsub();
      s.actions.setNotice('The shared scenario does not assemble here, so its run could not be replayed; the sources and breakpoints are open.');
    } else if (s.editor.assembled === true && s.machine.view !== null) {
      unsub();
      s.actions.replay(recording, step);
    }
  });
  return unsub;
}
