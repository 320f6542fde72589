/**
 * The reference decoder: word -> encoding id + named fields. Straightforward
 * and obviously right (first matching table entry wins); the executor builds
 * its faster dispatch on top of this and is tested against it.
 */
import { COMPILED, fieldValue, type CompiledEncoding } from './pattern.ts';

export interface Decoded {
  readonly id: string;
  readonly compiled: CompiledEncoding;
  /** Field values by Arm ARM name (unsigned, as encoded). */
  readonly f: Readonly<Record<string, number>>;
}

/** Extracts every field of `c` from `word`. */
export function fieldsOf(word: number, c: CompiledEncoding): Record<string, number> {
  const f: Record<string, number> = {};
  for (const spec of c.fields) f[spec.name] = fieldValue(word, spec);
  return f;
}

/**
 * Decodes one instruction word.
 * Returns: the first table entry whose fixed bits match and whose fields are
 * not `reserved`; or null for an UNDEFINED / unallocated / unsupported word.
 */
export function decode(word: number): Decoded | null {
  const w = word >>> 0;
  for (const c of COMPILED) {
    if (((w & c.mask) >>> 0) !== c.value) continue;
    const f = fieldsOf(w, c);
    if (c.enc.reserved?.(f)) continue;
    return { id: c.enc.id, compiled: c, f };
  }
  return null;
}
