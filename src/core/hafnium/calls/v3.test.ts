import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../test-machine.ts';

/** Both secondaries blocked in receive, mailboxes configured: the usual start. */
function booted(opts: ConstructorParameters<typeof TestMachine>[0] = {}) {
  return new TestMachine(opts).configureAll();
}

/** The primary runs VM `vm` vCPU 0 which blocks in receive. */
function blockInReceive(t: TestMachine, vm: number) {
  return t.run(vm).hvc(vm, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
}

describe('v3-notify: ids and counts', () => {
  it('VM_GET_ID answers the caller, VM_GET_COUNT counts the primary', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_VM_GET_ID').expectResult(0).hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(3);
    t.run(2).hvc(2, 0, 'HF_VM_GET_ID').expectResult(2);
  });

  it('VCPU_GET_COUNT: primary only, VM must exist; the primary counts CPUs', () => {
    const t = booted({ cpus: 2, secondaries: [3] });
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(3);
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 0).expectResult(2);
    t.hvc(0, 0, 'HF_VCPU_GET_COUNT', 0xffffffff).expectResult(-1);
    t.run(1).hvc(1, 0, 'HF_VCPU_GET_COUNT', 1).expectResult(-1);
  });

  it('an unknown id returns -1 with a reason; bit 30 of the id is ignored', () => {
    const t = booted();
    t.hvc(0, 0, 0xff7f).expectResult(-1);
    expect(t.trace.since(0).at(-1)).toMatchObject({ kind: 'hypercall', name: 'UNKNOWN', reason: 'unknown function id' });
    t.hvc(0, 0, 0x4000ff01).expectResult(3);
  });

  it('a non-switching return zeroes x1-x17 and keeps x18', () => {
    const t = booted();
    for (let i = 1; i <= 18; i++) t.regs[0][0].setX(i, 7, 7);
    t.regs[0][0].setX(0, 0xff01, 0);
    t.hv.hvc(0, t.vcpu(0));
    expect(t.regs[0][0].xlo(17)).toBe(0);
    expect(t.regs[0][0].xlo(18)).toBe(7);
  });
});

describe('v3-notify: HF_VCPU_RUN', () => {
  it('fails with WAIT_FOR_INTERRUPT for a secondary caller, the primary, absent VMs, bad vCPUs, non-ready targets', () => {
    const t = booted();
    t.run(0).expectRunReturn('WAIT_FOR_INTERRUPT').expectRunning(0, 0);
    t.run(9).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.run(1, 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.run(1).hvc(1, 0, 'HF_VCPU_RUN', 2, 0).expectResult(2).expectRunning(0, 1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).run(1).expectRunReturn('WAIT_FOR_INTERRUPT');
    expect(t.hv.runCodes.map((r) => r.code)).toEqual(Array(5).fill('WAIT_FOR_INTERRUPT'));
  });

  it('runs a ready vCPU: running on this CPU, primary x0 placeholder PREEMPTED, forced value applied', () => {
    const t = booted();
    t.vcpu(1).forced = { lo: 42, hi: 0 };
    t.run(1).expectState(1, 0, 'running').expectRunning(0, 1).expectRunReturn('PREEMPTED').expectForced(1, 0, null);
    expect(t.x0(1)).toBe(42n);
  });

  it('a vCPU running on one CPU cannot be run from another', () => {
    const t = booted({ cpus: 2 });
    t.hv.host.cpuOn(1);
    t.run(1, 0, 0).run(1, 0, 1).expectRunReturn('WAIT_FOR_INTERRUPT', {}, 1);
  });
});

describe('v3-notify: HF_VCPU_YIELD', () => {
  it('a secondary yields to the primary and stays ready; the primary gets a no-op 0', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_VCPU_YIELD').expectResult(0).expectRunning(0, 0);
    t.run(1).hvc(1, 0, 'HF_VCPU_YIELD').expectResult(0).expectRunReturn('YIELD').expectState(1, 0, 'ready');
  });
});

