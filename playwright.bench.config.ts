import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';
import { BENCH_DIST, BENCH_PORT } from './e2e/bench/server.ts';

// The UI benchmark (`npm run bench:ui`): same browser as the e2e suite, its
// own test folder, build and server (see e2e/bench/server.ts); writes
// bench/results-ui.json.
const vite = 'node node_modules/vite/bin/vite.js';
export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: '**/*.bench.ts',
  timeout: 180_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${BENCH_PORT}` },
  webServer: {
    ...base.webServer,
    command: `${vite} build --outDir ${BENCH_DIST} --emptyOutDir && ${vite} preview --outDir ${BENCH_DIST} --host 127.0.0.1 --port ${BENCH_PORT} --strictPort`,
    url: `http://127.0.0.1:${BENCH_PORT}/`,
  },
});
