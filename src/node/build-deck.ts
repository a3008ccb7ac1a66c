/**
 * The orchestrator: reads the article and its outline file, writes the outline
 * (only when there is none) and the deck. All file I/O of a build happens here.
 */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { VFile } from 'vfile';
import { VFileMessage as VFileMessageClass } from 'vfile-message';
import type { VFileMessage } from 'vfile-message';
import { BriefdeckError } from './errors.ts';
import { formatFromPath, ARTICLE_EXTENSIONS } from '../ingest/ingest.ts';
import { outlineFromArticle } from '../outline/outline.ts';
import { taggerFor } from './tagger-model.ts';
import { updateOutline, type OutlineUpdate } from '../outline-file/merge.ts';
import { outlineToMarkdown, type OutlineSettings } from '../outline-file/outline-markdown.ts';
import { readTextIfExists, basePathFor, readBase, removeKilledOutlineTemporaries, saveOutline } from './outline-store.ts';
import { articleFromFile } from '../outline/pipeline.ts';
import type { ExportOptions, ExportReport } from './deck-exports.ts';
import { checkFidelity } from '../check/fidelity.ts';
import { fitOutline, reportFitProblems } from '../fit/fit.ts';
import { renderDeck, type Aspect } from '../render/render.ts';
import { DEFAULT_THEME, isThemeName, THEMES, type ThemeName } from '../outline/themes.ts';
import type { Article, ArticleFormat } from '../types.ts';
import { removeKilledTemporaries, writeFileAtomic } from './write-atomic.ts';
import { assertInside, isPathInside, readFileBounded, realpathOrAncestor } from './safe-path.ts';
import { deckImages } from './deck-images.ts';
import { reportMathProblems } from '../render/report-math.ts';
import { deckNameFor, outlinePathFor } from './article-files.ts';

export { deckNameFor, outlinePathFor };

/** The options that ask for an export (not those that only shape one); the `satisfies` makes the compiler name any option added to ExportOptions but not here. */
const EXPORT_REQUESTS = Object.keys({ pdf: true, pdfNotes: true, handout: true, singleFile: true, pptx: true } satisfies Record<Exclude<keyof ExportOptions, 'onProgress' | 'handoutLayout'>, true>) as Array<
  Exclude<keyof ExportOptions, 'onProgress' | 'handoutLayout'>
>;

/** Articles larger than this are refused: no briefing needs more, and parsing must stay fast. */
export const MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

/** Options of one build. Defaults are written here and nowhere else. */
export interface BuildOptions extends ExportOptions {
  /** Path of the article file. */
  article: string;
  /** Folder the deck folder goes in (the deck is `<outDir>/<name>/index.html`); default `dist`. */
  outDir?: string;
  /** Article format; by default from the file extension. */
  format?: ArticleFormat;
  /** Theme; overrides the outline file's `theme`. Default `light`. */
  theme?: string;
  /** Number of key points when generating the outline; default 3-5 by article length. */
  keyPoints?: number;
  /** Talk length in minutes when generating the outline: sizes the deck (see `OutlineOptions.minutes`); default: every section. */
  minutes?: number;
  /**
   * Which of `minutes` and `keyPoints` are a config file's defaults rather than asked for: a kept
   * outline file ignores them without the note it gives for an option asked for. Default none.
   */
  fromConfig?: Array<'minutes' | 'keyPoints'>;
  /** Generate the outline afresh, keeping the old file as `<outline>.bak`; default false. */
  regenerate?: boolean;
  /** Slide shape: `16:9` (1280x720, default) or `4:3` (1024x768). */
  aspect?: Aspect;
  /**
   * The article's text, when it is not read from the file `article` (standard input): `article`
   * then only names the deck and places the outline file; `format` is required.
   */
  text?: string;
}

export interface BuildReport {
  /** The deck's name: the article's file name without extension. */
  name: string;
  articlePath: string;
  outlinePath: string;
  /** What this build did with the outline file (see {@link OutlineUpdate}). */
  outline: OutlineUpdate['status'];
  /** The outline text the deck was built from, as the outline file holds it after the build. */
  outlineText: string;
  /** The backup of the outline file made by `regenerate`. */
  backupPath?: string;
  deckDir: string;
  indexPath: string;
  slideCount: number;
  theme: ThemeName;
  /** Warnings and notes about the article and the outline, each with its file and place. */
  messages: VFileMessage[];
  /** The PDFs, single-file deck and PowerPoint file written on request (see {@link ExportOptions}). */
  exports: ExportReport;
}

