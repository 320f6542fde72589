import { describe, expect, it } from 'vitest';
import { decode } from '../../isa/decode.ts';
import { ENCODINGS } from '../../isa/encodings.ts';
import { randomProgram } from './programs.ts';

describe('random programs for the differential suites', () => {
  it('draw every encoding except those that trap or leave the core', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 3000; seed++) for (const w of randomProgram(seed).words) seen.add(decode(w)?.id ?? 'UNDEFINED');
    const missing = ENCODINGS.map((e) => e.id).filter((id) => !seen.has(id));
    expect(missing.sort()).toEqual(['ERET', 'HLT', 'HVC', 'SMC', 'SVC', 'WFE', 'WFI']);
    expect(seen.has('UNDEFINED')).toBe(false);
  });

  it('are deterministic per seed', () => {
    expect(randomProgram(42)).toEqual(randomProgram(42));
  });
});
