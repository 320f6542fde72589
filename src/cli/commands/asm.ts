/**
 * `hvlab asm FILE.s [--json] [--base ADDR]`: assembles one file and prints
 * a listing (address, word, source text per instruction; data as its words
 * or bytes), or the diagnostics as `file:line:col: error: message [code]`
 * with exit status 1. `--json` prints the whole result instead.
 */
import { readFile } from 'node:fs/promises';
import { assemble, type AsmImage, type AsmResult, type Diagnostic } from '../../core/arm64/asm/index.ts';
import { parse, parseNumber } from '../args.ts';
import type { Command } from './types.ts';

const HELP = `usage: hvlab asm FILE.s [--json] [--base ADDR]

Assembles AArch64 source in GNU as syntax. Prints one line per instruction
(address, word, source text) and per data statement, or the diagnostics
(exit status 1). --json prints the result as JSON: words, symbols, source map
and diagnostics. --base is the load address (default 0x80000).`;

const hex = (v: number, digits = 8) => v.toString(16).padStart(digits, '0');

/** `file:line:col: severity: message [code]`, as compilers print. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/**
 * The listing: an instruction is one line; a data statement shows its bytes
 * four at a time (a full group as a little-endian word, a partial one as bytes),
 * with the source text on its first line.
 */
export function listing(image: AsmImage, sourceLines: Map<string, string[]>): string[] {
  const out: string[] = [];
  const view = new DataView(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
  for (const { addr, loc, size } of image.sourceMap) {
    const line = sourceLines.get(loc.file)?.[loc.line - 1] ?? '';
    const text = line.slice(loc.column - 1, loc.column - 1 + loc.length);
    for (let k = 0; k < Math.max(size, 1); k += 4) {
      const at = addr + k - image.base;
      const n = Math.min(4, size - k);
      const cell = n === 4 ? hex(view.getUint32(at, true)) : [...image.bytes.subarray(at, at + n)].map((b) => hex(b, 2)).join(' ');
      out.push(`${hex(addr + k)}  ${cell.padEnd(8)}  ${k === 0 ? text : ''}`.trimEnd());
      if (size === 0) break;
    }
  }
  return out;
}

/** The JSON form: addresses and words as hex strings, the image as 32-bit little-endian words. */
export function toJson(r: AsmResult): unknown {
  const img = r.image;
  if (!img) return { ok: r.ok, diagnostics: r.diagnostics };
  const words: string[] = [];
  const padded = new Uint8Array(Math.ceil(img.bytes.length / 4) * 4);
  padded.set(img.bytes);
  const view = new DataView(padded.buffer);
  for (let k = 0; k < padded.length; k += 4) words.push(hex(view.getUint32(k, true)));
  return {
    ok: r.ok,
    base: `0x${hex(img.base)}`,
    entry: `0x${hex(img.entry)}`,
    words,
    sections: img.sections.map((s) => ({ ...s, addr: `0x${hex(s.addr)}` })),
    // Constants may be negative: shown as 64-bit two's complement.
    symbols: Object.fromEntries(Object.entries(img.symbols).map(([k, v]) => [k, `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(8, '0')}`])),
    sourceMap: img.sourceMap.map((m) => ({ ...m, addr: `0x${hex(m.addr)}` })),
    diagnostics: r.diagnostics,
  };
}

export const asm: Command = {
  summary: 'assemble AArch64 source (GNU as syntax) and list it',
  async run(args) {
    const parsed = parse(args, { json: { type: 'boolean' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (typeof parsed === 'string') {
      console.error(`hvlab asm: ${parsed}\n\n${HELP}`);
      return 1;
    }
    if (parsed.values.help) {
      console.log(HELP);
      return 0;
    }
    if (parsed.positionals.length !== 1) {
      console.error(`hvlab asm: expected one source file, got ${parsed.positionals.length}\n\n${HELP}`);
      return 1;
    }
    const [file] = parsed.positionals;
    const base = parseNumber(parsed.values.base ?? '0x80000');
    if (base === null || base % 4 !== 0) {
      console.error(`hvlab asm: --base '${parsed.values.base}' is not a word-aligned address (use decimal, 0x.. or 0b..)`);
      return 1;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      console.error(`hvlab asm: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    const result = assemble({ name: file, text }, { base });
    if (parsed.values.json) {
      console.log(JSON.stringify(toJson(result), null, 2));
      return result.ok ? 0 : 1;
    }
    for (const d of result.diagnostics) console.error(formatDiagnostic(d));
    if (!result.image) return 1;
    for (const line of listing(result.image, new Map([[file, text.split(/\r\n|\n|\r/)]]))) console.log(line);
    return 0;
  },
};
