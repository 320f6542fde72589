import { describe, expect, it } from 'vitest';
import { DIAG_CODES } from './diagnostics.ts';
import { asm, diagList } from './testing.ts';

/** One program per code: [code, source, expected "line:column code", message fragment]. */
const CASES: [string, string, string, string][] = [
  ['E_SYNTAX', 'nop\nadd x0, [x1', '2:9 E_SYNTAX', "missing ']'"],
  ['E_UNKNOWN_MNEMONIC', 'movv x0, #1', '1:1 E_UNKNOWN_MNEMONIC', "unknown instruction 'movv'; did you mean 'mov'?"],
  ['E_UNKNOWN_DIRECTIVE', '.foo 1', '1:1 E_UNKNOWN_DIRECTIVE', 'unknown directive .foo'],
  ['E_OPERAND_COUNT', 'add x0, x1', '1:1 E_OPERAND_COUNT', 'add expects 3 or 4 operands, found 2'],
  ['E_OPERAND_KIND', 'mul x0, x1, w3', '1:13 E_OPERAND_KIND', 'expected a 64-bit register (x0-x30 or xzr), found w3'],
  ['E_IMM_RANGE', 'add x0, x1, #4097', '1:13 E_IMM_RANGE', 'immediate 4097 out of range for add: 0..4095, or a multiple of 4096 up to 16773120'],
  ['E_IMM_ALIGN', 'ldp x0, x1, [x2, #4]', '1:18 E_IMM_ALIGN', 'offset 4 for ldp is not a multiple of 8'],
  ['E_LOGICAL_IMM', 'and x0, x1, #5', '1:13 E_LOGICAL_IMM', 'is not encodable as a logical immediate'],
  ['E_MOV_IMM', 'mov x0, #0x10001', '1:9 E_MOV_IMM', 'cannot be moved by a single instruction'],
  ['E_UNDEFINED_SYMBOL', 'b nowhere', '1:3 E_UNDEFINED_SYMBOL', "undefined symbol 'nowhere'"],
  ['E_DUPLICATE_SYMBOL', 'a: nop\na: nop', '2:1 E_DUPLICATE_SYMBOL', "'a' is already defined at t.s:1"],
  ['E_BRANCH_RANGE', 'cbz x0, . + 0x100000', '1:9 E_BRANCH_RANGE', 'out of range for cbz'],
  ['E_BRANCH_ALIGN', '.byte 1\nx: nop\nb x', '3:3 E_BRANCH_ALIGN', 'is not 4-byte aligned'],
  ['E_EXPR', '.word 1 / 0', '1:7 E_EXPR', 'division by zero'],
  ['E_DIRECTIVE_ARG', '.align 30', '1:8 E_DIRECTIVE_ARG', 'alignment 30 out of range: 0..24'],
  ['E_SYSREG', 'dsb foo', '1:5 E_SYSREG', "unknown barrier option 'foo'"],
  ['W_TRUNCATED', '.byte 300', '1:7 W_TRUNCATED', 'value 300 does not fit in 1 byte; truncated to 0x2c'],
  ['W_READONLY', 'msr midr_el1, x0', '1:5 W_READONLY', 'MIDR_EL1 is read-only'],
  ['W_UNPREDICTABLE', 'ldr x0, [x0, #8]!', '1:9 W_UNPREDICTABLE', 'unpredictable transfer with writeback'],
];

describe('diagnostic codes', () => {
  it.each(CASES)('%s', (code, src, where, message) => {
    const r = asm(src);
    expect(diagList(src)).toEqual([where]);
    expect(r.diagnostics[0].message).toContain(message);
    expect(r.diagnostics[0].severity).toBe(code.startsWith('W_') ? 'warning' : 'error');
    expect(r.ok).toBe(code.startsWith('W_'));
  });

  it('every user-facing code has a case (E_INTERNAL only reports assembler bugs)', () => {
    const tested = new Set(CASES.map((c) => c[0]));
    expect(Object.keys(DIAG_CODES).filter((c) => !tested.has(c))).toEqual(['E_INTERNAL']);
  });
});

describe('diagnostic details', () => {
  it('reports every problem at once, in source order, and keeps going', () => {
    const src = 'foo\nadd x0, x1, #99999\nb missing\n.byte 1\nok: nop\nldr w0, [x1, #1022]\nmov w0, x1';
    expect(diagList(src)).toEqual(['1:1 E_UNKNOWN_MNEMONIC', '2:13 E_IMM_RANGE', '3:3 E_UNDEFINED_SYMBOL', '6:14 E_IMM_ALIGN', '7:9 E_OPERAND_KIND']);
  });

  it('spans cover the offending text', () => {
    const d = asm('  mov x0, #0x123456789').diagnostics[0];
    expect([d.line, d.column, d.length]).toEqual([1, 11, 12]);
  });

  it('warns about UNPREDICTABLE register combinations exactly where GNU as does', () => {
    const src = 'ldr x0, [x0, #8]!\nstr x1, [x1], #8\nldp x0, x0, [x1]\nldp x0, x1, [x0, #16]!\nstxr w0, x0, [x1]\nstxr w1, x0, [x1]\nldr x0, [sp, #8]!\nldrb w2, [x2], #1\nstp x3, x4, [x3], #16\nstp x5, x5, [x6]';
    const r = asm(src);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 W_UNPREDICTABLE', '2 W_UNPREDICTABLE', '3 W_UNPREDICTABLE', '4 W_UNPREDICTABLE', '5 W_UNPREDICTABLE', '6 W_UNPREDICTABLE', '8 W_UNPREDICTABLE', '9 W_UNPREDICTABLE']);
  });

  it('SIMD/FP registers get a plain explanation', () => {
    expect(diagList('ldr q0, [x1]', true)[0]).toContain('SIMD and floating-point registers are not supported');
  });

  it('an unknown system register is named as such', () => {
    expect(diagList('msr foo_el1, x0', true)[0]).toMatch(/expected a system register \(.*VBAR_EL1/);
  });

  it('symbols needed during layout must be defined before use', () => {
    expect(diagList('.space n\nn = 4', true)).toEqual(["1:8 E_EXPR size must be a constant known at this point, but 'n' is not defined before it"]);
  });

  it('a symbol defined in terms of itself is an error, not a hang', () => {
    expect(diagList('a = b\nb = a\n.word a', true).some((d) => d.includes('defined in terms of itself'))).toBe(true);
  });

  it('unterminated strings and comments are reported where they start', () => {
    expect(diagList('.ascii "abc\nnop\n/* open')).toEqual(['1:8 E_SYNTAX', '1:8 E_DIRECTIVE_ARG', '3:1 E_SYNTAX']);
  });

  it('a bad base address is a diagnostic', () => {
    expect(asm('nop', 3).diagnostics.map((d) => d.code)).toEqual(['E_DIRECTIVE_ARG']);
  });
});
