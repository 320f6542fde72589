import { describe, expect, it } from 'vitest';
import { boot, runToBrk } from '../testing/harness.ts';

const IL = 1 << 25;
const esr = (ec: number, iss = 0) => ((ec << 26) | IL | iss) >>> 0;

/**
 * Appends a vector table (label `vectors`) whose 16 entries record ESR, ELR,
 * SPSR and FAR in x20-x23 and their own offset in x24, then stop at BRK.
 */
function withVectors(main: string): string {
  const entry = (off: number) => `
  mrs x20, esr_el1
  mrs x21, elr_el1
  mrs x22, spsr_el1
  mrs x23, far_el1
  mov x24, #${off}
  brk #0
  .balign 128`;
  return `${main}
  .balign 2048
vectors:${Array.from({ length: 16 }, (_, i) => entry(i * 0x80)).join('')}`;
}

describe('synchronous exceptions', () => {
  it('svc enters EL1h through VBAR_EL1 + 0x200 with ESR, ELR (next instruction), SPSR', () => {
    const m = runToBrk(withVectors(`
      adr x0, vectors
      msr vbar_el1, x0
      mov x1, #0
      cmp x1, #0
      svc #0x42`));
    expect(m.x(24)).toBe(0x200n);
    expect(Number(m.x(20))).toBe(esr(0x15, 0x42));
    expect(m.x(21)).toBe(0x80014n);
    expect(m.x(22)).toBe(0x600003c5n); // Z and C set, DAIF masked, EL1h
  });

  it('undefined instructions, brk (not trapped) and hlt', () => {
    for (const [insn, ec, iss] of [['.word 0', 0, 0], ['brk #7', 0x3c, 7], ['hlt #0', 0, 0]] as const) {
      const b = boot(withVectors(`adr x0, vectors\n msr vbar_el1, x0\n ${insn}`));
      b.cpu.trapBrk = false;
      expect(b.run(3)).toEqual({ kind: 'budget' });
      expect(b.cpu.retired).toBe(2);
      expect(Number(b.cpu.getSysreg('ESR_EL1'))).toBe(esr(ec, iss));
      expect(b.cpu.getSysreg('ELR_EL1')).toBe(0x80008n);
      expect(b.cpu.pc).toBe(b.sym.vectors + 0x200);
    }
  });

  it('eret returns to EL0; svc from EL0 uses the lower-EL vector; EL1 registers trap at EL0', () => {
    const m = runToBrk(withVectors(`
      adr x0, vectors
      msr vbar_el1, x0
      adr x1, user
      msr elr_el1, x1
      msr spsr_el1, xzr
      ldr x2, =0x108000
      msr sp_el0, x2
      eret
    user:
      mov x3, sp
      mrs x4, tpidr_el0
      svc #1`));
    expect(m.x(24)).toBe(0x400n);
    expect(m.x(3)).toBe(0x108000n);
    expect(m.x(4)).toBe(0n);
    expect(Number(m.x(20))).toBe(esr(0x15, 1));
    expect(m.x(22)).toBe(0n);
    expect(m.cpu.getSysreg('CurrentEL')).toBe(4n);

    const t = runToBrk(withVectors(`
      adr x0, vectors
      msr vbar_el1, x0
      adr x1, user
      msr elr_el1, x1
      msr spsr_el1, xzr
      eret
    user:
      mrs x5, vbar_el1`));
    expect(Number(t.x(20))).toBe(esr(0));
  });

  it('misaligned PC and SP (with SCTLR_EL1.SA) fault', () => {
    const pcm = runToBrk(withVectors(`adr x0, vectors\n msr vbar_el1, x0\n ldr x1, =0x80002\n br x1`));
    expect(Number(pcm.x(20))).toBe(esr(0x22));
    expect(pcm.x(23)).toBe(0x80002n);
    expect(pcm.x(21)).toBe(0x80002n);
    const spm = runToBrk(withVectors(`adr x0, vectors
      msr vbar_el1, x0
      mov x1, #8
      msr sctlr_el1, x1
      mov x2, sp
      sub sp, x2, #8
      ldr x3, [sp]`));
    expect(Number(spm.x(20))).toBe(esr(0x26));
  });

  it('with trapUnvectored and VBAR_EL1 = 0 the exception is an exit instead', () => {
    const b = boot('nop\n svc #3');
    b.cpu.trapUnvectored = true;
    expect(b.run()).toEqual({ kind: 'exception', esr: esr(0x15, 3), far: 0 });
    expect(b.cpu.pc).toBe(0x80004);
  });
});

