/** The headless Chromium of a test file: launched before its tests, closed after them. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';

/**
 * Launch Chromium before the file's tests and close it after them; read `.browser` in a test.
 * Fails (never skips) with the install command when there is no Chromium.
 */
export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is not running: useChromium() starts it in beforeAll, for the tests');
      return browser;
    },
  };
}
