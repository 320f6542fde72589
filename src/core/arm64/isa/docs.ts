/**
 * Hover documentation per mnemonic, as plain data for the editor: the
 * summary comes from the encoding table's `summary` fields (and, for loads
 * and stores, the access size from LDST_VARIANTS); `forms` give the operand
 * syntax of each encoding in GNU as notation. The aliases the assembler
 * accepts and the disassembler prints (mov, cmp, cset, ...) are documented
 * as what they stand for.
 *
 * Notation in forms: `R` is `x` (64-bit) or `w` (32-bit) throughout one
 * form; `{...}` is optional; `a|b` is a choice; `label` is any address
 * expression.
 */
import { ENCODINGS, ENCODING_BY_ID, LDST_VARIANTS, type Encoding } from './encodings.ts';

export interface MnemonicDoc {
  /** As written in source, lower case; `b.cond` stands for `b.eq`, `b.ne`, ... */
  readonly mnemonic: string;
  readonly summary: string;
  /** Operand syntax, one line per form. */
  readonly forms: readonly string[];
}

const ADDR_MODES = {
  uoff: (m: string, rt: string, bytes: number) =>
    `${m} ${rt}, [Xn|sp{, #imm}]   (imm: 0..${4095 * bytes}${bytes > 1 ? `, a multiple of ${bytes}` : ''})`,
  unscaled: (m: string, rt: string) => `${m} ${rt}, [Xn|sp{, #imm}]   (imm: -256..255)`,
  post: (m: string, rt: string) => `${m} ${rt}, [Xn|sp], #imm   (imm: -256..255; then Xn += imm)`,
  pre: (m: string, rt: string) => `${m} ${rt}, [Xn|sp, #imm]!   (imm: -256..255; Xn += imm first)`,
  reg: (m: string, rt: string, bytes: number) => `${m} ${rt}, [Xn|sp, Xm|Wm{, lsl|uxtw|sxtw|sxtx {#${Math.log2(bytes)}}}]`,
} as const;

const PAIR_MODES = {
  off: (m: string, r: string, s: number) => `${m} ${r}1, ${r}2, [Xn|sp{, #imm}]   (imm: ${-64 * s}..${63 * s}, a multiple of ${s})`,
  post: (m: string, r: string, s: number) => `${m} ${r}1, ${r}2, [Xn|sp], #imm   (imm: ${-64 * s}..${63 * s}; then Xn += imm)`,
  pre: (m: string, r: string, s: number) => `${m} ${r}1, ${r}2, [Xn|sp, #imm]!   (imm: ${-64 * s}..${63 * s}; Xn += imm first)`,
} as const;

