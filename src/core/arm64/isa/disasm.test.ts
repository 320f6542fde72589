import { describe, expect, it } from 'vitest';
import { disassemble, disassembleBlock, FORMATTERS } from './disasm.ts';
import { ENCODINGS } from './encodings.ts';

/** [word, objdump's text] pairs; every expected text was printed by aarch64-linux-gnu-objdump 2.40. */
type Case = readonly [number, string];

const text = (word: number, addr = 0) => disassemble(word, addr).text;

function check(cases: readonly Case[]) {
  for (const [word, expected] of cases) expect(text(word), word.toString(16)).toBe(expected);
}

describe('disassemble: table coverage', () => {
  it('has a formatter for every encoding in the table', () => {
    expect(ENCODINGS.map((e) => e.id).filter((id) => !(id in FORMATTERS))).toEqual([]);
  });

  it('prints words outside the table as objdump prints unallocated words', () => {
    const d = disassemble(0xffffffff, 0);
    expect(d).toEqual({ text: '.inst\t0xffffffff ; undefined', mnemonic: '.inst', operands: '0xffffffff', id: null });
    expect(text(0x00000000)).toBe('.inst\t0x00000000 ; undefined');
  });

  it('splits mnemonic, operands and comment', () => {
    const d = disassemble(0x12800000, 0);
    expect(d.mnemonic).toBe('mov');
    expect(d.operands).toBe('w0, #0xffffffff');
    expect(d.comment).toBe('#-1');
    expect(d.id).toBe('MOVN');
    expect(d.text).toBe('mov\tw0, #0xffffffff            \t// #-1');
    expect(disassemble(0xd503201f, 0)).toEqual({ text: 'nop', mnemonic: 'nop', operands: '', id: 'NOP' });
  });
});

describe('disassemble: data processing (immediate)', () => {
  it('add/sub immediate, with mov to or from sp', () => check([
    [0x910003e0, 'mov\tx0, sp'], [0x9100003f, 'mov\tsp, x1'], [0x1100005f, 'mov\twsp, w2'],
    [0x91000020, 'add\tx0, x1, #0x0'], [0x914007e0, 'add\tx0, sp, #0x1, lsl #12'], [0xf10023e0, 'subs\tx0, sp, #0x8'],
  ]));
  it('cmp and cmn (immediate) when the result is discarded', () => check([
    [0xf13ffc3f, 'cmp\tx1, #0xfff'], [0x3100045f, 'cmn\tw2, #0x1'], [0xb100003f, 'cmn\tx1, #0x0'],
  ]));
  it('mov for movz/movn, padded hex plus the decimal value as a comment', () => check([
    [0xd2a00020, 'mov\tx0, #0x10000               \t// #65536'],
    [0x12800000, 'mov\tw0, #0xffffffff            \t// #-1'],
    [0x92800020, 'mov\tx0, #0xfffffffffffffffe    \t// #-2'],
  ]));
  it('movz/movn of zero with a shift, and movk, keep their names', () => check([
    [0xd2a00000, 'movz\tx0, #0x0, lsl #16'], [0x92c00000, 'movn\tx0, #0x0, lsl #32'],
    [0xf2f7dde3, 'movk\tx3, #0xbeef, lsl #48'], [0x728000e1, 'movk\tw1, #0x7'],
  ]));
  it('mov for orr with a bitmask immediate unless movz/movn can say it', () => check([
    [0xb200f3e0, 'mov\tx0, #0x5555555555555555    \t// #6148914691236517205'],
    [0x321c2fe0, 'orr\tw0, wzr, #0xfff0'],
    [0x321c03ff, 'mov\twsp, #0x10                  \t// #16'], // movz cannot write wsp
  ]));
  it('logical immediates and tst', () => check([
    [0xf2401c3f, 'tst\tx1, #0xff'], [0xf2400420, 'ands\tx0, x1, #0x3'],
    [0x927cec3f, 'and\tsp, x1, #0xfffffffffffffff0'], [0x52010083, 'eor\tw3, w4, #0x80000000'],
  ]));
  it('shift aliases of ubfm/sbfm and ror of extr', () => check([
    [0xd37df020, 'lsl\tx0, x1, #3'], [0x53010020, 'lsl\tw0, w1, #31'], [0xd37ffc20, 'lsr\tx0, x1, #63'],
    [0x13057c20, 'asr\tw0, w1, #5'], [0x93c13420, 'ror\tx0, x1, #13'], [0x13830062, 'ror\tw2, w3, #0'],
  ]));
  it('bitfield extract and insert aliases', () => check([
    [0xd3442c20, 'ubfx\tx0, x1, #4, #8'], [0x13017820, 'sbfx\tw0, w1, #1, #30'],
    [0xd37c1c20, 'ubfiz\tx0, x1, #4, #8'], [0x13010020, 'sbfiz\tw0, w1, #31, #1'],
    [0xd3401c20, 'ubfx\tx0, x1, #0, #8'], [0xd3407c20, 'ubfx\tx0, x1, #0, #32'],
    [0xb37c1c20, 'bfi\tx0, x1, #4, #8'], [0x33000c20, 'bfxil\tw0, w1, #0, #4'], [0xb37d0fe0, 'bfc\tx0, #3, #4'],
  ]));
  it('sign and zero extension aliases', () => check([
    [0x93401c20, 'sxtb\tx0, w1'], [0x13003c20, 'sxth\tw0, w1'], [0x93407c20, 'sxtw\tx0, w1'],
    [0x53001c20, 'uxtb\tw0, w1'], [0x53003c20, 'uxth\tw0, w1'],
  ]));
  it('extr with distinct sources', () => check([[0x93c21420, 'extr\tx0, x1, x2, #5'], [0x13827c20, 'extr\tw0, w1, w2, #31']]));
  it('adr and adrp targets: bare address, or `<symbol>` when the symbolizer names it', () => {
    expect(disassemble(0x10000061, 0x1ec)).toMatchObject({ text: 'adr\tx1, 0x1f8', target: 0x1f8 });
    expect(disassemble(0x90000002, 0x1234).text).toBe('adrp\tx2, 0x1000');
    expect(disassemble(0xb0000000, 0xc).target).toBe(0x1000);
    const sym = (a: number) => (a === 0 ? '_start' : `_start+0x${a.toString(16)}`);
    expect(disassemble(0x10fff0c0, 0x1e8, { symbolize: sym }).text).toBe('adr\tx0, 0 <_start>');
  });
});

