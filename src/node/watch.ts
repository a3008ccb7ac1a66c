/**
 * Watch mode: build the decks, serve them on 127.0.0.1, rebuild when an article
 * or its outline file is saved, and reload the open tab on the same slide.
 *
 * The reload channel is Server-Sent Events. The deck's Content-Security-Policy
 * forbids connections (`connect-src 'none'`), so the HTML is changed at serve
 * time only: its CSP allows `connect-src 'self'`, and a small script served
 * from the same origin listens for `reload`. The deck on disk stays as built.
 * reveal.js keeps the slide in the URL hash (`hash: true`), so a reload lands
 * on the same slide.
 *
 * The server answers only requests addressed to `127.0.0.1:PORT` or
 * `localhost:PORT` (403 otherwise, against DNS rebinding) and forbids framing by
 * other sites ({@link SECURITY_HEADERS}).
 */
import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { buildDeck, deckNameFor, outlinePathFor, type BuildOptions, type BuildReport } from './build-deck.ts';
import { readTextIfExists } from './outline-store.ts';
import { isPathInside } from './safe-path.ts';
import { formatUserError, isUserError } from './errors.ts';

/** The path under which watch mode serves its own files. */
const OWN_PATH = '/__briefdeck/';

/** The live-reload client: reload the page when its deck was rebuilt. */
export const LIVE_RELOAD_SCRIPT = `/* briefdeck watch mode: reload on rebuild; reveal.js keeps the slide in the URL hash. */
(function () {
  'use strict';
  var deck = location.pathname.split('/').filter(Boolean)[0] || '';
  var events = new EventSource('${OWN_PATH}events?deck=' + encodeURIComponent(deck));
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('build-error', function (event) {
    console.warn('briefdeck: the rebuild failed: ' + event.data);
    showError(event.data);
  });
  // The build error over the last good deck, until the next good build reloads the page.
  function showError(text) {
    var box = document.getElementById('briefdeck-build-error');
    if (!box) {
      box = document.createElement('div');
      box.id = 'briefdeck-build-error';
      box.setAttribute('role', 'alert');
      var s = box.style;
      s.position = 'fixed'; s.left = '0'; s.right = '0'; s.top = '0'; s.zIndex = '2147483647';
      s.padding = '16px 24px'; s.background = '#7f1d1d'; s.color = '#fff'; s.font = '16px/1.4 monospace';
      s.whiteSpace = 'pre-wrap'; s.boxShadow = '0 2px 12px rgba(0,0,0,.5)';
      document.body.appendChild(box);
    }
    box.textContent = 'briefdeck: the rebuild failed; the deck below is the last good build.\\n' + text;
  }
})();
`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Headers on every response of the watch server: no other site may frame a deck
 * (the speaker view frames it from the same origin) or read its files.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/** Options of watch mode. */
export interface WatchOptions {
  /** One build per article: the same options a single build takes (`outDir` must be the same for all). */
  builds: BuildOptions[];
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Wait this long after a change before rebuilding, so an editor's save is one rebuild; default 30 ms. */
  debounceMs?: number;
}

/** What watch mode tells its caller. */
export interface WatchEvents {
  /** A deck was built; `ms` is from the change seen (or the start) to the deck written. */
  onBuild?: (report: BuildReport, ms: number) => void;
  /** A build failed; the previous deck stays served. */
  onError?: (error: unknown, article: string) => void;
}

/** A running watch: where each deck is served, and how to stop. */
export interface DeckWatch {
  /** The server's root URL, `http://127.0.0.1:PORT/`. */
  url: string;
  /** Each deck's URL, by deck name. */
  decks: Record<string, string>;
  close: () => Promise<void>;
}

/** The deck's HTML as served in watch mode: CSP allowing the reload channel, and the reload script. */
export function withLiveReload(html: string): string {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'meta' && String(node.properties.httpEquiv ?? '').toLowerCase() === 'content-security-policy') {
      node.properties.content = String(node.properties.content ?? '').replace(/connect-src [^;]*/, "connect-src 'self'");
    }
    if (node.tagName === 'body') node.children.push(h('script', { src: `${OWN_PATH}live-reload.js` }));
  });
  return toHtml(tree);
}

