/**
 * briefdeck's command line: parse arguments, call the library, report, set the exit code.
 * Only this file touches `process`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDeck, type BuildOptions, type BuildReport } from './src/node/build-deck.ts';
import { BriefdeckError, formatMessage, formatUserError, isUserError } from './src/node/errors.ts';
import { ARTICLE_EXTENSIONS, formatFromPath } from './src/ingest/ingest.ts';
import { isHandoutPaper, type HandoutPaper } from './src/render/handout.ts';
import { isAspect, type Aspect } from './src/render/render.ts';
import { THEMES } from './src/outline/themes.ts';
import type { ArticleFormat } from './src/types.ts';

const CONTENT_DIR = 'content';

const HELP = `Usage: npm run build -- [ARTICLE ...] [options]

Turn an article into an editable outline and an offline Reveal.js deck.
With no ARTICLE, builds every article in ${CONTENT_DIR}/ (${ARTICLE_EXTENSIONS.join(' ')}).

For each ARTICLE (for example content/report.md) briefdeck:
  1. writes the outline content/report.outline.md, if it does not exist yet;
     an existing outline is used as it is while the article is unchanged;
     when the article changed, your edits are merged with the new outline
     (conflicts are marked <!-- briefdeck-conflict: ... --> and reported);
  2. renders the deck from the outline into OUT/report/index.html.

Options:
  --out DIR          folder the deck folders go in (default: dist)
  --theme NAME       deck theme, overriding the outline's: ${Object.keys(THEMES).join(', ')}
  --key-points N     number of key points when generating an outline (default: 3-5 by length)
  --minutes N        size a generated outline to an N-minute talk (about 1.5 min a content
                     slide, notes at 130 spoken words a minute); weaker claims move to the
                     notes (default: every section gets its slides)
  --format FORMAT    read ARTICLE as md, txt or html (default: from the file extension)
  --regenerate       generate the outline afresh; the old one is kept as OUTLINE.bak
  --aspect RATIO     slide shape: 16:9 (1280x720, default) or 4:3 (1024x768)
  --pdf              also print OUT/report/report.pdf, one page per slide (needs Chromium)
  --pdf-notes        also print OUT/report/report.notes.pdf: each slide, then a page of its notes
  --handout [PAPER]  also print OUT/report/report.handout.pdf: a portrait a4 (default) or letter
                     page per slide, the slide on top, its notes and ruled lines below
  --single-file      also write OUT/report/report.html: the whole deck in one file that
                     presents offline from anywhere (speaker view included)
  --pptx             also write OUT/report/report.pptx: an editable PowerPoint file of the
                     same slides (text boxes, bullets, notes pages, the theme's colours)
  --watch            build, serve the decks on http://127.0.0.1, rebuild when an
                     article or outline is saved and reload the open tab on the same slide
  -h, --help         show this help

Exit codes: 0 built; 1 bad input (the message names the file and line); 2 bad usage.`;

class UsageError extends Error {}

interface Cli {
  articles: string[];
  outDir: string;
  theme?: string;
  keyPoints?: number;
  minutes?: number;
  format?: ArticleFormat;
  regenerate: boolean;
  watch: boolean;
  help: boolean;
  aspect?: Aspect;
  pdf: boolean;
  pdfNotes: boolean;
  handout?: HandoutPaper;
  singleFile: boolean;
  pptx: boolean;
}

/** `--handout` takes an optional paper: a bare `--handout` means a4. */
function withHandoutPaper(argv: string[]): string[] {
  return argv.flatMap((arg, index) => {
    if (arg !== '--handout') return arg === 'a4' || arg === 'letter' ? (argv[index - 1] === '--handout' ? [] : [arg]) : [arg];
    const next = argv[index + 1];
    return [`--handout=${next === 'a4' || next === 'letter' ? next : 'a4'}`];
  });
}

