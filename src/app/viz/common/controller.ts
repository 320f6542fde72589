/**
 * The contract between a D3 view and its React shell (STYLE habit 8): a
 * controller owns one DOM node and everything inside it; React creates it on
 * mount, pushes props on every render, and destroys it on unmount. React
 * never renders into the node; the controller never touches anything outside.
 */
import type { TraceEvent } from '../../../core/trace/events.ts';
import type { MachineView } from '../../../core/machine/api.ts';
import type { VizContextRequest } from './context.ts';

/** Props every view takes. */
export interface VizProps {
  /**
   * The trace so far, in order. It may grow between updates (the same or a
   * longer array): the views then scan only the new tail.
   */
  readonly events: readonly TraceEvent[];
  /** The machine now: which VMs and vCPUs exist, their names and present states. */
  readonly view: MachineView;
  /** The one selected step that every view highlights. */
  readonly currentStep: number;
  /** Called when the user selects a step in this view (click or keyboard). */
  readonly onSelectStep: (step: number) => void;
  /**
   * Called when the user asks for a context menu (right-click, or the
   * ContextMenu key / Shift+F10 on the focused view) on elements that offer
   * one. Without it the browser's own menu shows. Must be stable across renders.
   */
  readonly onContextMenu?: (request: VizContextRequest) => void;
}

export interface Controller<P> {
  /** Takes the latest props; draws in the next animation frame (updates in between are merged). */
  update(props: P): void;
  /** Removes everything the controller added and stops its observers and timers. */
  destroy(): void;
}

/** Creates a controller inside `node`. */
export type ControllerFactory<P> = (node: HTMLElement) => Controller<P>;

/** True when the user asked for reduced motion (transitions then take no time). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Calls `onResize` (coalesced by the caller's frame scheduler) when `node`
 * changes size. Returns the function that stops observing.
 */
export function observeSize(node: HTMLElement, onResize: () => void): () => void {
  if (typeof ResizeObserver !== 'function') return () => {};
  const ro = new ResizeObserver(() => onResize());
  ro.observe(node);
  return () => ro.disconnect();
}
