// Mutation testing: `npm run mutate` (not part of `npm test` or CI; it takes minutes), which runs
// scripts/mutate.mjs: Stryker, then the same threshold for each module on its own.
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
    'src/api/retry-policy.ts',
    'src/invites/addresses.ts',
    'src/invites/input-rows.ts',
    'src/invites/pacer.ts',
    'src/invites/resume.ts',
    'src/invites/send-batch.ts',
  ],
  // The machine is shared: one test process at a time.
  concurrency: 1,
  ignorePatterns: ['dist', 'bench', 'coverage', 'reports', '*.cpuprofile'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  // Read by scripts/mutate.mjs, which applies `break` to each module on its own.
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
};

export default config;
