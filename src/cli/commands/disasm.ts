/**
 * `hvlab disasm FILE.bin [--base ADDR]`: lists a raw little-endian AArch64
 * image the way `aarch64-linux-gnu-objdump -D -b binary -m aarch64` does,
 * one `addr:<tab>word <tab>text` line per instruction.
 */
import { readFile } from 'node:fs/promises';
import { disassembleBlock, type ListingLine } from '../../core/arm64/isa/disasm.ts';
import { parseFileCommand, parseNumber } from '../args.ts';
import type { Command } from './types.ts';

const HELP = `usage: hvlab disasm FILE.bin [--base ADDR]

Disassembles a raw binary of little-endian AArch64 words in GNU objdump's
syntax. --base is the address of the first byte (default 0; decimal, 0x.. or
0b..; a multiple of 4).`;

/**
 * The address column: objdump drops leading zeros of the section's end
 * address in chunks of four digits, keeping at least one, and pads with spaces.
 */
function addressWidth(end: number): number {
  const digits = end.toString(16).length;
  const zeros = 16 - digits;
  return zeros === 0 ? 16 : 16 - ((zeros - 1) & ~3);
}

/** One listing line as objdump prints it. */
export function formatLine(line: ListingLine, width: number): string {
  const word = line.word.toString(16).padStart(line.size * 2, '0');
  return `${line.addr.toString(16).padStart(width)}:\t${word} \t${line.text}`;
}

export const disasm: Command = {
  summary: 'disassemble a raw binary (GNU objdump syntax)',
  async run(args) {
    const parsed = parseFileCommand('disasm', args, { base: { type: 'string' } }, HELP);
    if (typeof parsed === 'number') return parsed;
    const { values, file } = parsed;
    const baseText = values.base ?? '0';
    const base = parseNumber(baseText);
    if (base === null) {
      console.error(`hvlab disasm: --base '${baseText}' is not an address (use decimal, 0x.. or 0b..)`);
      return 1;
    }
    if (base % 4 !== 0) {
      console.error(`hvlab disasm: --base ${baseText} is not a multiple of 4 (instructions are word-aligned)`);
      return 1;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
      console.error(`hvlab disasm: cannot read '${file}': ${why}`);
      return 1;
    }
    if (!Number.isSafeInteger(base + bytes.length)) {
      console.error(`hvlab disasm: --base ${baseText} puts the image beyond 2^53`);
      return 1;
    }
    const width = addressWidth(base + bytes.length);
    const out = disassembleBlock(bytes, base).map((l) => formatLine(l, width));
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};
