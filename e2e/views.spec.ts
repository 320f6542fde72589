/**
 * Screenshots of every view and panel after a run of the writable-race
 * example, kept as test artifacts (test-results/.../*.png), in both themes.
 */
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

test.use({ viewport: { width: 1440, height: 900 } });

test('every view and panel, after the writable-race example ran to its end', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await app.waitForEditor();
  await app.button('▶ Run').click();
  await app.waitStatus('ended');
  const shot = (name: string) => test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: shot('app-light') });
  for (const v of ['vcpu-timeline', 'mailboxes', 'wait-lists', 'sequence']) {
    const view = page.locator(`[data-viz^="${v}"]`).first();
    await expect(view).toBeVisible();
    await view.screenshot({ path: shot(`view-${v}`) });
  }
  await page.getByRole('region', { name: /Registers of the focused vCPU/ }).screenshot({ path: shot('panel-registers') });
  await page.getByRole('region', { name: 'Hypercall log' }).screenshot({ path: shot('panel-hypercalls') });
  await expect(page.getByTestId('hypercall-log')).toContainText('HF_MAILBOX_SEND(vm=1');
  await page.getByRole('tab', { name: 'Memory', exact: true }).click();
  await page.getByRole('region', { name: 'Memory' }).screenshot({ path: shot('panel-memory') });
  await page.getByRole('tab', { name: 'Console', exact: true }).click();
  await expect(page.getByTestId('console')).not.toBeEmpty();
  await page.getByRole('region', { name: 'Machine panels' }).screenshot({ path: shot('panel-console') });
  await app.button('Dark').click();
  await page.screenshot({ path: shot('app-dark') });
  await app.button(/^Scenario:/).click();
  await page.screenshot({ path: shot('scenario-picker') });
});

test('a view expands to fill the views area and comes back with its toggle or Escape', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await app.waitForEditor();
  await app.button('▶ Run').click();
  await app.waitStatus('ended');
  const views = page.locator('[data-viz]');
  await expect(views).toHaveCount(4);
  const timeline = page.locator('[data-viz^="vcpu-timeline"]');
  const small = await timeline.boundingBox();
  await page.getByRole('button', { name: /^Expand vCPU states over time/ }).click();
  await expect(views).toHaveCount(1);
  const big = await timeline.boundingBox();
  expect(big!.width).toBeGreaterThan(small!.width * 1.5);
  await page.screenshot({ path: test.info().outputPath('timeline-expanded.png') });
  await page.keyboard.press('Escape');
  await expect(views).toHaveCount(4);
  await page.getByRole('button', { name: /^Expand Mailbox state machines/ }).click();
  await expect(views).toHaveCount(1);
  await page.getByRole('button', { name: 'Show all views again' }).click();
  await expect(views).toHaveCount(4);
});
