import { describe, expect, it } from 'vitest';
import { lcsLength, rouge, rougeTokens } from '../../scripts/lib/rouge.ts';
import { textRank } from '../../scripts/lib/textrank.ts';

describe('rougeTokens stems', () => {
  it.each([
    ['caresses', 'caress'], ['ponies', 'poni'], ['running', 'run'], ['hopping', 'hop'], ['agreed', 'agre'], ['feed', 'feed'],
    ['filing', 'file'], ['happy', 'happi'], ['relational', 'relat'], ['conditional', 'condit'], ['generalization', 'gener'],
    ['hopeful', 'hope'], ['goodness', 'good'], ['adjustment', 'adjust'], ['adoption', 'adopt'], ['controlling', 'control'],
    ['rolling', 'roll'], ['electrical', 'electr'], ['formalize', 'formal'], ['cease', 'ceas'], ['enjoying', 'enjoi'],
  ])('should stem %s to %s as Porter (1980) does', (word, stem) => {
    expect(rougeTokens(word)).toEqual([stem]);
  });
});

describe('rouge', () => {
  it('should tokenise like rouge-score: lower case, alphanumerics, stems for words over 3 letters', () => {
    expect(rougeTokens('The Cats were RUNNING, in 2015!')).toEqual(['the', 'cat', 'were', 'run', 'in', '2015']);
  });

  it('should score unigram, bigram and LCS overlap as F1', () => {
    const scores = rouge('the cat sat on the mat', 'the cat was on the mat');
    expect(scores.rouge1.f1).toBeCloseTo(5 / 6);
    expect(scores.rouge2.f1).toBeCloseTo(3 / 5);
    expect(scores.rougeL.f1).toBeCloseTo(5 / 6);
    expect(rouge('completely different words', 'the cat sat').rouge1.f1).toBe(0);
    expect(rouge('a b c d', 'a b c d').rouge2.f1).toBe(1);
  });

  it('should find the longest common subsequence', () => {
    expect(lcsLength(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'e', 'x'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });
});

describe('textRank', () => {
  it('should pick the sentences sharing most words with the others, in text order', () => {
    const sentences = [
      'The river flooded the town after days of rain.',
      'A local bakery sold bread.',
      'Rain kept falling and the river rose over the town walls.',
      'The flooded town waited for the river to fall after the rain.',
    ];
    expect(textRank(sentences, 2)).toEqual([sentences[0], sentences[3]]);
    expect(textRank(sentences, 4)).toEqual(sentences);
  });
});
