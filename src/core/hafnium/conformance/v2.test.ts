/**
 * Conformance of `v2-mailbox` with the reference (shared/docs/hafnium-abi.md,
 * section 3: commit C2 aa039b39).
 */
import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';

function booted(secondaries: number[] = [1, 1]): TestMachine {
  return new TestMachine({ abi: 'v2-mailbox', secondaries }).configureAll();
}

/** C2 receive encoding: bits 0-15 sender, bits 32-63 size. */
const recv = (sender: number, size: number): bigint => (BigInt(size) << 32n) | BigInt(sender);

describe('3.4 C2 counts and run', () => {
  it('3.4 VM_GET_COUNT counts the primary', () => {
    booted().hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(3);
  });

  it('3.4 / 3.8 VCPU_GET_COUNT: -1 for a secondary caller or absent VM (0xffffffff); the primary may ask about itself', () => {
    const t = new TestMachine({ abi: 'v2-mailbox', cpus: 2, secondaries: [1] });
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(1).hvc(0, 0, 'HF_VCPU_GET_COUNT', 0xffffffff).expectResult(-1);
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 0).expectResult(2);
    t.run(1).hvc(1, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(-1);
  });

  it('3.4 VCPU_RUN: code 1 for a secondary caller, id 0, absent VM, vCPU out of range, target not ready', () => {
    const t = booted();
    t.run(0).expectRunReturn('WAIT_FOR_INTERRUPT').run(5).expectRunReturn('WAIT_FOR_INTERRUPT').run(1, 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    expect(t.x0(0)).toBe(1n);
    t.run(1).hvc(1, 0, 'HF_VCPU_RUN', 2, 0).expectResult(1).expectRunning(0, 1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).run(1).expectRunReturn('WAIT_FOR_INTERRUPT').expectRunning(0, 0);
  });
});

describe('3.4 / 3.8 C2 VM_CONFIGURE', () => {
  it('3.8: unaligned send, recv or both → -1; send = recv → -1; configure → 0 then again → -1', () => {
    const t = new TestMachine({ abi: 'v2-mailbox' });
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 1, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_RECV_PAGE + 1).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 1, TEST_RECV_PAGE + 1).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(-1);
    t.configure(0).expectResult(0).configure(0).expectResult(-1);
  });

  it('3.9: the receive page stays writable for the VM at C2 (shared-not-owned came in 220e621b, after C2)', () => {
    const t = new TestMachine({ abi: 'v2-mailbox' }).configure(0).expectResult(0);
    expect(t.mem[0].checkStore(TEST_RECV_PAGE, 8)).toBe(0);
  });

  it('3.4: a page outside the VM\'s IPA space → -1', () => {
    new TestMachine({ abi: 'v2-mailbox' }).hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, 0x400000).expectResult(-1);
  });
});

describe('3.4 C2 MAILBOX_SEND', () => {
  it('3.4 SEND checks 1-5: size > 4096, reflexive, absent target, own send page unconfigured, target not empty → -1', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4097).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 0, 1).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).expectResult(0xffff).hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).expectResult(-1);
    t.hv.model.vms[2].mailbox.recv = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 2, 1).expectResult(-1);
    t.hv.model.vms[0].mailbox.send = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).expectResult(-1);
  });

  it('3.4 SEND check 5: nothing recorded — x3 = 1 registers no waiter at C2', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).expectWaiters(1, []).expectRunning(0, 2);
  });

  it('3.4 SEND step 7: secondary → primary switches with MESSAGE(size); VM-id field 0; primary mailbox read', () => {
    const t = booted().run(2).writeSend(2, 'abc');
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 0, 3).expectResult(0).expectState(2, 0, 'ready').expectRunning(0, 0);
    expect(t.x0(0)).toBe((3n << 32n) | 3n);
    t.expectMailbox(0, 'read', { sender: 2, size: 3 });
    expect(t.recvText(0, 3)).toBe('abc');
  });

  it('3.4 SEND steps 8 + 10: primary → secondary with nobody blocked → 0xffff, mailbox received', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4).expectResult(0xffff).expectMailbox(1, 'received', { sender: 0, size: 4 });
  });

  it('3.4 SEND steps 9 + 10: primary → blocked receiver → its index; its saved x0 = (sender, size) at once; mailbox read', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 9).expectResult(0).expectState(1, 0, 'ready').expectMailbox(1, 'read').expectRecvStack(1, []);
    expect(t.x0(1)).toBe(recv(0, 9));
  });

  it('3.3 / 3.4 SEND step 10: secondary → secondary → WAKE_UP: VM-id field = target (bits 16-31), data = vCPU (bits 32-63)', () => {
    const t = booted().run(2).hvc(2, 0, 'HF_MAILBOX_RECEIVE', 1).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 5).expectResult(0).expectState(1, 0, 'ready');
    expect(t.x0(0)).toBe((0n << 32n) | (2n << 16n) | 2n);
    t.expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0 });
    expect(t.x0(2)).toBe(recv(1, 5));
  });

  it('3.3 / 3.4 SEND step 10: secondary → secondary with nobody blocked → WAKE_UP(target, 0xffff)', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 5);
    expect(t.x0(0)).toBe((0xffffn << 32n) | (2n << 16n) | 2n);
  });
});

describe('3.4 C2 MAILBOX_RECEIVE / MAILBOX_CLEAR', () => {
  it('3.4 RECEIVE: the primary → -1', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_RECEIVE', 1).expectResult(-1).expectRunning(0, 0);
  });

  it('3.4 RECEIVE: received → read, (sender, size)', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 2, 6).run(2);
    t.hvc(2, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(recv(0, 6)).expectMailbox(2, 'read');
  });

  it('3.4 RECEIVE: nothing and block = 0 → -1', () => {
    booted().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(-1).expectRunning(0, 1);
  });

  it('3.4 RECEIVE quirk: block = 1 → code 1, state blocked_interrupt (overwritten by the switch helper), on the stack, x0 provisionally 0', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.expectState(1, 0, 'blocked_interrupt').expectRecvStack(1, [0]).expectResult(0);
  });

  it('3.4 RECEIVE: state read + block = 1 blocks', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1).run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT').expectRecvStack(1, [0]);
  });

  it('3.4 CLEAR: read → 0 (empty); empty → -1; received → -1', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 1);
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectMailbox(0, 'empty');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 2, 1).run(2).hvc(2, 0, 'HF_MAILBOX_CLEAR').expectResult(-1).expectMailbox(2, 'received');
  });
});

describe('3.5 C2 exits', () => {
  it('3.5: SMC from a secondary → -1, skipped', () => {
    const t = booted().run(1);
    t.regs[1][0].setX(0, 0xff01, 0);
    expect(t.hv.smc(0, t.vcpu(1))).toBe(t.vcpu(1));
    expect(t.x0(1)).toBe(0xffffffffffffffffn);
  });
});
