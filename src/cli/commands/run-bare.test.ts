import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.ts';
import { runCommand, tempFolder } from './test-cli.ts';

const tmp = tempFolder('hvlab-run-bare-');
afterAll(tmp.remove);
const runCli = (args: string[]) => runCommand(run, args);
const source = tmp.file;

const PROGRAM = `_start:
  mov x0, #1
  ldr x1, =0x100000
  str x0, [x1]
  mov x2, #-1
  adds x3, x2, #1
  hvc #0
  brk #1
`;

describe('hvlab run --bare', () => {
  it('prints the JSON document of issue 2', async () => {
    const r = await runCli([source('a.s', PROGRAM), '--bare', '--json', '--dump', '0x100000:4']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      stop: 'brk',
      steps: 6,
      pc: '0x80018',
      sp: '0x110000',
      nzcv: { n: 0, z: 1, c: 1, v: 0 },
      hypercalls: [{ x0: '0x1', x1: '0x100000', x2: '0xffffffffffffffff', x3: '0x0' }],
      dump: '01000000',
    });
    expect(j.x).toHaveLength(31);
    expect(j.x.slice(0, 4)).toEqual(['0x0', '0x100000', '0xffffffffffffffff', '0x0']);
  });

  it('stops at --max-steps and prints a readable summary', async () => {
    const r = await runCli([source('b.s', PROGRAM), '--bare', '--max-steps', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stopped: step limit reached after 2 steps\npc 0x80008 {2}sp 0x110000 {2}nzcv nzcv/);
  });

  it('reports a fault with its syndrome', async () => {
    const r = await runCli([source('c.s', 'ldr x1, =0x40000000\n ldr x0, [x1]\n'), '--bare']);
    expect(r.stdout).toMatch(/stopped: fault: data abort \(outside memory or read-only\) \(read\) at 0x40000000 \(ESR 0x9[0-9a-f]+\)/);
  });

  it('prints assembly errors as file:line:col and exits 1', async () => {
    const file = source('d.s', 'nop\n add x0, x1, #4097\n');
    const r = await runCli([file, '--bare']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file}:2:\\d+: error: .*\\[E_[A-Z_]+\\]`));
  });

  it('rejects bad options with a clear message', async () => {
    expect((await runCli([source('e.s', PROGRAM), '--bare', '--dump', 'nope'])).stderr).toMatch(/--dump expects ADDR:LEN/);
    expect((await runCli([source('f.s', PROGRAM), '--bare', '--dump', '0x0:4'])).stderr).toMatch(/outside memory/);
    expect((await runCli([join(tmp.dir, 'missing.s'), '--bare'])).stderr).toMatch(/cannot read/);
  });
});
