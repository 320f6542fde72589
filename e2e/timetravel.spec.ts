/**
 * Time travel from the page: step back one instruction, back one event, back
 * to the previous HF_MAILBOX_SEND, scrub by click, drag and keyboard, and run
 * forward again to the same end as a straight run. Every view (registers,
 * editor PC, D3 views) follows the scrubbed step.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';
import type { HvlabSnapshot } from '../src/app/testHook.ts';

test.use({ viewport: { width: 1440, height: 900 } });

/** The focused vCPU in a snapshot. */
function focusedVcpu(s: HvlabSnapshot, vm: number, vcpu: number) {
  const v = s.view?.vms.find((x) => x.id === vm)?.vcpus[vcpu];
  if (!v) throw new Error(`no vCPU ${vm}.${vcpu}`);
  return v;
}

/** The pc the registers panel shows (its value, without the "was" annotation), as a number. */
async function shownPc(page: Page): Promise<bigint> {
  const text = await page
    .getByTestId('registers')
    .locator('tr', { has: page.locator('th', { hasText: /^pc$/ }) })
    .locator('td')
    .evaluate((td) => td.firstChild?.textContent ?? '');
  return BigInt(`0x${text.replace(/^0x/, '').replace(/[^0-9a-f]/gi, '') || '0'}`);
}

/** The line number the editor marks with the focused vCPU's PC, or null when none is drawn. */
function shownPcLine(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const text = document.querySelector('.monaco-editor .hv-pc-glyph')?.parentElement?.querySelector('.line-numbers')?.textContent;
    return text ? Number(text.trim()) : null;
  });
}

/** The bytes the memory panel's first row shows, as the hex words it prints. */
async function shownMemoryRow(page: Page): Promise<string> {
  return (await page.getByTestId('memory').locator('.row').first().locator('span').nth(1).innerText()).replace(/\s+/g, ' ').trim();
}

/** The first 16 bytes of the snapshot's memory window, as the panel prints them. */
const firstRow = (s: HvlabSnapshot) => (s.memory?.bytes ?? []).slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** Everything about the machine that must match between two runs to the same point. */
const machineState = (s: HvlabSnapshot) => JSON.stringify({ view: s.view, pcs: s.pcs });

test('step back, back event, back to a hypercall, scrub and run forward again', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await app.waitForEditor();
  // The page focuses the first guest's first vCPU.
  const focus = { vm: 1, vcpu: 0 };

  // A straight run to the end: the reference end state.
  await app.button('▶ Run').click();
  const straight = await app.waitStatus('ended');
  const head = straight.time!.head;
  expect(straight.time!.now).toBe(head);
  expect(head).toBe(straight.view!.steps);
  const slider = app.scrubber();
  await expect(slider).toHaveAttribute('aria-valuenow', String(head));
  await expect(slider).toHaveAttribute('aria-valuemax', String(head));
  await expect(page.getByTestId('keyframes')).toContainText(/keyframes? · [\d.]+ MiB/);

  // The memory panel shows the receiver's mailbox page (messages land there).
  const recv = Number(BigInt(straight.view!.vms.find((v) => v.id === focus.vm)!.mailbox.recv ?? '0x80000'));
  await page.getByRole('tab', { name: 'Memory', exact: true }).click();
  await page.evaluate(([vm, addr]) => window.__hvlab!.actions.watchMemory(vm, addr), [focus.vm, recv] as const);
  await expect.poll(async () => (await app.snap()).memory?.addr).toBe(recv);
  const endRow = firstRow(await app.snap());
  await expect.poll(() => shownMemoryRow(page)).toBe(endRow);

  // Step back one instruction on the focused vCPU.
  const before = focusedVcpu(straight, focus.vm, focus.vcpu);
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  const back1 = await app.waitNow((n) => n < head);
  expect(back1.stop?.kind).toBe('step');
  const after = focusedVcpu(back1, focus.vm, focus.vcpu);
  expect(after.retired).toBe(before.retired - 1);
  await expect.poll(() => shownPc(page)).toBe(BigInt(after.pc));
  const pcAt = back1.pcs.find((p) => p.vm === focus.vm && p.vcpu === focus.vcpu)!;
  await expect(page.getByRole('tab', { name: pcAt.file, exact: false }).first()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => shownPcLine(page)).toBe(pcAt.line);
  await expect(page.getByTestId('time-now')).toContainText(back1.time!.now.toLocaleString('en-US'));
  await expect(page.getByTestId('stop')).toHaveText('stepped');

  // Back one event: the machine is just after an earlier event.
  await app.button('Back event').click();
  const back2 = await app.waitNow((n) => n < back1.time!.now);
  expect(back2.stop?.kind).toBe('seek');
  await expect(page.getByTestId('stop')).toHaveText('moved in time');

  // Back to the previous HF_MAILBOX_SEND: the event just before the present is that call.
  await page.getByRole('combobox', { name: 'Hypercall to go back to' }).selectOption('HF_MAILBOX_SEND');
  await app.button('Back to the previous hypercall').click();
  const back3 = await app.waitNow((n) => n < back2.time!.now);
  const justBefore = await page.evaluate((n) => window.__hvlab!.eventsBetween(n - 1, n - 1), back3.time!.now);
  expect(justBefore.some((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND')).toBe(true);
  // The branch's future stays known: the scrubber still spans the whole run.
  expect(back3.time!.head).toBe(head);
  await expect(page.getByText('now · below: the known future')).toBeVisible();

  // Scrub by clicking the middle of the bar.
  const box = (await slider.boundingBox())!;
  const pad = 8;
  const xAt = (fraction: number) => box.x + pad + fraction * (box.width - 2 * pad);
  await page.mouse.click(xAt(0.5), box.y + box.height / 2);
  const mid = await app.waitNow((n) => Math.abs(n - head / 2) <= head * 0.01);
  await expect(slider).toHaveAttribute('aria-valuenow', String(mid.time!.now));
  const midVcpu = focusedVcpu(mid, focus.vm, focus.vcpu);
  await expect.poll(() => shownPc(page)).toBe(BigInt(midVcpu.pc));
  await expect(page.getByTestId('step-counter')).toContainText(`step ${mid.view!.steps.toLocaleString('en-US')}`);
  await expect.poll(async () => (await shownMemoryRow(page)) === firstRow(await app.snap())).toBe(true);
  // The vCPU timeline's cursor is at the last step executed.
  await expect(page.locator('svg[aria-roledescription="vCPU state timeline"]')).toHaveAttribute('aria-label', new RegExp(`At step ${mid.time!.now - 1}:`));
  const timebar = page.getByRole('region', { name: 'Time travel' });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: test.info().outputPath('scrubbed-light.png') });
  await timebar.screenshot({ path: test.info().outputPath('timebar-light.png') });
  await app.button('Dark').click();
  await page.screenshot({ path: test.info().outputPath('scrubbed-dark.png') });
  await timebar.screenshot({ path: test.info().outputPath('timebar-dark.png') });
  await app.button('Dark').click();

  // Drag from a quarter to three quarters: seeks follow, the last position wins.
  await page.mouse.move(xAt(0.25), box.y + box.height / 2);
  await page.mouse.down();
  for (let f = 0.3; f <= 0.75; f += 0.05) await page.mouse.move(xAt(f), box.y + box.height / 2);
  await page.mouse.move(xAt(0.75), box.y + box.height / 2);
  await page.mouse.up();
  await app.waitNow((n) => Math.abs(n - head * 0.75) <= head * 0.01);

  // Keyboard: Home, End, one step, 1%.
  await slider.focus();
  await page.keyboard.press('Home');
  await app.waitNow((n) => n === 0);
  // Before any message the receiver's mailbox page holds none of the final bytes.
  await expect.poll(async () => (await shownMemoryRow(page)) === firstRow(await app.snap())).toBe(true);
  expect(await shownMemoryRow(page)).not.toBe(endRow);
  await expect(slider).toHaveAttribute('aria-valuetext', `step 0 of ${head.toLocaleString('en-US')}`);
  await page.keyboard.press('End');
  await app.waitNow((n) => n === head);
  await page.keyboard.press('ArrowLeft');
  await app.waitNow((n) => n === head - 1);
  await page.keyboard.press('PageDown');
  const stride = Math.max(1, Math.round(head / 100));
  await app.waitNow((n) => n === head - 1 - stride);

  // Back to the middle, then run forward again: the same end as the straight run.
  await page.mouse.click(xAt(0.5), box.y + box.height / 2);
  await app.waitNow((n) => Math.abs(n - head / 2) <= head * 0.01);
  await app.button('▶ Run').click();
  const again = await app.waitStatus('ended');
  expect(again.time!.now).toBe(head);
  expect(machineState(again)).toBe(machineState(straight));
});