describe('disassemble: data processing (register)', () => {
  it('mov, mvn and tst of logical registers; shifts shown unless lsl #0', () => check([
    [0xaa0103e0, 'mov\tx0, x1'], [0x2a1f03e0, 'mov\tw0, wzr'], [0xaa2103e0, 'mvn\tx0, x1'], [0x2a210fe0, 'mvn\tw0, w1, lsl #3'],
    [0xea02003f, 'tst\tx1, x2'], [0x6ac21c3f, 'tst\tw1, w2, ror #7'], [0xaa0107e0, 'orr\tx0, xzr, x1, lsl #1'],
    [0xaa420020, 'orr\tx0, x1, x2, lsr #0'], [0xeaa2fc20, 'bics\tx0, x1, x2, asr #63'], [0x4a220020, 'eon\tw0, w1, w2'],
  ]));
  it('cmp, cmn, neg and negs of shifted registers (cmp wins when both apply)', () => check([
    [0xeb02003f, 'cmp\tx1, x2'], [0x2b02083f, 'cmn\tw1, w2, lsl #2'], [0xcb0103e0, 'neg\tx0, x1'],
    [0x4b810fe0, 'neg\tw0, w1, asr #3'], [0xeb0103e0, 'negs\tx0, x1'], [0xeb0103ff, 'cmp\txzr, x1'],
    [0x8b02fc20, 'add\tx0, x1, x2, lsl #63'], [0x4b427c20, 'sub\tw0, w1, w2, lsr #31'],
  ]));
  it('extended registers: lsl beside sp for the no-op extend, extend names elsewhere', () => check([
    [0x8b2163e0, 'add\tx0, sp, x1'], [0x8b22483f, 'add\tsp, x1, w2, uxtw #2'], [0x0b2143e0, 'add\tw0, wsp, w1'],
    [0x8b22c020, 'add\tx0, x1, w2, sxtw'], [0xcb2173ff, 'sub\tsp, sp, x1, lsl #4'], [0xab216be0, 'adds\tx0, sp, x1, lsl #2'],
    [0xeb2163ff, 'cmp\tsp, x1'], [0xeb22003f, 'cmp\tx1, w2, uxtb'], [0x2b2127ff, 'cmn\twsp, w1, uxth #1'],
    [0xeb22e020, 'subs\tx0, x1, x2, sxtx'],
  ]));
  it('carry instructions and ngc/ngcs', () => check([
    [0x9a020020, 'adc\tx0, x1, x2'], [0x3a020020, 'adcs\tw0, w1, w2'], [0xda020020, 'sbc\tx0, x1, x2'],
    [0xda0103e0, 'ngc\tx0, x1'], [0x7a0103e0, 'ngcs\tw0, w1'], [0xfa020020, 'sbcs\tx0, x1, x2'],
  ]));
  it('conditional compare, with objdump\'s other condition names as a comment', () => check([
    [0xfa5f182f, 'ccmp\tx1, #0x1f, #0xf, ne\t// ne = any'], [0x3a420020, 'ccmn\tw1, w2, #0x0, eq\t// eq = none'],
    [0xfa42e028, 'ccmp\tx1, x2, #0x8, al'], [0xba40f821, 'ccmn\tx1, #0x0, #0x1, nv'],
  ]));
  it('conditional select and its cset/csetm/cinc/cinv/cneg aliases (inverted condition; none for al/nv)', () => check([
    [0x9a822020, 'csel\tx0, x1, x2, cs\t// cs = hs, nlast'], [0x1a82b020, 'csel\tw0, w1, w2, lt\t// lt = tstop'],
    [0x9a9f17e0, 'cset\tx0, eq\t// eq = none'], [0x5a9f93e0, 'csetm\tw0, hi\t// hi = pmore'],
    [0x9a81b420, 'cinc\tx0, x1, ge\t// ge = tcont'], [0x5a815020, 'cinv\tw0, w1, mi\t// mi = first'],
    [0xda817420, 'cneg\tx0, x1, vs'], [0xda9f17e0, 'cneg\tx0, xzr, eq\t// eq = none'],
    [0x9a81e420, 'csinc\tx0, x1, x1, al'], [0x9a9ff7e0, 'csinc\tx0, xzr, xzr, nv'],
    [0xda82d020, 'csinv\tx0, x1, x2, le'], [0xda82c420, 'csneg\tx0, x1, x2, gt'],
  ]));
  it('divide and variable shifts (always the shift names)', () => check([
    [0x9ac20820, 'udiv\tx0, x1, x2'], [0x1ac20c20, 'sdiv\tw0, w1, w2'], [0x9ac22020, 'lsl\tx0, x1, x2'],
    [0x1ac22420, 'lsr\tw0, w1, w2'], [0x9ac22820, 'asr\tx0, x1, x2'], [0x1ac22c20, 'ror\tw0, w1, w2'],
  ]));
  it('one-source: bit and byte reversal, counts', () => check([
    [0xdac00020, 'rbit\tx0, x1'], [0x5ac00420, 'rev16\tw0, w1'], [0xdac00820, 'rev32\tx0, x1'],
    [0x5ac00820, 'rev\tw0, w1'], [0xdac00c20, 'rev\tx0, x1'], [0xdac01020, 'clz\tx0, x1'], [0x5ac01420, 'cls\tw0, w1'],
  ]));
  it('multiplies: mul/mneg/smull/umull/smnegl/umnegl for a zero addend; smulh ignores Ra', () => check([
    [0x9b027c20, 'mul\tx0, x1, x2'], [0x1b02fc20, 'mneg\tw0, w1, w2'], [0x9b020c20, 'madd\tx0, x1, x2, x3'],
    [0x1b028c20, 'msub\tw0, w1, w2, w3'], [0x9b227c20, 'smull\tx0, w1, w2'], [0x9ba27c20, 'umull\tx0, w1, w2'],
    [0x9b22fc20, 'smnegl\tx0, w1, w2'], [0x9ba2fc20, 'umnegl\tx0, w1, w2'], [0x9b220c20, 'smaddl\tx0, w1, w2, x3'],
    [0x9ba28c20, 'umsubl\tx0, w1, w2, x3'], [0x9b427c20, 'smulh\tx0, x1, x2'], [0x9bc27c20, 'umulh\tx0, x1, x2'],
    [0x9b420c20, 'smulh\tx0, x1, x2'],
  ]));
});

