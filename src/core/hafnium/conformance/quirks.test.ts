/**
 * Cross-generation conformance with the reference (shared/docs/hafnium-abi.md):
 * the trap layer of section 1 (function-id decoding, register zeroing), the
 * run-return encodings (2.2, 3.3, 4.5), failed-run codes and the non-HVC
 * exits per generation, and the C3 quirks of 4.10.
 */
import { describe, expect, it } from 'vitest';
import type { AbiGeneration } from '../../trace/events.ts';
import { TestMachine } from '../test-machine.ts';

const GENS: AbiGeneration[] = ['v1-rpc', 'v2-mailbox', 'v3-notify'];

function booted(abi: AbiGeneration): TestMachine {
  return new TestMachine({ abi }).configureAll();
}

/** Sets x1..x18 of (vm, vcpu) to a marker. */
function dirty(t: TestMachine, vm: number, vcpu = 0): void {
  for (let i = 1; i <= 18; i++) t.regs[vm][vcpu].setX(i, 0x1234, 0x5678);
}

/** x1..x18 of (vm, vcpu) that still hold the marker. */
function kept(t: TestMachine, vm: number, vcpu = 0): number[] {
  const out: number[] = [];
  for (let i = 1; i <= 18; i++) if (t.regs[vm][vcpu].xlo(i) === 0x1234) out.push(i);
  return out;
}

describe('1 hypercall ABI: register zeroing', () => {
  it('1: a non-switching HVC zeroes x1-x17 and keeps x18 at C2 and C3', () => {
    for (const abi of ['v2-mailbox', 'v3-notify'] as const) {
      const t = booted(abi);
      dirty(t, 0);
      t.regs[0][0].setX(0, 0xff01, 0);
      t.hv.hvc(0, t.vcpu(0));
      expect(kept(t, 0), abi).toEqual([18]);
    }
  });

  it('1: a non-switching HVC zeroes x1-x18 at C1', () => {
    const t = booted('v1-rpc');
    dirty(t, 0);
    t.regs[0][0].setX(0, 0xff01, 0);
    t.hv.hvc(0, t.vcpu(0));
    expect(kept(t, 0)).toEqual([]);
  });

  it('1: a switching HVC (C3 YIELD) leaves the caller x0 = result and x1-x17 zeroed', () => {
    const t = booted('v3-notify').run(1);
    dirty(t, 1);
    t.hvc(1, 0, 'HF_VCPU_YIELD').expectRunning(0, 0);
    expect(t.x0(1)).toBe(0n);
    expect(kept(t, 1)).toEqual([18]);
  });
});

