/**
 * Large articles through the real CLI (the bundle `npm run build` runs): the
 * build succeeds and its peak memory stays under 600 MB. The 8 MB article runs
 * when BRIEFDECK_HEAVY_TESTS is set (CI); otherwise a 2.5 MB one, still above
 * the size at which the launcher caps the heap. Time is measured by
 * `npm run bench`, not here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SEED_ARTICLE } from '../helpers/cli.ts';

const MEGABYTES = process.env.BRIEFDECK_HEAVY_TESTS ? 8 : 2.5;
const PEAK_RSS_LIMIT_MB = 600;

/**
 * A Markdown article of `bytes` bytes or a little more, made of the seed article's
 * paragraphs under numbered `## ` headings, and an outline for it with a slide per
 * section and no `article-sha256`, so the build keeps it as it is.
 */
function largeArticle(bytes: number): { article: string; outline: string } {
  const paragraphs = readFileSync(SEED_ARTICLE, 'utf8')
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.split(' ').length > 20);
  const article = ['# A long report\n'];
  const outline = ['---\ntitle: A long report\n---\n\n## A long report {.title}\n'];
  let size = article[0]!.length;
  for (let section = 1; size < bytes; section += 1) {
    const chosen = [0, 1, 2].map((offset) => paragraphs[(section + offset) % paragraphs.length]!);
    const text = `## Part ${section}\n\n${chosen.join('\n\n')}\n`;
    article.push(text);
    size += Buffer.byteLength(text) + 1;
    const bullets = chosen.map((paragraph) => `- ${paragraph.split(' ').slice(0, 12).join(' ')}…`);
    outline.push(`## Part ${section}\n\n${bullets.join('\n')}\n`);
  }
  return { article: article.join('\n'), outline: outline.join('\n') };
}

describe('scale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-scale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`should build a ${MEGABYTES} MB article with its outline kept in under ${PEAK_RSS_LIMIT_MB} MB of memory`, () => {
    const { article, outline } = largeArticle(MEGABYTES * 1024 * 1024);
    writeFileSync(join(dir, 'report.md'), article);
    writeFileSync(join(dir, 'report.outline.md'), outline);
    // Every Node of the build (the launcher and its capped child) reports its peak resident memory, in KB.
    const preload = join(dir, 'peak-rss.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('peak rss KB: ' + process.resourceUsage().maxRSS + '\\n'));\n");
    const result = spawnSync(process.execPath, ['--require', preload, join(REPO_ROOT, 'scripts', 'briefdeck.mjs'), 'report.md', '--out', 'dist'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.stderr).not.toContain('error');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('outline report.outline.md (kept)');
    const sections = outline.split('\n## Part ').length - 1;
    expect(readFileSync(join(dir, 'dist', 'report', 'index.html'), 'utf8').split('<h2>Part ').length - 1).toBeGreaterThanOrEqual(sections);
    const peaks = [...result.stderr.matchAll(/^peak rss KB: (\d+)$/gm)].map((match) => Number(match[1]) / 1024);
    expect(peaks.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...peaks)).toBeLessThan(PEAK_RSS_LIMIT_MB);
  }, 600_000);
});
