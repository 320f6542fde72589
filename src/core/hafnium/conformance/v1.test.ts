/**
 * Conformance of `v1-rpc` with the reference (shared/docs/hafnium-abi.md,
 * section 2: commit C1 2f94ec12). Secondaries are addressed by 0-based
 * index: index 0 is the model's VM 1.
 */
import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';

function booted(secondaries: number[] = [1, 1]): TestMachine {
  return new TestMachine({ abi: 'v1-rpc', secondaries }).configureAll();
}

/** Secondary index `idx` (VM idx + 1) is run and blocks in READ_REQUEST(block = 1). */
function blockInRead(t: TestMachine, idx: number): TestMachine {
  return t.run(idx).hvc(idx + 1, 0, 'HF_RPC_READ_REQUEST', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
}

describe('2.3 C1 counts, run, configure', () => {
  it('2.3 VM_GET_COUNT counts secondaries only; any caller', () => {
    const t = booted().hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(2);
    t.run(0).hvc(1, 0, 'HF_VM_GET_COUNT').expectResult(2);
  });

  it('2.3 VCPU_GET_COUNT(idx): -1 if idx ≥ count, else vCPUs; any caller', () => {
    const t = booted([3, 1]).hvc(0, 0, 'HF_VCPU_GET_COUNT', 0).expectResult(3).hvc(0, 0, 'HF_VCPU_GET_COUNT', 2).expectResult(-1);
    t.run(1).hvc(2, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(1);
  });

  it('2.3 VCPU_RUN(idx, vcpu): 1 without switching for a secondary caller, idx/vcpu out of range, target not ready', () => {
    const t = booted();
    t.run(2).expectRunning(0, 0).run(0, 1).expectRunning(0, 0);
    expect(t.x0(0)).toBe(1n);
    t.run(0).expectRunning(0, 1).hvc(1, 0, 'HF_VCPU_RUN', 1, 0).expectResult(1).expectRunning(0, 1);
    t.running[0] = t.hv.preempt(0, t.vcpu(1));
    t.run(1).expectRunning(0, 2).expectState(2, 0, 'running');
  });

  it('2.3 VM_CONFIGURE: unaligned → -1; no send ≠ recv check at C1; repeated → -1; unmapped → -1', () => {
    const t = new TestMachine({ abi: 'v1-rpc' });
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_RECV_PAGE + 4).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, 0x200000).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(0);
    t.configure(0).expectResult(-1);
  });
});

describe('2.3 C1 RPC_REQUEST', () => {
  it('2.3 REQUEST checks: size > 4096, idx ≥ count, caller not primary, own send page, target not idle / recv unconfigured → -1', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 4097).expectResult(-1);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 2, 1).expectResult(-1);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(0).hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(-1);
    t.hv.model.vms[2].mailbox.recv = null;
    t.hvc(0, 0, 'HF_RPC_REQUEST', 1, 1).expectResult(-1);
    t.run(1).hvc(2, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(-1);
    const u = booted();
    u.hv.model.vms[0].mailbox.send = null;
    u.hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).expectResult(-1).expectMailbox(1, 'idle');
  });

  it('2.3 / 2.5 REQUEST with nobody waiting: 0, target pending, bytes copied', () => {
    const t = booted().writeSend(0, 'req!');
    t.hvc(0, 0, 'HF_RPC_REQUEST', 1, 4).expectResult(0).expectMailbox(2, 'pending', { size: 4 });
    expect(t.recvText(2, 4)).toBe('req!');
  });

  it('2.3 REQUEST to a waiter: waiter index + 1; waiter ready with x0 = size; target inflight; no switch', () => {
    const t = blockInRead(booted(), 0).expectResult(0);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 12).expectResult(1).expectRunning(0, 0).expectState(1, 0, 'ready').expectMailbox(1, 'inflight');
    expect(t.x0(1)).toBe(12n);
  });

  it('2.1 / 2.3 REQUEST: LIFO — the most recently blocked waiter is popped (extension: 2 vCPUs)', () => {
    const t = booted([2]);
    t.hv.start(t.vcpu(1, 1), 0x80000, { lo: 0, hi: 0 }, 'test');
    blockInRead(t, 0);
    t.run(0, 1).hvc(1, 1, 'HF_RPC_READ_REQUEST', 1).expectRecvStack(1, [0, 1]);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 3).expectResult(2).expectState(1, 1, 'ready').expectState(1, 0, 'blocked_rpc');
  });
});

