/**
 * No input, however broken, makes the assembler throw or report an internal
 * error; every diagnostic it gives is well-formed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { generateCorpus } from './corpus.ts';
import { DIAG_CODES } from './diagnostics.ts';
import { DIRECTIVES, MNEMONICS, REGISTER_NAMES, assemble } from './index.ts';

/** Throws (failing the property) when the result breaks the contract; plain checks keep 1,000s of runs fast. */
function check(text: string): void {
  const r = assemble([{ name: 'f.s', text }, { name: 'g.s', text: text.slice(0, 40) }]);
  const lines = text.split(/\r\n|\n|\r/).length;
  for (const d of r.diagnostics) {
    const bad =
      !(d.code in DIAG_CODES) || d.code === 'E_INTERNAL' || d.line < 1 || d.line > lines || d.column < 1 || d.length < 1 || d.message.length === 0;
    if (bad) throw new Error(`bad diagnostic ${JSON.stringify(d)}`);
  }
  if (r.ok !== r.diagnostics.every((d) => d.severity === 'warning') || (r.image === null) !== !r.ok) throw new Error('ok/image inconsistent');
}

const TOKENS = [
  ...MNEMONICS, ...DIRECTIVES, ...REGISTER_NAMES, '#', ',', '[', ']', '!', '=', ':', ':lo12:', '(', ')', '+', '-', '*', '/', '%', '<<', '>>',
  '&', '|', '^', '~', "'", '"', ';', '//', '/*', '*/', '\n', ' ', '.', '1b', '1f', '1:', 'lab:', 'lab', '0x', '0b', '0', '1', '4095', '4096',
  '-1', '0xffffffffffffffff', '99999999999999999999999', 'lsl', 'uxtw', 'sxtx', 'eq', 'al', 'vbar_el1', 'daifset', 'sy', '\t', '\\', '\x00',
];

const corpus = generateCorpus(7, 1, 1)[0].text.split('\n');

describe('assembler fuzz', { timeout: 30_000 }, () => {
  it('random bytes (as Latin-1 text, plus some non-ASCII characters)', () => {
    const bytes = fc.uint8Array({ maxLength: 400 }).map((b) => String.fromCharCode(...b));
    const odd = fc.array(fc.constantFrom('é', '€', '\u2028', '\ud83d\ude00', '\ufeff', '\r\n'), { maxLength: 5 }).map((a) => a.join(''));
    fc.assert(fc.property(bytes, odd, (a, b) => check(a + b)), { numRuns: 500 });
  });

  it('token soup', () => {
    const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join(' '));
    fc.assert(fc.property(fc.array(line, { maxLength: 20 }), (ls) => check(ls.join('\n'))), { numRuns: 400 });
  });

  it('mutated valid programs', () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert', 'swap', 'dup'), ch: fc.constantFrom(...TOKENS) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 30 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (start, muts) => {
        let text = corpus.slice(start, start + 30).join('\n');
        for (const m of muts) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1 + (m.at % 5));
          else if (m.kind === 'insert') text = text.slice(0, at) + m.ch + text.slice(at);
          else if (m.kind === 'swap') text = text.slice(at) + '\n' + text.slice(0, at);
          else text = text + '\n' + text.slice(at, at + 40);
        }
        check(text);
      }),
      { numRuns: 300 },
    );
  });
});
