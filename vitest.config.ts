import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

// Two suites: `unit` (fast, pure) and `diff` (differential tests against GNU
// as / objdump and Unicorn; they need the Debian reference tools).
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'examples/**/*.test.ts'],
            exclude: ['src/**/*.diff.test.ts'],
            environment: 'node',
          },
        },
        {
          extends: true,
          test: {
            name: 'diff',
            include: ['src/**/*.diff.test.ts'],
            environment: 'node',
            testTimeout: 600_000,
            hookTimeout: 600_000,
          },
        },
      ],
    },
  }),
);
