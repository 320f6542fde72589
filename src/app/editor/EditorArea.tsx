/**
 * The source area: one tab per VM that has a program, a row of its files
 * when it has several (shared library files are marked), and the lazily
 * loaded Monaco pane. Tabs show error counts.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApp } from '../store/useApp.ts';
import { onTablistKeyDown } from '../panels/tablist.ts';
import { selectActions, selectAssembled, selectDiagnostics, selectEditorFile, selectEditorVm, selectGuests, selectWorker } from '../store/selectors.ts';

const MonacoPane = lazy(() => import('./MonacoPane.tsx'));

/** Longest wait for the machine before Monaco loads anyway. */
const EDITOR_FALLBACK_MS = 1500;

/**
 * Whether to load Monaco yet: after the first machine answer (so the worker
 * and the first view are not slowed by parsing Monaco), or after a short
 * fallback delay, or at once if the emulator is down.
 */
function useEditorGate(): boolean {
  const assembled = useApp(selectAssembled);
  const worker = useApp(selectWorker);
  const [late, setLate] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setLate(true), EDITOR_FALLBACK_MS);
    return () => clearTimeout(t);
  }, []);
  return late || assembled !== null || worker === 'dead';
}

export function EditorArea() {
  const guests = useApp(selectGuests);
  const editorVm = useApp(selectEditorVm);
  const editorFile = useApp(selectEditorFile);
  const diagnostics = useApp(selectDiagnostics);
  const assembled = useApp(selectAssembled);
  const actions = useApp(selectActions);
  const editorOpen = useEditorGate();
  const errorsIn = (files: readonly string[]) => diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && files.includes(d.file)).length;
  const guest = guests.find((g) => g.vm === editorVm);
  const scenarioProblems = diagnostics.filter((d) => d.file === undefined && d.severity === 'error');
  const badge = (n: number) =>
    n > 0 && (
      <span className="tab-badge" aria-label={`${n} errors`}>
        {n}
      </span>
    );

  return (
    <section className="panel" aria-label="Guest sources">
      <div className="tabs" role="tablist" aria-label="VMs" onKeyDown={onTablistKeyDown}>
        {guests.map((g) => (
          <button key={g.vm} type="button" role="tab" aria-selected={g.vm === editorVm} tabIndex={g.vm === editorVm ? 0 : -1} aria-controls="editor-tabpanel" onClick={() => actions.setEditorVm(g.vm)}>
            VM {g.vm}: {g.name}
            {badge(errorsIn(g.files))}
          </button>
        ))}
        {guests.length === 0 && <span style={{ padding: 4 }}>No guest programs.</span>}
      </div>
      {guest && guest.files.length > 1 && (
        <div className="tabs subtabs" role="tablist" aria-label={`Files of VM ${guest.vm}`} onKeyDown={onTablistKeyDown}>
          {guest.files.map((f) => {
            const shared = guests.some((o) => o.vm !== guest.vm && o.files.includes(f));
            return (
              <button key={f} type="button" role="tab" aria-selected={f === editorFile} tabIndex={f === editorFile ? 0 : -1} aria-controls="editor-tabpanel" onClick={() => actions.setEditorFile(f)} title={shared ? `${f} (shared with other VMs)` : f}>
                {f.split('/').pop()}
                {shared ? ' (shared)' : ''}
                {badge(errorsIn([f]))}
              </button>
            );
          })}
        </div>
      )}
      {(assembled === false || scenarioProblems.length > 0) && (
        <div className="status-banner error" role="status" data-testid="asm-status">
          {scenarioProblems.length > 0
            ? `Scenario: ${scenarioProblems.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ')}`
            : `Does not assemble (${diagnostics.filter((d) => d.severity === 'error').length} errors); the machine keeps the last code that assembled.`}
        </div>
      )}
      <div id="editor-tabpanel" role="tabpanel" className="panel-body" style={{ overflow: 'hidden' }}>
        <Suspense fallback={<p style={{ padding: 8 }}>Loading the editor…</p>}>{editorOpen ? <MonacoPane /> : <p style={{ padding: 8 }}>Loading the editor…</p>}</Suspense>
      </div>
    </section>
  );
}