describe('v3-notify: HF_VM_CONFIGURE', () => {
  it('refuses unaligned, identical, unmapped and repeated configurations', () => {
    const t = new TestMachine();
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE + 1, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_RECV_PAGE + 8).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_SEND_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', 0x100000, TEST_RECV_PAGE).expectResult(-1);
    t.hvc(0, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, 1n << 40n).expectResult(-1);
    t.configure(0).expectResult(0).configure(0).expectResult(-1);
  });

  it('makes the receive page read-only for the VM', () => {
    const t = new TestMachine().configure(0);
    expect(t.mem[0].checkStore(TEST_RECV_PAGE, 8)).toBe(1);
    expect(t.mem[0].checkStore(TEST_SEND_PAGE, 8)).toBe(0);
  });

  it('waiters registered before configuration: primary gets 1, a secondary switches with NOTIFY_WAITERS', () => {
    const t = new TestMachine();
    t.configure(0);
    t.run(1).configure(1).expectResult(0).expectRunning(0, 1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 4, 1).expectResult(-1).expectWaiters(2, [1]);
    t.hvc(1, 0, 'HF_VCPU_YIELD').run(2).configure(2).expectResult(0).expectRunReturn('NOTIFY_WAITERS').expectState(2, 0, 'ready');
    const p = new TestMachine().configureAll();
    p.hv.model.vms[0].mailbox.send = null;
    p.hv.model.vms[0].mailbox.recv = null;
    p.hv.model.vms[0].waiterList.push(1);
    p.configure(0).expectResult(1);
  });
});

describe('v3-notify: HF_MAILBOX_SEND', () => {
  it('checks size, reflexivity, target, own send page (no registration then)', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4097, 0).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1n << 32n, 0).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 0, 4, 0).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 3, 4, 0).expectResult(-1);
    t.hv.model.vms[0].mailbox.send = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 4, 1).expectResult(-1).expectWaiters(1, []);
  });

  it('primary → secondary with nobody waiting: 0xffff, mailbox received', () => {
    const t = booted().writeSend(0, 'hi!');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 3, 0).expectResult(0xffff).expectMailbox(1, 'received', { sender: 0, size: 3 });
    expect(t.recvText(1, 3)).toBe('hi!');
  });

  it('primary → a receiver blocked in receive: its index, mailbox read, forced (sender, size)', () => {
    const t = blockInReceive(booted(), 1).writeSend(0, 'Echo this back to me!\0');
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 22, 0).expectResult(0).expectMailbox(1, 'read').expectState(1, 0, 'ready');
    t.expectForced(1, 0, 0x16_0000_0000n).expectRecvStack(1, []);
  });

  it('busy target: -1; with notify the entry is linked once; without, not at all', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(2);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(-1).expectWaiters(1, []);
    t.hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectResult(-1).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).expectWaiters(1, [2]);
    t.expectRunning(0, 2);
  });

  it('unconfigured receive page: -1 and registration with notify', () => {
    const t = booted();
    t.hv.model.vms[1].mailbox.recv = null;
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 5n << 40n).expectResult(-1).expectWaiters(1, [0]);
  });

  it('secondary → primary: MESSAGE(size), primary mailbox read, sender ready with x0 = 0', () => {
    const t = booted().run(1).writeSend(1, 'pong');
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 4, 0).expectResult(0).expectRunReturn('MESSAGE', 4).expectMailbox(0, 'read', { sender: 1 });
    t.expectState(1, 0, 'ready');
    expect(t.recvText(0, 4)).toBe('pong');
  });

  it('secondary → secondary: WAKE_UP(target, receiver) or WAKE_UP(target, 0xffff)', () => {
    const t = blockInReceive(booted(), 2).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 8, 0).expectResult(0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0 }).expectForced(2, 0, 0x8_0000_0001n);
    const u = booted().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 2, 8, 0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0xffff });
    u.expectMailbox(2, 'received', { sender: 1, size: 8 });
  });

  it('several receivers: the most recently blocked is woken first (LIFO)', () => {
    const t = booted({ secondaries: [3] });
    for (const i of [1, 2]) t.hv.start(t.vcpu(1, i), 0x80000, { lo: 0, hi: 0 }, 'test');
    for (const i of [0, 2, 1]) t.run(1, i).hvc(1, i, 'HF_MAILBOX_RECEIVE', 1);
    t.expectRecvStack(1, [0, 2, 1]);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(1).expectRecvStack(1, [0, 2]);
  });
});

