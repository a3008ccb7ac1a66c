/**
 * Watch mode against hostile requests and badly timed saves, without a browser:
 * raw HTTP requests at the server, and saves landing at every point of a build.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverSentEvent, watchDecks, type DeckWatch } from '../../src/node/watch.ts';
import { seedWorkspace } from '../helpers/cli.ts';

let watching: DeckWatch | undefined;
afterEach(async () => {
  await watching?.close();
  watching = undefined;
});

/** Send one raw request line (the path exactly as given, no client normalising it) and read the whole answer. */
function rawGet(url: string, path: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', fail);
    socket.on('end', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      done({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
  });
}

async function watchSeed(outDir?: (dir: string) => string) {
  const dir = seedWorkspace('briefdeck-watch-sec-');
  const article = join(dir, 'content', 'isis-central-asia.txt');
  const builds: string[] = [];
  watching = await watchDecks({ builds: [{ article, outDir: outDir ? outDir(dir) : join(dir, 'dist') }], debounceMs: 5 }, { onBuild: (report) => builds.push(report.outlineText) });
  return { dir, article, outline: join(dir, 'content', 'isis-central-asia.outline.md'), builds, watch: watching };
}

describe('the watch server', () => {
  it('should strip line breaks from every field of an event', () => {
    expect(serverSentEvent('build-error', 'Unknown theme `x\r\nevent: reload\rdata: 1`')).toBe('event: build-error\ndata: Unknown theme `x event: reload data: 1`\n\n');
    expect(serverSentEvent('reload\nevent: x', '3')).toBe('event: reload event: x\ndata: 3\n\n');
  });

  it('should answer bad URLs with 400 and no internal text, and never redirect to another host', async () => {
    const { watch } = await watchSeed();
    for (const path of ['/%E0%A4%A', '/isis-central-asia/%', '/.//example.com', '//example.com', '/a%00b', '/a%5C..%5Cb']) {
      const answer = await rawGet(watch.url, path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toContain('Bad request');
      expect(answer.body, path).not.toMatch(/URI|Error|malformed|\/work\/|\/tmp\//);
      expect(answer.headers.toLowerCase(), path).not.toContain('location:');
    }
    const redirect = await rawGet(watch.url, '/isis-central-asia');
    expect(redirect.status).toBe(302);
    expect(redirect.headers).toMatch(/\r\nlocation: \/isis-central-asia\/(\r\n|$)/i);
    expect((await rawGet(watch.url, '/isis-central-asia/')).status).toBe(200);
  }, 60_000);

  it('should serve no file whose real path is outside the served folder', async () => {
    const { dir, watch } = await watchSeed();
    symlinkSync('/etc', join(dir, 'dist', 'etc'));
    symlinkSync('/etc/passwd', join(dir, 'dist', 'isis-central-asia', 'passwd.html'));
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'secret', 'note.css'), 'secret');
    symlinkSync(join(dir, 'secret'), join(dir, 'dist', 'isis-central-asia', 'assets-out'));
    for (const path of ['/etc/passwd', '/etc/', '/isis-central-asia/passwd.html', '/isis-central-asia/assets-out/note.css']) {
      const answer = await rawGet(watch.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toMatch(/root:|secret/);
    }
  }, 60_000);

  it('should never serve outlines or .briefdeck/, even when serving the article folder itself', async () => {
    const { watch } = await watchSeed((dir) => join(dir, 'content'));
    for (const path of ['/isis-central-asia.outline.md', '/.briefdeck/isis-central-asia.outline.md', '/.briefdeck/', '/%2Ebriefdeck/isis-central-asia.outline.md']) {
      expect((await rawGet(watch.url, path)).status, path).toBe(404);
    }
    expect((await rawGet(watch.url, '/isis-central-asia/')).status).toBe(200);
  }, 60_000);
});

describe('rebuilds', () => {
  it('should always rebuild the latest bytes after a save made while a build runs, at every point of the build', async () => {
    const { outline, dir, builds } = await watchSeed();
    const original = readFileSync(outline, 'utf8');
    const titled = (title: string) => original.replace(/^title: .*$/m, `title: ${title}`);
    // How long a rebuild from this outline takes: saves are spread across it.
    let start = performance.now();
    writeFileSync(outline, titled('Warm up'));
    await waitFor(() => builds.at(-1)?.includes('title: Warm up') ?? false);
    const buildMs = performance.now() - start;
    const trials = 12;
    for (let trial = 0; trial < trials; trial += 1) {
      writeFileSync(outline, titled(`First ${trial}`));
      // The second save lands from before the build starts (debounce) to past its end.
      await sleep(((trial + 0.5) / trials) * (buildMs + 20));
      writeFileSync(outline, titled(`Latest ${trial}`));
      start = performance.now();
      await waitFor(() => builds.at(-1)?.includes(`title: Latest ${trial}`) ?? false);
      const deck = readFileSync(join(dir, 'dist', 'isis-central-asia', 'index.html'), 'utf8');
      expect(deck, `trial ${trial}`).toContain(`Latest ${trial}`);
    }
  }, 120_000);
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(condition: () => boolean, ms = 8000): Promise<void> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) throw new Error('timed out waiting for the rebuild');
    await sleep(10);
  }
}
