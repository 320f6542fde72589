/**
 * The source area: one tab per VM that has a program, and the lazily loaded
 * Monaco pane below. Tabs show each VM's error count.
 */
import { lazy, Suspense } from 'react';
import { sourceName } from '../../worker/protocol.ts';
import { useApp } from '../store/useApp.ts';
import { selectActions, selectAssembled, selectDiagnostics, selectEditorVm, selectGuestDocs, selectScenarioErrors } from '../store/selectors.ts';

const MonacoPane = lazy(() => import('./MonacoPane.tsx'));

export function EditorArea() {
  const docs = useApp(selectGuestDocs);
  const editorVm = useApp(selectEditorVm);
  const diagnostics = useApp(selectDiagnostics);
  const assembled = useApp(selectAssembled);
  const scenarioErrors = useApp(selectScenarioErrors);
  const actions = useApp(selectActions);

  return (
    <section className="panel" aria-label="Guest sources">
      <div className="tabs" role="tablist" aria-label="VM sources">
        {docs.map((d) => {
          const errors = diagnostics.filter((x) => x.file === sourceName(d.name) && x.severity === 'error').length;
          return (
            <button
              key={d.vm}
              type="button"
              role="tab"
              aria-selected={d.vm === editorVm}
              aria-controls="editor-tabpanel"
              onClick={() => actions.setEditorVm(d.vm)}
              title={`VM ${d.vm}: ${d.name}`}
            >
              {d.vm}: {d.name}.s
              {errors > 0 && (
                <span className="tab-badge" aria-label={`${errors} errors`}>
                  {errors}
                </span>
              )}
            </button>
          );
        })}
        {docs.length === 0 && <span style={{ padding: 4 }}>No guest programs: the primary is native and there are no secondaries.</span>}
      </div>
      {(assembled === false || scenarioErrors.length > 0) && (
        <div className="status-banner error" role="status" data-testid="asm-status">
          {scenarioErrors.length > 0
            ? `Scenario: ${scenarioErrors.join('; ')}`
            : `Does not assemble (${diagnostics.filter((d) => d.severity === 'error').length} errors); the machine keeps the last code that assembled.`}
        </div>
      )}
      <div id="editor-tabpanel" role="tabpanel" className="panel-body" style={{ overflow: 'hidden' }}>
        <Suspense fallback={<p style={{ padding: 8 }}>Loading the editor…</p>}>
          <MonacoPane />
        </Suspense>
      </div>
    </section>
  );
}
