/**
 * Conformance of the v3-notify mailbox calls with the reference
 * (shared/docs/hafnium-abi.md, section 4.3 and 4.10): each test names the
 * section it checks and can be read line by line against it.
 */
import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';
import { u64 } from '../u64.ts';

/** Receive failure encoding (0xffffffff, 0). */
const RECV_FAIL = 0xffffffffn;
/** Receive encoding: bits 0-31 sender, bits 32-63 size. */
const recv = (sender: number, size: number): bigint => (BigInt(size) << 32n) | BigInt(sender);

function booted(secondaries: number[] = [1, 1]): TestMachine {
  return new TestMachine({ secondaries }).configureAll();
}

/** Primary runs (vm, vcpu), which blocks in MAILBOX_RECEIVE(block = 1). */
function blockInReceive(t: TestMachine, vm: number, vcpu = 0): TestMachine {
  return t.run(vm, vcpu).hvc(vm, vcpu, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
}

/** Starts a secondary vCPU other than 0 (the errata: an extension, nothing at C3 starts them). */
function startVcpu(t: TestMachine, vm: number, vcpu: number): TestMachine {
  t.hv.start(t.vcpu(vm, vcpu), 0x80000, u64(0), 'test');
  return t;
}

describe('4.3 HF_MAILBOX_SEND: checks in order', () => {
  it('4.3 MAILBOX_SEND check 1: size 4097 → -1 and no registration even with notify to a busy target', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectMailbox(1, 'received');
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 4097, 1).expectResult(-1).expectWaiters(1, []).expectRunning(0, 2);
  });

  it('4.3 MAILBOX_SEND check 1: size 4096 is accepted', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4096, 0).expectResult(0xffff).expectMailbox(1, 'received', { size: 4096 });
  });

  it('4.3 MAILBOX_SEND check 2: the primary sending to itself → -1', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_SEND', 0, 1, 1).expectResult(-1).expectWaiters(0, []).expectMailbox(0, 'empty');
  });

  it('4.3 MAILBOX_SEND check 2: a secondary sending to itself with notify → -1, no wait entry', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).expectWaiters(1, []).expectRunning(0, 1);
  });

  it('4.3 MAILBOX_SEND check 3: absent target → -1', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1, 1).expectResult(-1).hvc(0, 0, 'HF_MAILBOX_SEND', 0xffffffff, 1, 1).expectResult(-1);
  });

  it('4.3 MAILBOX_SEND check 4: caller send page unconfigured → -1 with NO registration', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0);
    t.hv.model.vms[2].mailbox.send = null;
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).expectWaiters(1, []);
  });

  it('4.3 MAILBOX_SEND check 5: target not empty with notify adds the sender\'s wait entry once; no switch', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(2);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(-1).expectWaiters(1, []);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).expectWaiters(1, [2]);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 7).expectResult(-1).expectWaiters(1, [2]).expectRunning(0, 2).expectState(2, 0, 'running');
    t.expectMailbox(1, 'received', { sender: 0, size: 1 });
  });

  it('4.3 MAILBOX_SEND check 5: target recv page unconfigured with notify → -1 and registration', () => {
    const t = booted();
    t.hv.model.vms[1].mailbox.recv = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).expectWaiters(1, [0]).expectMailbox(1, 'empty');
  });

  it('4.3 MAILBOX_SEND check 5: a target mailbox in state read refuses (-1)', () => {
    const t = blockInReceive(booted(), 1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(0).expectMailbox(1, 'read');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(-1);
  });
});

