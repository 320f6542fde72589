import { describe, expect, it } from 'vitest';
import { assemble } from '../arm64/asm/index.ts';
import { createBareMachine, runBare, type BareResult } from './bare.ts';

function bare(source: string, maxSteps?: number): BareResult {
  const r = assemble({ name: 't.s', text: source });
  if (!r.image) throw new Error(JSON.stringify(r.diagnostics));
  const m = createBareMachine(r.image);
  if (typeof m === 'string') throw new Error(m);
  return runBare(m, maxSteps);
}

describe('bare machine', () => {
  it('starts at _start with SP = 0x110000 and everything else zero, stops at brk', () => {
    const r = bare(`
      .text
      nop
    _start:
      mov x1, sp
      brk #3`);
    expect(r).toMatchObject({ stop: 'brk', steps: 1, pc: 0x80008, sp: 0x110000n, nzcv: 0 });
    expect(r.x[1]).toBe(0x110000n);
    expect(r.x.filter((v) => v !== 0n)).toHaveLength(1);
  });

  it('records hypercalls and returns 0 in x0', () => {
    const r = bare('mov x0, #7\n mov x1, #1\n hvc #0\n mov x5, x0\n mov x0, #8\n hvc #0\n brk #0');
    expect(r.hypercalls).toEqual([
      { x0: 7n, x1: 1n, x2: 0n, x3: 0n },
      { x0: 8n, x1: 1n, x2: 0n, x3: 0n },
    ]);
    expect(r.x[5]).toBe(0n);
    expect(r.stop).toBe('brk');
  });

  it('stops at the step limit', () => {
    expect(bare('1: b 1b', 1000)).toMatchObject({ stop: 'limit', steps: 1000, pc: 0x80000 });
  });

  it('faults on an access outside memory and on an exception with no vector table', () => {
    const abort = bare('mov x1, #0x40000000\n ldr x0, [x1]\n brk #0');
    expect(abort).toMatchObject({ stop: 'fault', pc: 0x80004, fault: { ec: 0x24, addr: 0x40000000 } });
    const undef = bare('nop\n .word 0\n brk #0');
    expect(undef).toMatchObject({ stop: 'fault', pc: 0x80004, steps: 1, fault: { ec: 0, esr: 0x2000000 } });
    const smc = bare('smc #0\n brk #0');
    expect(smc).toMatchObject({ stop: 'fault', pc: 0x80000, fault: { ec: 0 } });
  });

  it('lays .data after .text and lets the guest write it', () => {
    const r = bare(`
      .text
    _start:
      ldr x1, =value
      ldr x2, [x1]
      add x2, x2, #1
      str x2, [x1]
      ldr x3, [x1]
      brk #0
      .data
    value: .quad 41`);
    expect(r.x[3]).toBe(42n);
  });

  it('refuses an image that overlaps RAM', () => {
    const big = { base: 0x80000, bytes: new Uint8Array(0x80004), entry: 0x80000 };
    expect(createBareMachine(big)).toMatch(/overlaps RAM/);
  });
});
