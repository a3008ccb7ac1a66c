/**
 * The config file, run in process through `main(argv, io)`: defaults a team
 * shares in briefdeck.config.json or package.json's "briefdeck" key, found from
 * the working folder upward; the command line wins; every mistake is one line
 * naming the file, line and column, exit code 2, nothing built. The bad files
 * are fixtures (test/fixtures/config/<case>/) with the expected line beside them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/node/cli-args.ts';
import { withConfig } from '../../src/node/config-file.ts';
import { runMain, seedWorkspace, type CliResult } from '../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');
const DECK = 'isis-central-asia';

function writeConfig(dir: string, settings: unknown, file = 'briefdeck.config.json'): void {
  writeFileSync(join(dir, file), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The deck's `<html>` start tag and the line saying what was built. */
function built(dir: string, out: string, result: CliResult): { theme: string; size: string } {
  expect(result.status, result.stderr).toBe(0);
  const html = readFileSync(join(dir, out, DECK, 'index.html'), 'utf8');
  const size = /data-width="(\d+)"[^>]*data-height="(\d+)"/.exec(html)!;
  return { theme: /theme (\S+?)\)/.exec(result.stdout)![1]!, size: `${size[1]}x${size[2]}` };
}

/** The key points in an outline file. */
function keyPoints(dir: string): number {
  const outline = readFileSync(join(dir, 'content', `${DECK}.outline.md`), 'utf8');
  const section = outline.split(/^## Key points.*$/m)[1]!.split(/^## /m)[0]!;
  return section.split('\n').filter((line) => line.startsWith('- ')).length;
}

describe('a config file: defaults a team shares', () => {
  it('should take theme, aspect, out and key points from briefdeck.config.json in the working folder', async () => {
    const dir = seedWorkspace();
    writeConfig(dir, { theme: 'dark', aspect: '4:3', out: 'decks', keyPoints: 2 });
    const result = await runMain([], dir);
    expect(built(dir, 'decks', result)).toEqual({ theme: 'dark', size: '1024x768' });
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    expect(keyPoints(dir)).toBe(2);
    // A kept outline ignores the file's keyPoints without the note an asked-for --key-points gets.
    const again = await runMain([], dir);
    expect(again.status).toBe(0);
    expect(again.stderr).not.toMatch(/key-points/);
    expect((await runMain(['--key-points', '2'], dir)).stderr).toMatch(/--key-points 2 applies only when the outline is generated/);
  });

  it('should let the command line win over the config file', async () => {
    const dir = seedWorkspace();
    writeConfig(dir, { theme: 'dark', aspect: '4:3', out: 'decks', keyPoints: 2 });
    const result = await runMain(['--theme', 'serif', '--aspect', '16:9', '-o', 'mine', '--key-points', '4'], dir);
    expect(built(dir, 'mine', result)).toEqual({ theme: 'serif', size: '1280x720' });
    expect(existsSync(join(dir, 'decks'))).toBe(false);
    expect(keyPoints(dir)).toBe(4);
  });

  it('should read the "briefdeck" key of package.json, found from a subfolder, its out relative to that file', async () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'team-briefings', private: true, briefdeck: { theme: 'contrast', out: 'site/decks' } }, null, 2)}\n`);
    const sub = join(dir, 'drafts');
    mkdirSync(sub);
    cpSync(join(dir, 'content'), join(sub, 'content'), { recursive: true });
    const result = await runMain([], sub);
    expect(built(dir, 'site/decks', result).theme).toBe('contrast');
    expect(existsSync(join(sub, 'dist'))).toBe(false);
  });

  it('should take briefdeck.config.json over package.json in one folder, and skip a package.json without the key', async () => {
    const dir = seedWorkspace();
    const sub = join(dir, 'team');
    mkdirSync(sub);
    cpSync(join(dir, 'content'), join(sub, 'content'), { recursive: true });
    writeConfig(dir, { theme: 'serif' });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', briefdeck: { theme: 'dracula' } }));
    // The subfolder's package.json has no "briefdeck" key: the search goes on up.
    writeFileSync(join(sub, 'package.json'), JSON.stringify({ name: 'y' }));
    expect(built(sub, 'dist', await runMain([], sub)).theme).toBe('serif');
  });

  it('should build with the built-in defaults when there is no config file', async () => {
    const dir = seedWorkspace();
    expect(built(dir, 'dist', await runMain([], dir))).toEqual({ theme: 'light', size: '1280x720' });
  });

  it('should read the file --config names, and ignore every config file with --no-config', async () => {
    const [named, none] = [seedWorkspace(), seedWorkspace()];
    for (const dir of [named, none]) writeFileSync(join(dir, 'briefdeck.config.json'), '{ "theme": "neon" }\n');
    writeConfig(named, { theme: 'dracula' }, 'team.json');
    expect(built(named, 'dist', await runMain(['--config', 'team.json'], named)).theme).toBe('dracula');
    expect(built(none, 'dist', await runMain(['--no-config'], none)).theme).toBe('light');
  });

  it.each([
    ['a --config file that is not there', ['--config', 'nope.json'], 'error: --config nope.json: no such file (briefdeck --help shows the usage)'],
    ['--config with --no-config', ['--config', 'a.json', '--no-config'], 'error: --config and --no-config do not go together (briefdeck --help shows the usage)'],
    ['a bad --handout-layout, naming the valid ones', ['--handout-layout', '4'], 'error: --handout-layout expects 1, 2, 3 or 6, not `4` (briefdeck --help shows the usage)'],
  ])('should refuse %s as bad usage', async (_, args, line) => {
    const dir = seedWorkspace();
    const result = await runMain(args, dir);
    expect([result.status, result.stderr]).toEqual([2, `${line}\n`]);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('should still show --help and --version with a broken config file', async () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'briefdeck.config.json'), '{');
    expect((await runMain(['--help'], dir)).status).toBe(0);
    expect((await runMain(['--version'], dir)).status).toBe(0);
  });
});

describe('a bad config file: one line naming file:line:column, exit code 2, nothing built', () => {
  const cases = readdirSync(FIXTURES).sort();
  it('should have a fixture for each kind of mistake', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });
  it.each(cases)('%s', async (name) => {
    const dir = seedWorkspace();
    const folder = join(FIXTURES, name);
    for (const file of readdirSync(folder).filter((file) => file !== 'expected-error.txt')) cpSync(join(folder, file), join(dir, file));
    const result = await runMain([], dir);
    expect(result.stderr).toBe(readFileSync(join(folder, 'expected-error.txt'), 'utf8'));
    expect(result.status).toBe(2);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});

describe('withConfig: the precedence, in one place', () => {
  const parse = (args: string[]) => parseCliArgs(args);
  it('should take command line, then BRIEFDECK_JOBS, then the config file for --jobs', () => {
    expect(withConfig(parse(['-j', '3']), { jobs: 5 }, { BRIEFDECK_JOBS: '4' }).jobs).toBe(3);
    expect(withConfig(parse([]), { jobs: 5 }, { BRIEFDECK_JOBS: '4' }).jobs).toBe(4);
    expect(withConfig(parse([]), { jobs: 5 }, {}).jobs).toBe(5);
    expect(withConfig(parse([]), {}, {}).jobs).toBeUndefined();
  });
  it('should ask for a handout only from the command line, on the paper and layout given there, else the config file\'s, else A4 and 1', () => {
    const config = { handoutPaper: 'letter', handoutLayout: 6 } as const;
    expect(withConfig(parse([]), config)).toMatchObject({ handout: undefined, handoutLayout: undefined });
    expect(withConfig(parse(['--handout']), config)).toMatchObject({ handout: 'letter', handoutLayout: 6 });
    expect(withConfig(parse(['--handout', 'a4', '--handout-layout', '2']), config)).toMatchObject({ handout: 'a4', handoutLayout: 2 });
    expect(withConfig(parse(['--handout-layout', '3']), {})).toMatchObject({ handout: 'a4', handoutLayout: 3 });
  });
});

describe('a handout set up by the config file', () => {
  it('should print the handout on the config file\'s paper and layout when --handout is given', async () => {
    const dir = seedWorkspace();
    writeConfig(dir, { handoutPaper: 'letter', handoutLayout: 6 });
    const result = await runMain(['--handout'], dir);
    expect(result.status, result.stderr).toBe(0);
    const path = join(dir, 'dist', DECK, `${DECK}.handout.pdf`);
    const slides = Number(/\((\d+) slides/.exec(result.stdout)![1]);
    expect(result.stdout).toContain(`(handout, ${Math.ceil(slides / 6)} pages)`);
    const document = await PDFDocument.load(readFileSync(path));
    expect(document.getPageCount()).toBe(Math.ceil(slides / 6));
    expect(document.getPages()[0]!.getSize()).toEqual({ width: 612, height: 792 });
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(`Slide 6: `);
  });
});
