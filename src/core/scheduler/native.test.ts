/**
 * The native scheduler's reactions to each run code (reference 4.8), driven
 * on a TestMachine: the secondaries' hypercalls are made by hand, the
 * scheduler makes the primary's.
 */
import { describe, expect, it } from 'vitest';
import { TestMachine, TEST_RECV_PAGE, TEST_SEND_PAGE } from '../hafnium/test-machine.ts';
import { createNativeState, NativeScheduler } from './native.ts';
import { pair, type U64 } from '../hafnium/u64.ts';
import type { VcpuRef } from '../trace/events.ts';

function setup(secondaries = [1, 1], cpus = 1) {
  const t = new TestMachine({ secondaries, cpus });
  const kicks: VcpuRef[] = [];
  const nat = new NativeScheduler(
    {
      hv: t.hv,
      pages: { send: TEST_SEND_PAGE, recv: TEST_RECV_PAGE },
      call: (cpu, name, a1 = 0, a2 = 0, a3 = 0) => {
        t.hvc(0, cpu, name, a1, a2, a3);
        const r = t.regs[0][cpu];
        return { value: pair(r.xlo(0), r.xhi(0)), switched: t.running[cpu] !== t.hv.primaryOf(cpu) };
      },
      kick: (v) => kicks.push(v),
    },
    createNativeState(t.hv, cpus),
  );
  nat.init(cpus);
  return { t, nat, kicks };
}

/** The primary's x0 on CPU 0: the code the last run returned. */
const code = (t: TestMachine): U64 => pair(t.regs[0][0].xlo(0), t.regs[0][0].xhi(0));
const threads = (nat: NativeScheduler) => nat.state.threads.map((x) => `${x.vm}:${x.state}`);

