import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { disasm } from './disasm.ts';

const dir = mkdtempSync(join(tmpdir(), 'hvlab-disasm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command, capturing what it prints. */
async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(console, 'log').mockImplementation((s) => void (stdout += `${s}\n`));
  vi.spyOn(console, 'error').mockImplementation((s) => void (stderr += `${s}\n`));
  const status = await disasm.run(args);
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

function binary(name: string, words: number[], tail: number[] = []): string {
  const buf = Buffer.alloc(words.length * 4 + tail.length);
  words.forEach((w, i) => buf.writeUInt32LE(w, i * 4));
  tail.forEach((b, i) => (buf[words.length * 4 + i] = b));
  const file = join(dir, name);
  writeFileSync(file, buf);
  return file;
}

const words = [0x913ffc20, 0x92800000, 0xd503201f, 0x14000000, 0xd50342df];

describe('hvlab disasm', () => {
  it('lists addr, word and text like objdump -D -b binary (address column included)', async () => {
    const r = await runCli([binary('a.bin', words), '--base', '0x80000']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '   80000:\t913ffc20 \tadd\tx0, x1, #0xfff',
      '   80004:\t92800000 \tmov\tx0, #0xffffffffffffffff    \t// #-1',
      '   80008:\td503201f \tnop',
      '   8000c:\t14000000 \tb\t0x8000c',
      '   80010:\td50342df \tmsr\tdaifset, #0x2',
      '',
    ].join('\n'));
  });

  it('defaults to base 0 and lists a trailing fragment as bytes', async () => {
    const r = await runCli([binary('b.bin', [0xd503201f], [0xaa, 0xbb])]);
    expect(r.stdout).toBe('   0:\td503201f \tnop\n   4:\tbbaa \t.byte\t0xaa, 0xbb\n');
  });

  it('prints nothing for an empty file', async () => {
    expect(await runCli([binary('empty.bin', [])])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reports a missing file, a directory, a bad or unaligned base, and bad usage with exit 1', async () => {
    const file = binary('c.bin', words);
    const cases: [string[], RegExp][] = [
      [[join(dir, 'nope.bin')], /cannot read '.*nope\.bin': no such file/],
      [[dir], /it is a directory/],
      [[file, '--base', 'zz'], /--base 'zz' is not an address/],
      [[file, '--base', '0x80002'], /not a multiple of 4/],
      [[file, '--base', '0x1fffffffffffff0'], /--base '0x1fffffffffffff0' is not an address|beyond 2\^53/],
      [[], /expected one input file, got 0/],
      [[file, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('prints its usage for --help', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: hvlab disasm FILE\.bin \[--base ADDR\]/);
  });
});
