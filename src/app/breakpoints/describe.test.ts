import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace/events.ts';
import { stopText } from './describe.ts';

const names = { protocol: (id: string) => (id === 'p1' ? 'VM 1 mailbox becomes empty' : null), watch: (id: string) => (id === 'w1' ? 'vCPU 1.0 register x22' : null) };

describe('stopText', () => {
  it('says which breakpoint or watchpoint stopped the machine', () => {
    expect(stopText({ kind: 'breakpoint', vm: 1, vcpu: 0, file: 'receiver.s', line: 38 }, names)).toBe('Stopped at the breakpoint at receiver.s:38 (vCPU 1.0).');
    const event = { kind: 'mailbox_state', step: 2372 } as unknown as TraceEvent;
    expect(stopText({ kind: 'protocol', id: 'p1', event }, names)).toBe('Stopped by protocol breakpoint p1: VM 1 mailbox becomes empty (step 2372).');
    expect(stopText({ kind: 'protocol', id: 'p9', event }, names)).toBe('Stopped by protocol breakpoint p9: removed since (step 2372).');
    expect(stopText({ kind: 'watch', id: 'w1', before: '0x1', after: '0x2' }, names)).toBe('Stopped by watchpoint w1: vCPU 1.0 register x22 changed 0x1 → 0x2.');
    expect(stopText({ kind: 'not_found', what: 'no earlier breakpoint hit' }, names)).toBe('No earlier stop: no earlier breakpoint hit.');
  });

  it('is silent for other stops', () => {
    expect(stopText(null, names)).toBeNull();
    expect(stopText({ kind: 'ended' }, names)).toBeNull();
    expect(stopText({ kind: 'breakpoint', vm: 1, vcpu: 0, file: null, line: null }, names)).toBeNull();
  });
});
