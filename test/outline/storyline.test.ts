import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import { cutAtStrongestGaps, depthScores, equalSegments, segmentSentences, type StorySentence } from '../../src/outline/storyline.ts';
import { headlineOf, slideTitle } from '../../src/outline/slide-titles.ts';

const SEED = readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8');

function seedSection(heading: string): Array<StorySentence & { line: number }> {
  const article = articleFromFile(new VFile({ value: SEED, path: 'isis-central-asia.txt' }), 'txt');
  const section = article.sections.find((candidate) => candidate.heading === heading)!;
  return section.paragraphs.flatMap((paragraph, index) => paragraph.sentences.map((sentence) => ({ text: sentence.text, paragraph: index, line: sentence.start.line })));
}

describe('storyline segmentation', () => {
  it('cuts the seed\'s "A Critical Juncture" where it turns to the region\'s groups and to China and Russia', () => {
    const sentences = seedSection('A Critical Juncture');
    const starts = segmentSentences(sentences, 3, 2);
    expect(starts.map((index) => sentences[index]!.line)).toEqual([13, 17, 21]);
  });

  it('cuts two stories joined end to end where the second begins, without paragraph edges to help', () => {
    const first = 'The city council approved the new budget on Monday. The budget raises spending on schools and parks. Council members argued over the parks budget for hours. The mayor said the budget keeps taxes flat.';
    const second = 'A storm flooded the coastal highway overnight. Drivers were stranded as the water rose. Rescue crews pulled drivers from cars on the highway. The storm is expected to move north by Friday.';
    const sentences = [...first.split(/(?<=\.) /), ...second.split(/(?<=\.) /)].map((text) => ({ text, paragraph: 0 }));
    expect(segmentSentences(sentences, 2, 2)).toEqual([0, 4]);
    // Plain TextTiling (no names, no paragraphs) finds it too on text this clear.
    expect(segmentSentences(sentences, 2, 2, { names: false, paragraphs: false })).toEqual([0, 4]);
  });

  it('measures depth against the peaks on both sides', () => {
    const depths = depthScores([0.5, 0.1, 0.4, 0.6]);
    [0, 0.9, 0.2, 0].forEach((depth, index) => expect(depths[index]).toBeCloseTo(depth, 9));
  });

  it('measures the same depths as climbing from each gap, on flat stretches and ties too', () => {
    // The definition, one climb per gap: what depthScores computes in one pass each way.
    const climbed = (scores: number[]) =>
      scores.map((score, g) => {
        let leftPeak = score;
        for (let i = g - 1; i >= 0 && scores[i]! >= leftPeak; i -= 1) leftPeak = scores[i]!;
        let rightPeak = score;
        for (let i = g + 1; i < scores.length && scores[i]! >= rightPeak; i += 1) rightPeak = scores[i]!;
        return leftPeak - score + (rightPeak - score);
      });
    // Few distinct values, so runs of equal scores (a section of repeated paragraphs) are common.
    fc.assert(fc.property(fc.array(fc.constantFrom(0, 0.1, 0.25, 0.5, 1), { maxLength: 60 }), (scores) => {
      expect(depthScores(scores)).toEqual(climbed(scores));
    }));
    fc.assert(fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 60 }), (scores) => {
      expect(depthScores(scores)).toEqual(climbed(scores));
    }));
    expect(depthScores(new Array(5000).fill(0.3))).toEqual(new Array(5000).fill(0));
  });

  it('cuts at the strongest gaps within the sizes allowed', () => {
    // Gap strengths peak before item 3 and item 7: three parts start there.
    const strength = (gap: number) => (gap === 3 || gap === 7 ? 1 : 0);
    expect(cutAtStrongestGaps(10, 3, strength, 2, 5)).toEqual([0, 3, 7]);
    // With parts of at most 3 items, four parts are needed; the strong gaps are still used.
    expect(cutAtStrongestGaps(10, 4, strength, 1, 3)).toContain(7);
    expect(equalSegments(10, 3)).toEqual([0, 3, 7]);
    expect(cutAtStrongestGaps(0, 3, strength)).toEqual([]);
    expect(cutAtStrongestGaps(3, 5, strength)).toEqual([0, 1, 2]);
  });
});

describe('slide titles', () => {
  it('makes a headline of at most 8 of the sentence\'s own words', () => {
    const title = headlineOf('However, to insulate themselves from the threat of ISIS in Central Asia, China has been cultivating a friendship with the Taliban in the hopes that these more “moderate” and localized groups can help check ISIS’ growth.')!;
    expect(title.split(' ').length).toBeLessThanOrEqual(8);
    expect(title).toMatch(/^China has been cultivating a friendship/);
  });

  it('never titles a slide with a pronoun pointing back or a question', () => {
    expect(headlineOf('For the United States, this is a worrying sign.') ?? '').not.toMatch(/^this/i);
    expect(headlineOf('They have prepared for this ideologically.')).toBeUndefined();
    expect(headlineOf('What will the Taliban do next?')).toBeUndefined();
  });

  it('never titles a slide with a gapped coordination cut before its second figure', () => {
    // Cut at 8 words, "For manuals over 60,000 words, BM25 falls to 63% R@5 and E5 to 49%." left "... and E5".
    const sentence = 'For manuals over 60,000 words, BM25 falls to 63% R@5 and E5 to 49%.';
    expect(headlineOf(sentence) ?? '').not.toMatch(/\band E5$/);
    expect(headlineOf('Exports rose to $4 billion and imports to $6 billion in the year to March, the ministry said.') ?? '').not.toMatch(/\band imports$/);
  });

  it('gives every slide its own title, falling back to the heading and the name it is about, never names alone', () => {
    const taken = new Set<string>();
    const a = slideTitle([{ sentence: 'China has been cultivating a friendship with the Taliban.', score: 1 }], 'A Critical Juncture', taken);
    const b = slideTitle([{ sentence: 'China has been cultivating a friendship with the Taliban.', score: 1 }, { sentence: 'They said so to Russia and to China again.', score: 0 }], 'A Critical Juncture', taken);
    expect(a.title).not.toBe(b.title);
    expect(b.title).not.toMatch(/\(cont\.\)/);
    // Not the first slide's claim again, cut shorter.
    expect(b.title.startsWith(a.title)).toBe(false);
    expect(a.title.startsWith(b.title)).toBe(false);
    expect(b.from).toBeUndefined();
    expect(b.title).toMatch(/^A Critical Juncture: (?:China|Russia|Taliban)$/);
  });
});
