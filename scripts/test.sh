#!/usr/bin/env bash
# Everything CI runs: reference tools, type check, lint, unit and differential
# suites (Vitest), end-to-end tests (Playwright on Chromium), then one summary
# line `N passed, N failed` that counts every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mkdir -p reports
rm -f reports/*.json

bash scripts/ensure-refs.sh || exit 1

status=0
# Type check and lint count as one check each in the summary.
checks=""
echo "== typecheck"; if npx tsc -p .; then checks+="typecheck:pass "; else checks+="typecheck:fail "; status=1; fi
echo "== lint"; if npx eslint .; then checks+="lint:pass "; else checks+="lint:fail "; status=1; fi
echo "== unit + differential (vitest)"
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json || status=1
echo "== end-to-end (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/e2e.json npx playwright test --reporter=list,json || status=1
node scripts/summary.mjs reports/vitest.json reports/e2e.json $checks || status=1
exit $status