/** Kernel file systems: writing there fails, or (under /proc) reads back without end. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Refuse an output folder under /proc, /sys or /dev (after symlinks) before anything is read or written there. */
async function assertOutputFolderOnDisk(outDir: string): Promise<void> {
  const real = await realpathOrAncestor(outDir);
  const system = SYSTEM_FOLDERS.find((folder) => isPathInside(folder, real));
  if (system) throw new BriefdeckError(`--out ${outDir}: is under ${system}, a system folder; expected a folder on disk for the decks`, { file: outDir });
}

/** The `article` an outline's front matter names (the file it was generated from), if it names one. */
function outlineArticleName(outline: string | undefined): string | undefined {
  const front = outline === undefined ? null : /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(outline);
  if (!front) return undefined;
  const value: unknown = parseDocument(front[1]!).get('article');
  return typeof value === 'string' ? value : undefined;
}

/**
 * Refuse to use an outline that another article beside this one generated (`a.txt`'s
 * outline for `a.md`): the two would merge each other's text on every build.
 */
async function assertOutlineBelongs(outlinePath: string, ours: string | undefined, articlePath: string): Promise<void> {
  const owner = outlineArticleName(ours);
  if (owner === undefined || owner === basename(articlePath) || owner.includes('/') || owner.includes('\\')) return;
  const other = join(dirname(articlePath), owner);
  const exists = await access(other).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  throw new BriefdeckError(
    `${outlinePath}: this outline belongs to ${other}, not ${articlePath}; the two articles would share one outline and one deck: rename one of them`,
    { file: articlePath },
  );
}

/** SHA-256 of the article text, recorded in the outline it generates. */
export function articleHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Decode article bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM. Binary or invalid text is refused with its place. */
export function decodeArticle(bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw placedError(path, bytes, nul, 'Unexpected NUL byte: this looks like a binary file, expected text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Find the first invalid byte to say where it is.
    let good = 0;
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        good = mid;
        low = mid;
      } catch {
        high = mid - 1;
      }
    }
    throw placedError(path, bytes, good, 'Invalid UTF-8: expected the article as UTF-8 text');
  }
}

function placedError(path: string, bytes: Uint8Array, offset: number, reason: string): VFileMessage {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
  const lines = before.split('\n');
  const file = new VFile({ path });
  try {
    file.fail(reason, { place: { line: lines.length, column: lines[lines.length - 1]!.length + 1 }, ruleId: 'encoding', source: 'briefdeck' });
  } catch (error) {
    return error as VFileMessage;
  }
  throw new Error('unreachable');
}

/** An article's text as given: refused when it has nothing to brief. */
function checkedText(text: string, path: string): string {
  if (text.trim() === '') throw new BriefdeckError(`${path}: the article is empty`, { file: path });
  return text;
}

async function readArticle(path: string): Promise<string> {
  // Bounded, and regular files only: a FIFO, a device or a growing file must not hang the build.
  const tooLarge = (size: number) => `${path}: article is ${(size / 1048576).toFixed(1)} MB, larger than the ${MAX_ARTICLE_BYTES / 1048576} MB limit`;
  const bytes = await readFileBounded(path, MAX_ARTICLE_BYTES, tooLarge);
  if (bytes === undefined) throw new BriefdeckError(`${path}: no such file`, { file: path });
  return checkedText(decodeArticle(bytes, path), path);
}

function resolveTheme(cli: string | undefined, outline: OutlineSettings, outlineFile: VFile): ThemeName {
  const chosen = cli ?? outline.theme ?? DEFAULT_THEME;
  if (isThemeName(chosen)) return chosen;
  const names = Object.keys(THEMES).join(', ');
  if (cli) throw new BriefdeckError(`Unknown theme \`${cli}\`, expected one of ${names}`);
  const text = String(outlineFile.value);
  const lineIndex = text.split(/\r\n|\r|\n/).findIndex((line) => /^theme\s*:/.test(line));
  outlineFile.fail(`Unknown theme \`${chosen}\`, expected one of ${names}`, {
    place: { line: lineIndex + 1, column: 8 },
    ruleId: 'theme',
    source: 'briefdeck',
  });
  throw new Error('unreachable');
}

