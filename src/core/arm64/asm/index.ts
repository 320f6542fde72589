/**
 * The AArch64 assembler (GNU as syntax): public API.
 *
 * `assemble(sources, { base })` never throws, whatever the input: every
 * problem is a diagnostic with a stable code. The image holds .text, then
 * .rodata, .data, other sections and .bss, each aligned as its directives ask.
 */
import { Assembler, type AsmResult, type AsmSource } from './assembler.ts';

export type { AsmImage, AsmResult, AsmSource } from './assembler.ts';
export type { Diagnostic, SourceLoc } from './diagnostics.ts';
export { DIAG_CODES } from './diagnostics.ts';
export { MNEMONICS, SYNTAX, SUMMARY } from './syntax.ts';
export { DIRECTIVE_NAMES as DIRECTIVES } from './directives.ts';
export { REGISTER_NAMES } from './operand.ts';

export interface AsmOptions {
  /** Image load address, default 0x80000. */
  base?: number;
}

export const DEFAULT_BASE = 0x80000;

/**
 * Assembles one or more source files as one program (labels are shared;
 * numeric local labels are per file).
 * Returns: ok = no error diagnostics; image = null when not ok.
 */
export function assemble(sources: AsmSource | AsmSource[], opts: AsmOptions = {}): AsmResult {
  const list = Array.isArray(sources) ? sources : [sources];
  const base = opts.base ?? DEFAULT_BASE;
  const file = list[0]?.name ?? '<input>';
  if (!Number.isSafeInteger(base) || base < 0 || base % 4 !== 0) {
    return { ok: false, image: null, diagnostics: [{ file, line: 1, column: 1, length: 1, code: 'E_DIRECTIVE_ARG', message: `base address ${base} must be a non-negative multiple of 4`, severity: 'error' }] };
  }
  try {
    return new Assembler(base).run(list);
  } catch (e) {
    return {
      ok: false,
      image: null,
      diagnostics: [{ file, line: 1, column: 1, length: 1, code: 'E_INTERNAL', message: `internal assembler error (please report): ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }],
    };
  }
}
