import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace/events.ts';
import { isLogEntry } from './logEntries.ts';

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
