import { describe, expect, it } from 'vitest';
import { runToBrk, u64 } from '../testing/harness.ts';

/** NZCV as a string like 'nZCv' (capital = set). */
function flags(v: number): string {
  return ['N', 'Z', 'C', 'V'].map((f, i) => ((v >> (3 - i)) & 1 ? f : f.toLowerCase())).join('');
}

/** Runs `body` after loading x1 and x2 with `a` and `b`; returns x0 and the flags. */
function op(body: string, a: bigint, b = 0n): { x0: bigint; nzcv: string } {
  const m = runToBrk(`
    ldr x1, =${a}
    ldr x2, =${b}
    ${body}
    brk #0`);
  return { x0: m.x(0), nzcv: flags(m.cpu.nzcv) };
}

describe('add/sub and flags', () => {
  it('adds with carry out and signed overflow, 64-bit', () => {
    expect(op('adds x0, x1, x2', 0xffffffffffffffffn, 1n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
    expect(op('adds x0, x1, x2', 0x7fffffffffffffffn, 1n)).toEqual({ x0: 0x8000000000000000n, nzcv: 'NzcV' });
    expect(op('adds x0, x1, x2', 0x8000000000000000n, 0x8000000000000000n)).toEqual({ x0: 0n, nzcv: 'nZCV' });
    expect(op('adds x0, x1, #1', 0xffffffffn)).toEqual({ x0: 0x100000000n, nzcv: 'nzcv' });
  });

  it('32-bit forms set flags on bit 31 and zero the high half', () => {
    expect(op('adds w0, w1, w2', 0xffffffff_ffffffffn, 1n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
    expect(op('adds w0, w1, w2', 0x7fffffffn, 1n)).toEqual({ x0: 0x80000000n, nzcv: 'NzcV' });
    expect(op('add w0, w1, w2', 0x12345678_00000001n, 1n)).toEqual({ x0: 2n, nzcv: 'nzcv' });
  });

  it('subtracts with borrow as inverted carry', () => {
    expect(op('subs x0, x1, x2', 0n, 1n)).toEqual({ x0: u64(-1n), nzcv: 'Nzcv' });
    expect(op('subs x0, x1, x2', 5n, 5n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
    expect(op('subs x0, x1, x2', 0x8000000000000000n, 1n)).toEqual({ x0: 0x7fffffffffffffffn, nzcv: 'nzCV' });
    expect(op('cmp w1, #0', 0n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
    expect(op('subs x0, x1, #1, lsl #12', 0x1000n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
  });

  it('adc/sbc use the carry flag', () => {
    expect(op('cmp x1, x1\n adc x0, x1, x2', 1n, 2n).x0).toBe(4n);
    expect(op('cmn x1, x1\n adc x0, x1, x2', 1n, 2n).x0).toBe(3n);
    expect(op('cmp x1, x1\n sbcs x0, x1, x2', 1n, 2n)).toEqual({ x0: u64(-1n), nzcv: 'Nzcv' });
    expect(op('cmn x1, x1\n sbc x0, x1, x2', 5n, 2n).x0).toBe(2n);
    expect(op('subs xzr, x1, x2\n adcs x0, x1, x2', 0xffffffffffffffffn, 0n)).toEqual({ x0: 0n, nzcv: 'nZCv' });
  });

  it('extended-register forms extend and shift Rm, and read SP for Rn = 31', () => {
    expect(op('add x0, x1, w2, sxtw #2', 100n, 0xfffffffen).x0).toBe(92n);
    expect(op('add x0, x1, w2, uxtb', 0n, 0x1ffn).x0).toBe(0xffn);
    expect(op('sub x0, x1, w2, sxth #1', 0n, 0x8000n).x0).toBe(0x10000n);
    expect(op('add x0, sp, #16', 0n).x0).toBe(0x110010n);
    expect(op('mov x3, sp\n add sp, sp, x1\n mov x0, sp\n mov sp, x3', 0x20n).x0).toBe(0x110020n);
  });

  it('shifted-register forms shift by 0 and by 63', () => {
    expect(op('add x0, x1, x2, lsl #63', 1n, 1n).x0).toBe(0x8000000000000001n);
    expect(op('add x0, xzr, x2, asr #63', 0n, 0x8000000000000000n).x0).toBe(u64(-1n));
    expect(op('add x0, xzr, x2, lsr #0', 0n, 7n).x0).toBe(7n);
    expect(op('add w0, wzr, w2, lsr #31', 0n, 0x80000000n).x0).toBe(1n);
  });
});

describe('logical', () => {
  it('immediates, including replicated patterns', () => {
    expect(op('and x0, x1, #0x00ff00ff00ff00ff', u64(-1n)).x0).toBe(0x00ff00ff00ff00ffn);
    expect(op('orr w0, w1, #0xf0', 0x0fn).x0).toBe(0xffn);
    expect(op('eor x0, x1, #0x5555555555555555', u64(-1n)).x0).toBe(0xaaaaaaaaaaaaaaaan);
    expect(op('ands x0, x1, #0x8000000000000000', u64(-1n))).toEqual({ x0: 0x8000000000000000n, nzcv: 'Nzcv' });
    expect(op('tst w1, #1', 2n).nzcv).toBe('nZcv');
  });

  it('shifted registers with ror and inversion', () => {
    expect(op('orr x0, xzr, x2, ror #4', 0n, 0x1n).x0).toBe(0x1000000000000000n);
    expect(op('bic x0, x1, x2', 0xffn, 0x0fn).x0).toBe(0xf0n);
    expect(op('orn w0, wzr, w2', 0n, 0n).x0).toBe(0xffffffffn);
    expect(op('eon x0, x1, x2', 0n, 0n).x0).toBe(u64(-1n));
    expect(op('bics x0, x1, x2', 0xffn, 0xffn)).toEqual({ x0: 0n, nzcv: 'nZcv' });
  });
});

describe('moves, bitfields, extract, pc-relative', () => {
  it('movz/movk/movn and 32-bit movn', () => {
    expect(runToBrk('movz x0, #0x1234, lsl #48\n movk x0, #0xbeef, lsl #16\n brk #0').x(0)).toBe(0x12340000beef0000n);
    expect(runToBrk('movn x0, #0\n brk #0').x(0)).toBe(u64(-1n));
    expect(runToBrk('movn w0, #1\n brk #0').x(0)).toBe(0xfffffffen);
    expect(runToBrk('mov x0, #-1\n movk w0, #5\n brk #0').x(0)).toBe(0xffff0005n);
  });

  it('ubfx/sbfx/ubfiz/sbfiz/bfi/bfxil and the extends', () => {
    expect(op('ubfx x0, x1, #4, #8', 0xabcdn).x0).toBe(0xbcn);
    expect(op('sbfx x0, x1, #4, #8', 0xabcdn).x0).toBe(u64(-68n));
    expect(op('ubfiz x0, x1, #60, #4', 0xfn).x0).toBe(0xf000000000000000n);
    expect(op('sbfiz w0, w1, #8, #4', 0x8n).x0).toBe(0xfffff800n);
    expect(op('mov x0, x2\n bfi x0, x1, #8, #8', 0xabn, 0xffffn).x0).toBe(0xabffn);
    expect(op('mov x0, x2\n bfxil x0, x1, #8, #8', 0xab00n, 0xffffn).x0).toBe(0xffabn);
    expect(op('sxtb x0, w1', 0x80n).x0).toBe(u64(-128n));
    expect(op('sxth w0, w1', 0x8000n).x0).toBe(0xffff8000n);
    expect(op('sxtw x0, w1', 0x80000000n).x0).toBe(0xffffffff80000000n);
    expect(op('uxth w0, w1', 0x12345n).x0).toBe(0x2345n);
    expect(op('lsl x0, x1, #63', 3n).x0).toBe(0x8000000000000000n);
    expect(op('asr w0, w1, #31', 0x80000000n).x0).toBe(0xffffffffn);
  });

  it('extr and ror', () => {
    expect(op('extr x0, x1, x2, #4', 0xfn, 0x10n).x0).toBe(0xf000000000000001n);
    expect(op('extr w0, w1, w2, #0', 1n, 2n).x0).toBe(2n);
    expect(op('ror w0, w1, #1', 1n).x0).toBe(0x80000000n);
  });

  it('adr and adrp', () => {
    const m = runToBrk('here: adr x0, here\n adrp x1, here\n adr x2, . + 0x100\n brk #0');
    expect(m.x(0)).toBe(0x80000n);
    expect(m.x(1)).toBe(0x80000n);
    expect(m.x(2)).toBe(0x80108n);
  });
});

describe('multiply and divide', () => {
  it('madd/msub/mneg in both widths', () => {
    expect(op('madd x0, x1, x2, x1', 3n, 4n).x0).toBe(15n);
    expect(op('msub x0, x1, x2, xzr', 3n, 4n).x0).toBe(u64(-12n));
    expect(op('mul x0, x1, x2', 0xffffffffffffffffn, 0xffffffffffffffffn).x0).toBe(1n);
    expect(op('mul w0, w1, w2', 0x10000n, 0x10000n).x0).toBe(0n);
    expect(op('mneg w0, w1, w2', 2n, 3n).x0).toBe(0xfffffffan);
  });

  it('long and high multiplies', () => {
    expect(op('smull x0, w1, w2', 0xffffffffn, 2n).x0).toBe(u64(-2n));
    expect(op('umull x0, w1, w2', 0xffffffffn, 0xffffffffn).x0).toBe(0xfffffffe00000001n);
    expect(op('smaddl x0, w1, w2, x1', 0x80000000n, 0x80000000n).x0).toBe(0x4000000080000000n);
    expect(op('umsubl x0, w1, w2, xzr', 1n, 1n).x0).toBe(u64(-1n));
    expect(op('umulh x0, x1, x2', u64(-1n), u64(-1n)).x0).toBe(0xfffffffffffffffen);
    expect(op('smulh x0, x1, x2', u64(-1n), u64(-1n)).x0).toBe(0n);
    expect(op('smulh x0, x1, x2', 0x8000000000000000n, 0x8000000000000000n).x0).toBe(0x4000000000000000n);
    expect(op('smulh x0, x1, x2', u64(-3n), 5n).x0).toBe(u64(-1n));
  });

  it('udiv/sdiv: by zero gives 0, INT_MIN / -1 wraps', () => {
    expect(op('udiv x0, x1, x2', 7n, 0n).x0).toBe(0n);
    expect(op('sdiv w0, w1, w2', 7n, 0n).x0).toBe(0n);
    expect(op('sdiv x0, x1, x2', 0x8000000000000000n, u64(-1n)).x0).toBe(0x8000000000000000n);
    expect(op('sdiv w0, w1, w2', 0x80000000n, 0xffffffffn).x0).toBe(0x80000000n);
    expect(op('sdiv x0, x1, x2', u64(-7n), 2n).x0).toBe(u64(-3n));
    expect(op('udiv w0, w1, w2', 0xffffffffn, 2n).x0).toBe(0x7fffffffn);
    expect(op('udiv x0, x1, x2', u64(-1n), 3n).x0).toBe(0x5555555555555555n);
  });
});

describe('conditional select and compare', () => {
  it('csel/csinc/csinv/csneg and their aliases', () => {
    expect(op('cmp x1, x2\n csel x0, x1, x2, lt', 1n, 2n).x0).toBe(1n);
    expect(op('cmp x1, x2\n cset x0, hi', 3n, 2n).x0).toBe(1n);
    expect(op('cmp x1, x2\n csetm w0, eq', 3n, 2n).x0).toBe(0n);
    expect(op('cmp x1, x2\n csinv x0, x1, x2, eq', 3n, 2n).x0).toBe(u64(-3n));
    expect(op('cmp x1, x2\n cneg x0, x1, ne', 3n, 2n).x0).toBe(u64(-3n));
    expect(op('cmp x1, x2\n cinc w0, w1, ge', 0xffffffffn, 2n).x0).toBe(0n);
  });

  it('ccmp/ccmn: compare when the condition holds, else take the immediate flags', () => {
    expect(op('cmp x1, #1\n ccmp x2, #5, #0, eq', 1n, 5n).nzcv).toBe('nZCv');
    expect(op('cmp x1, #1\n ccmp x2, #5, #0xf, ne', 1n, 5n).nzcv).toBe('NZCV');
    expect(op('cmp x1, #1\n ccmn x2, x1, #0, eq', 1n, u64(-1n)).nzcv).toBe('nZCv');
  });
});

describe('bit counting and reversal', () => {
  it('clz/cls/rbit/rev/rev16/rev32', () => {
    expect(op('clz x0, x1', 0n).x0).toBe(64n);
    expect(op('clz w0, w1', 1n).x0).toBe(31n);
    expect(op('clz x0, x1', 0x100000000n).x0).toBe(31n);
    expect(op('cls x0, x1', u64(-1n)).x0).toBe(63n);
    expect(op('cls w0, w1', 0x40000000n).x0).toBe(0n);
    expect(op('cls x0, x1', 1n).x0).toBe(62n);
    expect(op('rbit x0, x1', 1n).x0).toBe(0x8000000000000000n);
    expect(op('rbit w0, w1', 0x3n).x0).toBe(0xc0000000n);
    expect(op('rev x0, x1', 0x0102030405060708n).x0).toBe(0x0807060504030201n);
    expect(op('rev w0, w1', 0x0102030405060708n).x0).toBe(0x08070605n);
    expect(op('rev16 x0, x1', 0x0102030405060708n).x0).toBe(0x0201040306050807n);
    expect(op('rev32 x0, x1', 0x0102030405060708n).x0).toBe(0x0403020108070605n);
  });

  it('variable shifts take the amount modulo the width', () => {
    expect(op('lsl x0, x1, x2', 1n, 64n + 63n).x0).toBe(0x8000000000000000n);
    expect(op('lsr w0, w1, w2', 0x80000000n, 32n + 31n).x0).toBe(1n);
    expect(op('asr x0, x1, x2', 0x8000000000000000n, 0n).x0).toBe(0x8000000000000000n);
    expect(op('asr x0, x1, x2', 0x8000000000000000n, 40n).x0).toBe(0xffffffffff800000n);
    expect(op('ror x0, x1, x2', 1n, 32n).x0).toBe(0x100000000n);
    expect(op('ror w0, w1, w2', 1n, 33n).x0).toBe(0x80000000n);
  });
});
