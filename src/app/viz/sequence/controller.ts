/**
 * D3 controller of the message sequence diagram: a lifeline per VM, time
 * downward, one row per arrow (message, refused send, interrupt injection,
 * run return to the primary). Only the window of rows around the current
 * step is drawn, so the cost does not grow with the trace; hover gives the
 * details, click or arrow keys select an arrow's step.
 */
import { select } from 'd3';
import type { HypercallEvent, RunReturnEvent, TraceEvent } from '../../../core/trace/events.ts';
import { eventAtStep, uniqueTargets, type VizTarget } from '../common/context.ts';
import type { Controller, VizProps } from '../common/controller.ts';
import { createEventSelection } from '../common/event-cache.ts';
import { createChangeGate } from '../common/gate.ts';
import { appendArrowMarker } from '../common/markers.ts';
import { mountView } from '../common/mount.ts';
import { uniquePrefix } from '../common/patterns.ts';
import { COLOR } from '../common/theme.ts';
import { laneCentres, nowLineRow, pickArrow, sequenceWindow, type ArrowKind, type SeqArrow, type SeqRow } from './layout.ts';

export interface SequenceViewProps extends VizProps {
  /** Rows to draw at most; by default as many as fit the host's height. */
  readonly maxRows?: number;
}

const HEADER_H = 30;
const ROW_H = 22;
const STEP_COL = 54;
const LOOKAHEAD = 3;

/** Line style per arrow kind: colour, dash, width and marker (never colour alone). */
const STYLE: Readonly<Record<ArrowKind, { color: string; dash: string; width: number; marker: 'msg' | 'irq' | 'ret' | 'none' }>> = {
  message: { color: COLOR.fg, dash: 'none', width: 2, marker: 'msg' },
  rejected: { color: COLOR.reject, dash: '5 3', width: 2, marker: 'none' },
  inject: { color: COLOR.accent, dash: '2 3', width: 2, marker: 'irq' },
  run_return: { color: COLOR.muted, dash: '8 3 2 3', width: 1.2, marker: 'ret' },
};

