import { describe, expect, it } from 'vitest';
import { BREAKPOINT_KINDS, breakpointFields, buildBreakpoint, buildWatchpoint, conditionProblem, initialValues, parseIntField } from './form.ts';

const ctx = { abi: 'v3-notify', vms: [0, 1, 2] } as const;

describe('breakpoint form', () => {
  it('builds a valid breakpoint of every kind from its initial values', () => {
    for (const { kind } of BREAKPOINT_KINDS) {
      const r = buildBreakpoint(kind, initialValues(breakpointFields(kind, ctx)), ctx);
      expect(r.ok, kind).toBe(true);
    }
  });

  it('offers the ABI generation’s names', () => {
    const names = breakpointFields('hypercall', ctx)[0].options!.map((o) => o.value);
    expect(names).toContain('HF_MAILBOX_WAITER_GET');
    expect(breakpointFields('hypercall', { ...ctx, abi: 'v1-rpc' })[0].options!.map((o) => o.value)).toContain('HF_RPC_REQUEST');
    expect(breakpointFields('run_return', ctx)[0].options!.map((o) => o.value)).toContain('NOTIFY_WAITERS');
  });

  it('turns the values into typed fields', () => {
    expect(buildBreakpoint('hypercall', { name: 'HF_MAILBOX_SEND', callerVm: '1', targetVm: '2', result: 'fail' }, ctx)).toEqual({
      ok: true,
      value: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 1, targetVm: 2, result: 'fail' },
    });
    expect(buildBreakpoint('hypercall', { result: 'number', resultValue: '-1' }, ctx)).toEqual({ ok: true, value: { kind: 'hypercall', result: -1 } });
    expect(buildBreakpoint('mailbox', { vm: '2', to: 'empty', waitersNonEmpty: 'true' }, ctx)).toEqual({
      ok: true,
      value: { kind: 'mailbox', vm: 2, to: 'empty', waitersNonEmpty: true },
    });
    expect(buildBreakpoint('vcpu_state', { vm: '1', vcpu: '0', to: 'blocked_mailbox' }, ctx)).toEqual({
      ok: true,
      value: { kind: 'vcpu_state', vm: 1, vcpu: 0, to: 'blocked_mailbox' },
    });
  });

  it('names the field at fault', () => {
    expect(buildBreakpoint('interrupt', { op: 'inject', intid: '99' }, ctx)).toMatchObject({ ok: false, error: expect.stringMatching(/^Interrupt id: /) });
    expect(buildBreakpoint('interrupt', { op: 'inject', intid: 'two' }, ctx)).toEqual({ ok: false, error: 'Interrupt id: "two" is not a whole number' });
    expect(buildBreakpoint('hypercall', { result: 'number', resultValue: '' }, ctx)).toEqual({ ok: false, error: 'Result value: required' });
    expect(buildBreakpoint('vcpu_state', { vcpu: '9' }, ctx)).toMatchObject({ ok: false, error: expect.stringMatching(/^vCPU: /) });
  });
});

describe('watchpoint form', () => {
  it('builds memory and register watchpoints', () => {
    expect(buildWatchpoint('memory', { vm: '1', addr: '0x80100', length: '8' }, ctx)).toEqual({ ok: true, value: { kind: 'memory', vm: 1, addr: 0x80100, length: 8 } });
    expect(buildWatchpoint('register', { vm: '1', vcpu: '0', reg: 'X0' }, ctx)).toEqual({ ok: true, value: { kind: 'register', vm: 1, vcpu: 0, reg: 'x0' } });
  });

  it('refuses bad input with a message', () => {
    expect(buildWatchpoint('memory', { vm: '1', addr: 'zz', length: '8' }, ctx)).toEqual({ ok: false, error: 'Address: "zz" is not an address' });
    expect(buildWatchpoint('memory', { vm: '1', addr: '0x10', length: '0' }, ctx)).toMatchObject({ ok: false });
    expect(buildWatchpoint('register', { vm: '1', vcpu: '0', reg: 'x31' }, ctx)).toMatchObject({ ok: false, error: expect.stringMatching(/^Register/) });
    expect(buildWatchpoint('register', { vm: '7', vcpu: '0', reg: 'x1' }, ctx)).toEqual({ ok: false, error: 'VM: there is no VM 7' });
  });
});

describe('helpers', () => {
  it('parses decimal and hex integers only', () => {
    expect(parseIntField('0x1_0')).toBe(16);
    expect(parseIntField('-3')).toBe(-3);
    expect(parseIntField('1.5')).toBeNull();
    expect(parseIntField('')).toBeNull();
  });

  it('locates a condition’s mistake', () => {
    expect(conditionProblem('')).toBeNull();
    expect(conditionProblem('x0 == 2')).toBeNull();
    expect(conditionProblem('x0 == q9')).toMatchObject({ column: 7 });
  });
});
