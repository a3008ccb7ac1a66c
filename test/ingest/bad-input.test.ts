/**
 * Bad input through the real CLI: every broken or odd article gets a deck or one
 * `file:line:column` error line (never a stack trace), and a failed build leaves
 * no file behind.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_HEADINGS, MAX_NESTING } from '../../src/ingest/input-limits.ts';
import { LAUNCHER } from '../helpers/cli.ts';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI (the package's `bin`) with `args` in `cwd`, as a user would; killed after `timeout` ms. */
function runCli(args: string[], cwd: string, timeout = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      timeout,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-bad-input-'));
  workspaces.push(dir);
  return dir;
}

/** Every file below `dir`, relative, sorted. */
function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** The text a person sees in a deck (slides and notes). */
function deckText(html: string): string {
  return toText(unified().use(rehypeParse).parse(html) as Root);
}

/** The checks every run shares: no stack trace, no internal error, no temporary file left. */
function expectCleanRun(run: CliRun, dir: string) {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/internal error|Error:|TypeError|RangeError/);
  expect(run.code).not.toBe(70);
  expect(filesIn(dir).filter((file) => /\.tmp-/.test(file))).toEqual([]);
}

/** A failed build: exit 1, one `error:` line, and the folder holds exactly what it held before. */
function expectRefused(run: CliRun, dir: string, before: string[]) {
  expectCleanRun(run, dir);
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stdout).toBe('');
  expect(filesIn(dir)).toEqual(before);
}

/** A successful build of `article`: exit 0, an outline and a whole deck; returns what the deck shows. */
function expectBuilt(run: CliRun, dir: string, article: string): { text: string; outline: string } {
  expectCleanRun(run, dir);
  expect(run.stderr).not.toMatch(/^error:/m);
  expect(run.code).toBe(0);
  const name = article.replace(/\.[^.]+$/, '');
  const html = readFileSync(join(dir, 'out', name, 'index.html'), 'utf8');
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  return { text: deckText(html), outline: readFileSync(join(dir, `${name}.outline.md`), 'utf8') };
}

interface Expected {
  exitCode: number;
  stderr?: string;
  stderrMatches?: string;
  stderrIncludes?: string[];
  contains?: string[];
  absent?: string[];
  outlineContains?: string[];
}

const cases = readdirSync(FIXTURES).filter((name) => name.startsWith('bad-input-'));

describe('bad input through the CLI (fixtures)', () => {
  it('should have the fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of cases) {
    it(`should give a clear answer for ${name.slice('bad-input-'.length)}`, async () => {
      const dir = workspace();
      const article = readdirSync(join(FIXTURES, name)).find((file) => file !== 'expected.json')!;
      cpSync(join(FIXTURES, name, article), join(dir, article));
      const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
      const before = filesIn(dir);
      const run = await runCli([article, '--out', 'out'], dir);
      if (expected.exitCode === 1) {
        expectRefused(run, dir, before);
        if (expected.stderr !== undefined) expect(run.stderr.trimEnd()).toBe(expected.stderr);
        if (expected.stderrMatches !== undefined) expect(run.stderr).toMatch(new RegExp(expected.stderrMatches));
        return;
      }
      const { text, outline } = expectBuilt(run, dir, article);
      for (const line of expected.stderrIncludes ?? []) expect(run.stderr).toContain(line);
      for (const snippet of expected.contains ?? []) expect(text).toContain(snippet);
      for (const snippet of expected.absent ?? []) expect(text).not.toContain(snippet);
      for (const snippet of expected.outlineContains ?? []) expect(outline).toContain(snippet);
    });
  }
});

/** Deterministic filler prose: `count` sentences of 8-20 words. */
function sentences(count: number, seed = 1): string[] {
  const words = 'the council said its budget would move schools north after talks failed and officials expected more protests in every district'.split(' ');
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: count }, () => {
    const length = 8 + Math.floor(next() * 13);
    const sentence = Array.from({ length }, () => words[Math.floor(next() * words.length)]!).join(' ');
    return sentence[0]!.toUpperCase() + sentence.slice(1) + '.';
  });
}

