/**
 * The command line's contract, run in process through `main(argv, io)`: each bad
 * usage gets one line in our words and exit code 2, bad input exit code 1, and
 * the options users know from other tools (-o, -v, -h, `-`, folders) work.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain, seedWorkspace, type CliResult } from '../helpers/cli.ts';

/** One line on stderr, no stack trace, nothing written. */
function expectOneLine(result: CliResult, status: number, pattern: RegExp, dir: string): void {
  expect(result.stderr.trimEnd()).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(result.status).toBe(status);
  expect(existsSync(join(dir, 'dist'))).toBe(false);
}

describe('bad usage: one line, exit code 2', () => {
  it.each([
    ['an unknown option', ['--bogus'], /^error: unknown option `--bogus` \(briefdeck --help shows the usage\)$/],
    ['a mistyped option', ['--ouut', 'x'], /unknown option `--ouut`; did you mean --out\?/],
    ['an unknown short option', ['-x'], /unknown option `-x`/],
    ['a bad handout paper, naming the valid ones', ['--handout', 'a3', 'content/isis-central-asia.txt'], /--handout expects a4 or letter, not `a3`/],
    ['a bad handout paper given with =', ['--handout=legal'], /--handout expects a4 or letter, not `legal`/],
    ['a negative number', ['--minutes', '-5'], /--minutes expects a number from 1 to 600, not `-5`/],
    ['a non-numeric number', ['--key-points', 'three'], /--key-points expects a whole number from 1 to 10, not `three`/],
    ['a fraction where a whole number is needed', ['--key-points=2.5'], /--key-points expects a whole number from 1 to 10, not `2.5`/],
    ['a zero', ['--key-points', '0'], /--key-points expects a whole number from 1 to 10, not `0`/],
    ['a number with trailing letters', ['--minutes', '10min'], /--minutes expects a number from 1 to 600, not `10min`/],
    ['an unknown theme', ['--theme', 'neon'], /--theme expects light, dark, contrast, contrast-light, serif or dracula, not `neon`/],
    ['an unknown format', ['--format', 'docx'], /--format expects md, txt or html, not `docx`/],
    ['an unknown aspect', ['--aspect', '21:9'], /--aspect expects 16:9 or 4:3, not `21:9`/],
    ['an option missing its value', ['--out'], /--out expects a value \(--out DIR\)/],
    ['an option followed by another option', ['--theme', '--pdf'], /--theme expects a value \(--theme NAME\)/],
    ['a value given to a flag', ['--pdf=yes'], /--pdf takes no value, not `yes`/],
    ['--regenerate with --watch', ['--watch', '--regenerate'], /--regenerate and --watch do not go together/],
  ])('should refuse %s', async (_, args, pattern) => {
    const dir = seedWorkspace();
    expectOneLine(await runMain(args, dir), 2, pattern, dir);
  });

  it('should refuse --out naming a file', async () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = await runMain(['content/isis-central-asia.txt', '-o', 'notes.txt'], dir);
    expectOneLine(result, 2, /^error: --out notes\.txt: is a file; expected a folder to put the decks in/, dir);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('bad input: one line, exit code 1', () => {
  it('should name a folder with no articles', async () => {
    const dir = seedWorkspace();
    mkdirSync(join(dir, 'empty'));
    expectOneLine(await runMain(['empty'], dir), 1, /^error: empty: a folder with no articles \(\.md .* in it$/, dir);
  });

  it('should name an outline file that is a folder where a file is needed', async () => {
    const dir = seedWorkspace();
    mkdirSync(join(dir, 'content', 'isis-central-asia.outline.md'));
    expectOneLine(await runMain([], dir), 1, /^error: content\/isis-central-asia\.outline\.md: is a folder, expected a text file$/, dir);
  });

  it('should refuse two articles that would make the same deck', async () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'content', 'isis-central-asia.md'), '# Other\n\nText of it.\n');
    expectOneLine(await runMain([], dir), 1, /content\/isis-central-asia\.txt: its deck would be isis-central-asia\/, like the deck of content\/isis-central-asia\.md/, dir);
  });
});

describe('what users expect of a command line', () => {
  it('should print the version with --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runMain([flag], seedWorkspace());
      expect(result).toEqual({ status: 0, stdout: `briefdeck ${version}\n`, stderr: '' });
    }
  });

  it('should print the help with -h, documenting the exit codes', async () => {
    const result = await runMain(['-h'], seedWorkspace());
    expect(result.status).toBe(0);
    for (const text of ['-o, --out DIR', '-v, --version', '--jobs', 'Exit codes: 0 built; 1 bad input', '2 bad usage']) expect(result.stdout).toContain(text);
  });

  it('should take -o for --out', async () => {
    const dir = seedWorkspace();
    const result = await runMain(['content/isis-central-asia.txt', '-o', 'slides'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('content/isis-central-asia.txt -> slides/isis-central-asia/index.html');
    expect(existsSync(join(dir, 'slides', 'isis-central-asia', 'index.html'))).toBe(true);
  });

  it('should take a bare --handout before an article as the default paper', async () => {
    // Parsing only: an unknown article after it, so no PDF is printed.
    const result = await runMain(['--handout', 'content/missing.txt'], seedWorkspace());
    expect(result.stderr.trimEnd()).toBe('error: content/missing.txt: no such file');
    expect(result.status).toBe(1);
  });

  it('should read an article from standard input, its format told from the text', async () => {
    const dir = seedWorkspace();
    const article = readFileSync(join(dir, 'content', 'isis-central-asia.txt'), 'utf8');
    const result = await runMain(['-', '-o', 'out', '--name', 'brief'], dir, { stdin: article });
    expect(result.stderr).toBe('note: <stdin>:27:1: Dropped web page footer `Join the conversation`\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<stdin> -> out\/brief\/index\.html \(8 slides, theme light\); outline out\/brief\/brief\.outline\.md \(created\)\n$/);
    expect(readFileSync(join(dir, 'out', 'brief', 'index.html'), 'utf8')).toContain('Central Asia');
    // A second run with other text starts afresh: it never merges into the outline of another article.
    const again = await runMain(['-', '-o', 'out', '--name', 'brief', '--format', 'md'], dir, { stdin: '# Rail fares\n\n## Findings\n\nThe survey found that 62% of commuters would switch to rail if fares fell.\n' });
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'out', 'brief', 'brief.outline.md'), 'utf8')).toContain('62% of commuters');
  });

  it('should refuse empty standard input as an empty article', async () => {
    const dir = seedWorkspace();
    const result = await runMain(['-'], dir, { stdin: '' });
    expect(result.stderr.trimEnd()).toBe('error: <stdin>: the article is empty');
    expect(result.status).toBe(1);
  });
});

