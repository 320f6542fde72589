/**
 * Random valid instruction words, driven by the encoding table: for an
 * encoding, fill every field with a random value (often an edge value: 0, 1,
 * the maximum, the sign boundary) and keep the word only if the reference
 * decoder gives it back as that encoding. Deterministic for a given seed, so
 * differential tests and fuzzers can replay a failure.
 */
import { decode } from './decode.ts';
import { COMPILED, COMPILED_BY_ID, withField } from './pattern.ts';

/** A source of uniformly random unsigned 32-bit integers. */
export type Rng = () => number;

/** A seeded PRNG (mulberry32): small, fast and good enough for test inputs; not for cryptography. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Arm ARM names of general-register fields. */
const REGISTER_FIELD = /^R[a-z]2?$/;

/** Values of a `width`-bit field where encodings tend to have special cases. */
function edgeValues(width: number): number[] {
  const max = width === 32 ? 0xffffffff : (1 << width) - 1;
  const top = width === 1 ? 1 : 2 ** (width - 1);
  return [0, 1, max, max - 1, top, top - 1];
}

/** A random value for a field: an edge value one time in four, otherwise uniform. */
function fieldSample(width: number, rng: Rng): number {
  if (rng() % 4 === 0) {
    const edges = edgeValues(width);
    return edges[rng() % edges.length] >>> 0;
  }
  return width === 32 ? rng() : rng() & ((1 << width) - 1);
}

/**
 * A random word that decodes as encoding `id`.
 * Returns: the word (unsigned), or null if `tries` attempts all landed on
 * reserved values or on a more specific entry that shadows this one.
 * Throws: for an id not in the table (a bug in the caller).
 */
export function randomWord(id: string, rng: Rng, tries = 256): number | null {
  const c = COMPILED_BY_ID.get(id);
  if (!c) throw new Error(`randomWord: unknown encoding id '${id}'`);
  for (let i = 0; i < tries; i++) {
    let word = c.value;
    const regs: number[] = [];
    for (const spec of c.fields) {
      let v = fieldSample(spec.width, rng);
      // Register fields (Rd, Rn, Rm, Ra, Rt, Rt2, Rs) sometimes repeat an
      // earlier one: aliases (cinc, ror) and overlap rules hinge on that.
      if (REGISTER_FIELD.test(spec.name)) {
        if (regs.length > 0 && rng() % 4 === 0) v = regs[rng() % regs.length];
        regs.push(v);
      }
      word = withField(word, spec, v);
    }
    if (decode(word)?.id === id) return word;
  }
  return null;
}

/**
 * `perEncoding` random words for every encoding in the table, in table order.
 * Returns: { id, word } pairs; an encoding whose every attempt failed is
 * missing (the caller can compare counts).
 */
export function randomWords(perEncoding: number, seed: number): { id: string; word: number }[] {
  const rng = seededRng(seed);
  const out: { id: string; word: number }[] = [];
  for (const c of COMPILED) {
    for (let i = 0; i < perEncoding; i++) {
      const word = randomWord(c.enc.id, rng);
      if (word !== null) out.push({ id: c.enc.id, word });
    }
  }
  return out;
}
