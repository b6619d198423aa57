import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/register-tsx.ts'],
    // Tests that synthesize or validate whole platforms, and hooks that stop local S3 servers, take
    // seconds on a loaded machine: the defaults (5 s, 10 s) are wall-clock guesses CI would miss.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
