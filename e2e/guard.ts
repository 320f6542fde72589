/**
 * The guard every e2e test runs under: it fails the test on any console
 * error, page error, failed request, HTTP error status or request to a host
 * other than the local server (those are aborted at once). It overrides the
 * built-in `context` and `page` fixtures, so no test can forget it.
 */
import { test as base, expect } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export interface GuardOptions {
  /** Set false in a test that expects problems (and asserts them itself). */
  strictGuard: boolean;
}

export const test = base.extend<GuardOptions & { problems: string[] }>({
  strictGuard: [true, { option: true }],
  problems: async ({}, use) => {
    await use([]);
  },
  context: async ({ context, problems }, use) => {
    // Routes go on the context before any page exists (TOOLCHAIN P6).
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
      problems.push(`off-host request blocked: ${url.href}`);
      return route.abort('blockedbyclient');
    });
    await use(context);
  },
  page: async ({ page, problems, strictGuard }, use) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await use(page);
    if (strictGuard) expect(problems, 'console errors / failed or off-host requests').toEqual([]);
  },
});

export { expect };
