import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, seedWorkspace } from '../helpers/cli.ts';

describe('briefdeck CLI', () => {
  it('should build every article in content/ with no arguments', () => {
    const dir = seedWorkspace();
    writeFileSync(join(dir, 'content', 'second.md'), '# Second Article\n\n## Findings\n\nThe survey found that 62% of commuters would switch to rail if fares fell. Officials expect a decision in June.\n');
    const result = runCli([], dir);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    for (const name of ['isis-central-asia', 'second']) {
      expect(existsSync(join(dir, 'dist', name, 'index.html'))).toBe(true);
      expect(existsSync(join(dir, 'content', `${name}.outline.md`))).toBe(true);
      expect(result.stdout).toContain(`dist/${name}/index.html`);
    }
    for (const asset of ['reveal.js', 'notes.js', 'reveal.css', 'briefdeck.js']) {
      expect(existsSync(join(dir, 'dist', 'isis-central-asia', 'assets', asset))).toBe(true);
    }
    // The web-page footer is reported, with its place.
    expect(result.stderr).toContain('content/isis-central-asia.txt:27:1: Dropped web page footer');
    // No temporary files are left behind.
    expect(readdirSync(join(dir, 'content')).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('should build one article into the folder given by --out', () => {
    const dir = seedWorkspace();
    const result = runCli(['content/isis-central-asia.txt', '--out', 'slides'], dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'slides', 'isis-central-asia', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('should never overwrite an existing outline file', () => {
    const dir = seedWorkspace();
    expect(runCli([], dir).status).toBe(0);
    const outlinePath = join(dir, 'content', 'isis-central-asia.outline.md');
    const edited = readFileSync(outlinePath, 'utf8').replace('## Key points {.key-points}', '## What matters {.key-points}');
    writeFileSync(outlinePath, edited);
    const before = statSync(outlinePath).mtimeMs;
    const result = runCli([], dir);
    expect(result.status).toBe(0);
    expect(readFileSync(outlinePath, 'utf8')).toBe(edited);
    expect(statSync(outlinePath).mtimeMs).toBe(before);
    expect(readFileSync(join(dir, 'dist', 'isis-central-asia', 'index.html'), 'utf8')).toContain('<h2>What matters</h2>');
  });

  it.each([
    ['a missing file', 'content/nope.md', () => {}, /content\/nope\.md: no such file/],
    ['an empty article', 'content/empty.txt', (dir: string) => writeFileSync(join(dir, 'content', 'empty.txt'), ' \n\n'), /content\/empty\.txt: the article is empty/],
    ['an unknown type', 'content/report.pdf', (dir: string) => writeFileSync(join(dir, 'content', 'report.pdf'), '%PDF-1.4'), /content\/report\.pdf: unknown article type `\.pdf`/],
  ])('should reject %s with a one-line error naming the file and exit 1', (_, article, setup, pattern) => {
    const dir = seedWorkspace();
    setup(dir);
    const result = runCli([article], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('should explain every option with --help', () => {
    const result = runCli(['--help'], seedWorkspace());
    expect(result.status).toBe(0);
    for (const option of ['--out', '--theme', '--key-points', '--format', '--help']) expect(result.stdout).toContain(option);
  });

  it('should reject an unknown option with exit code 2', () => {
    const result = runCli(['--bogus'], seedWorkspace());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--bogus');
  });
});
