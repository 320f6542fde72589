/**
 * Executors of the system class. Hints and barriers have no architectural
 * effect on a single in-order core and run inline as no-ops; everything that
 * touches PSTATE, system registers, the monitor, exceptions or the host is a
 * slow executor on the core.
 */
import { PSTATE_FIELDS } from '../../isa/encodings.ts';
import { SYSREG_BY_KEY } from '../../isa/sysregs.ts';
import type { Arm64Cpu } from '../core.ts';
import type { Fields } from '../emit.ts';
import type { InlineExec, SlowExec } from './types.ts';

const nop: InlineExec = () => {};

export const SYSTEM_INLINE: Record<string, InlineExec> = {
  NOP: nop,
  YIELD: nop,
  SEV: nop,
  SEVL: nop,
  HINT: nop,
  DSB: nop,
  DMB: nop,
  ISB: nop,
};

/** EC values (ESR_EL1[31:26]) this module raises. */
const EC_SVC = 0x15;
const EC_MSR_TRAP = 0x18;
const EC_BRK = 0x3c;

/** SCTLR_EL1.UMA: EL0 may access DAIF. */
const SCTLR_UMA = 1n << 9n;

/** ISS of a trapped MSR/MRS (EC 0x18): Op0, Op2, Op1, CRn, Rt, CRm, Direction (1 = read). */
function msrIss(op0: number, op1: number, crn: number, crm: number, op2: number, rt: number, read: boolean): number {
  return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (read ? 1 : 0);
}

/** EL0 access to DAIF needs SCTLR_EL1.UMA. */
function daifTrapped(c: Arm64Cpu): boolean {
  return c.el === 0 && (c.getSysreg('SCTLR_EL1') & SCTLR_UMA) === 0n;
}

/** MRS / MSR (register): access checks, then the core's named register. */
function sysregAccess(read: boolean): SlowExec {
  return (c, f) => {
    const key = (f.o0 << 14) | (f.op1 << 11) | (f.CRn << 7) | (f.CRm << 3) | f.op2;
    const spec = SYSREG_BY_KEY.get(key);
    if (!spec || (!read && spec.readOnly)) return c.takeUndefined();
    if (c.el === 0) {
      if (spec.op1 !== 3) return c.takeUndefined();
      if (spec.name === 'DAIF' && daifTrapped(c)) {
        return c.takeSync(EC_MSR_TRAP, msrIss(spec.op0, spec.op1, spec.CRn, spec.CRm, spec.op2, f.Rt, read));
      }
    }
    if (read) c.setX64(f.Rt, c.getSysreg(spec.name));
    else c.setSysreg(spec.name, c.getX64(f.Rt));
    c.pc += 4;
    return null;
  };
}

const MSR_imm: SlowExec = (c, f) => {
  const { spsel, daifset } = PSTATE_FIELDS;
  if (f.op1 === spsel.op1 && f.op2 === spsel.op2) {
    if (c.el === 0) return c.takeUndefined();
    c.setSysreg('SPSel', BigInt(f.CRm & 1));
  } else {
    if (daifTrapped(c)) return c.takeSync(EC_MSR_TRAP, msrIss(0, f.op1, 4, f.CRm, f.op2, 31, false));
    const bits = BigInt(f.CRm << 6);
    const daif = c.getSysreg('DAIF');
    c.setSysreg('DAIF', f.op2 === daifset.op2 ? daif | bits : daif & ~bits);
  }
  c.pc += 4;
  return null;
};

/** Returns to the state in SPSR_EL1 at ELR_EL1; an illegal return (to EL2/EL3 or AArch32) is UNDEFINED here. */
const ERET: SlowExec = (c) => {
  if (c.el === 0) return c.takeUndefined();
  const spsr = Number(c.getSysreg('SPSR_EL1') & 0xffffffffn);
  const m = spsr & 0x1f;
  if (m !== 0 && m !== 4 && m !== 5) return c.takeUndefined();
  c.clearMonitor();
  c.setPstate(spsr);
  c.pc = Number(c.getSysreg('ELR_EL1'));
  return null;
};

/** HVC/SMC are exits to the host from EL1; at EL0 they are UNDEFINED. */
function call(kind: 'hvc' | 'smc'): SlowExec {
  return (c, f) => {
    if (c.el === 0) return c.takeUndefined();
    c.pc += 4;
    return { kind, imm: f.imm16 };
  };
}

export const SYSTEM_SLOW: Record<string, SlowExec> = {
  SVC: (c, f: Fields) => c.takeSync(EC_SVC, f.imm16, c.pc + 4),
  HVC: call('hvc'),
  SMC: call('smc'),
  BRK: (c, f) => (c.trapBrk ? { kind: 'brk', imm: f.imm16 } : c.takeSync(EC_BRK, f.imm16)),
  // Halting debug is not enabled: HLT is UNDEFINED.
  HLT: (c) => c.takeUndefined(),
  WFI: (c) => {
    if (!c.irqLine) return { kind: 'wfi' };
    c.pc += 4;
    return null;
  },
  WFE: () => ({ kind: 'wfe' }),
  CLREX: (c) => {
    c.clearMonitor();
    c.pc += 4;
    return null;
  },
  MSR_imm,
  MSR_reg: sysregAccess(false),
  MRS: sysregAccess(true),
  ERET,
};
