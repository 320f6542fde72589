/**
 * Breakpoints, in Chromium, on the writable-race example (native scheduler,
 * deterministic): one test per kind a user can set — a line breakpoint with a
 * condition and a first stopping hit (from the editor), each protocol
 * breakpoint kind from the form, one from a right-click in a view, a memory
 * and a register watchpoint. Each sets it, runs to a stop, checks the stop
 * (through `window.__hvlab` and the panel's visible text), runs to the next
 * hit, and reverse-continues back to the first.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';
import type { HvlabSnapshot } from '../src/app/testHook.ts';

type Stop = NonNullable<HvlabSnapshot['stop']>;

/** Opens writable-race and the Breakpoints tab. */
async function openPanel(page: Page): Promise<{ app: Hvlab; panel: Locator }> {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await page.getByRole('tab', { name: 'Breakpoints' }).click();
  const panel = page.getByTestId('breakpoints-panel');
  await expect(panel).toBeVisible();
  return { app, panel };
}

/** Runs (F5) until the machine pauses on a stop later than `after`; returns the snapshot there. */
async function runToStop(app: Hvlab, after: number): Promise<HvlabSnapshot> {
  await app.page.keyboard.press('F5');
  await expect
    .poll(
      async () => {
        const s = await app.snap();
        return s.status === 'paused' && s.stop !== null && (s.time?.now ?? 0) > after;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return app.snap();
}

/** Reverse continue (the toolbar button) until the machine is back at step `now`. */
async function reverseTo(app: Hvlab, now: number): Promise<HvlabSnapshot> {
  await app.page.getByRole('button', { name: 'Reverse continue', exact: true }).click();
  await expect.poll(async () => (await app.snap()).time?.now, { timeout: 30_000 }).toBe(now);
  await expect.poll(async () => (await app.snap()).status).toBe('paused');
  return app.snap();
}

/**
 * Runs to the first and second hits of the breakpoint set, checks both with
 * `check`, then reverse-continues to the first again (same stop, same hit count).
 */
async function firstSecondBack(app: Hvlab, panel: Locator, check: (stop: Stop, s: HvlabSnapshot) => void, text: RegExp): Promise<void> {
  const first = await runToStop(app, 0);
  check(first.stop!, first);
  await expect(panel.getByTestId('bp-stop')).toHaveText(text);
  const second = await runToStop(app, first.time!.now);
  check(second.stop!, second);
  const key = first.stop!.kind === 'protocol' || first.stop!.kind === 'watch' ? first.stop!.id : `${first.stop!.kind}`;
  if (key in first.hits) expect(second.hits[key]).toBeGreaterThan(first.hits[key]);
  const back = await reverseTo(app, first.time!.now);
  expect(back.stop).toEqual(first.stop);
  if (key in first.hits) expect(back.hits[key]).toBe(first.hits[key]);
  await expect(panel.getByTestId('bp-stop')).toHaveText(text);
}

/** The form control named `label` (a select, a text field or a checkbox). */
function control(form: Locator, label: string): Locator {
  const named = { name: label, exact: true };
  return form.getByRole('combobox', named).or(form.getByRole('textbox', named)).or(form.getByRole('checkbox', named));
}

/** Fills the "New protocol breakpoint" form (controls by accessible name) and adds it. */
async function addProtocol(panel: Locator, kind: string, fields: Record<string, string | boolean>): Promise<void> {
  const form = panel.getByRole('form', { name: 'New protocol breakpoint' });
  await form.getByLabel('Break on').selectOption(kind);
  for (const [label, value] of Object.entries(fields)) {
    const field = control(form, label);
    if (typeof value === 'boolean') await field.setChecked(value);
    else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect(panel.getByRole('table', { name: 'Protocol breakpoints' })).toBeVisible();
}

async function addWatch(panel: Locator, kind: 'memory' | 'register', fields: Record<string, string>): Promise<void> {
  const form = panel.getByRole('form', { name: 'New watchpoint' });
  await form.getByLabel('Watch').selectOption(kind);
  for (const [label, value] of Object.entries(fields)) {
    const field = control(form, label);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: 'Add watchpoint' }).click();
  await expect(panel.getByRole('table', { name: 'Watchpoints' })).toBeVisible();
}

const eventOf = (stop: Stop) => (stop.kind === 'protocol' ? stop.event : null);

test('a line breakpoint with a condition and a first stopping hit, set from the editor, stops there and reverse-continues', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await app.waitForEditor();
  const file = (await app.snap()).draft.scenario.vms[0].files!.at(-1)!;
  expect(file).toMatch(/receiver\.s$/);
  await page.evaluate((f) => window.__hvlab!.actions.setEditorFile(f), file);
  // Line 38 is `cmp x22, #6`: reached once per message, with x22 = 1, 2, 3, ... (messages so far).
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < 38; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+B');
  const dialog = page.getByRole('dialog', { name: `Breakpoint at ${file}:38` });
  await expect(dialog).toBeVisible();
  // A mistake is pointed at, at its column.
  await dialog.getByLabel('Condition').fill('x22 != q1');
  await expect(dialog.getByRole('alert')).toContainText("column 8: unknown name 'q1'");
  await dialog.getByLabel('Condition').fill('x22 != 4');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Stop from hit').fill('3');
  await dialog.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await app.snap()).breakpoints).toEqual([{ file, line: 38, condition: 'x22 != 4', fromHit: 3 }]);
  // The conditional breakpoint has its own glyph; right-clicking it edits it.
  const glyph = page.locator('.monaco-editor .hv-bp-glyph.hv-bp-cond');
  await expect(glyph).toHaveCount(1);
  await glyph.click({ button: 'right' });
  await expect(dialog.getByLabel('Condition')).toHaveValue('x22 != 4');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByRole('table', { name: 'Line breakpoints' })).toContainText(`${file}:38`);

  const x22 = (s: HvlabSnapshot) => BigInt(s.view!.vms.find((v) => v.id === 1)!.vcpus[0].x[22]);
  const first = await runToStop(app, 0);
  expect(first.stop).toEqual({ kind: 'breakpoint', vm: 1, vcpu: 0, file, line: 38 });
  // Hits 1 and 2 are before "from hit 3"; hit 3 (x22 = 3) stops; hit 4 fails the condition; hit 5 stops.
  expect(x22(first)).toBe(3n);
  await expect(panel.getByTestId('bp-stop')).toHaveText(`Stopped at the breakpoint at ${file}:38 (vCPU 1.0).`);
  const second = await runToStop(app, first.time!.now);
  expect(x22(second)).toBe(5n);
  expect(second.hits[`${file}:38`]).toBeGreaterThan(first.hits[`${file}:38`]);
  const back = await reverseTo(app, first.time!.now);
  expect(back.stop).toEqual(first.stop);
  expect(x22(back)).toBe(3n);
  expect(back.hits[`${file}:38`]).toBe(first.hits[`${file}:38`]);
  // A condition mistake typed in the panel's row is shown there too, at its column.
  await panel.getByLabel(`Condition of the breakpoint at ${file}:38`).fill('x22 !=');
  await expect(panel.getByRole('alert')).toContainText('column 7');
  await page.setViewportSize({ width: 1400, height: 2400 });
  await panel.screenshot({ path: test.info().outputPath('panel-line-light.png') });
});