describe('disassemble: branches and system', () => {
  it('branch targets are absolute; b.cond lists its other names', () => {
    expect(text(0x17ffff82, 0x1f8)).toBe('b\t0x0');
    expect(text(0x97ffffff, 0x1fc)).toBe('bl\t0x1f8');
    expect(text(0x54ffffc0, 0x200)).toBe('b.eq\t0x1f8  // b.none');
    expect(text(0x540005a3, 0x20c)).toBe('b.cc\t0x2c0  // b.lo, b.ul, b.last');
    expect(text(0x5400056e, 0x214)).toBe('b.al\t0x2c0');
    expect(text(0xb4fffee0, 0x21c)).toBe('cbz\tx0, 0x1f8');
    expect(text(0x35000501, 0x220)).toBe('cbnz\tw1, 0x2c0');
    expect(text(0x361ffea2, 0x224)).toBe('tbz\tw2, #3, 0x1f8');
    expect(text(0xb7f804c3, 0x228)).toBe('tbnz\tx3, #63, 0x2c0');
  });
  it('targets below zero wrap to 64 bits like objdump; the symbolizer is used when it knows the address', () => {
    expect(disassemble(0x17ffffff, 0)).toMatchObject({ text: 'b\t0xfffffffffffffffc', target: -4 });
    const sym = (a: number) => (a === 0x80000 ? '_start' : undefined);
    expect(disassemble(0x94000000, 0x80000, { symbolize: sym }).text).toBe('bl\t80000 <_start>');
    expect(disassemble(0x94000001, 0x80000, { symbolize: sym }).text).toBe('bl\t0x80004');
  });
  it('register branches; ret omits x30', () => check([
    [0xd61f0020, 'br\tx1'], [0xd63f0040, 'blr\tx2'], [0xd65f03c0, 'ret'], [0xd65f0020, 'ret\tx1'], [0xd69f03e0, 'eret'],
  ]));
  it('exception generation', () => check([
    [0xd4000001, 'svc\t#0x0'], [0xd4024682, 'hvc\t#0x1234'], [0xd41fffe3, 'smc\t#0xffff'], [0xd4200020, 'brk\t#0x1'], [0xd4400000, 'hlt\t#0x0'],
  ]));
  it('hints by name where objdump has one', () => check([
    [0xd503201f, 'nop'], [0xd503203f, 'yield'], [0xd503205f, 'wfe'], [0xd503207f, 'wfi'], [0xd503209f, 'sev'], [0xd50320bf, 'sevl'],
    [0xd50320df, 'hint\t#0x6'], [0xd5032fff, 'hint\t#0x7f'], [0xd503245f, 'bti\tc'], [0xd503233f, 'paciasp'], [0xd503223f, 'psb\tcsync'],
  ]));
  it('barriers and clrex', () => check([
    [0xd5033f5f, 'clrex'], [0xd503335f, 'clrex\t#0x3'], [0xd5033f9f, 'dsb\tsy'], [0xd5033b9f, 'dsb\tish'],
    [0xd503309f, 'ssbb'], [0xd503349f, 'pssbb'], [0xd5033c9f, 'dsb\t#0x0c'], [0xd5033bbf, 'dmb\tish'],
    [0xd50331bf, 'dmb\toshld'], [0xd50330bf, 'dmb\t#0x00'], [0xd5033fdf, 'isb'], [0xd50331df, 'isb\t#0x1'],
  ]));
  it('msr to PSTATE fields', () => check([
    [0xd50342df, 'msr\tdaifset, #0x2'], [0xd5034fff, 'msr\tdaifclr, #0xf'], [0xd50041bf, 'msr\tspsel, #0x1'],
  ]));
  it('mrs/msr name the system registers hvlab models, others in the generic form', () => check([
    [0xd538c001, 'mrs\tx1, vbar_el1'], [0xd53b4221, 'mrs\tx1, daif'], [0xd5384241, 'mrs\tx1, currentel'],
    [0xd5184202, 'msr\tspsel, x2'], [0xd51bd042, 'msr\ttpidr_el0, x2'], [0xd53bf100, 'mrs\tx0, s3_3_c15_c1_0'],
  ]));
});

