import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Tests talk to real servers on loopback; give slow shared machines some room.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
