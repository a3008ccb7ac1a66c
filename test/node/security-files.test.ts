/**
 * Files and network: a build reads only the article, its outline (and base
 * record) inside the article's folder, and writes only under the output folder
 * and beside the outline; symlinks out of either are refused. The PDF printer
 * reads nothing outside the deck folder. A canary file planted outside must never
 * show up in any output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { articlesInFolder, assertDistinctDecks, deckNameFor, outlinePathFor } from '../../src/node/article-files.ts';
import { buildDeck } from '../../src/node/build-deck.ts';
import { runCli } from '../helpers/cli.ts';
import { BriefdeckError } from '../../src/node/errors.ts';
import { printDeckToPdf } from '../../src/node/pdf.ts';
import { assertInside, isPathInside, readFileBounded, realpathOrAncestor } from '../../src/node/safe-path.ts';

const CANARY = `CANARY-${Math.random().toString(36).slice(2)}-SECRET`;
const ARTICLE = `# Budget vote\n\nThe council approved the new budget after a long debate. Critics said the plan cuts too deep into schools.\n\n![chart](../secret/canary.png) and [the minutes](file:///etc/passwd) are linked.\n`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A root holding `secret/` (the canary, outside everything a build may touch) and `work/` (the article's folder). */
function layout(): { root: string; secret: string; work: string } {
  const root = mkdtempSync(join(tmpdir(), 'briefdeck-files-'));
  roots.push(root);
  const secret = join(root, 'secret');
  const work = join(root, 'work');
  mkdirSync(secret);
  mkdirSync(work);
  writeFileSync(join(secret, 'canary.txt'), CANARY);
  writeFileSync(join(secret, 'canary.png'), CANARY);
  // A valid outline: if a build ever read it, its text would land in the deck.
  writeFileSync(join(secret, 'canary.outline.md'), `---\ntitle: ${CANARY}\n---\n\n## ${CANARY}\n\n- ${CANARY}\n`);
  writeFileSync(join(work, 'article.md'), ARTICLE);
  return { root, secret, work };
}

