/**
 * Diagnostics of the assembler: the public record, the stable codes and a
 * collector that the passes append to. Codes never change meaning once
 * published (Monaco quick-fixes and tests key on them).
 */

export interface Diagnostic {
  file: string;
  /** 1-based line and column of the offending text. */
  line: number;
  column: number;
  length: number;
  /** Stable code, one of DIAG_CODES' keys. */
  code: string;
  /** Plain-language message: what is wrong, and what is allowed. */
  message: string;
  severity: 'error' | 'warning';
}

/** Where a piece of source text is; the same shape as the source map's entries. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
  length: number;
}

/** Every diagnostic code, with what it means (for docs and tests). */
export const DIAG_CODES = {
  E_SYNTAX: 'text that does not parse (stray characters, unbalanced brackets or quotes)',
  E_UNKNOWN_MNEMONIC: 'no such instruction (the message suggests the closest one)',
  E_UNKNOWN_DIRECTIVE: 'no such directive',
  E_OPERAND_COUNT: 'too many or too few operands for the instruction',
  E_OPERAND_KIND: 'an operand of the wrong kind (e.g. a W register where an X register is required)',
  E_IMM_RANGE: 'an immediate, shift amount or offset out of the range the encoding allows',
  E_IMM_ALIGN: 'an offset that is not a multiple of the access size',
  E_LOGICAL_IMM: 'a value that is not encodable as a logical (bitmask) immediate',
  E_MOV_IMM: 'a mov immediate encodable neither by movz, movn nor orr',
  E_UNDEFINED_SYMBOL: 'a symbol that is used but never defined',
  E_DUPLICATE_SYMBOL: 'a label or symbol defined twice',
  E_BRANCH_RANGE: 'a branch or PC-relative target too far away for the encoding',
  E_BRANCH_ALIGN: 'a branch or literal target that is not 4-byte aligned',
  E_EXPR: 'an expression that cannot be evaluated (division by zero, not constant where it must be, symbol cycle)',
  E_DIRECTIVE_ARG: 'a bad or missing directive argument',
  E_SYSREG: 'an unknown system register, PSTATE field or barrier option',
  E_INTERNAL: 'a bug in the assembler (reported instead of crashing)',
  W_TRUNCATED: 'a data value that does not fit its size and was truncated',
  W_READONLY: 'msr to a read-only system register (GNU as accepts it too)',
  W_UNPREDICTABLE: 'an encodable but architecturally UNPREDICTABLE register combination (GNU as warns too)',
} as const;

export type DiagCode = keyof typeof DIAG_CODES;

/** Collects diagnostics in the order found. */
export class DiagSink {
  readonly list: Diagnostic[] = [];

  /** Records a diagnostic at `loc`; its severity follows from the code (W_* are warnings). */
  add(loc: SourceLoc, code: DiagCode, message: string): void {
    this.list.push({ ...loc, code, message, severity: code.startsWith('W_') ? 'warning' : 'error' });
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}

/**
 * Thrown inside the assembler to abandon one statement; always caught per
 * statement. Not an Error subclass: user mistakes need no stack trace, and
 * capturing one per bad line is costly.
 */
export class StatementError {
  constructor(
    readonly loc: SourceLoc,
    readonly code: DiagCode,
    readonly message: string,
  ) {}
}
