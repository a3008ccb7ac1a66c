import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { indexArticle } from '../../src/claims/claims.ts';
import { compressClaim } from '../../src/claims/compress.ts';
import { BULLET_LIMIT_WORDS, headlineCompression } from '../../src/outline/briefing.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';

interface Case {
  sentence: string;
  bullet: string | null;
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/headline-bullets/expected.json', import.meta.url), 'utf8')) as Case[];
// The sentences as one article, a paragraph each: the word weights a build would use.
const article = articleFromFile(new VFile({ value: cases.map((c) => c.sentence).join('\n\n'), path: 'headlines.md' }), 'md');
const index = indexArticle(article);
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('headline-length bullets (issue 13, item 4)', () => {
  it('should read the fixture as one sentence a paragraph', () => {
    expect(article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((x) => x.text)))).toEqual(cases.map((c) => c.sentence));
  });

  it.each(cases.map((c) => [c.sentence.slice(0, 60), c] as const))('should shorten "%s..."', (_name, { sentence, bullet }) => {
    const made = headlineCompression(sentence, index);
    expect(made?.text ?? null).toBe(bullet);
    if (!made) return;
    expect(made.words).toBeLessThanOrEqual(BULLET_LIMIT_WORDS);
    // Every word from the sentence; its negation and modal kept.
    const available = new Set(words(sentence));
    expect(words(made.text).filter((word) => !available.has(word))).toEqual([]);
    for (const keep of ['not', 'no', 'would', 'could', 'will']) if (words(sentence).slice(0, 12).includes(keep)) expect(words(made.text)).toContain(keep);
  });

  it('should never leave a clause without its verb or a subject inside a dash aside, whatever the limit', () => {
    const [minister, attacks, report] = [cases[2]!.sentence, cases[3]!.sentence, cases[4]!.sentence];
    for (let limit = 6; limit <= 20; limit += 1) {
      // "... admitted that his failure to act on the warnings." has lost the clause's verb ("had cost").
      const text = compressClaim(minister, limit).text;
      if (/that his failure/u.test(text)) expect(text).toMatch(/had cost/u);
      const cut = compressClaim(attacks, limit).text;
      if (/in which/u.test(cut)) expect(cut).toMatch(/have seized/u);
      // The main verb stays with its subject: "The report -- published ... jobs." has none.
      expect(compressClaim(report, limit).text).toMatch(/describes/u);
    }
  });
});
