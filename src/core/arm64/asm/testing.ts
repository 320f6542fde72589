/**
 * Helpers for the assembler's tests: assemble a snippet and get its words or
 * its diagnostics in a compact form.
 */
import { describe, expect, it } from 'vitest';
import { assemble, type AsmResult } from './index.ts';

/** Assembles `text` as `t.s` at `base` (default 0x80000). */
export const asm = (text: string, base?: number): AsmResult => assemble({ name: 't.s', text }, { base });

/** The image as little-endian 32-bit words in hex; throws with the diagnostics when assembly fails. */
export function hexWords(text: string, base?: number): string[] {
  const r = asm(text, base);
  if (!r.image) throw new Error(`assembly failed:\n${r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.code}]`).join('\n')}`);
  const b = r.image.bytes;
  const out: string[] = [];
  for (let k = 0; k + 4 <= b.length; k += 4) out.push(new DataView(b.buffer, b.byteOffset).getUint32(k, true).toString(16).padStart(8, '0'));
  return out;
}

/** Diagnostics as `line:column code` strings (plus messages when `withMessages`). */
export function diagList(text: string, withMessages = false): string[] {
  return asm(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}${withMessages ? ` ${d.message}` : ''}`);
}

/** A table test: each source line must assemble to exactly the given word. */
export function wordCases(title: string, cases: [string, number][]): void {
  describe(title, () => {
    it.each(cases)('%s', (src, word) => {
      expect(hexWords(src)).toEqual([word.toString(16).padStart(8, '0')]);
    });
  });
}
