/**
 * Keeping work as files: import a scenario.json (with an inline source and a
 * named .s file), run it, and export it as one self-contained scenario.json.
 */
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

const SCENARIO = {
  version: 1,
  name: 'imported',
  description: 'from a file',
  primary: { kind: 'native' },
  vms: [
    { name: 'hello', files: ['hello.s'] },
    { name: 'quiet', source: '    .text\n_start:\n    mov x0, #0xff07\n    mov x1, #1\n    hvc #0\n    b _start\n' },
  ],
};
const HELLO = '    .text\n_start:\n    mov x0, #0xee00\n    mov x1, #72\n    hvc #0\n    mov x0, #0xff07\n    mov x1, #1\n    hvc #0\n';

test('imports a scenario file with its .s file, runs it, and exports a self-contained scenario.json', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await page.getByLabel('Import a scenario file').setInputFiles([
    { name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SCENARIO)) },
    { name: 'hello.s', mimeType: 'text/plain', buffer: Buffer.from(HELLO) },
  ]);
  await expect.poll(async () => (await app.snap()).draft.scenario.name).toBe('imported');
  await app.waitForMachine();
  await expect(page.getByRole('tab', { name: /VM 2: quiet/ })).toBeVisible();
  await app.button('▶ Run').click();
  const s = await app.waitStatus('ended');
  expect(s.view?.console).toContain('H');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('scenario.json');
  const exported = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(exported).toMatchObject({ version: 1, name: 'imported', vms: [{ name: 'hello', source: HELLO }, { name: 'quiet' }] });
});

test('a file that is not a scenario gets a plain message, and the open scenario stays', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  const before = (await app.snap()).draft;
  await page.getByLabel('Import a scenario file').setInputFiles([{ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "name": "x"}') }]);
  await expect(page.getByRole('status').filter({ hasText: 'scenario.json:' })).toBeVisible();
  expect((await app.snap()).draft).toEqual(before);
});
