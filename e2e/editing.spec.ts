/**
 * Editing: the arm64 language, markers for assembler errors, breakpoints in
 * the glyph margin, and edits kept across a reload.
 */
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

test('opens on the default scenario with Monaco from the local package and arm64 tokens', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await app.waitForEditor();
  const s = await app.snap();
  expect(s.example).toMatch(/writable|notif/);
  expect(s.assembled).toBe(true);
  // mnemonic, register and immediate get three different token classes
  const line = page.locator('.view-line', { hasText: /\bmov\b/ }).first();
  const cls = async (text: string) => line.locator('span span', { hasText: new RegExp(`^${text}`) }).first().getAttribute('class');
  const mov = await cls('mov');
  const reg = await cls('x\\d+');
  expect(mov).not.toBeNull();
  expect(mov).not.toBe(reg);
});

test('a syntax error shows as a marker with the assembler message, and the machine keeps the last good code', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=' + (await firstExample(app)));
  await app.waitForEditor();
  const before = await app.snap();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('    frobnicate x0, x1');
  await page.keyboard.press('Escape'); // close the completion list, or Enter would accept a suggestion
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1, { timeout: 10_000 });
  const s = await app.snap();
  expect(s.assembled).toBe(false);
  expect(s.diagnostics[0]).toMatchObject({ code: 'E_UNKNOWN_MNEMONIC', severity: 'error' });
  expect(s.view?.steps).toBe(before.view?.steps);
  await expect(page.getByTestId('asm-status')).toContainText('Does not assemble');
  // the editor's marker carries the assembler's message at the error's line
  const markers = await page.evaluate(() => window.__hvlab!.markers?.() ?? []);
  expect(markers).toContainEqual({ file: s.diagnostics[0].file, line: 1, message: s.diagnostics[0].message });
  await page.screenshot({ path: test.info().outputPath('editor-error-marker.png') });
});

test('a breakpoint set in the glyph margin stops the machine on that line', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await app.waitForEditor();
  // Break on the line after the shown VM's first PC: a line that runs early.
  const s0 = await app.snap();
  const shown = await page.evaluate(() => document.querySelector('[role=tab][aria-selected=true]')?.textContent ?? '');
  const vm = Number(/VM (\d+)/.exec(shown)?.[1]);
  const pc = s0.pcs.find((p) => p.vm === vm);
  expect(pc).toBeDefined();
  const line = pc!.line + 1;
  await page.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) }).click();
  await expect(page.locator('.monaco-editor .hv-bp-glyph')).toHaveCount(1);
  await app.button('▶ Run').click();
  const s = await app.waitStatus('paused');
  expect(s.stop).toMatchObject({ kind: 'breakpoint', vm, file: pc!.file, line });
  expect(s.pcs.find((p) => p.vm === vm && p.line === line)).toBeDefined();
  await expect(page.locator('.monaco-editor .hv-pc-focused')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('breakpoint-stop.png') });
});

test('edits and line breakpoints are kept across a reload; ?example= says the saved work is kept', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await app.waitForEditor();
  await page.locator('.monaco-editor .line-numbers', { hasText: /^12$/ }).click();
  await expect(page.locator('.monaco-editor .hv-bp-glyph')).toHaveCount(1);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// kept across reloads');
  await expect.poll(async () => JSON.stringify((await app.snap()).draft)).toContain('kept across reloads');
  await page.waitForTimeout(400); // the draft is written 250 ms after the last keystroke
  await page.reload();
  await app.waitForMachine();
  await app.waitForEditor();
  expect(JSON.stringify((await app.snap()).draft)).toContain('kept across reloads');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kept across reloads');
  const after = await app.snap();
  expect(after.breakpoints).toEqual([{ file: expect.any(String), line: 12 }]);
  await page.keyboard.press('Control+Home');
  await expect(page.locator('.monaco-editor .hv-bp-glyph')).toHaveCount(1);
  // The shipped example opens as it ships, and the page says the saved work is still there.
  await app.open(`?example=${after.example}`);
  await app.waitForEditor();
  await expect(page.getByRole('status').filter({ hasText: 'Your saved scenario is kept' })).toBeVisible();
  expect(JSON.stringify((await app.snap()).draft)).not.toContain('kept across reloads');
  await app.open();
  await app.waitForEditor();
  expect(JSON.stringify((await app.snap()).draft)).toContain('kept across reloads');
});

async function firstExample(app: Hvlab): Promise<string> {
  await app.open();
  // Let the lazy Monaco chunk finish loading: navigating away mid-load aborts it.
  await app.waitForEditor();
  return (await app.snap()).example ?? '';
}