/**
 * The article read for the fidelity check of a kept outline: its sentences, or undefined when it has
 * none to read (an article that no longer has prose: each bullet is then checked against its whole
 * text). Its warnings were given when the outline was generated.
 */
function articleForCheck(text: string, path: string, format: ArticleFormat): Article | undefined {
  try {
    return articleFromFile(new VFile({ path, value: text }), format);
  } catch (error) {
    if (error instanceof VFileMessageClass) return undefined;
    throw error;
  }
}

/**
 * Build one article's deck: generate its outline file if it has none; use an
 * existing one as it is while the article is unchanged, else merge the person's
 * edits with the outline of the changed article (see `updateOutline`); then
 * render the deck from the outline file. Nothing is written unless the outline parses.
 */
export async function buildDeck(options: BuildOptions): Promise<BuildReport> {
  const articlePath = options.article;
  const format = options.format ?? formatFromPath(articlePath);
  if (!format) {
    throw new BriefdeckError(`${articlePath}: unknown article type \`${extname(articlePath) || '(none)'}\`, expected one of ${ARTICLE_EXTENSIONS.join(', ')}`, { file: articlePath });
  }
  if (options.theme !== undefined && !isThemeName(options.theme)) {
    throw new BriefdeckError(`Unknown theme \`${options.theme}\`, expected one of ${Object.keys(THEMES).join(', ')}`);
  }
  await assertOutputFolderOnDisk(options.outDir ?? 'dist');
  const name = deckNameFor(articlePath);
  const outlinePath = outlinePathFor(articlePath);
  const deckDir = join(options.outDir ?? 'dist', name);
  const messages: VFileMessage[] = [];

  const articleText = options.text === undefined ? await readArticle(articlePath) : checkedText(options.text, articlePath);
  // The article is parsed only when an outline is generated from it: a rebuild from a kept
  // outline of an unchanged article needs only its text (for the hash and the fidelity check).
  // The article's own language (a web page's `lang`) goes into a generated outline's front matter.
  let articleLang: string | undefined;
  let article: Article | undefined;
  const generateOutline = () => {
    const articleFile = new VFile({ path: articlePath, value: articleText });
    article = articleFromFile(articleFile, format);
    messages.push(...articleFile.messages);
    articleLang = article.lang;
    return outlineFromArticle(article, { keyPoints: options.keyPoints, minutes: options.minutes, sourceName: basename(articlePath), tagger: taggerFor });
  };

  // The outline and its base record are files of the article's folder: a symlink out of it is refused, not read.
  for (const path of [outlinePath, basePathFor(outlinePath)]) await assertInside(dirname(articlePath), path, 'the outline file');
  // The outline file is decided (kept, created, merged...) and read before anything is written.
  const ours = await readTextIfExists(outlinePath);
  await assertOutlineBelongs(outlinePath, ours, articlePath);
  // What killed builds of this article left: their temporary files, and base records they never settled.
  await removeKilledOutlineTemporaries(outlinePath);
  const base = await readBase(outlinePath, ours);
  const outlineFile = new VFile({ path: outlinePath, value: ours });
  const articleSha256 = articleHash(articleText);
  const update = updateOutline(
    {
      ours,
      base,
      theirs: () =>
        outlineToMarkdown(generateOutline(), {
          theme: options.theme,
          lang: articleLang,
          article: basename(articlePath),
          'article-sha256': articleSha256,
        }),
      articleSha256,
      regenerate: options.regenerate,
    },
    outlineFile,
  );
  if (update.status === 'kept') noteKeptOutlineOptions(options, outlineFile);
  const outlineText = update.text;
  outlineFile.value = outlineText;
  // The outline comes back read (each text is read once per build), its slides, bullets and blocks with their positions.
  const { outline: written, settings } = update.read;
  outlineFile.messages.push(...update.messages);
  const theme = resolveTheme(options.theme, settings, outlineFile);
  // Every number and name on a slide must be in the article (a bullet's in its source sentence); a hand edit that breaks this is warned about at its line.
  // A kept outline's article is read only when a bullet points at a sentence of it and the file holds hand edits: an
  // outline exactly as generated passes by construction (reading a 1 MB article again cost a rebuild 2 s of CPU).
  if (!article && !update.asGenerated && written.slides.some((slide) => slide.bullets.some((bullet) => bullet.source !== undefined))) article = articleForCheck(articleText, articlePath, format);
  checkFidelity(written, { text: articleText, article }, outlineFile, settings.lang);
  // Fit every slide (smaller text, then "(cont.)" slides), warning at the outline line of what still overflows.
  const fitted = fitOutline(written, { theme, aspect: options.aspect, lang: settings.lang });
  reportFitProblems(fitted.problems, written, outlineFile);
  const outline = fitted.outline;
  messages.push(...outlineFile.messages);

  // Figures: their files copied from the article's folder, never from outside it or the network.
  // A "(cont.)" slide has the position of the slide it continues.
  const images = await deckImages(outline, articlePath, outlineFile);
  reportMathProblems(outline, outlineFile);
  messages.push(...outlineFile.messages.filter((message) => !messages.includes(message)));
  const deck = renderDeck(outline, { theme, lang: settings.lang, aspect: options.aspect, fit: fitted.steps, images });
  if (deck.slides.length === 0) {
    outlineFile.fail('Every slide is hidden: expected at least one slide without `.hidden`', { place: { line: 1, column: 1 }, ruleId: 'no-slides', source: 'briefdeck' });
  }
  const saved = await saveOutline(outlinePath, update, ours);
  await writeDeck(options.outDir ?? 'dist', deckDir, deck.html, deck.assets);
  // The exporters load the PDF library and the browser driver (a third of a second): only when an export is asked for.
  const exportAsked = EXPORT_REQUESTS.some((key) => Boolean(options[key]));
  const exports: ExportReport = exportAsked ? await (await import('./deck-exports.ts')).exportDeck(deck, deckDir, name, outline, options, { theme, aspect: options.aspect, lang: settings.lang, fit: fitted.steps }) : {};

  return {
    name,
    articlePath,
    outlinePath,
    outline: update.status,
    outlineText,
    ...saved,
    deckDir,
    indexPath: join(deckDir, 'index.html'),
    slideCount: deck.slides.length,
    theme,
    messages,
    exports,
  };
}

