/**
 * Hafnium's own tests T1, T3 and T6 (reference section 5), replayed as
 * hypercall scripts: the primary's calls are the test's, the secondaries'
 * are what the services do between runs.
 */
import { describe, expect, it } from 'vitest';
import { TestMachine } from '../test-machine.ts';

/** Fresh boot; the primary configured; SERVICE_SELECT(vm, name) for each VM (reference 5.0). */
function withServices(...vms: [number, string][]) {
  const t = new TestMachine().configure(0).expectResult(0);
  for (const [vm, name] of vms) {
    t.run(vm).configure(vm).hvc(vm, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.writeSend(0, name).hvc(0, 0, 'HF_MAILBOX_SEND', vm, name.length, 0).expectResult(0);
    t.run(vm).hvc(vm, 0, 'HF_MAILBOX_CLEAR').expectResult(0).hvc(vm, 0, 'HF_VCPU_YIELD').expectRunReturn('YIELD');
  }
  return t;
}

/** A service's "copy recv to send" step. */
function copyRecvToSend(t: TestMachine, vm: number, from: number, size: number) {
  t.writeSend(vm, t.mem[vm].read(0x21000 + from, size));
}

describe('reference tests as hypercall scripts', () => {
  it('T1 mailbox/echo', () => {
    const t = withServices([1, 'echo']);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_mailbox');
    t.writeSend(0, 'Echo this back to me!\0').hvc(0, 0, 'HF_MAILBOX_SEND', 1, 22, 0).expectResult(0).expectMailbox(1, 'read').expectForced(1, 0, 22n << 32n);
    t.run(1);
    expect(t.x0(1)).toBe(22n << 32n);
    copyRecvToSend(t, 1, 0, 22);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 22, 0).expectRunReturn('MESSAGE', 22);
    expect(t.recvText(0, 21)).toBe('Echo this back to me!');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(0).expectMailbox(0, 'empty');
  });

  it('T3 mailbox/relay', () => {
    const t = withServices([1, 'relay'], [2, 'relay']);
    t.run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.run(2).hvc(2, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    const msg = new Uint8Array(35);
    msg.set([2, 0, 0, 0, 0, 0, 0, 0]);
    msg.set(Uint8Array.from('Send this round the relay!\0', (c) => c.charCodeAt(0)), 8);
    t.writeSend(0, msg).hvc(0, 0, 'HF_MAILBOX_SEND', 1, 35, 0).expectResult(0);
    t.run(1);
    copyRecvToSend(t, 1, 4, 31);
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').hvc(1, 0, 'HF_MAILBOX_SEND', 2, 31, 0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0 });
    t.run(2);
    expect(t.x0(2)).toBe((31n << 32n) | 1n);
    copyRecvToSend(t, 2, 4, 27);
    t.hvc(2, 0, 'HF_MAILBOX_CLEAR').hvc(2, 0, 'HF_MAILBOX_SEND', 0, 27, 0).expectRunReturn('MESSAGE', 27);
    expect(t.recvText(0, 26)).toBe('Send this round the relay!');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(0);
  });

  it('T6 mailbox/primary_to_secondary: a secondary waits for the primary\'s mailbox', () => {
    const t = withServices([1, 'echo_with_notification']);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.writeSend(0, 'not ready echo\0').hvc(0, 0, 'HF_MAILBOX_SEND', 1, 15, 0).expectResult(0);
    t.run(1);
    copyRecvToSend(t, 1, 0, 15);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 1).expectRunReturn('MESSAGE', 15);
    expect(t.recvText(0, 14)).toBe('not ready echo');
    t.run(1).hvc(1, 0, 'HF_MAILBOX_CLEAR').expectResult(0).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).expectRunReturn('WAIT_FOR_INTERRUPT');
    t.writeSend(0, 'ohce ydaer ton\0').hvc(0, 0, 'HF_MAILBOX_SEND', 1, 15, 0).expectResult(0);
    t.run(1);
    copyRecvToSend(t, 1, 0, 15);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 1).expectResult(-1).expectWaiters(0, [1]);
    t.hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(-1);
    t.hv.wfi(0, t.vcpu(1));
    t.running[0] = t.hv.primaryOf(0);
    t.expectRunReturn('WAIT_FOR_INTERRUPT').expectState(1, 0, 'blocked_interrupt');
    t.hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(1).expectMailbox(0, 'empty');
    t.hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(1).hvc(0, 0, 'HF_MAILBOX_WAITER_GET', 0).expectResult(-1).expectReady(1, [0]);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
    t.run(1);
    expect(t.regs[1][0].irqLine).toBe(true);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(2).hvc(1, 0, 'HF_MAILBOX_WRITABLE_GET').expectResult(0);
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 0, 15, 1).expectRunReturn('MESSAGE', 15);
    expect(t.recvText(0, 14)).toBe('ohce ydaer ton');
  });
});
