/**
 * Places the D3 views (built in ./viz) and feeds them the shared props: the
 * trace, the machine view, the one current step and the select callback.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ViewExpandContext, type ViewExpand } from './viz/common/expand.ts';
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
  const cells: [ViewId, ReactNode][] = [
    ['timeline', <VcpuTimeline {...props} />],
    ['sequence', <SequenceView {...props} />],
    ['mailbox', <MailboxView {...props} />],
    ['lists', <ListsView {...props} />],
  ];
  return <ExpandableGrid cells={cells} menu={menu} />;
}

const VIEW_IDS = ['timeline', 'sequence', 'mailbox', 'lists'] as const;
type ViewId = (typeof VIEW_IDS)[number];

/** The 2x2 grid of views; one view can be expanded to fill it (Esc or its toggle brings the others back). */
function ExpandableGrid({ cells, menu }: { cells: [ViewId, ReactNode][]; menu: ReactNode }) {
  const [expanded, setExpanded] = useState<ViewId | null>(null);
  useEffect(() => {
    if (expanded === null) return;
    const onKey = (e: KeyboardEvent) => {
      // Escape in the editor or a form field belongs to them.
      const inField = e.target instanceof Element && e.target.closest('.monaco-editor, input, textarea, select') !== null;
      if (e.key === 'Escape' && !e.defaultPrevented && !inField) setExpanded(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [expanded]);
  const contexts = useMemo(
    () => new Map(VIEW_IDS.map((id) => [id, { expanded: expanded === id, toggle: () => setExpanded((cur) => (cur === id ? null : id)) } satisfies ViewExpand])),
    [expanded],
  );
  return (
    <section className={expanded ? 'panel viz-grid viz-grid-one' : 'panel viz-grid'} aria-label="Views of the machine">
      {cells
        .filter(([id]) => expanded === null || id === expanded)
        .map(([id, node]) => (
          <div key={id} className="viz-cell">
            <ViewExpandContext.Provider value={contexts.get(id) ?? null}>{node}</ViewExpandContext.Provider>
          </div>
        ))}
      {menu}
    </section>
  );
}
