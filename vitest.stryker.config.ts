import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant: only in-process ones. Tests that spawn dist/ or
// tmux (test/e2e, test/hostile, test/commands, test/cli) run the built bundle, so they can
// never kill a mutant of src/, and they are the slowest we have. Ink renders (*.tsx) are left out
// too: they cover almost every module, so each static mutant would pay for all of them.
export default defineConfig({
  test: {
    include: ['test/{api,fuzz,invites,sandbox,text,tui}/**/*.test.ts'],
    // These run the built binary too (Stryker's copy of the project has no dist/).
    exclude: ['test/sandbox/kill-loop.test.ts', 'test/sandbox/modes.test.ts'],
    // Lets a test of many rows run fewer (see input-rows.test.ts): each mutant re-runs it.
    env: { MUTATION_TESTING: '1' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