describe('v3-notify: HF_MAILBOX_RECEIVE', () => {
  it('the primary gets (0xffffffff, 0)', () => {
    booted().hvc(0, 0, 'HF_MAILBOX_RECEIVE', 1).expectResult(0xffffffff);
  });

  it('a received message is taken: (sender, size), mailbox read', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 9, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(0x9_0000_0000n).expectMailbox(1, 'read');
  });

  it('nothing and block = 0: (0xffffffff, 0), no switch', () => {
    booted().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).expectResult(0xffffffff).expectRunning(0, 1);
  });

  it('blocking: blocked_mailbox on the stack, WAIT_FOR_INTERRUPT, provisional (0xffffffff, 0)', () => {
    const t = blockInReceive(booted(), 1).expectState(1, 0, 'blocked_mailbox').expectRecvStack(1, [0]);
    expect(t.x0(1)).toBe(0xffffffffn);
  });

  it('a read but uncleared mailbox still blocks', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectState(1, 0, 'blocked_mailbox');
  });

  it('woken by an interrupt instead of a message: the receive fails (0xffffffff, 0)', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 5, 1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 5).expectResult(1).expectState(1, 0, 'ready').expectRecvStack(1, []);
    t.run(1);
    expect(t.x0(1)).toBe(0xffffffffn);
    expect(t.vcpu(1).virq).toBe(true);
  });
});

describe('v3-notify: HF_MAILBOX_CLEAR', () => {
  it('-1 for empty (C3 quirk) and received; 0 for read without waiters', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1);
    t.hvc(1, 0, 'HF_VCPU_YIELD').hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(1);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(-1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectMailbox(1, 'empty');
  });

  it('with waiters: a secondary switches with NOTIFY_WAITERS, the primary gets 1', () => {
    const t = booted().hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 1, 1, 1).hvc(2, 0, 'HF_VCPU_YIELD');
    t.run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectRunReturn('NOTIFY_WAITERS').expectMailbox(1, 'empty');
    const p = booted().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 1, 0).run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 0, 1, 1).expectResult(-1);
    p.hvc(2, 0, 'HF_VCPU_YIELD').hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(1).expectWaiters(0, [2]);
  });
});

describe('v3-notify: WAITER_GET and WRITABLE_GET', () => {
  function waitingOnPrimary() {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 1, 0);
    return t.run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 0, 1, 1).hvc(2, 0, 'HF_VCPU_YIELD').run(1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 1, 1).hvc(1, 0, 'HF_VCPU_YIELD');
  }

  it('WAITER_GET: primary only, VM must exist, mailbox must be empty and configured', () => {
    const t = waitingOnPrimary().expectWaiters(0, [2, 1]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 7).expectResult(-1);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1).hvc(1, 0, 'HF_VCPU_YIELD');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(1);
    t.hv.model.vms[0].mailbox.recv = null;
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1);
  });

  it('FIFO: hands waiters out in registration order onto their ready lists, then -1', () => {
    const t = waitingOnPrimary().hvc(0, 0, 'HF_MAILBOX_CLEAR');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(2).expectReady(2, [0]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(1).expectReady(1, [0]);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1);
  });

  it('an entry already on the ready list is not linked twice', () => {
    const t = waitingOnPrimary().hvc(0, 0, 'HF_MAILBOX_CLEAR').hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0);
    t.hv.model.vms[0].waiterList.push(2);
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(2).expectReady(2, [0]);
  });

  it('WRITABLE_GET drains the caller\'s ready list then answers -1', () => {
    const t = waitingOnPrimary().hvc(0, 0, 'HF_MAILBOX_CLEAR').hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0);
    t.hv.model.vms[2].readyList.push(1);
    t.run(2).hvc(2, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(0).hvc(2, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(1);
    t.hvc(2, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
  });
});

