import { describe, expect, it } from 'vitest';
import type { ProtocolBreakpointEntry } from '../../worker/protocol.ts';
import { describeWatchpoint } from './describe.ts';
import { addProtocolBreakpoint, addWatchpoint, nextId, sameBreakpoint, setEnabled, withoutId } from './entries.ts';

describe('nextId', () => {
  it('counts past the largest id with the prefix', () => {
    expect(nextId([], 'p')).toBe('p1');
    expect(nextId(['p1', 'p7', 'w9', 'pz'], 'p')).toBe('p8');
  });
});

describe('protocol breakpoint list', () => {
  it('adds with fresh ids and enables an identical one instead of duplicating it', () => {
    const a = addProtocolBreakpoint([], { kind: 'mailbox', vm: 2, to: 'empty' });
    expect(a.id).toBe('p1');
    const disabled: ProtocolBreakpointEntry[] = setEnabled(a.list, 'p1', false);
    expect(disabled[0].enabled).toBe(false);
    const again = addProtocolBreakpoint(disabled, { to: 'empty', vm: 2, kind: 'mailbox' });
    expect(again.id).toBe('p1');
    expect(again.list).toEqual([{ id: 'p1', bp: { kind: 'mailbox', vm: 2, to: 'empty' }, enabled: true }]);
    const b = addProtocolBreakpoint(again.list, { kind: 'waiter_list' });
    expect(b.id).toBe('p2');
    expect(withoutId(b.list, 'p1').map((e) => e.id)).toEqual(['p2']);
  });

  it('compares breakpoints by fields', () => {
    expect(sameBreakpoint({ kind: 'run_return', code: 'YIELD' }, { kind: 'run_return' })).toBe(false);
    expect(sameBreakpoint({ kind: 'run_return', code: 'YIELD', vm: 1 }, { vm: 1, kind: 'run_return', code: 'YIELD' })).toBe(true);
  });
});

describe('watchpoints', () => {
  it('adds once per range or register and describes them', () => {
    const a = addWatchpoint([], { kind: 'memory', vm: 1, addr: 0x80100, length: 8 });
    const b = addWatchpoint(a.list, { kind: 'memory', vm: 1, addr: 0x80100, length: 8 });
    expect(b.id).toBe('w1');
    expect(b.list).toHaveLength(1);
    const c = addWatchpoint(b.list, { kind: 'register', vm: 1, vcpu: 0, reg: 'x0' });
    expect(c.id).toBe('w2');
    expect(describeWatchpoint(a.list[0])).toBe('VM 1 memory 0x80100..0x80107 (8 B)');
    expect(describeWatchpoint(c.list[1])).toBe('vCPU 1.0 register x0');
  });
});
