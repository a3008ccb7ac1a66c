/**
 * `npm run bench`: wall time and peak memory of real builds, each from a cold
 * CLI start (a fresh `node` process), against its floor: Node starting and
 * remark-parse reading the same input as a small bundled script, or, for PDF,
 * Chromium printing the deck by itself.
 *
 *   npm run bench                 # 7 runs a case (3 for the 8 MB article)
 *   npm run bench -- --runs 11    # more runs
 *   npm run bench -- --quick      # seed cases only
 *   npm run bench -- --web        # saved web pages only: the reader against the HTML path before it
 *   npm run bench -- --limit 120  # stop any run after 120 s (default 300)
 *   npm run bench -- --growth     # the growth table of pathological inputs only
 *   npm run bench -- --growth --shape 'a. '  # only the shapes whose name contains this text
 *
 * Cases run interleaved (round after round) so a burst of load on a shared
 * machine hits all of them alike; figures are medians. Articles of 1 and 8 MB are
 * generated at bench time into a temporary folder from ../shared/eval/cnndm-dev.jsonl
 * (kept there, never copied into the project). This prints numbers; it asserts nothing.
 *
 * The growth table: each pathological shape of scripts/lib/pathological.ts (the
 * hostile inputs of issue 17 and cmark's pathological cases) built at 10 KB,
 * 100 KB and 1 MB, in a fresh process each time after a warm-up build (so Node's
 * start is not in the figure), with t(10n)/t(n) beside its target of 12.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { bundle, BUNDLE_PATH } from './bundle.mjs';
import { GROWTH_SHAPES as SHAPES } from './lib/pathological.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(ROOT, 'content', 'isis-central-asia.txt');
const EVAL_SET = resolve(ROOT, '..', 'shared', 'eval', 'cnndm-dev.jsonl');
const LAUNCHER = join(ROOT, 'scripts', 'briefdeck.mjs');
const TIME = '/usr/bin/time';

/** One timed run: wall milliseconds, CPU milliseconds (user + system) and peak resident memory in MB (both when /usr/bin/time is there), and whether it exited 0. */
interface Sample {
  ms: number;
  cpuMs?: number;
  rssMb?: number;
  ok: boolean;
  /** Killed after the run time limit. */
  timedOut: boolean;
  stderr: string;
}

/** A command to measure, and what to do before each run (outside the timing). */
interface Case {
  id: string;
  label: string;
  command: string[];
  cwd?: string;
  before?: () => void;
  /** Runs of this case; default the --runs option. */
  runs?: number;
  /** The case whose median is this one's floor. */
  floor?: string;
  /** The target, for the table: wall seconds. */
  targetS?: number;
  samples: Sample[];
}

/** Whether coreutils `timeout` is there to stop a run. */
const HAS_TIMEOUT = spawnSync('sh', ['-c', 'command -v timeout']).status === 0;

/** No single run may take longer than this (the machine is shared); a run killed at the limit counts as the limit. */
let runLimitMs = 300_000;

