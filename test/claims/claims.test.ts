import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { centralNamesOf, claimBudget, indexArticle, keyPoints, MAX_SECTION_CLAIMS, scoreSentences, sectionClaims, type Claim } from '../../src/claims/claims.ts';
import { compressSentence } from '../../src/claims/compress.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import type { Article } from '../../src/types.ts';

function fixture(name: string): { article: Article; expected: Array<{ bullet: string; source: string }> } {
  const dir = new URL(`../fixtures/${name}/`, import.meta.url);
  const text = readFileSync(new URL('article.md', dir), 'utf8');
  return {
    article: articleFromFile(new VFile({ value: text, path: 'article.md' }), 'md'),
    expected: JSON.parse(readFileSync(new URL('expected-key-points.json', dir), 'utf8')) as Array<{ bullet: string; source: string }>,
  };
}

describe('keyPoints', () => {
  it.each(['claims-analysis', 'claims-news'])('should give the expected key points of %s', (name) => {
    const { article, expected } = fixture(name);
    const points = keyPoints(article, 3).map((point) => ({ bullet: point.bullet, source: `${point.sentence.start.line}:${point.sentence.start.column}` }));
    expect(points).toEqual(expected);
  });

  it('should include the thesis of an analysis even though it sits in the conclusion, and skip the rhetorical question', () => {
    const { article } = fixture('claims-analysis');
    const points = keyPoints(article, 3);
    expect(points.some((point) => point.bullet.startsWith('Valdora should adopt a tiered water tariff'))).toBe(true);
    expect(points.some((point) => point.sentence.text.endsWith('?'))).toBe(false);
  });

  it('should lead with the news and leave the bystander quote out', () => {
    const { article } = fixture('claims-news');
    const [first] = keyPoints(article, 3);
    expect(first!.bullet).toMatch(/^A fire at the Eastgate chemical plant forced 2,000 residents/);
    expect(keyPoints(article, 5).some((point) => point.sentence.text.startsWith('"We heard'))).toBe(false);
  });

  it('should return k distinct claims in the article’s order, drawn from several sections', () => {
    const { article } = fixture('claims-analysis');
    for (const k of [1, 2, 4, 5]) {
      const points = keyPoints(article, k);
      expect(points).toHaveLength(k);
      expect(new Set(points.map((point) => point.sentence)).size).toBe(k);
      const order = points.map((point) => point.sentence.start.offset);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(new Set(keyPoints(article, 4).map((point) => point.section)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('sectionClaims', () => {
  it('should cover every paragraph when the budget allows, in the article’s order', () => {
    const { article } = fixture('claims-news');
    const section = article.sections[0]!;
    const claims = sectionClaims(section, 0, section.paragraphs.length, article);
    expect(claims.map((claim) => claim.sentence.paragraph)).toEqual(section.paragraphs.map((_, index) => index));
  });

  it('should keep to the budget and prefer a paragraph’s strongest sentence', () => {
    const { article } = fixture('claims-analysis');
    const claims = sectionClaims(article.sections[1]!, 1, 2, article);
    expect(claims).toHaveLength(2);
    const scores = scoreSentences(article.sections[1]!);
    expect(scores).toHaveLength(4);
    for (const claim of claims) expect(claim.score).toBeGreaterThan(Math.min(...scores.map((entry) => entry.score)));
  });

  it('should give a section the same claims whether or not the key points were chosen first', () => {
    const plain = (claims: Claim[]) => claims.map(({ bullet, sentence, score, quality }) => ({ bullet, start: sentence.start, score, quality }));
    const first = fixture('claims-analysis').article;
    const sectionsFirst = first.sections.map((section, index) => plain(sectionClaims(section, index, 20, first)));
    const second = fixture('claims-analysis').article;
    keyPoints(second, 5);
    expect(second.sections.map((section, index) => plain(sectionClaims(section, index, 20, second)))).toEqual(sectionsFirst);
  });
});

describe('no state between calls', () => {
  const seed = () => articleFromFile(new VFile({ value: readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8'), path: 'isis-central-asia.txt' }), 'txt');
  const plain = (claims: Claim[]) => claims.map(({ bullet, sentence, score, quality }) => ({ bullet, start: sentence.start, score, quality }));

  it('should give the key points of an article whatever was scored before with other word weights', () => {
    const expected = plain(keyPoints(seed(), 5));
    const article = seed();
    // Scored as articles of their own, its sections weigh words otherwise (the bullets once cached by sentence).
    for (const [index, section] of article.sections.entries()) sectionClaims(section, index, 20);
    scoreSentences(article.sections[1]!);
    expect(plain(keyPoints(article, 5))).toEqual(expected);
    expect(outlineFromArticle(article)).toEqual(outlineFromArticle(seed()));
  });

  it('should give through compressSentence, with the article’s word weights, the bullet a build gives', () => {
    const article = seed();
    const { importance } = indexArticle(article);
    const outline = outlineFromArticle(article);
    const sentences = new Map(article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences)).map((sentence) => [`${sentence.start.line}:${sentence.start.column}`, sentence]));
    const bullets = outline.slides.flatMap((slide) => slide.bullets).filter((bullet) => bullet.source);
    expect(bullets.length).toBeGreaterThan(12);
    // A bullet is the sentence's own bullet (compressSentence with the article's weights), or the
    // headline the briefing makes of it: the same sentence shortened further, its words in order.
    const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const bullet of bullets) {
      const sentence = sentences.get(bullet.source!)!.text;
      const full = compressSentence(sentence, { importance });
      if (bullet.text === full) continue;
      const source = words(sentence);
      const within = (list: string[]) => {
        let at = 0;
        for (const word of list) {
          while (at < source.length && source[at] !== word) at += 1;
          if (at === source.length) return false;
          at += 1;
        }
        return true;
      };
      // An opening that pointed back ("The group") may name what it points to, in the words of the sentences before.
      const earlier = sentences.get(bullet.source!)!;
      const before = [...sentences.values()].filter((other) => other.start.offset < earlier.start.offset).map((other) => words(other.text).join(' ')).join(' ');
      const bulletWords = words(bullet.text);
      const renamed = [0, 1, 2, 3, 4].find((n) => within(bulletWords.slice(n)) && (n === 0 || before.includes(bulletWords.slice(0, n).join(' '))));
      expect(renamed !== undefined, `${bullet.text} within ${full}`).toBe(true);
    }
  });
});

describe('centralNamesOf', () => {
  it('should find the names an article keeps coming back to, not those it mentions once', () => {
    const text = readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8');
    const central = centralNamesOf(articleFromFile(new VFile({ value: text, path: 'isis-central-asia.txt' }), 'txt'));
    for (const name of ['isis', 'taliban', 'afghan']) expect(central.has(name), name).toBe(true);
    for (const name of ['yemen', 'russia', 'obama']) expect(central.has(name), name).toBe(false);
  });
});

describe('claimBudget', () => {
  it('should give one claim a paragraph, two for three sentences in long paragraphs, at most 15', () => {
    expect(claimBudget(1, 1)).toBe(1);
    expect(claimBudget(6, 5)).toBe(5);
    expect(claimBudget(5, 2)).toBe(3);
    expect(claimBudget(100, 1)).toBe(15);
  });

  it('should give analytic prose (three or more paragraphs of two or more sentences) a bullet for all but its weakest sentences, at most 20', () => {
    expect(claimBudget(10, 3)).toBe(9);
    expect(claimBudget(17, 7)).toBe(14);
    expect(claimBudget(100, 10)).toBe(MAX_SECTION_CLAIMS);
    // Short paragraphs (news): one claim each.
    expect(claimBudget(10, 8)).toBe(8);
  });
});
