/**
 * Helpers that compiled code calls for operations too long to inline:
 * multiplications, divisions, variable shifts, bit counting. A helper that
 * produces a 64-bit value returns the low half and leaves the high half in
 * `H.hi` (read it right after the call). All values are int32 halves.
 *
 * BigInt appears only in 64-bit division with an operand of 2^32 or more:
 * rare, and exactness matters more there than speed.
 */
import type { CpuState } from './state.ts';
import { EXIT_ABORT } from './state.ts';

const TWO32 = 4294967296;

/** Unsigned 32 x 32 -> 64 product of the halves' bit patterns; low half returned. */
function mulU32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  H.hi = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
  return ((mid << 16) | (p00 & 0xffff)) | 0;
}

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function fromBig(v: bigint): number {
  H.hi = Number(BigInt.asIntN(32, v >> 32n));
  return Number(BigInt.asIntN(32, v));
}

function bswap32(x: number): number {
  return ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) | 0;
}

export const H = {
  hi: 0,

  /** Records an abort for the dispatcher (see CpuState.fault*). */
  abort(s: CpuState, write: number, lo: number, hi: number, iss: number, fsc: number): void {
    s.exit = EXIT_ABORT;
    s.faultWrite = write;
    s.faultLo = lo;
    s.faultHi = hi;
    s.faultIss = iss;
    s.faultStatus = fsc;
  },

  /** Low 64 bits of a * b. */
  mul64(al: number, ah: number, bl: number, bh: number): number {
    const lo = mulU32(al, bl);
    H.hi = (H.hi + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
    return lo;
  },

  /** Signed 32 x 32 -> 64 product. */
  smull(a: number, b: number): number {
    const lo = mulU32(a, b);
    H.hi = (H.hi - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
    return lo;
  },

  /** Unsigned 32 x 32 -> 64 product. */
  umull(a: number, b: number): number {
    return mulU32(a, b);
  },

  /** High 64 bits of the unsigned 128-bit product a * b. */
  umulh(al: number, ah: number, bl: number, bh: number): number {
    mulU32(al, bl);
    const p00h = H.hi >>> 0;
    const p01l = mulU32(al, bh) >>> 0;
    const p01h = H.hi >>> 0;
    const p10l = mulU32(ah, bl) >>> 0;
    const p10h = H.hi >>> 0;
    const p11l = mulU32(ah, bh) >>> 0;
    const p11h = H.hi >>> 0;
    const c1 = Math.floor((p00h + p01l + p10l) / TWO32);
    const w2 = p11l + p01h + p10h + c1;
    H.hi = (p11h + Math.floor(w2 / TWO32)) | 0;
    return w2 | 0;
  },

  /** High 64 bits of the signed 128-bit product a * b. */
  smulh(al: number, ah: number, bl: number, bh: number): number {
    let lo = H.umulh(al, ah, bl, bh);
    let hi = H.hi;
    if (ah < 0) [lo, hi] = sub64(lo, hi, bl, bh);
    if (bh < 0) [lo, hi] = sub64(lo, hi, al, ah);
    H.hi = hi;
    return lo;
  },

  /** Unsigned 64-bit division; x / 0 = 0. */
  udiv64(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) return (H.hi = 0);
    if (ah === 0 && bh === 0) {
      H.hi = 0;
      return Math.floor((al >>> 0) / (bl >>> 0)) | 0;
    }
    return fromBig(toBig(al, ah) / toBig(bl, bh));
  },

  /** Signed 64-bit division toward zero; x / 0 = 0; INT64_MIN / -1 = INT64_MIN. */
  sdiv64(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) return (H.hi = 0);
    return fromBig(BigInt.asIntN(64, toBig(al, ah)) / BigInt.asIntN(64, toBig(bl, bh)));
  },

  udiv32(a: number, b: number): number {
    return b === 0 ? 0 : Math.floor((a >>> 0) / (b >>> 0)) | 0;
  },

  sdiv32(a: number, b: number): number {
    return b === 0 ? 0 : (a / b) | 0;
  },

  /** 64-bit shifts by a variable amount (the low 6 bits of `s`). */
  lsl64(l: number, h: number, s: number): number {
    s &= 63;
    if (s === 0) return (H.hi = h), l;
    if (s < 32) return (H.hi = (h << s) | (l >>> (32 - s))), l << s;
    H.hi = l << (s - 32);
    return 0;
  },
  lsr64(l: number, h: number, s: number): number {
    s &= 63;
    if (s === 0) return (H.hi = h), l;
    if (s < 32) return (H.hi = (h >>> s) | 0), (l >>> s) | (h << (32 - s));
    H.hi = 0;
    return (h >>> (s - 32)) | 0;
  },
  asr64(l: number, h: number, s: number): number {
    s &= 63;
    if (s === 0) return (H.hi = h), l;
    if (s < 32) return (H.hi = h >> s), (l >>> s) | (h << (32 - s));
    H.hi = h >> 31;
    return h >> (s - 32);
  },
  ror64(l: number, h: number, s: number): number {
    s &= 63;
    if (s === 0) return (H.hi = h), l;
    if (s >= 32) [l, h, s] = [h, l, s - 32];
    if (s === 0) return (H.hi = h), l;
    H.hi = (h >>> s) | (l << (32 - s));
    return (l >>> s) | (h << (32 - s));
  },

  clz64(l: number, h: number): number {
    return h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
  },
  /** Leading sign bits (not counting the sign bit itself). */
  cls64(l: number, h: number): number {
    return H.clz64(l ^ ((l >>> 1) | (h << 31)), h ^ (h >> 1)) - 1;
  },
  cls32(x: number): number {
    return Math.clz32(x ^ (x >> 1)) - 1;
  },
  rbit32(x: number): number {
    x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
    x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
    x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
    return bswap32(x);
  },
  bswap32,
  /** Byte swap within each 16-bit halfword. */
  rev16(x: number): number {
    return (((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8)) | 0;
  },
};

function sub64(al: number, ah: number, bl: number, bh: number): [number, number] {
  const lo = (al - bl) | 0;
  return [lo, (ah - bh - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0];
}

export type Helpers = typeof H;
