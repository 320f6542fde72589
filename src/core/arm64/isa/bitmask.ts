/**
 * Logical immediates (the Arm ARM's DecodeBitMasks and its inverse). Values
 * are bigint: this runs when decoding or assembling, never per executed
 * instruction (executors cache the decoded mask).
 */

const MASK64 = (1n << 64n) - 1n;

function ones(n: number): bigint {
  return (1n << BigInt(n)) - 1n;
}

function rorBits(x: bigint, shift: number, width: number): bigint {
  if (shift === 0) return x;
  const w = BigInt(width);
  const s = BigInt(shift);
  return ((x >> s) | (x << (w - s))) & ones(width);
}

function replicate(x: bigint, esize: number, width: number): bigint {
  let out = 0n;
  for (let i = 0; i < width; i += esize) out |= x << BigInt(i);
  return out;
}

/**
 * Decodes (N, immr, imms) for a `datasize`-bit logical immediate.
 * Returns: `wmask` (the immediate of AND/ORR/EOR/ANDS) and `tmask` (used by
 * the bitfield instructions), or null for a reserved combination.
 */
export function decodeBitMasks(
  N: number,
  imms: number,
  immr: number,
  datasize: 32 | 64,
  immediate: boolean,
): { wmask: bigint; tmask: bigint } | null {
  const combined = (N << 6) | (~imms & 0x3f);
  let len = -1;
  for (let i = 6; i >= 0; i--) {
    if (combined & (1 << i)) {
      len = i;
      break;
    }
  }
  if (len < 1) return null;
  const esize = 1 << len;
  if (esize > datasize) return null;
  const levels = esize - 1;
  if (immediate && (imms & levels) === levels) return null;
  const S = imms & levels;
  const R = immr & levels;
  const diff = (S - R) & levels;
  const welem = ones(S + 1);
  const telem = ones(diff + 1);
  return {
    wmask: replicate(rorBits(welem, R, esize), esize, datasize),
    tmask: replicate(telem, esize, datasize),
  };
}

/**
 * Finds the encoding of `value` as a `datasize`-bit logical immediate.
 * Returns: { N, immr, imms }, or null when the value is not encodable (0,
 * all ones, or not a rotated, replicated run of ones).
 */
export function encodeBitMask(value: bigint, datasize: 32 | 64): { N: number; immr: number; imms: number } | null {
  const v = value & (datasize === 64 ? MASK64 : ones(32));
  if (v === 0n || v === ones(datasize)) return null;
  for (let esize = 2; esize <= datasize; esize *= 2) {
    const elem = v & ones(esize);
    if (replicate(elem, esize, datasize) !== v) continue;
    // elem must be a rotation of a run of k ones (0 < k < esize).
    for (let r = 0; r < esize; r++) {
      // Rotating left by r undoes a right-rotation by r.
      const unrot = rorBits(elem, (esize - r) % esize, esize);
      const k = popcount(unrot);
      if (unrot !== ones(k) || k === 0 || k === esize) continue;
      const N = esize === 64 ? 1 : 0;
      // imms holds the run length minus one, with the high bits giving esize.
      const imms = ((~(esize - 1) << 1) & 0x3f) | (k - 1);
      return { N, immr: r, imms: imms & 0x3f };
    }
    return null;
  }
  return null;
}

function popcount(x: bigint): number {
  let n = 0;
  for (let y = x; y !== 0n; y &= y - 1n) n++;
  return n;
}
