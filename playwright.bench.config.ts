import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// The UI benchmark (`npm run bench:ui`): same browser and server as the e2e
// suite, its own test folder; writes bench/results-ui.json.
export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: '**/*.bench.ts',
  timeout: 180_000,
});
