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
});
