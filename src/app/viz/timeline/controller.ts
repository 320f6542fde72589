/**
 * D3 controller of the "vCPU states over time" view: one lane per vCPU
 * (grouped by VM) coloured and hatched by state, run-return marks, an x-only
 * zoom and pan (wheel, drag, +/-/0 keys), a cursor at the current step, click
 * to select a step, arrow keys to move between state changes and run returns.
 */
import { axisTop, format, pointer, scaleLinear, select, zoom, zoomIdentity, zoomTransform, type ScaleLinear, type ZoomBehavior } from 'd3';
import type { RunReturnEvent, TraceEvent, VcpuStateEvent } from '../../../core/trace/events.ts';
import { eventAtStep, type VizTarget } from '../common/context.ts';
import type { Controller, VizProps } from '../common/controller.ts';
import { createEventSelection } from '../common/event-cache.ts';
import { mountView } from '../common/mount.ts';
import { appendStatePatterns, stateFill, uniquePrefix } from '../common/patterns.ts';
import { nearestStep } from '../common/steps.ts';
import { COLOR, FONT, STATE_STYLE } from '../common/theme.ts';
import { binIntervals, createIntervalTracker, intervalAt, knownFuture, layoutLanes, layoutMarks, type Lane, type Mark, type Segment, type StateInterval } from './layout.ts';
import { clampWindow, panToInclude, transformFor, type StepWindow } from './window.ts';

export type TimelineProps = VizProps;

const LABEL_WIDTH = 110;
const AXIS_HEIGHT = 24;
const RIGHT_PAD = 14;
/** Narrowest zoom window, in steps. */
const MIN_SPAN = 8;
/** Pixels within which a click snaps to an event's step. */
const SNAP_PX = 6;
/** Room under the lanes for the cursor's "step N" label. */
const CURSOR_LABEL_H = 16;
/** Segments at least this wide carry their state's short label. */
const LABEL_MIN_PX = 30;

