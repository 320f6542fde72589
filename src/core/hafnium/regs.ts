/**
 * What the hypervisor needs of a vCPU's registers: a subset of `Arm64Core`,
 * so a real core serves directly, and `RegFile` serves where no guest code
 * runs (the native scheduler's primary vCPUs, the TestMachine).
 */
import type { Arm64Core } from '../arm64/cpu/types.ts';

export type VcpuRegs = Pick<Arm64Core, 'xlo' | 'xhi' | 'setX' | 'irqLine' | 'pc' | 'getPstate' | 'setPstate'>;

/** PSTATE at boot and at CPU_ON: EL1h (M = 0b0101) with D, A, I, F masked. */
export const BOOT_PSTATE = 0x3c5;

/** A bare register file: x0..x30, PC, PSTATE and the virtual IRQ line. */
export class RegFile implements VcpuRegs {
  pc = 0;
  irqLine = false;
  private readonly lo = new Uint32Array(31);
  private readonly hi = new Uint32Array(31);
  private pstate = BOOT_PSTATE;

  xlo(n: number): number {
    return n === 31 ? 0 : this.lo[n];
  }
  xhi(n: number): number {
    return n === 31 ? 0 : this.hi[n];
  }
  setX(n: number, lo: number, hi: number): void {
    if (n === 31) return;
    this.lo[n] = lo;
    this.hi[n] = hi;
  }
  getPstate(): number {
    return this.pstate;
  }
  setPstate(v: number): void {
    this.pstate = v >>> 0;
  }

  snapshot(): RegFileSnapshot {
    return { pc: this.pc, irqLine: this.irqLine, lo: this.lo.slice(), hi: this.hi.slice(), pstate: this.pstate };
  }

  restore(s: RegFileSnapshot): void {
    this.pc = s.pc;
    this.irqLine = s.irqLine;
    this.lo.set(s.lo);
    this.hi.set(s.hi);
    this.pstate = s.pstate;
  }
}

export interface RegFileSnapshot {
  readonly pc: number;
  readonly irqLine: boolean;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly pstate: number;
}