describe('options a kept outline cannot take', () => {
  it('should say that --minutes and --key-points need --regenerate when the outline is kept, and apply them with it', async () => {
    const dir = seedWorkspace();
    expect((await runMain([], dir)).status).toBe(0);
    const kept = await runMain(['--minutes', '5', '--key-points', '3'], dir);
    expect(kept.status).toBe(0);
    expect(kept.stderr).toContain(
      'note: content/isis-central-asia.outline.md: --minutes 5 and --key-points 3 apply only when the outline is generated; this outline is kept as it is: add --regenerate to make it afresh (your file is kept as a .bak)\n',
    );
    const regenerated = await runMain(['--minutes', '5', '--key-points', '3', '--regenerate'], dir);
    expect(regenerated.status).toBe(0);
    expect(regenerated.stderr).not.toContain('apply only when');
    expect(regenerated.stdout).toContain('(regenerated, old one kept as content/isis-central-asia.outline.md.bak)');
  });
});

describe('several articles', () => {
  it('should print a progress line per article on a terminal, and a summary; one failure does not stop the others', async () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'content', 'rail.md'), '# Rail fares\n\n## Findings\n\nThe survey found that 62% of commuters would switch to rail if fares fell. Officials expect a decision in June.\n');
    writeFileSync(join(dir, 'content', 'empty.txt'), '\n');
    const result = await runMain(['content', '--jobs', '1'], dir, { isTTY: true });
    expect(result.status).toBe(1);
    const progress = result.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(progress).toEqual([expect.stringMatching(/^\[1\/3\] content\/empty\.txt: failed$/), expect.stringMatching(/^\[2\/3\] content\/isis-central-asia\.txt: 8 slides in [\d.]+ s$/), expect.stringMatching(/^\[3\/3\] content\/rail\.md: \d+ slides in [\d.]+ s$/)]);
    expect(result.stderr).toMatch(/\nbriefdeck: built 2 of 3 decks in [\d.]+ s; failed: content\/empty\.txt\n$/);
    expect(existsSync(join(dir, 'dist', 'rail', 'index.html'))).toBe(true);
    // Not a terminal: no progress lines, the summary still.
    const piped = await runMain(['content', '--jobs', '1'], dir);
    expect(piped.stderr).not.toMatch(/^\[/m);
    expect(piped.stderr).toContain('briefdeck: built 2 of 3 decks');
  });
});