test('hypercall breakpoint from the form: HF_MAILBOX_SEND from VM 3 to VM 1 that fails', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'hypercall', { Function: 'HF_MAILBOX_SEND', 'Caller VM': '3', 'Target VM': '1', Result: 'fail' });
  expect((await app.snap()).protocolBreakpoints).toEqual([{ id: 'p1', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 3, targetVm: 1, result: 'fail' }, enabled: true }]);
  await firstSecondBack(
    app,
    panel,
    (stop) => {
      expect(stop).toMatchObject({ kind: 'protocol', id: 'p1', event: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', vm: 3, resultNum: -1 } });
    },
    /Stopped by protocol breakpoint p1: HF_MAILBOX_SEND from VM 3 to VM 1 failing/,
  );
});

test('mailbox breakpoint from the form: VM 1 becomes empty while its waiter list is non-empty', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'mailbox', { VM: '1', Becomes: 'empty', 'while its waiter list is non-empty': true });
  await firstSecondBack(
    app,
    panel,
    (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'mailbox_state', vm: 1, to: 'empty' }),
    /VM 1 mailbox becomes empty while its waiter list is non-empty/,
  );
});

test('waiter list breakpoint from the form: an entry joins VM 1’s waiter list', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'waiter_list', { 'Owner VM': '1', Change: 'add' });
  await firstSecondBack(app, panel, (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'waiter_list', owner: 1, op: 'add' }), /an entry joins VM 1's waiter list/);
});