/** Operand forms of the encodings that are not loads/stores, by id. */
const FORMS: Readonly<Record<string, readonly string[]>> = {
  ADR: ['adr Xd, label   (within ±1 MiB)'],
  ADRP: ['adrp Xd, label   (the 4 KiB page of label, within ±4 GiB; add :lo12:label for the rest)'],
  ADD_imm: ['add Rd|sp, Rn|sp, #imm{, lsl #12}   (imm: 0..4095)'],
  ADDS_imm: ['adds Rd, Rn|sp, #imm{, lsl #12}   (imm: 0..4095)'],
  SUB_imm: ['sub Rd|sp, Rn|sp, #imm{, lsl #12}   (imm: 0..4095)'],
  SUBS_imm: ['subs Rd, Rn|sp, #imm{, lsl #12}   (imm: 0..4095)'],
  AND_imm: ['and Rd|sp, Rn, #bitmask'],
  ORR_imm: ['orr Rd|sp, Rn, #bitmask'],
  EOR_imm: ['eor Rd|sp, Rn, #bitmask'],
  ANDS_imm: ['ands Rd, Rn, #bitmask   (bitmask: a rotated run of ones, repeated in 2..64-bit elements)'],
  MOVN: ['movn Rd, #imm16{, lsl #16|32|48}   (Rd = NOT (imm16 << shift))'],
  MOVZ: ['movz Rd, #imm16{, lsl #16|32|48}   (other bits zero)'],
  MOVK: ['movk Rd, #imm16{, lsl #16|32|48}   (other bits kept)'],
  SBFM: ['sbfm Rd, Rn, #immr, #imms'],
  BFM: ['bfm Rd, Rn, #immr, #imms'],
  UBFM: ['ubfm Rd, Rn, #immr, #imms'],
  EXTR: ['extr Rd, Rn, Rm, #lsb   (bits lsb.. of the pair Rn:Rm)'],
  ADD_sreg: ['add Rd, Rn, Rm{, lsl|lsr|asr #amount}'],
  ADDS_sreg: ['adds Rd, Rn, Rm{, lsl|lsr|asr #amount}'],
  SUB_sreg: ['sub Rd, Rn, Rm{, lsl|lsr|asr #amount}'],
  SUBS_sreg: ['subs Rd, Rn, Rm{, lsl|lsr|asr #amount}'],
  ADD_ereg: ['add Rd|sp, Rn|sp, Wm|Xm, extend{ #0..4}   (extend: uxtb..uxtx, sxtb..sxtx; lsl next to sp)'],
  ADDS_ereg: ['adds Rd, Rn|sp, Wm|Xm, extend{ #0..4}'],
  SUB_ereg: ['sub Rd|sp, Rn|sp, Wm|Xm, extend{ #0..4}'],
  SUBS_ereg: ['subs Rd, Rn|sp, Wm|Xm, extend{ #0..4}'],
  CCMN_reg: ['ccmn Rn, Rm, #nzcv, cond   (flags = nzcv unless cond holds)'],
  CCMP_reg: ['ccmp Rn, Rm, #nzcv, cond   (flags = nzcv unless cond holds)'],
  CCMN_imm: ['ccmn Rn, #imm, #nzcv, cond   (imm: 0..31)'],
  CCMP_imm: ['ccmp Rn, #imm, #nzcv, cond   (imm: 0..31)'],
  CSEL: ['csel Rd, Rn, Rm, cond   (Rd = cond ? Rn : Rm)'],
  CSINC: ['csinc Rd, Rn, Rm, cond   (Rd = cond ? Rn : Rm + 1)'],
  CSINV: ['csinv Rd, Rn, Rm, cond   (Rd = cond ? Rn : NOT Rm)'],
  CSNEG: ['csneg Rd, Rn, Rm, cond   (Rd = cond ? Rn : -Rm)'],
  UDIV: ['udiv Rd, Rn, Rm   (division by zero gives 0)'],
  SDIV: ['sdiv Rd, Rn, Rm   (division by zero gives 0)'],
  LSLV: ['lslv Rd, Rn, Rm   (written lsl Rd, Rn, Rm)'],
  LSRV: ['lsrv Rd, Rn, Rm   (written lsr Rd, Rn, Rm)'],
  ASRV: ['asrv Rd, Rn, Rm   (written asr Rd, Rn, Rm)'],
  RORV: ['rorv Rd, Rn, Rm   (written ror Rd, Rn, Rm)'],
  RBIT: ['rbit Rd, Rn'],
  REV16: ['rev16 Rd, Rn'],
  REV32: ['rev32 Xd, Xn'],
  REV_w: ['rev Wd, Wn'],
  REV_x: ['rev Xd, Xn'],
  CLZ: ['clz Rd, Rn'],
  CLS: ['cls Rd, Rn'],
  MADD: ['madd Rd, Rn, Rm, Ra   (Rd = Ra + Rn * Rm)'],
  MSUB: ['msub Rd, Rn, Rm, Ra   (Rd = Ra - Rn * Rm)'],
  SMADDL: ['smaddl Xd, Wn, Wm, Xa'],
  SMSUBL: ['smsubl Xd, Wn, Wm, Xa'],
  SMULH: ['smulh Xd, Xn, Xm   (upper 64 bits of the 128-bit product)'],
  UMADDL: ['umaddl Xd, Wn, Wm, Xa'],
  UMSUBL: ['umsubl Xd, Wn, Wm, Xa'],
  UMULH: ['umulh Xd, Xn, Xm   (upper 64 bits of the 128-bit product)'],
  ADC: ['adc Rd, Rn, Rm'],
  ADCS: ['adcs Rd, Rn, Rm'],
  SBC: ['sbc Rd, Rn, Rm'],
  SBCS: ['sbcs Rd, Rn, Rm'],
  B: ['b label   (within ±128 MiB)'],
  BL: ['bl label   (x30 = return address)'],
  B_cond: ['b.cond label   (cond: eq ne cs/hs cc/lo mi pl vs vc hi ls ge lt gt le al; within ±1 MiB)'],
  CBZ: ['cbz Rt, label'],
  CBNZ: ['cbnz Rt, label'],
  TBZ: ['tbz Rt, #bit, label   (bit: 0..31 for w, 0..63 for x; within ±32 KiB)'],
  TBNZ: ['tbnz Rt, #bit, label   (bit: 0..31 for w, 0..63 for x; within ±32 KiB)'],
  BR: ['br Xn'],
  BLR: ['blr Xn'],
  RET: ['ret {Xn}   (default x30)'],
  ERET: ['eret'],
  SVC: ['svc #imm16'],
  HVC: ['hvc #imm16'],
  SMC: ['smc #imm16'],
  BRK: ['brk #imm16'],
  HLT: ['hlt #imm16'],
  NOP: ['nop'],
  YIELD: ['yield'],
  WFE: ['wfe'],
  WFI: ['wfi'],
  SEV: ['sev'],
  SEVL: ['sevl'],
  HINT: ['hint #imm7'],
  CLREX: ['clrex {#imm4}'],
  DSB: ['dsb option|#imm4   (option: sy st ld ish ishst ishld nsh nshst nshld osh oshst oshld)'],
  DMB: ['dmb option|#imm4   (option: sy st ld ish ishst ishld nsh nshst nshld osh oshst oshld)'],
  ISB: ['isb {sy|#imm4}'],
  MSR_imm: ['msr daifset|daifclr, #imm4', 'msr spsel, #0|1'],
  MSR_reg: ['msr sysreg, Xt'],
  MRS: ['mrs Xt, sysreg'],
  LDR_lit_w: ['ldr Wt, label   (within ±1 MiB)'],
  LDR_lit_x: ['ldr Xt, label   (within ±1 MiB)', 'ldr Xt, =expr   (via the literal pool)'],
  LDRSW_lit: ['ldrsw Xt, label'],
  PRFM_lit: ['prfm prfop|#imm5, label'],
  PRFM_uoff: ['prfm prfop|#imm5, [Xn|sp{, #imm}]   (prfop: pld|pli|pst l1|l2|l3 keep|strm)'],
};

