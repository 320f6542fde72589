/**
 * The AArch64 encoding table: the one source of truth for which 32-bit words
 * are which instruction. The decoder, the disassembler, the assembler's
 * encoder, the executors, the hover docs and the random-program generator all
 * read it; nothing else in hvlab states an encoding.
 *
 * A pattern lists the word from bit 31 down to bit 0 as space-separated
 * tokens: a run of `0`/`1` is literal bits; `name:width` is a field. Field
 * names follow the Arm Architecture Reference Manual (sf, op, S, sh, imm12,
 * Rn, Rd, ...), so every line can be checked against the spec.
 *
 * `reserved` marks field combinations the architecture leaves unallocated
 * within an otherwise matching pattern; such words decode as UNDEFINED.
 */
import { decodeBitMasks } from './bitmask.ts';

export type InsnClass =
  | 'dp-imm'
  | 'dp-reg'
  | 'branch'
  | 'system'
  | 'ldst';

export interface Encoding {
  /** Stable identifier, e.g. `ADD_imm`; executors and syntax are keyed by it. */
  readonly id: string;
  /** The base mnemonic as the Arm ARM names it (aliases live in the syntax layer). */
  readonly mnemonic: string;
  readonly cls: InsnClass;
  /** Bits 31..0, see the module comment. */
  readonly pattern: string;
  /** One line for hover docs and listings. */
  readonly summary: string;
  /** True for field values the architecture leaves unallocated. */
  readonly reserved?: (f: Readonly<Record<string, number>>) => boolean;
}

const e = (
  id: string,
  mnemonic: string,
  cls: InsnClass,
  pattern: string,
  summary: string,
  reserved?: Encoding['reserved'],
): Encoding => ({ id, mnemonic, cls, pattern, summary, reserved });

/**
 * Logical immediates DecodeBitMasks rejects (N = 1 in a 32-bit form, or an
 * element of all ones) are unallocated.
 */
const badLogicalImm = (f: Readonly<Record<string, number>>) =>
  decodeBitMasks(f.N, f.imms, f.immr, f.sf === 1 ? 64 : 32, true) === null;

// ---------------------------------------------------------------------------
// Data processing: immediate
// ---------------------------------------------------------------------------
const dpImm: Encoding[] = [
  e('ADR', 'adr', 'dp-imm', '0 immlo:2 10000 immhi:19 Rd:5', 'Form PC-relative address'),
  e('ADRP', 'adrp', 'dp-imm', '1 immlo:2 10000 immhi:19 Rd:5', 'Form PC-relative address to 4 KiB page'),
  e('ADD_imm', 'add', 'dp-imm', 'sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5', 'Add (immediate)'),
  e('ADDS_imm', 'adds', 'dp-imm', 'sf:1 0 1 100010 sh:1 imm12:12 Rn:5 Rd:5', 'Add (immediate), setting flags'),
  e('SUB_imm', 'sub', 'dp-imm', 'sf:1 1 0 100010 sh:1 imm12:12 Rn:5 Rd:5', 'Subtract (immediate)'),
  e('SUBS_imm', 'subs', 'dp-imm', 'sf:1 1 1 100010 sh:1 imm12:12 Rn:5 Rd:5', 'Subtract (immediate), setting flags'),
  e('AND_imm', 'and', 'dp-imm', 'sf:1 00 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Bitwise AND (immediate)', badLogicalImm),
  e('ORR_imm', 'orr', 'dp-imm', 'sf:1 01 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Bitwise OR (immediate)', badLogicalImm),
  e('EOR_imm', 'eor', 'dp-imm', 'sf:1 10 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Bitwise exclusive OR (immediate)', badLogicalImm),
  e('ANDS_imm', 'ands', 'dp-imm', 'sf:1 11 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Bitwise AND (immediate), setting flags', badLogicalImm),
  e('MOVN', 'movn', 'dp-imm', 'sf:1 00 100101 hw:2 imm16:16 Rd:5', 'Move wide with NOT', (f) => f.sf === 0 && f.hw >= 2),
  e('MOVZ', 'movz', 'dp-imm', 'sf:1 10 100101 hw:2 imm16:16 Rd:5', 'Move wide with zero', (f) => f.sf === 0 && f.hw >= 2),
  e('MOVK', 'movk', 'dp-imm', 'sf:1 11 100101 hw:2 imm16:16 Rd:5', 'Move wide with keep', (f) => f.sf === 0 && f.hw >= 2),
  e('SBFM', 'sbfm', 'dp-imm', 'sf:1 00 100110 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Signed bitfield move', (f) => f.N !== f.sf || (f.sf === 0 && (f.immr >= 32 || f.imms >= 32))),
  e('BFM', 'bfm', 'dp-imm', 'sf:1 01 100110 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Bitfield move', (f) => f.N !== f.sf || (f.sf === 0 && (f.immr >= 32 || f.imms >= 32))),
  e('UBFM', 'ubfm', 'dp-imm', 'sf:1 10 100110 N:1 immr:6 imms:6 Rn:5 Rd:5', 'Unsigned bitfield move', (f) => f.N !== f.sf || (f.sf === 0 && (f.immr >= 32 || f.imms >= 32))),
  e('EXTR', 'extr', 'dp-imm', 'sf:1 00 100111 N:1 0 Rm:5 imms:6 Rn:5 Rd:5', 'Extract register from pair', (f) => f.N !== f.sf || (f.sf === 0 && f.imms >= 32)),
];

