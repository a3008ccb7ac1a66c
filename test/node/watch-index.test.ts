/**
 * Watch mode's own pages, in headless Chromium: the index at `/` listing the
 * decks, and a failed rebuild shown over the open deck (file and line) until
 * the next good build; and `--port` from the command line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli.ts';
import { watchDecks, type DeckWatch } from '../../src/node/watch.ts';
import { seedWorkspace } from '../helpers/cli.ts';
import { useChromium } from '../helpers/chromium.ts';

const chromium = useChromium();
let watching: DeckWatch | undefined;
afterAll(async () => {
  await watching?.close();
});

describe('watch mode pages', () => {
  it('should list the decks at / and show a build error over the open deck until the next good build', async () => {
    const dir = seedWorkspace('briefdeck-watch-index-');
    writeFileSync(join(dir, 'content', 'rail.md'), '# Rail fares\n\n## Findings\n\nThe survey found that 62% of commuters would switch to rail if fares fell. Officials expect a decision in June.\n');
    const articles = ['isis-central-asia.txt', 'rail.md'].map((name) => join(dir, 'content', name));
    watching = await watchDecks({ builds: articles.map((article) => ({ article, outDir: join(dir, 'dist') })) });
    const page = await chromium.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(watching.url);
    const links = await page.$$eval('li a', (anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]));
    expect(links).toEqual([
      ['isis-central-asia', '/isis-central-asia/'],
      ['rail', '/rail/'],
    ]);
    await page.click('text=rail');
    await page.waitForSelector('html[data-briefdeck-ready]');
    expect(new URL(page.url()).pathname).toBe('/rail/');

    // A save that breaks the outline: the tab keeps the deck and shows the error with its file and line.
    const outlinePath = join(dir, 'content', 'rail.outline.md');
    const good = readFileSync(outlinePath, 'utf8');
    writeFileSync(outlinePath, good.replace('## Findings', '::: notes\nforgot to close\n\n## Findings'));
    const overlay = await page.waitForSelector('#briefdeck-build-error', { timeout: 20_000 });
    const shown = (await overlay.textContent()) ?? '';
    expect(shown).toContain('rail.outline.md:');
    expect(shown).toMatch(/rail\.outline\.md:\d+:1: Unclosed notes block: the slide heading on line \d+ is inside it/);
    expect(await page.isVisible('.reveal .slides section')).toBe(true);
    await page.screenshot({ path: join(dir, 'overlay.png') });
    console.info(`watch overlay screenshot: ${join(dir, 'overlay.png')}`);

    // The index says which deck failed; a tab opened now shows the error at once.
    const other = await chromium.browser.newPage();
    await other.goto(watching.url);
    expect(await other.textContent('li:nth-child(2) .error')).toMatch(/^The last build failed: .*rail\.outline\.md:\d+:1: Unclosed notes block/);
    await other.goto(`${watching.url}rail/`);
    await other.waitForSelector('#briefdeck-build-error');
    await other.close();

    // The next good save reloads the tab, and the overlay is gone.
    const reloaded = page.waitForEvent('load');
    writeFileSync(outlinePath, good);
    await reloaded;
    await page.waitForSelector('html[data-briefdeck-ready]');
    expect(await page.$('#briefdeck-build-error')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await page.close();
    await watching.close();
    watching = undefined;
  });

  it('should serve on the port --port names, print it, and stop on the signal', async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => done(free));
      });
    });
    const dir = seedWorkspace('briefdeck-watch-port-');
    let stdout = '';
    const stop = new AbortController();
    const io = { stdin: (async function* () {})(), stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {}, cwd: dir, isTTY: false, signal: stop.signal };
    const running = main(['--watch', '--port', String(port)], io);
    await expect.poll(() => stdout, { timeout: 30_000 }).toContain(`Serving the decks at http://127.0.0.1:${port}/`);
    const page = await chromium.browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await page.textContent('li a')).toBe('isis-central-asia');
    await page.close();
    // The port taken: a usage error naming it.
    let stderr = '';
    const taken = await main(['--watch', '--port', String(port), '-o', 'other'], { ...io, stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } });
    expect(taken).toBe(2);
    expect(stderr).toBe(`error: --port ${port}: already in use; choose another port, or leave --port out for a free one (briefdeck --help shows the usage)\n`);
    stop.abort();
    expect(await running).toBe(0);
  });
});