/** Forms of the families the table generates (loads/stores from its variant lists, logical registers). */
function ldstForms(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of LDST_VARIANTS) {
    const rt = v.ext === 64 ? 'Xt' : 'Wt';
    for (const mode of Object.keys(ADDR_MODES) as (keyof typeof ADDR_MODES)[]) {
      const id = `${v.name}_${mode}`;
      out.set(id, [ADDR_MODES[mode](ENCODING_BY_ID.get(id)?.mnemonic ?? v.m, rt, v.bytes)]);
    }
  }
  for (const [name, m, r, s] of [['STP_w', 'stp', 'Wt', 4], ['LDP_w', 'ldp', 'Wt', 4], ['LDPSW', 'ldpsw', 'Xt', 4], ['STP_x', 'stp', 'Xt', 8], ['LDP_x', 'ldp', 'Xt', 8]] as const) {
    for (const mode of Object.keys(PAIR_MODES) as (keyof typeof PAIR_MODES)[]) out.set(`${name}_${mode}`, [PAIR_MODES[mode](m, r, s)]);
  }
  for (const id of ['AND', 'BIC', 'ORR', 'ORN', 'EOR', 'EON', 'ANDS', 'BICS']) {
    out.set(`${id}_sreg`, [`${id.toLowerCase()} Rd, Rn, Rm{, lsl|lsr|asr|ror #amount}`]);
  }
  for (const [r, rt] of [['w', 'Wt'], ['x', 'Xt']] as const) {
    out.set(`STXR_${r}`, [`stxr Ws, ${rt}, [Xn|sp]   (Ws = 0 if stored, 1 if not)`]);
    out.set(`STLXR_${r}`, [`stlxr Ws, ${rt}, [Xn|sp]   (Ws = 0 if stored, 1 if not)`]);
    for (const m of ['LDXR', 'LDAXR', 'STLR', 'LDAR']) out.set(`${m}_${r}`, [`${m.toLowerCase()} ${rt}, [Xn|sp]`]);
  }
  return out;
}

