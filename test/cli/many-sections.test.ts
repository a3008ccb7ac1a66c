/**
 * Articles that blow up by their shape, not their size, through the real CLI
 * (the launcher and its bundle, as `npx briefdeck` runs it): 100,000 headings
 * with a short paragraph each (5.6 MB, which took the parser and the outline
 * past a 1 GB heap: exit 134) and "a." repeated to 5.6 MB. Each builds within
 * the memory cap or is refused with one line naming the limit, never a crash.
 * The cap is the launcher's own for large articles (1 GB), or
 * `--max-old-space-size=512` for the 5,000 headings that are still built.
 * The 5.6 MB of "a." (20 s) runs with BRIEFDECK_HEAVY_TESTS (CI), as the other
 * scaling tests do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_HEADINGS } from '../../src/ingest/input-limits.ts';
import { LAUNCHER, REPO_ROOT } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-many-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);

/** `count` headings after a title, each with a one-sentence paragraph. */
function headings(count: number): string {
  const parts = ['# Many sections\n'];
  for (let i = 1; i <= count; i += 1) parts.push(`## Day ${i}\n\nThe council met on day ${i}.\n`);
  return parts.join('\n');
}

/** Run the CLI on `name` in `dir`, with these Node flags; its peak memory from every Node of the build. */
function build(name: string, nodeFlags: string[] = []) {
  const preload = join(dir, 'peak-rss.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('peak rss KB: ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const result = spawnSync(process.execPath, [...nodeFlags, '--require', preload, LAUNCHER, name, '--out', 'dist'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 900_000 });
  const peaks = [...result.stderr.matchAll(/^peak rss KB: (\d+)$/gm)].map((match) => Number(match[1]) / 1024);
  const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('peak rss KB') && !line.startsWith('briefdeck: rebuilt'));
  return { status: result.status, signal: result.signal, lines, peakMb: Math.max(0, ...peaks) };
}

describe('articles that blow up by their shape', () => {
  it('should refuse 100,000 headings with a short paragraph each (5.6 MB) in one line naming the limit, within the memory cap', () => {
    const text = headings(100_000);
    expect(text.length).toBeGreaterThan(4_000_000);
    writeFileSync(join(dir, 'sections.md'), text);
    const result = build('sections.md');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    // The heading past the limit: the title is line 1, each section three lines and a blank.
    const line = text.split('\n').findIndex((content, index, all) => content.startsWith('## ') && all.slice(0, index + 1).filter((l) => /^#{1,6} /.test(l)).length === MAX_HEADINGS + 1) + 1;
    expect(result.lines).toEqual([`error: sections.md:${line}:1: Unexpected article with more than ${MAX_HEADINGS} headings, expected at most ${MAX_HEADINGS} (each is a slide): split it into several articles, or join its sections`]);
    expect(result.peakMb).toBeLessThan(1024);
    expect(existsSync(join(dir, 'sections.outline.md'))).toBe(false);
  }, 900_000);

  it(`should build ${MAX_HEADINGS} headings (the limit) within a 512 MB heap`, () => {
    writeFileSync(join(dir, 'limit.md'), headings(MAX_HEADINGS - 1));
    const result = build('limit.md', ['--max-old-space-size=512']);
    expect(result.lines.filter((line) => line.startsWith('error') || line.includes('internal'))).toEqual([]);
    expect(result.status).toBe(0);
    const html = readFileSync(join(dir, 'dist', 'limit', 'index.html'), 'utf8');
    expect(html.split('<section').length - 1).toBeGreaterThanOrEqual(MAX_HEADINGS - 1);
  }, 900_000);

  it.runIf(HEAVY)('should build "a." repeated to 5.6 MB, or refuse it in one placed line, within the memory cap', () => {
    writeFileSync(join(dir, 'dots.txt'), `Council budget\n\nThe council met on Monday. ${'a.'.repeat(2_800_000)} Critics said the plan cuts schools.\n`);
    const result = build('dots.txt');
    expect(result.signal).toBeNull();
    if (result.status === 0) expect(readFileSync(join(dir, 'dist', 'dots', 'index.html'), 'utf8')).toContain('Critics said the plan cuts schools');
    else {
      expect(result.status).toBe(1);
      expect(result.lines).toHaveLength(1);
      expect(result.lines[0]).toMatch(/^error: dots\.txt:\d+:\d+: /);
    }
    expect(result.peakMb).toBeLessThan(1024);
  }, 900_000);
});
