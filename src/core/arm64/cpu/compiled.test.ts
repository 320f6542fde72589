import { describe, expect, it } from 'vitest';
import { randomProgram, randomRam } from './testing/programs.ts';
import { runProgram, wordsHex } from './testing/run-program.ts';

// The compiled-block path (whole budgets, loops inside blocks) against the
// single-step path (one single-instruction block per run) on the random
// programs of the Unicorn suite: same final state, same exit.
describe('compiled blocks against single-stepping', () => {
  it('agree on 100 random programs', { timeout: 120_000 }, () => {
    const ram = randomRam(7);
    for (let seed = 50_000; seed < 50_100; seed++) {
      const p = randomProgram(seed);
      const { ram: fastRam, ...fast } = runProgram(p, ram, 'blocks');
      const { ram: slowRam, ...slow } = runProgram(p, ram, 'single-step');
      const words = wordsHex(p.words);
      expect({ seed, words, ...fast }).toEqual({ seed, words, ...slow });
      expect({ seed, ramEqual: Buffer.compare(fastRam, slowRam) === 0 }).toEqual({ seed, ramEqual: true });
      expect(fast.exit.kind).toBe('brk');
    }
  });
});
