/**
 * Slow executors of the exclusive and acquire/release loads and stores. One
 * local exclusive monitor per core: LDXR/LDAXR arm it for (address, size);
 * STXR/STLXR store and write 0 to Ws only while it is armed for exactly that
 * access, else write 1 and store nothing; either way it is disarmed. CLREX,
 * ERET and exception entry also disarm it. Ordinary stores do not (the local
 * monitor may ignore them, IMPLEMENTATION DEFINED). All of these need their
 * natural alignment: a misaligned address is an alignment fault (data abort,
 * DFSC 0x21) taken to EL1.
 */
import type { CoreExit } from '../types.ts';
import type { Arm64Cpu } from '../core.ts';
import type { Fields } from '../emit.ts';
import type { SlowExec } from './types.ts';

type Kind = 'ldxr' | 'stxr' | 'ldar' | 'stlr';

function exclusive(kind: Kind, bytes: 4 | 8): SlowExec {
  return (c: Arm64Cpu, f: Fields): CoreExit | null => {
    const write = kind === 'stxr' || kind === 'stlr';
    if (f.Rn === 31 && c.spMisaligned()) return c.takeSync(0x26, 0);
    const lo = c.xspLo(f.Rn);
    const hi = c.xspHi(f.Rn);
    if ((lo & (bytes - 1)) !== 0) return c.alignmentFault(write, lo, hi);
    if (kind === 'stxr' && !c.monitorMatches(lo, hi, bytes)) {
      c.clearMonitor();
      c.setX(f.Rs, 1, 0);
      c.pc += 4;
      return null;
    }
    const v = write ? [c.xlo(f.Rt), bytes === 8 ? c.xhi(f.Rt) : 0] : null;
    const r = c.guestAccess(lo, hi, bytes, v);
    if (!Array.isArray(r)) return r;
    if (kind === 'ldxr') c.armMonitor(lo, hi, bytes);
    if (kind === 'stxr') {
      c.clearMonitor();
      c.setX(f.Rs, 0, 0);
    }
    if (!write) c.setX(f.Rt, r[0], bytes === 8 ? r[1] : 0);
    c.pc += 4;
    return null;
  };
}

export const EXCLUSIVE: Record<string, SlowExec> = {};
for (const [r, bytes] of [['w', 4], ['x', 8]] as const) {
  EXCLUSIVE[`STXR_${r}`] = exclusive('stxr', bytes);
  EXCLUSIVE[`STLXR_${r}`] = exclusive('stxr', bytes);
  EXCLUSIVE[`LDXR_${r}`] = exclusive('ldxr', bytes);
  EXCLUSIVE[`LDAXR_${r}`] = exclusive('ldxr', bytes);
  EXCLUSIVE[`STLR_${r}`] = exclusive('stlr', bytes);
  EXCLUSIVE[`LDAR_${r}`] = exclusive('ldar', bytes);
}