/** The forms of one encoding; the unit test checks every table entry has some. */
export function formsOf(id: string): readonly string[] {
  return FORMS[id] ?? LDST_FORMS.get(id) ?? [];
}
const LDST_FORMS = ldstForms();

/**
 * One summary for the encodings that share a mnemonic: their table summaries
 * without the parenthesised variant; where those still differ (addressing
 * modes), the part before the first comma that they share.
 */
function summaryOf(encs: readonly Encoding[]): string {
  const plain = [...new Set(encs.map((e) => e.summary.replace(/\s*\([^)]*\)/g, '')))];
  if (plain.length === 1) return plain[0];
  // The words every variant's text starts with ("Load register" for ldrsw's
  // "Load register, post-index" and "Load register signed word").
  const words = plain.map((s) => s.split(',')[0].split(' '));
  const shared: string[] = [];
  for (let i = 0; words.every((w) => i < w.length && w[i] === words[0][i]); i++) shared.push(words[0][i]);
  return shared.length >= 2 ? shared.join(' ') : plain.join('; ');
}

/** Access size (and extension) of a load/store mnemonic, from LDST_VARIANTS. */
function accessNote(mnemonic: string): string | undefined {
  const vs = LDST_VARIANTS.filter((v) => v.m === mnemonic || ENCODING_BY_ID.get(`${v.name}_unscaled`)?.mnemonic === mnemonic);
  if (vs.length === 0) return undefined;
  const sizes = [...new Set(vs.map((v) => v.bytes))].join(' or ');
  const ext = vs[0].signed ? ', sign-extended' : vs[0].load && vs[0].bytes < 4 ? ', zero-extended' : '';
  return `${sizes} byte${sizes === '1' ? '' : 's'}${ext}`;
}

