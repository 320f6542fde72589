/**
 * The primary's SMC and the PSCI queries (reference sections 1 and 3.5: "SMC
 * from the primary -> PSCI"; the C2-era PSCI handler answers
 * MIGRATE_INFO_TYPE and AFFINITY_INFO too).
 */
import { describe, expect, it } from 'vitest';
import type { AbiGeneration } from '../../trace/events.ts';
import { TestMachine } from '../test-machine.ts';

function booted(abi: AbiGeneration = 'v3-notify', cpus = 1): TestMachine {
  return new TestMachine({ abi, cpus }).configureAll();
}

/** The primary executes `smc #0` with x0 = id, x1 = a1, x2 = a2 and x5 = a marker. */
function smc(t: TestMachine, id: number, a1 = 0, a2 = 0) {
  const r = t.regs[0][0];
  r.setX(0, id, 0);
  r.setX(1, a1, 0);
  r.setX(2, a2, 0);
  r.setX(5, 0xabcd, 0);
  return t.hv.smc(0, t.vcpu(0));
}

describe('SMC from the primary reaches PSCI only', () => {
  it.each(['v2-mailbox', 'v3-notify'] as const)('%s: a Hafnium call by SMC returns -1, switches nothing, leaves x1-x17', (abi) => {
    const t = booted(abi);
    const next = smc(t, 0xff03, 1, 0); // HF_VCPU_RUN(1, 0) at v3 / VCPU_GET_COUNT at v2 — neither is PSCI
    expect(next).toBe(t.vcpu(0));
    expect(t.x0(0)).toBe(0xffffffffffffffffn);
    expect(t.regs[0][0].xlo(1)).toBe(1);
    expect(t.regs[0][0].xlo(5)).toBe(0xabcd);
  });

  it('PSCI_VERSION by SMC answers 2 and keeps the other registers', () => {
    const t = booted();
    smc(t, 0x84000000);
    expect(t.x0(0)).toBe(2n);
    expect(t.regs[0][0].xlo(5)).toBe(0xabcd);
  });

  it('an HVC still reaches every call (and zeroes x1-x17)', () => {
    const t = booted();
    t.regs[0][0].setX(5, 0xabcd, 0);
    t.hvc(0, 0, 'HF_VM_GET_COUNT').expectResult(3);
    expect(t.regs[0][0].xlo(5)).toBe(0);
  });
});

describe('PSCI queries', () => {
  it('MIGRATE_INFO_TYPE answers 2 to the primary; a secondary gets -1 at v2/v3 and 2 at v1', () => {
    booted('v3-notify').hvc(0, 0, 'PSCI_MIGRATE_INFO_TYPE').expectResult(2).run(1).hvc(1, 0, 'PSCI_MIGRATE_INFO_TYPE').expectResult(-1);
    const v1 = booted('v1-rpc');
    v1.hvc(0, 0, 'HF_VCPU_RUN', 0, 0); // C1 runs secondaries by 0-based index
    v1.hvc(1, 0, 'PSCI_MIGRATE_INFO_TYPE').expectResult(2);
  });

  it('AFFINITY_INFO: 0 for a CPU that is on, 1 off, -2 no such CPU, -1 for a level other than 0', () => {
    const t = booted('v3-notify', 2);
    t.hvc(0, 0, 'PSCI_AFFINITY_INFO', 0, 0).expectResult(0);
    t.hvc(0, 0, 'PSCI_AFFINITY_INFO', 1, 0).expectResult(1);
    t.hvc(0, 0, 'PSCI_AFFINITY_INFO', 7, 0).expectResult(-2);
    t.hvc(0, 0, 'PSCI_AFFINITY_INFO', 0, 1).expectResult(-1);
    t.run(1).hvc(1, 0, 'PSCI_AFFINITY_INFO', 0, 0).expectResult(-1);
  });
});

describe('trace: decoded receive results', () => {
  it('a receive event carries (vm, size) read from its result', () => {
    const t = booted().run(1);
    t.hvc(1, 0, 'HF_MAILBOX_RECEIVE', 0);
    const ev = [...t.trace.since(0)].reverse().find((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_RECEIVE');
    expect(ev && ev.kind === 'hypercall' && ev.decoded).toEqual({ vm: 0xffffffff, size: 0 });
  });
});
