import { asm } from './asm.ts';
import { bench } from './bench.ts';
import { disasm } from './disasm.ts';
import { run } from './run.ts';
import type { Command } from './types.ts';

/** Every command, by name. Each module registers nothing else. */
export const COMMANDS: Record<string, Command> = {
  asm,
  disasm,
  run,
  bench,
};
