import { describe, expect, it } from 'vitest';
import { parseCondition, type RegisterSource } from './condition.ts';
import { ProtocolTracker, describeBreakpoint, eventKindsOf, matchesBreakpoint, protocolBreakpointSchema, type ProtocolBreakpoint } from './breakpoints.ts';
import type { TraceEvent } from '../trace/events.ts';

const regs = (x: Record<number, bigint>, extra: Partial<RegisterSource> = {}): RegisterSource => ({
  x: (n) => x[n] ?? 0n,
  sp: 0x110000n,
  pc: 0x80000n,
  nzcv: 0b0100,
  ...extra,
});

const hex = (v: bigint) => `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;

describe('register conditions', () => {
  it('evaluates comparisons, arithmetic, bit tests and flags', () => {
    const r = regs({ 0: 0x16n, 1: 0xffffffff00000003n, 2: (1n << 64n) - 1n });
    const t = (src: string) => {
      const p = parseCondition(src);
      if (!p.ok) throw new Error(`${src}: ${p.message}`);
      return p.test(r);
    };
    expect(t('x0 == 0x16')).toBe(true);
    expect(t('x0 != 22')).toBe(false);
    expect(t('w1 == 3 && x1 > 3')).toBe(true);
    expect(t('x2 == -1')).toBe(true);
    expect(t('(x1 & 0xff) == 3')).toBe(true);
    expect(t('nzcv.z && !nzcv.n')).toBe(true);
    expect(t('sp - 0x10000 == 0x100000')).toBe(true);
    expect(t('x0 < 5 || pc >= 0x80000')).toBe(true);
    expect(t('~x2 == 0')).toBe(true);
  });

  it('reports bad input with a column', () => {
    expect(parseCondition('x0 == ')).toMatchObject({ ok: false, column: 7 });
    expect(parseCondition('x31 == 1')).toMatchObject({ ok: false, column: 1, message: expect.stringMatching(/unknown name 'x31'/) });
    expect(parseCondition('x0 == 1 )')).toMatchObject({ ok: false, column: 9 });
    expect(parseCondition('x0 # 1')).toMatchObject({ ok: false, column: 4 });
    expect(parseCondition('')).toMatchObject({ ok: false });
    expect(parseCondition('(x0 == 1')).toMatchObject({ ok: false, message: 'expected ")"' });
  });
});

describe('protocol breakpoints', () => {
  const base = { step: 10, cpu: 0 };
  const send = (vm: number, target: number, result: bigint): TraceEvent => ({
    ...base,
    kind: 'hypercall',
    vm,
    vcpu: 0,
    name: 'HF_MAILBOX_SEND',
    id: 0xff06,
    args: [hex(BigInt(target)), hex(22n), hex(1n)],
    result: hex(result),
    resultNum: Number(BigInt.asIntN(64, result)),
  });

  it('matches hypercalls by name, caller, target and result', () => {
    const st = new ProtocolTracker();
    const bp: ProtocolBreakpoint = { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 1, targetVm: 2, result: 'fail' };
    expect(matchesBreakpoint(bp, send(1, 2, -1n), st)).toBe(true);
    expect(matchesBreakpoint(bp, send(1, 2, 0n), st)).toBe(false);
    expect(matchesBreakpoint(bp, send(3, 2, -1n), st)).toBe(false);
    expect(matchesBreakpoint(bp, send(1, 0, -1n), st)).toBe(false);
    expect(matchesBreakpoint({ kind: 'hypercall', result: -1 }, send(1, 2, -1n), st)).toBe(true);
    expect(eventKindsOf(bp)).toEqual(['hypercall']);
  });

  it('matches "VM 2 becomes empty while its waiter list is non-empty" using the tracked lists', () => {
    const st = new ProtocolTracker();
    const bp: ProtocolBreakpoint = { kind: 'mailbox', vm: 2, to: 'empty', waitersNonEmpty: true };
    const cleared: TraceEvent = { ...base, kind: 'mailbox_state', vm: 2, from: 'read', to: 'empty', cause: 'HF_MAILBOX_CLEAR', sender: null, size: 0 };
    st.observe(cleared);
    expect(matchesBreakpoint(bp, cleared, st)).toBe(false);
    const joined: TraceEvent = { ...base, kind: 'waiter_list', op: 'add', owner: 2, waiter: 1 };
    st.observe(joined);
    expect(matchesBreakpoint(bp, cleared, st)).toBe(true);
    expect(matchesBreakpoint({ kind: 'waiter_list', owner: 2, op: 'add' }, joined, st)).toBe(true);
    expect(matchesBreakpoint({ kind: 'waiter_list', owner: 1 }, joined, st)).toBe(false);
    const saved = st.save();
    const st2 = new ProtocolTracker();
    st2.load(saved);
    expect(st2.waiterCount(2)).toBe(1);
  });

  it('matches run returns, injections, deliveries and vCPU state changes', () => {
    const st = new ProtocolTracker();
    const rr: TraceEvent = { ...base, kind: 'run_return', vm: 1, vcpu: 0, code: 'MESSAGE', raw: hex(0x1600000004n), fields: { size: 22 } };
    expect(matchesBreakpoint({ kind: 'run_return', code: 'MESSAGE' }, rr, st)).toBe(true);
    expect(matchesBreakpoint({ kind: 'run_return', code: 'YIELD' }, rr, st)).toBe(false);
    const inj: TraceEvent = { ...base, kind: 'interrupt', op: 'inject', vm: 1, vcpu: 0, intid: 2, enabled: hex(4n), pending: hex(4n) };
    expect(matchesBreakpoint({ kind: 'interrupt', op: 'inject', intid: 2 }, inj, st)).toBe(true);
    expect(matchesBreakpoint({ kind: 'interrupt', op: 'deliver' }, inj, st)).toBe(false);
    const irq: TraceEvent = { ...base, kind: 'exception', vm: 1, vcpu: 0, type: 'irq', pc: hex(0x80010n), vector: hex(0x80880n) };
    expect(matchesBreakpoint({ kind: 'interrupt', op: 'deliver', vm: 1 }, irq, st)).toBe(true);
    const vs: TraceEvent = { ...base, kind: 'vcpu_state', vm: 1, vcpu: 0, from: 'running', to: 'blocked_interrupt', cause: 'WFI' };
    expect(matchesBreakpoint({ kind: 'vcpu_state', to: 'blocked_interrupt' }, vs, st)).toBe(true);
  });

  it('validates breakpoint data at the edge and describes breakpoints plainly', () => {
    expect(protocolBreakpointSchema.safeParse({ kind: 'mailbox', vm: 99 }).success).toBe(false);
    expect(protocolBreakpointSchema.safeParse({ kind: 'nonsense' }).success).toBe(false);
    expect(describeBreakpoint({ kind: 'mailbox', vm: 2, to: 'empty', waitersNonEmpty: true })).toBe(
      'VM 2 mailbox becomes empty while its waiter list is non-empty',
    );
    expect(describeBreakpoint({ kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 1, result: 'fail' })).toBe('HF_MAILBOX_SEND from VM 1 failing');
  });
});
