import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBitMasks, encodeBitMask } from './bitmask.ts';

describe('logical immediates', () => {
  it('decodes known encodings (values from GNU objdump)', () => {
    // and x0, x1, #0xff  -> N=1 immr=0 imms=7
    expect(decodeBitMasks(1, 7, 0, 64, true)?.wmask).toBe(0xffn);
    // orr w0, w1, #0x80000001 -> N=0 immr=1 imms=1
    expect(decodeBitMasks(0, 1, 1, 32, true)?.wmask).toBe(0x80000001n);
    // and x0, x0, #0x5555555555555555 -> N=0 immr=0 imms=0b111100
    expect(decodeBitMasks(0, 0b111100, 0, 64, true)?.wmask).toBe(0x5555555555555555n);
  });

  it('rejects the reserved all-ones element', () => {
    expect(decodeBitMasks(1, 0b111111, 0, 64, true)).toBeNull();
    expect(decodeBitMasks(0, 0b111111, 0, 32, true)).toBeNull();
  });

  it('encode inverts decode for every valid 64-bit and 32-bit encoding', () => {
    for (const datasize of [32, 64] as const) {
      for (let N = 0; N <= (datasize === 64 ? 1 : 0); N++) {
        for (let immr = 0; immr < 64; immr++) {
          for (let imms = 0; imms < 64; imms++) {
            const d = decodeBitMasks(N, imms, immr, datasize, true);
            if (!d || (datasize === 32 && immr >= 32)) continue;
            const enc = encodeBitMask(d.wmask, datasize);
            expect(enc).not.toBeNull();
            expect(decodeBitMasks(enc!.N, enc!.imms, enc!.immr, datasize, true)!.wmask).toBe(d.wmask);
          }
        }
      }
    }
  });

  it('says null for values that are not logical immediates', () => {
    expect(encodeBitMask(0n, 64)).toBeNull();
    expect(encodeBitMask((1n << 64n) - 1n, 64)).toBeNull();
    expect(encodeBitMask(0x12345n, 64)).toBeNull();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => {
        const enc = encodeBitMask(v, 64);
        if (enc) expect(decodeBitMasks(enc.N, enc.imms, enc.immr, 64, true)!.wmask).toBe(v);
      }),
    );
  });
});
