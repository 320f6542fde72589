import { describe, expect, it } from 'vitest';
import { layoutLists, listsAt, pickListEvent, type ListEvent } from './layout.ts';
import { T6_VMS, TraceBuilder, t6Trace } from '../testing/t6.test-util.ts';

const t6 = t6Trace()
  .map(pickListEvent)
  .filter((e): e is ListEvent => e !== undefined);

const keys = (m: ReadonlyMap<number, readonly { key: string }[]>) => Object.fromEntries([...m].map(([vm, l]) => [vm, l.map((e) => e.key)]));

describe('listsAt on the T6 trace', () => {
  it('puts VM 1 on the primary\'s waiter list when its notify-send fails (step 7)', () => {
    const at = listsAt(T6_VMS, t6, 200);
    expect(keys(at.waiters)).toEqual({ 0: ['1->0'], 1: [], 2: [] });
    expect(keys(at.ready)).toEqual({ 0: [], 1: [], 2: [] });
    expect(at.last).toMatchObject({ kind: 'waiter_list', op: 'add', owner: 0, waiter: 1 });
  });

  it('moves the same entry to VM 1\'s ready list on WAITER_GET (step 9)', () => {
    const at = listsAt(T6_VMS, t6, 240);
    expect(keys(at.waiters)).toEqual({ 0: [], 1: [], 2: [] });
    expect(keys(at.ready)).toEqual({ 0: [], 1: ['1->0'], 2: [] });
    expect(at.ready.get(1)![0]).toEqual({ key: '1->0', waiter: 1, target: 0, since: 240 });
  });

  it('removes it on WRITABLE_GET (step 11)', () => {
    const at = listsAt(T6_VMS, t6, 290);
    expect(keys(at.ready)).toEqual({ 0: [], 1: [], 2: [] });
  });
});

describe('listsAt FIFO order', () => {
  // Two senders race for VM 3's busy mailbox; the primary drains the waiters in order.
  const vms = [0, 1, 2, 3].map((id) => ({ id, name: '', vcpus: [] }));
  const t = new TraceBuilder();
  t.at(1).push({ kind: 'waiter_list', op: 'add', owner: 3, waiter: 1 });
  t.at(2).push({ kind: 'waiter_list', op: 'add', owner: 3, waiter: 2 });
  t.at(3).push({ kind: 'waiter_list', op: 'add', owner: 3, waiter: 1 }); // already linked: no change
  t.at(4).push({ kind: 'waiter_list', op: 'remove', owner: 3, waiter: 1 }).push({ kind: 'ready_list', op: 'add', owner: 1, entry: 3 });
  t.at(5).push({ kind: 'waiter_list', op: 'remove', owner: 3, waiter: 2 }).push({ kind: 'ready_list', op: 'add', owner: 2, entry: 3 });
  const events = t.events.map(pickListEvent).filter((e): e is ListEvent => e !== undefined);

  it('appends at the tail and ignores a second add of a linked entry', () => {
    expect(keys(listsAt(vms, events, 3).waiters)[3]).toEqual(['1->3', '2->3']);
  });

  it('hands waiters out head first', () => {
    const at = listsAt(vms, events, 4);
    expect(keys(at.waiters)[3]).toEqual(['2->3']);
    expect(keys(at.ready)[1]).toEqual(['1->3']);
    expect(keys(listsAt(vms, events, 5).ready)).toEqual({ 0: [], 1: ['1->3'], 2: ['2->3'], 3: [] });
  });

  it('lays chips out head first, with the ready column aligned across rows', () => {
    const layout = layoutLists(vms, listsAt(vms, events, 2), { rowHeight: 30, chipWidth: 40, chipHeight: 20, chipGap: 10, labelWidth: 80, columnGap: 20, top: 10 });
    expect(layout.rows.map((r) => r.y)).toEqual([10, 40, 70, 100]);
    expect(layout.waitersX).toBe(100);
    expect(layout.readyX).toBe(100 + 3 * 50 + 20);
    expect(layout.entries.map((e) => [e.key, e.list, e.owner, e.names, e.index, e.x, e.y])).toEqual([
      ['1->3', 'waiters', 3, 1, 0, 100, 105],
      ['2->3', 'waiters', 3, 2, 1, 150, 105],
    ]);
    const moved = layoutLists(vms, listsAt(vms, events, 4));
    expect(moved.entries.find((e) => e.key === '1->3')).toMatchObject({ list: 'ready', owner: 1, names: 3, index: 0, x: moved.readyX });
  });
});

describe('listsAt anchored at the machine present', () => {
  // The machine is at step 10: VM 3's waiter list holds 2 (joined at step 2, before the
  // trace the page kept) and 4 (joined at step 6); 1 was handed to its ready list at step 8.
  const trace = new TraceBuilder();
  trace.at(6).push({ kind: 'waiter_list', op: 'add', owner: 3, waiter: 4 });
  trace.at(8).push({ kind: 'waiter_list', op: 'remove', owner: 3, waiter: 1 }).push({ kind: 'ready_list', op: 'add', owner: 1, entry: 3 });
  // The branch's known future (after a seek back to step 10): 2 leaves at step 12.
  trace.at(12).push({ kind: 'waiter_list', op: 'remove', owner: 3, waiter: 2 }).push({ kind: 'ready_list', op: 'add', owner: 2, entry: 3 });
  const events = trace.events.map(pickListEvent).filter((e): e is ListEvent => e !== undefined);
  const vms = [0, 1, 2, 3, 4].map((id) => ({ id, name: '', vcpus: [], waiterList: id === 3 ? [2, 4] : [], readyList: id === 1 ? [3] : [] }));

  it('shows the present as the machine reports it, with join steps from the trace', () => {
    const at = listsAt(vms, events, 9, 10);
    expect(keys(at.waiters)[3]).toEqual(['2->3', '4->3']);
    expect(at.waiters.get(3)!.map((e) => e.since)).toEqual([null, 6]);
    expect(at.ready.get(1)).toEqual([{ key: '1->3', waiter: 1, target: 3, since: 8 }]);
  });

  it('goes back before events the trimmed trace holds (a remove puts the entry back at the head)', () => {
    const at = listsAt(vms, events, 7, 10);
    expect(keys(at.waiters)[3]).toEqual(['1->3', '2->3', '4->3']);
    expect(keys(at.ready)[1]).toEqual([]);
    expect(keys(listsAt(vms, events, 5, 10).waiters)[3]).toEqual(['1->3', '2->3']);
  });

  it('goes forward into the known future', () => {
    const at = listsAt(vms, events, 12, 10);
    expect(keys(at.waiters)[3]).toEqual(['4->3']);
    expect(at.ready.get(2)).toEqual([{ key: '2->3', waiter: 2, target: 3, since: 12 }]);
    expect(at.last).toMatchObject({ kind: 'ready_list', owner: 2 });
  });

  it('replays from empty lists without an anchor (the trace from step 0)', () => {
    expect(keys(listsAt(vms, events, 9).waiters)[3]).toEqual(['4->3']);
  });
});
