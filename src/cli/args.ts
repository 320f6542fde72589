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

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses the arguments of a command that takes exactly one input file, with
 * `--help`/`-h` added to `options`. Prints what it has to say itself.
 * Returns: { values, file }; or an exit status: 0 after printing `usage` for
 * --help, 1 after a one-line error (unknown option, no file or several) and
 * the usage.
 */
export function parseFileCommand<O extends Options>(command: string, args: string[], options: O, usage: string) {
  const parsed = parse(args, { ...options, ...HELP_OPTION });
  if (typeof parsed === 'string') {
    console.error(`hvlab ${command}: ${parsed}\n\n${usage}`);
    return 1;
  }
  // The generic option set hides `help` from the type checker; it is always there.
  if ('help' in parsed.values && parsed.values.help === true) {
    console.log(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    console.error(`hvlab ${command}: expected one input file, got ${parsed.positionals.length}\n\n${usage}`);
    return 1;
  }
  return { values: parsed.values, file: parsed.positionals[0] };
}
