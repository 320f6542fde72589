/**
 * Sharing and exporting: a share link made at a protocol breakpoint opens the
 * same moment (sources, breakpoints, step, machine state) in a fresh browser
 * context; a damaged link says so and the page still works; a link written
 * by the first link format (version 1) still opens; the trace, scenario and
 * view exports download valid files.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from '@playwright/test';
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';
import type { HvlabSnapshot } from '../src/app/testHook.ts';

const V1_LINK = readFileSync(new URL('../src/app/share/fixtures/v1-link.txt', import.meta.url), 'utf8').trim();

/**
 * A page in a new browser context (no storage shared with the first page),
 * failing the test on page errors as the guard does for the default page.
 */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return { page, errors, close: () => context.close() };
}

/** Waits until a replay (or any long job) is over and the machine is paused at `step`. */
async function waitAtStep(app: Hvlab, step: number): Promise<HvlabSnapshot> {
  await expect.poll(async () => {
    const s = await app.snap();
    return { now: s.time?.now, status: s.status, job: s.search?.what ?? null };
  }, { timeout: 30_000 }).toEqual({ now: step, status: 'paused', job: null });
  return app.snap();
}

async function text(d: Download): Promise<string> {
  const chunks = await (await d.createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8');
}

/** The machine state that must match: every VM's mailbox, lists and vCPU registers, and the CPUs. */
function machineState(s: HvlabSnapshot) {
  return { steps: s.view?.steps, cpus: s.view?.cpus, vms: s.view?.vms };
}

test('a share link opens the same moment in a fresh browser context', async ({ page, browser, baseURL }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await page.evaluate(() => {
    const a = window.__hvlab!.actions;
    a.setProtocolBreakpoints([{ id: 'e2e-send-fail', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', result: 'fail' }, enabled: true }]);
    a.setBreakpointOptions('receiver.s', 14, { condition: 'x22 == 99' });
    a.setWatchpoints([{ id: 'e2e-x22', kind: 'register', vm: 1, vcpu: 0, reg: 'x22' }]);
  });
  await app.button('▶ Run').click();
  await expect.poll(async () => {
    const s = await app.snap();
    return s.status === 'paused' ? s.stop?.kind : null;
  }, { timeout: 30_000 }).toMatch(/^(protocol|watch)$/);
  const original = await app.snap();
  expect(original.time?.now).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Share / Export' }).click();
  await page.getByRole('menuitem', { name: 'Share link…' }).click();
  const field = page.getByTestId('share-link');
  await expect(field).toHaveValue(/#s\/2\//);
  const link = await field.inputValue();
  expect(link.startsWith(`${new URL(page.url()).origin}/#s/2/`)).toBe(true);
  await page.getByRole('button', { name: 'Close' }).click();

  const other = await freshPage(browser, baseURL);
  const shared = new Hvlab(other.page);
  await other.page.goto(link);
  await shared.waitForMachine();
  const opened = await waitAtStep(shared, original.time!.now);
  expect(opened.draft).toEqual(original.draft);
  expect(opened.example).toBe('writable-race');
  expect(opened.breakpoints).toEqual(original.breakpoints);
  expect(opened.protocolBreakpoints).toEqual(original.protocolBreakpoints);
  expect(opened.watchpoints).toEqual(original.watchpoints);
  expect(machineState(opened)).toEqual(machineState(original));
  expect(opened.notice).toMatch(/Opened a shared session: writable-race at step/);
  // The link is read once: the address bar no longer holds it.
  expect(new URL(other.page.url()).hash).toBe('');
  expect(other.errors).toEqual([]);
  await other.close();
});

test('a damaged link says so, and the page still works', async ({ page, browser, baseURL }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await page.getByRole('button', { name: 'Share / Export' }).click();
  await page.getByRole('menuitem', { name: 'Share link…' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const at = link.indexOf('#s/2/') + 30;
  const damaged = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);

  const other = await freshPage(browser, baseURL);
  const fresh = new Hvlab(other.page);
  await other.page.goto(damaged);
  await fresh.waitForMachine();
  await expect(other.page.getByRole('status').filter({ hasText: 'The share link could not be opened' })).toContainText('damaged');
  await other.page.getByRole('button', { name: '▶ Run' }).click();
  await expect.poll(async () => (await fresh.snap()).view?.steps ?? 0).toBeGreaterThan(0);
  expect(other.errors).toEqual([]);
  await other.close();
});

test('a link made by the first link format (version 1) still opens', async ({ page, browser, baseURL }) => {
  const other = await freshPage(browser, baseURL);
  const app = new Hvlab(other.page);
  await other.page.goto(`/#${V1_LINK}`);
  await app.waitForMachine();
  const s = await waitAtStep(app, 3000);
  expect(s.example).toBe('writable-race');
  expect(s.breakpoints).toEqual([{ file: 'receiver.s', line: 14 }]);
  expect(s.protocolBreakpoints).toEqual([{ id: 'shared-1', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', result: 'fail' }, enabled: true }]);
  expect(s.notice).toMatch(/made by an older hvlab/);
  // Replayed exactly: the state the example has at step 3000 when it runs here.
  const here = new Hvlab(page);
  await here.open('?example=writable-race');
  await here.button('▶ Run').click();
  await here.waitStatus('ended', 60_000);
  await page.evaluate(() => window.__hvlab!.actions.seek(3000));
  expect(machineState(await waitAtStep(here, 3000))).toEqual(machineState(s));
  expect(other.errors).toEqual([]);
  await other.close();
});

test('a link opened over saved work leaves that work saved until the shared scenario is edited', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=t1-echo');
  const mine = await page.evaluate(() => {
    const hook = window.__hvlab!;
    const { draft } = hook.snapshot();
    const file = Object.keys(draft.files)[0];
    hook.actions.editFile(file, `${draft.files[file]}\n// my own work\n`);
    return file;
  });
  // Navigating while Monaco's chunk still loads would abort it.
  await app.waitForEditor();
  await page.goto('/');
  await app.waitForMachine();
  expect((await app.snap()).draft.files[mine]).toContain('// my own work');
  await app.waitForEditor();

  // Only the fragment changes: the page reloads itself to open the link.
  const reloaded = page.waitForEvent('load');
  await page.goto(`/#${V1_LINK}`);
  await reloaded;
  await expect.poll(async () => {
    const s = await app.snapshot();
    return s ? { example: s.example, now: s.time?.now, job: s.search?.what ?? null } : null;
  }, { timeout: 30_000 }).toEqual({ example: 'writable-race', now: 3000, job: null });
  await app.waitForEditor();

  await page.goto('/');
  await app.waitForMachine();
  const back = await app.snap();
  expect(back.example).toBe('t1-echo');
  expect(back.draft.files[mine]).toContain('// my own work');
});

test('exports: trace as JSON and Chrome trace format, the scenario file, and a view as SVG and PNG', async ({ page }) => {
  const app = new Hvlab(page);
  await app.open('?example=writable-race');
  await app.button('▶ Run').click();
  await app.waitStatus('ended', 60_000);

  const menu = async (item: string): Promise<Download> => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Share / Export' }).click();
    await page.getByRole('menuitem', { name: item }).click();
    return download;
  };

  const json = await menu('Trace as JSON');
  expect(json.suggestedFilename()).toBe('hvlab-trace.json');
  const trace = JSON.parse(await text(json));
  expect(trace).toMatchObject({ format: 'hvlab-trace', events: expect.any(Array) });
  expect(trace.events.length).toBeGreaterThan(10);
  expect(trace.events[0]).toMatchObject({ kind: expect.any(String), step: expect.any(Number) });

  const chrome = await menu('Trace for Perfetto (Chrome trace JSON)');
  expect(chrome.suggestedFilename()).toBe('hvlab-trace.perfetto.json');
  const ct = JSON.parse(await text(chrome));
  expect(Array.isArray(ct.traceEvents)).toBe(true);
  expect(ct.traceEvents.length).toBeGreaterThan(10);
  expect(ct.traceEvents[0]).toMatchObject({ ph: expect.any(String), pid: expect.anything() });

  const scenario = await menu('Scenario file (scenario.json)');
  expect(scenario.suggestedFilename()).toBe('scenario.json');
  expect(JSON.parse(await text(scenario))).toMatchObject({ name: 'Writable race', cpus: 2 });

  const view = page.locator('[data-viz="mailboxes"]');
  const svgDownload = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export Mailbox state machines as SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toMatch(/^hvlab-mailboxes-step\d+\.svg$/);
  expect(await text(svg)).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

  const pngDownload = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export Mailbox state machines as PNG' }).click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/^hvlab-mailboxes-step\d+\.png$/);
  const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // Drawn at twice the view's on-screen size (IHDR width and height).
  const box = await view.locator('.viz-host svg').first().boundingBox();
  expect(bytes.readUInt32BE(16)).toBe(Math.round(box!.width) * 2);
  expect(bytes.readUInt32BE(20)).toBe(Math.round(box!.height) * 2);
});
