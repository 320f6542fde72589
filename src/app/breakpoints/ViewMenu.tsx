/**
 * The views' context menu: turns a view's right-click request (what was
 * pointed at) into breakpoint offers, and adds the chosen one to the
 * protocol breakpoints.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { describeBreakpoint } from '../../core/debug/breakpoints.ts';
import { useAppStore } from '../store/useApp.ts';
import type { VizContextRequest } from '../viz/common/context.ts';
import { ContextMenu } from './ContextMenu.tsx';
import { addProtocolBreakpoint } from './entries.ts';
import { offersForAll } from './offers.ts';

/**
 * Returns the `onContextMenu` prop for the views (stable) and the menu to
 * render (null while closed).
 */
export function useViewContextMenu(): { onContextMenu: (r: VizContextRequest) => void; menu: ReactNode } {
  const store = useAppStore();
  const [request, setRequest] = useState<VizContextRequest | null>(null);
  const onContextMenu = useCallback((r: VizContextRequest) => setRequest(r), []);
  const close = useCallback(() => setRequest(null), []);
  if (!request) return { onContextMenu, menu: null };
  const items = offersForAll(request.targets).map((o) => ({
    label: o.label,
    onSelect: () => {
      const { actions, debug } = store.getState();
      const added = addProtocolBreakpoint(debug.protocolBreakpoints, o.bp);
      actions.setProtocolBreakpoints(added.list);
      actions.setNotice(`Protocol breakpoint ${added.id} set: ${describeBreakpoint(o.bp)} (see the Breakpoints tab).`);
    },
  }));
  return { onContextMenu, menu: <ContextMenu x={request.x} y={request.y} label="Set a protocol breakpoint" items={items} onClose={close} /> };
}
