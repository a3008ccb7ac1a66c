/** Watch mode in real Chromium: save the outline, the open tab reloads on the same slide showing the new text. */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { readTextIfExists } from '../../src/node/outline-store.ts';
import { SECURITY_HEADERS, watchDecks, type DeckWatch } from '../../src/node/watch.ts';
import { LAUNCHER, seedWorkspace } from '../helpers/cli.ts';
import { useChromium } from '../helpers/chromium.ts';
import { editOutline, rewordBullet } from '../helpers/outline-edits.ts';

const chromium = useChromium();
let watching: DeckWatch | undefined;
afterAll(async () => {
  await watching?.close();
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

    const page = await chromium.browser.newPage();
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

  it("should serve a report's copied images, and the open tab shows the image", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-watch-images-'));
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'rich-report'), dir, { recursive: true });
    const served = await watchDecks({ builds: [{ article: join(dir, 'report.md'), outDir: join(dir, 'dist') }] }, { onBuild: () => {}, onError: () => {} });
    try {
      const deckUrl = served.decks.report!;
      const html = await (await fetch(deckUrl)).text();
      const image = /<img src="(images\/[^"]+)"/.exec(html)?.[1];
      expect(image).toBeDefined();
      const response = await fetch(new URL(image!, deckUrl));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^image\/png/);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(join(dir, 'images', 'revenue.png')));
      const page = await chromium.browser.newPage();
      try {
        await page.goto(deckUrl);
        await page.waitForSelector('html[data-briefdeck-ready]');
        const loaded = await page.evaluate(async (src) => {
          const img = document.querySelector(`img[src="${src}"]`) as HTMLImageElement;
          if (!img.complete) await new Promise((done) => img.addEventListener('load', done, { once: true }));
          return img.naturalWidth;
        }, image!);
        expect(loaded).toBe(480);
      } finally {
        await page.close();
      }
    } finally {
      await served.close();
    }
  });

  it('should serve the deck with the reload script from the CLI with --watch', async () => {
    const dir = seedWorkspace('briefdeck-watch-cli-');
    const child = spawn(process.execPath, [LAUNCHER, '--watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function get(url: string, host: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((done, fail) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      response.resume();
      response.on('end', () => done({ status: response.statusCode!, headers: response.headers }));
    });
    request.on('error', fail);
    request.end();
  });
}

