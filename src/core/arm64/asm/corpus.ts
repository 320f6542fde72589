/**
 * A seeded generator of assembly source covering every mnemonic, alias and
 * addressing mode the assembler supports, with operands drawn across each
 * field's range (edge values favoured). The GNU as differential suite
 * assembles its output with both assemblers and compares the words.
 *
 * Each batch is a self-contained program: labels (named and numeric local)
 * are placed among the instructions so branches, adr/adrp and literal loads
 * reach both backwards and forwards; 8-aligned data labels serve `:lo12:`.
 */
import { decodeBitMasks } from '../isa/bitmask.ts';
import { COND_NAMES, EXTEND_NAMES } from '../isa/operands.ts';
import { SYSREGS } from '../isa/sysregs.ts';
import { BARRIER_OPTIONS } from './forms-sys.ts';

/** A small deterministic PRNG (mulberry32). */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]; a third of the time one of the edges lo, lo+1, hi-1, hi. */
  int(lo: number, hi: number): number {
    if (this.next() < 0.33) {
      const edges = [lo, Math.min(lo + 1, hi), Math.max(hi - 1, lo), hi];
      return edges[Math.floor(this.next() * 4)];
    }
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Size = 64 | 32;

/** Operand generators over one Rng, plus the labels of the current batch. */
class Gen {
  constructor(
    readonly rng: Rng,
    readonly labels: readonly string[],
    readonly dataLabels: readonly string[],
  ) {}

  /** A general register; `sp`: register 31 is sp/wsp, else xzr/wzr (when `zr`). */
  reg(size: Size, opts: { sp?: boolean; zr?: boolean } = {}): string {
    const p = size === 64 ? 'x' : 'w';
    const n = this.rng.int(0, opts.sp || opts.zr !== false ? 31 : 30);
    let name: string;
    if (n === 31) name = opts.sp ? (size === 64 ? 'sp' : 'wsp') : `${p}zr`;
    else name = `${p}${n}`;
    if (size === 64 && n === 30 && this.rng.chance(0.2)) name = 'lr';
    if (size === 64 && n === 29 && this.rng.chance(0.2)) name = 'fp';
    return this.rng.chance(0.05) ? name.toUpperCase() : name;
  }

  r = (size: Size) => this.reg(size);
  rs = (size: Size) => this.reg(size, { sp: true });
  x = () => this.reg(64);
  w = () => this.reg(32);
  xsp = () => this.reg(64, { sp: true });
  int = (lo: number, hi: number) => this.rng.int(lo, hi);
  hexOrDec = (v: number | bigint) => (this.rng.chance(0.5) ? `0x${v.toString(16)}` : v.toString());

  label(): string {
    return this.rng.chance(0.1) ? this.rng.pick(['1b', '1f']) : this.rng.pick(this.labels);
  }

  cond(noAlNv = false): string {
    return this.rng.pick(noAlNv ? [...COND_NAMES.slice(0, 14), 'hs', 'lo'] : [...COND_NAMES, 'hs', 'lo']);
  }

  /** A valid logical immediate for `size`, as a hex string. */
  bitmask(size: Size): bigint {
    for (;;) {
      const N = size === 64 ? this.int(0, 1) : 0;
      const r = decodeBitMasks(N, this.int(0, 63), this.int(0, 63), size, true);
      if (r) return r.wmask;
    }
  }

  /** A value `mov #imm` can encode: a 16-bit chunk, an inverted chunk, or a bitmask. */
  movValue(size: Size): string {
    const chunk = BigInt(this.int(0, 0xffff)) << BigInt(16 * this.int(0, size / 16 - 1));
    const mask = (1n << BigInt(size)) - 1n;
    const v = this.rng.pick([chunk, ~chunk & mask, this.bitmask(size), BigInt(this.int(0, 0xffff))]);
    if (this.rng.chance(0.2) && v > 0n && v < 0x8000n) return `-${v}`;
    return `0x${v.toString(16)}`;
  }
}

type Template = (g: Gen, size: Size) => string;

const SIZES: readonly Size[] = [64, 32];
const both = (t: Template): Template[] => SIZES.map((size) => (g: Gen) => t(g, size));
const only = (size: Size, t: Template): Template => (g: Gen) => t(g, size);

const shiftOpt = (g: Gen, size: Size, kinds: readonly string[]) => (g.rng.chance(0.7) ? `, ${g.rng.pick(kinds)} #${g.int(0, size - 1)}` : '');

function addSub(m: string, flags: boolean): Template[] {
  const d = (g: Gen, size: Size) => (flags ? g.r(size) : g.rs(size));
  return [
    ...both((g, s) => `${m} ${d(g, s)}, ${g.rs(s)}, #${g.int(0, 4095)}${g.rng.chance(0.4) ? `, lsl #${g.rng.pick([0, 12])}` : ''}`),
    ...both((g, s) => `${m} ${d(g, s)}, ${g.rs(s)}, #${g.rng.pick([-1, -4095, -g.int(1, 4095), 4096 * g.int(1, 4095), -4096 * g.int(1, 4095)])}`),
    ...both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr'])}`),
    ...both((g, s) => {
      const ext = g.rng.pick(EXTEND_NAMES);
      const rm = s === 64 && ext.endsWith('x') ? g.x() : g.w();
      return `${m} ${d(g, s)}, ${g.rs(s)}, ${rm}, ${ext}${g.rng.chance(0.6) ? ` #${g.int(0, 4)}` : ''}`;
    }),
    ...both((g, s) => `${m} ${flags ? g.r(s) : s === 64 ? 'sp' : 'wsp'}, ${s === 64 ? 'sp' : 'wsp'}, ${g.r(s)}${g.rng.chance(0.5) ? `, lsl #${g.int(0, 4)}` : ''}`),
  ];
}

/** Logical forms; `imm`: the immediate form's value is a bitmask, its complement (bic), or absent. */
function logical(m: string, imm: 'plain' | 'inverted' | null, flags: boolean): Template[] {
  const fmt = (g: Gen, s: Size) => {
    const v = g.bitmask(s);
    return `0x${(imm === 'inverted' ? ~v & ((1n << BigInt(s)) - 1n) : v).toString(16)}`;
  };
  return [
    ...(imm ? both((g, s) => `${m} ${flags ? g.r(s) : g.rs(s)}, ${g.r(s)}, #${fmt(g, s)}`) : []),
    ...both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr', 'ror'])}`),
  ];
}

const rrr = (m: string, sizes: readonly Size[] = SIZES): Template[] => sizes.map((s) => only(s, (g) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.r(s)}`));
const rr = (m: string, sizes: readonly Size[] = SIZES): Template[] => sizes.map((s) => only(s, (g) => `${m} ${g.r(s)}, ${g.r(s)}`));

const DP: Template[] = [
  ...addSub('add', false), ...addSub('adds', true), ...addSub('sub', false), ...addSub('subs', true),
  ...both((g, s) => `cmp ${g.rs(s)}, #${g.int(0, 4095)}`),
  ...both((g, s) => `cmn ${g.rs(s)}, #${g.rng.pick([-g.int(1, 4095), 4096 * g.int(1, 4095)])}`),
  ...both((g, s) => `${g.rng.pick(['cmp', 'cmn'])} ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr'])}`),
  ...both((g, s) => `${g.rng.pick(['cmp', 'cmn'])} ${g.rs(s)}, ${s === 64 ? g.x() : g.w()}, ${s === 64 ? g.rng.pick(['uxtx', 'sxtx']) : g.rng.pick(['uxtw', 'sxtb'])} #${g.int(0, 4)}`),
  ...both((g, s) => `${g.rng.pick(['neg', 'negs'])} ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr'])}`),
  ...logical('and', 'plain', false), ...logical('orr', 'plain', false), ...logical('eor', 'plain', false), ...logical('ands', 'plain', true),
  ...logical('bic', 'inverted', false), ...logical('orn', null, false), ...logical('eon', null, false), ...logical('bics', null, true),
  ...both((g, s) => `tst ${g.r(s)}, #0x${g.bitmask(s).toString(16)}`),
  ...both((g, s) => `tst ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr', 'ror'])}`),
  ...both((g, s) => `mvn ${g.r(s)}, ${g.r(s)}${shiftOpt(g, s, ['lsl', 'lsr', 'asr', 'ror'])}`),
  ...['movz', 'movn', 'movk'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, #${g.hexOrDec(g.int(0, 0xffff))}${g.rng.chance(0.6) ? `, lsl #${16 * g.int(0, s / 16 - 1)}` : ''}`)),
  ...both((g, s) => `mov ${g.r(s)}, #${g.movValue(s)}`),
  ...both((g, s) => `mov ${s === 64 ? 'sp' : 'wsp'}, #0x${g.bitmask(s).toString(16)}`),
  ...both((g, s) => `mov ${g.r(s)}, ${g.r(s)}`),
  ...both((g, s) => (g.rng.chance(0.5) ? `mov ${s === 64 ? 'sp' : 'wsp'}, ${g.reg(s, { zr: false })}` : `mov ${g.reg(s, { zr: false })}, ${s === 64 ? 'sp' : 'wsp'}`)),
  ...['lsl', 'lsr', 'asr', 'ror'].flatMap((m) => [...both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, #${g.int(0, s - 1)}`), ...rrr(m)]),
  ...['lslv', 'lsrv', 'asrv', 'rorv', 'udiv', 'sdiv', 'adc', 'adcs', 'sbc', 'sbcs', 'mul', 'mneg'].flatMap((m) => rrr(m)),
  ...['sbfm', 'bfm', 'ubfm'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, #${g.int(0, s - 1)}, #${g.int(0, s - 1)}`)),
  ...['ubfx', 'sbfx', 'bfxil', 'ubfiz', 'sbfiz', 'bfi'].flatMap((m) =>
    both((g, s) => {
      const lsb = g.int(0, s - 1);
      return `${m} ${g.r(s)}, ${g.r(s)}, #${lsb}, #${g.int(1, s - lsb)}`;
    }),
  ),
  ...['sxtb', 'sxth'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.w()}`)),
  only(64, (g) => `sxtw ${g.x()}, ${g.w()}`),
  ...['uxtb', 'uxth'].map((m) => only(32, (g) => `${m} ${g.w()}, ${g.w()}`)),
  ...both((g, s) => `extr ${g.r(s)}, ${g.r(s)}, ${g.r(s)}, #${g.int(0, s - 1)}`),
  ...['madd', 'msub'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.r(s)}, ${g.r(s)}`)),
  ...['smaddl', 'smsubl', 'umaddl', 'umsubl'].map((m) => only(64, (g) => `${m} ${g.x()}, ${g.w()}, ${g.w()}, ${g.x()}`)),
  ...['smull', 'umull', 'smnegl', 'umnegl'].map((m) => only(64, (g) => `${m} ${g.x()}, ${g.w()}, ${g.w()}`)),
  ...rrr('smulh', [64]), ...rrr('umulh', [64]),
  ...['ngc', 'ngcs', 'clz', 'cls', 'rbit', 'rev16', 'rev'].flatMap((m) => rr(m)),
  ...rr('rev32', [64]),
  ...['csel', 'csinc', 'csinv', 'csneg'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.r(s)}, ${g.cond()}`)),
  ...['cset', 'csetm'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.cond(true)}`)),
  ...['cinc', 'cinv', 'cneg'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, ${g.cond(true)}`)),
  ...['ccmp', 'ccmn'].flatMap((m) => [
    ...both((g, s) => `${m} ${g.r(s)}, #${g.int(0, 31)}, #${g.int(0, 15)}, ${g.cond()}`),
    ...both((g, s) => `${m} ${g.r(s)}, ${g.r(s)}, #${g.int(0, 15)}, ${g.cond()}`),
  ]),
  (g) => `adr ${g.x()}, ${g.label()}`,
  (g) => `adrp ${g.x()}, ${g.label()}`,
  (g) => `adrp ${g.x()}, ${g.label()}\n\tadd ${g.xsp()}, ${g.xsp()}, :lo12:${g.label()}`,
  (g) => `add ${g.x()}, ${g.x()}, #:lo12:${g.rng.pick(g.dataLabels)}`,
];

/** Single-register loads/stores: mnemonic, register size, access bytes. */
const SINGLE: readonly [string, Size, number][] = [
  ['strb', 32, 1], ['ldrb', 32, 1], ['ldrsb', 64, 1], ['ldrsb', 32, 1], ['strh', 32, 2], ['ldrh', 32, 2], ['ldrsh', 64, 2], ['ldrsh', 32, 2],
  ['str', 32, 4], ['ldr', 32, 4], ['ldrsw', 64, 4], ['str', 64, 8], ['ldr', 64, 8],
];

function single([m, size, bytes]: (typeof SINGLE)[number]): Template[] {
  const t = (g: Gen) => g.r(size);
  const log2 = Math.log2(bytes);
  const u = m.replace(/^(ld|st)r/, '$1ur');
  const list: Template[] = [
    (g) => `${m} ${t(g)}, [${g.xsp()}, #${g.int(0, 4095) * bytes}]`,
    (g) => `${m} ${t(g)}, [${g.xsp()}]`,
    (g) => `${m} ${t(g)}, [${g.xsp()}, #${g.int(-256, 255)}]`,
    (g) => `${m} ${t(g)}, [${g.xsp()}, #${g.int(-256, 255)}]!`,
    (g) => `${m} ${t(g)}, [${g.xsp()}], #${g.int(-256, 255)}`,
    (g) => `${m} ${t(g)}, [${g.xsp()}, ${g.x()}${g.rng.chance(0.6) ? `, ${g.rng.pick(['lsl', 'sxtx'])} #${g.rng.pick([0, log2])}` : g.rng.chance(0.5) ? ', sxtx' : ''}]`,
    (g) => `${m} ${t(g)}, [${g.xsp()}, ${g.w()}, ${g.rng.pick(['uxtw', 'sxtw'])}${g.rng.chance(0.6) ? ` #${g.rng.pick([0, log2])}` : ''}]`,
    (g) => `${u} ${t(g)}, [${g.xsp()}${g.rng.chance(0.8) ? `, #${g.int(-256, 255)}` : ''}]`,
    (g) => `${m} ${t(g)}, [${g.xsp()}, #:lo12:${g.rng.pick(g.dataLabels)}]`,
  ];
  if (m === 'ldr' || m === 'ldrsw') {
    list.push((g) => `${m} ${t(g)}, ${g.label()}`);
    list.push((g) => `${m} ${t(g)}, =${g.rng.pick([g.hexOrDec(g.int(0, 0xffffffff)), `0x${g.bitmask(size).toString(16)}`, g.rng.pick(g.labels), `${g.rng.pick(g.labels)}+${g.int(0, 64)}`])}`);
  }
  return list;
}

const PAIRS: readonly [string, Size, number][] = [['stp', 32, 4], ['ldp', 32, 4], ['stp', 64, 8], ['ldp', 64, 8], ['ldpsw', 64, 4]];

function pair([m, size, scale]: (typeof PAIRS)[number]): Template[] {
  const rt = (g: Gen) => `${g.r(size)}, ${g.r(size)}`;
  const off = (g: Gen) => g.int(-64, 63) * scale;
  return [
    (g) => `${m} ${rt(g)}, [${g.xsp()}${g.rng.chance(0.8) ? `, #${off(g)}` : ''}]`,
    (g) => `${m} ${rt(g)}, [${g.xsp()}, #${off(g)}]!`,
    (g) => `${m} ${rt(g)}, [${g.xsp()}], #${off(g)}`,
  ];
}

const LDST: Template[] = [
  ...SINGLE.flatMap(single),
  ...PAIRS.flatMap(pair),
  ...['ldxr', 'ldaxr', 'ldar', 'stlr'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, [${g.xsp()}${g.rng.chance(0.3) ? ', #0' : ''}]`)),
  ...['stxr', 'stlxr'].flatMap((m) => both((g, s) => `${m} ${g.w()}, ${g.r(s)}, [${g.xsp()}]`)),
];

const WRITABLE = SYSREGS.filter((s) => !s.readOnly).map((s) => s.name);

const SYS: Template[] = [
  (g) => `b ${g.label()}`,
  (g) => `bl ${g.label()}`,
  (g) => `b.${g.cond()} ${g.label()}`,
  (g) => `b${g.cond(true)} ${g.label()}`,
  ...['cbz', 'cbnz'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, ${g.label()}`)),
  ...['tbz', 'tbnz'].flatMap((m) => both((g, s) => `${m} ${g.r(s)}, #${g.int(0, s - 1)}, ${g.label()}`)),
  (g) => `prfm ${g.rng.pick(['pldl1keep', 'pstl3strm', 'plil2keep', `#${g.int(0, 31)}`])}, [${g.xsp()}${g.rng.chance(0.7) ? `, #${8 * g.int(0, 4095)}` : ''}]`,
  (g) => `prfm ${g.rng.pick(['pldl1strm', 'pstl1keep', `#${g.int(0, 31)}`])}, ${g.label()}`,
  (g) => `br ${g.x()}`,
  (g) => `blr ${g.x()}`,
  (g) => (g.rng.chance(0.3) ? 'ret' : `ret ${g.x()}`),
  () => 'eret',
  ...['svc', 'hvc', 'smc', 'brk', 'hlt'].map((m) => (g: Gen) => `${m} #${g.hexOrDec(g.int(0, 0xffff))}`),
  ...['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl', 'isb'].map((m) => () => m),
  (g) => `hint #${g.int(0, 127)}`,
  (g) => (g.rng.chance(0.5) ? 'clrex' : `clrex #${g.int(0, 15)}`),
  ...['dsb', 'dmb'].map((m) => (g: Gen) => `${m} ${g.rng.chance(0.7) ? g.rng.pick(Object.keys(BARRIER_OPTIONS)) : `#${g.int(0, 15)}`}`),
  (g) => `isb ${g.rng.chance(0.5) ? 'sy' : `#${g.int(0, 15)}`}`,
  (g) => `msr ${g.rng.pick(['daifset', 'daifclr', 'DAIFSet'])}, #${g.int(0, 15)}`,
  (g) => `msr spsel, #${g.int(0, 1)}`,
  (g) => `msr ${g.rng.pick(WRITABLE)}, ${g.x()}`,
  // Read-only registers: accepted with a warning, as GNU as does.
  (g) => `msr ${g.rng.pick(['currentel', 'midr_el1', 'cntvct_el0'])}, ${g.x()}`,
  (g) => `mrs ${g.x()}, ${g.rng.pick(SYSREGS).name.toLowerCase()}`,
  (g) => `mrs ${g.x()}, s3_${g.int(0, 7)}_c${g.int(0, 15)}_c${g.int(0, 15)}_${g.int(0, 7)}`,
];

/** Operands written as expressions: GNU as precedence, character literals, `.`, symbols from `.equ`. */
const EXPR: Template[] = [
  (g) => `add ${g.x()}, ${g.x()}, #(${g.int(0, 63)} << 4) + ${g.int(0, 15)} * 2`,
  (g) => `sub ${g.w()}, ${g.w()}, #${g.int(1, 9)} + ${g.int(0, 255)} & 0xf0`,
  (g) => `mov ${g.x()}, #'${g.rng.pick(['a', 'Z', '0', ' '])}' | ${g.int(0, 1) * 0x100}`,
  (g) => `movz ${g.w()}, #~${g.int(0, 0xffff)} & 0xffff`,
  (g) => `and ${g.x()}, ${g.x()}, #MASK - 1`,
  (g) => `add ${g.x()}, ${g.x()}, #K${g.int(0, 1)}`,
  (g) => `cmp ${g.w()}, #(${g.int(100, 999)} % ${g.int(1, 99)}) ^ 3`,
  (g) => `adr ${g.x()}, . + ${4 * g.int(-100, 100)}`,
  (g) => `b . - ${4 * g.int(0, 50)}`,
  (g) => `ldr ${g.x()}, =K0 * ${g.int(1, 1000)}`,
  (g) => `ldr ${g.w()}, [${g.xsp()}, #K1 * 4]`,
  (g) => `.quad ${g.rng.pick(g.labels)} - . + ${g.int(0, 9)}`,
  (g) => `addk ${g.x()}, ${g.x()}${g.rng.chance(0.5) ? `, ${g.int(0, 4095)}` : ''}`,
  (g) => `.rept ${g.int(0, 2)}\n\tsub ${g.x()}, ${g.x()}, #${g.int(0, 4095)}\n\t.endr`,
  (g) => `.if K0 ${g.rng.pick(['- 12', '+ 1'])}\n\tnop\n\t.else\n\tyield\n\t.endif`,
];

/** Lines GNU as rejects (values just outside each range, wrong register kinds): hvlab must reject them too. */
export const INVALID: readonly Template[] = [
  (g) => `add ${g.x()}, ${g.x()}, #${g.rng.pick([4097, 4095 * 4096 + 1, 1 << 24])}`,
  (g) => `lsl ${g.x()}, ${g.x()}, #${g.int(64, 70)}`,
  (g) => `lsr ${g.w()}, ${g.w()}, #${g.int(32, 40)}`,
  (g) => `ldr ${g.x()}, [${g.x()}, #${g.rng.pick([32768, 32761, -257, 4095 * 8 + 8])}]`,
  (g) => `ldrh ${g.w()}, [${g.x()}, #${g.rng.pick([8191, 8192, -300])}]`,
  (g) => `movz ${g.x()}, #${g.int(0x10000, 0x20000)}`,
  (g) => `movk ${g.w()}, #1, lsl #${g.rng.pick([8, 32, 48])}`,
  (g) => `and ${g.x()}, ${g.x()}, #${g.rng.pick(['0', '-1', '0x10001', '5'])}`,
  (g) => `orr ${g.w()}, ${g.w()}, #${g.rng.pick(['0x100000000', '0xffffffff', '0'])}`,
  (g) => `mov ${g.x()}, #${g.rng.pick(['0x10001', '0x123456789', '0x1234567800000001'])}`,
  (g) => `ldp ${g.x()}, ${g.x()}, [${g.xsp()}, #${g.rng.pick([4, 512, -520, 12])}]`,
  (g) => `stp ${g.w()}, ${g.w()}, [${g.xsp()}, #${g.rng.pick([2, 256, -260])}]!`,
  (g) => `tbz ${g.w()}, #${g.int(32, 40)}, ${g.label()}`,
  (g) => `cset ${g.x()}, ${g.rng.pick(['al', 'nv'])}`,
  (g) => `add ${g.x()}, ${g.x()}, ${g.w()}`,
  (g) => `add ${g.x()}, ${g.x()}, ${g.x()}, ror #3`,
  (g) => `mov ${g.w()}, ${g.x()}`,
  (g) => `ldr ${g.x()}, [${g.x()}, ${g.w()}, lsl #3]`,
  (g) => `ldr ${g.x()}, [${g.x()}, ${g.x()}, lsl #2]`,
  (g) => `svc #${g.int(0x10000, 0x20000)}`,
  (g) => `msr spsel, #${g.int(2, 15)}`,
  (g) => `hint #${g.int(128, 200)}`,
  (g) => `dsb ${g.rng.pick(['#16', 'foo', 'ishh'])}`,
  (g) => `ubfx ${g.x()}, ${g.x()}, #${g.int(32, 63)}, #${g.int(33, 40)}`,
  (g) => `ccmp ${g.x()}, #${g.int(32, 40)}, #0, eq`,
  (g) => `sxtw ${g.w()}, ${g.w()}`,
  (g) => `adds sp, ${g.x()}, #1`,
  (g) => `ldxr ${g.x()}, [${g.x()}, #8]`,
  (g) => `bic ${g.x()}, ${g.x()}, #0`,
  (g) => `${g.rng.pick(['addx', 'movv', 'ldrr', 'bnv', 'bal'])} ${g.x()}`,
  (g) => `ldr ${g.x()}, [${g.x()}, #${g.rng.pick([256, -257])}]!`,
  (g) => `ldr ${g.x()}, [${g.x()}], #${g.rng.pick([256, -257])}`,
  (g) => `ldrb ${g.w()}, [${g.x()}, ${g.x()}, lsl #${g.int(1, 3)}]`,
  (g) => `ldrh ${g.w()}, [${g.x()}, ${g.w()}, uxtw #${g.rng.pick([2, 3])}]`,
  (g) => `adds ${g.x()}, ${g.x()}, #4096, lsl #12`,
  (g) => `mov ${g.w()}, #0x${g.rng.pick(['100000000', '1ffffffff'])}`,
  (g) => `movn ${g.x()}, #1, lsl #64`,
  (g) => `extr ${g.w()}, ${g.w()}, ${g.w()}, #${g.int(32, 40)}`,
  (g) => `ccmp ${g.x()}, #0, #${g.int(16, 20)}, eq`,
  (g) => `tbz ${g.x()}, #${g.int(64, 70)}, ${g.label()}`,
  (g) => `csel ${g.x()}, ${g.x()}, ${g.w()}, eq`,
  (g) => `smull ${g.x()}, ${g.x()}, ${g.x()}`,
  (g) => `${g.rng.pick(['ret', 'br', 'blr'])} ${g.rng.pick([g.w(), 'sp'])}`,
  () => `msr spsel, #-1`,
  (g) => `${g.rng.pick(['hvc', 'svc', 'brk'])} #-1`,
  (g) => `ldxr ${g.w()}, [${g.x()}, #4]`,
  (g) => `stxr ${g.x()}, ${g.x()}, [${g.x()}]`,
  (g) => `ldp ${g.w()}, ${g.w()}, [${g.x()}, #256]`,
  (g) => `ldpsw ${g.x()}, ${g.x()}, [${g.x()}, #2]`,
  (g) => `adr ${g.x()}, . + 0x100000`,
  () => `b.eq . + 0x100000`,
  (g) => `tbnz ${g.x()}, #1, . + 0x8000`,
  (g) => `and ${g.w()}, ${g.w()}, #0x5555555555555555`,
  (g) => `sub sp, sp, ${g.x()}, lsl #${g.int(5, 7)}`,
  (g) => `add ${g.x()}, sp, ${g.x()}, lsr #2`,
  (g) => `cmp ${g.x()}, ${g.x()}, ror #1`,
];

/** `.equ` definitions every batch starts with (the EXPR templates use them). */
const PRELUDE = ['.equ K0, 12', 'K1 = K0 / 4 + 1', '.set MASK, 0x100', '.macro addk d, s, k=1', '\tadd \\d, \\s, #\\k', '.endm'];

/** Every template; each appears once per round of a batch. */
export const TEMPLATES: readonly Template[] = [...DP, ...LDST, ...SYS, ...EXPR];

/** Data statements sprinkled among the instructions (they misalign on purpose). */
const DATA: ((g: Gen) => string)[] = [
  (g) => `.byte ${g.int(0, 255)}, ${g.int(-128, 127)}`,
  (g) => `.hword ${g.hexOrDec(g.int(0, 0xffff))}`,
  (g) => `.word ${g.hexOrDec(g.int(0, 0xffffffff))}, ${g.rng.pick(g.labels)}`,
  (g) => `.quad ${g.rng.pick(g.labels)} - ${g.rng.pick(g.labels)}`,
  (g) => `.ascii "ab\\n${g.int(0, 9)}"`,
  (g) => `.asciz "x\\t\\"${g.int(0, 9)}\\101"`,
  (g) => `.align ${g.int(2, 4)}`,
  (g) => `.balign ${g.rng.pick([4, 8, 16])}`,
  (g) => `.space ${g.int(1, 9)}, ${g.int(0, 255)}`,
  () => '.ltorg',
];

export interface CorpusBatch {
  /** Assembly source; every instruction template appears `rounds` times. */
  text: string;
  /** Number of instruction statements in it. */
  instructions: number;
}

/**
 * Generates `batches` programs from `seed`, each running every template
 * `rounds` times in a shuffled order.
 */
export function generateCorpus(seed: number, batches: number, rounds: number): CorpusBatch[] {
  const rng = new Rng(seed);
  return Array.from({ length: batches }, (_, b) => {
    const nLabels = 24;
    const labels = Array.from({ length: nLabels }, (_, i) => `L${b}_${i}`);
    const dataLabels = Array.from({ length: 4 }, (_, i) => `D${b}_${i}`);
    const g = new Gen(rng, labels, dataLabels);
    const order: Template[] = [];
    for (let r = 0; r < rounds; r++) order.push(...TEMPLATES);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const labelAt = new Map<number, string[]>();
    labels.forEach((l) => {
      const at = Math.floor(rng.next() * order.length);
      labelAt.set(at, [...(labelAt.get(at) ?? []), l]);
    });
    const out: string[] = ['\t.text', ...PRELUDE, '1:'];
    let instructions = 0;
    order.forEach((t, i) => {
      for (const l of labelAt.get(i) ?? []) out.push(`${l}:`);
      if (i % 97 === 0) out.push('1:');
      if (rng.chance(0.02)) out.push(`\t${rng.pick(DATA)(g)}`);
      if (i % 7 === 3) out.push(`\t${rng.pick(INVALID)(g, 64)}`);
      const line = t(g, 64);
      instructions += line.split('\n').length;
      out.push(`\t${rng.chance(0.1) ? line.replace(/^\S+/, (m) => m.toUpperCase()) : line}`);
    });
    out.push('1:', '\t.balign 8');
    dataLabels.forEach((d, i) => out.push(`${d}:\t.quad ${i}`));
    return { text: out.join('\n') + '\n', instructions };
  });
}
