import { describe, expect, it } from 'vitest';
import { decodeReceiveV3, decodeRunReturnV3, encodeReceiveV3, encodeRunReturnV3 } from './v3.ts';
import { decodeReceiveV2, decodeRunReturnV2, encodeReceiveV2, encodeRunReturnV2 } from './v2.ts';
import { decodeRunReturnV1, encodeRunReturnV1, V1_ABI } from './v1.ts';
import { maskedFunctionId } from './v3.ts';
import { fromBigInt, toBigInt } from '../u64.ts';

describe('v3 run-return encoding: the test vectors of reference 4.5', () => {
  const vectors: [Parameters<typeof encodeRunReturnV3>[0], bigint][] = [
    [{ code: 'WAKE_UP', vm: 0x12345678, vcpu: 0xabcd }, 0x12345678abcd0003n],
    [{ code: 'MESSAGE', size: 0xdeadbeef }, 0xdeadbeef00000004n],
    [{ code: 'SLEEP', ns: 0xcafed00dfeededn }, 0xcafed00dfeeded05n],
    [{ code: 'NOTIFY_WAITERS' }, 6n],
    [{ code: 'PREEMPTED' }, 0n],
    [{ code: 'YIELD' }, 1n],
    [{ code: 'WAIT_FOR_INTERRUPT' }, 2n],
  ];
  it.each(vectors.map(([r, raw]) => [r.code, r, raw] as const))('%s encodes to the vector and decodes back', (_name, r, raw) => {
    expect(toBigInt(encodeRunReturnV3(r))).toBe(raw);
    expect(decodeRunReturnV3(fromBigInt(raw))).toEqual(r);
  });

  it('SLEEP loses the top byte of a larger value', () => {
    expect(toBigInt(encodeRunReturnV3({ code: 'SLEEP', ns: 0xffcafed00dfeededn }))).toBe(0xcafed00dfeeded05n);
  });

  it('other bits are ignored on decode', () => {
    expect(decodeRunReturnV3(fromBigInt(0xffffffff_ffff_ff01n))).toEqual({ code: 'YIELD' });
  });

  it('receive: vm 0x12345678, size 0xaabbccdd → 0xaabbccdd12345678', () => {
    expect(toBigInt(encodeReceiveV3({ vm: 0x12345678, size: 0xaabbccdd }))).toBe(0xaabbccdd12345678n);
    expect(decodeReceiveV3(fromBigInt(0xaabbccdd12345678n))).toEqual({ vm: 0x12345678, size: 0xaabbccdd });
  });
});

describe('v2 encodings (reference 3.3)', () => {
  it('WAKE_UP: VM id in bits 16-31, vCPU in 32-63; MESSAGE: VM field 0, size in 32-63', () => {
    expect(toBigInt(encodeRunReturnV2({ code: 'WAKE_UP', vm: 2, vcpu: 0xffff }))).toBe(0x0000ffff_0002_0002n);
    expect(toBigInt(encodeRunReturnV2({ code: 'MESSAGE', size: 27 }))).toBe(0x1b_0000_0003n);
    expect(decodeRunReturnV2(fromBigInt(0x1b_0000_0003n))).toEqual({ code: 'MESSAGE', vm: 0, size: 27 });
    expect(decodeRunReturnV2(fromBigInt(0x0000ffff_0002_0002n))).toEqual({ code: 'WAKE_UP', vm: 2, vcpu: 0xffff });
    expect(toBigInt(encodeRunReturnV2({ code: 'YIELD' }))).toBe(0n);
    expect(() => encodeRunReturnV2({ code: 'NOTIFY_WAITERS' })).toThrow();
  });

  it('receive: sender in bits 0-15, size in 32-63', () => {
    expect(toBigInt(encodeReceiveV2({ vm: 0x12345678, size: 9 }))).toBe(0x9_0000_5678n);
    expect(decodeReceiveV2(fromBigInt(0x9_0000_0001n))).toEqual({ vm: 1, size: 9 });
  });
});

describe('v1 encodings (reference 2.2)', () => {
  it('RESPONSE_READY = (size << 8) | 3; the others are bare codes', () => {
    expect(toBigInt(encodeRunReturnV1({ code: 'RESPONSE_READY', size: 4096 }))).toBe(0x100003n);
    expect(decodeRunReturnV1(fromBigInt(0x1603n))).toEqual({ code: 'RESPONSE_READY', size: 0x16 });
    expect(toBigInt(encodeRunReturnV1({ code: 'WAIT_FOR_INTERRUPT' }))).toBe(1n);
  });
});

describe('function ids', () => {
  it('C2/C3 mask bit 30 and compare 32 bits; C1 compares x0 whole', () => {
    expect(maskedFunctionId(fromBigInt(0xc4000003n))).toBe(0x84000003);
    expect(maskedFunctionId(fromBigInt(0x1_0000ff06n))).toBe(0xff06);
    expect(V1_ABI.functionId(fromBigInt(0x1_0000ff06n))).toBe(-1);
    expect(V1_ABI.functionId(fromBigInt(0xff06n))).toBe(0xff06);
  });
});
