// Reads the Vitest and Playwright JSON reports and prints one line per suite
// and a final `N passed, N failed` line that CI reads. A missing report, or a
// test file that failed to load, counts as a failure; further arguments
// `name:pass` / `name:fail` (type check, lint) count as one test each.
// Exits 1 on any failure.
import { readFileSync } from 'node:fs';

const [vitestPath, e2ePath, ...checkArgs] = process.argv.slice(2);

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function e2eCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const s = report.stats;
  const loadErrors = (report.errors ?? []).length;
  return { passed: s.expected + s.flaky, failed: s.unexpected + loadErrors, skipped: s.skipped };
}

const line = (c) => `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
const unit = vitestCounts(read(vitestPath));
const e2e = e2eCounts(read(e2ePath));
const checks = { passed: 0, failed: 0, skipped: 0 };
for (const arg of checkArgs) {
  const [name, result] = arg.split(':');
  if (result === 'pass') checks.passed++;
  else {
    checks.failed++;
    console.log(`${name}: failed (see its output above)`);
  }
}
console.log(`unit+diff: ${line(unit)}`);
console.log(`e2e: ${line(e2e)}`);
if (checkArgs.length) console.log(`typecheck+lint: ${line(checks)}`);
const total = { passed: unit.passed + e2e.passed + checks.passed, failed: unit.failed + e2e.failed + checks.failed, skipped: 0 };
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
