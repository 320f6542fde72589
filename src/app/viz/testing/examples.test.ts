/**
 * The views' derivations against the real machine: every built-in example is
 * run step by step, and after each step the state the views derive from the
 * trace alone (vCPU lanes, mailboxes, waiter/ready lists) must equal the
 * machine's own view. This is what makes the drawings trustworthy.
 */
import { describe, expect, it } from 'vitest';
import { listExamples } from '../../../../examples/index.ts';
import { buildImages } from '../../../core/scenario/load.ts';
import { createMachine } from '../../../core/machine/machine.ts';
import type { Machine } from '../../../core/machine/api.ts';
import { deriveIntervals, intervalAt, laneKey } from '../timeline/layout.ts';
import { mailboxesAt, pickMailboxFact, type MailboxFact } from '../mailbox/layout.ts';
import { listsAt, pickListEvent, type ListEvent } from '../lists/layout.ts';
import { pickArrow, type SeqArrow } from '../sequence/layout.ts';
import type { VcpuStateEvent } from '../../../core/trace/events.ts';

const files = import.meta.glob<string>('/examples/**/*.{s,json}', { eager: true, query: '?raw', import: 'default' });
const { examples } = listExamples(files);

function machineFor(id: string): Machine {
  const e = examples.find((x) => x.id === id)!;
  const built = buildImages(e.scenario, e.files);
  if (!built.ok) throw new Error(`example ${id} does not build`);
  return createMachine(e.scenario, built.images);
}

/** Compares what the views derive from `m`'s trace with `m.view()` at the current step. */
function expectDerivedMatchesMachine(m: Machine): void {
  const events = m.trace.since(0);
  const view = m.view();
  const step = view.steps;
  const lanes = deriveIntervals(
    view.vms,
    events.filter((e): e is VcpuStateEvent => e.kind === 'vcpu_state'),
    0,
    step + 1,
  );
  for (const vm of view.vms) {
    for (const v of vm.vcpus) {
      expect(intervalAt(lanes.get(laneKey(vm.id, v.index))!, step)?.state, `step ${step} VM ${vm.id} vCPU ${v.index}`).toBe(v.state);
    }
  }
  const facts = events.map(pickMailboxFact).filter((f): f is MailboxFact => f !== undefined);
  const boxes = mailboxesAt(view.vms, facts, step);
  const lists = listsAt(
    view.vms,
    events.map(pickListEvent).filter((e): e is ListEvent => e !== undefined),
    step,
  );
  for (const vm of view.vms) {
    const b = boxes.get(vm.id)!;
    expect({ state: b.state, sender: b.sender, size: b.size }, `step ${step} VM ${vm.id} mailbox`).toEqual({
      state: vm.mailbox.state,
      sender: vm.mailbox.sender,
      size: vm.mailbox.sender === null ? 0 : vm.mailbox.size,
    });
    expect(lists.waiters.get(vm.id)!.map((e) => e.waiter), `step ${step} VM ${vm.id} waiter list`).toEqual(vm.waiterList);
    expect(lists.ready.get(vm.id)!.map((e) => e.target), `step ${step} VM ${vm.id} ready list`).toEqual(vm.readyList);
  }
}

describe('view derivations agree with the machine', () => {
  it.each(examples.map((e) => [e.id]))('%s, after every step that adds events', (id) => {
    const m = machineFor(id);
    let seen = 0;
    let checks = 0;
    while (!m.ended) {
      const r = m.step(1);
      if (m.trace.length !== seen) {
        seen = m.trace.length;
        expectDerivedMatchesMachine(m);
        checks++;
      }
      if (r.stop === 'need_choice' || r.stop === 'breakpoint') break;
    }
    expect(checks).toBeGreaterThan(5);
  });
});

describe('the T6 example as the views show it', () => {
  const m = machineFor('t6-primary-to-secondary');
  m.run(100_000);
  const events = m.trace.since(0);
  const arrows = events.map(pickArrow).filter((a): a is SeqArrow => a !== undefined);

  it('draws the refused echo, the WRITABLE injection and the successful retry in that order', () => {
    const rejected = arrows.findIndex((a) => a.kind === 'rejected' && a.from === 1 && a.to === 0);
    const inject = arrows.findIndex((a) => a.kind === 'inject' && a.from === 0 && a.to === 1 && a.label === 'WRITABLE');
    const retry = arrows.findIndex((a, i) => i > inject && a.kind === 'message' && a.from === 1 && a.to === 0);
    expect(rejected).toBeGreaterThan(-1);
    expect(inject).toBeGreaterThan(rejected);
    expect(retry).toBeGreaterThan(inject);
    expect(arrows[retry].label).toBe('15 B');
  });

  it('shows VM 1 on the primary\'s waiter list, then on its own ready list, then on neither', () => {
    const listEvents = events.map(pickListEvent).filter((e): e is ListEvent => e !== undefined);
    expect(listEvents.map((e) => [e.kind, e.op, e.owner])).toEqual([
      ['waiter_list', 'add', 0],
      ['waiter_list', 'remove', 0],
      ['ready_list', 'add', 1],
      ['ready_list', 'remove', 1],
    ]);
    const [joined, , moved] = listEvents;
    expect(listsAt(m.view().vms, listEvents, joined.step).waiters.get(0)!.map((e) => e.key)).toEqual(['1->0']);
    expect(listsAt(m.view().vms, listEvents, moved.step).ready.get(1)!.map((e) => e.key)).toEqual(['1->0']);
  });
});