// ---------------------------------------------------------------------------
// Data processing: register
// ---------------------------------------------------------------------------
const logicalReg = ([
  ['AND', 'and', '00', 0, 'Bitwise AND (shifted register)'],
  ['BIC', 'bic', '00', 1, 'Bitwise bit clear (shifted register)'],
  ['ORR', 'orr', '01', 0, 'Bitwise OR (shifted register)'],
  ['ORN', 'orn', '01', 1, 'Bitwise OR NOT (shifted register)'],
  ['EOR', 'eor', '10', 0, 'Bitwise exclusive OR (shifted register)'],
  ['EON', 'eon', '10', 1, 'Bitwise exclusive OR NOT (shifted register)'],
  ['ANDS', 'ands', '11', 0, 'Bitwise AND (shifted register), setting flags'],
  ['BICS', 'bics', '11', 1, 'Bitwise bit clear (shifted register), setting flags'],
] as const).map(([id, m, opc, n, s]) =>
  e(`${id}_sreg`, m, 'dp-reg', `sf:1 ${opc} 01010 shift:2 ${n} Rm:5 imm6:6 Rn:5 Rd:5`, s, (f) => f.sf === 0 && f.imm6 >= 32),
);

const addSubReg = ([
  ['ADD', 'add', '0 0', 'Add'],
  ['ADDS', 'adds', '0 1', 'Add, setting flags'],
  ['SUB', 'sub', '1 0', 'Subtract'],
  ['SUBS', 'subs', '1 1', 'Subtract, setting flags'],
] as const).flatMap(([id, m, opS, s]) => [
  e(`${id}_sreg`, m, 'dp-reg', `sf:1 ${opS} 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5`, `${s} (shifted register)`,
    (f) => f.shift === 3 || (f.sf === 0 && f.imm6 >= 32)),
  e(`${id}_ereg`, m, 'dp-reg', `sf:1 ${opS} 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5`, `${s} (extended register)`,
    (f) => f.imm3 > 4),
]);

