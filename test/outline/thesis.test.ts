/**
 * The thesis opens the key points in each kind of article: an analysis's summing-up sentence (the
 * seed), a paper's "We argue that ...", a report's "The council finds that ...", else the opening of
 * the conclusion.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import type { ArticleFormat } from '../../src/types.ts';

function keyPointsOf(path: string, format: ArticleFormat, text = readFileSync(new URL(path, import.meta.url), 'utf8')) {
  const article = articleFromFile(new VFile({ path, value: text }), format);
  return outlineFromArticle(article, { keyPoints: 4 }).slides.find((slide) => slide.kind === 'key-points')!.bullets.map((bullet) => bullet.text);
}

describe('the thesis first', () => {
  it("opens an analysis with its summing-up sentence ('And so, ...')", () => {
    expect(keyPointsOf('../../content/isis-central-asia.txt', 'txt')[0]).toMatch(/^ISIS has the potential to be a spoiler/);
  });

  it("opens a paper with what its authors argue ('We argue that ...'), not its first sentence", () => {
    const points = keyPointsOf('../fixtures/ingest-paper-md/input.md', 'md');
    expect(points[0]).toMatch(/^We argue that long-document collections reward exact term matching/);
    expect(points).toHaveLength(4);
  });

  it("opens a report with what it finds ('The council finds that ...')", () => {
    const points = keyPointsOf('../fixtures/briefing-report/article.md', 'md');
    expect(points[0]).toMatch(/^The council finds that the shortfall is not mainly a generation problem/);
    expect(points).toHaveLength(4);
  });

  it('opens with the first claim of the conclusion when the authors say nothing of what they argue', () => {
    const text = readFileSync(new URL('../fixtures/briefing-report/article.md', import.meta.url), 'utf8').replace('The council finds that the shortfall', 'The shortfall');
    expect(keyPointsOf('report.md', 'md', text)[0]).toMatch(/^The region can keep the lights on through hotter summers/);
  });
});
