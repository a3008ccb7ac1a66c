/**
 * briefdeck's command line as a function: `main(argv, io)` reads its arguments,
 * builds, reports on `io.stdout`/`io.stderr` and returns the exit code. It
 * touches no global of the process (no `process.cwd()`, no `process.exit`), so
 * the tests run it in their own process; build.ts is the thin `bin` around it.
 *
 * Exit codes: 0 built; 1 bad input or content; 2 bad usage; 70 internal error.
 */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deckNameFor, type BuildOptions } from './build-deck.ts';
import { buildOutcome, describeReport, internalErrorLine, messageLines, type BuildOutcome, type BuildTask } from './build-one.ts';
import { folderEntryProblem } from './article-files.ts';
import { BriefdeckError, formatUserError, isUserError, printable } from './errors.ts';
import { ARTICLE_EXTENSIONS, formatFromPath } from '../ingest/ingest.ts';
import { helpText, parseCliArgs, UsageError, type CliOptions } from './cli-args.ts';
import { ConfigError, loadConfig, withConfig, type RunOptions } from './config-file.ts';
import type { ArticleFormat } from '../types.ts';

export { UsageError } from './cli-args.ts';

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 70 } as const;

/** The outside world of one run. */
export interface CliIo {
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are read from. */
  cwd: string;
  /** Whether standard error is a terminal: progress lines are shown then. */
  isTTY: boolean;
  /** Stops watch mode (Ctrl-C). Without one, watch mode runs until the process ends. */
  signal?: AbortSignal;
}

/** The folder built when no article is named. */
const CONTENT_DIR = 'content';

/** The package's version, from its package.json (this file is `src/node/cli.ts`). */
export function packageVersion(): string {
  const path = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** Run the command line. Never throws: every failure is a message and an exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  const display = displayPaths(io.cwd);
  const err = (line: string) => io.stderr.write(`${display(line)}\n`);
  try {
    const cli = parseCliArgs(argv);
    debug = cli.debug;
    if (cli.help) {
      io.stdout.write(`${helpText(packageVersion())}\n`);
      return EXIT.ok;
    }
    if (cli.version) {
      io.stdout.write(`briefdeck ${packageVersion()}\n`);
      return EXIT.ok;
    }
    const config = await loadConfig(cli, io.cwd);
    return await run(withConfig(cli, config?.values, io.env), io, display);
  } catch (error) {
    if (error instanceof ConfigError) {
      // Names the file, line and column already; the fix is in the file, not in --help.
      err(`error: ${printable(error.message)}`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      err(`error: ${error.message} (briefdeck --help shows the usage)`);
      return EXIT.usage;
    }
    if (isUserError(error)) {
      err(`error: ${formatUserError(error)}`);
      return EXIT.input;
    }
    err(internalErrorLine(error, debug));
    return EXIT.internal;
  }
}

/** Paths in printed lines, relative to the working folder when they are inside it (as the user typed them). */
function displayPaths(cwd: string): (line: string) => string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  return (line) => line.split(prefix).join('');
}

/** One article to build: its path (absolute) and, for standard input, its text. */
interface Input {
  article: string;
  text?: string;
  format?: ArticleFormat;
  /** How messages name it, when not by its path: `<stdin>`. */
  label?: string;
}