const dpReg: Encoding[] = [
  ...logicalReg,
  ...addSubReg,
  e('ADC', 'adc', 'dp-reg', 'sf:1 0 0 11010000 Rm:5 000000 Rn:5 Rd:5', 'Add with carry'),
  e('ADCS', 'adcs', 'dp-reg', 'sf:1 0 1 11010000 Rm:5 000000 Rn:5 Rd:5', 'Add with carry, setting flags'),
  e('SBC', 'sbc', 'dp-reg', 'sf:1 1 0 11010000 Rm:5 000000 Rn:5 Rd:5', 'Subtract with carry'),
  e('SBCS', 'sbcs', 'dp-reg', 'sf:1 1 1 11010000 Rm:5 000000 Rn:5 Rd:5', 'Subtract with carry, setting flags'),
  e('CCMN_reg', 'ccmn', 'dp-reg', 'sf:1 0 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4', 'Conditional compare negative (register)'),
  e('CCMP_reg', 'ccmp', 'dp-reg', 'sf:1 1 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4', 'Conditional compare (register)'),
  e('CCMN_imm', 'ccmn', 'dp-reg', 'sf:1 0 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4', 'Conditional compare negative (immediate)'),
  e('CCMP_imm', 'ccmp', 'dp-reg', 'sf:1 1 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4', 'Conditional compare (immediate)'),
  e('CSEL', 'csel', 'dp-reg', 'sf:1 0 0 11010100 Rm:5 cond:4 00 Rn:5 Rd:5', 'Conditional select'),
  e('CSINC', 'csinc', 'dp-reg', 'sf:1 0 0 11010100 Rm:5 cond:4 01 Rn:5 Rd:5', 'Conditional select increment'),
  e('CSINV', 'csinv', 'dp-reg', 'sf:1 1 0 11010100 Rm:5 cond:4 00 Rn:5 Rd:5', 'Conditional select invert'),
  e('CSNEG', 'csneg', 'dp-reg', 'sf:1 1 0 11010100 Rm:5 cond:4 01 Rn:5 Rd:5', 'Conditional select negation'),
  e('UDIV', 'udiv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 000010 Rn:5 Rd:5', 'Unsigned divide'),
  e('SDIV', 'sdiv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 000011 Rn:5 Rd:5', 'Signed divide'),
  e('LSLV', 'lslv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 001000 Rn:5 Rd:5', 'Logical shift left variable'),
  e('LSRV', 'lsrv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 001001 Rn:5 Rd:5', 'Logical shift right variable'),
  e('ASRV', 'asrv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 001010 Rn:5 Rd:5', 'Arithmetic shift right variable'),
  e('RORV', 'rorv', 'dp-reg', 'sf:1 0 0 11010110 Rm:5 001011 Rn:5 Rd:5', 'Rotate right variable'),
  e('RBIT', 'rbit', 'dp-reg', 'sf:1 1 0 11010110 00000 000000 Rn:5 Rd:5', 'Reverse bits'),
  e('REV16', 'rev16', 'dp-reg', 'sf:1 1 0 11010110 00000 000001 Rn:5 Rd:5', 'Reverse bytes in 16-bit halfwords'),
  // opc 000010 is REV (32-bit) when sf = 0 and REV32 when sf = 1.
  e('REV32', 'rev32', 'dp-reg', '1 1 0 11010110 00000 000010 Rn:5 Rd:5', 'Reverse bytes in 32-bit words'),
  e('REV_w', 'rev', 'dp-reg', '0 1 0 11010110 00000 000010 Rn:5 Rd:5', 'Reverse bytes (32-bit)'),
  e('REV_x', 'rev', 'dp-reg', '1 1 0 11010110 00000 000011 Rn:5 Rd:5', 'Reverse bytes (64-bit)'),
  e('CLZ', 'clz', 'dp-reg', 'sf:1 1 0 11010110 00000 000100 Rn:5 Rd:5', 'Count leading zeros'),
  e('CLS', 'cls', 'dp-reg', 'sf:1 1 0 11010110 00000 000101 Rn:5 Rd:5', 'Count leading sign bits'),
  e('MADD', 'madd', 'dp-reg', 'sf:1 00 11011 000 Rm:5 0 Ra:5 Rn:5 Rd:5', 'Multiply-add'),
  e('MSUB', 'msub', 'dp-reg', 'sf:1 00 11011 000 Rm:5 1 Ra:5 Rn:5 Rd:5', 'Multiply-subtract'),
  e('SMADDL', 'smaddl', 'dp-reg', '1 00 11011 001 Rm:5 0 Ra:5 Rn:5 Rd:5', 'Signed multiply-add long'),
  e('SMSUBL', 'smsubl', 'dp-reg', '1 00 11011 001 Rm:5 1 Ra:5 Rn:5 Rd:5', 'Signed multiply-subtract long'),
  e('SMULH', 'smulh', 'dp-reg', '1 00 11011 010 Rm:5 0 Ra:5 Rn:5 Rd:5', 'Signed multiply high'),
  e('UMADDL', 'umaddl', 'dp-reg', '1 00 11011 101 Rm:5 0 Ra:5 Rn:5 Rd:5', 'Unsigned multiply-add long'),
  e('UMSUBL', 'umsubl', 'dp-reg', '1 00 11011 101 Rm:5 1 Ra:5 Rn:5 Rd:5', 'Unsigned multiply-subtract long'),
  e('UMULH', 'umulh', 'dp-reg', '1 00 11011 110 Rm:5 0 Ra:5 Rn:5 Rd:5', 'Unsigned multiply high'),
];

