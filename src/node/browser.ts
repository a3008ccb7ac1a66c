/**
 * The system Chromium, driven through playwright-core. Loaded only by the
 * commands that need a browser (PDF export, fit measuring, tests).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { BriefdeckError } from './errors.ts';

/** How to install the browser briefdeck drives, for error messages. */
export const CHROMIUM_INSTALL_HINT = 'install one with `apt-get install -y chromium` (Debian/Ubuntu) or set CHROME_PATH to a Chromium or Chrome executable';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a headless Chromium that makes no connection of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

/** The Chromium executable: CHROME_PATH, else the first system Chromium found. Throws with the install command when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new BriefdeckError(`CHROME_PATH is ${fromEnv}, which does not exist; ${CHROMIUM_INSTALL_HINT}`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new BriefdeckError(`No Chromium found (looked for ${CANDIDATES.join(', ')}); ${CHROMIUM_INSTALL_HINT}`);
  return found;
}

/** Start the system Chromium headless. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