function parseCli(argv: string[]): Cli {
  let parsed;
  try {
    parsed = parseArgs({
      args: withHandoutPaper(argv),
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        theme: { type: 'string' },
        'key-points': { type: 'string' },
        minutes: { type: 'string' },
        format: { type: 'string' },
        regenerate: { type: 'boolean' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        aspect: { type: 'string' },
        pdf: { type: 'boolean' },
        'pdf-notes': { type: 'boolean' },
        handout: { type: 'string' },
        'single-file': { type: 'boolean' },
        pptx: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  let keyPoints: number | undefined;
  if (values['key-points'] !== undefined) {
    keyPoints = Number(values['key-points']);
    if (!Number.isInteger(keyPoints) || keyPoints < 1 || keyPoints > 10) throw new UsageError(`--key-points expects a whole number from 1 to 10, not \`${values['key-points']}\``);
  }
  let minutes: number | undefined;
  if (values.minutes !== undefined) {
    minutes = Number(values.minutes);
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 600) throw new UsageError(`--minutes expects a number of minutes from 1 to 600, not \`${values.minutes}\``);
  }
  const format = values.format;
  if (format !== undefined && format !== 'md' && format !== 'txt' && format !== 'html') {
    throw new UsageError(`--format expects md, txt or html, not \`${format}\``);
  }
  return {
    articles: positionals,
    outDir: values.out ?? 'dist',
    theme: values.theme,
    keyPoints,
    minutes,
    format,
    regenerate: values.regenerate ?? false,
    watch: values.watch ?? false,
    help: values.help ?? false,
    aspect: optionIn(values.aspect, isAspect, '--aspect expects 16:9 or 4:3'),
    pdf: values.pdf ?? false,
    pdfNotes: values['pdf-notes'] ?? false,
    handout: optionIn(values.handout, isHandoutPaper, '--handout expects a4 or letter'),
    singleFile: values['single-file'] ?? false,
    pptx: values.pptx ?? false,
  };
}

function optionIn<T extends string>(value: string | undefined, valid: (value: string) => value is T, expected: string): T | undefined {
  if (value === undefined) return undefined;
  if (!valid(value)) throw new UsageError(`${expected}, not \`${value}\``);
  return value;
}

/** The articles in the content folder: files briefdeck reads, outline files excluded. */
async function contentArticles(): Promise<string[]> {
  const names = await readdir(CONTENT_DIR).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new BriefdeckError(`${CONTENT_DIR}/: no such folder; name an article to build`);
    throw error;
  });
  const articles = names
    .filter((name) => !name.startsWith('.') && !name.endsWith('.outline.md') && formatFromPath(name))
    .sort()
    .map((name) => join(CONTENT_DIR, name));
  if (articles.length === 0) throw new BriefdeckError(`${CONTENT_DIR}/: no articles (${ARTICLE_EXTENSIONS.join(' ')}) to build`);
  return articles;
}

/** The options of one article's deck build, the same in a plain build and in watch mode. */
function deckOptions(article: string, cli: Cli): BuildOptions {
  return { article, outDir: cli.outDir, theme: cli.theme, keyPoints: cli.keyPoints, minutes: cli.minutes, format: cli.format, aspect: cli.aspect };
}

/** Warnings and notes about the article and the outline, one placed line each. */
function printMessages(report: BuildReport): void {
  for (const message of report.messages) process.stderr.write(`${message.fatal === false ? 'warning' : 'note'}: ${formatMessage(message)}\n`);
}

function describe(report: BuildReport): string {
  return `${report.articlePath} -> ${report.indexPath} (${report.slideCount} slides, theme ${report.theme}); outline ${report.outlinePath} (${report.outline}${report.backupPath ? `, old one kept as ${report.backupPath}` : ''})`;
}

async function main(argv: string[]): Promise<number> {
  const cli = parseCli(argv);
  if (cli.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const articles = cli.articles.length > 0 ? cli.articles : await contentArticles();
  if (cli.watch) return watch(articles, cli);
  let failed = 0;
  for (const article of articles) {
    try {
      const report = await buildDeck({
        ...deckOptions(article, cli),
        regenerate: cli.regenerate,
        pdf: cli.pdf,
        pdfNotes: cli.pdfNotes,
        handout: cli.handout,
        singleFile: cli.singleFile,
        pptx: cli.pptx,
        onProgress: (progress) => process.stderr.write(`pdf: ${progress.message}\n`),
      });
      printMessages(report);
      process.stdout.write(describe(report) + '\n');
      for (const [what, written] of [['pdf', report.exports.pdf], ['pdf with notes', report.exports.notesPdf], ['handout', report.exports.handout]] as const) {
        if (written) process.stdout.write(`${report.articlePath} -> ${written.path} (${what}, ${written.pages} pages)\n`);
      }
      if (report.exports.singleFile) process.stdout.write(`${report.articlePath} -> ${report.exports.singleFile} (single file)\n`);
      if (report.exports.pptx) process.stdout.write(`${report.articlePath} -> ${report.exports.pptx.path} (PowerPoint, ${report.exports.pptx.slides} slides)\n`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      process.stderr.write(`error: ${formatUserError(error)}\n`);
      failed += 1;
    }
  }
  return failed > 0 ? 1 : 0;
}

/** Watch mode: serve the decks and rebuild on save until Ctrl-C. */
async function watch(articles: string[], cli: Cli): Promise<number> {
  if (cli.regenerate) throw new UsageError('--regenerate and --watch do not go together: regenerate first, then watch');
  // The watch server (and node:http) loads only for --watch.
  const { watchDecks } = await import('./src/node/watch.ts');
  const running = await watchDecks(
    { builds: articles.map((article) => deckOptions(article, cli)) },
    {
      onBuild: (report, ms) => {
        printMessages(report);
        process.stdout.write(`${describe(report)} in ${Math.round(ms)} ms\n`);
      },
      onError: (error) => {
        if (isUserError(error)) process.stderr.write(`error: ${formatUserError(error)}\n`);
        else process.stderr.write(`briefdeck: internal error (please report): ${(error as Error)?.stack ?? String(error)}\n`);
      },
    },
  );
  for (const [name, url] of Object.entries(running.decks)) process.stdout.write(`Serving ${name} at ${url}\n`);
  process.stdout.write('Watching for changes; press Ctrl-C to stop.\n');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await running.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\nRun with --help for usage.\n`);
      process.exitCode = 2;
      return;
    }
    if (isUserError(error)) {
      process.stderr.write(`error: ${formatUserError(error)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`briefdeck: internal error (please report): ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
