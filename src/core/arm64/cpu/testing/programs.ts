/**
 * Seeded random programs for the CPU differential tests (against Unicorn and
 * between the compiled and the single-step paths). Instructions come from the
 * encoding table (isa/encodings.ts): each field is filled with a random value
 * under constraints that keep the program well-defined on any AArch64
 * implementation (no traps, memory accesses inside RAM, no CONSTRAINED
 * UNPREDICTABLE register overlaps), then checked with the reference decoder.
 *
 * Register roles: x24 branch scratch, x25 loop counter, x26 exclusive base
 * (aligned, never written), x27 register-offset index (never written), x28
 * load/store base (moved only by writeback), x30 link register. Programs run
 * from IMAGE_BASE on the bare-machine layout and end at `until` (a BRK).
 */
import { ENCODINGS } from '../../isa/encodings.ts';
import { decode } from '../../isa/decode.ts';
import { COMPILED_BY_ID, withField } from '../../isa/pattern.ts';
import { seededRng, type Rng } from '../../isa/random-words.ts';
import { SYSREG_BY_NAME, sysregKey } from '../../isa/sysregs.ts';

export const IMAGE_BASE = 0x80000;
export const RAM_BASE = 0x100000;
export const RAM_SIZE = 0x10000;
/** SCTLR_EL1 of Unicorn's Cortex-A72 after reset; both sides use it. */
export const SCTLR_RESET = 0xc50838n;

export interface Program {
  readonly seed: number;
  readonly words: number[];
  /** Address of the final BRK: Unicorn stops there, hvlab traps it. */
  readonly until: number;
  readonly x: bigint[];
  readonly sp: bigint;
  readonly nzcv: number;
}

const BRK0 = 0xd4200000;
const DEST = [...Array.from({ length: 25 }, (_, i) => i), 29];
const SRC = Array.from({ length: 32 }, (_, i) => i);
const BASE_REG = 28;
const INDEX_REG = 27;
const EXCL_REG = 26;
const LOOP_REG = 25;
const SCRATCH = 24;

/** Ids whose Rd = 31 means SP (the generator keeps SP out of their destinations). */
const SP_DEST = new Set(['ADD_imm', 'SUB_imm', 'ADD_ereg', 'SUB_ereg', 'AND_imm', 'ORR_imm', 'EOR_imm']);

/** Table ids the generator draws at random (branches, exclusives and system ops are placed structurally). */
const ALU_IDS = ENCODINGS.filter((e) => e.cls === 'dp-imm' || e.cls === 'dp-reg').map((e) => e.id);
const LDST_IDS = ENCODINGS.filter((e) => e.cls === 'ldst' && !/X?R_[wx]$|^LDA|^STL/.test(e.id)).map((e) => e.id);
const EXCL_SIZES = ['w', 'x'] as const;
const SYS_NOPS = ['NOP', 'YIELD', 'SEV', 'SEVL', 'HINT', 'CLREX', 'DSB', 'DMB', 'ISB'];
const SYS_REGS = ['NZCV', 'TPIDR_EL0', 'TPIDR_EL1', 'CurrentEL', 'DAIF', 'SPSel', 'MIDR_EL1', 'MPIDR_EL1'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng() % xs.length];
const between = (rng: Rng, lo: number, hi: number) => lo + (rng() % (hi - lo + 1));

/** Random 64-bit value, biased towards edge cases. */
function value64(rng: Rng): bigint {
  const edges = [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn];
  if (rng() % 4 === 0) return pick(rng, edges);
  return (BigInt(rng()) << 32n) | BigInt(rng());
}

class Builder {
  readonly words: number[] = [];
  constructor(readonly rng: Rng) {}

  /** Encodes `id` with `fields` fixed and the other fields random; retries until the decoder agrees. */
  enc(id: string, fields: Record<string, number | ((rng: Rng) => number)>): number {
    const c = COMPILED_BY_ID.get(id);
    if (!c) throw new Error(`unknown id ${id}`);
    for (let tries = 0; tries < 200; tries++) {
      let w = c.value;
      for (const spec of c.fields) {
        const given = fields[spec.name];
        const v = typeof given === 'function' ? given(this.rng) : given ?? this.rng() & ((1 << spec.width) - 1);
        w = withField(w, spec, v);
      }
      if (decode(w)?.id === id) return w >>> 0;
    }
    throw new Error(`could not encode ${id}`);
  }

  emit(id: string, fields: Record<string, number | ((rng: Rng) => number)> = {}): void {
    this.words.push(this.enc(id, fields));
  }

