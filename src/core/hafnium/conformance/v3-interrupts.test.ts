/**
 * Conformance of the v3-notify interrupt calls, the virtual IRQ line and the
 * non-HVC exits with the reference (shared/docs/hafnium-abi.md, 4.3, 4.4,
 * 4.6, 4.10).
 */
import { describe, expect, it } from 'vitest';
import { TestMachine } from '../test-machine.ts';
import { u64 } from '../u64.ts';

function booted(secondaries: number[] = [1, 1]): TestMachine {
  return new TestMachine({ secondaries }).configureAll();
}

/** The secondary (vm, 0) takes a WFI trap on CPU 0. */
function wfi(t: TestMachine, vm: number, vcpu = 0): TestMachine {
  t.running[0] = t.hv.wfi(0, t.vcpu(vm, vcpu));
  return t;
}

describe('4.3 HF_INTERRUPT_ENABLE', () => {
  it('4.3 ENABLE: intid ≥ 64 → -1; 63 → 0', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 64, 1).expectResult(-1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 63, 1).expectResult(0);
    expect(t.vcpu(1).enabledHi).toBe(0x80000000);
  });

  it('4.3 ENABLE / 4.6: enabling an already-pending id counts it and raises VI at the end of that HVC', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 7).expectResult(0);
    expect(t.vcpu(1).count).toBe(0);
    expect(t.regs[1][0].irqLine).toBe(false);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 1).expectResult(0);
    expect(t.vcpu(1).count).toBe(1);
    expect(t.regs[1][0].irqLine).toBe(true);
  });

  it('4.3 ENABLE: disabling a pending enabled id uncounts it and drops VI; the pending bit stays', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 7);
    expect(t.regs[1][0].irqLine).toBe(true);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 0).expectResult(0);
    expect([t.vcpu(1).count, t.regs[1][0].irqLine, t.vcpu(1).pendingLo]).toEqual([0, false, 1 << 7]);
  });

  it('4.3 ENABLE: enabling twice counts once', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 7);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 7, 1);
    expect(t.vcpu(1).count).toBe(1);
  });
});

describe('4.3 HF_INTERRUPT_GET', () => {
  it('4.3 GET: lowest enabled-and-pending id first; disabled pending ids are skipped; none → 0xffffffff', () => {
    const t = booted().run(1);
    for (const id of [40, 9, 3]) t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', id, 1);
    for (const id of [1, 40, 9]) t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, id);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(9).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(40);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(0xffffffff);
    expect(t.vcpu(1).pendingLo).toBe(1 << 1);
  });

  it('4.3 GET / 4.6: consuming the last interrupt drops VI; one remaining keeps it', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 5, 1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 6, 1);
    t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 5).hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 6);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(5);
    expect(t.regs[1][0].irqLine).toBe(true);
    t.hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(6);
    expect(t.regs[1][0].irqLine).toBe(false);
  });
});

describe('4.3 HF_INTERRUPT_INJECT', () => {
  it('4.3 INJECT: -1 for intid ≥ 64, an absent VM, a vCPU out of range, a secondary targeting another VM', () => {
    const t = booted();
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 64).expectResult(-1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 3, 0, 1).expectResult(-1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 1, 1).expectResult(-1);
    t.run(1).hvc(1, 0, 'HF_INTERRUPT_INJECT', 2, 0, 1).expectResult(-1).expectRunning(0, 1);
    expect(t.vcpu(2).pendingLo).toBe(0);
  });

  it('4.3 INJECT: not enabled → pending set, 0, a blocked target stays blocked', () => {
    const t = wfi(booted().run(1), 1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(0).expectState(1, 0, 'blocked_interrupt');
    expect(t.vcpu(1).pendingLo).toBe(1 << 2);
  });

  it('4.3 INJECT: already pending → 0', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1);
    wfi(t, 1).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(0);
    expect(t.vcpu(1).count).toBe(1);
  });

  it('4.3 INJECT / 4.6: a second enabled id while one is pending → 0 (count 2)', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 3, 1);
    wfi(t, 1).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 3).expectResult(0);
    expect(t.vcpu(1).count).toBe(2);
  });

  it('4.3 INJECT: first enabled-pending id wakes blocked_interrupt → ready; primary gets 1', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1);
    wfi(t, 1).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
  });

  it('4.3 INJECT: first enabled-pending id wakes blocked_mailbox → ready and off the receive stack', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    t.expectRecvStack(1, [0]).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready').expectRecvStack(1, []);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(0xffff).expectMailbox(1, 'received');
  });

  it('4.3 INJECT: the primary gets 1 even when the target was not blocked (ready)', () => {
    const t = booted();
    t.vcpu(1).enabledLo = 1 << 2;
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'ready');
  });

  it('4.3 INJECT / 4.6: the primary gets 1 for a target running on another CPU; its VI is only set when re-run', () => {
    const t = new TestMachine({ cpus: 2 }).configureAll();
    t.hv.host.cpuOn(1);
    t.run(1, 0, 1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 2, 1);
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2).expectResult(1).expectState(1, 0, 'running');
    expect(t.regs[1][0].irqLine).toBe(false);
    t.running[1] = t.hv.preempt(1, t.vcpu(1));
    t.run(1, 0, 1);
    expect(t.regs[1][0].irqLine).toBe(true);
  });

  it('4.3 INJECT: a secondary injecting into another vCPU of its VM → 0 and WAKE_UP(vm, vcpu), caller ready (extension: 2 vCPUs)', () => {
    const t = booted([2]);
    t.hv.start(t.vcpu(1, 1), 0x80000, u64(0), 'test');
    t.run(1, 1).hvc(1, 1, 'HF_INTERRUPT_ENABLE', 4, 1);
    wfi(t, 1, 1).run(1, 0);
    t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 1, 4).expectResult(0).expectRunReturn('WAKE_UP', { vm: 1, vcpu: 1 });
    t.expectState(1, 0, 'ready').expectState(1, 1, 'ready').expectRunning(0, 0);
  });

  it('4.3 INJECT: a secondary injecting into another vCPU of its VM that already has an enabled pending id → 0, no switch', () => {
    const t = booted([2]);
    t.hv.start(t.vcpu(1, 1), 0x80000, u64(0), 'test');
    t.run(1, 1).hvc(1, 1, 'HF_INTERRUPT_ENABLE', 4, 1).hvc(1, 1, 'HF_INTERRUPT_ENABLE', 6, 1);
    wfi(t, 1, 1).hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 1, 4).expectResult(1).run(1, 0);
    t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 1, 6).expectResult(0).expectRunning(0, 1, 0);
    expect(t.vcpu(1, 1).count).toBe(2);
  });

  it('4.3 INJECT: self-injection → 0, no switch, VI raised at the end of the HVC', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_INTERRUPT_ENABLE', 5, 1);
    t.hvc(1, 0, 'HF_INTERRUPT_INJECT', 1, 0, 5).expectResult(0).expectRunning(0, 1);
    expect(t.regs[1][0].irqLine).toBe(true);
  });

  it('4.6: an injected but disabled id fires when enabled later (count rises on enable)', () => {
    const t = booted().hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 8).expectResult(0).run(1);
    expect(t.regs[1][0].irqLine).toBe(false);
    t.hvc(1, 0, 'HF_INTERRUPT_ENABLE', 8, 1).hvc(1, 0, 'HF_INTERRUPT_GET').expectResult(8);
  });
});