// ---------------------------------------------------------------------------
// Branches, exception generation and system
// ---------------------------------------------------------------------------
const hint = (id: string, m: string, crmOp2: string, s: string) =>
  e(id, m, 'system', `11010101 00000011 0010 ${crmOp2} 11111`, s);

const branchSys: Encoding[] = [
  e('B', 'b', 'branch', '0 00101 imm26:26', 'Branch'),
  e('BL', 'bl', 'branch', '1 00101 imm26:26', 'Branch with link'),
  e('B_cond', 'b.', 'branch', '0101010 0 imm19:19 0 cond:4', 'Branch conditionally'),
  e('CBZ', 'cbz', 'branch', 'sf:1 011010 0 imm19:19 Rt:5', 'Compare and branch on zero'),
  e('CBNZ', 'cbnz', 'branch', 'sf:1 011010 1 imm19:19 Rt:5', 'Compare and branch on nonzero'),
  e('TBZ', 'tbz', 'branch', 'b5:1 011011 0 b40:5 imm14:14 Rt:5', 'Test bit and branch if zero'),
  e('TBNZ', 'tbnz', 'branch', 'b5:1 011011 1 b40:5 imm14:14 Rt:5', 'Test bit and branch if nonzero'),
  e('BR', 'br', 'branch', '1101011 0000 11111 000000 Rn:5 00000', 'Branch to register'),
  e('BLR', 'blr', 'branch', '1101011 0001 11111 000000 Rn:5 00000', 'Branch with link to register'),
  e('RET', 'ret', 'branch', '1101011 0010 11111 000000 Rn:5 00000', 'Return from subroutine'),
  e('ERET', 'eret', 'branch', '1101011 0100 11111 000000 11111 00000', 'Exception return'),
  e('SVC', 'svc', 'system', '11010100 000 imm16:16 000 01', 'Supervisor call'),
  e('HVC', 'hvc', 'system', '11010100 000 imm16:16 000 10', 'Hypervisor call'),
  e('SMC', 'smc', 'system', '11010100 000 imm16:16 000 11', 'Secure monitor call'),
  e('BRK', 'brk', 'system', '11010100 001 imm16:16 000 00', 'Breakpoint'),
  e('HLT', 'hlt', 'system', '11010100 010 imm16:16 000 00', 'Halt'),
  hint('NOP', 'nop', '0000 000', 'No operation'),
  hint('YIELD', 'yield', '0000 001', 'Yield hint'),
  hint('WFE', 'wfe', '0000 010', 'Wait for event'),
  hint('WFI', 'wfi', '0000 011', 'Wait for interrupt'),
  hint('SEV', 'sev', '0000 100', 'Send event'),
  hint('SEVL', 'sevl', '0000 101', 'Send event local'),
  // Every other hint space encoding executes as a NOP (architecturally).
  e('HINT', 'hint', 'system', '11010101 00000011 0010 CRm:4 op2:3 11111', 'Hint instruction'),
  e('CLREX', 'clrex', 'system', '11010101 00000011 0011 CRm:4 010 11111', 'Clear exclusive monitor'),
  e('DSB', 'dsb', 'system', '11010101 00000011 0011 CRm:4 100 11111', 'Data synchronization barrier'),
  e('DMB', 'dmb', 'system', '11010101 00000011 0011 CRm:4 101 11111', 'Data memory barrier'),
  e('ISB', 'isb', 'system', '11010101 00000011 0011 CRm:4 110 11111', 'Instruction synchronization barrier'),
  e('MSR_imm', 'msr', 'system', '11010101 00000 op1:3 0100 CRm:4 op2:3 11111', 'Move immediate to PSTATE field',
    (f) => !isPstateField(f.op1, f.op2)),
  e('MSR_reg', 'msr', 'system', '1101010100 0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', 'Move general register to system register'),
  e('MRS', 'mrs', 'system', '1101010100 1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', 'Move system register to general register'),
];

/** PSTATE fields writable by MSR (immediate) that hvlab implements: SPSel, DAIFSet, DAIFClr. */
export const PSTATE_FIELDS = {
  spsel: { op1: 0b000, op2: 0b101 },
  daifset: { op1: 0b011, op2: 0b110 },
  daifclr: { op1: 0b011, op2: 0b111 },
} as const;

