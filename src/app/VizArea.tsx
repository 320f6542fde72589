/**
 * Places the D3 views (built in ./viz) and feeds them the shared props: the
 * trace, the machine view, the one current step and the select callback.
 */
import { useCallback } from 'react';
import { useViewContextMenu } from './breakpoints/ViewMenu.tsx';
import { ListsView, MailboxView, SequenceView, VcpuTimeline } from './viz/index.ts';
import { useApp } from './store/useApp.ts';
import { selectActions, selectCurrentStep, selectTrace, selectView } from './store/selectors.ts';

export function VizArea() {
  const events = useApp(selectTrace);
  const view = useApp(selectView);
  const currentStep = useApp(selectCurrentStep);
  const actions = useApp(selectActions);
  const onSelectStep = useCallback((step: number) => actions.selectStep(step), [actions]);
  // Right-click on a view element offers protocol breakpoints for it.
  const { onContextMenu, menu } = useViewContextMenu();
  if (!view) {
    return (
      <section className="panel" aria-label="Views">
        <p style={{ padding: 8 }}>The views appear once the scenario assembles.</p>
      </section>
    );
  }
  const props = { events, view, currentStep, onSelectStep, onContextMenu };
  return (
    <section className="panel viz-grid" aria-label="Views of the machine">
      <div className="viz-cell">
        <VcpuTimeline {...props} />
      </div>
      <div className="viz-cell">
        <SequenceView {...props} />
      </div>
      <div className="viz-cell">
        <MailboxView {...props} />
      </div>
      <div className="viz-cell">
        <ListsView {...props} />
      </div>
      {menu}
    </section>
  );
}
