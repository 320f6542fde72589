/**
 * Control: a guest spinning forever keeps the page responsive and pauses
 * promptly; step, step event and reset; the worker restart path; keyboard
 * shortcuts; the guard itself.
 */
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

const SPIN = `    .text
    .global _start
_start:
1:  add x0, x0, #1
    b 1b
`;

test('a guest spinning forever runs without freezing the page, and Pause answers promptly', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await page.evaluate((src) => {
    const a = window.__hvlab!.actions;
    a.openDraft({ scenario: { version: 1, name: 'spin', primary: { kind: 'native' }, vms: [{ name: 'spin', files: ['spin.s'] }], maxSteps: 1e12 }, files: { 'spin.s': src } }, null);
  }, SPIN);
  await app.waitForMachine();
  await page.keyboard.press('F5');
  await app.waitStatus('running');
  await page.waitForTimeout(1500);
  // the page still paints while the guest spins (the bench measures long tasks precisely)
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - t0).toBeLessThan(1000);
  const steps = (await app.snap()).view?.steps ?? 0;
  expect(steps).toBeGreaterThan(10_000);
  const pauseMs = await page.evaluate(async () => {
    const start = performance.now();
    window.__hvlab!.actions.pause();
    while (window.__hvlab!.status() === 'running') await new Promise((r) => setTimeout(r, 2));
    return performance.now() - start;
  });
  // The worker stops within one slice (12 ms; session.test.ts proves it with a
  // fake clock). The page-side round trip adds the main thread's current task;
  // bench:ui records it (target 100 ms). On this shared 2-core machine a bound
  // of 100 ms here flakes under load, so the e2e bound is looser.
  expect(pauseMs).toBeLessThan(300);
  await page.screenshot({ path: test.info().outputPath('spinning-paused.png') });
});

test('Step, Step event and Reset drive the machine; F10 is Step', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  const s0 = await app.snap();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await app.snap()).view?.steps ?? 0).toBeGreaterThan(s0.view?.steps ?? 0);
  const s1 = await app.snap();
  await page.keyboard.press('F10');
  await expect.poll(async () => (await app.snap()).view?.steps ?? 0).toBeGreaterThan(s1.view?.steps ?? 0);
  await app.button('Step event').click();
  await expect.poll(async () => (await app.snap()).stop?.kind).toBe('event');
  await page.keyboard.press('Shift+F5');
  await expect.poll(async () => (await app.snap()).view?.steps).toBe(0);
});

test('the help overlay lists the shortcuts; the theme switches', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Shift+F5');
  await page.screenshot({ path: test.info().outputPath('help-overlay.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await app.button('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('when the emulator dies the page says so, offers a restart, and keeps the sources', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await page.evaluate(() => window.__hvlab!.actions.workerDied('The emulator stopped unexpectedly. Your sources are safe.'));
  await expect(page.getByTestId('fatal')).toContainText('The emulator stopped');
  const draft = (await app.snap()).draft;
  await page.getByRole('button', { name: 'Restart the emulator' }).click();
  await app.waitForMachine();
  expect((await app.snap()).draft).toEqual(draft);
  await expect(page.getByTestId('fatal')).toHaveCount(0);
});

test.describe('the guard', () => {
  test.use({ strictGuard: false });
  test('records an off-host request (control)', async ({ page, problems }) => {
    const app = new Hvlab(page);
    await app.open();
    await page.evaluate(() => fetch('https://cdn.jsdelivr.net/npm/x').catch(() => null));
    await expect.poll(() => problems.some((p) => p.startsWith('off-host request blocked'))).toBe(true);
  });
});