describe('native scheduler', () => {
  it('init configures the primary, counts VMs and vCPUs and starts the other CPUs, as hypercalls', () => {
    const { t } = setup([1, 1], 2);
    const calls = t.trace.since(0).flatMap((e) => (e.kind === 'hypercall' ? [e.name] : []));
    expect(calls).toEqual(['HF_VM_CONFIGURE', 'HF_VM_GET_COUNT', 'HF_VCPU_GET_COUNT', 'HF_VCPU_GET_COUNT', 'PSCI_CPU_ON']);
    t.expectMailbox(0, 'empty').expectRunning(1, 0, 1);
  });

  it('a failed run (vCPU not ready) puts the thread to sleep at once; YIELD and PREEMPTED keep it runnable', () => {
    const { t, nat } = setup([2]);
    nat.runThread(0, { vm: 1, vcpu: 1 });
    expect(threads(nat)).toEqual(['1:runnable', '1:sleeping']);
    nat.runThread(0, { vm: 1, vcpu: 0 });
    t.hvc(1, 0, 'HF_VCPU_YIELD');
    nat.returned(0, { vm: 1, vcpu: 0 });
    nat.reactPending(0, code(t));
    expect(threads(nat)).toEqual(['1:runnable', '1:sleeping']);
  });

  it('WAKE_UP(vm, vcpu) wakes that thread; WAKE_UP(vm, 0xffff) injects READABLE into vCPU 0 and wakes it only on 1', () => {
    const { t, nat } = setup();
    t.configureAll();
    nat.runThread(0, { vm: 2, vcpu: 0 });
    t.hvc(2, 0, 'HF_INTERRUPT_ENABLE', 1, 1).hvc(2, 0, 'HF_MAILBOX_RECEIVE', 1);
    nat.returned(0, { vm: 2, vcpu: 0 });
    nat.reactPending(0, code(t));
    expect(threads(nat)).toEqual(['1:runnable', '2:sleeping']);
    nat.runThread(0, { vm: 1, vcpu: 0 });
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0 });
    nat.returned(0, { vm: 1, vcpu: 0 });
    nat.reactPending(0, code(t));
    expect(threads(nat)).toEqual(['1:runnable', '2:runnable']);

    nat.state.threads[1].state = 'sleeping';
    t.hv.model.vms[2].mailbox.state = 'empty';
    t.hv.setState(t.vcpu(2), 'blocked_interrupt', 'test');
    nat.runThread(0, { vm: 1, vcpu: 0 });
    t.hvc(1, 0, 'HF_MAILBOX_SEND', 2, 1, 0).expectRunReturn('WAKE_UP', { vm: 2, vcpu: 0xffff });
    nat.returned(0, { vm: 1, vcpu: 0 });
    nat.reactPending(0, code(t));
    expect(t.trace.since(0).filter((e) => e.kind === 'hypercall' && e.name === 'HF_INTERRUPT_INJECT').at(-1)).toMatchObject({ args: ['0x0000000000000002', '0x0000000000000000', '0x0000000000000001'], resultNum: 1 });
    expect(threads(nat)).toEqual(['1:runnable', '2:runnable']);
  });

  it('MESSAGE: consumed (printed) and cleared; a clear returning 1 notifies the primary\'s waiters', () => {
    const { t, nat } = setup();
    t.configureAll();
    nat.runThread(0, { vm: 1, vcpu: 0 });
    t.writeSend(1, 'hi\0').hvc(1, 0, 'HF_MAILBOX_SEND', 0, 3, 0).expectRunReturn('MESSAGE', 3);
    nat.returned(0, { vm: 1, vcpu: 0 });
    nat.runThread(0, { vm: 2, vcpu: 0 });
    t.hvc(2, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(2, 0, 'HF_MAILBOX_SEND', 0, 1, 1).expectResult(-1);
    t.hv.wfi(0, t.vcpu(2));
    t.running[0] = t.hv.primaryOf(0);
    nat.returned(0, { vm: 2, vcpu: 0 });
    nat.reactPending(0, code(t));
    expect(threads(nat)).toEqual(['1:running', '2:sleeping']);
    nat.state.react[0] = { vm: 1, vcpu: 0 };
    nat.reactPending(0, t.hv.abi.encodeRunReturn({ code: 'MESSAGE', size: 3 }));
    expect(t.hv.console).toBe('[primary] message from VM 1 (3 bytes): hi\n');
    t.expectMailbox(0, 'empty').expectReady(2, [0]).expectState(2, 0, 'ready');
    expect(threads(nat)).toEqual(['1:runnable', '2:runnable']);
  });

  it('NOTIFY_WAITERS drains WAITER_GET(vm) and injects WRITABLE into each waiter; a running waiter is kicked', () => {
    const { t, nat, kicks } = setup([1, 1, 1]);
    t.configureAll();
    t.hv.model.vms[1].mailbox.state = 'read';
    t.hv.model.vms[1].mailbox.sender = 2;
    t.hv.model.vms[1].waiterList.push(2, 3);
    for (const vm of [2, 3]) t.run(vm).hvc(vm, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(vm, 0, 'HF_VCPU_YIELD');
    nat.state.threads[2].state = 'running';
    nat.runThread(0, { vm: 1, vcpu: 0 });
    t.hvc(1, 0, 'HF_MAILBOX_CLEAR').expectRunReturn('NOTIFY_WAITERS');
    nat.returned(0, { vm: 1, vcpu: 0 });
    nat.reactPending(0, code(t));
    const calls = t.trace.since(0).flatMap((e) => (e.kind === 'hypercall' && e.native === undefined && e.vm === 0 ? [`${e.name}=${e.resultNum}`] : []));
    expect(calls.slice(-5)).toEqual(['HF_MAILBOX_WAITER_GET=2', 'HF_INTERRUPT_INJECT=1', 'HF_MAILBOX_WAITER_GET=3', 'HF_INTERRUPT_INJECT=1', 'HF_MAILBOX_WAITER_GET=-1']);
    expect(kicks).toEqual([{ vm: 3, vcpu: 0 }]);
    expect(nat.state.threads[2].abortSleep).toBe(true);
  });
});