function isPstateField(op1: number, op2: number): boolean {
  return Object.values(PSTATE_FIELDS).some((p) => p.op1 === op1 && p.op2 === op2);
}

// ---------------------------------------------------------------------------
// Loads and stores
// ---------------------------------------------------------------------------

/**
 * Single-register load/store variants by (size, opc), as in the Arm ARM's
 * "Load/store register" tables. `bytes` is the access size; `signed` loads
 * sign-extend into a W (`ext: 32`) or X (`ext: 64`) register.
 */
export const LDST_VARIANTS = [
  { name: 'STRB', m: 'strb', size: 0b00, opc: 0b00, bytes: 1, load: false, signed: false, ext: 32 },
  { name: 'LDRB', m: 'ldrb', size: 0b00, opc: 0b01, bytes: 1, load: true, signed: false, ext: 32 },
  { name: 'LDRSB_x', m: 'ldrsb', size: 0b00, opc: 0b10, bytes: 1, load: true, signed: true, ext: 64 },
  { name: 'LDRSB_w', m: 'ldrsb', size: 0b00, opc: 0b11, bytes: 1, load: true, signed: true, ext: 32 },
  { name: 'STRH', m: 'strh', size: 0b01, opc: 0b00, bytes: 2, load: false, signed: false, ext: 32 },
  { name: 'LDRH', m: 'ldrh', size: 0b01, opc: 0b01, bytes: 2, load: true, signed: false, ext: 32 },
  { name: 'LDRSH_x', m: 'ldrsh', size: 0b01, opc: 0b10, bytes: 2, load: true, signed: true, ext: 64 },
  { name: 'LDRSH_w', m: 'ldrsh', size: 0b01, opc: 0b11, bytes: 2, load: true, signed: true, ext: 32 },
  { name: 'STR_w', m: 'str', size: 0b10, opc: 0b00, bytes: 4, load: false, signed: false, ext: 32 },
  { name: 'LDR_w', m: 'ldr', size: 0b10, opc: 0b01, bytes: 4, load: true, signed: false, ext: 32 },
  { name: 'LDRSW', m: 'ldrsw', size: 0b10, opc: 0b10, bytes: 4, load: true, signed: true, ext: 64 },
  { name: 'STR_x', m: 'str', size: 0b11, opc: 0b00, bytes: 8, load: false, signed: false, ext: 64 },
  { name: 'LDR_x', m: 'ldr', size: 0b11, opc: 0b01, bytes: 8, load: true, signed: false, ext: 64 },
] as const;

export type LdstVariant = (typeof LDST_VARIANTS)[number];

/** Unscaled mnemonics (LDUR family) for the same (size, opc) pairs. */
const unscaledName = (m: string) => m.replace(/^(ld|st)r/, '$1ur');

/** Addressing modes of the single-register forms; the id suffix names them. */
const ldstSingle: Encoding[] = LDST_VARIANTS.flatMap((v) => {
  const sz = v.size.toString(2).padStart(2, '0');
  const opc = v.opc.toString(2).padStart(2, '0');
  const kind = v.load ? 'Load' : 'Store';
  const what = `${kind} register (${v.m})`;
  return [
    e(`${v.name}_uoff`, v.m, 'ldst', `${sz} 111 0 01 ${opc} imm12:12 Rn:5 Rt:5`, `${what}, unsigned offset`),
    e(`${v.name}_unscaled`, unscaledName(v.m), 'ldst', `${sz} 111 0 00 ${opc} 0 imm9:9 00 Rn:5 Rt:5`, `${what}, unscaled offset`),
    e(`${v.name}_post`, v.m, 'ldst', `${sz} 111 0 00 ${opc} 0 imm9:9 01 Rn:5 Rt:5`, `${what}, post-index`),
    e(`${v.name}_pre`, v.m, 'ldst', `${sz} 111 0 00 ${opc} 0 imm9:9 11 Rn:5 Rt:5`, `${what}, pre-index`),
    e(`${v.name}_reg`, v.m, 'ldst', `${sz} 111 0 00 ${opc} 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5`, `${what}, register offset`,
      (f) => (f.option & 0b010) === 0),
  ];
});

