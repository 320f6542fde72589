/**
 * The AArch64 disassembler: instruction word -> text exactly as GNU objdump
 * (`aarch64-linux-gnu-objdump -d`) prints it, aliases included. Words are
 * decoded by the reference decoder over the encoding table; this module only
 * spells them, with one formatter per encoding id (see disasm/).
 */
import { decode } from './decode.ts';
import { BRANCH_SYS } from './disasm/branch-sys.ts';
import { DP_IMM } from './disasm/dp-imm.ts';
import { DP_REG } from './disasm/dp-reg.ts';
import type { Formatter } from './disasm/format.ts';
import { LDST } from './disasm/ldst.ts';

export interface DisasmOptions {
  /**
   * Names an address for branch and PC-relative targets (e.g. `_start+0x14`);
   * undefined leaves the bare address, as objdump does without symbols.
   */
  readonly symbolize?: (addr: number) => string | undefined;
}

export interface Disassembly {
  /** The whole line as objdump prints it after the word: mnemonic, tab, operands, comment. */
  readonly text: string;
  readonly mnemonic: string;
  /** Operands without the trailing comment ('' when there are none). */
  readonly operands: string;
  /** objdump's trailing comment without `//` (e.g. `#-1`, `ne = any`), if any. */
  readonly comment?: string;
  /** The encoding id from the table, or null for a word hvlab does not decode. */
  readonly id: string | null;
  /** Branch, literal or adr/adrp target (may be negative if it wraps below 0). */
  readonly target?: number;
}

/** Formatters by encoding id; the unit test checks that every table entry has one. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = { ...DP_IMM, ...DP_REG, ...BRANCH_SYS, ...LDST };

/**
 * Disassembles one word located at `addr`.
 * Returns: the objdump spelling. A word outside hvlab's table prints as
 * objdump prints unallocated words: `.inst\t0x<word> ; undefined`, id null.
 */
export function disassemble(word: number, addr: number, opts: DisasmOptions = {}): Disassembly {
  const d = decode(word);
  const format = d && FORMATTERS[d.id];
  if (!d || !format) {
    const operands = `0x${(word >>> 0).toString(16).padStart(8, '0')}`;
    return { text: `.inst\t${operands} ; undefined`, mnemonic: '.inst', operands, id: null };
  }
  const r = format(d.f, { addr, symbolize: opts.symbolize });
  const raw = r.operands ?? '';
  let text = raw ? `${r.mnemonic}\t${raw}` : r.mnemonic;
  if (r.comment !== undefined) text += `${r.commentSep ?? '\t'}// ${r.comment}`;
  const out: Disassembly = { text, mnemonic: r.mnemonic, operands: raw.trimEnd(), id: d.id };
  return {
    ...out,
    ...(r.comment !== undefined ? { comment: r.comment } : {}),
    ...(r.target !== undefined ? { target: r.target } : {}),
  };
}

export interface ListingLine extends Disassembly {
  readonly addr: number;
  /** The instruction word, or for a trailing fragment of 1-3 bytes, those bytes little-endian. */
  readonly word: number;
  /** Bytes this line covers: 4, or 1-3 for a trailing fragment. */
  readonly size: number;
}

/**
 * Disassembles little-endian code bytes loaded at `base`, one line per word.
 * A trailing fragment shorter than a word is listed as `.byte` data.
 */
export function disassembleBlock(bytes: Uint8Array, base: number, opts: DisasmOptions = {}): ListingLine[] {
  const lines: ListingLine[] = [];
  const whole = bytes.length - (bytes.length % 4);
  for (let i = 0; i < whole; i += 4) {
    const word = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;
    lines.push({ addr: base + i, word, size: 4, ...disassemble(word, base + i, opts) });
  }
  if (whole < bytes.length) {
    const tail = Array.from(bytes.subarray(whole));
    const operands = tail.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
    const word = tail.reduceRight((acc, b) => (acc << 8) | b, 0) >>> 0;
    lines.push({ addr: base + whole, word, size: tail.length, text: `.byte\t${operands}`, mnemonic: '.byte', operands, id: null });
  }
  return lines;
}