describe('interrupts and waiting', () => {
  const irqProgram = withVectors(`
      adr x0, vectors
      msr vbar_el1, x0
      msr daifclr, #2
    spin: add x1, x1, #1
      b spin`);

  it('an IRQ is taken at an instruction boundary once PSTATE.I is clear', () => {
    const b = boot(irqProgram);
    expect(b.run(10)).toEqual({ kind: 'budget' });
    b.cpu.irqLine = true;
    expect(b.run(100)).toMatchObject({ kind: 'brk' });
    expect(b.x(24)).toBe(0x280n);
    expect(Number(b.x(22)) & 0x3c0).toBe(0x340);
    expect(b.cpu.daif).toBe(0x3c0);
  });

  it('no IRQ while masked', () => {
    const b = boot(irqProgram.replace('msr daifclr, #2', 'msr daifset, #2'));
    b.cpu.irqLine = true;
    expect(b.run(50)).toEqual({ kind: 'budget' });
  });

  it('wfi exits while the IRQ line is low and completes while it is high; wfe exits', () => {
    const b = boot('wfi\n wfe\n brk #0');
    expect(b.run()).toEqual({ kind: 'wfi' });
    expect(b.cpu.pc).toBe(0x80000);
    b.cpu.irqLine = true;
    expect(b.run()).toEqual({ kind: 'wfe' });
    expect(b.cpu.pc).toBe(0x80004);
  });

  it('hvc and smc exit with PC past them; at EL0 they are undefined', () => {
    const b = boot('hvc #5\n smc #6\n brk #0');
    expect(b.run()).toEqual({ kind: 'hvc', imm: 5 });
    expect(b.cpu.pc).toBe(0x80004);
    expect(b.run()).toEqual({ kind: 'smc', imm: 6 });
    expect(b.cpu.retired).toBe(2);
  });
});

describe('system registers and PSTATE', () => {
  it('nzcv, daif, spsel, tpidr, cntvct, mpidr, midr', () => {
    const b = boot(`
      mov x1, #0x60000000
      msr nzcv, x1
      mrs x2, nzcv
      msr daifclr, #0xf
      mrs x3, daif
      msr spsel, #0
      mov x4, sp
      msr spsel, #1
      mov x5, sp
      msr tpidr_el0, x1
      mrs x6, tpidr_el0
      mrs x7, cntvct_el0
      mrs x8, mpidr_el1
      mrs x9, midr_el1
      brk #0`);
    b.cpu.setSysreg('MPIDR_EL1', 0x80000003n);
    expect(b.run()).toMatchObject({ kind: 'brk' });
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((n) => b.x(n))).toEqual([
      0x60000000n, 0n, 0n, 0x110000n, 0x60000000n, 11n, 0x80000003n, 0x410fd083n,
    ]);
  });
});

describe('stepping, breakpoints, budget, snapshots', () => {
  const loop = 'mov x0, #0\n 1: add x0, x0, #1\n cmp x0, #100\n b.ne 1b\n brk #0';

  it('run(n) retires exactly n instructions, however the blocks fall', () => {
    const whole = runToBrk(loop);
    for (const n of [1, 2, 3, 7, 50, 299]) {
      const b = boot(loop);
      expect(b.run(n)).toEqual({ kind: 'budget' });
      expect(b.cpu.retired).toBe(n);
      expect(b.run()).toMatchObject({ kind: 'brk' });
      expect(b.cpu.retired).toBe(whole.cpu.retired);
    }
  });

  it('stops before a breakpoint and steps over it on the next run', () => {
    const b = boot(loop);
    b.cpu.setBreakpoints([0x80008]);
    expect(b.run()).toEqual({ kind: 'breakpoint', pc: 0x80008 });
    expect(b.x(0)).toBe(1n);
    expect(b.run()).toEqual({ kind: 'breakpoint', pc: 0x80008 });
    expect(b.x(0)).toBe(2n);
    b.cpu.setBreakpoints([]);
    expect(b.run()).toMatchObject({ kind: 'brk' });
  });

  it('snapshot/restore of core and memory replays identically', () => {
    const src = `ldr x1, =0x100000
      1: ldr x2, [x1]
      add x2, x2, x0
      str x2, [x1], #8
      add x0, x0, #3
      cmp x0, #300
      b.lo 1b
      brk #0`;
    const b = boot(src);
    b.run(40);
    const core = structuredClone(b.cpu.snapshot());
    const memory = structuredClone(b.mem.snapshot());
    expect(b.run()).toMatchObject({ kind: 'brk' });
    const after = { x: b.x(2), ram: b.mem.read(0x100000, 1024), retired: b.cpu.retired };
    b.cpu.restore(core);
    b.mem.restore(memory);
    expect(b.cpu.retired).toBe(40);
    expect(b.run()).toMatchObject({ kind: 'brk' });
    expect({ x: b.x(2), ram: b.mem.read(0x100000, 1024), retired: b.cpu.retired }).toEqual(after);
  });
});
