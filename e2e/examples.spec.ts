/**
 * Every built-in example opens from the picker, runs to its end at full
 * speed, and ends as its scenario.json expects (asserted through the test
 * hook, not by scraping text).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test, expect } from './guard.ts';
import { Hvlab } from './hvlab.ts';

interface ExampleMeta {
  name: string;
  expect?: { end?: string; console?: string };
}

const EXAMPLES: ExampleMeta[] = readdirSync('examples', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`examples/${d.name}/scenario.json`))
  .map((d) => ({ ...(JSON.parse(readFileSync(`examples/${d.name}/scenario.json`, 'utf8')) as ExampleMeta), name: d.name }));

test('there are built-in examples to test', () => {
  expect(EXAMPLES.length).toBeGreaterThan(0);
});

for (const ex of EXAMPLES) {
  test(`example ${ex.name}: picked from the list, runs to its expected end`, async ({ page }) => {
    const app = new Hvlab(page);
    await app.open();
    await app.button(/^Scenario:/).click();
    await page.locator(`[data-example="${ex.name}"]`).click();
    await expect.poll(async () => (await app.snap()).example).toBe(ex.name);
    await app.waitForMachine();
    expect(page.url()).toContain(`example=${ex.name}`);
    await app.button('▶ Run').click();
    const s = await app.waitStatus('ended', 45_000);
    expect(s.assembled).toBe(true);
    if (ex.expect?.end) expect(s.view?.end?.kind).toBe(ex.expect.end);
    if (ex.expect?.console) expect(s.view?.console).toContain(ex.expect.console);
    expect(s.traceLength).toBeGreaterThan(0);
    expect(s.eventCounts.hypercall ?? 0).toBeGreaterThan(0);
  });
}
