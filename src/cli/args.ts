/**
 * Argument parsing for the CLI commands, on node:util's parseArgs, with errors
 * turned into one clear line instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` against `options`.
 * Returns: { values, positionals }, or a string describing what is wrong.
 */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Parses a number written in decimal or with a 0x / 0b prefix.
 * Returns: the value, or null when it is not a non-negative integer.
 */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-f]+|0b[01]+|\d+)$/i.test(t)) return null;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : null;
}
