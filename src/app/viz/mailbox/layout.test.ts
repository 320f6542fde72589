import { describe, expect, it } from 'vitest';
import { diagramGeometry, edgeFor, mailboxesAt, pickMailboxFact, type MailboxFact } from './layout.ts';
import { T6_VMS, TraceBuilder, t6Trace } from '../testing/t6.test-util.ts';

const facts = t6Trace()
  .map(pickMailboxFact)
  .filter((f): f is MailboxFact => f !== undefined);

describe('pickMailboxFact', () => {
  it('keeps every mailbox transition and the refused send of T6 step 7', () => {
    expect(facts.filter((f) => f.kind === 'transition')).toHaveLength(8);
    const rejected = facts.filter((f) => f.kind === 'rejection');
    expect(rejected).toEqual([
      { kind: 'rejection', step: 200, vm: 0, r: { step: 200, target: 0, sender: 1, size: 15, notify: true, reason: 'target mailbox not empty' } },
    ]);
  });

  it('attributes a delivery to the sender and a clear to the owner', () => {
    const t = facts.find((f) => f.kind === 'transition' && f.step === 140);
    expect(t).toMatchObject({ vm: 0, t: { from: 'empty', to: 'read', cause: 'HF_MAILBOX_SEND', by: 1, sender: 1, size: 15 } });
    const c = facts.find((f) => f.kind === 'transition' && f.step === 230);
    expect(c).toMatchObject({ vm: 0, t: { from: 'read', to: 'empty', cause: 'HF_MAILBOX_CLEAR', by: 0, sender: null } });
  });

  it('ignores successful sends and other hypercalls', () => {
    const t = new TraceBuilder().hvc(0, 'HF_MAILBOX_SEND', [1, 4, 0], 0).hvc(0, 'HF_MAILBOX_CLEAR', [], -1).events;
    expect(t.map(pickMailboxFact)).toEqual([undefined, undefined]);
  });
});

describe('mailboxesAt on the T6 trace', () => {
  it('starts every mailbox empty', () => {
    const at = mailboxesAt(T6_VMS, facts, 0);
    expect([...at.values()].map((m) => [m.vm, m.state, m.last])).toEqual([
      [0, 'empty', null],
      [1, 'empty', null],
      [2, 'empty', null],
    ]);
  });

  it('shows the primary mailbox read (from VM 1, 15 B) and the refused echo after step 7', () => {
    const vm0 = mailboxesAt(T6_VMS, facts, 220).get(0)!;
    expect(vm0).toMatchObject({ state: 'read', sender: 1, size: 15, last: { step: 140, cause: 'HF_MAILBOX_SEND', by: 1 } });
    expect(vm0.rejected).toMatchObject({ step: 200, sender: 1, size: 15, notify: true });
  });

  it('drops the rejection once a later transition happens (the clear of step 8)', () => {
    const vm0 = mailboxesAt(T6_VMS, facts, 230).get(0)!;
    expect(vm0).toMatchObject({ state: 'empty', sender: null, last: { from: 'read', to: 'empty', cause: 'HF_MAILBOX_CLEAR', by: 0 }, rejected: null });
  });

  it('ends with the primary holding the reversed echo', () => {
    expect(mailboxesAt(T6_VMS, facts, 1000).get(0)).toMatchObject({ state: 'read', sender: 1, size: 15, last: { step: 300 } });
    expect(mailboxesAt(T6_VMS, facts, 1000).get(1)).toMatchObject({ state: 'read', sender: 0, size: 15, last: { step: 180 } });
  });

  it('after a seek back, shows the step, not the machine present nor the known future', () => {
    // The machine view is at step 150 (VM 0 read, from VM 1); the trace also holds the branch's future.
    const vms = T6_VMS.map((v) => (v.id === 0 ? { ...v, mailbox: { state: 'read' as const, sender: 1, size: 15, send: null, recv: null } } : v));
    expect(mailboxesAt(vms, facts, 139).get(0)).toMatchObject({ state: 'empty', sender: null, last: null, rejected: null });
    expect(mailboxesAt(vms, facts, 140).get(0)).toMatchObject({ state: 'read', sender: 1, size: 15, last: { step: 140 } });
    expect(mailboxesAt(vms, facts, 199).get(0)!.rejected).toBeNull();
  });

  it('takes a trimmed trace\'s initial state from the first transition\'s from', () => {
    const late = facts.filter((f) => f.step >= 200);
    expect(mailboxesAt(T6_VMS, late, 210).get(0)).toMatchObject({ state: 'read', last: null });
  });
});

describe('diagramGeometry', () => {
  const g = diagramGeometry(220, 130);

  it('places empty left, received on top, read right, inside the cell', () => {
    const [e, rc, rd] = g.nodes;
    expect(e.x).toBeLessThan(rc.x);
    expect(rc.x).toBeLessThan(rd.x);
    expect(rc.y).toBeLessThan(e.y);
    for (const n of g.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(220);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(130);
    }
  });

  it('has an edge for each transition Hafnium makes, at v3 and v1 alike', () => {
    expect(edgeFor(g, { from: 'empty', to: 'received' })?.hint).toBe('send');
    expect(edgeFor(g, { from: 'received', to: 'read' })?.hint).toBe('receive');
    expect(edgeFor(g, { from: 'read', to: 'empty' })?.hint).toBe('clear');
    expect(edgeFor(g, { from: 'empty', to: 'read' })?.hint).toBe('send, receiver waiting');
    expect(edgeFor(g, { from: 'idle', to: 'pending' })?.hint).toBe('send');
    expect(edgeFor(g, { from: 'inflight', to: 'idle' })?.hint).toBe('clear');
    expect(edgeFor(g, { from: 'received', to: 'empty' })).toBeUndefined();
  });
});

describe('rejected-send arrow', () => {
  it('starts inside the cell, far enough from the node it points at to be seen', () => {
    const g = diagramGeometry(216, 100);
    g.nodes.forEach((n) => {
      const from = g.rejectFrom[n.role];
      expect(from.x).toBeGreaterThanOrEqual(0);
      expect(from.x).toBeLessThanOrEqual(216);
      expect(Math.hypot(n.x - from.x, n.y - from.y) - n.r).toBeGreaterThan(25);
    });
  });
});