describe('4.3 HF_VCPU_RUN and the forced return value', () => {
  it('4.3 RUN: a vCPU that was never started (off) → 2 without switching', () => {
    const t = booted([2]).run(1, 1).expectRunReturn('WAIT_FOR_INTERRUPT').expectRunning(0, 0).expectState(1, 1, 'off');
    expect(t.x0(0)).toBe(2n);
  });

  it('4.3 RUN: sets the target VI from its pending count when switching in', () => {
    const t = booted();
    t.vcpu(1).enabledLo = 1 << 2;
    t.hvc(0, 0, 'HF_INTERRUPT_INJECT', 1, 0, 2);
    expect(t.regs[1][0].irqLine).toBe(false);
    t.run(1);
    expect(t.regs[1][0].irqLine).toBe(true);
  });

  it('4.3 RUN: a forced value is applied once, at the next run, and cleared', () => {
    const t = booted().run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1).hvc(0, 0, 'HF_MAILBOX_SEND', 1, 3, 0);
    t.expectForced(1, 0, 3n << 32n).run(1).expectForced(1, 0, null);
    expect(t.x0(1)).toBe(3n << 32n);
    t.hvc(1, 0, 'HF_VCPU_YIELD').run(1);
    expect(t.x0(1)).toBe(0n);
  });
});

describe('4.4 non-HVC exits (C3)', () => {
  it('4.4 WFI: PC advanced past the WFI, blocked_interrupt, primary gets WAIT_FOR_INTERRUPT', () => {
    const t = booted().run(1);
    t.regs[1][0].pc = 0x80010;
    wfi(t, 1).expectState(1, 0, 'blocked_interrupt').expectRunReturn('WAIT_FOR_INTERRUPT').expectRunning(0, 0);
    expect(t.regs[1][0].pc).toBe(0x80014);
    t.run(1).expectRunReturn('WAIT_FOR_INTERRUPT');
  });

  it('4.4 WFE: back to the same guest, PC unchanged', () => {
    const t = booted().run(1);
    t.regs[1][0].pc = 0x80010;
    expect(t.hv.wfe(0, t.vcpu(1))).toBe(t.vcpu(1));
    expect(t.regs[1][0].pc).toBe(0x80010);
    t.expectState(1, 0, 'running');
  });

  it('4.4 physical IRQ: PREEMPTED, the secondary ready; its x0 untouched', () => {
    const t = booted().run(1);
    t.regs[1][0].setX(0, 1234, 0);
    t.running[0] = t.hv.preempt(0, t.vcpu(1));
    t.expectRunReturn('PREEMPTED').expectState(1, 0, 'ready').expectRunning(0, 0);
    expect(t.x0(1)).toBe(1234n);
  });

  it('4.4 SMC from a secondary → -1 and skipped', () => {
    const t = booted().run(1);
    t.regs[1][0].setX(0, 0x84000000, 0);
    expect(t.hv.smc(0, t.vcpu(1))).toBe(t.vcpu(1));
    expect(t.x0(1)).toBe(0xffffffffffffffffn);
  });
});
