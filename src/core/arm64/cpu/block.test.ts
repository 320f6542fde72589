import { describe, expect, it } from 'vitest';
import { blockSource } from './block.ts';
import { decode } from '../isa/decode.ts';
import { INLINE } from './exec/index.ts';
import { Memory } from '../../machine/memory.ts';
import { boot, runToBrk } from './testing/harness.ts';

// Blocks go on through b/bl into their targets; b to the next instruction,
// calls, and budgets that end inside such a block must all stay exact.
const PROGRAM = `
    mov x0, #1
    b 1f
1:  add x0, x0, #1
    bl f
    add x0, x0, #100
    mov x2, #3
2:  bl f
    subs x2, x2, #1
    b.ne 2b
    brk #0
f:  add x0, x0, #10
    ret`;

describe('block compiler', () => {
  it('follows direct branches into their targets', () => {
    const m = runToBrk(PROGRAM);
    expect(m.x(0)).toBe(142n);
    expect(m.cpu.retired).toBe(23);
  });

  it('gives the same state for every budget split', () => {
    const whole = runToBrk(PROGRAM);
    for (let n = 1; n <= 23; n++) {
      const b = boot(PROGRAM);
      expect(b.run(n)).toEqual({ kind: 'budget' });
      expect(b.cpu.retired).toBe(n);
      expect(b.run()).toMatchObject({ kind: 'brk' });
      expect([b.x(0), b.x(30), b.cpu.retired, b.cpu.pc]).toEqual([whole.x(0), whole.x(30), 23, whole.cpu.pc]);
    }
  });

  it('generates one store-back of the registers a block writes', () => {
    const words = [0x91000c00, 0xf1000442, 0x54ffffc1]; // add x0, x0, #3; subs x2, x2, #1; b.ne
    const insns = words.map((w, i) => {
      const d = decode(w)!;
      return { pc: 0x80000 + 4 * i, id: d.id, f: d.f, exec: INLINE[d.id] };
    });
    const src = blockSource(insns, new Memory(0x80000, 0x1000));
    expect(src.match(/r\[0\] = x0l/g)).toHaveLength(1);
    expect(src).toContain('if (524288 === 524288 && n + 3 <= budget) continue;');
  });
});
