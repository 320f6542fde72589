/**
 * The CPU benchmark guests (bare-machine assembly). Each ends at the label
 * `done` (a `brk #0`), so that Unicorn can run the same image up to it.
 */
export interface Guest {
  readonly name: string;
  readonly source: string;
}

const ITER_ALU = 40_000_000;
const ITER_LDST = 12_000_000;
const ITER_CALLS = 12_000_000;
const PASSES_CHECKSUM = 20_000;

const movImm = (reg: string, v: number) => `movz ${reg}, #${v & 0xffff}\n  movk ${reg}, #${v >>> 16}, lsl #16`;

export const GUESTS: Guest[] = [
  {
    name: 'alu',
    source: `
_start:
  ${movImm('x2', ITER_ALU)}
  mov x0, #0
  mov x1, #7
1: add x0, x0, #3
  eor x1, x1, x0
  add x3, x1, x0, lsl #2
  subs x2, x2, #1
  b.ne 1b
done: brk #0
`,
  },
  {
    name: 'ldst',
    source: `
_start:
  ldr x5, =0x100000
  ${movImm('x2', ITER_LDST)}
1: and x6, x2, #0xfff0
  add x7, x5, x6
  ldp x0, x1, [x7]
  add x0, x0, x1
  stp x1, x0, [x7]
  ldr w3, [x7, #4]
  str w3, [x7, #8]
  subs x2, x2, #1
  b.ne 1b
done: brk #0
`,
  },
  {
    name: 'calls',
    source: `
_start:
  ${movImm('x2', ITER_CALLS)}
  mov x4, #0
1: mov x0, x2
  bl f
  add x4, x4, x0
  tbz x2, #0, 2f
  eor x4, x4, x2
2: subs x2, x2, #1
  b.ne 1b
done: brk #0
f: and x1, x0, #3
  cbz x1, 3f
  add x0, x0, x1
  ret
3: lsl x0, x0, #1
  ret
`,
  },
  {
    name: 'checksum',
    source: `
_start:
  ldr x5, =0x100000
  ${movImm('x9', PASSES_CHECKSUM)}
0: mov x6, #0
  mov x0, #1
  mov x1, #0
1: ldr w3, [x5, x6]
  add x0, x0, x3
  add x1, x1, x0
  add x6, x6, #4
  cmp x6, #4096
  b.ne 1b
  subs x9, x9, #1
  b.ne 0b
done: brk #0
`,
  },
];
