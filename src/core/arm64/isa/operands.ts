/**
 * Operand vocabulary shared by the assembler, disassembler and executors:
 * condition codes, shift and extend kinds, in encoding order.
 */

/** Condition codes by their 4-bit encoding; `hs`/`lo` are the assembler aliases of cs/cc. */
export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'] as const;
export const COND_ALIASES: Readonly<Record<string, number>> = { hs: 2, lo: 3 };

/** Shift kinds by their 2-bit `shift` field (ror only in logical instructions). */
export const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'] as const;

/** Extend kinds by their 3-bit `option` field. */
export const EXTEND_NAMES = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'] as const;

/**
 * Looks up a condition by name (case-insensitive, aliases included).
 * Returns: its 4-bit code, or -1 when the name is not a condition.
 */
export function condCode(name: string): number {
  const n = name.toLowerCase();
  const i = (COND_NAMES as readonly string[]).indexOf(n);
  return i >= 0 ? i : (COND_ALIASES[n] ?? -1);
}