describe('4.3 HF_MAILBOX_SEND: effects', () => {
  it('4.3 MAILBOX_SEND step 6: copies size bytes; recv_bytes and recv_from_id set', () => {
    const t = booted().writeSend(0, 'hello, vm');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 2, 9, 0).expectMailbox(2, 'received', { sender: 0, size: 9 });
    expect(t.recvText(2, 9)).toBe('hello, vm');
  });

  it('4.3 MAILBOX_SEND step 7: secondary → primary switches with MESSAGE(size), caller ready with x0 = 0, primary mailbox read', () => {
    const t = booted().run(1).writeSend(1, 'pong');
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 4, 0).expectResult(0).expectRunReturn('MESSAGE', 4);
    t.expectRunning(0, 0).expectState(1, 0, 'ready').expectMailbox(0, 'read', { sender: 1, size: 4 });
    expect(t.recvText(0, 4)).toBe('pong');
  });

  it('4.3 MAILBOX_SEND step 8 + 10: primary → secondary with nobody blocked returns 0xffff, mailbox received', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 3, 0).expectResult(0xffff).expectMailbox(1, 'received').expectRunning(0, 0);
  });

  it('4.3 MAILBOX_SEND step 9 + 10: primary → blocked receiver returns its index; receiver ready; forced (sender, size); mailbox read', () => {
    const t = blockInReceive(booted(), 1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 22, 0).expectResult(0).expectRunning(0, 0);
    t.expectState(1, 0, 'ready').expectMailbox(1, 'read', { sender: 0, size: 22 }).expectRecvStack(1, []).expectForced(1, 0, recv(0, 22));
  });

  it('4.3 MAILBOX_SEND step 8 + 10: secondary → secondary with nobody blocked: WAKE_UP(target, 0xffff), caller ready, x0 0', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 5, 0).expectResult(0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0xffff });
    t.expectState(1, 0, 'ready').expectMailbox(2, 'received', { sender: 1, size: 5 }).expectRunning(0, 0);
  });

  it('4.3 MAILBOX_SEND step 9 + 10: secondary → blocked secondary: WAKE_UP(target, index), forced (sender, size)', () => {
    const t = blockInReceive(booted(), 2).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 31, 0).expectResult(0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0 });
    t.expectState(2, 0, 'ready').expectMailbox(2, 'read', { sender: 1 }).expectForced(2, 0, recv(1, 31));
  });

  it('4.3 MAILBOX_SEND step 9: LIFO — the most recently blocked receiver is woken first (extension: 2 vCPUs)', () => {
    const t = startVcpu(booted([2]), 1, 1);
    blockInReceive(t, 1, 0);
    blockInReceive(t, 1, 1).expectRecvStack(1, [0, 1]);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4, 0).expectResult(1).expectState(1, 1, 'ready').expectState(1, 0, 'blocked_mailbox').expectRecvStack(1, [0]);
    t.run(1, 1).hvc(1, 1, 'HF_MAILBOX_CLEAR').expectResult(0).hvc(1, 1, 'HF_VCPU_YIELD');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4, 0).expectResult(0).expectState(1, 0, 'ready').expectRecvStack(1, []);
  });

  it('4.3 / 4.10: a vCPU blocked in WFI is not woken by a message', () => {
    const t = booted().run(1);
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    t.expectState(1, 0, 'blocked_interrupt');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4, 0).expectResult(0xffff).expectState(1, 0, 'blocked_interrupt').expectMailbox(1, 'received');
  });

  it('4.3 / 4.10: Hafnium injects no READABLE interrupt on delivery', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4, 0).expectResult(0xffff);
    expect(t.vcpu(1).pendingLo).toBe(0);
  });
});

describe('4.3 HF_MAILBOX_RECEIVE', () => {
  it('4.3 RECEIVE: the primary gets (0xffffffff, 0) = 0x00000000ffffffff', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_RECEIVE', 1).expectResult(RECV_FAIL).expectRunning(0, 0);
  });

  it('4.3 RECEIVE: state received → read, returns (sender, size), no switch', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 9, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(recv(0, 9)).expectMailbox(1, 'read').expectRunning(0, 1);
  });

  it('4.3 RECEIVE: nothing received and block = 0 → (0xffffffff, 0), no switch', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(RECV_FAIL).expectRunning(0, 1).expectRecvStack(1, []);
  });

  it('4.3 RECEIVE: block = 1 pushes the caller, blocked_mailbox, WAIT_FOR_INTERRUPT; its x0 is (0xffffffff, 0)', () => {
    const t = blockInReceive(booted(), 1).expectState(1, 0, 'blocked_mailbox').expectRecvStack(1, [0]).expectResult(RECV_FAIL);
    t.expectRunning(0, 0);
  });

  it('4.3 RECEIVE: state read with block = 1 still blocks', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 2, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectMailbox(1, 'read');
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_mailbox');
  });

  it('4.3 RECEIVE: a message-woken receiver resumes with the forced (sender, size), applied on the next run only', () => {
    const t = blockInReceive(booted(), 1).hvc(0, 0, 'HF_MAILBOX_SEND', 1, 7, 0);
    expect(t.x0(1)).toBe(RECV_FAIL);
    t.run(1).expectForced(1, 0, null);
    expect(t.x0(1)).toBe(recv(0, 7));
  });

  it('4.3 RECEIVE / 4.10: an interrupt-woken receiver resumes with (0xffffffff, 0)', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 5, 1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 5).expectResult(1).expectState(1, 0, 'ready').expectRecvStack(1, []);
    t.run(1).expectState(1, 0, 'running');
    expect(t.x0(1)).toBe(RECV_FAIL);
  });
});