describe('disassemble: loads and stores', () => {
  it('unsigned offsets are scaled; zero is omitted', () => check([
    [0xf9400020, 'ldr\tx0, [x1]'], [0xb97fffe0, 'ldr\tw0, [sp, #16380]'], [0x397ffc20, 'ldrb\tw0, [x1, #4095]'],
    [0x39800420, 'ldrsb\tx0, [x1, #1]'], [0x79c00420, 'ldrsh\tw0, [x1, #2]'], [0x793ffc20, 'strh\tw0, [x1, #8190]'],
  ]));
  it('unscaled, pre- and post-index (zero shown when indexing)', () => check([
    [0xf8500020, 'ldur\tx0, [x1, #-256]'], [0x380ff020, 'sturb\tw0, [x1, #255]'], [0xb89ff020, 'ldursw\tx0, [x1, #-1]'],
    [0xb8400020, 'ldur\tw0, [x1]'], [0xf8408420, 'ldr\tx0, [x1], #8'], [0xf85f8c20, 'ldr\tx0, [x1, #-8]!'],
    [0xb8000c20, 'str\tw0, [x1, #0]!'], [0xf8400420, 'ldr\tx0, [x1], #0'],
  ]));
  it('register offsets: extend and amount shown unless plain lsl with S = 0', () => check([
    [0xf8626820, 'ldr\tx0, [x1, x2]'], [0xf8627820, 'ldr\tx0, [x1, x2, lsl #3]'], [0xb8624820, 'ldr\tw0, [x1, w2, uxtw]'],
    [0xb862d820, 'ldr\tw0, [x1, w2, sxtw #2]'], [0x38627820, 'ldrb\tw0, [x1, x2, lsl #0]'], [0x38626820, 'ldrb\tw0, [x1, x2]'],
    [0xb8a2e820, 'ldrsw\tx0, [x1, x2, sxtx]'],
  ]));
  it('literals and prefetch operations', () => {
    expect(text(0x58fffce0, 0x324)).toBe('ldr\tx0, 0x2c0');
    expect(text(0x98fffca0, 0x32c)).toBe('ldrsw\tx0, 0x2c0');
    expect(text(0xd8fffc80, 0x330)).toBe('prfm\tpldl1keep, 0x2c0');
    check([[0xf9800415, 'prfm\tpstl3strm, [x0, #8]'], [0xf98003ea, 'prfm\tplil2keep, [sp]'], [0xf98000ff, 'prfm\t#0x1f, [x7]'], [0xf98000e6, 'prfm\t#0x06, [x7]']]);
  });
  it('pairs', () => check([
    [0xa8c17bfd, 'ldp\tx29, x30, [sp], #16'], [0xa9bf7bfd, 'stp\tx29, x30, [sp, #-16]!'], [0x291f8861, 'stp\tw1, w2, [x3, #252]'],
    [0x29600861, 'ldp\tw1, w2, [x3, #-256]'], [0x69410440, 'ldpsw\tx0, x1, [x2, #8]'], [0xa9807fff, 'stp\txzr, xzr, [sp, #0]!'],
  ]));
  it('exclusives and acquire/release', () => check([
    [0xc85f7c20, 'ldxr\tx0, [x1]'], [0x885f7fe0, 'ldxr\tw0, [sp]'], [0xc8027c20, 'stxr\tw2, x0, [x1]'],
    [0x8803fc20, 'stlxr\tw3, w0, [x1]'], [0xc85ffc20, 'ldaxr\tx0, [x1]'], [0x88dffc20, 'ldar\tw0, [x1]'], [0xc89fffe0, 'stlr\tx0, [sp]'],
  ]));
});

describe('disassembleBlock', () => {
  it('lists little-endian words from the base address, and a trailing fragment as .byte', () => {
    const bytes = new Uint8Array([0x1f, 0x20, 0x03, 0xd5, 0x00, 0x00, 0x00, 0x14, 0xaa, 0xbb]);
    const lines = disassembleBlock(bytes, 0x80000);
    expect(lines.map((l) => [l.addr, l.word, l.size, l.text])).toEqual([
      [0x80000, 0xd503201f, 4, 'nop'],
      [0x80004, 0x14000000, 4, 'b\t0x80004'],
      [0x80008, 0xbbaa, 2, '.byte\t0xaa, 0xbb'],
    ]);
    expect(lines[1].target).toBe(0x80004);
  });
  it('returns nothing for no bytes', () => {
    expect(disassembleBlock(new Uint8Array(0), 0)).toEqual([]);
  });
});
