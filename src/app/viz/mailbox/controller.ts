/**
 * D3 controller of the "mailbox state machine" view: per VM, a small diagram
 * of the three mailbox states with the current one lit, the last transition
 * highlighted and captioned with its hypercall, the held message's sender and
 * size, and a refused send drawn as a dashed arrow ending in a cross.
 */
import { select, type Selection } from 'd3';
import type { MailboxState, TraceEvent } from '../../../core/trace/events.ts';
import type { VizTarget } from '../common/context.ts';
import type { Controller, VizProps } from '../common/controller.ts';
import { createEventSelection } from '../common/event-cache.ts';
import { createChangeGate } from '../common/gate.ts';
import { appendArrowMarker } from '../common/markers.ts';
import { mountView } from '../common/mount.ts';
import { uniquePrefix } from '../common/patterns.ts';
import { COLOR, MAILBOX_COLOR } from '../common/theme.ts';
import { diagramGeometry, edgeFor, mailboxesAt, pickMailboxFact, roleNames, type DiagramEdge, type DiagramNode, type MailboxAt } from './layout.ts';

export type MailboxViewProps = VizProps;

const CELL_W = 226;
const DIAGRAM_TOP = 18;
const DIAGRAM_H = 100;
const LINE_H = 13;
const CELL_H = DIAGRAM_TOP + DIAGRAM_H + 4 * LINE_H + 6;
/** Characters of 10px monospace that fit on a caption line. */
const LINE_CHARS = 35;
const GAP = 8;

interface Cell {
  readonly vm: number;
  readonly title: string;
  readonly at: MailboxAt;
  readonly x: number;
  readonly y: number;
}

