/**
 * The toolbar's "Share / Export" menu: a link to this session (copied to the
 * clipboard and shown in a dialog), the trace as hvlab JSON or as Chrome
 * trace-event JSON (for Perfetto), and the scenario file.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { saveDraftFile } from '../scenario/files.ts';
import { selectActions, selectStatus, selectWorker } from '../store/selectors.ts';
import { useApp, useAppStore } from '../store/useApp.ts';
import type { SharedSession } from './payload.ts';
import { captureSession, shareUrl } from './session.ts';

/** What the share dialog shows: the link while it is built, then the link (and whether it was copied) or why not. */
type ShareState = { readonly kind: 'working' } | { readonly kind: 'done'; readonly url: string; readonly session: SharedSession; readonly copied: boolean } | { readonly kind: 'failed'; readonly error: string };

export function ShareMenu() {
  const store = useAppStore();
  const actions = useApp(selectActions);
  const status = useApp(selectStatus);
  const worker = useApp(selectWorker);
  const [open, setOpen] = useState(false);
  const [share, setShare] = useState<ShareState | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const hasTrace = worker === 'ready' && status !== 'empty';

  // Clicking anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const items = Array.from(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const doShare = async () => {
    setOpen(false);
    setShare({ kind: 'working' });
    try {
      const session = await captureSession(store);
      const url = shareUrl(session, location.origin + location.pathname);
      setShare({ kind: 'done', url, session, copied: await copyText(url) });
    } catch (err) {
      setShare({ kind: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  };

  const item = (label: string, onClick: () => void, disabled = false, title?: string) => (
    <button
      type="button"
      role="menuitem"
      disabled={disabled}
      title={title}
      onClick={() => {
        setOpen(false);
        onClick();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="share-menu" ref={root}>
      <button type="button" ref={button} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Share a link to this moment, or export the trace, the scenario or a view">
        Share / Export ▾
      </button>
      {open && (
        <div className="share-menu-list" role="menu" aria-label="Share and export" onKeyDown={onMenuKey}>
          {item('Share link…', () => void doShare(), false, 'A link that opens this scenario, its breakpoints and this step (copied to the clipboard)')}
          {item('Trace as JSON', () => actions.exportTrace('json'), !hasTrace, 'Every event of this branch, as hvlab records them')}
          {item('Trace for Perfetto (Chrome trace JSON)', () => actions.exportTrace('chrome'), !hasTrace, 'Open it in ui.perfetto.dev with "Open trace file"')}
          {item('Scenario file (scenario.json)', () => saveDraftFile(store.getState().editor.draft))}
        </div>
      )}
      {share && <ShareDialog state={share} onClose={() => setShare(null)} />}
    </div>
  );
}

/** Copies `text` to the clipboard; false when the browser refuses (no permission, insecure page). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function ShareDialog({ state, onClose }: { state: ShareState; onClose(): void }) {
  const field = useRef<HTMLTextAreaElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Set once the user presses Copy; before that, whether the automatic copy worked.
  const [recopied, setCopied] = useState<boolean | null>(null);
  const copied = recopied ?? (state.kind === 'done' && state.copied);
  useEffect(() => {
    if (state.kind === 'done') {
      field.current?.focus();
      field.current?.select();
    } else if (state.kind === 'failed') closeRef.current?.focus();
  }, [state]);

  return (
    <div className="overlay-backdrop" onClick={onClose}>
      <div className="overlay share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="share-title">Share this session</h2>
        {state.kind === 'working' && <p role="status">Building the link…</p>}
        {state.kind === 'failed' && <p role="alert">The link could not be built: {state.error}</p>}
        {state.kind === 'done' && (
          <>
            <p role="status" data-testid="share-status">
              {copied ? 'The link is copied to the clipboard.' : 'Copy the link below (the browser did not allow copying it for you).'}
            </p>
            <textarea ref={field} className="share-link" readOnly rows={4} value={state.url} aria-label="Share link" data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
            <p className="share-what">
              {describe(state.session)} · {state.url.length.toLocaleString('en-US')} characters
            </p>
            <button type="button" onClick={() => void copyText(state.url).then(setCopied)}>
              Copy
            </button>{' '}
          </>
        )}
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** What a link holds, in words. */
function describe(s: SharedSession): string {
  const files = Object.keys(s.draft.files).length;
  const bps = s.breakpoints.length + s.protocolBreakpoints.length + s.watchpoints.length;
  const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;
  return `${s.example ?? s.draft.scenario.name}: ${plural(files, 'source file')}, ${plural(bps, 'breakpoint')}, step ${s.step.toLocaleString('en-US')}, ${plural(s.recording.choices.length, 'scheduling choice')}`;
}
