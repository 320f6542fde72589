/**
 * The hot architectural state of one core, shared by the interpreter and the
 * compiled blocks: general registers as int32 halves in a typed array, flags
 * as 0/1 ints, the PC as a number, and the mailbox through which compiled
 * code reports why it stopped early.
 */

/** r[2n] = low half, r[2n + 1] = high half of Xn (n < 31); SP of the current EL at SP_SLOT. */
export const SP_SLOT = 62;
/** Flag indices in `f`. */
export const FN = 0;
export const FZ = 1;
export const FC = 2;
export const FV = 3;

/** Why compiled code returned before its natural end (`CpuState.exit`). */
export const EXIT_NONE = 0;
/** A load/store outside memory or a store to a read-only page: see fault*. */
export const EXIT_ABORT = 1;
/** SP not 16-byte aligned as a base register with SCTLR_EL1.SA/SA0 set. */
export const EXIT_SP_ALIGN = 2;
/** A store hit cached code: caches were dropped, PC is the next instruction. */
export const EXIT_CODE_WRITE = 3;

export class CpuState {
  /** x0..x30 as (lo, hi) int32 pairs, then the current SP at SP_SLOT. */
  readonly r = new Int32Array(64);
  /** N, Z, C, V as 0/1. */
  readonly f = new Int32Array(4);
  pc = 0;
  retired = 0;
  /** One of EXIT_*, set by compiled code; cleared by the dispatcher. */
  exit = EXIT_NONE;
  faultLo = 0;
  faultHi = 0;
  faultWrite = 0;
  /** ESR ISS bits for the abort (without WnR and fault status). */
  faultIss = 0;
  /** Fault status code (DFSC) of the abort. */
  faultStatus = 0;
  /** 1 when SP alignment checking applies at the current EL. */
  saOn = 0;
}
