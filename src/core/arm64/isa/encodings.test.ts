import { describe, expect, it } from 'vitest';
import { ENCODINGS } from './encodings.ts';
import { COMPILED } from './pattern.ts';
import { decode } from './decode.ts';

describe('encoding table', () => {
  it('has unique ids and 32-bit patterns', () => {
    const ids = new Set(ENCODINGS.map((x) => x.id));
    expect(ids.size).toBe(ENCODINGS.length);
    expect(COMPILED.length).toBe(ENCODINGS.length);
  });

  it('never lets two entries claim the same word, except a specific form before its general one', () => {
    // Two patterns overlap when they agree on every bit both fix.
    const allowed = new Set(['NOP>HINT', 'YIELD>HINT', 'WFE>HINT', 'WFI>HINT', 'SEV>HINT', 'SEVL>HINT']);
    for (let i = 0; i < COMPILED.length; i++) {
      for (let j = i + 1; j < COMPILED.length; j++) {
        const a = COMPILED[i];
        const b = COMPILED[j];
        const both = a.mask & b.mask;
        if (((a.value & both) >>> 0) === ((b.value & both) >>> 0)) {
          expect(allowed, `${a.enc.id} overlaps ${b.enc.id}`).toContain(`${a.enc.id}>${b.enc.id}`);
        }
      }
    }
  });

  it('decodes known words (checked against GNU objdump)', () => {
    expect(decode(0x913ffc20)?.id).toBe('ADD_imm'); // add x0, x1, #0xfff
    expect(decode(0x92800000)?.id).toBe('MOVN'); // mov x0, #-1
    expect(decode(0xd503201f)?.id).toBe('NOP');
    expect(decode(0xd503207f)?.id).toBe('WFI');
    expect(decode(0xd4000002)?.id).toBe('HVC');
    expect(decode(0xd65f03c0)?.id).toBe('RET');
    expect(decode(0xf9400020)?.id).toBe('LDR_x_uoff'); // ldr x0, [x1]
    expect(decode(0xa9bf7bfd)?.id).toBe('STP_x_pre'); // stp x29, x30, [sp, #-16]!
    expect(decode(0x00000000)).toBeNull(); // udf #0
  });
});