function run(command: string[], cwd = ROOT): Sample {
  const useTime = existsSync(TIME);
  const timeFile = join(tmpdir(), `briefdeck-bench-time-${process.pid}`);
  // coreutils `timeout` kills the command's whole process group at the limit (the launcher and its capped child).
  const limited = HAS_TIMEOUT ? ['timeout', '-s', 'KILL', String(runLimitMs / 1000), ...command] : command;
  const argv = useTime ? [TIME, '-f', '%M %U %S', '-o', timeFile, ...limited] : limited;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: runLimitMs + 10_000, killSignal: 'SIGKILL' });
  // `timeout` exits 124, or 137 when the KILL reached it too; spawnSync's own limit is the fallback.
  const timedOut = result.signal === 'SIGKILL' || result.status === 124 || result.status === 137;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let rssMb: number | undefined;
  let cpuMs: number | undefined;
  if (useTime && existsSync(timeFile) && !timedOut) {
    // GNU time reports the largest resident set of the process and the children it waited for (KB), then user and system seconds.
    const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (Number.isFinite(kb)) rssMb = kb! / 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user! + system!) * 1000;
  }
  rmSync(timeFile, { force: true });
  return { ms, cpuMs, rssMb, ok: result.status === 0, timedOut, stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function which(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Paragraphs of about three sentences from an article given as one line of text. */
function paragraphsOf(text: string): string[] {
  const sentences = text.split(/(?<=[.!?]["”’]?)\s+(?=["“]?[A-Z])/u);
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(' '));
  return paragraphs;
}

/** At most `max` words of a sentence, as a bullet. */
function bulletOf(sentence: string, max = 20): string {
  const words = sentence.split(/\s+/);
  return words.length <= max ? sentence : `${words.slice(0, max).join(' ')}…`;
}

/**
 * A Markdown article of at least `bytes` bytes: a title and one `## ` section per
 * dev-set article, taken in order and round again as often as needed; and an
 * outline for it of the generated kind (a slide per section, three bullets and
 * their notes), without `article-sha256`, so a build keeps it as it is without
 * generating one (generating is what the other case measures). Deterministic.
 */
export function generateArticle(bytes: number): { article: string; outline: string } {
  const articles = readFileSync(EVAL_SET, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text.replace(/^\(CNN\)\s*/, ''));
  const title = `Benchmark report of ${bytes / 1048576} MB`;
  const parts = [`# ${title}\n`];
  const slides = [`---\ntitle: ${title}\n---\n\n## ${title} {.title}\n`];
  let size = Buffer.byteLength(parts[0]!);
  for (let i = 0; size < bytes; i += 1) {
    const text = articles[i % articles.length]!;
    const words = text.split(/\s+/).slice(0, 6).join(' ').replace(/[^\p{L}\p{N}' -]/gu, '');
    const heading = `${i + 1}. ${words}`;
    const paragraphs = paragraphsOf(text);
    const section = `## ${heading}\n\n${paragraphs.join('\n\n')}\n`;
    parts.push(section);
    size += Buffer.byteLength(section) + 1;
    const sentences = paragraphs.slice(0, 3).map((paragraph) => paragraph.split(/(?<=[.!?]["”’]?)\s+/u)[0]!);
    slides.push(`## ${heading}\n\n${sentences.map((sentence) => `- ${bulletOf(sentence)}`).join('\n')}\n\n::: notes\n${sentences.join('\n\n')}\n:::\n`);
  }
  return { article: parts.join('\n'), outline: slides.join('\n') };
}

/** Text made safe inside HTML. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A saved web page of at least `bytes` bytes, deterministic, from the dev set. `page`: shaped like a
 * real saved news page, whose weight is mostly not the story (inline CSS, a preloaded-state script,
 * SVG icons, navigation, teaser and related-story cards around a story of about 4,000 words);
 * `text`: the worst case for a reader, a story whose 1 MB is all paragraphs, headings and figures.
 */
export function generateSavedPage(bytes: number, kind: 'page' | 'text'): string {
  const articles = readFileSync(EVAL_SET, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text.replace(/^\(CNN\)\s*/, ''));
  const head = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Benchmark page | The Daily Ledger</title>', '<meta property="og:title" content="Benchmark page">', '<meta property="og:site_name" content="The Daily Ledger">'];
  const nav = `<header class="site-header"><nav><ul>${Array.from({ length: 200 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav></header>`;
  const story: string[] = ['<main><article class="story"><h1>Benchmark page</h1><p class="byline">By Bench Writer</p>'];
  const cards: string[] = [];
  let size = 0;
  const storyLimit = kind === 'page' ? 26_000 : Number.POSITIVE_INFINITY;
  let storySize = 0;
  for (let i = 0; size < bytes; i += 1) {
    const text = articles[i % articles.length]!;
    if (storySize < storyLimit) {
      const part = `<h2>Part ${i + 1}</h2>${paragraphsOf(text).map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<figure><img src="page_files/photo-${i}.jpg" alt="Photo ${i}"><figcaption>Caption ${i}. Credit: Bench Photos</figcaption></figure><div class="share-tools"><a href="#">Share</a><a href="#">Email</a></div>`;
      story.push(part);
      storySize += part.length;
      size += part.length;
      continue;
    }
    // Beyond the story: cards of other stories, SVG icons, CSS and a state script, as saved pages carry.
    const card = `<article class="card"><a href="/story/${i}"><h3>${escapeHtml(text.split(/\s+/).slice(0, 9).join(' '))}</h3></a><p>${escapeHtml(text.split(/\s+/).slice(9, 30).join(' '))}</p></article>`;
    const icon = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M${i % 24} 2L${(i * 7) % 24} 22L2 ${(i * 3) % 24}Z M4 4h16v16H4z"></path></svg>`;
    const css = `.c${i}{margin:${i % 9}px;padding:${i % 5}px;color:#${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}}`;
    const state = JSON.stringify({ id: i, headline: text.slice(0, 80), url: `/story/${i}`, tags: ['news', 'world'] });
    cards.push(card + icon);
    head.push(`<style>${css}</style><script>window.__state${i}=${state};</script>`);
    size += card.length + icon.length + css.length + state.length + 40;
  }
  story.push('</article></main>');
  return `${head.join('')}</head><body>${nav}<section class="top">${cards.slice(0, 20).join('')}</section>${story.join('')}<aside class="related">${cards.slice(20).join('')}</aside><footer><p>© The Daily Ledger</p></footer></body></html>`;
}

/**
 * Two bundled scripts that read a saved page into mdast from a cold start: `old`, the HTML path before
 * the reader (rehype-parse, the first article/main/body without nav, header, footer and aside,
 * rehype-remark), and `reader`, today's (src/ingest/html-reader.ts). They go in lib/ (git-ignored)
 * so the reader finds its DOM library in node_modules as the CLI does.
 */
async function makeHtmlReaders(): Promise<{ old: string; reader: string }> {
  const old = join(ROOT, 'lib', 'bench-old-html-path.mjs');
  const reader = join(ROOT, 'lib', 'bench-html-reader.mjs');
  const oldEntry = [
    "import { readFileSync } from 'node:fs';",
    "import rehypeParse from 'rehype-parse';",
    "import rehypeRemark from 'rehype-remark';",
    "import { unified } from 'unified';",
    "const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form', 'script', 'style', 'noscript', 'template', 'iframe', 'button', 'dialog', 'base']);",
    'const find = (node, name) => { for (const child of node.children ?? []) { if (child.type !== "element") continue; if (child.tagName === name) return child; const found = find(child, name); if (found) return found; } };',
    'const strip = (node) => { node.children = node.children.filter((c) => c.type !== "element" || !CHROME.has(c.tagName)); for (const c of node.children) if (c.type === "element") strip(c); };',
    'const body = () => (tree) => { const b = find(tree, "article") ?? find(tree, "main") ?? find(tree, "body") ?? tree; strip(b); tree.children = b.children; };',
    'const processor = unified().use(rehypeParse).use(body).use(rehypeRemark);',
    'const mdast = processor.runSync(processor.parse(readFileSync(process.argv[2], "utf8")));',
    'if (mdast.children.length === 0) process.exitCode = 1;',
  ].join('\n');
  const readerEntry = [
    "import { readFileSync } from 'node:fs';",
    "import { VFile } from 'vfile';",
    `import { readHtmlPage } from ${JSON.stringify(join(ROOT, 'src', 'ingest', 'html-reader.ts'))};`,
    'const { tree } = readHtmlPage(new VFile({ path: process.argv[2], value: readFileSync(process.argv[2], "utf8") }));',
    'if (tree.children.length === 0) process.exitCode = 1;',
  ].join('\n');
  for (const [contents, outfile] of [[oldEntry, old], [readerEntry, reader]] as const) {
    await esbuild({ stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' }, outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', external: ['linkedom', '@mozilla/readability'] });
  }
  return { old, reader };
}

/** The floor: a bundled script that starts Node, reads the file and parses it with remark-parse. */
async function makeFloor(dir: string): Promise<string> {
  const entry = join(dir, 'floor-entry.mjs');
  const outfile = join(dir, 'floor.mjs');
  writeFileSync(
    entry,
    [
      "import { readFileSync } from 'node:fs';",
      "import remarkParse from 'remark-parse';",
      "import { unified } from 'unified';",
      'const tree = unified().use(remarkParse).parse(readFileSync(process.argv[2], "utf8"));',
      'if (tree.children.length === 0) process.exitCode = 1;',
    ].join('\n'),
  );
  await esbuild({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', nodePaths: [join(ROOT, 'node_modules')], logLevel: 'warning' });
  return outfile;
}

function pdfSupported(): boolean {
  const help = spawnSync(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT, encoding: 'utf8' });
  return help.stdout.includes('--pdf');
}

function fmtS(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : (ms / 1000).toFixed(3);
}

/** The sizes of the growth table, in bytes: 10 KB, 100 KB, 1 MB. */
const GROWTH_SIZES = [10_000, 100_000, 1_000_000];
/** The target of t(10n) / t(n) for every shape (linear time with room for noise and cache effects). */
const GROWTH_TARGET = 12;
/** Below this a time is mostly noise (a refusal in 4 ms or 9 ms says nothing of growth): ratios use at least this. */
const GROWTH_NOISE_MS = 20;

/** One build of a shape at a size, timed inside a fresh process (scripts/bench-growth-run.ts); undefined when it hit the run limit. */
function growthRun(shape: string, bytes: number, dir: string): { ms?: number; cpuMs?: number; outcome: string } {
  const runner = join(ROOT, 'scripts', 'bench-growth-run.ts');
  const tsx = ['--require', join(ROOT, 'node_modules', 'tsx', 'dist', 'preflight.cjs'), '--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href];
  const work = mkdtempSync(join(dir, 'growth-'));
  try {
    const result = spawnSync(process.execPath, [...tsx, runner, shape, String(bytes), work], { cwd: ROOT, encoding: 'utf8', timeout: runLimitMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
    if (result.signal === 'SIGKILL') return { outcome: `stopped at the ${runLimitMs / 1000} s limit` };
    const line = (result.stdout ?? '').trim().split('\n').pop() ?? '';
    try {
      return JSON.parse(line) as { ms: number; cpuMs?: number; outcome: string };
    } catch {
      return { outcome: `failed: ${(result.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}` };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The growth table: every shape at every size, `runs` times in turns, medians and their ratios. */
function growthTable(runs: number, dir: string, shapes = SHAPES): string[] {
  const samples = new Map<string, number[]>();
  const cpuSamples = new Map<string, number[]>();
  const outcomes = new Map<string, string>();
  const stopped = new Set<string>();
  for (let round = 0; round < runs; round += 1) {
    process.stderr.write(`growth round ${round + 1}/${runs}\n`);
    for (const shape of shapes) {
      for (const bytes of GROWTH_SIZES) {
        const key = `${shape.name}\0${bytes}`;
        // A size that reached the limit once is not run again; neither is a larger one.
        if (GROWTH_SIZES.some((size) => size <= bytes && stopped.has(`${shape.name}\0${size}`))) continue;
        const { ms, cpuMs, outcome } = growthRun(shape.name, bytes, dir);
        outcomes.set(key, outcome);
        if (ms === undefined) {
          stopped.add(key);
          if (outcome.startsWith('failed')) process.stderr.write(`${shape.name} at ${bytes} bytes ${outcome}\n`);
          continue;
        }
        samples.set(key, [...(samples.get(key) ?? []), ms]);
        if (cpuMs !== undefined) cpuSamples.set(key, [...(cpuSamples.get(key) ?? []), cpuMs]);
      }
    }
  }
  const sizeName = (bytes: number) => (bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} KB`);
  const header = ['shape (format)', ...GROWTH_SIZES.map((bytes) => `${sizeName(bytes)} s`), 't(100K)/t(10K)', 't(1M)/t(100K)', ...GROWTH_SIZES.map((bytes) => `${sizeName(bytes)} CPU s`), 'CPU 100K/10K', 'CPU 1M/100K', 'target', 'at 1 MB'];
  const rows = shapes.map((shape) => {
    const times = GROWTH_SIZES.map((bytes) => {
      const key = `${shape.name}\0${bytes}`;
      if (stopped.has(key) || GROWTH_SIZES.some((size) => size < bytes && stopped.has(`${shape.name}\0${size}`))) return undefined;
      const values = samples.get(key);
      return values && values.length > 0 ? median(values) : undefined;
    });
    const ratio = (small: number | undefined, large: number | undefined, largeKey: string) => {
      if (small === undefined) return 'n/a';
      if (large === undefined) return stopped.has(largeKey) ? `> ${(runLimitMs / Math.max(small, GROWTH_NOISE_MS)).toFixed(1)}` : 'n/a';
      return (large / Math.max(small, GROWTH_NOISE_MS)).toFixed(1);
    };
    const cpuTimes = GROWTH_SIZES.map((bytes, index) => {
      const values = cpuSamples.get(`${shape.name}\0${bytes}`);
      return times[index] !== undefined && values && values.length > 0 ? median(values) : undefined;
    });
    const last = outcomes.get(`${shape.name}\0${GROWTH_SIZES.at(-1)}`) ?? '';
    const summary = last.startsWith('refused') ? `refused: ${/(Unexpected [^,:(]*|larger than[^:]*|[^:]*limit[^:]*)/.exec(last.replace(/^refused: \S+: /, ''))?.[0]?.trim() ?? 'one placed line'}` : last;
    return [
      `${shape.name} (${shape.format})`,
      ...times.map((ms, index) => (ms === undefined ? (stopped.has(`${shape.name}\0${GROWTH_SIZES[index]}`) ? `> ${runLimitMs / 1000}` : 'n/a') : (ms / 1000).toFixed(3))),
      ratio(times[0], times[1], `${shape.name}\0${GROWTH_SIZES[1]}`),
      ratio(times[1], times[2], `${shape.name}\0${GROWTH_SIZES[2]}`),
      ...cpuTimes.map((ms) => (ms === undefined ? 'n/a' : (ms / 1000).toFixed(3))),
      ratio(cpuTimes[0], cpuTimes[1], `${shape.name}\0${GROWTH_SIZES[1]}`),
      ratio(cpuTimes[1], cpuTimes[2], `${shape.name}\0${GROWTH_SIZES[2]}`),
      `<= ${GROWTH_TARGET}`,
      summary.length > 60 ? `${summary.slice(0, 57)}...` : summary,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const over = rows.filter((row) => [row[4], row[5], row[9], row[10]].some((cell) => cell !== undefined && cell !== 'n/a' && Number.parseFloat(cell.replace('> ', '')) > GROWTH_TARGET)).map((row) => row[0]);
  return [
    `Growth on pathological inputs: one build each (read, parse, outline, fit, render, write), timed in a fresh process after a warm-up build; medians of ${runs} runs; ratios take times under ${GROWTH_NOISE_MS} ms as ${GROWTH_NOISE_MS} ms. Wall and CPU time (user + system of the build's process): on a loaded machine the CPU ratios are the ones to read.`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    over.length === 0 ? `every shape within t(10n)/t(n) <= ${GROWTH_TARGET}` : `over the target: ${over.join(', ')}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, quick: { type: 'boolean' }, web: { type: 'boolean' }, growth: { type: 'boolean' }, shape: { type: 'string' }, limit: { type: 'string' } } });
  const runs = Math.max(1, Number(values.runs ?? 7));
  if (values.limit !== undefined) runLimitMs = Number(values.limit) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-bench-'));
  // Interrupted, it still removes its generated articles (8 MB and more).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const node = process.execPath;
  if (values.growth) {
    try {
      const shapes = SHAPES.filter((shape) => values.shape === undefined || shape.name.includes(values.shape));
      if (shapes.length === 0) throw new Error(`no shape's name contains ${JSON.stringify(values.shape)} (shapes: ${SHAPES.map((shape) => shape.name).join(', ')})`);
      process.stdout.write(`${growthTable(Math.min(runs, 3), dir, shapes).join('\n')}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    process.stderr.write(`bundling ${BUNDLE_PATH} ...\n`);
    await bundle();
    const floor = await makeFloor(dir);

    const seed = join(dir, 'seed', 'isis-central-asia.txt');
    const seedGen = join(dir, 'seed-gen', 'isis-central-asia.txt');
    const seedGenOutline = join(dir, 'seed-gen', 'isis-central-asia.outline.md');
    for (const path of [seed, seedGen]) {
      spawnSync('mkdir', ['-p', dirname(path)]);
      copyFileSync(SEED, path);
    }
    const out = join(dir, 'dist');
    const cli = (article: string, ...flags: string[]) => [node, LAUNCHER, article, '--out', out, ...flags];
    // Warm-up: writes the kept outline and the bundle's V8 code cache.
    const warm = run(cli(seed));
    if (!warm.ok) throw new Error(`the seed build failed:\n${warm.stderr}`);

    const cases: Case[] = [
      { id: 'node', label: 'node -e 0 (Node start alone)', command: [node, '-e', '0'], samples: [] },
      { id: 'floor-seed', label: 'floor: remark-parse seed article', command: [node, floor, SEED], samples: [] },
      { id: 'seed-kept', label: 'seed deck, outline kept', command: cli(seed), floor: 'floor-seed', targetS: 0.25, samples: [] },
      {
        id: 'seed-gen',
        label: 'seed deck, outline generated',
        command: cli(seedGen),
        before: () => rmSync(seedGenOutline, { force: true }),
        floor: 'floor-seed',
        targetS: 0.25,
        samples: [],
      },
    ];

    // The way before the bundle, for reference: tsx transpiling at every run, and npm's own start on top.
    cases.push({ id: 'seed-tsx', label: 'seed deck, outline kept, via npx tsx build.ts', command: ['npx', 'tsx', 'build.ts', seed, '--out', out], runs: Math.min(runs, 3), floor: 'floor-seed', samples: [] });
    cases.push({ id: 'seed-npm', label: 'seed deck, outline kept, via npm run build', command: ['npm', 'run', '--silent', 'build', '--', seed, '--out', out], runs: Math.min(runs, 3), floor: 'floor-seed', samples: [] });

    // A folder of 20 articles, outline generated: built in parallel (worker threads, one per core) and one by one.
    if (!values.web) {
      const folder = join(dir, 'folder-20');
      mkdirSync(folder, { recursive: true });
      const texts = existsSync(EVAL_SET)
        ? readFileSync(EVAL_SET, 'utf8').split('\n').filter(Boolean).slice(0, 19).map((line) => (JSON.parse(line) as { text: string }).text)
        : [];
      writeFileSync(join(folder, 'article-00.txt'), readFileSync(SEED, 'utf8'));
      for (let index = 1; index < 20; index += 1) writeFileSync(join(folder, `article-${String(index).padStart(2, '0')}.txt`), texts[index - 1] ?? readFileSync(SEED, 'utf8'));
      const fresh = () => {
        for (const name of readdirSync(folder)) if (name.endsWith('.outline.md')) rmSync(join(folder, name), { force: true });
        rmSync(join(folder, '.briefdeck'), { recursive: true, force: true });
      };
      const cores = availableParallelism();
      cases.push({ id: 'folder-serial', label: '20 articles one by one (--jobs 1)', command: cli(folder, '--jobs', '1'), before: fresh, runs: Math.min(runs, 3), samples: [] });
      cases.push({ id: 'folder-parallel', label: `20 articles in parallel (${cores} worker threads)`, command: cli(folder, '--jobs', String(cores)), before: fresh, runs: Math.min(runs, 3), floor: 'folder-serial', samples: [] });
    }

    const pandoc = which('pandoc');
    if (!values.quick && !values.web) {
      for (const [name, bytes, caseRuns] of [['1mb', 1 << 20, runs], ['8mb', 8 << 20, Math.min(runs, 3)]] as const) {
        const article = join(dir, name, `report-${name}.md`);
        spawnSync('mkdir', ['-p', dirname(article)]);
        const generated = generateArticle(bytes);
        writeFileSync(article, generated.article);
        const outline = join(dir, name, `report-${name}.outline.md`);
        // The kept case builds another copy of the article, beside the outline written for it.
        const keptArticle = join(dir, `${name}-kept`, `report-${name}.md`);
        spawnSync('mkdir', ['-p', dirname(keptArticle)]);
        writeFileSync(keptArticle, generated.article);
        writeFileSync(join(dir, `${name}-kept`, `report-${name}.outline.md`), generated.outline);
        const size = (statSync(article).size / 1048576).toFixed(2);
        cases.push({ id: `floor-${name}`, label: `floor: remark-parse ${size} MB`, command: [node, floor, article], runs: caseRuns, samples: [] });
        cases.push({
          id: `${name}-gen`,
          label: `${size} MB article, outline generated`,
          command: cli(article),
          before: () => rmSync(outline, { force: true }),
          runs: caseRuns,
          floor: `floor-${name}`,
          targetS: name === '1mb' ? 0.6 : undefined,
          samples: [],
        });
        cases.push({ id: `${name}-kept`, label: `${size} MB article, outline kept`, command: cli(keptArticle), runs: caseRuns, floor: `floor-${name}`, samples: [] });
        if (pandoc) {
          cases.push({ id: `pandoc-${name}`, label: `pandoc -t revealjs ${size} MB`, command: [pandoc, '-f', 'markdown', '-t', 'revealjs', '-s', '-o', join(dir, `pandoc-${name}.html`), article], runs: caseRuns, floor: `floor-${name}`, samples: [] });
        }
      }
    }

    // Saved web pages: the reader against the HTML path before it, and a whole build of the page.
    if (!values.quick) {
      const readers = await makeHtmlReaders();
      for (const kind of ['page', 'text'] as const) {
        const page = join(dir, `saved-${kind}`, `saved-${kind}.html`);
        spawnSync('mkdir', ['-p', dirname(page)]);
        writeFileSync(page, generateSavedPage(1 << 20, kind));
        const size = (statSync(page).size / 1048576).toFixed(2);
        const what = kind === 'page' ? 'saved news page' : 'page of all story text';
        cases.push({ id: `html-old-${kind}`, label: `floor: HTML path before the reader, ${size} MB ${what}`, command: [node, readers.old, page], samples: [] });
        cases.push({ id: `html-reader-${kind}`, label: `reader (linkedom + Readability), ${size} MB ${what}`, command: [node, readers.reader, page], floor: `html-old-${kind}`, samples: [] });
        const built = join(dir, `saved-${kind}`, `saved-${kind}.outline.md`);
        cases.push({ id: `html-build-${kind}`, label: `${size} MB ${what}, outline generated`, command: cli(page), before: () => rmSync(built, { force: true }), samples: [] });
      }
    }

    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
    const pdf = pdfSupported();
    if (chromium) {
      const deck = join(out, 'isis-central-asia', 'index.html');
      cases.push({
        id: 'floor-pdf',
        label: 'floor: chromium --print-to-pdf seed deck',
        command: [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--print-to-pdf=${join(dir, 'floor.pdf')}`, `file://${deck}`],
        runs: Math.min(runs, 5),
        samples: [],
      });
    }
    if (pdf) {
      cases.push({ id: 'seed-pdf', label: 'seed deck + PDF (--pdf)', command: cli(seed, '--pdf'), runs: Math.min(runs, 5), floor: chromium ? 'floor-pdf' : undefined, targetS: 2.5, samples: [] });
    }

    if (pandoc) {
      cases.push({ id: 'pandoc-seed', label: 'pandoc -t revealjs seed article', command: [pandoc, '-f', 'markdown', '-t', 'revealjs', '-s', '-o', join(dir, 'pandoc.html'), SEED], floor: 'floor-seed', samples: [] });
    }

    // --web: the saved-page cases only (and Node's start).
    if (values.web) cases.splice(0, cases.length, ...cases.filter((c) => c.id === 'node' || c.id.startsWith('html-')));
    const rounds = Math.max(...cases.map((c) => c.runs ?? runs));
    for (let round = 0; round < rounds; round += 1) {
      process.stderr.write(`round ${round + 1}/${rounds}\n`);
      for (const c of cases) {
        if (round >= (c.runs ?? runs)) continue;
        c.before?.();
        let sample = run(c.command, c.cwd);
        // A source edited meanwhile (others work in this tree) makes the launcher rebundle: not a build's cost, run again.
        if (sample.stderr.includes('briefdeck: rebuilt')) sample = run(c.command, c.cwd);
        if (sample.timedOut) process.stderr.write(`${c.label}: stopped at the ${runLimitMs / 1000} s limit\n`);
        else if (!sample.ok) process.stderr.write(`${c.label} failed:\n${sample.stderr}\n`);
        // One run at the limit says enough; more would only load the shared machine.
        if (sample.timedOut) c.runs = round + 1;
        c.samples.push(sample);
      }
    }

    const byId = new Map(cases.map((c) => [c.id, c]));
    const medianMs = (c: Case | undefined) => (c && c.samples.length > 0 ? median(c.samples.map((s) => s.ms)) : undefined);
    const medianCpu = (c: Case | undefined) => {
      const values = (c?.samples ?? []).map((s) => s.cpuMs).filter((v): v is number => v !== undefined);
      return values.length > 0 ? median(values) : undefined;
    };
    const rows = cases.map((c) => {
      const ms = medianMs(c);
      const rss = c.samples.map((s) => s.rssMb).filter((v): v is number => v !== undefined);
      const floorMs = medianMs(c.floor ? byId.get(c.floor) : undefined);
      const cpu = medianCpu(c);
      const floorCpu = medianCpu(c.floor ? byId.get(c.floor) : undefined);
      const failed = c.samples.filter((s) => !s.ok && !s.timedOut).length;
      const timedOut = c.samples.some((s) => s.timedOut);
      return [
        c.label + (failed > 0 ? ` (${failed} failed)` : ''),
        String(c.samples.length),
        timedOut ? `> ${runLimitMs / 1000}` : fmtS(ms),
        fmtS(cpu),
        rss.length > 0 ? Math.max(...rss).toFixed(0) : 'n/a',
        c.targetS === undefined ? '' : `<= ${c.targetS}`,
        ms !== undefined && floorMs !== undefined ? `${timedOut ? '> ' : ''}${((timedOut ? runLimitMs : ms) / floorMs).toFixed(2)}x` : '',
        cpu !== undefined && floorCpu !== undefined && !timedOut ? `${(cpu / floorCpu).toFixed(2)}x` : '',
      ];
    });
    if (!pdf) rows.push(['seed deck + PDF (--pdf)', '0', 'n/a', 'n/a', 'n/a', '<= 2.5', 'n/a: the CLI has no --pdf yet', '']);
    if (!pandoc) rows.push(['pandoc -t revealjs (seed, 1 MB, 8 MB)', '0', 'n/a', 'n/a', 'n/a', '', 'n/a: pandoc not installed', '']);
    const header = ['case', 'runs', 'wall s', 'cpu s', 'peak RSS MB', 'target s', 'wall vs floor', 'cpu vs floor'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
    const lines = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
    const t1 = medianMs(byId.get('1mb-gen'));
    const t8 = medianMs(byId.get('8mb-gen'));
    const c1 = medianCpu(byId.get('1mb-gen'));
    const c8 = medianCpu(byId.get('8mb-gen'));
    const anyTimedOut = (id: string) => byId.get(id)?.samples.some((sample) => sample.timedOut) ?? false;
    if (anyTimedOut('1mb-gen') || anyTimedOut('8mb-gen')) lines.push('', 't(8 MB) / t(1 MB), outline generated: n/a (a run reached the time limit)');
    else if (t1 !== undefined && t8 !== undefined) lines.push('', `t(8 MB) / t(1 MB), outline generated: wall ${(t8 / t1).toFixed(2)}, cpu ${c1 && c8 ? (c8 / c1).toFixed(2) : 'n/a'} (target <= 9)`);
    const k1 = medianMs(byId.get('1mb-kept'));
    const k8 = medianMs(byId.get('8mb-kept'));
    if (k1 !== undefined && k8 !== undefined) lines.push(`t(8 MB) / t(1 MB), outline kept: wall ${(k8 / k1).toFixed(2)}`);
    for (const kind of ['page', 'text'] as const) {
      const before = medianMs(byId.get(`html-old-${kind}`));
      const after = medianMs(byId.get(`html-reader-${kind}`));
      const beforeCpu = medianCpu(byId.get(`html-old-${kind}`));
      const afterCpu = medianCpu(byId.get(`html-reader-${kind}`));
      if (before !== undefined && after !== undefined) {
        lines.push(`reader over the HTML path before it, 1 MB ${kind === 'page' ? 'saved news page' : 'page of all story text'}: wall ${((after - before) / 1000).toFixed(3)} s, cpu ${beforeCpu !== undefined && afterCpu !== undefined ? ((afterCpu - beforeCpu) / 1000).toFixed(3) : 'n/a'} s (target <= 0.3 s)`);
      }
    }
    lines.push('wall: median elapsed time; cpu: median user + system time (steadier on a shared machine); RSS: largest over the runs.');
    // The growth table after the main one, in the same run (not with --quick or --web: it takes minutes).
    if (!values.quick && !values.web) lines.push('', ...growthTable(Math.min(runs, 3), dir));
    lines.push(`node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')} at the end`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