/** Every file below `dir` with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), entry.isSymbolicLink() ? `-> ${lstatSync(path).size}` : readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

function expectNoCanary(root: string) {
  for (const [path, content] of snapshot(root)) {
    if (path.startsWith('secret')) continue;
    expect(content.includes(CANARY), path).toBe(false);
  }
}

describe('safe paths', () => {
  it('should tell inside from outside without being fooled by prefixes', () => {
    expect(isPathInside('/a/b', '/a/b')).toBe(true);
    expect(isPathInside('/a/b', '/a/b/c/d')).toBe(true);
    expect(isPathInside('/a/b', '/a/bc')).toBe(false);
    expect(isPathInside('/a/b', '/a')).toBe(false);
    expect(isPathInside('/a/b', '/a/b/../c')).toBe(false);
    expect(isPathInside('/a/b', '/a/b/..file')).toBe(true);
  });

  it('should resolve symlinks of a path that does not exist yet through its nearest existing folder', async () => {
    const { root, secret, work } = layout();
    symlinkSync(secret, join(work, 'link'));
    expect(await realpathOrAncestor(join(work, 'link', 'new', 'file.html'))).toBe(join(await realpathOrAncestor(secret), 'new', 'file.html'));
    await expect(assertInside(work, join(work, 'link', 'x'), 'the deck folder')).rejects.toThrow(BriefdeckError);
    await expect(assertInside(work, join(work, 'plain', 'x'), 'the deck folder')).resolves.toBeUndefined();
    expect(root).toBeTruthy();
  });

  it('should read a regular file within the limit and refuse others', async () => {
    const { secret, work } = layout();
    expect((await readFileBounded(join(secret, 'canary.txt'), 1000, () => 'too large'))!.toString()).toBe(CANARY);
    expect(await readFileBounded(join(work, 'missing.md'), 1000, () => 'too large')).toBeUndefined();
    await expect(readFileBounded(join(secret, 'canary.txt'), 5, (size) => `too large: ${size}`)).rejects.toThrow(`too large: ${CANARY.length}`);
    await expect(readFileBounded('/dev/zero', 1000, () => 'too large')).rejects.toThrow('is not a regular file');
    await expect(readFileBounded(work, 1000, () => 'too large')).rejects.toThrow('is a folder');
  });
});

describe('what a build reads and writes', () => {
  it('should write only the deck folder, the outline and its base record, and show nothing of files outside', async () => {
    const { root, work } = layout();
    const before = snapshot(root);
    const report = await buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') });
    const after = snapshot(root);
    const added = [...after.keys()].filter((path) => !before.has(path));
    const changed = [...before.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(changed).toEqual([]);
    for (const path of added) expect(path, path).toMatch(/^work\/(out\/article\/|article\.outline\.md$|\.briefdeck\/)/);
    expect(added).toContain('work/out/article/index.html');
    expect(report.slideCount).toBeGreaterThan(0);
    expectNoCanary(root);
  });

  it('should refuse an outline that is a symlink out of the article folder, and read nothing from it', async () => {
    const { root, secret, work } = layout();
    symlinkSync(join(secret, 'canary.outline.md'), join(work, 'article.outline.md'));
    const error = await buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as Error).message).toMatch(/the outline file resolves to .*secret.*outside/);
    expect((error as Error).message).not.toContain(CANARY);
    expect(existsSync(join(work, 'out'))).toBe(false);
    expectNoCanary(root);
  });

  it('should refuse a base record that is a symlink out of the article folder', async () => {
    const { root, secret, work } = layout();
    mkdirSync(join(work, '.briefdeck'));
    symlinkSync(join(secret, 'canary.outline.md'), join(work, '.briefdeck', 'article.outline.md'));
    await expect(buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') })).rejects.toThrow(/outside/);
    expectNoCanary(root);
  });

  it('should refuse a deck folder or assets folder that is a symlink out of the output folder, writing nothing there', async () => {
    const { root, secret, work } = layout();
    mkdirSync(join(work, 'out'));
    symlinkSync(secret, join(work, 'out', 'article'));
    const before = snapshot(secret);
    await expect(buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') })).rejects.toThrow(/the deck folder resolves to .*outside/);
    expect(snapshot(secret)).toEqual(before);

    rmSync(join(work, 'out', 'article'));
    mkdirSync(join(work, 'out', 'article'));
    symlinkSync(secret, join(work, 'out', 'article', 'assets'));
    await expect(buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') })).rejects.toThrow(/outside/);
    expect(snapshot(secret)).toEqual(before);
    expectNoCanary(root);
  });

  it('should replace a symlinked index.html with a file instead of writing through it', async () => {
    const { root, secret, work } = layout();
    mkdirSync(join(work, 'out', 'article'), { recursive: true });
    symlinkSync(join(secret, 'canary.txt'), join(work, 'out', 'article', 'index.html'));
    await buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') });
    expect(readFileSync(join(secret, 'canary.txt'), 'utf8')).toBe(CANARY);
    expect(lstatSync(join(work, 'out', 'article', 'index.html')).isSymbolicLink()).toBe(false);
    expectNoCanary(root);
  });
});

describe('deck names and folder builds', () => {
  it('should never name a deck `.`, `..` or nothing', () => {
    expect(deckNameFor('content/...md')).toBe('article');
    expect(deckNameFor('content/..txt')).toBe('article');
    expect(deckNameFor('content/..report.md')).toBe('report');
    expect(deckNameFor('content/report.v2.md')).toBe('report.v2');
    expect(outlinePathFor('content/...md')).toBe(join('content', 'article.outline.md'));
  });

  it('should keep the deck of an article named `...md` inside --out, writing nothing beside it', async () => {
    const { root, work } = layout();
    writeFileSync(join(work, '...md'), ARTICLE);
    mkdirSync(join(work, 'out'));
    const before = snapshot(root);
    const report = await buildDeck({ article: join(work, '...md'), outDir: join(work, 'out') });
    expect(report.deckDir).toBe(join(work, 'out', 'article'));
    const added = [...snapshot(root).keys()].filter((path) => !before.has(path));
    for (const path of added) expect(path, path).toMatch(/^work\/(out\/article\/|article\.outline\.md$|\.briefdeck\/)/);
    expect(existsSync(join(work, 'index.html'))).toBe(false);
    expect(existsSync(join(work, 'assets'))).toBe(false);
  });

  it('should read only regular files inside a folder, skipping symlinks out of it with a warning', async () => {
    const { root, secret, work } = layout();
    symlinkSync(join(secret, 'canary.txt'), join(work, 'leak.txt'));
    symlinkSync(join(work, 'article.md'), join(work, 'alias.md'));
    symlinkSync(join(work, 'missing.md'), join(work, 'dangling.md'));
    mkdirSync(join(work, 'folder.md'));
    const { articles, warnings } = await articlesInFolder(work);
    expect(articles).toEqual([join(work, 'alias.md'), join(work, 'article.md')]);
    expect(warnings).toEqual([
      `${join(work, 'dangling.md')}: skipped, a symlink to nothing`,
      `${join(work, 'folder.md')}: skipped, not a regular file`,
      expect.stringMatching(new RegExp(`^${join(work, 'leak.txt')}: skipped, a symlink to .*secret/canary\\.txt, outside `)),
    ]);
    expectNoCanary(root);
  });

  it('should build content/ without publishing the target of a symlink out of it', () => {
    const { root, secret } = layout();
    mkdirSync(join(root, 'content'));
    writeFileSync(join(root, 'content', 'budget.md'), ARTICLE);
    symlinkSync(join(secret, 'canary.txt'), join(root, 'content', 'leak.txt'));
    const result = runCli([], root);
    expect(result.stderr).toMatch(/^warning: content\/leak\.txt: skipped, a symlink to .*canary\.txt, outside .*content\/$/m);
    expect(result.status).toBe(0);
    expect(existsSync(join(root, 'dist', 'budget', 'index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist', 'leak'))).toBe(false);
    expectNoCanary(root);
  }, 60_000);

  it('should refuse two articles that would share a deck and an outline, naming both', () => {
    expect(() => assertDistinctDecks(['content/a.md', 'content/a.txt'], 'dist')).toThrow(
      'content/a.md and content/a.txt would share the deck dist/a/ and the outline content/a.outline.md: rename one of them, or build them into different --out folders',
    );
    expect(() => assertDistinctDecks(['one/a.md', 'two/a.md'], 'dist')).toThrow('one/a.md and two/a.md would share the deck dist/a/:');
    expect(() => assertDistinctDecks(['content/a.md', 'content/b.md', 'content/a.md'], 'dist')).not.toThrow();
    const { root } = layout();
    mkdirSync(join(root, 'content'));
    writeFileSync(join(root, 'content', 'a.md'), ARTICLE);
    writeFileSync(join(root, 'content', 'a.txt'), 'Other story\n\nA different article about the harbour. The port reopened on Monday.\n');
    const result = runCli([], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: .*content\/a\.txt: its deck would be a\/, like the deck of .*content\/a\.md; build them into different --out folders or rename one\n$/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  }, 60_000);

  it("should refuse to build an article from the outline of another article beside it", async () => {
    const { work } = layout();
    writeFileSync(join(work, 'article.txt'), 'Other story\n\nA different article about the harbour. The port reopened on Monday.\n');
    await buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') });
    const outline = readFileSync(join(work, 'article.outline.md'), 'utf8');
    await expect(buildDeck({ article: join(work, 'article.txt'), outDir: join(work, 'out') })).rejects.toThrow(
      `${join(work, 'article.outline.md')}: this outline belongs to ${join(work, 'article.md')}, not ${join(work, 'article.txt')}`,
    );
    expect(readFileSync(join(work, 'article.outline.md'), 'utf8')).toBe(outline);
  });
});

describe('the PDF printer', () => {
  it('should load nothing outside the deck folder, even from a deck edited by hand to try', async () => {
    const { root, secret, work } = layout();
    const report = await buildDeck({ article: join(work, 'article.md'), outDir: join(work, 'out') });
    // Simulate a tampered deck: every way a page can pull in a file or the network.
    const canaryUrl = pathToFileURL(join(secret, 'canary.txt')).href;
    const tampered = readFileSync(report.indexPath, 'utf8').replace(
      '<div class="slides">',
      `<div class="slides"><section><h2>Probe</h2><iframe src="${canaryUrl}"></iframe><img src="${pathToFileURL(join(secret, 'canary.png')).href}"><object data="${canaryUrl}"></object><img src="https://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/x.css"></section>`,
    );
    writeFileSync(report.indexPath, tampered);
    const pdfPath = join(work, 'out', 'article', 'article.pdf');
    const outline = { title: 'Budget vote', slides: [] };
    const pdf = await printDeckToPdf({ indexPath: report.indexPath, pdfPath, outline });
    // The file:// probes reach the route and are refused; the https:// ones never leave the offline context.
    expect(pdf.blocked).toEqual(expect.arrayContaining([canaryUrl, pathToFileURL(join(secret, 'canary.png')).href]));
    expect(pdf.blocked.every((url) => !url.startsWith(pathToFileURL(join(work, 'out', 'article')).href + '/'))).toBe(true);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Probe');
    expect(text).not.toContain(CANARY);
    expectNoCanary(root);
  }, 120_000);
});