describe('4.3 HF_MAILBOX_CLEAR and the waiter result', () => {
  it('4.3 CLEAR / 4.10: empty → -1 and received → -1', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1);
    t.hvc(1, 0, 'HF_VCPU_YIELD').hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1).expectMailbox(1, 'received');
  });

  it('4.3 CLEAR: read with no waiters → 0, state empty, no switch', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectMailbox(1, 'empty').expectRunning(0, 1);
  });

  it('4.3 CLEAR: a secondary with waiters gets 0 and switches with NOTIFY_WAITERS, staying ready', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).hvc(2, 0, 'HF_VCPU_YIELD');
    t.run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0);
    t.expectRunReturn('NOTIFY_WAITERS').expectState(1, 0, 'ready').expectMailbox(1, 'empty').expectRunning(0, 0).expectWaiters(1, [2]);
  });

  it('4.3 CLEAR: the primary with waiters gets 1 (mailbox empty)', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 4, 0);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 0, 4, 1).expectResult(-1).expectWaiters(0, [2]).hvc(2, 0, 'HF_VCPU_YIELD');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(1).expectMailbox(0, 'empty');
  });

  it('4.3 CONFIGURE: waiters registered before configuration → secondary 0 + NOTIFY_WAITERS switch', () => {
    const t = booted();
    t.hv.model.vms[2].mailbox.send = null;
    t.hv.model.vms[2].mailbox.recv = null;
    t.run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 1).expectResult(-1).expectWaiters(2, [1]).hvc(1, 0, 'HF_VCPU_YIELD');
    t.run(2).configure(2).expectResult(0).expectRunReturn('NOTIFY_WAITERS').expectState(2, 0, 'ready');
  });

  it('4.3 CONFIGURE: waiters registered before configuration → primary gets 1', () => {
    const t = booted();
    t.hv.model.vms[0].mailbox.send = null;
    t.hv.model.vms[0].mailbox.recv = null;
    t.run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 1, 1).expectResult(-1).expectWaiters(0, [1]).hvc(1, 0, 'HF_VCPU_YIELD');
    t.configure(0).expectResult(1);
  });

  it('4.3 CONFIGURE: unaligned, same page, out of memory and repeated → -1; otherwise 0', () => {
    const t = new TestMachine();
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 0x800, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, 0x200000).expectResult(-1);
    t.configure(0).expectResult(0).configure(0).expectResult(-1);
  });
});

