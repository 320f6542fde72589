/**
 * Property: random hypercall sequences from random VMs never break the
 * model's invariants (checked after every call by TestMachine.hvc): an
 * entry is on a waiter list at most once; waiter/ready entries point at real
 * VMs; a `received`/`read` mailbox has a sender and size; a vCPU is on the
 * receive stack iff it is `blocked_mailbox` (v1, v3); the enabled-and-pending
 * count matches the bitmaps. Nothing throws whatever the arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AbiGeneration } from '../trace/events.ts';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from './test-machine.ts';
import { checkInvariants } from './model.ts';

const ARG = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 5, 63, 64, 0xffff, 0xffffffff, 4096, 4097, TEST_SEND_PAGE, TEST_RECV_PAGE, TEST_SEND_PAGE + 1, 0x100000),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);

const CALL = fc.record({
  vm: fc.nat({ max: 3 }),
  fn: fc.oneof(fc.integer({ min: 0xff00, max: 0xff0f }), fc.constantFrom(0x84000000, 0x84000003, 0xee00), fc.constant(-1)),
  args: fc.tuple(ARG, ARG, ARG),
});

/** Executes one random step: `fn` -1 means a WFI trap by the running secondary. */
function step(t: TestMachine, c: { vm: number; fn: number; args: [number | bigint, number | bigint, number | bigint] }): void {
  const cur = t.running[0];
  if (!cur) return;
  if (c.vm !== 0 && cur.vm === 0) {
    const target = t.hv.model.vms[c.vm];
    if (target && target.vcpus[0].state === 'ready') t.run(c.vm);
  }
  const now = t.running[0];
  if (!now) return;
  if (c.fn === -1) {
    if (now.vm !== 0) {
      t.running[0] = t.hv.wfi(0, now);
      t.checkInvariants();
    }
    return;
  }
  if (c.fn === 0x84000003 || c.fn === 0x84000008) return;
  t.hvc(now.vm, now.index, c.fn, ...c.args);
}

describe.each(['v3-notify', 'v2-mailbox', 'v1-rpc'] as AbiGeneration[])('%s: random hypercall sequences keep the invariants', (abi) => {
  it('holds after every call', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(CALL, { minLength: 1, maxLength: 80 }), fc.boolean(), (calls, configured) => {
        const t = new TestMachine({ abi, secondaries: [1, 2, 1] });
        if (configured) t.configureAll();
        for (const c of calls) step(t, c);
        expect(t.hv.model.vms.length).toBe(4);
      }),
      { numRuns: 150, seed: 20261121 },
    );
  });
});

describe('the invariant checker', () => {
  it('reports each kind of violation (so the property above is not vacuous)', () => {
    const t = new TestMachine().configureAll();
    const [p, a] = t.hv.model.vms;
    p.waiterList.push(1, 1, 9);
    a.readyList.push(1);
    a.mailbox.state = 'received';
    a.recvWaiters.push(0);
    a.vcpus[0].count = 3;
    const bad = checkInvariants(t.hv.model, true);
    expect(bad.join('\n')).toMatch(/twice/);
    expect(bad.join('\n')).toMatch(/waiter 9 is not another real VM/);
    expect(bad.join('\n')).toMatch(/ready entry 1 is not another real VM/);
    expect(bad.join('\n')).toMatch(/mailbox received without a sender/);
    expect(bad.join('\n')).toMatch(/ready but on the receive stack/);
    expect(bad.join('\n')).toMatch(/count 3, bitmaps say 0/);
  });
});