async function run(cli: RunOptions, io: CliIo, display: (line: string) => string): Promise<number> {
  const outDir = resolve(io.cwd, cli.out ?? 'dist');
  const outInfo = await stat(outDir).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) throw new UsageError(`--out ${cli.out ?? 'dist'}: is a file; expected a folder to put the decks in`);
  const inputs = await collectInputs(cli, io, outDir);
  if (cli.watch) return watch(inputs, cli, io, outDir, display);

  const tasks: BuildTask[] = inputs.map((input) => ({
    article: input.article,
    text: input.text,
    outDir,
    theme: cli.theme,
    keyPoints: cli.keyPoints,
    minutes: cli.minutes,
    fromConfig: cli.fromConfig,
    format: input.format ?? cli.format,
    aspect: cli.aspect,
    // An article read from standard input has no outline of its own to keep: each run makes it afresh.
    regenerate: cli.regenerate || input.text !== undefined,
    pdf: cli.pdf,
    pdfNotes: cli.pdfNotes,
    handout: cli.handout,
    handoutLayout: cli.handoutLayout,
    singleFile: cli.singleFile,
    pptx: cli.pptx,
    debug: cli.debug,
  }));
  const labels = new Map(inputs.flatMap((input) => (input.label ? [[input.article, input.label] as const] : [])));
  const show = (line: string) => {
    let shown = line;
    for (const [path, label] of labels) shown = shown.split(path).join(label);
    return display(shown);
  };
  const started = performance.now();
  const threads = Math.min(cli.jobs ?? availableParallelism(), tasks.length);
  let finished = 0;
  const report = (outcome: BuildOutcome) => {
    finished += 1;
    for (const line of outcome.stderr) io.stderr.write(`${show(line)}\n`);
    for (const line of outcome.stdout) io.stdout.write(`${show(line)}\n`);
    if (io.isTTY && tasks.length > 1) {
      const what = outcome.status === 'ok' ? `${outcome.slideCount} slides in ${(outcome.ms / 1000).toFixed(1)} s` : 'failed';
      io.stderr.write(`[${finished}/${tasks.length}] ${show(labels.get(outcome.article) ?? outcome.article)}: ${what}\n`);
    }
  };
  let outcomes: BuildOutcome[];
  const { buildInPool, poolAvailable } = await import('./build-pool.ts');
  if (threads > 1 && poolAvailable()) {
    outcomes = await buildInPool(tasks, threads, report);
  } else {
    outcomes = [];
    for (const task of tasks) {
      const outcome = await buildOutcome(task, (progress) => io.stderr.write(`${show(`pdf: ${progress.message}`)}\n`));
      report(outcome);
      outcomes.push(outcome);
    }
  }
  const failed = outcomes.filter((outcome) => outcome.status !== 'ok');
  if (tasks.length > 1) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const how = threads > 1 && poolAvailable() ? `, ${threads} at a time` : '';
    const failures = failed.length > 0 ? `; failed: ${failed.map((outcome) => show(labels.get(outcome.article) ?? outcome.article)).join(', ')}` : '';
    io.stderr.write(`briefdeck: built ${outcomes.length - failed.length} of ${outcomes.length} decks in ${seconds} s${how}${failures}\n`);
  }
  if (failed.some((outcome) => outcome.status === 'internal')) return EXIT.internal;
  return failed.length > 0 ? EXIT.input : EXIT.ok;
}

/** The articles the arguments name: files as they are, every article of a folder, standard input. */
async function collectInputs(cli: CliOptions, io: CliIo, outDir: string): Promise<Input[]> {
  const given = cli.inputs.length > 0 ? cli.inputs : [CONTENT_DIR];
  const inputs: Input[] = [];
  for (const arg of given) {
    if (arg === '-') {
      if (inputs.some((input) => input.label)) throw new UsageError('`-` (standard input) given twice');
      if (cli.watch) throw new UsageError('--watch needs article files to watch, not `-` (standard input)');
      inputs.push(await stdinInput(cli, io, outDir));
      continue;
    }
    const path = resolve(io.cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      inputs.push(...(await folderArticles(path, arg, cli.inputs.length === 0, io)).map((article) => ({ article })));
    } else {
      // A missing or unreadable file is reported by its build, so the other articles still build.
      inputs.push({ article: path });
    }
  }
  // The same file named twice builds once; two articles with one deck name would overwrite each other's deck.
  const byName = new Map<string, string>();
  const unique: Input[] = [];
  for (const input of inputs) {
    if (unique.some((other) => other.article === input.article)) continue;
    const name = deckNameFor(input.article);
    const other = byName.get(name);
    if (other !== undefined) {
      throw new BriefdeckError(`${input.label ?? input.article}: its deck would be ${name}/, like the deck of ${other}; build them into different --out folders or rename one`);
    }
    byName.set(name, input.label ?? input.article);
    unique.push(input);
  }
  return unique;
}

/**
 * The articles in a folder: files briefdeck reads (not outline files, backups or hidden files), sorted.
 * Only regular files whose real path is inside the folder: a symlink out of it is skipped with a warning.
 */