/** Aliases: what they mean, the encodings they stand for, their forms. */
const ALIASES: readonly { mnemonic: string; says: string; of: readonly string[]; forms: readonly string[] }[] = [
  { mnemonic: 'mov', says: 'Move', of: ['ORR_sreg', 'ADD_imm', 'MOVZ', 'MOVN', 'ORR_imm'],
    forms: ['mov Rd, Rm', 'mov Rd|sp, Rn|sp', 'mov Rd, #imm   (any value movz, movn or orr can make)'] },
  { mnemonic: 'cmp', says: 'Compare: set flags for Rn - operand', of: ['SUBS_imm', 'SUBS_sreg', 'SUBS_ereg'],
    forms: ['cmp Rn|sp, #imm{, lsl #12}', 'cmp Rn, Rm{, shift #amount}', 'cmp Rn|sp, Wm|Xm, extend{ #0..4}'] },
  { mnemonic: 'cmn', says: 'Compare negative: set flags for Rn + operand', of: ['ADDS_imm', 'ADDS_sreg', 'ADDS_ereg'],
    forms: ['cmn Rn|sp, #imm{, lsl #12}', 'cmn Rn, Rm{, shift #amount}', 'cmn Rn|sp, Wm|Xm, extend{ #0..4}'] },
  { mnemonic: 'tst', says: 'Test bits: set flags for Rn AND operand', of: ['ANDS_imm', 'ANDS_sreg'],
    forms: ['tst Rn, #bitmask', 'tst Rn, Rm{, shift #amount}'] },
  { mnemonic: 'mvn', says: 'Bitwise NOT', of: ['ORN_sreg'], forms: ['mvn Rd, Rm{, shift #amount}'] },
  { mnemonic: 'neg', says: 'Negate', of: ['SUB_sreg'], forms: ['neg Rd, Rm{, lsl|lsr|asr #amount}'] },
  { mnemonic: 'negs', says: 'Negate, setting flags', of: ['SUBS_sreg'], forms: ['negs Rd, Rm{, lsl|lsr|asr #amount}'] },
  { mnemonic: 'ngc', says: 'Negate with carry', of: ['SBC'], forms: ['ngc Rd, Rm'] },
  { mnemonic: 'ngcs', says: 'Negate with carry, setting flags', of: ['SBCS'], forms: ['ngcs Rd, Rm'] },
  { mnemonic: 'lsl', says: 'Logical shift left', of: ['UBFM', 'LSLV'], forms: ['lsl Rd, Rn, #shift', 'lsl Rd, Rn, Rm'] },
  { mnemonic: 'lsr', says: 'Logical shift right', of: ['UBFM', 'LSRV'], forms: ['lsr Rd, Rn, #shift', 'lsr Rd, Rn, Rm'] },
  { mnemonic: 'asr', says: 'Arithmetic shift right', of: ['SBFM', 'ASRV'], forms: ['asr Rd, Rn, #shift', 'asr Rd, Rn, Rm'] },
  { mnemonic: 'ror', says: 'Rotate right', of: ['EXTR', 'RORV'], forms: ['ror Rd, Rn, #shift', 'ror Rd, Rn, Rm'] },
  { mnemonic: 'mul', says: 'Multiply', of: ['MADD'], forms: ['mul Rd, Rn, Rm'] },
  { mnemonic: 'mneg', says: 'Multiply-negate', of: ['MSUB'], forms: ['mneg Rd, Rn, Rm'] },
  { mnemonic: 'smull', says: 'Signed multiply long', of: ['SMADDL'], forms: ['smull Xd, Wn, Wm'] },
  { mnemonic: 'umull', says: 'Unsigned multiply long', of: ['UMADDL'], forms: ['umull Xd, Wn, Wm'] },
  { mnemonic: 'smnegl', says: 'Signed multiply-negate long', of: ['SMSUBL'], forms: ['smnegl Xd, Wn, Wm'] },
  { mnemonic: 'umnegl', says: 'Unsigned multiply-negate long', of: ['UMSUBL'], forms: ['umnegl Xd, Wn, Wm'] },
  { mnemonic: 'cset', says: 'Set to 1 if the condition holds, else 0', of: ['CSINC'], forms: ['cset Rd, cond'] },
  { mnemonic: 'csetm', says: 'Set to all ones if the condition holds, else 0', of: ['CSINV'], forms: ['csetm Rd, cond'] },
  { mnemonic: 'cinc', says: 'Increment if the condition holds', of: ['CSINC'], forms: ['cinc Rd, Rn, cond'] },
  { mnemonic: 'cinv', says: 'Invert if the condition holds', of: ['CSINV'], forms: ['cinv Rd, Rn, cond'] },
  { mnemonic: 'cneg', says: 'Negate if the condition holds', of: ['CSNEG'], forms: ['cneg Rd, Rn, cond'] },
  { mnemonic: 'ubfx', says: 'Unsigned bitfield extract', of: ['UBFM'], forms: ['ubfx Rd, Rn, #lsb, #width'] },
  { mnemonic: 'sbfx', says: 'Signed bitfield extract', of: ['SBFM'], forms: ['sbfx Rd, Rn, #lsb, #width'] },
  { mnemonic: 'ubfiz', says: 'Unsigned bitfield insert in zeros', of: ['UBFM'], forms: ['ubfiz Rd, Rn, #lsb, #width'] },
  { mnemonic: 'sbfiz', says: 'Signed bitfield insert in zeros', of: ['SBFM'], forms: ['sbfiz Rd, Rn, #lsb, #width'] },
  { mnemonic: 'bfi', says: 'Bitfield insert', of: ['BFM'], forms: ['bfi Rd, Rn, #lsb, #width'] },
  { mnemonic: 'bfxil', says: 'Bitfield extract and insert low', of: ['BFM'], forms: ['bfxil Rd, Rn, #lsb, #width'] },
  { mnemonic: 'bfc', says: 'Bitfield clear', of: ['BFM'], forms: ['bfc Rd, #lsb, #width'] },
  { mnemonic: 'sxtb', says: 'Sign-extend byte', of: ['SBFM'], forms: ['sxtb Rd, Wn'] },
  { mnemonic: 'sxth', says: 'Sign-extend halfword', of: ['SBFM'], forms: ['sxth Rd, Wn'] },
  { mnemonic: 'sxtw', says: 'Sign-extend word', of: ['SBFM'], forms: ['sxtw Xd, Wn'] },
  { mnemonic: 'uxtb', says: 'Zero-extend byte', of: ['UBFM'], forms: ['uxtb Wd, Wn'] },
  { mnemonic: 'uxth', says: 'Zero-extend halfword', of: ['UBFM'], forms: ['uxth Wd, Wn'] },
];

