/**
 * Live register readers (`Machine.registers`): read the core directly, no
 * view, no hex strings, so conditions and watchpoints can check registers
 * after every step cheaply.
 */
import { Arm64Cpu } from '../arm64/cpu/core.ts';
import type { RegFile } from '../hafnium/regs.ts';
import type { VcpuRegisters } from './api.ts';

/** x0..x30, SP, PC and NZCV of a guest core. */
class CoreRegisters implements VcpuRegisters {
  constructor(private readonly core: Arm64Cpu) {}
  /** x`n` (0..30); 31 and anything else read as 0 (XZR). */
  x(n: number): bigint {
    return n >= 0 && n < 31 ? this.core.getX64(n) : 0n;
  }
  get sp(): bigint {
    return this.core.getSp();
  }
  get pc(): bigint {
    return BigInt(this.core.pc);
  }
  get nzcv(): number {
    return this.core.nzcv;
  }
}

/**
 * A native primary's register file: x0..x30 and PC are what the native
 * scheduler's hypercalls left there; it has no stack pointer (sp reads 0)
 * and NZCV comes from its saved PSTATE.
 */
class RegFileRegisters implements VcpuRegisters {
  constructor(private readonly regs: RegFile) {}
  x(n: number): bigint {
    return n >= 0 && n < 31 ? (BigInt(this.regs.xhi(n)) << 32n) | BigInt(this.regs.xlo(n)) : 0n;
  }
  get sp(): bigint {
    return 0n;
  }
  get pc(): bigint {
    return BigInt(this.regs.pc);
  }
  get nzcv(): number {
    return this.regs.getPstate() >>> 28;
  }
}

/** A reader over `regs` that stays live: it reads the current values at every access. */
export function liveRegisters(regs: Arm64Cpu | RegFile): VcpuRegisters {
  return regs instanceof Arm64Cpu ? new CoreRegisters(regs) : new RegFileRegisters(regs);
}
