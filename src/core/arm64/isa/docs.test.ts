import { describe, expect, it } from 'vitest';
import { docFor, formsOf, MNEMONIC_DOCS } from './docs.ts';
import { ENCODINGS } from './encodings.ts';

describe('mnemonic docs', () => {
  it('gives operand forms for every encoding in the table', () => {
    expect(ENCODINGS.filter((e) => formsOf(e.id).length === 0).map((e) => e.id)).toEqual([]);
  });

  it('documents every table mnemonic once, with a summary and forms that start with it', () => {
    const names = MNEMONIC_DOCS.map((d) => d.mnemonic);
    expect(new Set(names).size).toBe(names.length);
    for (const e of ENCODINGS) expect(names).toContain(e.mnemonic === 'b.' ? 'b.cond' : e.mnemonic);
    for (const d of MNEMONIC_DOCS) {
      expect(d.summary, d.mnemonic).not.toBe('');
      expect(d.forms.length, d.mnemonic).toBeGreaterThan(0);
      for (const f of d.forms) expect(f.startsWith(`${d.mnemonic} `) || f === d.mnemonic, `${d.mnemonic}: ${f}`).toBe(true);
    }
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it('takes summaries from the table, dropping the variant in parentheses', () => {
    expect(docFor('add')?.summary).toBe('Add');
    expect(docFor('adds')?.summary).toBe('Add, setting flags');
    expect(docFor('add')?.forms).toHaveLength(3);
    expect(docFor('stp')?.summary).toBe('Store pair');
    expect(docFor('msr')?.summary).toBe('Move immediate to PSTATE field; Move general register to system register');
  });

  it('adds the access size of loads and stores', () => {
    expect(docFor('ldrsw')?.summary).toBe('Load register (4 bytes, sign-extended)');
    expect(docFor('ldrb')?.summary).toBe('Load register (1 byte, zero-extended)');
    expect(docFor('ldur')?.summary).toBe('Load register, unscaled offset (4 or 8 bytes)');
    expect(docFor('ldr')?.forms).toContain('ldr Xt, [Xn|sp{, #imm}]   (imm: 0..32760, a multiple of 8)');
    expect(docFor('ldr')?.forms).toContain('ldr Xt, =expr   (via the literal pool)');
  });

  it('documents aliases by what they stand for, and merges alias forms into real mnemonics', () => {
    expect(docFor('cmp')?.summary).toBe('Compare: set flags for Rn - operand (alias of subs)');
    expect(docFor('cset')?.forms).toEqual(['cset Rd, cond']);
    expect(docFor('mov')?.summary).toBe('Move (alias of orr, add, movz, movn)');
    expect(docFor('lsl')?.forms).toEqual(['lsl Rd, Rn, #shift', 'lsl Rd, Rn, Rm']);
  });

  it('finds mnemonics in any case and conditional branches by their condition', () => {
    expect(docFor('LDR')).toBe(docFor('ldr'));
    expect(docFor('b.eq')?.mnemonic).toBe('b.cond');
    expect(docFor('B.NE')?.summary).toBe('Branch conditionally');
    expect(docFor('frobnicate')).toBeUndefined();
  });
});