describe('1 hypercall ABI: function ids', () => {
  it('1: C2/C3 mask bit 30 of the id (0x4000ff01 = VM_GET_COUNT)', () => {
    booted('v2-mailbox').hvc(0, 0, 0x4000ff01).expectResult(3);
    booted('v3-notify').hvc(0, 0, 0x4000ff01).expectResult(3).hvc(0, 0, 0x4000ff00).expectResult(0);
  });

  it('1: C2/C3 compare the id as 32 bits (x0 = 0x1_0000_ff01 = VM_GET_COUNT)', () => {
    for (const abi of ['v2-mailbox', 'v3-notify'] as const) {
      const t = booted(abi);
      t.regs[0][0].setX(0, 0xff01, 1);
      t.hv.hvc(0, t.vcpu(0));
      expect(t.x0(0), abi).toBe(3n);
    }
  });

  it('2.2: C1 compares x0 whole (x0 = 0x1_0000_ff01 is unknown → -1)', () => {
    const t = booted('v1-rpc');
    t.regs[0][0].setX(0, 0xff01, 1);
    t.hv.hvc(0, t.vcpu(0));
    expect(t.x0(0)).toBe(0xffffffffffffffffn);
  });

  it('1: C2/C3 offer PSCI to the primary only: a secondary\'s PSCI_VERSION HVC is an unknown id (-1)', () => {
    for (const abi of ['v2-mailbox', 'v3-notify'] as const) booted(abi).run(1).hvc(1, 0, 'PSCI_VERSION').expectResult(-1);
  });

  it('1: unknown ids return -1 in every generation', () => {
    booted('v1-rpc').hvc(0, 0, 0xff08).expectResult(-1);
    booted('v2-mailbox').hvc(0, 0, 0xff07).expectResult(-1);
    booted('v3-notify').hvc(0, 0, 0xff0e).expectResult(-1).hvc(0, 0, 0).expectResult(-1);
  });

  it('4.1: the C3 function ids are 0xff00-0xff0d in the reference order', () => {
    const names = ['HF_VM_GET_ID', 'HF_VM_GET_COUNT', 'HF_VCPU_GET_COUNT', 'HF_VCPU_RUN', 'HF_VCPU_YIELD', 'HF_VM_CONFIGURE', 'HF_MAILBOX_SEND', 'HF_MAILBOX_RECEIVE', 'HF_MAILBOX_CLEAR', 'HF_MAILBOX_WRITABLE_GET', 'HF_MAILBOX_WAITER_GET', 'HF_INTERRUPT_ENABLE', 'HF_INTERRUPT_GET', 'HF_INTERRUPT_INJECT'];
    const t = booted('v3-notify');
    expect(names.map((n) => t.id(n))).toEqual(names.map((_, i) => 0xff00 + i));
  });

  it('2.2 / errata: PSCI_VERSION answers 2 in every generation', () => {
    for (const abi of GENS) booted(abi).hvc(0, 0, 'PSCI_VERSION').expectResult(2);
  });
});

describe('run-return codes per generation', () => {
  it('2.3 / 3.4 / 4.3: a failed HF_VCPU_RUN returns WAIT_FOR_INTERRUPT = 1 (C1, C2) or 2 (C3) without switching', () => {
    const want: Record<AbiGeneration, bigint> = { 'v1-rpc': 1n, 'v2-mailbox': 1n, 'v3-notify': 2n };
    for (const abi of GENS) {
      const t = booted(abi).run(7).expectRunning(0, 0);
      expect(t.x0(0), abi).toBe(want[abi]);
    }
  });

  it('1: the primary\'s placeholder while a secondary runs is YIELD 0 (C1, C2) / PREEMPTED 0 (C3)', () => {
    for (const abi of GENS) {
      const t = booted(abi).run(abi === 'v1-rpc' ? 0 : 1).expectRunning(0, 1);
      expect(t.x0(0), abi).toBe(0n);
    }
  });

  it('4.5: the C3 encoding test vectors', () => {
    const enc = booted('v3-notify').hv.abi.encodeRunReturn;
    const big = (v: { lo: number; hi: number }) => (BigInt(v.hi) << 32n) | BigInt(v.lo);
    expect(big(enc({ code: 'WAKE_UP', vm: 0x12345678, vcpu: 0xabcd }))).toBe(0x12345678abcd0003n);
    expect(big(enc({ code: 'MESSAGE', size: 0xdeadbeef }))).toBe(0xdeadbeef00000004n);
    expect(big(enc({ code: 'SLEEP', ns: 0xcafed00dfeededn }))).toBe(0xcafed00dfeeded05n);
    expect([enc({ code: 'NOTIFY_WAITERS' }), enc({ code: 'PREEMPTED' }), enc({ code: 'YIELD' }), enc({ code: 'WAIT_FOR_INTERRUPT' })].map(big)).toEqual([6n, 0n, 1n, 2n]);
  });
});

describe('1 control returns to the primary vCPU of the same physical CPU', () => {
  it('1: a secondary run from CPU 1 reports MESSAGE to primary vCPU 1; primary vCPU 0 is untouched', () => {
    const t = new TestMachine({ cpus: 2 }).configureAll();
    t.hv.host.cpuOn(1);
    t.hvc(0, 0, 'HF_VM_GET_ID').run(1, 0, 1).hvc(1, 0, 'HF_MAILBOX_SEND', 0, 3, 0);
    t.expectRunning(1, 0, 1).expectRunning(0, 0, 0).expectRunReturn('MESSAGE', 3, 1);
    expect(t.x0(0, 0)).toBe(0n);
  });
});

