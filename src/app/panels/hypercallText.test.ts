import { describe, expect, it } from 'vitest';
import type { HypercallEvent } from '../../core/trace/events.ts';
import { hypercallText } from './hypercallText.ts';

const h = (name: string, args: [string, string, string], resultNum: number | null, result = '0xffffffffffffffff'): HypercallEvent => ({
  kind: 'hypercall', step: 1, cpu: 0, vm: 1, vcpu: 0, name, id: 0, args, result, resultNum,
});
const x = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;

describe('hypercallText', () => {
  it('names the arguments of known calls', () => {
    expect(hypercallText(h('HF_MAILBOX_SEND', [x(2), x(22), x(1)], -1))).toBe('HF_MAILBOX_SEND(vm=2, size=22, notify=1) -> -1');
    expect(hypercallText(h('HF_VM_CONFIGURE', [x(0x90000), x(0x91000), x(0)], 0))).toBe('HF_VM_CONFIGURE(send=0x90000, recv=0x91000) -> 0');
  });
  it('shows raw registers for unknown calls and hex for results that do not fit', () => {
    expect(hypercallText(h('UNKNOWN', [x(1), x(2), x(3)], null, '0x8000000000000000'))).toBe('UNKNOWN(x1=1, x2=2, x3=3) -> 0x8000000000000000');
  });
  it('shows encoded results as the core decoded them (receive: sender and size)', () => {
    const e = { ...h('HF_MAILBOX_RECEIVE', [x(1), x(0), x(0)], 4294967295, x(0xffffffff)), decoded: { vm: 0xffffffff, size: 0 } };
    expect(hypercallText(e)).toBe('HF_MAILBOX_RECEIVE(block=1) -> (vm=0xffffffff, size=0)');
    const got = { ...h('HF_MAILBOX_RECEIVE', [x(1), x(0), x(0)], 22 * 2 ** 32 + 2, x(22 * 2 ** 32 + 2)), decoded: { vm: 2, size: 22 } };
    expect(hypercallText(got)).toBe('HF_MAILBOX_RECEIVE(block=1) -> (vm=2, size=22)');
  });
});
