import { describe, expect, it } from 'vitest';
import { asm, diagList, hexWords } from './testing.ts';

const bytesOf = (text: string) => {
  const r = asm(text);
  if (!r.image) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return Buffer.from(r.image.bytes).toString('hex');
};

describe('data directives', () => {
  it('emit the same bytes as GNU as for a mixed sequence', () => {
    const src = [
      '.byte 1, -1, \'a\', 0x7f', '.hword 0x1234, -2', '.short 5', '.word 0xdeadbeef', '.long -1', '.quad 0x1122334455667788', '.xword -2',
      '.ascii "a\\tb\\\\\\"\\x41\\101\\n"', '.asciz "hi"', '.string "yo", "z"', '.space 3', '.skip 2, 0xaa', '.zero 1', '.fill 2, 3, 0x11223344',
      '.balign 8', '.quad 1', '.p2align 2', '.byte 9', '.align 3, 0xee', '.byte 8', '.equ A, 3', '.set B, A * 2', 'C = B + 1', '.byte A, B, C',
      '.inst 0xd503201f',
    ].join('\n');
    // From aarch64-linux-gnu-as + objcopy -O binary.
    expect(bytesOf(src)).toBe(
      '01ff617f3412feff0500efbeaddeffffffff8877665544332211feffffffffffffff6109625c2241410a686900796f007a00000000aaaa004433224433220000010000000000000009eeeeeeeeeeeeee080306071f2003d5',
    );
  });

  it('.2byte/.4byte/.8byte/.int/.dword are size aliases', () => {
    expect(bytesOf('.2byte 1\n.4byte 2\n.int 3\n.8byte 4\n.dword 5')).toBe('0100' + '02000000' + '03000000' + '0400000000000000' + '0500000000000000');
  });

  it('.word takes label differences and label addresses', () => {
    // `.` is the address of the element being emitted (GNU as: 0x10 here).
    expect(hexWords('a: nop\nb: nop\n.word b - a, a, . - a')).toEqual(['d503201f', 'd503201f', '00000004', '00080000', '00000010']);
  });

  it('warns (W_TRUNCATED) and truncates values that do not fit', () => {
    const r = asm('.byte 256\n.hword -32769');
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['W_TRUNCATED', 'warning'], ['W_TRUNCATED', 'warning']]);
    expect(Buffer.from(r.image!.bytes).toString('hex')).toBe('00ff7f');
  });
});

describe('alignment', () => {
  it('pads code sections with zeros to a word, then NOPs (as GNU as)', () => {
    expect(hexWords('nop\n.byte 2\n.align 4\nnop')).toEqual(['d503201f', '00000002', 'd503201f', 'd503201f', 'd503201f']);
  });

  it('pads data sections with zeros, and honours fill and max-skip', () => {
    expect(bytesOf('.data\n.byte 1\n.balign 4\n.byte 2\n.p2align 3, 0xff\n.byte 3\n.balign 16, 0, 2\n.byte 4')).toBe('0100000002ffffff0304');
  });

  it('instructions after data are word-aligned with zeros', () => {
    expect(hexWords('.byte 1\nnop')).toEqual(['00000001', 'd503201f']);
  });

  it('rejects a .balign that is not a power of two', () => {
    expect(diagList('.balign 12')).toEqual(['1:9 E_DIRECTIVE_ARG']);
  });
});

describe('sections', () => {
  it('lays out .text, .rodata, .data, other sections, then .bss, each aligned', () => {
    const r = asm('.data\nd: .byte 1\n.bss\nb: .space 16\n.section .rodata\n.balign 16\nro: .word 2\n.section .mine, "a"\nm: .byte 3\n.text\n_start: nop\nnop\nnop');
    expect(r.ok).toBe(true);
    const img = r.image!;
    expect(img.sections).toEqual([
      { name: '.text', addr: 0x80000, size: 12 },
      { name: '.rodata', addr: 0x80010, size: 4 },
      { name: '.data', addr: 0x80014, size: 1 },
      { name: '.mine', addr: 0x80015, size: 1 },
      { name: '.bss', addr: 0x80016, size: 16 },
    ]);
    expect(img.symbols).toMatchObject({ _start: 0x80000, ro: 0x80010, d: 0x80014, m: 0x80015, b: 0x80016 });
    expect(img.bytes.length).toBe(0x26);
    expect(img.entry).toBe(0x80000);
  });

  it('.section .text.boot with "ax" holds code (NOP padding)', () => {
    const r = asm('.section .text.boot, "ax"\n.byte 1\n.balign 8\nnop');
    expect(r.image!.sections.map((s) => s.name)).toEqual(['.text', '.text.boot']);
    expect(Buffer.from(r.image!.bytes).toString('hex')).toBe('010000001f2003d51f2003d5');
  });

  it('.bss holds zeros only', () => {
    expect(diagList('.bss\n.word 5\n.word 0\n.space 8\nnop')).toEqual(['2:1 E_DIRECTIVE_ARG', '5:1 E_DIRECTIVE_ARG']);
  });

  it('.text / .data take no subsection argument', () => {
    expect(diagList('.data 1')).toEqual(['1:7 E_DIRECTIVE_ARG']);
  });
});

