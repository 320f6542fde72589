/**
 * D3 controller of the "waiter and ready lists" view: a row per VM with its
 * waiter list (VMs waiting for its mailbox, head first) and its ready list
 * (VMs whose mailbox became writable for it). Entries are keyed by
 * (waiter, target), so WAITER_GET visibly moves a chip from the target's
 * waiter list to the waiter's ready list; each chip links to the VM it names.
 */
import { pointer, select, transition, type BaseType, type Selection, type Transition } from 'd3';
import type { TraceEvent } from '../../../core/trace/events.ts';
import type { VizTarget } from '../common/context.ts';
import type { Controller, VizProps } from '../common/controller.ts';
import { prefersReducedMotion } from '../common/controller.ts';
import { createEventSelection } from '../common/event-cache.ts';
import { createChangeGate } from '../common/gate.ts';
import { mountView } from '../common/mount.ts';
import { COLOR } from '../common/theme.ts';
import { DEFAULT_LIST_GEOMETRY as G, layoutLists, listsAt, pickListEvent, type ListEvent, type PlacedEntry, type PlacedRow } from './layout.ts';

export type ListsViewProps = VizProps;

const MOVE_MS = 350;
const FADE_MS = 250;

/** When an entry joined its list, for its hover title. */
const sinceWords = (since: number | null) => (since === null ? 'since before the trace kept' : `since step ${since}`);

/** One sentence for a list event. */
export function describeListEvent(e: ListEvent): string {
  if (e.kind === 'waiter_list') {
    return e.op === 'add'
      ? `step ${e.step}: VM ${e.waiter} joined VM ${e.owner}'s waiter list (send failed, notify)`
      : `step ${e.step}: VM ${e.waiter} left VM ${e.owner}'s waiter list (WAITER_GET)`;
  }
  return e.op === 'add'
    ? `step ${e.step}: VM ${e.entry} joined VM ${e.owner}'s ready list (mailbox writable)`
    : `step ${e.step}: VM ${e.owner} took VM ${e.entry} off its ready list (WRITABLE_GET)`;
}