describe('v3-notify: interrupts', () => {
  it('ENABLE: -1 for intid ≥ 64; enabling a pending id counts it and raises the line at the end of the call', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 64, 1).expectResult(-1);
    t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 40).expectResult(0);
    expect(t.vcpu(1).count).toBe(0);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 40, 1).expectResult(0);
    expect([t.vcpu(1).count, t.regs[1][0].irqLine]).toEqual([1, true]);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 40, 0);
    expect([t.vcpu(1).count, t.regs[1][0].irqLine]).toEqual([0, false]);
  });

  it('GET consumes the lowest enabled pending id, else 0xffffffff', () => {
    const t = booted().run(1);
    for (const id of [9, 3, 33]) t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', id, 1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, id);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(3).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(9);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(33).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(0xffffffff);
    expect(t.regs[1][0].irqLine).toBe(false);
  });

  it('INJECT refuses bad ids, VMs, vCPUs, and a secondary targeting another VM', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 64).expectResult(-1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 5, 0, 1).expectResult(-1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 1, 1).expectResult(-1);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 2, 0, 1).expectResult(-1);
  });

  it('INJECT: disabled or already pending → 0; second enabled-pending → 0; first → 1 and wakes a WFI-blocked vCPU', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 1);
    t.hvc(1, 0, 'HF_VCPU_YIELD');
    t.hv.setState(t.vcpu(1), 'blocked_interrupt', 'test');
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 3).expectResult(0).expectState(1, 0, 'blocked_interrupt');
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(0).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 7).expectResult(0);
    expect(t.vcpu(1).count).toBe(2);
  });

  it('INJECT returns 1 to the primary even when the target is not blocked', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_VCPU_YIELD');
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
  });

  it('a secondary injecting into another vCPU of its VM switches with WAKE_UP; into itself, 0 and its line rises', () => {
    const t = booted({ secondaries: [2] });
    t.hv.start(t.vcpu(1, 1), 0x80000, { lo: 0, hi: 0 }, 'test');
    t.run(1, 1).hvc(1, 1, 'HF_INTERRUPT_ENABLE', 4, 1).hvc(1, 1, 'HF_VCPU_YIELD');
    t.run(1, 0).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 1, 4).expectResult(0).expectRunReturn('WAKE_UP', { vm: 1, vcpu: 1 });
    t.run(1, 0).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 4, 1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 4).expectResult(0).expectRunning(0, 1, 0);
    expect(t.regs[1][0].irqLine).toBe(true);
  });
});

