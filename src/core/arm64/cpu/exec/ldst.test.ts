import { describe, expect, it } from 'vitest';
import { boot, runToBrk, u64 } from '../testing/harness.ts';

/** Runs `body` with x1 = 0x100000 (RAM) whose first 16 bytes are 0x80..0x8f. */
function mem(body: string) {
  return runToBrk(`
    ldr x1, =0x100000
    ldr x9, =0x8786858483828180
    str x9, [x1]
    ldr x9, =0x8f8e8d8c8b8a8988
    str x9, [x1, #8]
    ${body}
    brk #0`);
}

describe('single-register loads and stores', () => {
  it('zero- and sign-extend each size', () => {
    const m = mem(`ldrb w2, [x1]
      ldrsb x3, [x1]
      ldrsb w4, [x1, #1]
      ldrh w5, [x1, #2]
      ldrsh x6, [x1, #2]
      ldr w7, [x1, #4]
      ldrsw x8, [x1, #4]
      ldr x10, [x1, #8]`);
    expect([2, 3, 4, 5, 6, 7, 8, 10].map((n) => m.x(n))).toEqual([
      0x80n, u64(-128n), 0xffffff81n, 0x8382n, u64(-0x7c7en), 0x87868584n, 0xffffffff87868584n, 0x8f8e8d8c8b8a8988n,
    ]);
  });

  it('pre- and post-index write the base back', () => {
    const m = mem(`mov x2, x1
      ldr x3, [x2, #8]!
      mov x4, x1
      ldrb w5, [x4], #-1
      str x3, [x1, #16]!`);
    expect(m.x(2)).toBe(0x100008n);
    expect(m.x(3)).toBe(0x8f8e8d8c8b8a8988n);
    expect(m.x(4)).toBe(0xfffffn);
    expect(m.x(5)).toBe(0x80n);
    expect(m.x(1)).toBe(0x100010n);
    expect(m.mem.read(0x100010, 8)).toEqual(m.mem.read(0x100008, 8));
  });

  it('register offsets with extend and shift, unscaled and unaligned accesses', () => {
    const m = mem(`mov x2, #1
      mov w3, #-1
      ldrh w4, [x1, x2, lsl #1]
      ldrb w5, [x1, w3, sxtw]
      ldur x6, [x1, #1]
      ldr w7, [x1, w2, uxtw #2]
      strh w4, [x1, #33]`);
    expect(m.x(4)).toBe(0x8382n);
    expect(m.x(5)).toBe(0n);
    expect(m.x(6)).toBe(0x8887868584838281n);
    expect(m.x(7)).toBe(0x87868584n);
    expect([...m.mem.read(0x100021, 2)]).toEqual([0x82, 0x83]);
  });

  it('literal loads and the literal pool', () => {
    const m = runToBrk(`ldr x0, lit
      ldr w1, lit
      ldrsw x2, lit + 4
      ldr x3, =0xfedcba9876543210
      brk #0
      .balign 8
      lit: .quad 0x80000000ffffffff`);
    expect(m.x(0)).toBe(0x80000000ffffffffn);
    expect(m.x(1)).toBe(0xffffffffn);
    expect(m.x(2)).toBe(0xffffffff80000000n);
    expect(m.x(3)).toBe(0xfedcba9876543210n);
  });
});

describe('pairs', () => {
  it('ldp/stp in every mode, ldpsw sign-extends', () => {
    const m = mem(`ldp w2, w3, [x1]
      ldpsw x4, x5, [x1, #8]
      mov x6, x1
      stp x2, x3, [x6, #32]!
      ldp x7, x8, [x6], #-16
      stp w4, w5, [x1, #64]`);
    expect(m.x(2)).toBe(0x83828180n);
    expect(m.x(3)).toBe(0x87868584n);
    expect(m.x(4)).toBe(0xffffffff8b8a8988n);
    expect(m.x(5)).toBe(0xffffffff8f8e8d8cn);
    expect(m.x(6)).toBe(0x100010n);
    expect([m.x(7), m.x(8)]).toEqual([0x83828180n, 0x87868584n]);
    expect(m.mem.read(0x100040, 8)).toEqual(m.mem.read(0x100008, 8));
  });

  it('sp as the base', () => {
    const m = runToBrk(`mov x2, #1
      mov x3, #2
      stp x2, x3, [sp, #-16]!
      ldr x4, [sp, #8]
      ldp x5, x6, [sp], #16
      mov x7, sp
      brk #0`);
    expect([m.x(4), m.x(5), m.x(6), m.x(7)]).toEqual([2n, 1n, 2n, 0x110000n]);
  });
});

