import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { asm } from './asm.ts';

const dir = mkdtempSync(join(tmpdir(), 'hvlab-asm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command, capturing what it prints. */
async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(console, 'log').mockImplementation((s) => void (stdout += `${s}\n`));
  vi.spyOn(console, 'error').mockImplementation((s) => void (stderr += `${s}\n`));
  const status = await asm.run(args);
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

function source(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('hvlab asm', () => {
  it('lists address, word and source text; data as words then bytes', async () => {
    const r = await runCli([source('ok.s', '_start: mov x0, #1 // one\n  ldr x1, =0x1122334455667788\n.ascii "hello"\nb _start\n')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '00080000  d2800020  mov x0, #1',
        '00080004  580000a1  ldr x1, =0x1122334455667788',
        '00080008  6c6c6568  .ascii "hello"',
        '0008000c  6f',
        '00080010  17fffffc  b _start',
        '00080018  55667788  =0x1122334455667788',
        '0008001c  11223344',
      ].join('\n') + '\n',
    );
  });

  it('prints diagnostics as file:line:col: error: message [code] and exits 1', async () => {
    const file = source('bad.s', 'nop\nadd x0, x1, #4097\nfoo\n');
    const r = await runCli([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file}:2:13: error: immediate 4097 out of range for add: 0..4095, or a multiple of 4096 up to 16773120 [E_IMM_RANGE]\n` +
        `${file}:3:1: error: unknown instruction 'foo' [E_UNKNOWN_MNEMONIC]\n`,
    );
  });

  it('--json prints words, symbols, source map and diagnostics', async () => {
    const r = await runCli([source('j.s', 'x: nop\n.byte 300\nM = -1\n'), '--json', '--base', '0x1000']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(true);
    expect(j.words).toEqual(['d503201f', '0000002c']);
    expect(j.symbols).toEqual({ x: '0x00001000', M: '0xffffffffffffffff' });
    expect(j.entry).toBe('0x00001000');
    expect(j.sourceMap[0]).toEqual({ addr: '0x00001000', loc: { file: expect.stringContaining('j.s'), line: 1, column: 4, length: 3 }, size: 4 });
    expect(j.diagnostics.map((d: { code: string }) => d.code)).toEqual(['W_TRUNCATED']);
  });

  it('--json on failure still prints the diagnostics, with exit status 1', async () => {
    const r = await runCli([source('jb.s', 'b nowhere\n'), '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'E_UNDEFINED_SYMBOL', line: 1, column: 3 }] });
  });

  it('reports a missing file, bad options and a bad base clearly', async () => {
    expect((await runCli([join(dir, 'missing.s')])).stderr).toMatch(/cannot read .*missing\.s/);
    expect((await runCli([])).status).toBe(1);
    expect((await runCli(['--frob', 'x.s'])).stderr).toMatch(/hvlab asm: .*frob/);
    expect((await runCli([source('c.s', 'nop'), '--base', '0x3'])).stderr).toMatch(/not a word-aligned address/);
    expect((await runCli(['--help'])).stdout).toMatch(/usage: hvlab asm FILE\.s/);
  });
});
