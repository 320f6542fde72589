/**
 * Test helpers for CLI commands: run a command capturing what it prints, and
 * write input files into a temporary folder. For tests only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Command } from './types.ts';

/** Runs `command` with `args`; resolves to its exit status and what it printed with console.log / console.error. */
export async function runCommand(command: Command, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(console, 'log').mockImplementation((s) => void (stdout += `${s}\n`));
  vi.spyOn(console, 'error').mockImplementation((s) => void (stderr += `${s}\n`));
  try {
    return { status: await command.run(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** A temporary folder: `file(name, text)` writes a file and returns its path; `remove()` deletes the folder. */
export function tempFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name: string, text: string | Uint8Array): string {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