/**
 * The options that shape a generated outline do nothing when the outline file is kept as it
 * is: say so, and how to apply them, rather than ignore them silently.
 */
function noteKeptOutlineOptions(options: BuildOptions, outlineFile: VFile): void {
  const unused = [
    options.minutes !== undefined && !options.fromConfig?.includes('minutes') ? `--minutes ${options.minutes}` : undefined,
    options.keyPoints !== undefined && !options.fromConfig?.includes('keyPoints') ? `--key-points ${options.keyPoints}` : undefined,
  ].filter((option) => option !== undefined);
  if (unused.length === 0) return;
  const message = outlineFile.info(
    `${unused.join(' and ')} ${unused.length > 1 ? 'apply' : 'applies'} only when the outline is generated; this outline is kept as it is: add --regenerate to make it afresh (your file is kept as a .bak)`,
  );
  message.ruleId = 'kept-outline';
  message.source = 'briefdeck';
}

/** Write a deck folder: assets first, `index.html` last, each file atomically, so an interrupted build leaves the previous deck usable. */
async function writeDeck(outDir: string, deckDir: string, html: string, assets: Array<{ from: string; to: string }>): Promise<void> {
  // The deck folder lies strictly inside --out, and a symlinked deck or assets folder must not carry
  // the writes out of it: every file's real path is checked against the real path of --out.
  await assertInside(outDir, deckDir, 'the deck folder', { strictly: true });
  // The deck folder is this article's: the temporary files killed builds left anywhere in it go.
  await removeKilledTemporaries(deckDir, () => true, { recursive: true });
  for (const asset of assets) {
    const target = join(deckDir, asset.to);
    // The folder a file lands in is checked: the rename replaces a symlink at the file's own name, never follows it.
    await assertInside(outDir, dirname(target), 'a deck folder', { strictly: true });
    const contents = await readFile(asset.from);
    // A rebuild finds the assets in place: leave identical ones be, since each atomic write flushes to disk (2-4 ms).
    const existing = await readFile(target).catch(() => undefined);
    if (existing?.equals(contents)) continue;
    await writeFileAtomic(target, contents);
  }
  await writeFileAtomic(join(deckDir, 'index.html'), html);
}
