/**
 * What follows "but" or "yet" is what a sentence claims: a bullet never keeps the concession and drops
 * the claim ("Real piled on the pressure for much of the second half." of a match they failed to win;
 * 113 of 5,121 dev-set bullets did), and a verb of saying keeps what was said.
 */
import { describe, expect, it } from 'vitest';
import { compressClaim } from '../../src/claims/compress.ts';

const shorten = (sentence: string, words: number) => compressClaim(sentence, words, undefined, words).text;

describe('a contrast in a sentence', () => {
  it.each([
    ['The home side piled on the pressure for most of the second half but could not find a way past a stubborn defence despite ending the match with four strikers on the pitch.', /but could not find a way past/],
    ['The ministry was asked for comment on Tuesday but has yet to reply to the questions it was sent.', /but has yet to reply/],
    ['Early trials of the vaccine looked promising, yet the larger study found no benefit at all for patients over the age of sixty.', /yet the larger study found no benefit/],
    ['Dense retrievers dominate recent work on open-domain question answering, yet their advantage on long documents is rarely measured.', /yet their advantage on long documents is rarely measured/],
    ['The agency gives cash to families in the camps -- but this can be as little as $70 a month, far below the national poverty line.', /but this can be as little as \$70/],
  ])('keeps what comes after the contrast: %j', (sentence, kept) => {
    for (const words of [8, 10, 12, 13, 15, 16]) expect(shorten(sentence, words)).toMatch(kept);
  });

  it('still cuts a sentence with no contrast', () => {
    expect(shorten('The home side piled on the pressure for most of the second half, pushing forward with four strikers on the pitch.', 10).split(/\s+/).length).toBeLessThanOrEqual(12);
  });
});

describe('a verb of saying near the end of a cut', () => {
  it('keeps what was said, or the whole sentence', () => {
    const sentence = 'The sheriff’s office is handling the crash, and a spokeswoman said early Friday that it had no information to give out so far.';
    for (const words of [10, 12, 15]) expect(shorten(sentence, words)).not.toMatch(/said early Friday\.$/);
  });
});
