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

/** A one-line summary per mnemonic for hover docs: the table's summary for base mnemonics. */
export const SUMMARY: Readonly<Record<string, string>> = Object.fromEntries(
  MNEMONICS.map((m) => [m, [...ENCODING_BY_ID.values()].find((e) => e.mnemonic === m)?.summary ?? aliasSummary(m)]),
);

function aliasSummary(m: string): string {
  if (/^b\.?[a-z]{2}$/.test(m)) return 'Branch conditionally';
  return `Alias (${m})`;
}

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
