/**
 * Helpers for browser tests: build a deck into a temporary folder and open it
 * in headless Chromium from file://, recording console errors and every
 * request that is not a file:// URL.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildDeck, type BuildOptions, type BuildReport } from '../../src/node/build-deck.ts';

export { SEED_ARTICLE } from './cli.ts';

/** Copy `article` (and any extra files, such as its outline) into a fresh temporary folder and build its deck there. */
export async function buildInTemp(article: string, options: Omit<BuildOptions, 'article'> = {}, extra: Array<[from: string, name: string]> = []): Promise<BuildReport> {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-browser-'));
  const copy = join(dir, basename(article));
  copyFileSync(article, copy);
  for (const [from, name] of extra) copyFileSync(from, join(dir, name));
  return buildDeck({ ...options, article: copy, outDir: join(dir, 'dist') });
}

/** An open deck and what it did while loading. */
export interface OpenDeck {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requested URLs that are not file:// URLs. */
  offsite: string[];
  /** Every requested URL. */
  requests: string[];
}

/** Open a deck file from file:// at the given viewport and wait until briefdeck says it is ready (never for network idle). */
export async function openDeck(browser: Browser, file: string, viewport = { width: 1280, height: 720 }): Promise<OpenDeck> {
  const page = await browser.newPage({ viewport });
  const deck: OpenDeck = { page, errors: [], offsite: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') deck.errors.push(message.text());
  });
  page.on('pageerror', (error) => deck.errors.push(String(error)));
  page.on('request', (request) => {
    deck.requests.push(request.url());
    if (!request.url().startsWith('file://')) deck.offsite.push(request.url());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-briefdeck-ready]', { state: 'attached' });
  return deck;
}

/** Go to slide `index`, press S and wait until the speaker view shows notes and both slide previews. */
export async function openSpeakerView(deck: OpenDeck, index: number): Promise<Page> {
  await deck.page.evaluate((slide) => (window as unknown as { Reveal: { slide(index: number): void } }).Reveal.slide(slide), index);
  const popup = deck.page.context().waitForEvent('page');
  await deck.page.keyboard.press('s');
  const speaker = await popup;
  await speaker.waitForFunction(() => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').trim().length > 0);
  await speaker.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
  return speaker;
}
