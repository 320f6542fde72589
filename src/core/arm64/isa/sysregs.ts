/**
 * System registers that guests can name in MRS/MSR, by architectural name,
 * with their (op0, op1, CRn, CRm, op2) encodings from the Arm ARM. The
 * assembler, disassembler and executor all read this table.
 */

export interface SysregSpec {
  /** Upper-case architectural name, e.g. 'VBAR_EL1'. */
  readonly name: string;
  readonly op0: 2 | 3;
  readonly op1: number;
  readonly CRn: number;
  readonly CRm: number;
  readonly op2: number;
  /** MSR to it is not allowed (it reads a fixed or live value). */
  readonly readOnly?: boolean;
  readonly summary: string;
}

const r = (name: string, op0: 2 | 3, op1: number, CRn: number, CRm: number, op2: number, summary: string, readOnly?: boolean): SysregSpec =>
  ({ name, op0, op1, CRn, CRm, op2, summary, readOnly });

export const SYSREGS: readonly SysregSpec[] = [
  r('MIDR_EL1', 3, 0, 0, 0, 0, 'Main ID register', true),
  r('MPIDR_EL1', 3, 0, 0, 0, 5, 'Multiprocessor affinity (vCPU index in Aff0)', true),
  r('SCTLR_EL1', 3, 0, 1, 0, 0, 'System control register'),
  r('SPSR_EL1', 3, 0, 4, 0, 0, 'Saved program status on exception entry'),
  r('ELR_EL1', 3, 0, 4, 0, 1, 'Exception link register (return address)'),
  r('SP_EL0', 3, 0, 4, 1, 0, 'Stack pointer for EL0'),
  r('SPSel', 3, 0, 4, 2, 0, 'Stack pointer select'),
  r('CurrentEL', 3, 0, 4, 2, 2, 'Current exception level', true),
  r('DAIF', 3, 3, 4, 2, 1, 'Interrupt mask bits'),
  r('NZCV', 3, 3, 4, 2, 0, 'Condition flags'),
  r('ESR_EL1', 3, 0, 5, 2, 0, 'Exception syndrome register'),
  r('FAR_EL1', 3, 0, 6, 0, 0, 'Fault address register'),
  r('VBAR_EL1', 3, 0, 12, 0, 0, 'Vector base address register'),
  r('TPIDR_EL1', 3, 0, 13, 0, 4, 'Software thread ID (EL1)'),
  r('TPIDR_EL0', 3, 3, 13, 0, 2, 'Software thread ID (EL0)'),
  r('CNTFRQ_EL0', 3, 3, 14, 0, 0, 'Counter frequency'),
  r('CNTVCT_EL0', 3, 3, 14, 0, 2, 'Virtual count (advances with retired instructions)', true),
];

/** The 15-bit o0:op1:CRn:CRm:op2 key used in MRS/MSR (register) encodings. */
export function sysregKey(s: Pick<SysregSpec, 'op0' | 'op1' | 'CRn' | 'CRm' | 'op2'>): number {
  return ((s.op0 - 2) << 14) | (s.op1 << 11) | (s.CRn << 7) | (s.CRm << 3) | s.op2;
}

export const SYSREG_BY_NAME: ReadonlyMap<string, SysregSpec> = new Map(SYSREGS.map((s) => [s.name.toUpperCase(), s]));
export const SYSREG_BY_KEY: ReadonlyMap<number, SysregSpec> = new Map(SYSREGS.map((s) => [sysregKey(s), s]));