const ldstOther: Encoding[] = [
  e('LDR_lit_w', 'ldr', 'ldst', '00 011 0 00 imm19:19 Rt:5', 'Load register (literal), 32-bit'),
  e('LDR_lit_x', 'ldr', 'ldst', '01 011 0 00 imm19:19 Rt:5', 'Load register (literal), 64-bit'),
  e('LDRSW_lit', 'ldrsw', 'ldst', '10 011 0 00 imm19:19 Rt:5', 'Load register signed word (literal)'),
  e('PRFM_lit', 'prfm', 'ldst', '11 011 0 00 imm19:19 Rt:5', 'Prefetch memory (literal)'),
  e('PRFM_uoff', 'prfm', 'ldst', '11 111 0 01 10 imm12:12 Rn:5 Rt:5', 'Prefetch memory (unsigned offset)'),
  // Pairs: opc 00 = 32-bit, 10 = 64-bit, 01 with L = 1 = LDPSW.
  ...([['post', '001'], ['off', '010'], ['pre', '011']] as const).flatMap(([mode, bits]) => [
    e(`STP_w_${mode}`, 'stp', 'ldst', `00 101 0 ${bits} 0 imm7:7 Rt2:5 Rn:5 Rt:5`, `Store pair (32-bit), ${mode}`),
    e(`LDP_w_${mode}`, 'ldp', 'ldst', `00 101 0 ${bits} 1 imm7:7 Rt2:5 Rn:5 Rt:5`, `Load pair (32-bit), ${mode}`),
    e(`LDPSW_${mode}`, 'ldpsw', 'ldst', `01 101 0 ${bits} 1 imm7:7 Rt2:5 Rn:5 Rt:5`, `Load pair signed words, ${mode}`),
    e(`STP_x_${mode}`, 'stp', 'ldst', `10 101 0 ${bits} 0 imm7:7 Rt2:5 Rn:5 Rt:5`, `Store pair (64-bit), ${mode}`),
    e(`LDP_x_${mode}`, 'ldp', 'ldst', `10 101 0 ${bits} 1 imm7:7 Rt2:5 Rn:5 Rt:5`, `Load pair (64-bit), ${mode}`),
  ]),
  // Exclusives and acquire/release: size 10 = 32-bit, 11 = 64-bit. Rs and Rt2
  // are fixed at 11111 where unused (other values are CONSTRAINED UNPREDICTABLE
  // in Armv8.0; hvlab treats them as UNDEFINED so the behaviour is defined).
  ...([['w', '10'], ['x', '11']] as const).flatMap(([r, sz]) => [
    e(`STXR_${r}`, 'stxr', 'ldst', `${sz} 001000 0 0 0 Rs:5 0 11111 Rn:5 Rt:5`, 'Store exclusive register'),
    e(`STLXR_${r}`, 'stlxr', 'ldst', `${sz} 001000 0 0 0 Rs:5 1 11111 Rn:5 Rt:5`, 'Store-release exclusive register'),
    e(`LDXR_${r}`, 'ldxr', 'ldst', `${sz} 001000 0 1 0 11111 0 11111 Rn:5 Rt:5`, 'Load exclusive register'),
    e(`LDAXR_${r}`, 'ldaxr', 'ldst', `${sz} 001000 0 1 0 11111 1 11111 Rn:5 Rt:5`, 'Load-acquire exclusive register'),
    e(`STLR_${r}`, 'stlr', 'ldst', `${sz} 001000 1 0 0 11111 1 11111 Rn:5 Rt:5`, 'Store-release register'),
    e(`LDAR_${r}`, 'ldar', 'ldst', `${sz} 001000 1 1 0 11111 1 11111 Rn:5 Rt:5`, 'Load-acquire register'),
  ]),
];

/**
 * Every encoding hvlab knows, most specific first where patterns overlap
 * (the decoder relies on this order: e.g. NOP before HINT, PRFM_uoff after
 * nothing it overlaps because STR_x/LDR_x use different opc).
 */
export const ENCODINGS: readonly Encoding[] = [...dpImm, ...dpReg, ...branchSys, ...ldstSingle, ...ldstOther];

/** Look-up by id; throws for an unknown id (a bug in hvlab, not user input). */
export const ENCODING_BY_ID: ReadonlyMap<string, Encoding> = new Map(ENCODINGS.map((x) => [x.id, x]));
