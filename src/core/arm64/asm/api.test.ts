import { describe, expect, it } from 'vitest';
import { generateCorpus, TEMPLATES } from './corpus.ts';
import { assemble, DEFAULT_BASE, DIRECTIVES, MNEMONICS, REGISTER_NAMES, SUMMARY, SYNTAX } from './index.ts';
import { asm, hexWords } from './testing.ts';

describe('assemble() contract', () => {
  it('defaults to base 0x80000 and accepts one source or several', () => {
    expect(DEFAULT_BASE).toBe(0x80000);
    const one = assemble({ name: 'a.s', text: 'nop' });
    expect(one.image?.base).toBe(0x80000);
    const two = assemble([{ name: 'a.s', text: 'b f2' }, { name: 'b.s', text: 'f2: ret' }], { base: 0x1000 });
    expect(two.ok).toBe(true);
    expect(two.image!.symbols.f2).toBe(0x1004);
  });

  it('entry is _start when defined, else the first instruction', () => {
    expect(asm('.data\n.word 1\n.text\nnop\n_start: nop').image!.entry).toBe(0x80004);
    expect(asm('.data\n.word 1\n.text\nnop').image!.entry).toBe(0x80000);
  });

  it('source map: one entry per instruction, data statement and literal, sorted, with exact locations', () => {
    const r = asm('start:  mov x0, #1 ; ldr x1, =0x1234\n.word 5\n  ret');
    expect(r.image!.sourceMap.map((m) => [m.addr, m.loc.line, m.loc.column, m.loc.length, m.size])).toEqual([
      [0x80000, 1, 9, 10, 4],
      [0x80004, 1, 22, 15, 4],
      [0x80008, 2, 1, 7, 4],
      [0x8000c, 3, 3, 3, 4],
      [0x80010, 1, 30, 7, 8],
    ]);
    expect(r.image!.sourceMap[0].loc.file).toBe('t.s');
  });

  it('symbols list named labels and constants, not numeric local labels', () => {
    const r = asm('1: nop\nx: b 1b\nK = 7');
    expect(r.image!.symbols).toEqual({ x: 0x80004, K: 7 });
  });

  it('numeric local labels are per file', () => {
    const r = assemble([{ name: 'a.s', text: '1: b 1f\n1: nop' }, { name: 'b.s', text: 'b 1b\n1: nop' }]);
    expect(r.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['b.s', 1, 'E_UNDEFINED_SYMBOL']]);
  });

  it('never throws, even for absurd input', () => {
    expect(() => assemble({ name: 'x', text: '\u0000'.repeat(100) + '.space 1 << 62' })).not.toThrow();
    expect(assemble({ name: 'x', text: '.space 1 << 62' }).diagnostics[0].code).toBe('E_DIRECTIVE_ARG');
    expect(assemble([]).ok).toBe(true);
  });
});

describe('source syntax', () => {
  it('comments: //, /* */ across lines, # at the start of a line', () => {
    expect(hexWords('nop // c\n/* a\n b */ nop /* x */ ; nop\n  # comment\n#nop')).toEqual(['d503201f', 'd503201f', 'd503201f']);
  });

  it('mnemonics and registers are case-insensitive; labels are not', () => {
    expect(hexWords('MOV X0, XZR\nAdd W1, WSP, #1\nL: B L')).toEqual(['aa1f03e0', '110007e1', '14000000']);
    expect(asm('l: b L').diagnostics[0].code).toBe('E_UNDEFINED_SYMBOL');
  });

  it('several labels on one line, and labels alone on a line', () => {
    expect(asm('a: b: c:\nnop').image!.symbols).toEqual({ a: 0x80000, b: 0x80000, c: 0x80000 });
  });

  it('lr, fp, ip0/ip1 name x30, x29, x16/x17', () => {
    expect(hexWords('mov lr, fp\nmov ip0, ip1')).toEqual(['aa1d03fe', 'aa1103f0']);
  });

  it('expressions use GNU as precedence and 64-bit arithmetic', () => {
    // 7 >> 1 + 1 is (7 >> 1) + 1 in GNU as; 1 + 2 & 3 is 1 + (2 & 3).
    expect(hexWords('.word 7 >> 1 + 1, 1 + 2 & 3, -8 / 3, -8 % 3, ~0 & 0xff, (1 << 4) | 1, 010, 0b101, \'a\', \'\\n\', 5 ! 0')).toEqual([
      '00000004', '00000003', 'fffffffe', 'fffffffe', '000000ff', '00000011', '00000008', '00000005', '00000061', '0000000a', 'ffffffff',
    ]);
    expect(hexWords('.quad -1 >> 60, 1 << 63')).toEqual(['0000000f', '00000000', '00000000', '80000000']);
  });

  it('. is the current location; label differences are constants', () => {
    expect(hexWords('a: nop\nb . + 8\nmovz x0, #(b - a) / 4\nb: nop')).toEqual(['d503201f', '14000002', 'd2800060', 'd503201f']);
  });
});

