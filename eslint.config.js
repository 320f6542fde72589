import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// The core is pure and deterministic: no DOM, React, state libraries, workers,
// timers, clocks or unseeded randomness. These rules enforce that boundary.
const coreForbiddenImports = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*', 'monaco-editor', 'monaco-editor/*', 'react-resizable-panels'], message: 'src/core must not depend on UI libraries.' },
    { group: ['**/app/**', '**/worker/**', '**/cli/**'], message: 'src/core must not import from app/, worker/ or cli/.' },
    { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'src/core runs in the browser too: no Node built-ins.' },
  ],
};
const coreForbiddenGlobals = ['window', 'document', 'self', 'postMessage', 'navigator', 'localStorage', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'performance', 'Worker'].map((name) => ({ name, message: 'src/core is pure: no DOM, worker or timer globals.' }));

export default tseslint.config(
  { ignores: ['dist/**', '.vite/**', 'node_modules/**', 'test-results/**', 'reports/**', 'bench/results*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2024 } },
    rules: {
      'no-restricted-imports': ['error', coreForbiddenImports],
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
        { object: 'Date', property: 'now', message: 'The core has no clock.' }],
    },
  },
  {
    // Playwright fixtures that need no other fixture are written `async ({}, use)`.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