  get here(): number {
    return this.words.length;
  }
}

const dest = (rng: Rng) => pick(rng, DEST);
const destOrZr = (rng: Rng) => (rng() % 8 === 0 ? 31 : dest(rng));
const src = (rng: Rng) => pick(rng, SRC);

/** One data-processing instruction. */
function alu(b: Builder): void {
  const id = pick(b.rng, ALU_IDS);
  b.emit(id, { Rd: SP_DEST.has(id) ? dest : destOrZr, Rn: src, Rm: src, Ra: src });
}

/** One load/store through x28 or SP (or a literal), inside RAM. */
function ldst(b: Builder, inLoop: boolean): void {
  const rng = b.rng;
  let id = pick(rng, LDST_IDS);
  while (inLoop && /_(pre|post)$/.test(id)) id = pick(rng, LDST_IDS);
  const isLoad = /^LD|^PRFM/.test(id);
  const useSp = rng() % 4 === 0;
  const fields: Record<string, number | ((r: Rng) => number)> = { Rn: useSp ? 31 : BASE_REG };
  if (isLoad) {
    const rt = destOrZr(rng);
    let rt2 = destOrZr(rng);
    while (rt2 === rt) rt2 = destOrZr(rng);
    Object.assign(fields, { Rt: /^PRFM/.test(id) ? src(rng) : rt, Rt2: rt2 });
  } else {
    Object.assign(fields, { Rt: (r: Rng) => pick(r, [...DEST, 30, 31]), Rt2: (r: Rng) => pick(r, [...DEST, 30, 31]) });
  }
  // SP stays 16-byte aligned (SCTLR_EL1.SA): SP writeback moves it by multiples of 16.
  if (useSp) {
    fields.imm9 = (r: Rng) => (between(r, -16, 15) * 16) & 0x1ff;
    fields.imm7 = (r: Rng) => (between(r, -4, 3) * (/_x_/.test(id) ? 2 : 4)) & 0x7f;
  }
  fields.imm12 = (r: Rng) => between(r, 0, 255);
  fields.Rm = INDEX_REG;
  // Literals point back into the program, or a little past it.
  fields.imm19 = (r: Rng) => between(r, -b.here, 64) & 0x7ffff;
  b.emit(id, fields);
}

function system(b: Builder): void {
  const rng = b.rng;
  const k = rng() % 4;
  if (k === 0) return b.emit(pick(rng, SYS_NOPS), {});
  if (k === 3) return b.emit('MSR_imm', { op1: 3, op2: pick(rng, [6, 7]) });
  const spec = SYSREG_BY_NAME.get(pick(rng, SYS_REGS).toUpperCase())!;
  const key = sysregKey(spec);
  const sysFields = { o0: key >> 14, op1: (key >> 11) & 7, CRn: (key >> 7) & 15, CRm: (key >> 3) & 15, op2: key & 7 };
  if (k === 1 || spec.readOnly || spec.name === 'SPSel' || spec.name === 'DAIF') b.emit('MRS', { ...sysFields, Rt: dest });
  else b.emit('MSR_reg', { ...sysFields, Rt: src });
}

function exclusive(b: Builder): void {
  const rng = b.rng;
  const size = pick(rng, EXCL_SIZES);
  const rs = dest(rng);
  let rt = dest(rng);
  while (rt === rs) rt = dest(rng);
  let rt2 = dest(rng);
  while (rt2 === rs) rt2 = dest(rng);
  const acquire = rng() % 2 === 0;
  switch (rng() % 4) {
    case 0: // load-exclusive then store-exclusive: succeeds
      b.emit(`${acquire ? 'LDAXR' : 'LDXR'}_${size}`, { Rn: EXCL_REG, Rt: rt });
      b.emit(`${acquire ? 'STLXR' : 'STXR'}_${size}`, { Rn: EXCL_REG, Rt: rt2, Rs: rs });
      return;
    case 1: // cleared monitor: fails
      b.emit(`LDXR_${size}`, { Rn: EXCL_REG, Rt: rt });
      b.emit('CLREX', {});
      b.emit(`STXR_${size}`, { Rn: EXCL_REG, Rt: rt, Rs: rs });
      return;
    case 2:
      b.emit(`LDAR_${size}`, { Rn: EXCL_REG, Rt: rt });
      return;
    default:
      b.emit(`STLR_${size}`, { Rn: EXCL_REG, Rt: src(rng) });
  }
}