async function folderArticles(folder: string, shown: string, isDefault: boolean, io: CliIo): Promise<string[]> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    throw new BriefdeckError(`${shown}: cannot read the folder (${error.code ?? error.message})`);
  });
  const articles: string[] = [];
  for (const name of names.filter((name) => !name.startsWith('.') && !name.endsWith('.outline.md') && formatFromPath(name)).sort()) {
    const problem = await folderEntryProblem(folder, name);
    if (problem === undefined) articles.push(join(folder, name));
    else io.stderr.write(`warning: ${printable(`${join(shown, name)}: skipped, ${problem}`)}\n`);
  }
  if (articles.length === 0) {
    const hint = isDefault ? '; name an article to build' : '';
    throw new BriefdeckError(`${shown}: a folder with no articles (${ARTICLE_EXTENSIONS.join(' ')}) in it${hint}`);
  }
  return articles;
}

/** Standard input, read whole, as an article named by --name (default `stdin`), its deck and outline in OUT/NAME/. */
async function stdinInput(cli: CliOptions, io: CliIo, outDir: string): Promise<Input> {
  const chunks: Buffer[] = [];
  let size = 0;
  const { MAX_ARTICLE_BYTES, decodeArticle } = await import('./build-deck.ts');
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_ARTICLE_BYTES) throw new BriefdeckError(`<stdin>: the article is larger than the ${MAX_ARTICLE_BYTES / 1048576} MB limit`);
    chunks.push(buffer);
  }
  const name = cli.name ?? 'stdin';
  const bytes = Buffer.concat(chunks);
  const format = cli.format ?? sniffFormat(bytes.subarray(0, 4096).toString('utf8'));
  const article = join(outDir, name, `${name}.${format}`);
  let text: string;
  try {
    text = decodeArticle(bytes, article);
  } catch (error) {
    if (isUserError(error) && 'file' in error) (error as { file?: string }).file = '<stdin>';
    throw error;
  }
  return { article, text, format, label: '<stdin>' };
}

/**
 * The format of an article read from standard input: HTML when it starts with a
 * tag, Markdown when it has front matter or a `#` heading, else plain text.
 */
export function sniffFormat(head: string): ArticleFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^<(!doctype\s+html|html|head|body|article|main|meta|div|p|h[1-6])\b/i.test(text)) return 'html';
  if (/^---\r?\n/.test(text) || /^#{1,6}\s+\S/m.test(text) || /^```/m.test(text)) return 'md';
  return 'txt';
}

/** Watch mode: serve the decks and rebuild on save until `io.signal` aborts. */
async function watch(inputs: Input[], cli: RunOptions, io: CliIo, outDir: string, display: (line: string) => string): Promise<number> {
  if (cli.regenerate) throw new UsageError('--regenerate and --watch do not go together: regenerate first, then watch');
  // The watch server (and node:http) loads only for --watch.
  const { watchDecks } = await import('./watch.ts');
  const builds: BuildOptions[] = inputs.map((input) => ({ article: input.article, outDir, theme: cli.theme, keyPoints: cli.keyPoints, minutes: cli.minutes, fromConfig: cli.fromConfig, format: cli.format, aspect: cli.aspect }));
  const out = (line: string) => io.stdout.write(`${display(line)}\n`);
  const err = (line: string) => io.stderr.write(`${display(line)}\n`);
  let running;
  try {
    running = await watchDecks(
      { builds, port: cli.port },
      {
        onBuild: (report, ms) => {
          for (const line of messageLines(report)) err(line);
          out(`${describeReport(report)} in ${Math.round(ms)} ms`);
        },
        onError: (error) => err(isUserError(error) ? `error: ${formatUserError(error)}` : internalErrorLine(error, cli.debug)),
      },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`--port ${cli.port}: ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; choose another port, or leave --port out for a free one`);
    throw error;
  }
  out(`Serving the decks at ${running.url}`);
  for (const [name, url] of Object.entries(running.decks)) out(`Serving ${name} at ${url}`);
  out('Watching for changes; press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    if (!io.signal) return;
    if (io.signal.aborted) done();
    io.signal.addEventListener('abort', () => done(), { once: true });
  });
  await running.close();
  return EXIT.ok;
}