/** Creates the sequence diagram inside `node`. */
export function createSequenceView(node: HTMLElement): Controller<SequenceViewProps> {
  const prefix = uniquePrefix('sequence');
  const view = mountView<SequenceViewProps>(node, { roleDescription: 'message sequence diagram', render, contextTargets });
  const { svg } = view;
  const defs = svg.append('defs');
  appendArrowMarker(defs, `${prefix}-msg`, COLOR.fg);
  appendArrowMarker(defs, `${prefix}-irq`, COLOR.accent, true);
  appendArrowMarker(defs, `${prefix}-ret`, COLOR.muted, true);
  const lanesG = svg.append('g');
  const rowsG = svg.append('g');
  // Between the present and the known future (after a seek back): a line marked "now".
  const nowG = svg.append('g').attr('pointer-events', 'none');
  const nowLine = nowG.append('line').style('stroke', COLOR.accent).style('stroke-width', 1.5).style('stroke-dasharray', '6 3');
  const nowText = nowG
    .append('text')
    .attr('class', 'mono')
    .attr('font-size', 9.5)
    .attr('text-anchor', 'end')
    .style('fill', COLOR.accent)
    .style('paint-order', 'stroke')
    .style('stroke', COLOR.bg)
    .style('stroke-width', 3);
  const arrows = createEventSelection((e: TraceEvent) => pickArrow(e));
  const drawn = createChangeGate();

  function render(props: SequenceViewProps): void {
    const { events, view: machine, currentStep } = props;
    const all = arrows.update(events);
    view.selectable(all);
    const host = view.hostSize();
    const width = Math.max(260, host.width);
    const fit = Math.floor((host.height - HEADER_H - 6) / ROW_H);
    const maxRows = props.maxRows ?? Math.max(6, fit);
    const { rows, selected } = sequenceWindow(all, currentStep, maxRows, LOOKAHEAD);
    const height = Math.max(host.height, HEADER_H + rows.length * ROW_H + 6);
    svg.attr('aria-label', describe(rows, selected));
    // Arrows are shared objects: identity says whether a row's drawing changed.
    const deps: unknown[] = [width, height, all[selected]];
    for (const v of machine.vms) deps.push(v.id, v.name);
    for (const r of rows) deps.push(r.arrow, r.future);
    if (!drawn.changed(deps)) return;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const xs = laneCentres(machine.vms, width - STEP_COL, 40);
    const laneX = (vm: number) => STEP_COL + (xs.get(vm) ?? -1000);

    const vms = [...machine.vms].sort((a, b) => a.id - b.id);
    lanesG
      .selectAll<SVGGElement, (typeof vms)[number]>('g.lane')
      .data(vms, (v) => String(v.id))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'lane');
        g.append('line').style('stroke', COLOR.border).style('stroke-width', 1.5).style('stroke-dasharray', '3 3');
        g.append('text').attr('text-anchor', 'middle').attr('y', 12).style('font-weight', 600);
        g.append('text').attr('class', 'sub muted').attr('text-anchor', 'middle').attr('y', 24).attr('font-size', 9.5);
        return g;
      })
      .attr('transform', (v) => `translate(${laneX(v.id)},0)`)
      .each(function (v) {
        const g = select(this);
        g.select('line').attr('y1', HEADER_H - 2).attr('y2', height);
        g.select('text').text(`VM ${v.id}`);
        g.select('text.sub').text(v.id === 0 && v.name !== 'primary' ? `${v.name} (primary)` : v.name);
      });

    const y = (r: SeqRow) => HEADER_H + r.row * ROW_H + ROW_H / 2;
    const nowRow = nowLineRow(rows);
    const nowY = nowRow === null ? 0 : HEADER_H + nowRow * ROW_H;
    nowG.attr('visibility', nowRow === null ? 'hidden' : 'visible');
    nowLine.attr('x1', 0).attr('x2', width).attr('y1', nowY).attr('y2', nowY);
    nowText.attr('x', width - 4).attr('y', nowY + 10).text('now · below: the known future');
    rowsG
      .selectAll<SVGGElement, SeqRow>('g.viz-row')
      // Keyed by row slot: when the window slides, the rows' nodes are refilled rather than replaced.
      .data(rows, (r) => String(r.row))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'viz-row clickable');
        g.append('rect').attr('class', 'viz-row-band').attr('x', 0).attr('height', ROW_H).style('fill', 'transparent');
        g.append('text').attr('class', 'step muted mono').attr('x', 4).attr('font-size', 10);
        g.append('path').attr('class', 'arrow').style('fill', 'none');
        g.append('path').attr('class', 'cross').style('fill', 'none');
        g.append('text').attr('class', 'label mono').attr('text-anchor', 'middle').attr('font-size', 10).style('paint-order', 'stroke').style('stroke', COLOR.bg).style('stroke-width', 3);
        g.append('title');
        g.on('click', (_ev, r) => view.select(r.arrow.step));
        return g;
      })
      .style('opacity', (r) => (r.future ? 0.35 : 1))
      .each(function (r) {
        const g = select(this);
        const a = r.arrow;
        const s = STYLE[a.kind];
        const yy = y(r);
        const x1 = laneX(a.from);
        let x2 = laneX(a.to);
        const isSel = r.index === selected;
        g.select('rect.viz-row-band')
          .attr('y', yy - ROW_H / 2)
          .attr('width', width)
          .style('fill', isSel ? COLOR.accent : 'transparent')
          .style('fill-opacity', isSel ? 0.18 : 0);
        g.select('text.step')
          .attr('y', yy + 3.5)
          .style('font-weight', isSel ? 700 : 400)
          .text(`@${a.step}`);
        let d: string;
        let lx: number;
        if (a.from === a.to) {
          d = `M${x1},${yy - 6} C${x1 + 30},${yy - 10} ${x1 + 30},${yy + 10} ${x1 + 4},${yy + 6}`;
          lx = x1 + 44;
        } else {
          const dir = Math.sign(x2 - x1);
          if (a.kind === 'rejected') x2 = x1 + (x2 - x1) * 0.75;
          else x2 -= dir * 3;
          d = `M${x1},${yy} L${x2},${yy}`;
          lx = (x1 + x2) / 2;
        }
        g.select('path.arrow')
          .attr('d', d)
          .attr('marker-end', s.marker === 'none' ? null : `url(#${prefix}-${s.marker})`)
          .style('stroke', s.color)
          .style('stroke-width', isSel ? s.width + 1 : s.width)
          .style('stroke-dasharray', s.dash);
        g.select('path.cross')
          .attr('d', a.kind === 'rejected' ? `M${x2 - 5},${yy - 5} L${x2 + 5},${yy + 5} M${x2 + 5},${yy - 5} L${x2 - 5},${yy + 5}` : null)
          .style('stroke', COLOR.reject)
          .style('stroke-width', 2.5);
        g.select('text.label')
          .attr('x', lx)
          .attr('y', yy - 4)
          .style('fill', a.kind === 'rejected' ? COLOR.reject : s.color)
          .style('font-weight', isSel ? 700 : 400)
          .text(a.label);
        g.select('title').text(a.title);
      });
  }

  /** What arrow `a` stands for (details from its event in `events`). */
  function targetOf(a: SeqArrow, events: readonly TraceEvent[]): VizTarget | null {
    switch (a.kind) {
      case 'message':
      case 'rejected':
        return { kind: 'message', from: a.from, to: a.to, refused: a.kind === 'rejected' };
      case 'inject': {
        const hc = eventAtStep(events, a.step, (e): e is HypercallEvent => e.kind === 'hypercall' && e.name === 'HF_INTERRUPT_INJECT');
        return { kind: 'inject', to: a.to, intid: hc ? Number(BigInt(hc.args[2]) & 0xffffffffn) : null };
      }
      case 'run_return': {
        const rr = eventAtStep(events, a.step, (e): e is RunReturnEvent => e.kind === 'run_return');
        return rr ? { kind: 'run_return', vm: rr.vm, code: rr.code } : null;
      }
    }
  }

  /** An arrow row: what it stands for; keyboard: every distinct arrow drawn. */
  function contextTargets(ev: MouseEvent | null, props: SequenceViewProps): VizTarget[] {
    const rows = rowsG.selectAll<SVGGElement, SeqRow>('g.viz-row');
    const rowEl = ev?.target instanceof Element ? ev.target.closest('g.viz-row') : null;
    const picked = ev === null ? rows.data() : rowEl ? [select<Element, SeqRow>(rowEl).datum()] : [];
    return uniqueTargets(picked.map((r) => targetOf(r.arrow, props.events)).filter((t): t is VizTarget => t !== null));
  }

  function describe(rows: readonly SeqRow[], selected: number): string {
    const sel = rows.find((r) => r.index === selected);
    return `Message sequence diagram, ${rows.length} arrows shown around the current step.${sel ? ` Selected: ${sel.arrow.title}.` : ''} Arrow keys move between arrows.`;
  }

  return view.controller;
}
