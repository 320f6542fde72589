import { describe, expect, it } from 'vitest';
import { fromBigInt, hex64, hexBytes, hexNum, hexPair, MINUS_ONE, pair, toBigInt, toSafeNumber, toSignedNumber, u64 } from './u64.ts';

describe('u64', () => {
  it('builds values from numbers (negative as two\'s complement) and bigints', () => {
    expect(toBigInt(u64(0x1_2345_6789))).toBe(0x1_2345_6789n);
    expect(u64(-1)).toBe(MINUS_ONE);
    expect(toBigInt(u64(-2))).toBe((1n << 64n) - 2n);
    expect(toBigInt(u64(-(2 ** 40)))).toBe((1n << 64n) - (1n << 40n));
    expect(fromBigInt(-1n)).toEqual(MINUS_ONE);
    expect(pair(5, 0)).toBe(pair(5, 0));
  });

  it('reads back as safe and signed numbers when they fit', () => {
    expect(toSafeNumber(pair(1, 1))).toBe(2 ** 32 + 1);
    expect(toSafeNumber(MINUS_ONE)).toBeNull();
    expect(toSignedNumber(MINUS_ONE)).toBe(-1);
    expect(toSignedNumber(u64(-(2 ** 40)))).toBe(-(2 ** 40));
    expect(toSignedNumber(pair(0, 0x80000000))).toBeNull();
  });

  it('formats 0x + 16 lower-case hex digits, and bytes as hex pairs', () => {
    expect(hexPair(0xdeadbeef, 0x12345678)).toBe('0x12345678deadbeef');
    expect(hex64(MINUS_ONE)).toBe('0xffffffffffffffff');
    expect(hexNum(2 ** 40 + 5)).toBe('0x0000010000000005');
    expect(hexBytes(new Uint8Array([0, 15, 255, 16]))).toBe('000fff10');
    expect(hexBytes(new Uint8Array(0))).toBe('');
  });

  it('formats right whatever the cache holds (values sharing a cache slot, negative halves)', () => {
    // 0 and 0x1001 land in the same slot of the direct-mapped cache.
    for (let round = 0; round < 2; round++) {
      expect(hexPair(0, 0)).toBe('0x0000000000000000');
      expect(hexPair(0x1001, 0)).toBe('0x0000000000001001');
      expect(hexPair(0, 0x1001)).toBe('0x0000100100000000');
      expect(hexPair(0xffffffff, 0xffffffff)).toBe('0xffffffffffffffff');
      expect(hexPair(-1, -1)).toBe('0xffffffffffffffff');
    }
  });
});
