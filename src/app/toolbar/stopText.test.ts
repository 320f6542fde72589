import { describe, expect, it } from 'vitest';
import type { HypercallEvent } from '../../core/trace/events.ts';
import { stopText } from './stopText.ts';

const send: HypercallEvent = {
  kind: 'hypercall',
  step: 120,
  cpu: 0,
  vm: 1,
  vcpu: 0,
  name: 'HF_MAILBOX_SEND',
  id: 0xff06,
  args: ['0000000000000002', '000000000000000f', '0000000000000000'] as HypercallEvent['args'],
  result: '0000000000000000' as HypercallEvent['result'],
  resultNum: 0,
};

describe('stopText', () => {
  it('names the time-travel stops in words', () => {
    expect(stopText({ kind: 'seek' })).toBe('moved in time');
    expect(stopText({ kind: 'changed', what: 'CPU 1 runs next for 7 steps: branch 2 starts at step 40' })).toBe('CPU 1 runs next for 7 steps: branch 2 starts at step 40');
    expect(stopText({ kind: 'not_found', what: 'no earlier HF_MAILBOX_SEND' })).toBe('no earlier HF_MAILBOX_SEND');
    expect(stopText({ kind: 'cancelled' })).toBe('search cancelled (the machine did not move)');
  });

  it('names a protocol breakpoint by its description when it is known, else by id', () => {
    const bps = [{ id: 'b1', enabled: true, bp: { kind: 'hypercall' as const, name: 'HF_MAILBOX_SEND', callerVm: 1 } }];
    expect(stopText({ kind: 'protocol', id: 'b1', event: send }, bps)).toBe('protocol breakpoint: HF_MAILBOX_SEND from VM 1 (HF_MAILBOX_SEND by VM 1 vCPU 0, step 120)');
    expect(stopText({ kind: 'protocol', id: 'b9', event: send }, bps)).toMatch(/^protocol breakpoint: b9 /);
  });

  it('names a watchpoint and its change', () => {
    const w = [{ id: 'w1', kind: 'memory' as const, vm: 2, addr: 0x80010, length: 8 }];
    expect(stopText({ kind: 'watch', id: 'w1', before: '00', after: '2a' }, [], w)).toBe('watch: VM 2 memory 0x80010..+8 changed 00 → 2a');
    expect(stopText({ kind: 'watch', id: 'r', before: '1', after: '2' }, [], [{ id: 'r', kind: 'register', vm: 1, vcpu: 0, reg: 'x0' }])).toBe('watch: VM 1 vCPU 0 x0 changed 1 → 2');
  });

  it('keeps the forward stops', () => {
    expect(stopText({ kind: 'breakpoint', vm: 1, vcpu: 0, file: 'echo.s', line: 12 })).toBe('breakpoint: VM 1 vCPU 0 at echo.s:12');
    expect(stopText({ kind: 'event', event: send })).toBe('event: HF_MAILBOX_SEND by VM 1 vCPU 0 (step 120)');
    expect(stopText({ kind: 'event', event: null })).toBe('no further event');
    expect(stopText({ kind: 'ended' })).toBe('the run ended');
  });
});
