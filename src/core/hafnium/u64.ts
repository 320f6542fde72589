/**
 * 64-bit register values on the hypervisor's paths, as (lo, hi) pairs of
 * unsigned 32-bit numbers: exact for every value, no bigint per hypercall.
 */
import type { Hex64 } from '../trace/events.ts';

export interface U64 {
  readonly lo: number;
  readonly hi: number;
}

export const ZERO: U64 = Object.freeze({ lo: 0, hi: 0 });
/** Hafnium's -1: all ones. */
export const MINUS_ONE: U64 = Object.freeze({ lo: 0xffffffff, hi: 0xffffffff });

const SMALL: U64[] = Array.from({ length: 64 }, (_, i) => Object.freeze({ lo: i, hi: 0 }));

/** `n` as a U64: n must be an integer in [0, 2^53) or negative in [-2^53, 0) (two's complement). */
export function u64(n: number): U64 {
  if (n >= 0) return n < 64 ? SMALL[n] : { lo: n >>> 0, hi: Math.floor(n / 0x1_0000_0000) >>> 0 };
  if (n === -1) return MINUS_ONE;
  const m = -n;
  const lo = (0x1_0000_0000 - (m >>> 0)) >>> 0;
  const hi = (~Math.floor(m / 0x1_0000_0000) + (lo === 0 ? 1 : 0)) >>> 0;
  return { lo, hi };
}

/** Builds a value from halves. */
export function pair(lo: number, hi: number): U64 {
  return hi === 0 && lo < 64 ? SMALL[lo] : { lo: lo >>> 0, hi: hi >>> 0 };
}

export function isMinusOne(v: U64): boolean {
  return v.lo === 0xffffffff && v.hi === 0xffffffff;
}

export function toBigInt(v: U64): bigint {
  return (BigInt(v.hi) << 32n) | BigInt(v.lo);
}

export function fromBigInt(v: bigint): U64 {
  const m = BigInt.asUintN(64, v);
  return pair(Number(m & 0xffffffffn), Number(m >> 32n));
}

/** Unsigned value when below 2^53, else null. */
export function toSafeNumber(v: U64): number | null {
  return v.hi < 0x200000 ? v.hi * 0x1_0000_0000 + v.lo : null;
}

/** Signed 64-bit reading when it fits in 53 bits (so -1 reads as -1), else null. */
export function toSignedNumber(v: U64): number | null {
  if (v.hi < 0x200000) return v.hi * 0x1_0000_0000 + v.lo;
  if (v.hi >= 0xffe00000) return -((0xffffffff - v.hi) * 0x1_0000_0000 + (0xffffffff - v.lo) + 1);
  return null;
}


/** Char codes of the 16 hex digits. */
const DIGIT = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Size of the hex-string cache (a power of two). */
const HEX_CACHE_SIZE = 4096;
const hexCacheLo = new Int32Array(HEX_CACHE_SIZE);
const hexCacheHi = new Int32Array(HEX_CACHE_SIZE);
const hexCacheStr: (Hex64 | undefined)[] = new Array<Hex64 | undefined>(HEX_CACHE_SIZE).fill(undefined);

/**
 * Halves to `0x` + 16 hex digits. A trace repeats a few values (small
 * arguments, the same PCs) millions of times, so a direct-mapped cache hands
 * back the string already built for the same value: one heap string per
 * distinct value instead of one per event, which is what keeps the GC cost
 * of a long trace down. The result is always `formatHexPair(lo, hi)`.
 */
export function hexPair(lo: number, hi: number): Hex64 {
  const l = lo | 0;
  const h = hi | 0;
  const i = (l ^ (l >>> 12) ^ (l >>> 24) ^ Math.imul(h, 0x9e3779b1)) & (HEX_CACHE_SIZE - 1);
  const cached = hexCacheStr[i];
  if (cached !== undefined && hexCacheLo[i] === l && hexCacheHi[i] === h) return cached;
  const s = formatHexPair(lo, hi);
  hexCacheLo[i] = l;
  hexCacheHi[i] = h;
  hexCacheStr[i] = s;
  return s;
}

/**
 * Halves to `0x` + 16 hex digits, built as one flat string (concatenating
 * pieces would leave a rope of many heap objects per value, and a long trace
 * holds millions of these).
 */
function formatHexPair(lo: number, hi: number): Hex64 {
  const d = DIGIT;
  return String.fromCharCode(
    48, 120,
    d[(hi >>> 28) & 15], d[(hi >>> 24) & 15], d[(hi >>> 20) & 15], d[(hi >>> 16) & 15],
    d[(hi >>> 12) & 15], d[(hi >>> 8) & 15], d[(hi >>> 4) & 15], d[hi & 15],
    d[(lo >>> 28) & 15], d[(lo >>> 24) & 15], d[(lo >>> 20) & 15], d[(lo >>> 16) & 15],
    d[(lo >>> 12) & 15], d[(lo >>> 8) & 15], d[(lo >>> 4) & 15], d[lo & 15],
  );
}

/** `0x` + 16 hex digits. */
export function hex64(v: U64): Hex64 {
  return hexPair(v.lo, v.hi);
}

/** A number below 2^53 as `0x` + 16 hex digits. */
export function hexNum(n: number): Hex64 {
  return hexPair(n >>> 0, Math.floor(n / 0x1_0000_0000) >>> 0);
}

/** Bytes as lower-case hex pairs, one flat string (callers pass at most a few hundred bytes). */
export function hexBytes(b: Uint8Array): string {
  const codes = new Array<number>(b.length * 2);
  for (let i = 0; i < b.length; i++) {
    codes[2 * i] = DIGIT[b[i] >>> 4];
    codes[2 * i + 1] = DIGIT[b[i] & 15];
  }
  return String.fromCharCode(...codes);
}