/** Creates the timeline inside `node`. */
export function createTimeline(node: HTMLElement): Controller<TimelineProps> {
  const prefix = uniquePrefix('timeline');
  const view = mountView<TimelineProps>(node, { roleDescription: 'vCPU state timeline', render, onKey: zoomKey, contextTargets, onDestroy: () => svg.on('.zoom', null) });
  const { svg } = view;
  svg.style('touch-action', 'none');
  const defs = svg.append('defs');
  appendStatePatterns(defs, prefix);
  const clip = defs.append('clipPath').attr('id', `${prefix}-clip`).append('rect');
  const axisG = svg.append('g').style('color', COLOR.muted);
  const labelsG = svg.append('g');
  const plot = svg.append('g').attr('clip-path', `url(#${prefix}-clip)`);
  const lanesG = plot.append('g');
  const marksG = plot.append('g');
  // The branch's known future (after a seek back) lies under a veil, so the present stands out.
  const veil = plot.append('rect').attr('class', 'future-veil').attr('pointer-events', 'none').style('fill', COLOR.bg).style('fill-opacity', 0.62);
  const veilLabel = plot.append('text').attr('class', 'mono').attr('font-size', 9.5).attr('pointer-events', 'none').style('fill', COLOR.muted).text('future ▸');
  const cursor = plot.append('line').style('stroke', COLOR.accent).style('stroke-width', 2).attr('pointer-events', 'none');
  const cursorLabel = svg.append('text').attr('class', 'mono').attr('font-size', 10).attr('text-anchor', 'middle').style('fill', COLOR.accent).style('font-weight', 600);
  const hover = svg.append('text').attr('class', 'mono').attr('font-size', 10).attr('pointer-events', 'none').style('paint-order', 'stroke').style('stroke', COLOR.bg).style('stroke-width', 3);

  const changes = createEventSelection((e: TraceEvent) => (e.kind === 'vcpu_state' ? e : undefined));
  const returns = createEventSelection((e: TraceEvent) => (e.kind === 'run_return' ? e : undefined));
  let win: StepWindow | null = null;
  let lastSelected: number | null = null;
  let syncing = false;
  // Latest drawing state, for pointer and keyboard handlers.
  let x: ScaleLinear<number, number> = scaleLinear();
  let full: [number, number] = [0, 1];
  let plotRange: [number, number] = [LABEL_WIDTH, LABEL_WIDTH + 1];
  let lanes: Lane[] = [];
  const tracker = createIntervalTracker();
  let intervals: ReadonlyMap<string, readonly StateInterval[]> = new Map();

  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>().on('zoom', (ev) => {
    if (syncing) return;
    const base = scaleLinear().domain(full).range(plotRange);
    const d = ev.transform.rescaleX(base).domain();
    win = ev.transform.k <= 1.0001 ? null : [d[0], d[1]];
    view.schedule();
  });
  svg.call(zoomer).on('dblclick.zoom', null);

  svg.on('click', (ev: MouseEvent) => {
    const [px] = pointer(ev, svg.node());
    if (px < plotRange[0] || px > plotRange[1]) return;
    const raw = x.invert(px);
    const near = nearestStep(view.steps(), raw);
    const pick = near !== undefined && Math.abs(x(near) - px) <= SNAP_PX ? near : Math.round(raw);
    view.select(Math.max(full[0], Math.min(full[1] - 1, pick)));
  });

  svg.on('pointermove', (ev: PointerEvent) => {
    const [px, py] = pointer(ev, svg.node());
    const lane = lanes.find((l) => py >= AXIS_HEIGHT + l.y && py < AXIS_HEIGHT + l.y + l.height);
    if (!lane || px < plotRange[0] || px > plotRange[1]) {
      hover.text('');
      return;
    }
    const step = Math.floor(x.invert(px));
    const iv = intervalAt(intervals.get(lane.key) ?? [], step);
    const text = iv ? `step ${step} · VM ${lane.vm} vCPU ${lane.vcpu}: ${STATE_STYLE[iv.state].label} (steps ${iv.start}–${iv.end - 1})` : '';
    // Anchor the readout on the side where it fits (about 6 px per monospace character).
    const right = px + 8 + text.length * 6 > plotRange[1] && px - 8 - text.length * 6 >= 0;
    hover
      .attr('x', right ? px - 8 : px + 8)
      .attr('y', AXIS_HEIGHT + lane.y - 3)
      .attr('text-anchor', right ? 'end' : 'start')
      .text(text);
  });
  svg.on('pointerleave', () => hover.text(''));

  /** + / - zoom around the current step, 0 shows everything. */
  function zoomKey(ev: KeyboardEvent, props: TimelineProps): boolean {
    if (ev.key !== '+' && ev.key !== '=' && ev.key !== '-' && ev.key !== '0') return false;
    const span = full[1] - full[0];
    const cur = win ?? full;
    const width = ev.key === '0' ? span : ev.key === '-' ? (cur[1] - cur[0]) * 1.5 : (cur[1] - cur[0]) / 1.5;
    const centre = Math.max(cur[0], Math.min(cur[1], props.currentStep));
    const next = clampWindow([centre - width / 2, centre + width / 2], full[0], full[1], MIN_SPAN);
    win = next[1] - next[0] >= span - 1e-9 ? null : next;
    view.schedule();
    return true;
  }

  function render({ events, view: machine, currentStep }: TimelineProps): void {
    const ch: readonly VcpuStateEvent[] = changes.update(events);
    const rr: readonly RunReturnEvent[] = returns.update(events);
    const first = events.length > 0 ? events[0].step : 0;
    const last = Math.max(machine.steps, events.length > 0 ? events[events.length - 1].step : 0, currentStep);
    full = [first, last + 1];
    view.selectable(ch, rr);

    const width = Math.max(LABEL_WIDTH + 120, view.hostSize().width);
    const laid = layoutLanes(machine.vms);
    lanes = laid.lanes;
    const height = AXIS_HEIGHT + laid.height + CURSOR_LABEL_H;
    plotRange = [LABEL_WIDTH, width - RIGHT_PAD];
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    clip.attr('x', plotRange[0]).attr('y', 0).attr('width', plotRange[1] - plotRange[0]).attr('height', height);

    if (win) win = clampWindow(win, full[0], full[1], MIN_SPAN);
    if (win && lastSelected !== currentStep) win = panToInclude(win, currentStep, full[0], full[1]);
    lastSelected = currentStep;
    const shown: StepWindow = win ?? full;
    x = scaleLinear().domain(shown).range(plotRange);
    syncZoom(height);

    intervals = tracker.update(machine.vms, ch, full[0], full[1]);
    drawAxis();
    drawLabels(laid.groups);
    drawLanes();
    drawMarks(layoutMarks(rr, x, plotRange[0], plotRange[1], 10));
    const future = knownFuture(currentStep, events.length > 0 ? events[events.length - 1].step : -1, full[1]);
    drawFuture(future, height);
    drawCursor(currentStep, height);
    svg.attr('aria-label', describe(currentStep, future));
  }

  function syncZoom(height: number): void {
    zoomer
      .scaleExtent([1, Math.max(1, (full[1] - full[0]) / MIN_SPAN)])
      .extent([
        [plotRange[0], 0],
        [plotRange[1], height],
      ])
      .translateExtent([
        [plotRange[0], 0],
        [plotRange[1], height],
      ]);
    const want = win ? transformFor(win, full[0], full[1], plotRange[0], plotRange[1]) : { k: 1, x: 0 };
    const have = zoomTransform(svg.node()!);
    if (Math.abs(have.k - want.k) < 1e-6 && Math.abs(have.x - want.x) < 0.5) return;
    syncing = true;
    svg.call(zoomer.transform, zoomIdentity.translate(want.x, 0).scale(want.k));
    syncing = false;
  }

  function drawAxis(): void {
    const ticks = x.ticks(Math.max(2, Math.floor((plotRange[1] - plotRange[0]) / 90))).filter(Number.isInteger);
    axisG.attr('transform', `translate(0,${AXIS_HEIGHT - 4})`).call(axisTop(x).tickValues(ticks).tickFormat(format('d')).tickSizeOuter(0));
    axisG.selectAll('text').style('fill', COLOR.muted).style('font-family', FONT.mono);
  }

  function drawLabels(groups: ReturnType<typeof layoutLanes>['groups']): void {
    labelsG
      .selectAll<SVGTextElement, (typeof groups)[number]>('text.group')
      .data(groups, (g) => String(g.vm))
      .join('text')
      .attr('class', 'group')
      .attr('x', 4)
      .attr('y', (g) => AXIS_HEIGHT + g.y + 11)
      .style('font-weight', 600)
      .text((g) => g.label);
    labelsG
      .selectAll<SVGTextElement, Lane>('text.lane')
      .data(lanes, (l) => l.key)
      .join('text')
      .attr('class', 'lane muted')
      .attr('x', LABEL_WIDTH - 6)
      .attr('y', (l) => AXIS_HEIGHT + l.y + l.height / 2 + 4)
      .attr('text-anchor', 'end')
      .text((l) => l.label);
  }

  function drawLanes(): void {
    const laneG = lanesG
      .selectAll<SVGGElement, Lane>('g.lane')
      .data(lanes, (l) => l.key)
      .join('g')
      .attr('class', 'lane')
      .attr('transform', (l) => `translate(0,${AXIS_HEIGHT + l.y})`);
    laneG.each(function (lane) {
      const segs = binIntervals(intervals.get(lane.key) ?? [], x, plotRange[0], plotRange[1], 2);
      const g = select(this);
      g.selectAll<SVGRectElement, Segment>('rect')
        .data(segs)
        .join('rect')
        .attr('x', (s) => s.x0)
        .attr('width', (s) => Math.max(0.5, s.x1 - s.x0))
        .attr('height', lane.height)
        .attr('fill', (s) => stateFill(prefix, s.state))
        .style('fill-opacity', (s) => (s.count > 1 ? 0.75 : 1));
      g.selectAll<SVGTextElement, Segment>('text')
        .data(segs.filter((s) => s.x1 - s.x0 >= LABEL_MIN_PX))
        .join('text')
        .attr('x', (s) => (s.x0 + s.x1) / 2)
        .attr('y', lane.height / 2 + 3.5)
        .attr('text-anchor', 'middle')
        .attr('font-size', 9)
        .attr('pointer-events', 'none')
        .style('paint-order', 'stroke')
        .style('stroke', COLOR.bg)
        .style('stroke-width', 2.5)
        .text((s) => STATE_STYLE[s.state].short);
    });
  }

  function drawMarks(marks: Mark[]): void {
    const laneY = new Map(lanes.map((l) => [l.key, AXIS_HEIGHT + l.y]));
    const nextX = new Map<Mark, number>();
    const lastOnLane = new Map<string, Mark>();
    for (const m of marks) {
      const prev = lastOnLane.get(m.laneKey);
      if (prev) nextX.set(prev, m.x);
      lastOnLane.set(m.laneKey, m);
    }
    const g = marksG
      .selectAll<SVGGElement, Mark>('g.mark')
      // Joined by position: while the trace grows the marks slide and re-pool, and refilling
      // the same nodes is much cheaper than replacing them all each frame.
      .data(marks.filter((m) => laneY.has(m.laneKey)))
      .join((enter) => {
        const e = enter.append('g').attr('class', 'mark clickable');
        e.append('path').attr('d', 'M-4.5,0 L4.5,0 L0,7 Z').style('fill', COLOR.fg).style('stroke', COLOR.bg).style('stroke-width', 1);
        e.append('text').attr('x', 5).attr('y', 8).attr('font-size', 9).style('paint-order', 'stroke').style('stroke', COLOR.bg).style('stroke-width', 2.5);
        e.append('title');
        return e;
      })
      .attr('transform', (m) => `translate(${m.x},${laneY.get(m.laneKey)})`);
    g.select('text').text((m) => ((nextX.get(m) ?? Infinity) - m.x > m.label.length * 5.5 + 8 ? m.label : ''));
    g.select('title').text((m) => m.title);
  }

  function drawFuture(future: readonly [number, number] | null, height: number): void {
    const x0 = future ? Math.max(plotRange[0], x(future[0] - 0.5)) : 0;
    const x1 = future ? Math.min(plotRange[1], x(future[1])) : 0;
    const shown = future !== null && x1 > x0;
    veil
      .attr('visibility', shown ? 'visible' : 'hidden')
      .attr('x', x0)
      .attr('width', Math.max(0, x1 - x0))
      .attr('y', AXIS_HEIGHT - 2)
      .attr('height', Math.max(0, height - CURSOR_LABEL_H - AXIS_HEIGHT + 4));
    veilLabel
      .attr('visibility', shown && x1 - x0 > 60 ? 'visible' : 'hidden')
      .attr('x', x0 + 6)
      .attr('y', height - 4);
  }

  function drawCursor(step: number, height: number): void {
    const cx = x(step + 0.5);
    const visible = cx >= plotRange[0] && cx <= plotRange[1];
    cursor.attr('x1', cx).attr('x2', cx).attr('y1', AXIS_HEIGHT - 2).attr('y2', height - CURSOR_LABEL_H + 2).attr('visibility', visible ? 'visible' : 'hidden');
    cursorLabel
      .attr('x', Math.max(plotRange[0] + 24, Math.min(plotRange[1] - 24, cx)))
      .attr('y', height - 3)
      .attr('visibility', visible ? 'visible' : 'hidden')
      .text(`step ${step}`);
  }

  /** A run-return mark: its code; a lane: its vCPU; keyboard: every vCPU. */
  function contextTargets(ev: MouseEvent | null, props: TimelineProps): VizTarget[] {
    if (ev === null) return lanes.map((l): VizTarget => ({ kind: 'vcpu', vm: l.vm, vcpu: l.vcpu }));
    const markEl = ev.target instanceof Element ? ev.target.closest('g.mark') : null;
    if (markEl) {
      const m = select<Element, Mark>(markEl).datum();
      const rr = eventAtStep(props.events, m.step, (e): e is RunReturnEvent => e.kind === 'run_return');
      return rr ? [{ kind: 'run_return', vm: rr.vm, code: rr.code }] : [];
    }
    const [px, py] = pointer(ev, svg.node());
    const lane = lanes.find((l) => py >= AXIS_HEIGHT + l.y && py < AXIS_HEIGHT + l.y + l.height);
    return lane && px <= plotRange[1] ? [{ kind: 'vcpu', vm: lane.vm, vcpu: lane.vcpu }] : [];
  }

  function describe(step: number, future: readonly [number, number] | null): string {
    const states = lanes.map((l) => {
      const iv = intervalAt(intervals.get(l.key) ?? [], step);
      return `VM ${l.vm} vCPU ${l.vcpu} ${iv ? STATE_STYLE[iv.state].label : 'unknown'}`;
    });
    return `vCPU states over time, steps ${full[0]} to ${full[1] - 1}. At step ${step}: ${states.join('; ')}. ${future ? ` Steps ${future[0]} to ${future[1] - 1} are the known future (shown faded).` : ''} Arrow keys move between state changes and run returns; plus and minus zoom.`;
  }

  return view.controller;
}
