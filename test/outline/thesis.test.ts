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

describe("the author's own summary", () => {
  it('gives an abstract or executive summary no slide of its own: its sentences go to the key points’ notes', () => {
    for (const [path, heading] of [
      ['../fixtures/ingest-paper-md/input.md', 'Abstract'],
      ['../fixtures/briefing-report/article.md', 'Executive summary'],
    ] as const) {
      const text = readFileSync(new URL(path, import.meta.url), 'utf8');
      const outline = outlineFromArticle(articleFromFile(new VFile({ path, value: text }), 'md'), { keyPoints: 4 });
      expect(outline.slides.map((slide) => slide.title)).not.toContain(heading);
      expect(outline.slides.flatMap((slide) => (slide.kind === 'agenda' ? slide.bullets.map((bullet) => bullet.text) : []))).not.toContain(heading);
      const notes = outline.slides.find((slide) => slide.kind === 'key-points')!.notes;
      expect(notes).toContain(`${heading}:`);
      // Every sentence of the summary is on the key points or in their notes: nothing is lost.
      const summary = text.split(`## ${heading}`)[1]!.split('\n## ')[0]!;
      const keyPoints = outline.slides.find((slide) => slide.kind === 'key-points')!;
      for (const sentence of summary.trim().split(/(?<=[.!?])\s+/)) expect(notes.replaceAll('\\', '') + keyPoints.bullets.map((b) => b.text).join(' ')).toContain(sentence.slice(0, 30).replaceAll('\\', ''));
    }
  });

  it('keeps the summary as a slide when it is most of the article', () => {
    const text = '# A short note\n\n## Summary\n\nThe plan cut costs by 12% in its first year. Savings came from energy and travel.\n\n## Detail\n\nEnergy use fell by a fifth after the boiler was replaced. Travel fell as meetings moved online.\n';
    const outline = outlineFromArticle(articleFromFile(new VFile({ path: 'note.md', value: text }), 'md'));
    expect(outline.slides.map((slide) => slide.title)).toContain('Summary');
  });
});

describe('the bottom line', () => {
  it('restates the thesis, then only bullets that themselves say what may or will follow', () => {
    for (const [path, format] of [
      ['../../content/isis-central-asia.txt', 'txt'],
      ['../fixtures/ingest-paper-md/input.md', 'md'],
      ['../fixtures/briefing-report/article.md', 'md'],
    ] as const) {
      const text = readFileSync(new URL(path, import.meta.url), 'utf8');
      const outline = outlineFromArticle(articleFromFile(new VFile({ path, value: text }), format), { keyPoints: 4 });
      const [thesis, ...implications] = outline.slides.find((slide) => slide.kind === 'closing')!.bullets;
      expect(thesis!.text).toBe(outline.slides.find((slide) => slide.kind === 'key-points')!.bullets[0]!.text);
      // The seed's bottom line had "China has been cultivating a friendship with the Taliban.": the sentence's
      // "can help check ISIS' growth" was cut away, leaving a fact already on a content slide.
      for (const bullet of implications) expect(bullet.text).toMatch(/\b(?:may|might|could|can|cannot|will|would|must|should|likely|potential(?:ly)?|risks?|threat\w*|means?|ensure)\b/i);
    }
  });
});

describe('key points from findings, not scene-setting', () => {
  it("draws a paper's key points from its abstract and results, none from its introduction or related work", () => {
    const text = readFileSync(new URL('../fixtures/ingest-paper-md/input.md', import.meta.url), 'utf8');
    const article = articleFromFile(new VFile({ path: 'input.md', value: text }), 'md');
    const slide = outlineFromArticle(article, { keyPoints: 4 }).slides.find((each) => each.kind === 'key-points')!;
    const sectionOf = (source: string) => {
      const line = Number(source.split(':')[0]);
      return article.sections.filter((section) => section.start.line <= line).at(-1)!.heading;
    };
    const sections = slide.bullets.map((bullet) => sectionOf(bullet.source!));
    expect(sections).toHaveLength(4);
    expect(sections.filter((heading) => /Introduction|Related Work/.test(heading))).toEqual([]);
    expect(sections).toContain('4 Results');
  });
});
