import { describe, expect, it } from 'vitest';
import { protocolBreakpointSchema } from '../../core/debug/breakpoints.ts';
import type { VizTarget } from '../viz/common/context.ts';
import { offersFor, offersForAll } from './offers.ts';

const TARGETS: VizTarget[] = [
  { kind: 'mailbox', vm: 2, state: 'empty' },
  { kind: 'mailbox', vm: 1, state: null },
  { kind: 'list', list: 'waiter_list', owner: 1 },
  { kind: 'list', list: 'ready_list', owner: 0 },
  { kind: 'vcpu', vm: 1, vcpu: 0 },
  { kind: 'message', from: 1, to: 2, refused: true },
  { kind: 'inject', to: 2, intid: 1 },
  { kind: 'inject', to: 2, intid: null },
  { kind: 'run_return', vm: 1, code: 'MESSAGE' },
];

describe('offersFor', () => {
  it('offers only breakpoints the schema accepts', () => {
    for (const t of TARGETS) {
      const offers = offersFor(t);
      expect(offers.length).toBeGreaterThan(0);
      for (const o of offers) expect(protocolBreakpointSchema.safeParse(o.bp).success, o.label).toBe(true);
    }
  });

  it('words the mailbox offers as the issue does', () => {
    expect(offersFor({ kind: 'mailbox', vm: 2, state: 'empty' })).toEqual([
      { label: "Break when VM 2's mailbox becomes empty", bp: { kind: 'mailbox', vm: 2, to: 'empty' } },
      { label: "Break when VM 2's mailbox becomes empty while its waiter list is non-empty", bp: { kind: 'mailbox', vm: 2, to: 'empty', waitersNonEmpty: true } },
    ]);
  });

  it('offers list, vCPU, message and run-return breakpoints', () => {
    expect(offersFor({ kind: 'list', list: 'waiter_list', owner: 1 })[0]).toEqual({ label: "Break on a change of VM 1's waiter list", bp: { kind: 'waiter_list', owner: 1 } });
    expect(offersFor({ kind: 'vcpu', vm: 1, vcpu: 0 }).map((o) => o.label)).toEqual(['Break when vCPU 1.0 changes state', 'Break when vCPU 1.0 becomes blocked_mailbox']);
    const send = offersFor({ kind: 'message', from: 1, to: 2, refused: false });
    expect(send).toEqual([{ label: 'Break on HF_MAILBOX_SEND from VM 1 to VM 2', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 1, targetVm: 2 } }]);
    expect(offersFor({ kind: 'message', from: 1, to: 2, refused: true })[0].bp).toEqual({ kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 1, targetVm: 2, result: 'fail' });
    expect(offersFor({ kind: 'run_return', vm: 1, code: 'YIELD' })[0].bp).toEqual({ kind: 'run_return', code: 'YIELD' });
  });

  it('merges repeated offers of a whole view', () => {
    const all = offersForAll([TARGETS[4], TARGETS[4], { kind: 'vcpu', vm: 1, vcpu: 1 }]);
    expect(all).toHaveLength(4);
  });
});