describe('bad input through the CLI (generated)', () => {
  it('should refuse an article over the size cap without reading it into a deck', async () => {
    const dir = workspace();
    // 20 MB and one byte: the cap is MAX_ARTICLE_BYTES (20 MiB).
    writeFileSync(join(dir, 'huge.md'), Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    const before = filesIn(dir);
    const run = await runCli(['huge.md', '--out', 'out'], dir);
    expectRefused(run, dir, before);
    expect(run.stderr.trimEnd()).toBe('error: huge.md: article is 20.0 MB, larger than the 20 MB limit');
  });

  it('should refuse a missing file, a folder and a FIFO without hanging', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'folder.md'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const before = filesIn(dir);
    const missing = await runCli(['missing.md', '--out', 'out'], dir);
    expectRefused(missing, dir, before);
    expect(missing.stderr.trimEnd()).toBe('error: missing.md: no such file');
    const folder = await runCli(['folder.md', '--out', 'out'], dir);
    expectRefused(folder, dir, before);
    // A folder builds every article in it; this one has none.
    expect(folder.stderr.trimEnd()).toBe('error: folder.md: a folder with no articles (.md .markdown .mdown .txt .text .html .htm) in it');
    // A FIFO nobody writes to would block a plain readFile forever.
    const fifo = await runCli(['pipe.md', '--out', 'out'], dir, 30_000);
    expect(fifo.code).not.toBeNull();
    expectRefused(fifo, dir, before);
    expect(fifo.stderr.trimEnd()).toBe('error: pipe.md: is not a regular file, expected a text file');
  });

  // Up to the heading limit (MAX_HEADINGS, each a slide); past it the article is refused in one line (test/cli/many-sections.test.ts).
  it(`should build an article of ${HEAVY ? (MAX_HEADINGS - 1).toLocaleString('en-US') : '1,000'} sections`, async () => {
    const dir = workspace();
    const count = HEAVY ? MAX_HEADINGS - 1 : 1_000;
    const body = sentences(count).map((sentence, index) => `## Section ${index + 1}\n\n${sentence}\n`);
    writeFileSync(join(dir, 'sections.md'), `# Many sections\n\n${body.join('\n')}`);
    const run = await runCli(['sections.md', '--out', 'out'], dir, 300_000);
    const { text } = expectBuilt(run, dir, 'sections.md');
    expect(text).toContain(`Section ${count}`);
  }, 320_000);

  it('should build a 5,000-word paragraph and a 2,000-character sentence', async () => {
    const dir = workspace();
    const paragraph: string[] = [];
    let words = 0;
    for (const sentence of sentences(1000, 7)) {
      if (words >= 5000) break;
      paragraph.push(sentence);
      words += sentence.split(' ').length;
    }
    const long = sentences(200, 3).map((s) => s.slice(0, -1)).join(', ').slice(0, 2000).replace(/[ ,]+\w*$/, '') + '.';
    expect(long.length).toBeGreaterThan(1900);
    writeFileSync(join(dir, 'long.md'), `# Long text\n\n## One paragraph\n\n${paragraph.join(' ')}\n\n## One sentence\n\n${long}\n`);
    const run = await runCli(['long.md', '--out', 'out'], dir);
    const { text, outline } = expectBuilt(run, dir, 'long.md');
    expect(text).toContain('One sentence');
    // The long sentence is in the speaker notes whole, and a bullet points back at it.
    // (How short that bullet gets is the compressor's business: test/compress.test.ts.)
    expect(text).toContain(long);
    expect(outline.split('\n').some((line) => line.startsWith('- ') && line.endsWith('{@9:1}'))).toBe(true);
  });

  it('should build lists and quotes nested to the limit, and refuse deeper nesting at its line', async () => {
    const dir = workspace();
    const list = Array.from({ length: MAX_NESTING }, (_, level) => `${'  '.repeat(level)}- Item at level ${level + 1} is prose.`).join('\n');
    const quote = `${'> '.repeat(MAX_NESTING)}A quote nested ${MAX_NESTING} deep is prose too.`;
    writeFileSync(join(dir, 'nested.md'), `# Nesting\n\n## Lists\n\n${list}\n\n## Quotes\n\n${quote}\n`);
    const { text } = expectBuilt(await runCli(['nested.md', '--out', 'out'], dir), dir, 'nested.md');
    expect(text).toContain(`A quote nested ${MAX_NESTING} deep is prose too.`);

    // cmark's pathological depth: 1,000 levels, refused in one line that names the line.
    const deeper = workspace();
    writeFileSync(join(deeper, 'deep.md'), `# Nesting\n\nProse first.\n\n${'> '.repeat(1000)}a\n`);
    const before = filesIn(deeper);
    const run = await runCli(['deep.md', '--out', 'out'], deeper);
    expectRefused(run, deeper, before);
    expect(run.stderr.trimEnd()).toBe(`error: deep.md:5:1: Unexpected nesting 1000 levels deep (quotes, lists or indentation), expected at most ${MAX_NESTING}: flatten it, or build the article as plain text with \`--format txt\``);
  });

  it('should print terminal escape sequences and line breaks from an article as visible \\u escapes, one line per message', async () => {
    const dir = workspace();
    // An empty section whose heading clears the screen and sets the window title, if printed raw.
    writeFileSync(join(dir, 'escape.md'), `# Budget\n\n## Clear \u001b[2J\u001b]0;pwned\u0007 now\n\n## Reaction\n\n${sentences(3).join(' ')}\n`);
    const run = await runCli(['escape.md', '--out', 'out'], dir);
    expectBuilt(run, dir, 'escape.md');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stderr).toContain('escape.md:3:1: Unexpected empty section `Clear \\u001b[2J\\u001b]0;pwned\\u0007 now`');
  });

  it('should stop at a broken outline file with its line, and leave the outline and the old deck alone', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.md'), `# Budget\n\n${sentences(6).join(' ')}\n`);
    expectBuilt(await runCli(['a.md', '--out', 'out'], dir), dir, 'a.md');
    const deck = readFileSync(join(dir, 'out', 'a', 'index.html'));
    const broken = `${readFileSync(join(dir, 'a.outline.md'), 'utf8')}\n::: notes\nnever closed\n`;
    writeFileSync(join(dir, 'a.outline.md'), broken);
    const before = filesIn(dir);
    const run = await runCli(['a.md', '--out', 'out'], dir);
    expectRefused(run, dir, before);
    expect(run.stderr).toMatch(/^error: a\.outline\.md:\d+:\d+: /);
    expect(readFileSync(join(dir, 'a.outline.md'), 'utf8')).toBe(broken);
    expect(readFileSync(join(dir, 'out', 'a', 'index.html'))).toEqual(deck);
    expect(existsSync(join(dir, 'out', 'a', 'assets', 'reveal.js'))).toBe(true);
  });
});
