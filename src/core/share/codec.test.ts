import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLinkCodec, crc32 } from './codec.ts';

interface V2 {
  name: string;
  steps: number;
}

const codec = createLinkCodec<V2>({
  version: 2,
  migrations: {
    // Version 1 called the field `count`.
    1: (old) => {
      const o = old as { name: string; count: number };
      return { name: o.name, steps: o.count };
    },
  },
  validate: (x) => {
    const o = x as Partial<V2>;
    return typeof o?.name === 'string' && typeof o.steps === 'number' ? { ok: true, value: o as V2 } : { ok: false, error: 'expected { name, steps }' };
  },
});

const v1 = createLinkCodec<{ name: string; count: number }>({ version: 1, migrations: {}, validate: (x) => ({ ok: true, value: x as { name: string; count: number } }) });

describe('share link codec', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips any payload (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (name, steps) => {
        const d = codec.decode(codec.encode({ name, steps }));
        expect(d).toEqual({ ok: true, value: { name, steps }, fromVersion: 2 });
      }),
    );
  });

  it('opens a link made by an older version through the migration', () => {
    const old = v1.encode({ name: 'echo', count: 12 });
    expect(old.startsWith('s/1/')).toBe(true);
    expect(codec.decode(`#${old}`)).toEqual({ ok: true, value: { name: 'echo', steps: 12 }, fromVersion: 1 });
  });

  it('says clearly what is wrong with damaged or foreign links', () => {
    const good = codec.encode({ name: 'relay', steps: 3 });
    const flipped = good.slice(0, -3) + (good.at(-3) === 'A' ? 'B' : 'A') + good.slice(-2);
    expect(codec.decode(flipped)).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(codec.decode(good.slice(0, 8))).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(codec.decode('hello')).toMatchObject({ ok: false, error: expect.stringMatching(/not an hvlab share link/) });
    expect(codec.decode('s/9/AAAA')).toMatchObject({ ok: false, error: expect.stringMatching(/version 9/) });
    expect(codec.decode('s/2/!!!!')).toMatchObject({ ok: false, error: expect.stringMatching(/not an hvlab share link/) });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      for (const text of [s, `s/2/${s}`, `s/1/${s}`]) {
        const d = codec.decode(text);
        if (!d.ok) expect(d.error.length).toBeGreaterThan(10);
      }
    }));
  });
});
