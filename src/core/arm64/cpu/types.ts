/**
 * The contract between an AArch64 core and whatever hosts it (the bare
 * machine, or the hypervisor's vCPUs). One `Arm64Core` is one vCPU's
 * architectural state plus a view of its guest-physical memory; physical CPUs
 * are a scheduling notion above this layer.
 *
 * 64-bit values cross this boundary as (lo, hi) pairs of unsigned 32-bit
 * numbers on the hot path, or as bigint on slow, convenient paths.
 */

/** Why `run` returned. Every variant leaves the core in a consistent state. */
export type CoreExit =
  /** The step budget given to `run` is used up. */
  | { readonly kind: 'budget' }
  /** `hvc #imm` executed: PC already points past it (the preferred return address). */
  | { readonly kind: 'hvc'; readonly imm: number }
  /** `smc #imm` executed: PC already points past it. */
  | { readonly kind: 'smc'; readonly imm: number }
  /** `wfi` reached and the virtual IRQ line is low: PC still points at the WFI. */
  | { readonly kind: 'wfi' }
  /** `wfe` reached: PC still points at the WFE. */
  | { readonly kind: 'wfe' }
  /**
   * `brk #imm` reached while `trapBrk` is set (bare machine): not executed, PC
   * at the BRK. With `trapBrk` clear, BRK is an ordinary EL1 exception.
   */
  | { readonly kind: 'brk'; readonly imm: number }
  /** A debug breakpoint address (see `setBreakpoints`) is about to execute. */
  | { readonly kind: 'breakpoint'; readonly pc: number }
  /**
   * A stage-2 style fault: an access outside the guest's memory, or a write
   * to a read-only page. Not executed; PC at the faulting instruction.
   * `esr` is the syndrome (EC 0x24 data abort / 0x20 instruction abort with
   * ISS as the Arm ARM defines for a lower-EL abort) and `addr` the faulting
   * address.
   */
  | { readonly kind: 'abort'; readonly access: 'read' | 'write' | 'fetch'; readonly addr: number; readonly esr: number }
  /**
   * A synchronous exception that would be taken while `trapUnvectored` is set
   * and VBAR_EL1 is 0 (no vector table installed, e.g. the bare machine). Not
   * taken; PC at the instruction that caused it. `esr` as ESR_EL1 would hold
   * it; `far` the fault address where the exception defines one, else 0.
   */
  | { readonly kind: 'exception'; readonly esr: number; readonly far: number };

/** Guest-physical memory of one VM (or of the bare machine). */
export interface GuestMemory {
  /** Size in bytes of the contiguous space [base, base + size). */
  readonly base: number;
  readonly size: number;
  /** The bytes themselves; index = address - base. */
  readonly bytes: Uint8Array;
  /** Marks [addr, addr + len) read-only (true) or read-write (false) for the guest. */
  setReadOnly(addr: number, len: number, readOnly: boolean): void;
  /** Host (hypervisor) access: never faults; throws RangeError outside the space. */
  read(addr: number, len: number): Uint8Array;
  write(addr: number, data: Uint8Array): void;
}

/** Snapshot of one core: plain data, structured-clone safe, deterministic. */
export interface CoreSnapshot {
  readonly version: 1;
  readonly state: Readonly<Record<string, unknown>>;
}

export interface Arm64Core {
  /** Program counter (guest addresses are below 2^48, so a number is exact). */
  pc: number;
  /** Count of instructions retired since creation (exceptions taken do not count). */
  readonly retired: number;

  /** x0..x30 as unsigned halves; n = 31 reads as zero (XZR). */
  xlo(n: number): number;
  xhi(n: number): number;
  setX(n: number, lo: number, hi: number): void;
  getX64(n: number): bigint;
  setX64(n: number, v: bigint): void;
  /** The stack pointer of the current EL / SPSel. */
  getSp(): bigint;
  setSp(v: bigint): void;
  /** NZCV as a 4-bit value (N = bit 3). */
  nzcv: number;
  /** Reads/writes a system register by its architectural name, e.g. 'VBAR_EL1'. */
  getSysreg(name: string): bigint;
  setSysreg(name: string, v: bigint): void;
  /** PSTATE as SPSR_EL1 would hold it (NZCV, DAIF, EL, SPSel). */
  getPstate(): number;
  setPstate(v: number): void;

  /**
   * Virtual IRQ line (HCR_EL2.VI for this vCPU). While high and PSTATE.I is
   * clear, the core takes an EL1 IRQ exception before the next instruction;
   * while high, WFI does not exit.
   */
  irqLine: boolean;
  /** Bare machine: stop at BRK instead of taking the exception. */
  trapBrk: boolean;
  /** Bare machine: a synchronous exception with VBAR_EL1 = 0 exits (`exception`) instead of jumping to 0x200. */
  trapUnvectored: boolean;

  /**
   * Executes up to `maxSteps` steps, stopping early at an exit. A step is a
   * retired instruction or an exception taken (so a loop of faults still
   * ends). Deterministic: the same state and budget always give the same result.
   */
  run(maxSteps: number): CoreExit;

  /** Addresses at which `run` stops with `breakpoint` before executing. */
  setBreakpoints(addrs: Iterable<number>): void;

  snapshot(): CoreSnapshot;
  restore(s: CoreSnapshot): void;
}
