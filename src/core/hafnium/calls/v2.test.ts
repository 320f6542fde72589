import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';

const v2 = (secondaries?: number[]) => new TestMachine({ abi: 'v2-mailbox', secondaries });

describe('v2-mailbox (reference 3.4)', () => {
  it('the C2 primary sanity test: counts and configure errors', () => {
    const t = v2([1]);
    t.hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(2).hvc(0, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(1);
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 0xffffffff).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 1, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_RECV_PAGE + 1).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 1, TEST_RECV_PAGE + 1).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(-1);
    t.configure(0).expectResult(0).configure(0).expectResult(-1);
    expect(t.mem[0].checkStore(TEST_RECV_PAGE, 1)).toBe(0);
  });

  it('VCPU_GET_COUNT is primary only; RUN fails with code 1 for bad requests, placeholder YIELD on success', () => {
    const t = v2().configureAll();
    t.run(0).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.run(1).expectRunReturn('YIELD').expectRunning(0, 1).hvc(1, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(-1);
    expect(t.x0(0)).toBe(0n);
  });

  it('RECEIVE: primary -1; received → (sender, size) with a 16-bit sender; block = 0 → -1', () => {
    const t = v2().configureAll().hvc(0, 0, 'HF_MAILBOX_RECEIVE', 1).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 5).expectResult(0xffff).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(0x5_0000_0000n).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(-1);
  });

  it('quirk: a blocked receiver is left blocked_interrupt on the stack; a send writes its x0 directly', () => {
    const t = v2().configureAll().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.expectState(1, 0, 'blocked_interrupt').expectRecvStack(1, [0]);
    expect(t.x0(1)).toBe(0n);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 7).expectResult(0).expectState(1, 0, 'ready').expectForced(1, 0, null);
    expect(t.x0(1)).toBe(0x7_0000_0000n);
  });

  it('SEND: secondary → primary MESSAGE with VM field 0; → secondary WAKE_UP(vm, vcpu); busy → -1 without waiters', () => {
    const t = v2().configureAll().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 3).expectRunReturn('MESSAGE', { vm: 0, size: 3 });
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 2).expectRunReturn('WAKE_UP', { vm: 1, vcpu: 0xffff });
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 2, 1).expectResult(-1).expectWaiters(1, []);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 2, 1).expectResult(-1).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 4097).expectResult(-1);
  });

  it('CLEAR: read → empty 0; empty or received → -1; v3-only ids are unknown', () => {
    const t = v2().configureAll().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 3);
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(0).hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(-1);
    t.hvc(0, 0, 0xff0a, 0).expectResult(-1).hvc(0, 0, 0xff0d, 1, 0, 1).expectResult(-1);
  });

  it('PSCI for the primary, -1 for secondaries', () => {
    const t = v2().hvc(0, 0, 'PSCI_VERSION').expectResult(2);
    t.run(1).hvc(1, 0, 'PSCI_VERSION').expectResult(-1);
  });
});

describe('v2-mailbox: remaining branches', () => {
  it('SEND needs the caller\'s send page and the target\'s receive page; CLEAR of a received mailbox is -1; CONFIGURE refuses unmapped pages', () => {
    const t = v2().configureAll();
    t.hv.model.vms[0].mailbox.send = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).expectResult(-1);
    t.configureAll();
    t.hv.model.vms[1].mailbox.recv = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).expectResult(-1).expectMailbox(1, 'empty');
    t.configureAll().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).run(1).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1).expectMailbox(1, 'received');
    new TestMachine({ abi: 'v2-mailbox' }).hvc(0, 0, 'HF_VM_CONFIGURE', 0x100000, TEST_RECV_PAGE).expectResult(-1);
  });
});
