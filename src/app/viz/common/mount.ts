/**
 * The skeleton every view controller shares: an accessible, focusable SVG in
 * the host node; renders coalesced to one per frame (on props and on resize);
 * keyboard selection among the view's selectable steps; teardown.
 */
import { select, type Selection } from 'd3';
import type { VizTarget } from './context.ts';
import type { Controller, VizProps } from './controller.ts';
import { observeSize } from './controller.ts';
import { createFrameScheduler } from './frame.ts';
import { mergeSteps, stepForKey } from './steps.ts';

export interface ViewMount<P extends VizProps> {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** The controller to hand to React. */
  readonly controller: Controller<P>;
  /** Asks for a render in the next frame. */
  schedule(): void;
  /**
   * The host node's client size in px. Kept from the last resize
   * notification, so a render never forces a layout by reading it (the first
   * render, or one without ResizeObserver, reads the node).
   */
  hostSize(): { readonly width: number; readonly height: number };
  /** The latest props (null before the first update and after destroy). */
  props(): P | null;
  /**
   * Sets the steps the arrow/Home/End keys move between, from the items of
   * `lists` (each in step order, as trace selections are). They are merged
   * only when asked for (a key or a click), not on every frame.
   */
  selectable(...lists: readonly (readonly { readonly step: number }[])[]): void;
  /** The selectable steps, ascending and unique. */
  steps(): readonly number[];
  /** Calls `onSelectStep(step)` when a step is given and the view is live. */
  select(step: number | undefined): void;
}

export interface MountOptions<P extends VizProps> {
  /** `aria-roledescription` of the SVG, e.g. "vCPU state timeline". */
  readonly roleDescription: string;
  /** Draws everything for `props`; called at most once per frame. */
  readonly render: (props: P) => void;
  /** Extra keys (before the step keys); return true when handled. */
  readonly onKey?: (ev: KeyboardEvent, props: P) => boolean;
  /**
   * What a right-click offers: the targets under the pointer event `ev`, or
   * for the keyboard (ev null: ContextMenu key or Shift+F10 on the focused
   * view) every target the view shows. Empty = the browser's own menu.
   */
  readonly contextTargets?: (ev: MouseEvent | null, props: P) => readonly VizTarget[];
  /** Extra teardown. */
  readonly onDestroy?: () => void;
}

/** Mounts the shared skeleton in `node`. */
export function mountView<P extends VizProps>(node: HTMLElement, opts: MountOptions<P>): ViewMount<P> {
  const svg = select(node).append('svg').attr('role', 'img').attr('tabindex', 0).attr('aria-roledescription', opts.roleDescription);
  let current: P | null = null;
  let steps: number[] = [];
  let stepsOf: readonly (readonly { readonly step: number }[])[] = [];
  let stepsStale = false;
  const currentSteps = (): readonly number[] => {
    if (stepsStale) {
      steps = mergeSteps(stepsOf);
      stepsStale = false;
    }
    return steps;
  };
  const frame = createFrameScheduler(() => {
    if (current) opts.render(current);
  });
  let size: { width: number; height: number } | null = null;
  const readSize = () => ({ width: node.clientWidth, height: node.clientHeight });
  // Resize callbacks run after layout, so reading the size there costs nothing.
  const stopResize = observeSize(node, () => {
    size = readSize();
    frame.schedule();
  });

  svg.on('contextmenu', (ev: MouseEvent) => {
    const targets = current?.onContextMenu && opts.contextTargets ? opts.contextTargets(ev, current) : [];
    if (targets.length === 0) return;
    ev.preventDefault();
    current!.onContextMenu!({ targets, x: ev.clientX, y: ev.clientY });
  });

  svg.on('keydown', (ev: KeyboardEvent) => {
    if (!current) return;
    if ((ev.key === 'ContextMenu' || (ev.shiftKey && ev.key === 'F10')) && current.onContextMenu && opts.contextTargets) {
      const targets = opts.contextTargets(null, current);
      if (targets.length === 0) return;
      ev.preventDefault();
      const box = svg.node()!.getBoundingClientRect();
      current.onContextMenu({ targets, x: box.left + 8, y: box.top + 8 });
      return;
    }
    if (opts.onKey?.(ev, current)) {
      ev.preventDefault();
      return;
    }
    const step = stepForKey(currentSteps(), current.currentStep, ev.key);
    if (step === undefined) return;
    ev.preventDefault();
    current.onSelectStep(step);
  });

  return {
    svg,
    schedule: () => frame.schedule(),
    hostSize: () => size ?? readSize(),
    props: () => current,
    selectable(...lists) {
      stepsOf = lists;
      stepsStale = true;
    },
    steps: currentSteps,
    select(step) {
      if (current && step !== undefined) current.onSelectStep(step);
    },
    controller: {
      update(next) {
        const prev = current;
        const keys = Object.keys(next) as (keyof P)[];
        const same = prev !== null && keys.length === Object.keys(prev).length && keys.every((k) => next[k] === prev[k]);
        current = next;
        if (!same) frame.schedule();
      },
      destroy() {
        frame.cancel();
        stopResize();
        opts.onDestroy?.();
        svg.interrupt();
        svg.remove();
        current = null;
      },
    },
  };
}
