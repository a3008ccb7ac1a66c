/** Watch mode in real Chromium: save the outline, the open tab reloads on the same slide showing the new text. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/browser.ts';
import type { BuildReport } from '../src/build-deck.ts';
import { watchDecks, type DeckWatch } from '../src/watch.ts';
import { REPO_ROOT, seedWorkspace } from './helpers/cli.ts';
import { editOutline, rewordBullet } from './helpers/outline-edits.ts';

let browser: Browser;
let watching: DeckWatch | undefined;

beforeAll(async () => {
  // Fails (does not skip) with the install command when there is no Chromium.
  browser = await launchChromium();
});

afterAll(async () => {
  await watching?.close();
  await browser?.close();
});

describe('watch mode', () => {
  it('should reload the open tab on the same slide with the saved text', async () => {
    const dir = seedWorkspace('briefdeck-watch-');
    const article = join(dir, 'content', 'isis-central-asia.txt');
    const outlinePath = join(dir, 'content', 'isis-central-asia.outline.md');
    const builds: BuildReport[] = [];
    const errors: string[] = [];
    watching = await watchDecks(
      { builds: [{ article, outDir: join(dir, 'dist') }] },
      { onBuild: (report) => builds.push(report), onError: (error) => errors.push(String((error as Error).message ?? error)) },
    );
    expect(builds.map((report) => report.outline)).toEqual(['created']);

    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(watching!.url)) foreign.push(request.url());
    });
    const deckUrl = watching.decks['isis-central-asia']!;
    await page.goto(`${deckUrl}#/2`);
    await page.waitForSelector('html[data-briefdeck-ready]');
    expect(await page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h)).toBe(2);
    const shownTitle = () => page.evaluate(() => document.querySelector('.reveal .slides > section.present h2')?.textContent ?? '');
    const before = await shownTitle();
    expect(before).not.toBe('');

    // Reword the first bullet of the slide on screen and save.
    const text = readFileSync(outlinePath, 'utf8');
    const edited = editOutline(text, (document) => rewordBullet(document, 2, 0, 'Saved while the deck was open'));
    const reloaded = page.waitForEvent('load');
    const saved = performance.now();
    writeFileSync(outlinePath, edited);
    await reloaded;
    await page.waitForFunction(() => document.querySelector('.reveal .slides > section.present li')?.textContent === 'Saved while the deck was open');
    const ms = performance.now() - saved;
    console.info(`watch: save to reloaded slide in ${Math.round(ms)} ms`);

    expect(await page.evaluate(() => location.hash)).toBe('#/2');
    expect(await shownTitle()).toBe(before);
    expect(readFileSync(outlinePath, 'utf8')).toBe(edited);
    expect(builds.map((report) => report.outline)).toEqual(['created', 'kept']);

    // A malformed save is reported, and the tab keeps the last good deck.
    writeFileSync(outlinePath, `- a stray bullet\n${edited}`);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toContain('Unexpected bullet before any slide');
    expect(await page.evaluate(() => document.querySelector('.reveal .slides > section.present li')?.textContent)).toBe('Saved while the deck was open');

    expect(consoleErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('should serve the deck with the reload script from the CLI with --watch', async () => {
    const dir = seedWorkspace('briefdeck-watch-cli-');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'build.ts'), '--watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await new Promise<string>((found, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Serving isis-central-asia at (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
          if (match) found(match[1]!);
        });
        child.once('exit', (code) => fail(new Error(`exited with ${code}: ${output}`)));
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<script src="/__briefdeck/live-reload.js"></script>');
      expect(html).toContain("connect-src &#x27;self&#x27;");
      // The deck on disk keeps its strict policy.
      expect(readFileSync(join(dir, 'dist', 'isis-central-asia', 'index.html'), 'utf8')).not.toContain('live-reload');
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      await exited;
    }
  });
});