describe('4.3 HF_MAILBOX_WAITER_GET / HF_MAILBOX_WRITABLE_GET', () => {
  /** VM 3's mailbox filled by the primary; VMs 2 then 1 wait for it (notify). */
  function waitersFor3(): TestMachine {
    const t = booted([1, 1, 1]).hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1, 0);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 3, 1, 1).hvc(2, 0, 'HF_VCPU_YIELD');
    t.run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 3, 1, 1).hvc(1, 0, 'HF_VCPU_YIELD');
    return t.expectWaiters(3, [2, 1]);
  }

  /** VM 3 takes and clears its message (switches with NOTIFY_WAITERS). */
  function clear3(t: TestMachine): TestMachine {
    return t.run(3).hvc(3, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(3, 0, 'HF_MAILBOX_CLEAR').expectRunReturn('NOTIFY_WAITERS');
  }

  it('4.3 WAITER_GET: -1 for a secondary caller and for an absent VM', () => {
    const t = clear3(waitersFor3());
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 4).expectResult(-1);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(-1).expectWaiters(3, [2, 1]);
  });

  it('4.3 WAITER_GET / 4.9 race 2: -1 while the mailbox is not empty; the waiters stay queued', () => {
    const t = waitersFor3();
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(-1).expectWaiters(3, [2, 1]).expectReady(2, []);
  });

  it('4.3 WAITER_GET: -1 while the recv page is unconfigured (mailbox empty, waiters present)', () => {
    const t = booted();
    t.hv.model.vms[2].mailbox.recv = null;
    t.run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 1).hvc(1, 0, 'HF_VCPU_YIELD').expectWaiters(2, [1]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 2).expectResult(-1).expectWaiters(2, [1]);
  });

  it('4.3 WAITER_GET / 4.7: FIFO — returns waiters in registration order, then -1; entries move to ready lists', () => {
    const t = clear3(waitersFor3());
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(2).expectWaiters(3, [1]).expectReady(2, [3]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(1).expectReady(1, [3]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(-1);
  });

  it('4.3 WAITER_GET: returns 0 when the primary was the waiter; its ready list holds the entry', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectWaiters(1, [0]);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectRunReturn('NOTIFY_WAITERS');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 1).expectResult(0).expectReady(0, [1]);
    t.hvc(0, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(1).hvc(0, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
  });

  it('4.2 / 4.9 race 3: wait and ready links are independent; re-registration while ready-listed does not duplicate', () => {
    const t = clear3(waitersFor3());
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(2).expectReady(2, [3]);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1, 0);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 3, 1, 1).expectResult(-1).expectWaiters(3, [1, 2]).expectReady(2, [3]).hvc(2, 0, 'HF_VCPU_YIELD');
    clear3(t).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(1).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(2);
    t.expectReady(2, [3]).expectReady(1, [3]);
  });

  it('4.3 WRITABLE_GET: -1 when empty; FIFO over the ready list', () => {
    const t = booted([1, 1, 1]).hvc(0, 0, 'HF_MAILBOX_SEND', 2, 1, 0).hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1, 0);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 3, 1, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 1).hvc(1, 0, 'HF_VCPU_YIELD');
    t.run(3).hvc(3, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(3, 0, 'HF_MAILBOX_CLEAR');
    t.run(2).hvc(2, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(2, 0, 'HF_MAILBOX_CLEAR');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 2).expectResult(1).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 3).expectResult(1).expectReady(1, [2, 3]);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(2).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(3);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
  });
});

describe('5.2 T6 primary_to_secondary, replayed as hypercalls', () => {
  it('5.2 T6 steps 7-10: send(0, notify) fails on the read primary mailbox; CLEAR → 1; WAITER_GET → 1, -1; INJECT → 1', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 0).expectRunReturn('MESSAGE', 15);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 1).expectResult(-1).expectWaiters(0, [1]);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    t.expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_interrupt');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(1).expectMailbox(0, 'empty');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(1).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(2).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(0);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 1).expectRunReturn('MESSAGE', 15);
  });
});

describe('4.7 writable-notification protocol, case A (secondary receiver)', () => {
  it('4.7 case A steps 1-6: S waits for R, R clears → NOTIFY_WAITERS, WAITER_GET → S, INJECT → 1, S gets 2, WRITABLE_GET → R, retry succeeds', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 2, 1, 0);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 5, 1).expectResult(-1).expectWaiters(2, [1]);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    t.expectState(1, 0, 'blocked_interrupt');
    t.run(2).hvc(2, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(2, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectRunReturn('NOTIFY_WAITERS');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 2).expectResult(1).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 2).expectResult(-1).expectReady(1, [2]);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
    t.run(1);
    expect(t.regs[1][0].irqLine).toBe(true);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(2).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(2);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 5, 1).expectResult(0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0xffff }).expectMailbox(2, 'received', { sender: 1, size: 5 });
  });

  it('4.9 race 5: two writable targets coalesce into one pending WRITABLE bit; the ready list keeps both ids', () => {
    const t = booted([1, 1, 1]).hvc(0, 0, 'HF_MAILBOX_SEND', 2, 1, 0).hvc(0, 0, 'HF_MAILBOX_SEND', 3, 1, 0);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 3, 1, 1);
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    for (const r of [2, 3]) {
      t.run(r).hvc(r, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(r, 0, 'HF_MAILBOX_CLEAR').expectRunReturn('NOTIFY_WAITERS');
      t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', r).expectResult(1);
    }
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(0);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(2).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(0xffffffff);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(2).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(3);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
  });
});