describe('the watch server', () => {
  it('should refuse a request for another host (DNS rebinding) and forbid framing by other sites', async () => {
    const dir = seedWorkspace('briefdeck-watch-host-');
    const served = await watchDecks({ builds: [{ article: join(dir, 'content', 'isis-central-asia.txt'), outDir: join(dir, 'dist') }] });
    try {
      const deckUrl = served.decks['isis-central-asia']!;
      const port = new URL(served.url).port;
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`]) {
        const response = await get(deckUrl, host);
        expect({ host, status: response.status }).toEqual({ host, status: 403 });
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name]).toBe(value);
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
        const response = await get(`${deckUrl}?receiver`, host);
        expect({ host, status: response.status }).toEqual({ host, status: 200 });
        expect(response.headers).toMatchObject({
          'x-frame-options': 'SAMEORIGIN',
          'content-security-policy': "frame-ancestors 'self'",
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'same-origin',
        });
      }
      const script = await get(`${served.url}__briefdeck/live-reload.js`, `127.0.0.1:${port}`);
      expect(script.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await served.close();
    }
  });

  it('should not run the speaker-view message API in a deck framed by another site', async () => {
    const dir = seedWorkspace('briefdeck-watch-frame-');
    const served = await watchDecks({ builds: [{ article: join(dir, 'content', 'isis-central-asia.txt'), outDir: join(dir, 'dist') }] });
    const page = await chromium.browser.newPage();
    try {
      // Another origin (localhost vs 127.0.0.1 differ) frames the deck as a receiver and asks for the notes.
      // The server's headers forbid that frame; they are stripped here to check the deck's own guard too.
      await page.route(`${served.url}**`, async (route) => {
        // The event stream never ends: leave it alone.
        if (route.request().url().includes('/__briefdeck/events')) return route.continue();
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['x-frame-options'];
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      });
      const foreign = served.url.replace('127.0.0.1', 'localhost');
      await page.goto(`${foreign}__briefdeck/live-reload.js`);
      const answers = await page.evaluate(async (deckUrl) => {
        const frame = document.createElement('iframe');
        frame.src = `${deckUrl}?receiver`;
        document.body.append(frame);
        await new Promise((done) => frame.addEventListener('load', done));
        // The deck loaded in the frame (not an error page), and Reveal started.
        await new Promise((done) => setTimeout(done, 500));
        const seen: string[] = [];
        window.addEventListener('message', (event) => seen.push(String(event.data)));
        frame.contentWindow!.postMessage(JSON.stringify({ method: 'getSlideNotes' }), '*');
        await new Promise((done) => setTimeout(done, 500));
        return seen;
      }, served.decks['isis-central-asia']!);
      expect(answers).toEqual([]);
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.close();
      await served.close();
    }
  });

  it('should not send the notes to a page of another site that opened the deck and posts a speaker-view heartbeat', async () => {
    const dir = seedWorkspace('briefdeck-watch-opener-');
    const served = await watchDecks({ builds: [{ article: join(dir, 'content', 'isis-central-asia.txt'), outDir: join(dir, 'dist') }] });
    const page = await chromium.browser.newPage();
    try {
      await page.goto(`${served.url.replace('127.0.0.1', 'localhost')}__briefdeck/live-reload.js`);
      const popup = page.context().waitForEvent('page');
      const answers = page.evaluate(async (deckUrl) => {
        const seen: string[] = [];
        window.addEventListener('message', (event) => seen.push(String(event.data)));
        const deck = window.open(`${deckUrl}#/1`)!;
        // The notes plugin connects to any window that sends it a heartbeat, and then posts it each slide's notes.
        for (let tries = 0; tries < 20; tries += 1) {
          deck.postMessage(JSON.stringify({ namespace: 'reveal-notes', type: 'heartbeat' }), '*');
          await new Promise((done) => setTimeout(done, 100));
        }
        return seen;
      }, served.decks['isis-central-asia']!);
      const deck = await popup;
      await deck.waitForSelector('html[data-briefdeck-ready]');
      expect(await answers).toEqual([]);
      await deck.close();
    } finally {
      await page.close();
      await served.close();
    }
  });

  it('should keep the speaker view working: its slide previews follow the deck', async () => {
    const dir = seedWorkspace('briefdeck-watch-speaker-');
    const served = await watchDecks({ builds: [{ article: join(dir, 'content', 'isis-central-asia.txt'), outDir: join(dir, 'dist') }] });
    const page = await chromium.browser.newPage();
    try {
      await page.goto(`${served.decks['isis-central-asia']!}#/2`);
      await page.waitForSelector('html[data-briefdeck-ready]');
      const popup = page.context().waitForEvent('page');
      await page.keyboard.press('s');
      const speaker = await popup;
      await speaker.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
      // The current-slide preview is a `?receiver` deck framed by the speaker view: it follows the deck by postMessage
      // (the URL hash gives it only the slide the speaker view opened on).
      const previewSlide = () =>
        speaker.evaluate(() => {
          const preview = (document.querySelector('#current-slide iframe') as HTMLIFrameElement | null)?.contentWindow as (Window & { Reveal?: { isReady(): boolean; getIndices(): { h: number } } }) | null;
          return preview?.Reveal?.isReady() ? preview.Reveal.getIndices().h : -1;
        });
      await expect.poll(previewSlide, { timeout: 20_000 }).toBe(2);
      await page.evaluate(() => (window as unknown as { Reveal: { slide(index: number): void } }).Reveal.slide(3));
      await expect.poll(previewSlide, { timeout: 20_000 }).toBe(3);
      await speaker.close();
    } finally {
      await page.close();
      await served.close();
    }
  });
});

describe('reading the watched files', () => {
  it('should refuse a FIFO in place of the outline instead of hanging', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'briefdeck-fifo-')), 'article.outline.md');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextIfExists(fifo)).rejects.toThrow('is not a regular file');
  }, 5_000);

  it('should read a text file and give undefined for a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-read-'));
    writeFileSync(join(dir, 'a.md'), '\ufeff# Ä\r\n');
    expect(await readTextIfExists(join(dir, 'a.md'))).toBe('\ufeff# Ä\r\n');
    expect(await readTextIfExists(join(dir, 'missing.md'))).toBeUndefined();
  });
});
