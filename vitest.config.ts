import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium; two cores do not take more than two forks well.
    maxWorkers: 2,
    // briefdeck keeps no module state (docs/architecture.md), so the test files of a worker share
    // its loaded modules instead of importing the pipeline again each: the pure tests take a third
    // of the time. A file that changes the environment puts it back (pdf.test.ts's CHROME_PATH).
    isolate: false,
  },
});
