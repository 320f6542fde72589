import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';

const v1 = () => new TestMachine({ abi: 'v1-rpc', secondaries: [1, 1] });

describe('v1-rpc (reference 2.3)', () => {
  it('counts: secondaries only, indexed from 0, any caller', () => {
    const t = v1().hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(2).hvc(0, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(1);
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 2).expectResult(-1);
    t.run(0).expectRunReturn('YIELD').expectRunning(0, 1).hvc(1, 0, 'HF_VCPU_GET_COUNT', 0).expectResult(1);
  });

  it('RUN: 1 without switching for bad requests; secondary index 0 is VM 1', () => {
    const t = v1().run(2).expectRunReturn('WAIT_FOR_INTERRUPT').run(0, 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.run(1).expectRunning(0, 2).hvc(2, 0, 'HF_VCPU_RUN', 0, 0).expectResult(1);
  });

  it('CONFIGURE: alignment, repetition, mapping; the same page is accepted (no check yet)', () => {
    const t = v1().hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 4, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, 0x200000).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(0).configure(0).expectResult(-1);
  });

  it('REQUEST checks in order; nobody waiting → 0 and pending; READ_REQUEST takes it', () => {
    const t = v1().configureAll();
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 4097).expectResult(-1).hvc(0, 0, 'HF_RPC_REQUEST', 2, 1).expectResult(-1);
    t.writeSend(0, 'req').hvc(0, 0, 'HF_RPC_REQUEST', 0, 3).expectResult(0).expectMailbox(1, 'pending', { size: 3 });
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 3).expectResult(-1);
    t.run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).expectResult(3).expectMailbox(1, 'inflight');
    expect(t.recvText(1, 3)).toBe('req');
    t.hvc(1, 0, 'HF_RPC_REQUEST', 1, 1).expectResult(-1);
  });

  it('READ_REQUEST: primary -1; block = 0 → -1; blocking → code 1; a request wakes it with x0 = size and returns index + 1', () => {
    const t = v1().configureAll().hvc(0, 0, 'HF_RPC_READ_REQUEST', 1).expectResult(-1);
    t.run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).expectResult(-1);
    t.hvc(1, 0, 'HF_RPC_READ_REQUEST', 1).expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_rpc');
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 9).expectResult(1).expectState(1, 0, 'ready').expectMailbox(1, 'inflight');
    expect(t.x0(1)).toBe(9n);
  });

  it('REPLY: RESPONSE_READY(size); primary inflight until it ACKs; ack flag acks first even if the reply fails', () => {
    const t = v1().configureAll().writeSend(0, 'x').hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).run(0);
    t.hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).hvc(1, 0, 'HF_RPC_REPLY', 4097, 1).expectResult(-1).expectMailbox(1, 'inflight');
    t.writeSend(1, 'answer').hvc(1, 0, 'HF_RPC_REPLY', 6, 1).expectResult(0).expectRunReturn('RESPONSE_READY', 6);
    t.expectMailbox(1, 'idle').expectMailbox(0, 'inflight', { size: 6 }).expectState(1, 0, 'ready');
    expect(t.recvText(0, 6)).toBe('answer');
    t.run(0).hvc(1, 0, 'HF_RPC_REPLY', 1, 0).expectResult(-1).hvc(1, 0, 'HF_RPC_ACK').expectResult(-1);
    t.hv.model.vms[0].mailbox.state = 'idle';
    t.hv.model.vms[1].mailbox.send = null;
    t.hv.model.vms[1].mailbox.state = 'inflight';
    t.hvc(1, 0, 'HF_RPC_REPLY', 1, 1).expectResult(-1).expectMailbox(1, 'idle');
  });

  it('ACK: inflight → idle 0, else -1; the primary REPLYing is refused', () => {
    const t = v1().configureAll().hvc(0, 0, 'HF_RPC_ACK').expectResult(-1).hvc(0, 0, 'HF_RPC_REPLY', 1, 0).expectResult(-1);
    t.hv.model.vms[0].mailbox.state = 'inflight';
    t.hvc(0, 0, 'HF_RPC_ACK').expectResult(0).expectMailbox(0, 'idle');
  });

  it('PSCI_VERSION and "migrate" answer 2 to any VM; x18 is zeroed too', () => {
    const t = v1().hvc(0, 0, 'PSCI_VERSION').expectResult(2).hvc(0, 0, 'PSCI_MIGRATE_INFO_TYPE').expectResult(2);
    t.run(0).hvc(1, 0, 'PSCI_VERSION').expectResult(2).hvc(1, 0, 'PSCI_SYSTEM_OFF').expectResult(-1);
    t.regs[1][0].setX(18, 5, 5);
    t.hvc(1, 0, 'HF_VM_GET_COUNT');
    expect(t.regs[1][0].xlo(18)).toBe(0);
  });
});

describe('v1-rpc: unconfigured pages', () => {
  it('REQUEST needs the primary\'s send page and the target\'s receive page; REPLY the primary\'s receive page', () => {
    const t = v1().configureAll();
    t.hv.model.vms[0].mailbox.send = null;
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(-1);
    t.configureAll();
    t.hv.model.vms[1].mailbox.recv = null;
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(-1).expectMailbox(1, 'idle');
    t.configureAll();
    t.hv.model.vms[0].mailbox.recv = null;
    t.run(0).hvc(1, 0, 'HF_RPC_REPLY', 1, 0).expectResult(-1).expectMailbox(0, 'idle');
  });
});
