/**
 * Operand spelling shared by the disassembler's formatters, in GNU objdump's
 * conventions: register names, immediates, branch targets.
 */

/** Decoded field values by Arm ARM name, as `decode()` returns them. */
export type Fields = Readonly<Record<string, number>>;

/** What one formatter says about an instruction. */
export interface Formatted {
  readonly mnemonic: string;
  /** Operand text, '' for none. */
  readonly operands?: string;
  /** objdump's trailing comment without the `//` (e.g. `#-1`). */
  readonly comment?: string;
  /** Separator objdump puts before the comment (it differs by operand kind). */
  readonly commentSep?: string;
  /** Branch / PC-relative target address. */
  readonly target?: number;
}

/** Where the instruction sits, and how to name an address. */
export interface Context {
  readonly addr: number;
  readonly symbolize?: (addr: number) => string | undefined;
}

export type Formatter = (f: Fields, ctx: Context) => Formatted;

/** General register `n` of the given width; 31 is the zero register. */
export function zr(n: number, x: boolean): string {
  if (n === 31) return x ? 'xzr' : 'wzr';
  return `${x ? 'x' : 'w'}${n}`;
}

/** General register `n` of the given width; 31 is the stack pointer. */
export function sp(n: number, x: boolean): string {
  if (n === 31) return x ? 'sp' : 'wsp';
  return `${x ? 'x' : 'w'}${n}`;
}

/** `#0x..` in lower-case hex; bigint for 64-bit values. */
export function hexImm(v: number | bigint): string {
  return `#0x${v.toString(16)}`;
}

/** Sign-extends the low `bits` bits of `v`. */
export function sext(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

const TWO64 = 1n << 64n;

/** The 64-bit address an instruction refers to, as objdump prints it (wrapped modulo 2^64). */
function addrHex(a: number): string {
  const v = a < 0 ? TWO64 + BigInt(a) : BigInt(a) % TWO64;
  return v.toString(16);
}

/**
 * A PC-relative target: `0x<hex>` as objdump prints it without symbols, or
 * `<hex> <sym>` when the symbolizer names the address (objdump with an ELF).
 */
export function targetText(target: number, ctx: Context): string {
  const sym = ctx.symbolize?.(target);
  return sym === undefined ? `0x${addrHex(target)}` : `${addrHex(target)} <${sym}>`;
}