describe('vocabulary exports', () => {
  it('lists every mnemonic of issue 2, the directives and the registers', () => {
    const required = ('movz movk movn mov add adds sub subs cmp cmn neg negs and ands orr eor bic bics orn eon tst mvn lsl lsr asr ror mul madd msub mneg ' +
      'smulh umulh smull umull smaddl umaddl udiv sdiv csel csinc csinv csneg cset csetm cinc cinv cneg ccmp ccmn ubfm sbfm bfm ubfx sbfx ubfiz sbfiz bfi ' +
      'bfxil sxtb sxth sxtw uxtb uxth extr clz cls rbit rev rev16 rev32 adc adcs sbc sbcs adr adrp ldr str ldrb strb ldrh strh ldrsb ldrsh ldrsw ldur stur ' +
      'ldp stp ldpsw ldxr stxr ldaxr stlxr ldar stlr b bl br blr ret b.eq cbz cbnz tbz tbnz hvc svc brk wfi wfe sev yield nop isb dsb dmb eret msr mrs').split(' ');
    expect(required.filter((m) => !MNEMONICS.includes(m))).toEqual([]);
    expect(DIRECTIVES).toEqual(expect.arrayContaining(['.text', '.data', '.bss', '.rodata', '.section', '.global', '.globl', '.align', '.balign', '.p2align',
      '.byte', '.hword', '.short', '.word', '.long', '.quad', '.xword', '.ascii', '.asciz', '.string', '.space', '.skip', '.zero', '.equ', '.set', '.ltorg', '.type', '.size']));
    expect(REGISTER_NAMES).toEqual(expect.arrayContaining(['x0', 'x30', 'w0', 'w30', 'sp', 'wsp', 'xzr', 'wzr', 'lr', 'fp']));
  });

  it('gives syntax forms and a summary for every mnemonic', () => {
    expect(SYNTAX.add).toContain('add <Xd|SP>, <Xn|SP>, #<imm>{, lsl #12}');
    expect(SYNTAX.ret).toEqual(['ret{ <Xn>}']);
    for (const m of MNEMONICS) {
      expect(SYNTAX[m].length, m).toBeGreaterThan(0);
      expect(SUMMARY[m], m).not.toBe(m);
    }
  });
});

describe('the differential corpus', () => {
  it('uses every mnemonic the assembler knows', () => {
    const text = generateCorpus(0x5eed2, 4, 2).map((b) => b.text.toLowerCase()).join('\n');
    const used = new Set([...text.matchAll(/^\s*([a-z][a-z0-9.]*)\s/gm)].map((m) => m[1]));
    const conds = MNEMONICS.filter((m) => /^b\.?[a-z]{2}$/.test(m));
    expect(MNEMONICS.filter((m) => !used.has(m) && !conds.includes(m))).toEqual([]);
    expect(TEMPLATES.length).toBeGreaterThan(300);
  });
});