describe('2.3 C1 RPC_READ_REQUEST / RPC_ACK', () => {
  it('2.3 READ_REQUEST: primary → -1; pending → size and inflight; nothing and block = 0 → -1', () => {
    const t = booted().hvc(0, 0, 'HF_RPC_READ_REQUEST', 1).expectResult(-1).expectRunning(0, 0);
    t.run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).expectResult(-1).expectRunning(0, 1);
    t.running[0] = t.hv.preempt(0, t.vcpu(1));
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 7).run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).expectResult(7).expectMailbox(1, 'inflight');
  });

  it('2.3 READ_REQUEST block = 1: blocked, pushed, switch with 1, x0 provisionally 0', () => {
    const t = blockInRead(booted(), 0).expectResult(0).expectRecvStack(1, [0]).expectState(1, 0, 'blocked_rpc');
    expect(t.x0(0)).toBe(1n);
  });

  it('2.3 ACK: inflight → idle, 0; otherwise -1; the primary may ack', () => {
    const t = booted().hvc(0, 0, 'HF_RPC_ACK').expectResult(-1);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 1).run(0).hvc(1, 0, 'HF_RPC_ACK').expectResult(-1).expectMailbox(1, 'pending');
    t.hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).hvc(1, 0, 'HF_RPC_ACK').expectResult(0).expectMailbox(1, 'idle');
  });
});

describe('2.3 C1 RPC_REPLY', () => {
  it('2.3 REPLY success: primary inflight, switch with (size << 8) | 3, caller ready with x0 = 0', () => {
    const t = booted().run(0).writeSend(1, 'answer');
    t.hvc(1, 0, 'HF_RPC_REPLY', 6, 0).expectResult(0).expectRunning(0, 0).expectState(1, 0, 'ready').expectMailbox(0, 'inflight', { size: 6 });
    expect(t.x0(0)).toBe((6n << 8n) | 3n);
    t.expectRunReturn('RESPONSE_READY', 6);
    expect(t.recvText(0, 6)).toBe('answer');
  });

  it('2.3 REPLY: size > 4096 → -1; caller primary → -1', () => {
    const t = booted().hvc(0, 0, 'HF_RPC_REPLY', 1, 0).expectResult(-1);
    t.run(0).hvc(1, 0, 'HF_RPC_REPLY', 4097, 0).expectResult(-1).expectRunning(0, 1);
  });

  it('2.3 REPLY: the primary must ack before another reply is delivered', () => {
    const t = booted().run(0).hvc(1, 0, 'HF_RPC_REPLY', 1, 0).run(1);
    t.hvc(2, 0, 'HF_RPC_REPLY', 1, 0).expectResult(-1).expectRunning(0, 2);
    t.running[0] = t.hv.preempt(0, t.vcpu(2));
    t.hvc(0, 0, 'HF_RPC_ACK').expectResult(0).run(1).hvc(2, 0, 'HF_RPC_REPLY', 1, 0).expectResult(0).expectRunning(0, 0);
  });

  it('2.3 REPLY quirk: the ack sticks even when the reply then fails (primary not idle)', () => {
    const t = booted().run(1).hvc(2, 0, 'HF_RPC_REPLY', 1, 0);
    t.hvc(0, 0, 'HF_RPC_REQUEST', 0, 2).run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0).expectMailbox(1, 'inflight');
    t.hvc(1, 0, 'HF_RPC_REPLY', 2, 1).expectResult(-1).expectMailbox(1, 'idle').expectMailbox(0, 'inflight').expectRunning(0, 1);
  });

  it('2.3 REPLY quirk: the ack sticks even when the caller\'s send page is unconfigured', () => {
    const t = booted().hvc(0, 0, 'HF_RPC_REQUEST', 0, 2).run(0).hvc(1, 0, 'HF_RPC_READ_REQUEST', 0);
    t.hv.model.vms[1].mailbox.send = null;
    t.hvc(1, 0, 'HF_RPC_REPLY', 2, 1).expectResult(-1).expectMailbox(1, 'idle');
  });
});

describe('2.2 C1 function ids', () => {
  it('2.2: bit 30 is not masked at C1 (0x4000ff01 is unknown → -1)', () => {
    booted().hvc(0, 0, 0x4000ff01).expectResult(-1);
  });

  it('2.2: PSCI_VERSION and 0x84000006 answer 2 to any caller, a secondary included', () => {
    const t = booted().run(0).hvc(1, 0, 'PSCI_VERSION').expectResult(2).hvc(1, 0, 0x84000006).expectResult(2);
    t.expectRunning(0, 1);
  });
});