test('the time-travel keys: Ctrl+F10 steps back, Shift+F8 goes back an event, F8 steps an event forward', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  for (let i = 0; i < 3; i++) {
    const n = (await app.snap()).time?.now ?? 0;
    await page.keyboard.press('F8');
    await app.waitNow((now) => now > n);
  }
  const s0 = await app.snap();
  await page.keyboard.press('Shift+F8');
  const s1 = await app.waitNow((n) => n < s0.time!.now);
  expect(s1.stop?.kind).toBe('seek');
  // Step one instruction of the focused vCPU, then back: it has retired as many as before.
  const retired = (s: HvlabSnapshot) => s.view!.vms.find((v) => v.id === 1)!.vcpus[0].retired;
  await page.keyboard.press('F10');
  const s2 = await app.waitNow((n) => n > s1.time!.now);
  expect(retired(s2)).toBe(retired(s1) + 1);
  await page.keyboard.press('Control+F10');
  const s3 = await app.waitNow((n) => n < s2.time!.now);
  expect(retired(s3)).toBe(retired(s1));
  expect(s3.time!.now).toBeGreaterThanOrEqual(s1.time!.now);
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Ctrl+F10');
  await expect(dialog).toContainText('Shift+F8');
  await expect(dialog).not.toContainText('F11');
});

const SPIN = `    .text
    .global _start
_start:
1:  add x0, x0, #1
    b 1b
never:
    mov x1, #2
    b never
`;

test('a long backward search can be cancelled from the scrubber bar', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open();
  await app.openGuest('spin', SPIN);
  // A breakpoint the guest never reaches: reverse continue must look through the whole run.
  await page.evaluate(() => window.__hvlab!.actions.toggleBreakpoint('spin.s', 7));
  await app.button('▶ Run').click();
  await app.waitStatus('running');
  // Long enough that the search takes a moment (it went through 15M steps in about a second here).
  await page.waitForTimeout(6000);
  await app.button('❚❚ Pause').click();
  const paused = await app.waitStatus('paused');
  const now = paused.time!.now;
  expect(now).toBeGreaterThan(1_000_000);

  await app.button('Reverse continue').click();
  const search = page.getByTestId('search');
  await search.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(async () => (await app.snap()).stop?.kind).toBe('cancelled');
  await expect(search).toHaveCount(0);
  await expect(page.getByTestId('stop')).toHaveText('search cancelled (the machine did not move)');
  expect((await app.snap()).time!.now).toBe(now);
});
