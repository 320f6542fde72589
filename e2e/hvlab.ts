/**
 * A page object for the playground: waits and assertions in the domain's
 * words, reading machine state through the typed `window.__hvlab` hook.
 */
import type { Page } from '@playwright/test';
import { expect } from './guard.ts';
import type { HvlabSnapshot } from '../src/app/testHook.ts';

export class Hvlab {
  constructor(readonly page: Page) {}

  /** Opens the app (optionally an example) and waits for a machine built from assembled code. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.waitForMachine();
  }

  async waitForMachine(): Promise<void> {
    await expect.poll(async () => (await this.snapshot())?.view !== null && (await this.snapshot())?.worker === 'ready', { timeout: 20_000 }).toBe(true);
  }

  /** Opens a scenario of one guest `name` (native primary, practically no step limit) running `source` as `${name}.s`. */
  async openGuest(name: string, source: string): Promise<void> {
    await this.page.evaluate(
      ([n, src]) => {
        const scenario = { version: 1 as const, name: n, primary: { kind: 'native' as const }, vms: [{ name: n, files: [`${n}.s`] }], maxSteps: 1e12 };
        window.__hvlab!.actions.openDraft({ scenario, files: { [`${n}.s`]: src } }, null);
      },
      [name, source] as const,
    );
    await this.waitForMachine();
  }

  async waitForEditor(): Promise<void> {
    await expect.poll(() => this.page.evaluate(() => window.__hvlab?.editorReady === true), { timeout: 20_000 }).toBe(true);
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible();
  }

  snapshot(): Promise<HvlabSnapshot | null> {
    return this.page.evaluate(() => window.__hvlab?.snapshot() ?? null);
  }

  async snap(): Promise<HvlabSnapshot> {
    const s = await this.snapshot();
    if (!s) throw new Error('window.__hvlab is not installed');
    return s;
  }

  /** Waits until the machine status is `status`. */
  async waitStatus(status: HvlabSnapshot['status'], timeout = 30_000): Promise<HvlabSnapshot> {
    await expect.poll(async () => (await this.snap()).status, { timeout }).toBe(status);
    return this.snap();
  }

  /** The time scrubber under the toolbar (a slider over [0, head]). */
  scrubber() {
    return this.page.getByRole('slider', { name: 'Scrub through the run' });
  }

  /** Waits until the machine is at step `now` (time.now) and paused, not searching; returns the snapshot. */
  async waitNow(check: (now: number) => boolean, timeout = 20_000): Promise<HvlabSnapshot> {
    await expect.poll(async () => {
      const s = await this.snap();
      return s.status !== 'running' && s.time !== null && check(s.time.now);
    }, { timeout }).toBe(true);
    return this.snap();
  }

  button(name: string | RegExp) {
    return this.page.getByRole('button', { name });
  }

  /** Replaces the text of the open editor by typing (select all, then type). */
  async typeInEditor(text: string): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
}
