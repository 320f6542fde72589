#!/usr/bin/env node
// The hvlab command: runs the TypeScript CLI through tsx's loader so that the
// same sources serve the browser, the tests and the command line.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
