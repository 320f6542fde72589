/**
 * The Scheduler tab end to end: a manual schedule stops for each choice and
 * the buttons answer it; an injected interrupt shows up in the trace and the
 * views; changing the next choice in the past starts a branch that the
 * branch list shows, and returning restores the old head. Also the keyboard
 * pattern of the tablists, and the hypercall log's future rows after a seek.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

/** Opens writable-race (2 CPUs, native primary) with the schedule made manual through the Scheduler tab. */
async function openManual(page: Page): Promise<Hvlab> {
  const app = new Hvlab(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open('?example=writable-race');
  await page.getByRole('tab', { name: 'Scheduler' }).click();
  await page.getByLabel('Schedule kind').selectOption('manual');
  await expect.poll(async () => (await app.snap()).draft.scenario.schedule?.kind).toBe('manual');
  await app.waitForMachine();
  return app;
}

/** Clicks the first option of the pending choice and waits for the machine to move on. */
async function chooseFirst(page: Page, app: Hvlab): Promise<void> {
  const before = (await app.snap()).eventCounts.choice ?? 0;
  await page.getByRole('group', { name: 'Scheduling options' }).getByRole('button').first().click();
  await expect.poll(async () => (await app.snap()).eventCounts.choice ?? 0).toBe(before + 1);
  await app.waitStatus('paused');
}

test('a manual schedule stops for a choice and the Scheduler tab answers it', async ({ page }) => {
  const app = await openManual(page);
  await page.keyboard.press('F5');
  await expect.poll(async () => (await app.snap()).stop?.kind).toBe('need_choice');
  const waiting = await app.snap();
  expect(waiting.view?.pendingChoice).not.toBeNull();
  await expect(page.getByRole('heading', { name: /The machine waits for you/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/scheduler-pending-choice.png' });

  await chooseFirst(page, app);
  // Keyboard: focus moved to the next question's first option; Enter answers it.
  const options = page.getByRole('group', { name: 'Scheduling options' }).getByRole('button');
  await expect(options.first()).toBeFocused();
  const choices = (await app.snap()).eventCounts.choice ?? 0;
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.snap()).eventCounts.choice ?? 0).toBe(choices + 1);
  const after = await app.snap();
  expect(after.view!.steps).toBeGreaterThan(waiting.view!.steps);
  expect(after.stop?.kind).toBe('need_choice');
});

test('an injected interrupt appears in the trace and the hypercall log', async ({ page }) => {
  const app = await openManual(page);
  await page.keyboard.press('F5');
  await expect.poll(async () => (await app.snap()).stop?.kind).toBe('need_choice');
  for (let i = 0; i < 3; i++) await chooseFirst(page, app);

  const interruptsBefore = (await app.snap()).eventCounts.interrupt ?? 0;
  await page.getByLabel('Interrupt target vCPU').selectOption('1.0');
  await page.getByLabel('Interrupt id').fill('1');
  await page.getByRole('button', { name: 'Inject interrupt' }).click();
  // The injection is an input at the present step; its event is recorded when the machine moves on.
  await chooseFirst(page, app);
  await expect.poll(async () => (await app.snap()).eventCounts.interrupt ?? 0).toBeGreaterThan(interruptsBefore);
  await page.getByRole('tab', { name: 'Hypercalls' }).click();
  await expect(page.getByTestId('hypercall-log')).toContainText('(from outside) interrupt 1 (READABLE) injected into vCPU 1.0');
  await page.screenshot({ path: 'test-results/scheduler-inject-log.png' });
  await page.getByRole('tab', { name: 'Scheduler' }).click();

  // A bad interrupt id is named in the form, nothing is sent.
  await page.getByLabel('Interrupt id').fill('99');
  await page.getByRole('button', { name: 'Inject interrupt' }).click();
  await expect(page.getByTestId('scheduler').getByRole('alert')).toContainText('Interrupt id: 99 is out of range (0 to 63)');
  await page.screenshot({ path: 'test-results/scheduler-inject.png' });
});

test('a next choice in the past starts a branch; returning restores the old head', async ({ page }) => {
  const app = await openManual(page);
  await page.keyboard.press('F5');
  await expect.poll(async () => (await app.snap()).stop?.kind).toBe('need_choice');
  for (let i = 0; i < 4; i++) await chooseFirst(page, app);
  const first = (await app.snap()).time!;
  expect(first.branches).toHaveLength(1);
  const oldHead = first.head;

  // Back to just after the second choice.
  const back = 15;
  expect(oldHead).toBeGreaterThan(back);
  await page.evaluate((s) => window.__hvlab!.actions.seek(s), back);
  await expect.poll(async () => (await app.snap()).time?.now).toBe(back);

  // The hypercall log shows the known future dimmed, the present marked.
  await page.getByRole('tab', { name: 'Hypercalls' }).click();
  const log = page.getByTestId('hypercall-log');
  await expect(log.locator('.log-future').first()).toBeVisible();
  await expect(page.getByText(/ahead of the present/)).toBeVisible();
  await page.screenshot({ path: 'test-results/scheduler-log-future.png' });
  // Selecting a row seeks to just after its step: that row is the current one.
  const row = log.getByRole('listitem').filter({ hasText: 'HF_MAILBOX_RECEIVE' }).first();
  const rowStep = Number((await row.textContent())!.match(/^#(\d+)/)![1]);
  await row.click();
  await expect.poll(async () => (await app.snap()).time?.now).toBe(rowStep + 1);
  await expect(log.locator('[aria-current="step"]')).toContainText(`#${rowStep} `);
  await expect(log.locator('[aria-current="step"]')).toBeInViewport();
  await page.evaluate((s) => window.__hvlab!.actions.seek(s), back);
  await expect.poll(async () => (await app.snap()).time?.now).toBe(back);

  await page.getByRole('tab', { name: 'Scheduler' }).click();
  await page.getByLabel('Kind of next choice').selectOption('thread');
  await page.getByLabel('Thread to run next').selectOption('3.0');
  await page.getByRole('button', { name: 'Make next: CPU 0 runs VM 3.0' }).click();
  await expect.poll(async () => (await app.snap()).time?.branches.length).toBe(2);
  const branched = (await app.snap()).time!;
  expect(branched.branch).not.toBe(first.branch);
  expect(branched.head).toBe(back);

  const list = page.getByTestId('branch-list');
  await expect(list.getByRole('row')).toHaveCount(3); // header + two branches
  await expect(list.locator('tr[aria-current="true"]')).toContainText('runs vCPU 3.0 next');
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/scheduler-branches.png' });

  await page.getByRole('button', { name: `Return to branch ${first.branch}` }).click();
  await expect.poll(async () => (await app.snap()).time?.branch).toBe(first.branch);
  await app.waitStatus('paused');
  expect((await app.snap()).time!.head).toBe(oldHead);
});

test('tablists follow the WAI-ARIA keyboard pattern', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  const tabs = page.getByRole('tablist', { name: 'Machine panels' }).getByRole('tab');
  const names = await tabs.allTextContents();
  expect(names).toContain('Scheduler');
  // Only the selected tab is in the Tab order.
  await expect(page.getByRole('tablist', { name: 'Machine panels' }).locator('[role="tab"][tabindex="0"]')).toHaveCount(1);

  await tabs.first().click();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tabs.first()).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: names[0] })).toBeVisible();

  // The editor's VM tabs too.
  const vms = page.getByRole('tablist', { name: 'VMs' }).getByRole('tab');
  await vms.first().click();
  await page.keyboard.press('ArrowRight');
  await expect(vms.nth(1)).toBeFocused();
  await expect(vms.nth(1)).toHaveAttribute('aria-selected', 'true');
});