function buildDocs(): MnemonicDoc[] {
  const byMnemonic = new Map<string, Encoding[]>();
  for (const e of ENCODINGS) {
    const m = e.mnemonic === 'b.' ? 'b.cond' : e.mnemonic;
    byMnemonic.set(m, [...(byMnemonic.get(m) ?? []), e]);
  }
  const docs: MnemonicDoc[] = [...byMnemonic].map(([mnemonic, encs]) => {
    const note = accessNote(mnemonic);
    const summary = summaryOf(encs);
    return {
      mnemonic,
      summary: note ? `${summary} (${note})` : summary,
      forms: [...new Set(encs.flatMap((e) => formsOf(e.id)))],
    };
  });
  for (const a of ALIASES) {
    const bases = [...new Set(a.of.map((id) => ENCODING_BY_ID.get(id)?.mnemonic ?? id))];
    const own = docs.find((d) => d.mnemonic === a.mnemonic);
    const alias = `${a.says} (alias of ${bases.join(', ')})`;
    // lsl/lsr/asr/ror are aliases only; a real mnemonic keeps its own entry and gains the alias forms.
    if (own) docs[docs.indexOf(own)] = { ...own, summary: `${own.summary}; ${alias}`, forms: [...own.forms, ...a.forms] };
    else docs.push({ mnemonic: a.mnemonic, summary: alias, forms: a.forms });
  }
  return docs.sort((x, y) => x.mnemonic.localeCompare(y.mnemonic));
}

/** Documentation for every mnemonic hvlab assembles, sorted by mnemonic. */
export const MNEMONIC_DOCS: readonly MnemonicDoc[] = buildDocs();

const DOC_BY_MNEMONIC = new Map(MNEMONIC_DOCS.map((d) => [d.mnemonic, d]));

/**
 * Looks up a mnemonic as written in source (any case; `b.eq` finds `b.cond`).
 * Returns: its documentation, or undefined for an unknown mnemonic.
 */
export function docFor(mnemonic: string): MnemonicDoc | undefined {
  const m = mnemonic.toLowerCase();
  return DOC_BY_MNEMONIC.get(m.startsWith('b.') ? 'b.cond' : m);
}