/** Creates the lists view inside `node`. */
export function createListsView(node: HTMLElement): Controller<ListsViewProps> {
  const view = mountView<ListsViewProps>(node, { roleDescription: 'waiter and ready lists', render, contextTargets });
  const { svg } = view;
  const headG = svg.append('g');
  const rowsG = svg.append('g');
  const chipsG = svg.append('g');
  const caption = svg.append('text').attr('class', 'clickable mono').attr('font-size', 10);
  const listEvents = createEventSelection((e: TraceEvent) => pickListEvent(e));
  let captionStep: number | undefined;
  const drawn = createChangeGate();
  let readyX = Infinity;
  caption.on('click', () => view.select(captionStep));

  function render({ events, view: machine, currentStep }: ListsViewProps): void {
    const evs = listEvents.update(events);
    view.selectable(evs);
    const lists = listsAt(machine.vms, evs, currentStep, machine.steps);
    const layout = layoutLists(machine.vms, lists);
    const width = Math.max(layout.width + 8, view.hostSize().width);
    const height = layout.height + 34;
    svg.attr('aria-label', describe(layout, currentStep));
    // The list event objects are shared, so `last` by identity stands for the caption and the highlight.
    const deps: unknown[] = [width, height, layout.waitersX, layout.readyX, lists.last];
    for (const r of layout.rows) deps.push(r.vm, r.label, r.y);
    for (const e of layout.entries) deps.push(e.key, e.list, e.owner, e.x, e.y, e.since);
    if (!drawn.changed(deps)) return;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    readyX = layout.readyX;
    const rowOf = new Map(layout.rows.map((r) => [r.vm, r]));
    const still = prefersReducedMotion();
    // Made on first use: most frames move nothing and need no transition.
    let fadeT: Transition<BaseType, unknown, null, undefined> | null = null;
    let moveT: Transition<BaseType, unknown, null, undefined> | null = null;
    const fade = () => (fadeT ??= transition('fade').duration(still ? 0 : FADE_MS));
    const move = () => (moveT ??= transition('move').duration(still ? 0 : MOVE_MS));

    headG
      .selectAll('text')
      .data([
        { x: layout.waitersX, t: 'waiter list (head first)' },
        { x: layout.readyX, t: 'ready list' },
      ])
      .join('text')
      .attr('class', 'muted')
      .attr('x', (d) => d.x)
      .attr('y', 13)
      .style('font-weight', 600)
      .text((d) => d.t);

    rowsG
      .selectAll<SVGGElement, PlacedRow>('g.row')
      .data(layout.rows, (r) => String(r.vm))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'row');
        g.append('line').style('stroke', COLOR.border);
        g.append('rect').attr('rx', 4).attr('width', G.labelWidth - 8).attr('height', G.chipHeight).style('fill', COLOR.panel).style('stroke', COLOR.fg);
        g.append('text').attr('class', 'label').attr('x', 6).attr('y', G.chipHeight / 2 + 4).style('font-weight', 600);
        g.append('text').attr('class', 'empty-w muted').attr('font-size', 10);
        g.append('text').attr('class', 'empty-r muted').attr('font-size', 10);
        return g;
      })
      .attr('transform', (r) => `translate(2,${r.y + (G.rowHeight - G.chipHeight) / 2})`)
      .each(function (r) {
        const g = select(this);
        g.select('line')
          .attr('x1', 0)
          .attr('x2', width)
          .attr('y1', G.rowHeight - (G.rowHeight - G.chipHeight) / 2)
          .attr('y2', G.rowHeight - (G.rowHeight - G.chipHeight) / 2)
          .style('stroke-opacity', 0.4);
        g.select('text.label').text(r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label);
        g.select('text.empty-w')
          .attr('x', layout.waitersX + 4)
          .attr('y', G.chipHeight / 2 + 4)
          .text((lists.waiters.get(r.vm)?.length ?? 0) === 0 ? '(nobody waiting)' : '');
        g.select('text.empty-r')
          .attr('x', layout.readyX + 4)
          .attr('y', G.chipHeight / 2 + 4)
          .text((lists.ready.get(r.vm)?.length ?? 0) === 0 ? '(empty)' : '');
      });

    const linkPath = (e: PlacedEntry): string => {
      const row = rowOf.get(e.names);
      if (!row) return '';
      const tx = G.labelWidth - 6 - e.x;
      const ty = row.y + G.rowHeight / 2 - e.y;
      const h = G.chipHeight / 2;
      return `M0,${h} C${-G.columnGap},${h} ${tx + G.columnGap},${ty} ${tx},${ty}`;
    };
    const lastStep = lists.last?.step ?? null;
    const chips = chipsG
      .selectAll<SVGGElement, PlacedEntry>('g.viz-chip')
      .data(layout.entries, (e) => e.key)
      .join(
        (enter) => {
          const g = enter
            .append('g')
            .attr('class', 'viz-chip')
            .attr('transform', (e) => `translate(${e.x},${e.y})`)
            .style('opacity', 0);
          g.append('path').attr('class', 'viz-link').style('fill', 'none').style('stroke', COLOR.accent).style('stroke-width', 1.2);
          g.append('rect').attr('rx', 4).attr('width', G.chipWidth).attr('height', G.chipHeight);
          g.append('text').attr('x', G.chipWidth / 2).attr('y', G.chipHeight / 2 + 4).attr('text-anchor', 'middle').attr('class', 'mono');
          g.append('title');
          g.transition(fade()).style('opacity', 1);
          return g;
        },
        (update) => update,
        (exit) => exit.transition(fade()).style('opacity', 0).remove(),
      );
    chips.each(function (e) {
      const g = select(this) as unknown as Selection<SVGGElement, PlacedEntry, null, undefined>;
      const target = `translate(${e.x},${e.y})`;
      const fresh = e.since !== null && e.since === lastStep;
      g.select('rect')
        .style('fill', e.list === 'ready' ? COLOR.panel : COLOR.bg)
        .style('stroke', fresh ? COLOR.accent : COLOR.fg)
        .style('stroke-width', fresh ? 3 : 1.5)
        .style('stroke-dasharray', e.list === 'ready' ? '4 2' : 'none');
      g.select('text').text(e.list === 'ready' ? `✓ VM${e.names}` : `VM${e.names}`);
      g.select('title').text(
        e.list === 'waiters'
          ? `VM ${e.waiter} waits for VM ${e.target}'s mailbox to become writable (${sinceWords(e.since)})`
          : `VM ${e.target}'s mailbox became writable for VM ${e.waiter} (${sinceWords(e.since)}); VM ${e.waiter} collects it with HF_MAILBOX_WRITABLE_GET`,
      );
      if (this.dataset.target !== target) {
        this.dataset.target = target;
        g.transition(move()).attr('transform', target);
        g.select('path').transition(move()).attr('d', linkPath(e));
      }
    });

    captionStep = lastStep ?? undefined;
    // The sentence, then its parenthesis on a second line, so narrow panels keep all of it.
    const sentence = lists.last ? describeListEvent(lists.last) : 'no list changes yet';
    const cut = sentence.indexOf(' (');
    caption
      .attr('y', height - 18)
      .selectAll('tspan')
      .data(cut > 0 ? [sentence.slice(0, cut), sentence.slice(cut + 1)] : [sentence])
      .join('tspan')
      .attr('x', 4)
      .attr('dy', (_t, i) => (i === 0 ? 0 : 12))
      .text((t) => t);
  }

  /** A chip: its list; elsewhere in a row: the list under the pointer (left column: waiters, right: ready); keyboard: both lists of every row. */
  function contextTargets(ev: MouseEvent | null): VizTarget[] {
    const rows = rowsG.selectAll<SVGGElement, PlacedRow>('g.row').data();
    if (ev === null) {
      return rows.flatMap((r): VizTarget[] => [
        { kind: 'list', list: 'waiter_list', owner: r.vm },
        { kind: 'list', list: 'ready_list', owner: r.vm },
      ]);
    }
    const el = ev.target instanceof Element ? ev.target : null;
    const chip = el?.closest('g.viz-chip');
    if (chip) {
      const e = select<Element, PlacedEntry>(chip).datum();
      return [{ kind: 'list', list: e.list === 'ready' ? 'ready_list' : 'waiter_list', owner: e.owner }];
    }
    const [px, py] = pointer(ev, svg.node());
    const r = rows.find((row) => py >= row.y && py < row.y + G.rowHeight);
    return r ? [{ kind: 'list', list: px >= readyX ? 'ready_list' : 'waiter_list', owner: r.vm }] : [];
  }

  function describe(layout: ReturnType<typeof layoutLists>, step: number): string {
    const parts = layout.rows.map((r) => {
      const w = layout.entries.filter((e) => e.owner === r.vm && e.list === 'waiters').map((e) => `VM ${e.names}`);
      const rd = layout.entries.filter((e) => e.owner === r.vm && e.list === 'ready').map((e) => `VM ${e.names}`);
      return `VM ${r.vm}: waiters ${w.length ? w.join(', ') : 'none'}; ready ${rd.length ? rd.join(', ') : 'none'}`;
    });
    return `Waiter and ready lists at step ${step}. ${parts.join('. ')}. Arrow keys move between list changes.`;
  }

  return view.controller;
}