/** Build every deck, serve them, and rebuild on save until `close()`. */
export async function watchDecks(options: WatchOptions, events: WatchEvents = {}): Promise<DeckWatch> {
  if (options.builds.length === 0) throw new TypeError('Expected at least one article to watch');
  const outDir = resolve(options.builds[0]!.outDir ?? 'dist');
  const debounceMs = options.debounceMs ?? 30;
  const clients = new Map<string, Set<ServerResponse>>();

  const send = (deck: string, event: string, data: string) => {
    for (const response of clients.get(deck) ?? []) response.write(serverSentEvent(event, data));
  };

  /** Per article: the texts of the last build, whether a build runs, whether another is due. */
  const states = options.builds.map((build) => ({
    build,
    name: deckNameFor(build.article),
    seen: '',
    running: false,
    again: false,
    timer: undefined as NodeJS.Timeout | undefined,
    /** The last build's error, one line, shown over the deck in an open tab until a build succeeds. */
    error: undefined as string | undefined,
  }));

  const snapshot = async (build: BuildOptions) => [await readTextIfExists(build.article), await readTextIfExists(outlinePathFor(build.article))] as const;

  const run = async (state: (typeof states)[number], since: number): Promise<void> => {
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      let seen: string | undefined;
      try {
        // Reading can fail too (a file replaced by a FIFO or grown past the limit): reported like a failed build.
        // The texts are taken before the build: a save while it runs differs from them and is built next.
        const [article, outline] = await snapshot(state.build);
        seen = JSON.stringify([article, outline]);
        // Our own write of the outline, or an editor touching a file without changing it, needs no rebuild.
        if (seen !== state.seen) {
          const report = await buildDeck(state.build);
          // The outline as this build left it (its own write included), the article as read before it.
          state.seen = JSON.stringify([article, report.outlineText]);
          events.onBuild?.(report, performance.now() - since);
          state.error = undefined;
          send(state.name, 'reload', String(report.slideCount));
        }
      } catch (error) {
        if (seen !== undefined) state.seen = seen;
        events.onError?.(error, state.build.article);
        state.error = isUserError(error) ? formatUserError(error) : error instanceof Error ? error.message : String(error);
        send(state.name, 'build-error', state.error);
      }
    } finally {
      state.running = false;
    }
    if (state.again) {
      state.again = false;
      await run(state, performance.now());
    }
  };

  for (const state of states) await run(state, performance.now());

  const watchers: FSWatcher[] = [];
  const folders = new Map<string, Array<(typeof states)[number]>>();
  for (const state of states) {
    const folder = dirname(resolve(state.build.article));
    folders.set(folder, [...(folders.get(folder) ?? []), state]);
  }
  for (const [folder, watched] of folders) {
    // Watch the folder, not the files: editors save by renaming a new file over the old one.
    watchers.push(
      watchFolder(folder, (_event, filename) => {
        if (!filename) return;
        for (const state of watched) {
          if (filename !== basename(state.build.article) && filename !== basename(outlinePathFor(state.build.article))) continue;
          const since = performance.now();
          clearTimeout(state.timer);
          state.timer = setTimeout(() => void run(state, since), debounceMs);
        }
      }),
    );
  }

  /** The Host headers the server answers: filled in once the port is known. */
  const hosts = new Set<string>();
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // DNS rebinding: a page of another site whose name now points at 127.0.0.1 sends its own Host.
    if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: unexpected Host header');
      return;
    }
    serve(request, response, outDir, clients, states).catch(() => {
      // No internal text (paths, error names) in a response.
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) hosts.add(host);
  const url = `http://127.0.0.1:${port}/`;
  const decks = Object.fromEntries(states.map((state) => [state.name, `${url}${encodeURIComponent(state.name)}/`]));

  return {
    url,
    decks,
    close: () => closeAll(server, watchers, clients, states),
  };
}

async function closeAll(server: Server, watchers: FSWatcher[], clients: Map<string, Set<ServerResponse>>, states: Array<{ timer?: NodeJS.Timeout }>): Promise<void> {
  for (const watcher of watchers) watcher.close();
  for (const state of states) clearTimeout(state.timer);
  for (const set of clients.values()) for (const response of set) response.end();
  await new Promise<void>((done) => server.close(() => done()));
}

/**
 * One Server-Sent Event. A line break in the name or the data would end the field
 * and start another (an injected `event: reload`), so `\r` and `\n` become spaces.
 */
export function serverSentEvent(event: string, data: string): string {
  const field = (value: string) => value.replace(/\r\n|[\r\n]/g, ' ');
  return `event: ${field(event)}\ndata: ${field(data)}\n\n`;
}

