/**
 * Which files are articles, and what each one's deck is called: a folder build
 * reads only regular files whose real path is inside the folder, a deck name is
 * never `.`, `..` or empty, and two articles never share a deck or an outline.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BriefdeckError, printable } from './errors.ts';
import { ARTICLE_EXTENSIONS, formatFromPath } from '../ingest/ingest.ts';
import { isPathInside } from './safe-path.ts';

/** The deck name used when an article's file name leaves nothing else (`...md`). */
export const FALLBACK_DECK_NAME = 'article';

/**
 * The deck name of an article: its file name without the extension, without leading
 * dots (a name of dots would be `.` or `..`, the folder itself or its parent), or
 * {@link FALLBACK_DECK_NAME} when nothing is left.
 */
export function deckNameFor(articlePath: string): string {
  const name = basename(articlePath, extname(articlePath)).replace(/^\.+/, '');
  return name === '' ? FALLBACK_DECK_NAME : name;
}

/** The outline file that belongs to an article: `<dir>/<name>.outline.md`. */
export function outlinePathFor(articlePath: string): string {
  return join(dirname(articlePath), `${deckNameFor(articlePath)}.outline.md`);
}

/** The articles of a folder, and a warning for each entry skipped because it is not safely one. */
export interface FolderArticles {
  articles: string[];
  warnings: string[];
}

/**
 * Why the entry `name` of the folder `dir` is not safely an article to read, or
 * undefined when it is a regular file whose real path is inside `dir` (a symlink
 * to a file inside is fine). Says what it is instead: a symlink out, to nothing,
 * to something not a file, or not a regular file.
 */
export async function folderEntryProblem(dir: string, name: string): Promise<string | undefined> {
  const path = join(dir, name);
  const link = await lstat(path).catch(() => undefined);
  if (!link) return 'gone';
  if (!link.isSymbolicLink()) return link.isFile() ? undefined : 'not a regular file';
  const target = await realpath(path).catch(() => undefined);
  if (target === undefined) return 'a symlink to nothing';
  const realDir = await realpath(dir);
  if (!isPathInside(realDir, target)) return `a symlink to ${target}, outside ${dir}/`;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? undefined : 'a symlink to something that is not a regular file';
}

/**
 * The articles in `dir`: files with an article extension (outline files and hidden
 * files excluded), sorted by name. Only regular files whose real path is inside
 * `dir` are read: a symlink out of the folder, or to a device or folder, is skipped
 * with a warning, so building a folder never publishes a file from elsewhere.
 */
export async function articlesInFolder(dir: string): Promise<FolderArticles> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BriefdeckError(`${dir}/: no such folder; name an article to build`, { file: dir });
    if (code === 'ENOTDIR') throw new BriefdeckError(`${dir}: is not a folder`, { file: dir });
    throw new BriefdeckError(`${dir}/: cannot read the folder (${code ?? String(error)})`, { file: dir, cause: error });
  }
  const articles: string[] = [];
  const warnings: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || name.endsWith('.outline.md') || !formatFromPath(name)) continue;
    const problem = await folderEntryProblem(dir, name);
    if (problem === undefined) articles.push(join(dir, name));
    else warnings.push(printable(`${join(dir, name)}: skipped, ${problem}`));
  }
  if (articles.length === 0) throw new BriefdeckError(`${dir}/: no articles (${ARTICLE_EXTENSIONS.join(' ')}) to build`, { file: dir });
  return { articles, warnings };
}

/**
 * Refuse a set of articles two of which would share a deck folder or an outline file
 * (`a.md` and `a.txt`, or the same name in two folders built into one `--out`): they
 * would overwrite each other's deck and merge each other's outline. The error names both.
 */
export function assertDistinctDecks(articles: string[], outDir: string): void {
  const decks = new Map<string, string>();
  const outlines = new Map<string, string>();
  for (const article of articles) {
    const deck = resolve(outDir, deckNameFor(article));
    const outline = resolve(outlinePathFor(article));
    const clash = decks.get(deck) ?? outlines.get(outline);
    if (clash !== undefined && resolve(clash) !== resolve(article)) {
      throw new BriefdeckError(
        printable(
          `${clash} and ${article} would share the deck ${join(outDir, deckNameFor(article))}/` +
            (outlines.has(outline) ? ` and the outline ${outlinePathFor(article)}` : '') +
            ': rename one of them, or build them into different --out folders',
        ),
        { file: article },
      );
    }
    decks.set(deck, article);
    outlines.set(outline, article);
  }
}