describe('non-HVC exits per generation', () => {
  it('2.4 / 3.5 / 4.4: WFI → WAIT_FOR_INTERRUPT and blocked_interrupt; the PC advances only at C3', () => {
    const want: Record<AbiGeneration, [bigint, number]> = { 'v1-rpc': [1n, 0x80010], 'v2-mailbox': [1n, 0x80010], 'v3-notify': [2n, 0x80014] };
    for (const abi of GENS) {
      const t = booted(abi).run(abi === 'v1-rpc' ? 0 : 1);
      t.regs[1][0].pc = 0x80010;
      t.running[0] = t.hv.wfi(0, t.vcpu(1));
      t.expectState(1, 0, 'blocked_interrupt').expectRunning(0, 0);
      expect([t.x0(0), t.regs[1][0].pc], abi).toEqual(want[abi]);
    }
  });

  it('2.4 / 3.5 / 4.4: a physical IRQ → YIELD 0 (C1, C2) / PREEMPTED 0 (C3), the vCPU ready', () => {
    for (const abi of GENS) {
      const t = booted(abi).run(abi === 'v1-rpc' ? 0 : 1);
      t.running[0] = t.hv.preempt(0, t.vcpu(1));
      t.expectState(1, 0, 'ready').expectRunning(0, 0).expectRunReturn(abi === 'v3-notify' ? 'PREEMPTED' : 'YIELD');
      expect(t.x0(0), abi).toBe(0n);
    }
  });

  it('2.4: at C1 a vCPU in WFI is stuck: further runs return 1', () => {
    const t = booted('v1-rpc').run(0);
    t.running[0] = t.hv.wfi(0, t.vcpu(1));
    t.run(0).expectRunning(0, 0).expectState(1, 0, 'blocked_interrupt');
    expect(t.x0(0)).toBe(1n);
  });

  it('2.4 / 3.5 / 4.4: WFE re-executes (PC unchanged, same vCPU) in every generation', () => {
    for (const abi of GENS) {
      const t = booted(abi).run(abi === 'v1-rpc' ? 0 : 1);
      t.regs[1][0].pc = 0x80010;
      expect(t.hv.wfe(0, t.vcpu(1)), abi).toBe(t.vcpu(1));
      expect(t.regs[1][0].pc).toBe(0x80010);
    }
  });
});

describe('4.10 C3 quirks', () => {
  it('4.10: failed runs, blocked receives and WFI all report code 2', () => {
    const t = booted('v3-notify').run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    expect(t.x0(0)).toBe(2n);
    t.run(1);
    expect(t.x0(0)).toBe(2n);
    t.run(2);
    t.running[0] = t.hv.wfi(0, t.vcpu(2));
    expect(t.x0(0)).toBe(2n);
  });

  it('4.10: the primary\'s send to a receiver blocked on vCPU 0 returns 0, like plain success', () => {
    const t = booted('v3-notify').run(1).hvc(1, 0, 'HF_MAILBOX_RECEIVE', 1);
    t.hvc(0, 0, 'HF_MAILBOX_SEND', 1, 1, 0).expectResult(0);
  });

  it('4.10: MESSAGE carries only the size (bits 32-63), no sender', () => {
    const t = booted('v3-notify').run(2).hvc(2, 0, 'HF_MAILBOX_SEND', 0, 12, 0);
    expect(t.x0(0)).toBe((12n << 32n) | 4n);
  });

  it('4.10: CLEAR of an empty mailbox is -1 (the primary too)', () => {
    booted('v3-notify').hvc(0, 0, 'HF_MAILBOX_CLEAR').expectResult(-1);
  });

  it('4.10: HF_VCPU_YIELD from the primary is a no-op returning 0', () => {
    booted('v3-notify').hvc(0, 0, 'HF_VCPU_YIELD').expectResult(0).expectRunning(0, 0).expectState(0, 0, 'running');
  });
});
