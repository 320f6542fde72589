/**
 * Loads and stores in every addressing mode: every line's word as GNU as 2.40 assembles it (expected words were
 * taken from aarch64-linux-gnu-as; the differential suite covers far more).
 */
import { describe, expect, it } from 'vitest';
import { hexWords, wordCases } from './testing.ts';

const CASES: [string, number][] = [
  ['ldr x0, [x1]', 0xf9400020],
  ['ldr x0, [sp, #32760]', 0xf97fffe0],
  ['ldr w0, [x1, #16380]', 0xb97ffc20],
  ['ldrb w0, [x1, #4095]', 0x397ffc20],
  ['ldrh w0, [x1, #8190]', 0x797ffc20],
  ['ldrsb x0, [x1, #1]', 0x39800420],
  ['ldrsb w0, [x1]', 0x39c00020],
  ['ldrsh x0, [x1, #2]', 0x79800420],
  ['ldrsh w0, [x1, #-2]', 0x78dfe020],
  ['ldrsw x0, [x1, #4]', 0xb9800420],
  ['str x0, [x1, #-256]', 0xf8100020],
  ['str w0, [x1, #255]', 0xb80ff020],
  ['strb w0, [x1, #-1]', 0x381ff020],
  ['strh w0, [x1, #3]', 0x78003020],
  ['ldr x0, [x1, #8]!', 0xf8408c20],
  ['str x0, [sp, #-16]!', 0xf81f0fe0],
  ['ldrb w0, [x1], #-256', 0x38500420],
  ['strh w0, [x1], #255', 0x780ff420],
  ['ldr x0, [x1, x2]', 0xf8626820],
  ['ldr x0, [x1, x2, lsl #3]', 0xf8627820],
  ['ldr w0, [x1, w2, uxtw #2]', 0xb8625820],
  ['ldr w0, [x1, w2, sxtw]', 0xb862c820],
  ['ldrh w0, [x1, x2, sxtx #1]', 0x7862f820],
  ['ldrb w0, [x1, x2, lsl #0]', 0x38627820],
  ['ldrb w0, [x1, w2, sxtw #0]', 0x3862d820],
  ['str x0, [x1, xzr]', 0xf83f6820],
  ['ldrsw x0, [x1, x2, lsl #2]', 0xb8a27820],
  ['ldur x0, [x1, #-1]', 0xf85ff020],
  ['stur w0, [sp]', 0xb80003e0],
  ['ldurb w0, [x1, #255]', 0x384ff020],
  ['sturh w0, [x1, #-256]', 0x78100020],
  ['ldursb x0, [x1]', 0x38800020],
  ['ldursh w0, [x1, #1]', 0x78c01020],
  ['ldursw x0, [x1, #-4]', 0xb89fc020],
  ['ldp x0, x1, [sp]', 0xa94007e0],
  ['ldp w0, w1, [x2, #252]', 0x295f8440],
  ['stp x29, x30, [sp, #-512]!', 0xa9a07bfd],
  ['ldp x29, x30, [sp], #16', 0xa8c17bfd],
  ['stp w0, w1, [x2, #-256]', 0x29200440],
  ['ldpsw x0, x1, [x2, #8]', 0x69410440],
  ['ldpsw x0, x1, [x2], #-8', 0x68ff0440],
  ['ldxr x0, [x1]', 0xc85f7c20],
  ['ldxr w0, [sp, #0]', 0x885f7fe0],
  ['stxr w2, x0, [x1]', 0xc8027c20],
  ['stlxr w3, w0, [x1]', 0x8803fc20],
  ['ldaxr x0, [x1]', 0xc85ffc20],
  ['ldar w0, [x1]', 0x88dffc20],
  ['stlr x0, [x1]', 0xc89ffc20],
];

wordCases('Loads', CASES);

describe('prfm', () => {
  it.each([
    ['prfm pldl1keep, [x0]', 'f9800000'],
    ['prfm pstl3strm, [sp, #32760]', 'f9bffff5'],
    ['prfm #31, [x1, #8]', 'f980043f'],
    ['prfm plil2keep, .', 'd800000a'],
  ])('%s', (src, word) => {
    expect(hexWords(src)).toEqual([word]);
  });
});