test('ready list breakpoint from the form: VM 3’s ready list changes', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'ready_list', { 'Owner VM': '3' });
  await firstSecondBack(app, panel, (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'ready_list', owner: 3 }), /VM 3's ready list changes/);
});

test('run-return breakpoint from the form: a run returns NOTIFY_WAITERS', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'run_return', { Code: 'NOTIFY_WAITERS' });
  await firstSecondBack(app, panel, (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'run_return', code: 'NOTIFY_WAITERS', vm: 1 }), /run returns NOTIFY_WAITERS/);
});

test('interrupt breakpoint from the form: interrupt 2 injected into VM 3', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'interrupt', { When: 'inject', VM: '3', 'Interrupt id': '2' });
  await firstSecondBack(app, panel, (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'interrupt', op: 'inject', vm: 3, intid: 2 }), /interrupt injected \(intid 2\) to VM 3/);
});

test('vCPU state breakpoint from the form: vCPU 2.0 changes state', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addProtocol(panel, 'vcpu_state', { VM: '2', vCPU: '0' });
  await firstSecondBack(app, panel, (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'vcpu_state', vm: 2, vcpu: 0 }), /vCPU 2\.0 changes state/);
});

test('right-click on a mailbox state in the view sets a protocol breakpoint; the menu works from the keyboard too', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  const mailboxes = page.locator('[data-viz="mailboxes"] .viz-host > svg');
  // Keyboard: the ContextMenu key on the focused view lists every mailbox's offers; Escape closes and gives focus back.
  await mailboxes.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Set a protocol breakpoint' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(mailboxes).toBeFocused();

  // Mouse: VM 1's "empty" state node.
  const vm1 = page.locator('[data-viz="mailboxes"] g.cell').filter({ has: page.locator('text.title', { hasText: /^VM 1\b/ }) });
  await vm1.locator('g.node').filter({ hasText: 'empty' }).click({ button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(["Break when VM 1's mailbox becomes empty", "Break when VM 1's mailbox becomes empty while its waiter list is non-empty"]);
  await page.screenshot({ path: test.info().outputPath('context-menu-light.png') });
  await page.evaluate(() => window.__hvlab!.actions.setTheme('dark'));
  await page.screenshot({ path: test.info().outputPath('context-menu-dark.png') });
  await page.evaluate(() => window.__hvlab!.actions.setTheme('light'));
  await menu.getByRole('menuitem', { name: /while its waiter list is non-empty/ }).click();
  await expect(menu).toHaveCount(0);
  expect((await app.snap()).protocolBreakpoints).toEqual([{ id: 'p1', bp: { kind: 'mailbox', vm: 1, to: 'empty', waitersNonEmpty: true }, enabled: true }]);
  await expect(panel.getByRole('table', { name: 'Protocol breakpoints' })).toContainText('VM 1 mailbox becomes empty while its waiter list is non-empty');

  await firstSecondBack(
    app,
    panel,
    (stop) => expect(eventOf(stop)).toMatchObject({ kind: 'mailbox_state', vm: 1, to: 'empty' }),
    /Stopped by protocol breakpoint p1: VM 1 mailbox becomes empty while its waiter list is non-empty/,
  );
  // A tall window, so the whole panel is on screen for its screenshots.
  await page.setViewportSize({ width: 1400, height: 2400 });
  await panel.screenshot({ path: test.info().outputPath('panel-light.png') });
  await page.evaluate(() => window.__hvlab!.actions.setTheme('dark'));
  await panel.screenshot({ path: test.info().outputPath('panel-dark.png') });

  // Disabled, it no longer stops: the run goes on to the end.
  await panel.getByLabel('Enable protocol breakpoint p1').uncheck();
  await page.keyboard.press('F5');
  await expect.poll(async () => (await app.snap()).status, { timeout: 30_000 }).toBe('ended');
});

test('memory watchpoint: VM 1’s receive page changes as messages arrive', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  // VM 1 configures its mailbox with the receive page at IPA 0x82000 (see the mailbox_configure event).
  await addWatch(panel, 'memory', { VM: '1', Address: '0x82000', Bytes: '8' });
  expect((await app.snap()).watchpoints).toEqual([{ id: 'w1', kind: 'memory', vm: 1, addr: 0x82000, length: 8 }]);
  await firstSecondBack(app, panel, (stop) => expect(stop).toMatchObject({ kind: 'watch', id: 'w1' }), /Stopped by watchpoint w1: VM 1 memory 0x82000\.\.0x82007 \(8 B\) changed/);
});