describe('v3-notify: PSCI and the debug console', () => {
  it('PSCI_VERSION answers 2 to the primary and -1 to a secondary', () => {
    const t = booted().hvc(0, 0, 'PSCI_VERSION').expectResult(2);
    t.run(1).hvc(1, 0, 'PSCI_VERSION').expectResult(-1);
  });

  it('CPU_ON starts the primary vCPU of another CPU at an entry with a context; errors are PSCI codes', () => {
    const t = booted({ cpus: 2 });
    t.hvc(0, 0, 'PSCI_CPU_ON', 2, 0x80100, 77).expectResult(-2);
    t.hvc(0, 0, 'PSCI_CPU_ON', 1, 0x80100, 77).expectResult(0).expectState(0, 1, 'running').expectRunning(1, 0, 1);
    expect([t.regs[0][1].pc, t.x0(0, 1)]).toEqual([0x80100, 77n]);
    t.hvc(0, 0, 'PSCI_CPU_ON', 1, 0x80100, 77).expectResult(-4);
    t.hvc(0, 0, 'PSCI_CPU_ON', 0x80000001, 0x80100, 77).expectResult(-4);
    t.hvc(0, 0, 0xc4000003, 0, 0, 0).expectResult(-4);
  });

  it('CPU_OFF idles the CPU; SYSTEM_OFF and SYSTEM_RESET end the run', () => {
    const t = booted({ cpus: 2 }).hvc(0, 0, 'PSCI_CPU_ON', 1, 0x80000, 0);
    t.hvc(0, 1, 'PSCI_CPU_OFF').expectState(0, 1, 'off').expectRunning(1, null);
    t.hvc(0, 0, 'PSCI_SYSTEM_OFF');
    expect(t.ended).toEqual({ kind: 'system_off' });
    expect(booted().hvc(0, 0, 'PSCI_SYSTEM_RESET').ended).toEqual({ kind: 'system_reset' });
    booted().run(1).hvc(1, 0, 'PSCI_SYSTEM_OFF').expectResult(-1);
  });

  it('HVLAB_DEBUG_PUTC / WRITE print to the console; a bad buffer is -1', () => {
    const t = booted().run(1);
    t.mem[1].write(0x30000, Uint8Array.from('PASS\n', (c) => c.charCodeAt(0)));
    t.hvc(1, 0, 'HVLAB_DEBUG_PUTC', 0x3e).hvc(1, 0, 'HVLAB_DEBUG_WRITE', 0x30000, 5).expectResult(0);
    t.hvc(1, 0, 'HVLAB_DEBUG_WRITE', 0xffffe, 5).expectResult(-1).hvc(1, 0, 'HVLAB_DEBUG_WRITE', 0, 4097).expectResult(-1);
    expect(t.hv.console).toBe('>PASS\n');
  });
});

describe('v3-notify: non-HVC exits and quirks (4.4, 4.10)', () => {
  it('WFI: blocked_interrupt, WAIT_FOR_INTERRUPT, PC advanced; a message does not wake it', () => {
    const t = booted().run(1);
    t.regs[1][0].pc = 0x80010;
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    t.expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_interrupt');
    expect(t.regs[1][0].pc).toBe(0x80014);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(0xffff).expectState(1, 0, 'blocked_interrupt').expectMailbox(1, 'received');
  });

  it('WFE re-executes (PC unchanged, no switch); the timer preempts with PREEMPTED', () => {
    const t = booted().run(1);
    t.regs[1][0].pc = 0x80020;
    expect(t.hv.wfe(0, t.vcpu(1))).toBe(t.vcpu(1));
    expect(t.regs[1][0].pc).toBe(0x80020);
    t.running[0] = t.hv.preempt(0, t.vcpu(1));
    t.expectRunReturn('PREEMPTED').expectState(1, 0, 'ready').expectRunning(0, 0);
  });

  it('SMC from a secondary returns -1 and is skipped; from the primary it reaches PSCI', () => {
    const t = booted().run(1);
    t.regs[1][0].setX(0, 0x84000000, 0);
    expect(t.hv.smc(0, t.vcpu(1))).toBe(t.vcpu(1));
    expect(t.x0(1)).toBe((1n << 64n) - 1n);
    t.hvc(1, 0, 'HF_VCPU_YIELD');
    t.regs[0][0].setX(0, 0x84000000, 0);
    t.hv.smc(0, t.vcpu(0));
    expect(t.x0(0)).toBe(2n);
  });

  it('v1 and v2 keep the PC at a trapped WFI and report YIELD for the timer', () => {
    for (const abi of ['v1-rpc', 'v2-mailbox'] as const) {
      const t = new TestMachine({ abi }).run(abi === 'v1-rpc' ? 0 : 1);
      const vm = 1;
      t.regs[vm][0].pc = 0x80010;
      t.running[0] = t.hv.wfi(0, t.vcpu(vm));
      t.expectRunReturn('WAIT_FOR_INTERRUPT').expectState(vm, 0, 'blocked_interrupt');
      expect(t.regs[vm][0].pc).toBe(0x80010);
      t.hv.setState(t.vcpu(vm), 'ready', 'test');
      t.run(abi === 'v1-rpc' ? 0 : 1);
      t.running[0] = t.hv.preempt(0, t.vcpu(vm));
      t.expectRunReturn('YIELD');
    }
  });
});
