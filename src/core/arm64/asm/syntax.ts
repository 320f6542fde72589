/**
 * The instruction vocabulary: every form by mnemonic, and the lists the
 * editor uses for completion and hover docs.
 */
import { ENCODING_BY_ID } from '../isa/encodings.ts';
import { syntaxOf, type Form } from './form.ts';
import { DP_FORMS } from './forms-dp.ts';
import { LDST_FORMS } from './forms-ldst.ts';
import { SYS_FORMS } from './forms-sys.ts';

const ALL: readonly Form[] = [...DP_FORMS, ...LDST_FORMS, ...SYS_FORMS];

/** Forms by lower-case mnemonic, in matching order. */
export const FORMS_BY_MNEMONIC: ReadonlyMap<string, readonly Form[]> = (() => {
  const m = new Map<string, Form[]>();
  for (const form of ALL) {
    const list = m.get(form.mnemonic) ?? [];
    list.push(form);
    m.set(form.mnemonic, list);
  }
  return m;
})();

/** Every mnemonic the assembler accepts, sorted. */
export const MNEMONICS: readonly string[] = [...FORMS_BY_MNEMONIC.keys()].sort();

/** For each mnemonic, its syntax forms as text (e.g. `add <Xd|SP>, <Xn|SP>, #<imm>{, lsl #12}`). */
export const SYNTAX: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...FORMS_BY_MNEMONIC].map(([m, forms]) => [m, [...new Set(forms.map(syntaxOf))]]),
);

/** Summaries of the aliases, which the encoding table does not name. */
const ALIAS_SUMMARY: Readonly<Record<string, string>> = {
  mov: 'Move register or immediate (orr, add #0 with sp, movz, movn)',
  cmp: 'Compare (subs to the zero register)',
  cmn: 'Compare negative (adds to the zero register)',
  neg: 'Negate (sub from the zero register)',
  negs: 'Negate, setting flags (subs from the zero register)',
  tst: 'Test bits (ands to the zero register)',
  mvn: 'Bitwise NOT (orn from the zero register)',
  lsl: 'Logical shift left (ubfm, or lslv with a register)',
  lsr: 'Logical shift right (ubfm, or lsrv with a register)',
  asr: 'Arithmetic shift right (sbfm, or asrv with a register)',
  ror: 'Rotate right (extr, or rorv with a register)',
  mul: 'Multiply (madd with the zero register)',
  mneg: 'Multiply-negate (msub with the zero register)',
  smull: 'Signed multiply long (smaddl with the zero register)',
  umull: 'Unsigned multiply long (umaddl with the zero register)',
  smnegl: 'Signed multiply-negate long (smsubl with the zero register)',
  umnegl: 'Unsigned multiply-negate long (umsubl with the zero register)',
  cset: 'Set to 1 if the condition holds, else 0 (csinc)',
  csetm: 'Set to all ones if the condition holds, else 0 (csinv)',
  cinc: 'Conditional increment (csinc)',
  cinv: 'Conditional invert (csinv)',
  cneg: 'Conditional negate (csneg)',
  ubfx: 'Unsigned bitfield extract (ubfm)',
  sbfx: 'Signed bitfield extract (sbfm)',
  bfxil: 'Bitfield extract and insert low (bfm)',
  ubfiz: 'Unsigned bitfield insert in zeros (ubfm)',
  sbfiz: 'Signed bitfield insert in zeros (sbfm)',
  bfi: 'Bitfield insert (bfm)',
  sxtb: 'Sign-extend byte (sbfm)',
  sxth: 'Sign-extend halfword (sbfm)',
  sxtw: 'Sign-extend word (sbfm)',
  uxtb: 'Zero-extend byte (ubfm)',
  uxth: 'Zero-extend halfword (ubfm)',
  ngc: 'Negate with carry (sbc from the zero register)',
  ngcs: 'Negate with carry, setting flags (sbcs from the zero register)',
};

/** The table's summary without the addressing mode or operand kind, e.g. "Add" for ADD_imm. */
const baseSummary = (summary: string) =>
  summary.replace(/,\s*(unsigned offset|post-index|pre-index|register offset|post|pre|off)$/, '').replace(/ \((immediate|shifted register|extended register|register|32-bit|64-bit)\)/, '');

/** A one-line summary per mnemonic for hover docs. */
export const SUMMARY: Readonly<Record<string, string>> = Object.fromEntries(
  MNEMONICS.map((m) => {
    const enc = [...ENCODING_BY_ID.values()].find((e) => e.mnemonic === m || (e.id === 'B_cond' && /^b\.?[a-z]{2}$/.test(m)));
    return [m, ALIAS_SUMMARY[m] ?? (enc ? baseSummary(enc.summary) : m)];
  }),
);

/**
 * The known mnemonic closest to `m` (edit distance at most 2, or 1 for
 * words of up to three letters), for
 * "did you mean" messages. Returns null when nothing is close.
 */
export function closestMnemonic(m: string): string | null {
  let best: string | null = null;
  // Short words are all close to each other: demand more similarity there.
  let bestD = m.length <= 3 ? 2 : 3;
  for (const k of MNEMONICS) {
    const d = editDistance(m, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