/** A straight-line instruction; `inLoop` excludes base writeback. */
function plain(b: Builder, inLoop: boolean): void {
  const r = b.rng() % 10;
  if (r < 5) alu(b);
  else if (r < 9) ldst(b, inLoop);
  else system(b);
}

const branchOffset = (n: number, bits: number) => n & ((1 << bits) - 1);

/** A forward conditional or unconditional branch over 1-3 plain instructions. */
function forward(b: Builder): void {
  const rng = b.rng;
  const skip = between(rng, 1, 3);
  const off = skip + 1;
  switch (rng() % 6) {
    case 0: b.emit('B', { imm26: off }); break;
    case 1: b.emit('B_cond', { imm19: off, cond: (r: Rng) => r() % 16 }); break;
    case 2: b.emit(pick(rng, ['CBZ', 'CBNZ']), { imm19: off, Rt: src }); break;
    case 3: b.emit(pick(rng, ['TBZ', 'TBNZ']), { imm14: off, Rt: src }); break;
    case 4: // adr x24, target; br x24 / ret x24
      b.emit('ADR', { immlo: ((off + 1) * 4) & 3, immhi: ((off + 1) * 4) >> 2, Rd: SCRATCH });
      b.emit(pick(rng, ['BR', 'RET']), { Rn: SCRATCH });
      break;
    default: b.emit('B_cond', { imm19: off, cond: (r: Rng) => r() % 14 });
  }
  for (let i = 0; i < skip; i++) plain(b, false);
}

/** A counted loop of 1-5 iterations over 1-6 plain instructions. */
function loop(b: Builder): void {
  const rng = b.rng;
  b.emit('MOVZ', { sf: 1, hw: 0, imm16: between(rng, 1, 5), Rd: LOOP_REG });
  const head = b.here;
  const body = between(rng, 1, 6);
  for (let i = 0; i < body; i++) plain(b, true);
  const back = (n: number) => branchOffset(head - b.here, n);
  if (rng() % 2 === 0) {
    b.emit('SUBS_imm', { sf: 1, sh: 0, imm12: 1, Rn: LOOP_REG, Rd: LOOP_REG });
    b.emit('B_cond', { imm19: back(19), cond: 1 });
  } else {
    b.emit('SUB_imm', { sf: 1, sh: 0, imm12: 1, Rn: LOOP_REG, Rd: LOOP_REG });
    b.emit('CBNZ', { sf: 1, imm19: back(19), Rt: LOOP_REG });
  }
}

/** A call (bl or blr) to a small leaf function placed inline and skipped over. */
function call(b: Builder): void {
  const rng = b.rng;
  const body = between(rng, 1, 4);
  if (rng() % 2 === 0) {
    b.emit('BL', { imm26: 2 });
  } else {
    b.emit('ADR', { immlo: 0, immhi: 3, Rd: SCRATCH });
    b.emit('BLR', { Rn: SCRATCH });
  }
  b.emit('B', { imm26: body + 2 });
  for (let i = 0; i < body; i++) plain(b, true);
  b.emit('RET', { Rn: 30 });
}

/** The random program for `seed` (deterministic). */
export function randomProgram(seed: number): Program {
  const rng = seededRng(seed);
  const b = new Builder(rng);
  const items = between(rng, 8, 40);
  for (let i = 0; i < items; i++) {
    const k = rng() % 20;
    if (k < 13) plain(b, false);
    else if (k < 16) forward(b);
    else if (k < 18) loop(b);
    else if (k < 19) call(b);
    else exclusive(b);
  }
  const until = IMAGE_BASE + b.words.length * 4;
  b.words.push(BRK0);
  const x = Array.from({ length: 31 }, () => value64(rng));
  x[INDEX_REG] = BigInt(between(rng, 0, 1024));
  x[BASE_REG] = BigInt(RAM_BASE + 0x8000 + between(rng, -64, 64) * 8 + (rng() % 8));
  x[EXCL_REG] = BigInt(RAM_BASE + 0x4000);
  return { seed, words: b.words, until, x, sp: BigInt(RAM_BASE + 0xc000), nzcv: rng() & 15 };
}

/** The RAM image every program of a run starts from. */
export function randomRam(seed: number): Uint8Array {
  const rng = seededRng(seed);
  const ram = new Uint8Array(RAM_SIZE);
  for (let i = 0; i < RAM_SIZE; i += 4) {
    const v = rng();
    ram[i] = v;
    ram[i + 1] = v >>> 8;
    ram[i + 2] = v >>> 16;
    ram[i + 3] = v >>> 24;
  }
  return ram;
}
