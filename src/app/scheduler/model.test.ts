import { describe, expect, it } from 'vitest';
import type { MachineView, VcpuView } from '../../core/machine/api.ts';
import type { TimeInfo } from '../../worker/protocol.ts';
import { blankDraft } from '../scenario/draft.ts';
import { branchRows, checkInject, checkNextChoice, describeChoice, pendingOptions, parseWhole, scheduleOf, withScheduleKind } from './model.ts';

const hex0 = '0x0000000000000000';
function vcpu(vm: number, index: number): VcpuView {
  return { vm, index, state: 'ready', cpu: null, pc: hex0, sp: hex0, x: [], nzcv: 0, el: 1, daif: 15, sysregs: {}, interrupts: { enabled: hex0, pending: hex0, count: 0 }, virq: false, forcedReturn: null, thread: null, retired: 0 };
}
/** Two CPUs; VM 1 with two vCPUs, VM 2 with one. */
function view(primary: 'guest' | 'native' = 'native'): MachineView {
  const vm = (id: number, n: number) => ({
    id, name: `vm${id}`, memorySize: 0x100000, waiterList: [], readyList: [], recvWaiters: [],
    mailbox: { state: 'empty' as const, sender: null, size: 0, send: null, recv: null },
    vcpus: Array.from({ length: n }, (_, i) => vcpu(id, i)),
  });
  return {
    abi: 'v3-notify', primary, steps: 0, console: '', runCodes: [], end: null, pendingChoice: null,
    cpus: [{ id: 0, running: null, thread: null }, { id: 1, running: null, thread: null }],
    vms: [vm(1, 2), vm(2, 1)],
  };
}

describe('schedule kind', () => {
  it('reads defaults and changes only the kind', () => {
    const d = blankDraft();
    expect(scheduleOf(d).quantum).toBe(1000);
    const m = withScheduleKind(d, 'manual');
    expect(scheduleOf(m).kind).toBe('manual');
    expect(withScheduleKind(m, 'manual')).toBe(m);
  });
});

describe('pending choice options', () => {
  it('offers each CPU with the steps asked for, clamped to the quantum', () => {
    const opts = pendingOptions({ kind: 'cpu', options: [0, 1], maxSteps: 100 }, 500);
    expect(opts.map((o) => o.choice)).toEqual([{ kind: 'cpu', cpu: 0, steps: 100 }, { kind: 'cpu', cpu: 1, steps: 100 }]);
    expect(opts[1].label).toBe('CPU 1 runs 100 steps');
    expect(pendingOptions({ kind: 'cpu', options: [1], maxSteps: 100 }, 0)[0].choice).toEqual({ kind: 'cpu', cpu: 1, steps: 1 });
  });
  it('offers each thread of a native scheduler on its CPU', () => {
    const opts = pendingOptions({ kind: 'thread', cpu: 1, options: [{ vm: 2, vcpu: 0 }] }, 1);
    expect(opts).toEqual([{ label: 'CPU 1 runs VM 2.0', choice: { kind: 'thread', cpu: 1, vm: 2, vcpu: 0 } }]);
    expect(describeChoice({ kind: 'cpu', cpu: 0, steps: 1 })).toBe('CPU 0 runs 1 step');
  });
});

describe('forms', () => {
  it('parses whole numbers with named errors', () => {
    expect(parseWhole(' 7 ', 'Steps', 1, 10)).toEqual({ ok: true, value: 7 });
    expect(parseWhole('x', 'Steps', 1, 10)).toEqual({ ok: false, error: 'Steps: "x" is not a whole number' });
    expect(parseWhole('11', 'Steps', 1, 10)).toEqual({ ok: false, error: 'Steps: 11 is out of range (1 to 10)' });
    expect(parseWhole('-1', 'Steps', 1, 10).ok).toBe(false);
  });
  it('checks a next CPU choice against the CPUs and the quantum', () => {
    expect(checkNextChoice({ kind: 'cpu', cpu: '1', steps: '50' }, view(), 1000)).toEqual({ ok: true, value: { kind: 'cpu', cpu: 1, steps: 50 } });
    expect(checkNextChoice({ kind: 'cpu', cpu: '2', steps: '50' }, view(), 1000)).toEqual({ ok: false, error: 'CPU: 2 is out of range (0 to 1)' });
    expect(checkNextChoice({ kind: 'cpu', cpu: '0', steps: '1001' }, view(), 1000)).toMatchObject({ ok: false, error: expect.stringContaining('Steps') });
  });
  it('checks a next thread choice: native primary and an existing vCPU', () => {
    expect(checkNextChoice({ kind: 'thread', cpu: '0', vm: '1', vcpu: '1' }, view(), 1000)).toEqual({ ok: true, value: { kind: 'thread', cpu: 0, vm: 1, vcpu: 1 } });
    expect(checkNextChoice({ kind: 'thread', cpu: '0', vm: '2', vcpu: '1' }, view(), 1000)).toEqual({ ok: false, error: 'Thread: VM 2 has 1 vCPU, so there is no vCPU 1' });
    expect(checkNextChoice({ kind: 'thread', cpu: '0', vm: '1', vcpu: '0' }, view('guest'), 1000)).toMatchObject({ ok: false, error: expect.stringContaining('native') });
  });
  it('checks an injection: the vCPU exists and the interrupt id is in range', () => {
    expect(checkInject({ vm: '1', vcpu: '1', intid: '2' }, view())).toEqual({ ok: true, value: { vm: 1, vcpu: 1, intid: 2 } });
    expect(checkInject({ vm: '3', vcpu: '0', intid: '2' }, view())).toEqual({ ok: false, error: 'Target: there is no VM 3' });
    expect(checkInject({ vm: '1', vcpu: '0', intid: '64' }, view())).toEqual({ ok: false, error: 'Interrupt id: 64 is out of range (0 to 63)' });
  });
});

describe('branch rows', () => {
  it('lists branches oldest first with the current one marked', () => {
    const time: TimeInfo = {
      now: 5, head: 9, keyframes: { count: 1, bytes: 0 }, branch: 1, marks: { head: 9, bins: [] },
      branches: [
        { id: 1, parent: 0, forkStep: 4, head: 9, why: 'CPU 1 runs next' },
        { id: 0, parent: null, forkStep: 0, head: 20, why: 'start' },
      ],
    };
    expect(branchRows(time).map((b) => [b.id, b.current])).toEqual([[0, false], [1, true]]);
    expect(branchRows(null)).toEqual([]);
  });
});
