// Mutation testing: `npm run mutate` (not part of `npm test` or CI; it takes minutes).
// Only the modules below are mutated by default; pass `-- --mutate src/some/file.ts` to measure
// another. Surviving mutants that cannot be killed are listed with the reason in docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/text/sanitize.ts',
    'src/api/response-body.ts',
    'src/api/base-url.ts',
    'src/tui/widgets/list-cursor.ts',
    'src/tui/flow/flow-reducer.ts',
    'src/tui/screens/browse-state.ts',
  ],
  // The machine is shared: one test process at a time.
  concurrency: 1,
  ignorePatterns: ['dist', 'bench', 'coverage', 'reports', '*.cpuprofile'],
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: 85 },
};

export default config;