/** The bytes of `file` if it is a regular file whose real path lies inside the real path of `root`; else undefined. */
async function readServedFile(root: string, file: string): Promise<Buffer | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isPathInside(realRoot, realFile)) return undefined;
    const handle = await open(realFile, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      if (!(await handle.stat()).isFile()) return undefined;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** What the index page and a newly opened tab need to know of a deck. */
interface DeckState {
  name: string;
  build: BuildOptions;
  error?: string;
}

/** The page at `/`: every deck served, with a link and its last build's state. */
export function indexPage(decks: readonly DeckState[]): string {
  const items = decks.map((deck) =>
    h('li', [
      h('a', { href: `/${encodeURIComponent(deck.name)}/` }, deck.name),
      ' ',
      h('span', { class: 'source' }, `(${basename(deck.build.article)})`),
      deck.error ? h('p', { class: 'error', role: 'alert' }, `The last build failed: ${deck.error}`) : '',
    ]),
  );
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', 'briefdeck watch: decks'),
        h('style', 'body{font:18px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:50rem;padding:0 1rem}.source{color:#555}.error{color:#991b1b;font-family:monospace;white-space:pre-wrap}'),
      ]),
      h('body', [h('h1', 'Decks'), h('p', 'Rebuilt when you save an article or its outline; an open deck reloads on the same slide.'), h('ul', items)]),
    ]),
  ]);
  return toHtml(tree);
}

/** Answer one request: the reload script, the event stream, the index page, or a file of a deck. */
async function serve(request: IncomingMessage, response: ServerResponse, outDir: string, clients: Map<string, Set<ServerResponse>>, states: readonly DeckState[]): Promise<void> {
  const bad = () => response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
  let address: URL;
  let path: string;
  const target = request.url ?? '/';
  // An origin-form path only: `//host/...` or an absolute URL would name another host.
  if (!target.startsWith('/') || target.startsWith('//')) {
    bad();
    return;
  }
  try {
    address = new URL(target, 'http://127.0.0.1');
    path = decodeURIComponent(address.pathname);
  } catch {
    bad();
    return;
  }
  // Only plain paths: no NUL, no backslash, no empty, `.` or `..` segment after decoding.
  const segments = path.split('/').slice(1);
  if (/[\u0000\\]/.test(path) || segments.slice(0, -1).some((segment) => segment === '' || segment === '.' || segment === '..') || segments.at(-1) === '.' || segments.at(-1) === '..') {
    bad();
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/favicon.ico') {
    // Browsers ask for it; a deck has none, and a 404 would be a console error.
    response.writeHead(204).end();
    return;
  }
  if (path === `${OWN_PATH}live-reload.js`) {
    response.writeHead(200, { 'content-type': CONTENT_TYPES['.js']!, 'cache-control': 'no-store' }).end(LIVE_RELOAD_SCRIPT);
    return;
  }
  if (path === `${OWN_PATH}events`) {
    const deck = address.searchParams.get('deck') ?? '';
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 300\n\n');
    const set = clients.get(deck) ?? new Set();
    set.add(response);
    clients.set(deck, set);
    request.on('close', () => set.delete(response));
    // A tab opened after a failed build shows the error at once.
    const failed = states.find((state) => state.name === deck)?.error;
    if (failed) response.write(`event: build-error\ndata: ${failed.replace(/[\r\n]+/g, ' ')}\n\n`);
    return;
  }
  if (path === '/' || path === '/index.html') {
    // Its own policy: no script at all, the one inline style sheet.
    response
      .writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'" })
      .end(request.method === 'HEAD' ? undefined : indexPage(states));
    return;
  }
  const notFound = () => response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  // Outlines, their backups and briefdeck's own records (`.briefdeck/`, any hidden name) are never served, even with `--out .`.
  if (segments.some((segment) => segment.startsWith('.') || /\.outline\.md(\.|$)/.test(segment))) {
    notFound();
    return;
  }
  let file = resolve(outDir, `.${path}`);
  if (!isPathInside(outDir, file)) {
    notFound();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!path.endsWith('/')) {
      // A same-origin path: it starts with one `/` and has no empty segment, so it can never read as `//host`.
      response.writeHead(302, { location: `/${segments.map(encodeURIComponent).join('/')}/` }).end();
      return;
    }
    file = join(file, 'index.html');
  }
  // Only a regular file whose real path is inside the served folder: a symlink out (to /etc) is not followed.
  const body = await readServedFile(outDir, file);
  if (!body) {
    notFound();
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const served = extname(file) === '.html' ? withLiveReload(body.toString('utf8')) : body;
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : served);
}