describe('literal pools', () => {
  it('.ltorg emits 4-byte entries, then 8-byte ones, sharing equal values and symbols', () => {
    expect(hexWords('x: ldr x0, =0x12\nldr w1, =7\nldr x2, =0x12\nldr x3, =x\nldr x4, =x + 0\n.ltorg\nnop')).toEqual([
      '580000c0', '18000081', '58000082', '580000a3', '58000084', '00000007', '00000012', '00000000', '00080000', '00000000', 'd503201f',
    ]);
  });

  it('pools left open are emitted at the end of their section', () => {
    expect(hexWords('ldr w0, =5\nnop')).toEqual(['18000040', 'd503201f', '00000005']);
  });
});

describe('symbols and other directives', () => {
  it('.equ/.set/= define constants; .set may redefine, .equiv may not', () => {
    expect(hexWords('.set N, 1\nN = N + 1\nmovz x0, #N')).toEqual(['d2800040']);
    expect(diagList('.equiv K, 1\n.equiv K, 2')).toEqual(['2:8 E_DUPLICATE_SYMBOL']);
  });

  it('accepts the common metadata directives without effect', () => {
    const src = '.global _start\n.globl f\n.type f, %function\n.size f, .-f\n.arch armv8-a\n.cpu cortex-a53\n.file "x.s"\n.ident "hvlab"\nf: ret';
    expect(hexWords(src)).toEqual(['d65f03c0']);
  });

  it('.end stops the file', () => {
    expect(hexWords('nop\n.end\nthis is not assembly')).toEqual(['d503201f']);
  });

  it('reports unknown directives', () => {
    expect(diagList('.purgem foo')).toEqual(['1:1 E_UNKNOWN_DIRECTIVE']);
  });
});

describe('control directives', () => {
  it('.macro with parameters, defaults and \\@; .rept; .irp; .if/.else/.endif; .ifdef/.ifndef', () => {
    const src = [
      '.macro push a, b=x30', '  stp \\a, \\b, [sp, #-16]!', '.endm',
      '.macro uniq', 'l\\@: b l\\@', '.endm',
      '.equ DEBUG, 1',
      '.if DEBUG', 'nop', '.else', 'brk #0', '.endif',
      '.ifdef NOPE', 'brk #1', '.endif',
      '.ifndef NOPE', 'push x0', '.endif',
      '.rept 2', 'add x0, x0, #1', '.endr',
      '.irp r, x2, x3', 'mov \\r, #0', '.endr',
      'uniq', 'uniq',
    ].join('\n');
    // Words from aarch64-linux-gnu-as for the same source.
    expect(hexWords(src)).toEqual(['d503201f', 'a9bf7be0', '91000400', '91000400', 'd2800002', 'd2800003', '14000000', '14000000']);
  });

  it('nested .if inside a false branch stays false', () => {
    expect(hexWords('.if 0\n.if 1\nbrk #1\n.endif\n.else\nnop\n.endif')).toEqual(['d503201f']);
  });

  it('reports unbalanced blocks, bad macro calls and runaway recursion', () => {
    expect(diagList('.rept 2\nnop')).toEqual(['1:1 E_DIRECTIVE_ARG']);
    expect(diagList('.endr\n.endif\n.if 1\nnop')).toEqual(['1:1 E_DIRECTIVE_ARG', '2:1 E_DIRECTIVE_ARG', '4:1 E_DIRECTIVE_ARG']);
    expect(diagList('.macro m a\nnop\n.endm\nm 1, 2')).toEqual(['4:3 E_OPERAND_COUNT']);
    expect(diagList('.macro r\nr\n.endm\nr', true)[0]).toContain('nested too deeply');
    expect(diagList('.rept 1 << 40\nnop\n.endr')).toEqual(['1:7 E_DIRECTIVE_ARG']);
  });
});

describe('section stack', () => {
  it('.previous, .pushsection and .popsection switch back', () => {
    const r = asm('nop\n.data\n.byte 1\n.previous\nnop\n.pushsection .rodata\n.byte 2\n.popsection\nnop\n.popsection');
    expect(r.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['10 E_DIRECTIVE_ARG']);
    const ok = asm('nop\n.data\n.byte 1\n.previous\nnop\n.pushsection .rodata\n.byte 2\n.popsection\nnop');
    expect(ok.image!.sections.map((s) => [s.name, s.size])).toEqual([['.text', 12], ['.rodata', 1], ['.data', 1]]);
  });
});
