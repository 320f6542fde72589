/**
 * Condition operands as objdump prints them: the Arm name, plus the other
 * names binutils knows for the same code (SVE's `none`, `any`, ...), which it
 * lists in a trailing comment.
 */
import { COND_NAMES } from '../operands.ts';

/** Extra names binutils accepts for each condition code, in its order. */
const COND_OTHER_NAMES: readonly (readonly string[])[] = [
  ['none'], ['any'], ['hs', 'nlast'], ['lo', 'ul', 'last'], ['first'], ['nfrst'], [], [],
  ['pmore'], ['plast'], ['tcont'], ['tstop'], [], [], [], [],
];

/** The condition's name and objdump's comment for an operand (`ne = any`), if any. */
export function condOperand(cond: number): { name: string; comment?: string } {
  const name = COND_NAMES[cond];
  const others = COND_OTHER_NAMES[cond];
  return others.length === 0 ? { name } : { name, comment: `${name} = ${others.join(', ')}` };
}

/** objdump's comment after `b.<cond>`, naming the other spellings (`b.none`), if any. */
export function condBranchComment(cond: number): string | undefined {
  const others = COND_OTHER_NAMES[cond];
  return others.length === 0 ? undefined : others.map((n) => `b.${n}`).join(', ');
}

/** The inverse condition (used by the cset/cinc family of aliases). */
export function invertCond(cond: number): number {
  return cond ^ 1;
}
