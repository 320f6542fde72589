/**
 * Where the UI benchmark's own build and preview server live. The bench
 * builds and serves separately from the e2e suite (which uses dist/ and
 * port 4173), so an e2e run that rebuilds dist/ or stops its server cannot
 * disturb a measurement in progress.
 */
export const BENCH_PORT = 4174;
/** Build output of the bench (ignored by git with the rest of .vite/). */
export const BENCH_DIST = '.vite/bench-dist';