/** `text` cut to one caption line (the full text stays in the accessible description). */
function clip(text: string): string {
  return text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS - 1)}…` : text;
}

/** "the held message" line of a cell. */
function holding(at: MailboxAt): string {
  if (at.sender === null) return `${at.state}: no message held`;
  return `${at.state}: ${at.size} B from VM ${at.sender}`;
}

/** Creates the mailbox view inside `node`. */
export function createMailboxView(node: HTMLElement): Controller<MailboxViewProps> {
  const prefix = uniquePrefix('mailbox');
  const view = mountView<MailboxViewProps>(node, { roleDescription: 'mailbox state diagrams', render, contextTargets });
  const { svg } = view;
  const defs = svg.append('defs');
  appendArrowMarker(defs, `${prefix}-arrow`, COLOR.muted);
  appendArrowMarker(defs, `${prefix}-hot`, COLOR.accent);
  const cellsG = svg.append('g');
  const geometry = diagramGeometry(CELL_W - 10, DIAGRAM_H);

  const facts = createEventSelection((e: TraceEvent) => pickMailboxFact(e));
  const select_ = view.select;
  const drawn = createChangeGate();

  function render({ events, view: machine, currentStep }: MailboxViewProps): void {
    const fs = facts.update(events);
    view.selectable(fs);
    const at = mailboxesAt(machine.vms, fs, currentStep);
    const width = Math.max(CELL_W, view.hostSize().width);
    const cols = Math.max(1, Math.floor((width + GAP) / (CELL_W + GAP)));
    const vms = [...machine.vms].sort((a, b) => a.id - b.id);
    const cells: Cell[] = vms.map((vm, i) => ({
      vm: vm.id,
      title: vm.name ? `VM ${vm.id} ${vm.name}` : `VM ${vm.id}`,
      at: at.get(vm.id)!,
      x: (i % cols) * (CELL_W + GAP) + 4,
      y: Math.floor(i / cols) * (CELL_H + GAP) + 4,
    }));
    const height = Math.ceil(cells.length / cols) * (CELL_H + GAP) + 4;
    svg.attr('aria-label', describe(cells, currentStep));
    // Facts are shared objects, so identity says whether a cell's drawing changed.
    const deps: unknown[] = [width];
    for (const c of cells) deps.push(c.vm, c.title, c.x, c.y, c.at.state, c.at.sender, c.at.size, c.at.last, c.at.rejected);
    if (!drawn.changed(deps)) return;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    cellsG
      .selectAll<SVGGElement, Cell>('g.cell')
      .data(cells, (c) => String(c.vm))
      .join((enter) => buildCell(enter.append('g').attr('class', 'cell')))
      .attr('transform', (c) => `translate(${c.x},${c.y})`)
      .each(function (c) {
        drawCell(select(this), c);
      });
  }

  function buildCell(g: Selection<SVGGElement, Cell, SVGGElement, unknown>): Selection<SVGGElement, Cell, SVGGElement, unknown> {
    g.append('rect').attr('class', 'frame').attr('width', CELL_W).attr('height', CELL_H).attr('rx', 6).style('fill', COLOR.panel).style('stroke', COLOR.border);
    g.append('text').attr('class', 'title').attr('x', 8).attr('y', 14).style('font-weight', 600);
    const d = g.append('g').attr('class', 'diagram').attr('transform', `translate(5,${DIAGRAM_TOP})`);
    d.append('g').attr('class', 'edges');
    d.append('g').attr('class', 'nodes');
    d.append('g').attr('class', 'reject');
    ['hold', 'last clickable', 'refused clickable', 'reason clickable'].forEach((cls, i) => {
      g.append('text')
        .attr('class', `${cls} mono`)
        .attr('x', 8)
        .attr('y', DIAGRAM_TOP + DIAGRAM_H + (i + 1) * LINE_H)
        .attr('font-size', 10);
    });
    return g;
  }

  function drawCell(g: Selection<SVGGElement, Cell, null, undefined>, c: Cell): void {
    const { at } = c;
    const names = roleNames(at.state);
    const hot = at.last ? edgeFor(geometry, at.last) : undefined;
    g.select('text.title').text(c.title);

    g.select('g.edges')
      .selectAll<SVGGElement, DiagramEdge>('g.edge')
      .data(geometry.edges)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'edge');
        e.append('path').style('fill', 'none');
        e.append('text').attr('text-anchor', 'middle').attr('font-size', 9.5);
        return e;
      })
      .each(function (edge) {
        const isHot = edge === hot;
        const e = select(this).classed('clickable', isHot);
        e.select('path')
          .attr('d', edge.path)
          .attr('marker-end', `url(#${prefix}-${isHot ? 'hot' : 'arrow'})`)
          .style('stroke', isHot ? COLOR.accent : COLOR.muted)
          .style('stroke-width', isHot ? 3 : 1.2)
          .style('stroke-opacity', isHot ? 1 : 0.7);
        e.select('text')
          .attr('x', edge.labelX)
          .attr('y', edge.labelY)
          .attr('class', isHot ? 'hot' : 'muted')
          .style('font-weight', isHot ? 700 : 400)
          .style('fill', isHot ? COLOR.accent : COLOR.muted)
          .text(isHot && at.last ? at.last.cause.replace(/^HF_/, '') : edge.hint);
        e.on('click', () => {
          if (isHot) select_(at.last?.step);
        });
      });

    const lit = names.indexOf(at.state);
    g.select('g.nodes')
      .selectAll<SVGGElement, DiagramNode>('g.node')
      .data(geometry.nodes)
      .join((enter) => {
        const n = enter.append('g').attr('class', 'node');
        n.append('circle').attr('class', 'ring').style('fill', 'none');
        n.append('circle').attr('class', 'body');
        n.append('text')
          .attr('class', 'name')
          .attr('text-anchor', 'middle')
          .attr('y', 3.5)
          .attr('font-size', 9.5)
          .style('paint-order', 'stroke')
          .style('stroke', COLOR.bg)
          .style('stroke-width', 2.5);
        return n;
      })
      .each(function (n) {
        const on = n.role === lit;
        const name: MailboxState = names[n.role];
        const colour = MAILBOX_COLOR[n.role === 0 ? 'empty' : n.role === 1 ? 'received' : 'read'];
        const g2 = select(this).attr('transform', `translate(${n.x},${n.y})`);
        g2.select('circle.body')
          .attr('r', n.r)
          .style('fill', on ? colour : COLOR.bg)
          .style('stroke', on ? COLOR.fg : COLOR.border)
          .style('stroke-width', on ? 2.5 : 1.2);
        g2.select('circle.ring')
          .attr('r', n.r + 3.5)
          .style('stroke', COLOR.fg)
          .style('stroke-width', 1.5)
          .attr('visibility', on ? 'visible' : 'hidden');
        g2.select('text.name')
          .style('font-weight', on ? 700 : 400)
          .text(name);
      });

    const rej = at.rejected;
    const target = geometry.nodes[Math.max(0, lit)];
    const rg = g.select('g.reject');
    rg.selectAll('*').remove();
    if (rej) {
      const from = geometry.rejectFrom[target.role];
      const len = Math.hypot(target.x - from.x, target.y - from.y) || 1;
      const ex = target.x - ((target.x - from.x) * (target.r + 7)) / len;
      const ey = target.y - ((target.y - from.y) * (target.r + 7)) / len;
      const onRight = from.x > geometry.width / 2;
      rg.append('path')
        .attr('d', `M${from.x},${from.y} L${ex},${ey}`)
        .style('stroke', COLOR.reject)
        .style('stroke-width', 2)
        .style('stroke-dasharray', '5 3');
      rg.append('path')
        .attr('d', `M${ex - 5},${ey - 5} L${ex + 5},${ey + 5} M${ex + 5},${ey - 5} L${ex - 5},${ey + 5}`)
        .style('stroke', COLOR.reject)
        .style('stroke-width', 2.5);
      rg.append('text')
        .attr('x', onRight ? from.x - 14 : from.x + 14)
        .attr('y', from.y + 8)
        .attr('text-anchor', onRight ? 'end' : 'start')
        .attr('font-size', 9.5)
        .style('fill', COLOR.reject)
        .style('font-weight', 700)
        .text(`✕ VM ${rej.sender}`);
    }

    g.select('text.hold').text(holding(at));
    g.select('text.last')
      .text(at.last ? `last: ${at.last.cause} by VM ${at.last.by} @${at.last.step}` : 'no change yet')
      .on('click', () => select_(at.last?.step));
    g.select('text.refused')
      .style('fill', COLOR.reject)
      .text(rej ? clip(`✕ VM ${rej.sender} send ${rej.size} B refused @${rej.step}`) : '')
      .on('click', () => select_(rej?.step));
    const reason = rej ? `${rej.reason}${rej.notify ? '; sender will be notified' : ''}` : '';
    g.select('text.reason')
      .style('fill', COLOR.reject)
      .text(clip(reason))
      .on('click', () => select_(rej?.step));
    g.select('text.reason').selectAll('title').data(reason ? [reason] : []).join('title').text((t) => t);
  }

  /** A state node: that state of its VM's mailbox; elsewhere in a cell: the mailbox; keyboard: every state of every mailbox. */
  function contextTargets(ev: MouseEvent | null): VizTarget[] {
    const cellNodes = cellsG.selectAll<SVGGElement, Cell>('g.cell');
    if (ev === null) {
      return cellNodes.data().flatMap((c) => roleNames(c.at.state).map((state): VizTarget => ({ kind: 'mailbox', vm: c.vm, state })));
    }
    const el = ev.target instanceof Element ? ev.target : null;
    const cellEl = el?.closest('g.cell');
    if (!cellEl) return [];
    const c = select<Element, Cell>(cellEl).datum();
    const nodeEl = el?.closest('g.node');
    const state = nodeEl ? roleNames(c.at.state)[select<Element, DiagramNode>(nodeEl).datum().role] : null;
    return [{ kind: 'mailbox', vm: c.vm, state }];
  }

  function describe(cells: readonly Cell[], step: number): string {
    const parts = cells.map((c) => {
      const last = c.at.last ? `, last changed by ${c.at.last.cause} from VM ${c.at.last.by} at step ${c.at.last.step}` : '';
      const rej = c.at.rejected ? `, a send from VM ${c.at.rejected.sender} was refused at step ${c.at.rejected.step}` : '';
      return `VM ${c.vm} mailbox ${holding(c.at)}${last}${rej}`;
    });
    return `Mailbox state machines at step ${step}: ${parts.join('; ')}. Arrow keys move between mailbox events.`;
  }

  return view.controller;
}