test('register watchpoint: VM 1’s message counter x22', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  await addWatch(panel, 'register', { VM: '1', vCPU: '0', Register: 'x22' });
  const x22 = (s: HvlabSnapshot) => BigInt(s.view!.vms.find((v) => v.id === 1)!.vcpus[0].x[22]);
  const seen: bigint[] = [];
  await firstSecondBack(
    app,
    panel,
    (stop, s) => {
      expect(stop).toMatchObject({ kind: 'watch', id: 'w1' });
      expect(BigInt(stop.kind === 'watch' ? stop.after : -1)).toBe(x22(s));
      seen.push(x22(s));
    },
    /Stopped by watchpoint w1: vCPU 1\.0 register x22 changed/,
  );
  expect(seen).toEqual([1n, 2n]);
});

test('right-click offers in the other views (vCPU lane, message arrow, list), and protocol breakpoints and watchpoints survive a reload', async ({ page }) => {
  const { app, panel } = await openPanel(page);
  const menu = page.getByRole('menu', { name: 'Set a protocol breakpoint' });
  const items = menu.getByRole('menuitem');

  // The first lane of the timeline is the primary's vCPU 0.
  await page.locator('[data-viz="vcpu-timeline"] .viz-host > svg g.lane rect').first().click({ button: 'right' });
  await expect(items).toHaveText(['Break when vCPU 0.0 changes state', 'Break when vCPU 0.0 becomes blocked_mailbox']);
  await page.keyboard.press('Escape');

  // The first message (VM 2 -> VM 1, step 122) in the sequence diagram, after a run and a seek back to it.
  await page.keyboard.press('F5');
  await app.waitStatus('ended');
  await page.evaluate(() => window.__hvlab!.actions.seek(123));
  await expect.poll(async () => (await app.snap()).time?.now).toBe(123);
  const arrow = page.locator('[data-viz="sequence"] .viz-host > svg g.viz-row').filter({ hasText: 'copied from VM 2 to VM 1' }).first();
  await arrow.click({ button: 'right' });
  await expect(items).toHaveText(['Break on HF_MAILBOX_SEND from VM 2 to VM 1']);
  await items.first().click();
  await expect(menu).toHaveCount(0);

  // VM 1's row in the lists view, left column: its waiter list.
  await page.locator('[data-viz="wait-lists"] .viz-host > svg g.row').filter({ hasText: /^VM 1/ }).locator('text.label').click({ button: 'right' });
  await expect(items).toHaveText(["Break on a change of VM 1's waiter list", "Break when an entry joins VM 1's waiter list"]);
  await page.keyboard.press('Escape');

  await addWatch(panel, 'register', { VM: '2', vCPU: '0', Register: 'x19' });
  const before = await app.snap();
  expect(before.protocolBreakpoints).toEqual([{ id: 'p1', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: 2, targetVm: 1 }, enabled: true }]);
  // The draft (with them) is written a moment after the last change.
  await page.waitForTimeout(600);
  // Opening the page again (without ?example=, which always opens the pristine example) restores the saved draft.
  await app.open();
  const after = await app.snap();
  expect(after.protocolBreakpoints).toEqual(before.protocolBreakpoints);
  expect(after.watchpoints).toEqual(before.watchpoints);
  await page.getByRole('tab', { name: 'Breakpoints' }).click();
  await expect(panel.getByRole('table', { name: 'Protocol breakpoints' })).toContainText('HF_MAILBOX_SEND from VM 2 to VM 1');
  await expect(panel.getByRole('table', { name: 'Watchpoints' })).toContainText('vCPU 2.0 register x19');
});
