import { describe, expect, it } from 'vitest';
import { backTarget, hypercallNames, isBackAction } from './back.ts';

describe('hypercallNames', () => {
  it("lists the scenario ABI's hypercalls in function-id order", () => {
    expect(hypercallNames('v2-mailbox')).toEqual(['HF_VCPU_RUN', 'HF_VM_GET_COUNT', 'HF_VCPU_GET_COUNT', 'HF_VM_CONFIGURE', 'HF_MAILBOX_SEND', 'HF_MAILBOX_RECEIVE', 'HF_MAILBOX_CLEAR']);
    expect(hypercallNames('v1-rpc')).toContain('HF_RPC_REQUEST');
    expect(hypercallNames('v1-rpc')).not.toContain('HF_MAILBOX_SEND');
  });
  it('uses v3-notify when the scenario does not say', () => {
    const v3 = hypercallNames(undefined);
    expect(v3[0]).toBe('HF_VM_GET_ID');
    expect(v3).toContain('HF_MAILBOX_WAITER_GET');
    expect(v3).toEqual(hypercallNames('v3-notify'));
  });
});

describe('backTarget', () => {
  const focused = { vm: 2, vcpu: 1 };
  it('maps each back action to its target', () => {
    expect(backTarget('stepBack', focused, null)).toEqual({ kind: 'instruction', vm: 2, vcpu: 1 });
    expect(backTarget('backEvent', focused, null)).toEqual({ kind: 'event' });
    expect(backTarget('backHypercall', focused, 'HF_MAILBOX_SEND')).toEqual({ kind: 'hypercall', name: 'HF_MAILBOX_SEND' });
    expect(backTarget('backHypercall', focused, null)).toEqual({ kind: 'hypercall', name: null });
    expect(backTarget('reverseContinue', focused, 'x')).toEqual({ kind: 'breakpoint' });
  });
  it('knows which shortcut actions go back', () => {
    expect(isBackAction('stepBack')).toBe(true);
    expect(isBackAction('reverseContinue')).toBe(true);
    expect(isBackAction('step')).toBe(false);
  });
});
