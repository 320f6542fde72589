import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace/events.ts';
import type { Store } from '../store/store.ts';
import { isLogEntry, logEntriesOf, selectLogEntries } from './logEntries.ts';

const hex0 = '0x0000000000000000';
const inject = (external: boolean): TraceEvent =>
  ({ kind: 'interrupt', op: 'inject', step: 3, cpu: 0, vm: 1, vcpu: 0, intid: 1, enabled: hex0, pending: hex0, ...(external ? { external: true } : null) }) as TraceEvent;

describe('isLogEntry', () => {
  it('keeps external injections and drops injections made by a hypercall (the hypercall row shows those)', () => {
    expect(isLogEntry(inject(true))).toBe(true);
    expect(isLogEntry(inject(false))).toBe(false);
    expect(isLogEntry({ kind: 'console', step: 1, cpu: 0, vm: 1, text: 'x' } as unknown as TraceEvent)).toBe(false);
  });
});

describe('logEntriesOf', () => {
  const call = (step: number) => ({ kind: 'hypercall', step, cpu: 0, vm: 1, vcpu: 0 }) as unknown as TraceEvent;
  const other = (step: number) => ({ kind: 'console', step, cpu: 0, vm: 1, text: 'x' }) as unknown as TraceEvent;
  it('scans only the appended tail of a grown trace, and everything otherwise', () => {
    const t1 = [call(1), other(2), call(3)];
    const e1 = logEntriesOf(t1, null);
    expect(e1.map((e) => e.step)).toEqual([1, 3]);
    const t2 = [...t1, other(4), call(5)];
    expect(logEntriesOf(t2, { trace: t1, entries: e1 }).map((e) => e.step)).toEqual([1, 3, 5]);
    // No new entries: the same array (React sees no change).
    expect(logEntriesOf([...t1, other(4)], { trace: t1, entries: e1 })).toBe(e1);
    // The front moved (trimmed) or the trace was replaced: a full scan.
    const trimmed = [t1[1], t1[2], call(6)];
    expect(logEntriesOf(trimmed, { trace: t1, entries: e1 }).map((e) => e.step)).toEqual([3, 6]);
    const replaced = [call(1), call(9)];
    expect(logEntriesOf(replaced, { trace: t1, entries: e1 }).map((e) => e.step)).toEqual([1, 9]);
  });
});

describe('selectLogEntries', () => {
  const call = (step: number) => ({ kind: 'hypercall', step, cpu: 0, vm: 1, vcpu: 0 }) as unknown as TraceEvent;
  const state = (trace: readonly TraceEvent[]) => ({ machine: { trace } }) as unknown as Store;
  it('gives the same array for a trace seen before, also after a newer one (throttled hooks compare both)', () => {
    const t1 = [call(1)];
    const t2 = [...t1, call(2)];
    const e1 = selectLogEntries(state(t1));
    const e2 = selectLogEntries(state(t2));
    expect(selectLogEntries(state(t1))).toBe(e1);
    expect(selectLogEntries(state(t2))).toBe(e2);
    expect(e2.map((e) => e.step)).toEqual([1, 2]);
  });
});
