/**
 * System instructions, hints, barriers and system registers: every line's word as GNU as 2.40 assembles it (expected words were
 * taken from aarch64-linux-gnu-as; the differential suite covers far more).
 */
import { describe, expect, it } from 'vitest';
import { hexWords, wordCases } from './testing.ts';

const CASES: [string, number][] = [
  ['svc #0', 0xd4000001],
  ['hvc #0xffff', 0xd41fffe2],
  ['smc #1', 0xd4000023],
  ['brk #0x3e8', 0xd4207d00],
  ['hlt #0', 0xd4400000],
  ['nop', 0xd503201f],
  ['yield', 0xd503203f],
  ['wfe', 0xd503205f],
  ['wfi', 0xd503207f],
  ['sev', 0xd503209f],
  ['sevl', 0xd50320bf],
  ['hint #127', 0xd5032fff],
  ['clrex', 0xd5033f5f],
  ['clrex #3', 0xd503335f],
  ['dsb sy', 0xd5033f9f],
  ['dsb ish', 0xd5033b9f],
  ['dsb #0', 0xd503309f],
  ['dmb ishld', 0xd50339bf],
  ['dmb oshst', 0xd50332bf],
  ['dmb nshst', 0xd50336bf],
  ['isb', 0xd5033fdf],
  ['isb sy', 0xd5033fdf],
  ['isb #5', 0xd50335df],
  ['msr daifset, #15', 0xd5034fdf],
  ['msr daifclr, #2', 0xd50342ff],
  ['msr spsel, #0', 0xd50040bf],
  ['msr vbar_el1, x0', 0xd518c000],
  ['msr ELR_EL1, x1', 0xd5184021],
  ['msr spsr_el1, x2', 0xd5184002],
  ['msr sctlr_el1, x3', 0xd5181003],
  ['msr tpidr_el1, x4', 0xd518d084],
  ['msr sp_el0, x5', 0xd5184105],
  ['msr spsel, x6', 0xd5184206],
  ['msr daif, x7', 0xd51b4227],
  ['msr nzcv, x8', 0xd51b4208],
  ['msr esr_el1, x9', 0xd5185209],
  ['msr far_el1, x10', 0xd518600a],
  ['msr tpidr_el0, x11', 0xd51bd04b],
  ['mrs x0, currentel', 0xd5384240],
  ['mrs x1, MPIDR_EL1', 0xd53800a1],
  ['mrs x2, cntvct_el0', 0xd53be042],
  ['mrs x3, cntfrq_el0', 0xd53be003],
  ['mrs x4, midr_el1', 0xd5380004],
  ['mrs x5, s3_0_c1_c0_0', 0xd5381005],
  ['br x0', 0xd61f0000],
  ['blr x30', 0xd63f03c0],
  ['ret', 0xd65f03c0],
  ['ret x2', 0xd65f0040],
  ['eret', 0xd69f03e0],
];

wordCases('System instructions', CASES);

describe('branches, adr/adrp, :lo12: and literals', () => {
  // Linked by GNU ld at 0x80000 (-Ttext=0x80000).
  const src = `back: b back
b fwd
bl back
b.eq fwd
b.hs back
bne fwd
cbz x0, back
cbnz w1, fwd
tbz x2, #63, fwd
tbnz w3, #0, back
adr x4, back
adr x5, fwd
adrp x6, far
add x6, x6, :lo12:far
ldr x7, [x6, #:lo12:far]
ldr w8, lit
ldrsw x9, lit
ldr x10, =0x1122334455667788
ldr w11, =fwd
fwd: nop
.balign 8
lit: .word 7
.space 8192
.balign 8
far: .quad 0
`;
  it('encodes both directions, pages and pool entries as GNU as + ld', () => {
    const expected = [0x14000000, 0x14000012, 0x97fffffe, 0x54000200, 0x54ffff82, 0x540001c1, 0xb4ffff40, 0x35000181, 0xb6f80162, 0x3707fee3,
      0x10fffec4, 0x10000105, 0xd0000006, 0x910160c6, 0xf9402cc7, 0x180000a8, 0x98000089, 0x5801012a, 0x180100cb, 0xd503201f, 0x00000007, 0, 0, 0];
    const words = hexWords(src);
    expect(words.slice(0, 24)).toEqual(expected.map((w) => w.toString(16).padStart(8, '0')));
    expect(words.length * 4).toBe(8304);
  });
});
