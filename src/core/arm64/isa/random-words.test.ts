import { describe, expect, it } from 'vitest';
import { decode } from './decode.ts';
import { ENCODINGS } from './encodings.ts';
import { randomWord, randomWords, seededRng } from './random-words.ts';

describe('seededRng', () => {
  it('is deterministic per seed and yields unsigned 32-bit integers', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(seededRng(43)()).not.toBe(seededRng(42)());
  });
});

describe('randomWord', () => {
  it('only makes words that decode as the requested encoding', () => {
    const rng = seededRng(7);
    for (const e of ENCODINGS) {
      for (let i = 0; i < 20; i++) {
        const w = randomWord(e.id, rng);
        expect(w, e.id).not.toBeNull();
        expect(decode(w ?? 0)?.id, e.id).toBe(e.id);
      }
    }
  });

  it('reaches edge values of the fields', () => {
    const rng = seededRng(1);
    const imm12 = Array.from({ length: 400 }, () => ((randomWord('ADD_imm', rng) ?? 0) >>> 10) & 0xfff);
    expect(imm12).toContain(0);
    expect(imm12).toContain(0xfff);
    expect(imm12).toContain(0x800);
    const rd = Array.from({ length: 400 }, () => (randomWord('ADD_imm', rng) ?? 0) & 31);
    expect(rd).toContain(31);
  });

  it('rejects an id that is not in the table', () => {
    expect(() => randomWord('NOPE', seededRng(1))).toThrow(/unknown encoding id 'NOPE'/);
  });
});

describe('randomWords', () => {
  it('gives `perEncoding` words for every encoding, reproducibly', () => {
    const a = randomWords(5, 99);
    expect(a.length).toBe(5 * ENCODINGS.length);
    expect(new Set(a.map((x) => x.id))).toEqual(new Set(ENCODINGS.map((e) => e.id)));
    expect(randomWords(5, 99)).toEqual(a);
    expect(randomWords(5, 100)).not.toEqual(a);
  });
});
