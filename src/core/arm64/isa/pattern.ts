/**
 * Compiles the bit patterns of the encoding table into masks and field
 * extractors. Pure functions of the table; computed once at module load.
 */
import { ENCODINGS, type Encoding } from './encodings.ts';

/** One named field: bits [lsb, lsb + width) of the word. */
export interface FieldSpec {
  readonly name: string;
  readonly lsb: number;
  readonly width: number;
}

export interface CompiledEncoding {
  readonly enc: Encoding;
  /** Bits that are fixed by the pattern. */
  readonly mask: number;
  /** Their required values (word & mask) === value, both as unsigned 32-bit. */
  readonly value: number;
  readonly fields: readonly FieldSpec[];
}

/**
 * Parses one pattern. Throws if it does not describe exactly 32 bits: that is
 * a bug in the table, caught by the table's own tests at start-up.
 */
export function compilePattern(enc: Encoding): CompiledEncoding {
  let bit = 32;
  let mask = 0;
  let value = 0;
  const fields: FieldSpec[] = [];
  for (const token of enc.pattern.split(/\s+/)) {
    if (/^[01]+$/.test(token)) {
      for (const ch of token) {
        bit -= 1;
        mask |= 1 << bit;
        if (ch === '1') value |= 1 << bit;
      }
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9]*):(\d+)$/.exec(token);
    if (!m) throw new Error(`encoding ${enc.id}: bad pattern token '${token}'`);
    const width = Number(m[2]);
    bit -= width;
    fields.push({ name: m[1], lsb: bit, width });
  }
  if (bit !== 0) throw new Error(`encoding ${enc.id}: pattern has ${32 - bit} bits, not 32`);
  return { enc, mask: mask >>> 0, value: value >>> 0, fields };
}

/** Reads a field's unsigned value out of a word. */
export function fieldValue(word: number, f: FieldSpec): number {
  return f.width === 32 ? word >>> 0 : (word >>> f.lsb) & ((1 << f.width) - 1);
}

/** Places a field's value into a word; the value must fit (checked by callers). */
export function withField(word: number, f: FieldSpec, v: number): number {
  const m = f.width === 32 ? 0xffffffff : ((1 << f.width) - 1) << f.lsb;
  return ((word & ~m) | ((v << f.lsb) & m)) >>> 0;
}

export const COMPILED: readonly CompiledEncoding[] = ENCODINGS.map(compilePattern);
export const COMPILED_BY_ID: ReadonlyMap<string, CompiledEncoding> = new Map(COMPILED.map((c) => [c.enc.id, c]));
