/**
 * Formatters for loads and stores: single registers in every addressing
 * mode, literals, prefetch, pairs, exclusives and acquire/release, in
 * objdump's spelling (`[x1, #8]!`, `[x1], #8`, `[x1, w2, sxtw #3]`).
 */
import { ENCODING_BY_ID, LDST_VARIANTS } from '../encodings.ts';
import { EXTEND_NAMES } from '../operands.ts';
import { sext, sp, targetText, zr, type Fields, type Formatter } from './format.ts';

type Mode = 'off' | 'pre' | 'post';

/** `[xn]`, `[xn, #o]`, `[xn, #o]!` or `[xn], #o`. */
function address(rn: number, offset: number, mode: Mode): string {
  const base = sp(rn, true);
  if (mode === 'post') return `[${base}], #${offset}`;
  if (mode === 'pre') return `[${base}, #${offset}]!`;
  return offset === 0 ? `[${base}]` : `[${base}, #${offset}]`;
}

/** The register-offset address: the extend and amount are shown unless they are a plain `lsl` with S = 0. */
function regOffset(f: Fields, bytes: number): string {
  const rm = zr(f.Rm, (f.option & 1) === 1);
  const amount = f.S ? ` #${Math.log2(bytes)}` : '';
  if (f.option === 3 && !f.S) return `[${sp(f.Rn, true)}, ${rm}]`;
  const ext = f.option === 3 ? 'lsl' : EXTEND_NAMES[f.option];
  return `[${sp(f.Rn, true)}, ${rm}, ${ext}${amount}]`;
}

const PRF_TYPES = ['pld', 'pli', 'pst'];
const PRF_TARGETS = ['l1', 'l2', 'l3'];

/** A prefetch operation by name (`pldl1keep`), or its number where binutils has no name. */
function prfop(rt: number): string {
  const type = PRF_TYPES[rt >> 3];
  const target = PRF_TARGETS[(rt >> 1) & 3];
  if (type === undefined || target === undefined) return `#0x${rt.toString(16).padStart(2, '0')}`;
  return `${type}${target}${rt & 1 ? 'strm' : 'keep'}`;
}

const single: Record<string, Formatter> = {};
for (const v of LDST_VARIANTS) {
  const rt = (f: Fields) => zr(f.Rt, v.ext === 64);
  // The table names the unscaled forms (ldur, sturb, ...).
  const unscaled = ENCODING_BY_ID.get(`${v.name}_unscaled`)?.mnemonic ?? v.m;
  single[`${v.name}_uoff`] = (f) => ({ mnemonic: v.m, operands: `${rt(f)}, ${address(f.Rn, f.imm12 * v.bytes, 'off')}` });
  single[`${v.name}_unscaled`] = (f) => ({ mnemonic: unscaled, operands: `${rt(f)}, ${address(f.Rn, sext(f.imm9, 9), 'off')}` });
  single[`${v.name}_post`] = (f) => ({ mnemonic: v.m, operands: `${rt(f)}, ${address(f.Rn, sext(f.imm9, 9), 'post')}` });
  single[`${v.name}_pre`] = (f) => ({ mnemonic: v.m, operands: `${rt(f)}, ${address(f.Rn, sext(f.imm9, 9), 'pre')}` });
  single[`${v.name}_reg`] = (f) => ({ mnemonic: v.m, operands: `${rt(f)}, ${regOffset(f, v.bytes)}` });
}

/** A PC-relative literal load: `Rt, <target>`. */
const literal = (m: string, reg: (rt: number) => string): Formatter => (f, ctx) => {
  const target = ctx.addr + sext(f.imm19, 19) * 4;
  return { mnemonic: m, operands: `${reg(f.Rt)}, ${targetText(target, ctx)}`, target };
};

const pairs: Record<string, Formatter> = {};
for (const mode of ['post', 'off', 'pre'] as const) {
  for (const [id, m, x, scale] of [['STP_w', 'stp', false, 4], ['LDP_w', 'ldp', false, 4], ['LDPSW', 'ldpsw', true, 4], ['STP_x', 'stp', true, 8], ['LDP_x', 'ldp', true, 8]] as const) {
    pairs[`${id}_${mode}`] = (f) => ({
      mnemonic: m,
      operands: `${zr(f.Rt, x)}, ${zr(f.Rt2, x)}, ${address(f.Rn, sext(f.imm7, 7) * scale, mode)}`,
    });
  }
}

const exclusive: Record<string, Formatter> = {};
for (const [r, x] of [['w', false], ['x', true]] as const) {
  const status = (m: string): Formatter => (f) => ({ mnemonic: m, operands: `${zr(f.Rs, false)}, ${zr(f.Rt, x)}, [${sp(f.Rn, true)}]` });
  const plain = (m: string): Formatter => (f) => ({ mnemonic: m, operands: `${zr(f.Rt, x)}, [${sp(f.Rn, true)}]` });
  exclusive[`STXR_${r}`] = status('stxr');
  exclusive[`STLXR_${r}`] = status('stlxr');
  exclusive[`LDXR_${r}`] = plain('ldxr');
  exclusive[`LDAXR_${r}`] = plain('ldaxr');
  exclusive[`STLR_${r}`] = plain('stlr');
  exclusive[`LDAR_${r}`] = plain('ldar');
}

export const LDST: Readonly<Record<string, Formatter>> = {
  ...single,
  LDR_lit_w: literal('ldr', (n) => zr(n, false)),
  LDR_lit_x: literal('ldr', (n) => zr(n, true)),
  LDRSW_lit: literal('ldrsw', (n) => zr(n, true)),
  PRFM_lit: literal('prfm', prfop),
  PRFM_uoff: (f) => ({ mnemonic: 'prfm', operands: `${prfop(f.Rt)}, ${address(f.Rn, f.imm12 * 8, 'off')}` }),
  ...pairs,
  ...exclusive,
};