describe('exclusives', () => {
  it('stxr succeeds after ldxr of the same address and size, then fails', () => {
    const m = mem(`ldxr x2, [x1]
      add x2, x2, #1
      stxr w3, x2, [x1]
      stxr w4, x2, [x1]
      ldaxr w5, [x1]
      clrex
      stlxr w6, w5, [x1]
      ldxr w7, [x1]
      stxr w8, x7, [x1]`);
    expect(m.x(3)).toBe(0n);
    expect(m.x(4)).toBe(1n);
    expect(m.x(6)).toBe(1n);
    expect(m.x(8)).toBe(1n);
    expect(m.x(2)).toBe(0x8786858483828181n);
  });

  it('a misaligned exclusive is an alignment fault (data abort, DFSC 0x21)', () => {
    const b = boot(`ldr x1, =0x100001
      ldxr x2, [x1]
      brk #0`);
    b.cpu.trapUnvectored = true;
    const exit = b.run();
    expect(exit).toEqual({ kind: 'exception', esr: ((0x25 << 26) | (1 << 25) | 0x21) >>> 0, far: 0x100001 });
    expect(b.cpu.pc).toBe(0x80004);
  });

  it('ldar/stlr are plain aligned accesses', () => {
    const m = mem('ldar w2, [x1]\n stlr x1, [x1, #0]\n ldar x3, [x1]');
    expect(m.x(2)).toBe(0x83828180n);
    expect(m.x(3)).toBe(0x100000n);
  });
});

describe('aborts and code writes', () => {
  it('an access outside memory exits with an abort at the instruction', () => {
    const b = boot(`mov x1, #0x200000
      add x2, x2, #1
      ldr x0, [x1, #8]
      brk #0`);
    const exit = b.run();
    expect(exit).toMatchObject({ kind: 'abort', access: 'read', addr: 0x200008 });
    expect(exit.kind === 'abort' && exit.esr >>> 26).toBe(0x24);
    expect(b.cpu.pc).toBe(0x80008);
    expect(b.cpu.retired).toBe(2);
  });

  it('a store to a read-only page exits with a permission fault and writes nothing', () => {
    const b = boot(`ldr x1, =0x100000
      mov x2, #7
      str x2, [x1]
      brk #0`);
    b.mem.setReadOnly(0x100000, 4096, true);
    const exit = b.run();
    expect(exit).toMatchObject({ kind: 'abort', access: 'write', addr: 0x100000 });
    expect(exit.kind === 'abort' && exit.esr & 0x3f).toBe(0x0f);
    expect(b.mem.read(0x100000, 8)).toEqual(new Uint8Array(8));
  });

  it('self-modifying code: a store over cached code takes effect', () => {
    // The loop runs `patch` twice: first as `mov x0, #1`, then as stored by the loop.
    const m = runToBrk(`
      ldr w3, new
      adr x4, patch
      mov x5, #2
    again:
    patch: mov x0, #1
      add x6, x6, x0
      str w3, [x4]
      subs x5, x5, #1
      b.ne again
      brk #0
    new: mov x0, #40`);
    expect(m.x(6)).toBe(41n);
  });

  it('stores to data in a code page drop nothing; a store to an instruction of the running block takes effect', () => {
    const b = boot(`
      adr x1, buf
      ldr w3, new
      adr x4, patch
      mov x2, #100
    loop: ldr x5, [x1]
      add x5, x5, #1
      str x5, [x1]
      subs x2, x2, #1
      b.ne loop
      str w3, [x4]
    patch: mov x0, #1
      brk #0
    new: mov x0, #40
      .data
    buf: .space 8`);
    const dropped: number[] = [];
    b.mem.onCodeWrite((p) => dropped.push(p));
    expect(b.sym.buf >>> 12).toBe(b.sym.patch >>> 12);
    expect(b.run()).toMatchObject({ kind: 'brk' });
    expect(b.mem.read(b.sym.buf, 8)).toEqual(new Uint8Array([100, 0, 0, 0, 0, 0, 0, 0]));
    // Only the patch dropped the page, and `patch` ran as stored, though its block was running.
    expect(dropped).toEqual([0]);
    expect(b.x(0)).toBe(40n);
  });

  it('host writes to data in a code page keep the page cached', () => {
    const b = boot('start: mov x0, #1\n brk #0\n .data\n buf: .space 8');
    expect(b.run()).toMatchObject({ kind: 'brk' });
    const dropped: number[] = [];
    b.mem.onCodeWrite((p) => dropped.push(p));
    b.mem.write(b.sym.buf, new Uint8Array(8).fill(1));
    expect(dropped).toEqual([]);
    b.mem.write(b.sym.start + 4, new Uint8Array([0x40, 0x05, 0x80, 0xd2])); // movz x0, #42 over the BRK
    expect(dropped).toEqual([0]);
  });

  it('host writes invalidate cached code', () => {
    const b = boot('start: mov x0, #1\n brk #0');
    expect(b.run()).toMatchObject({ kind: 'brk' });
    expect(b.x(0)).toBe(1n);
    b.mem.write(0x80000, new Uint8Array([0x40, 0x05, 0x80, 0xd2])); // movz x0, #42
    b.cpu.pc = 0x80000;
    expect(b.run()).toMatchObject({ kind: 'brk' });
    expect(b.x(0)).toBe(42n);
  });
});
