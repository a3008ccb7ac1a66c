import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BULLET_MAX_WORDS, BULLET_SLACK_WORDS, compressClaim, compressSentence } from '../../src/claims/compress.ts';
import { splitSentences } from '../../src/text/sentences.ts';

/** Lower-case words of a text, for "no word the article does not have". */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Each case: what the rule is, the sentence, the bullet. */
const CASES: Array<[string, string, string]> = [
  ['drop a leading discourse marker', 'Meanwhile, the Afghan security forces are under considerable strain.', 'The Afghan security forces are under considerable strain.'],
  ['keep a negation when dropping a marker', 'However, the plan did not work.', 'The plan did not work.'],
  [
    'drop an appositive holding a relative clause, and trailing attribution',
    'Mullah Abdul Rauf, a former Taliban commander who had spent years in detention, was killed by a drone strike in Helmand province last month, officials said.',
    'Mullah Abdul Rauf was killed by a drone strike in Helmand province last month.',
  ],
  [
    'drop a non-restrictive relative clause',
    'The mayor, who has a history of clashing with the council over the budget, said on Monday that the city would not raise property taxes next year.',
    'The mayor said on Monday that the city would not raise property taxes next year.',
  ],
  [
    'drop a subordinate lead-in and cut a coordinated tail, keeping the modal',
    'While physically centered in the Levant, the group is open to the possibility that they may face defeat in the short term and be temporarily driven out of Iraq and Syria.',
    'The group is open to the possibility that they may face defeat in the short term.',
  ],
  [
    'drop a parenthetical, keeping the number and the negation',
    'The company will not raise prices in 2016 (analysts had expected a 5% rise after two years of losses), the chief executive said in a statement on Tuesday.',
    'The company will not raise prices in 2016, the chief executive said in a statement on Tuesday.',
  ],
  [
    'drop a dateline and a participial tail',
    'WASHINGTON (CNN) -- The Senate voted 52-48 on Tuesday to confirm the nominee, ending a months-long fight over the post that had divided both parties.',
    'The Senate voted 52-48 on Tuesday to confirm the nominee.',
  ],
  [
    'keep a condition: an "if" lead-in is part of the claim',
    'If the talks fail, the government could fall within weeks, and the opposition would then have to decide whether to join a new coalition or force an election.',
    'If the talks fail, the government could fall within weeks.',
  ],
  [
    'drop stacked lead-ins and a trailing dash example',
    'And so, despite the limited scope of their investment in Central Asia, at this precarious phase of Afghanistan’s transition, ISIS has the potential to be a spoiler–for the Taliban, the United States, the Afghan government…or more likely, all of the above.',
    'ISIS has the potential to be a spoiler.',
  ],
  [
    'drop an interjected example and a trailing clause',
    'Their expeditionary moves into North Africa, particularly Libya, have gained a good deal of media attention following the recent execution of scores of Egyptian Copts.',
    'Their expeditionary moves into North Africa have gained a good deal of media attention.',
  ],
  [
    'keep a short contrast after a dash: it is the claim',
    'The Islamic State’s expansions into Central Asia, however, are much less known–but potentially very important.',
    'The Islamic State’s expansions into Central Asia are much less known–but potentially very important.',
  ],
  [
    'drop an evidential frame that asserts the clause',
    'It has been apparent for at least the past year that elements of the Tehrik-i-Taliban Pakistan had traveled to Syria to fight in the war against the Assad Regime.',
    'Elements of the Tehrik-i-Taliban Pakistan had traveled to Syria to fight in the war against the Assad Regime.',
  ],
  ['keep a hedging frame: "likely" is the claim', 'It is likely that the talks will collapse before the end of the year, leaving the two sides further apart than ever.', 'It is likely that the talks will collapse before the end of the year.'],
  ['leave a short sentence as it is', 'It resulted in six patients receiving transplants.', 'It resulted in six patients receiving transplants.'],
  // From the news dev set: "So far" lost its "So" and read "Far, ..."; "just under 16%" lost its "just".
  ['keep "so" that modifies the next word', 'So far, Ethiopians at home and abroad have contributed about $350 million.', 'So far, Ethiopians at home and abroad have contributed about $350 million.'],
  ['drop "so" that opens the sentence', 'So perhaps it is not surprising that the council voted to close the bridge for two years.', 'Perhaps it is not surprising that the council voted to close the bridge for two years.'],
  [
    'drop a lead-in before a clause that opens with an adverb, keeping the adverb',
    'According to the U.S. Federal Aviation Administration, just under 16% of aviation accidents occur during the cruise portion of a flight -- meaning after the climb and before descent.',
    'Just under 16% of aviation accidents occur during the cruise portion of a flight.',
  ],
  [
    'keep a lead-in whose name a pronoun after an adverb refers to',
    'When Marlow Industries raised the prices of its popular cleaning products in March last year, soon its use fell sharply across the whole northern region of the country.',
    'When Marlow Industries raised the prices of its popular cleaning products in March last year, soon its use fell sharply.',
  ],
  ['drop "so" before a marker it does not intensify', 'So instead, the council voted to close the old bridge for repairs that will take two more years to finish.', 'The council voted to close the old bridge for repairs that will take two more years to finish.'],
  ['keep "even" with its lead-in', 'Even more bizarrely, tied games were settled by shootouts that saw attacking players run with the ball from 35-yards.', 'Even more bizarrely, tied games were settled by shootouts that saw attacking players run with the ball from 35-yards.'],
];

describe('compressClaim', () => {
  it.each(CASES)('should %s', (_rule, sentence, bullet) => {
    expect(compressSentence(sentence)).toBe(bullet);
  });

  it('should say how cleanly a bullet was made', () => {
    expect(compressClaim('However, the plan did not work.').quality).toBe(1);
    const cut = compressClaim(CASES[4]![1]);
    expect(cut.quality).toBeLessThan(1);
    expect(cut.words).toBe(cut.text.split(' ').length);
  });

  it('should keep seed bullets within 20 words, using only the sentence’s words, without an ellipsis cut', () => {
    const article = readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8');
    const sentences = article.split(/\n\s*\n/).flatMap((paragraph) => splitSentences(paragraph));
    expect(sentences.length).toBeGreaterThan(25);
    let longer = 0;
    for (const sentence of sentences) {
      const { text, quality } = compressClaim(sentence);
      // Only a sentence with no clean place to cut may stay longer.
      if (quality > 0) expect(text.split(/\s+/).length).toBeLessThanOrEqual(BULLET_MAX_WORDS);
      else longer += 1;
      const available = new Set(words(sentence));
      expect(words(text).filter((word) => !available.has(word))).toEqual([]);
      expect(text).not.toMatch(/…$/);
      expect(text).toMatch(/^["“]?\p{Lu}/u);
      // Negations and modals of the kept clause stay.
      for (const keep of ['not', 'may', 'could', 'cannot']) {
        if (words(sentence).includes(keep) && text.length === sentence.length) expect(words(text)).toContain(keep);
      }
    }
    expect(longer).toBeLessThanOrEqual(1);
  });

  it('should run a word or two over the limit rather than drop what the sentence says about the article', () => {
    const sentence = CASES[8]![1];
    // What the article is about: the names in the trailing list are its main actors.
    const counts: Record<string, number> = { isis: 15, taliban: 12, afghan: 6, afghanistan: 5, central: 5, asia: 5, united: 2, states: 2, government: 2, likely: 2, potential: 1, spoiler: 1 };
    const { text, words: count, quality } = compressClaim(sentence, BULLET_MAX_WORDS, (word) => counts[word] ?? 0);
    expect(text).toBe('ISIS has the potential to be a spoiler–for the Taliban, the United States, the Afghan government…or more likely, all of the above.');
    expect(count).toBeLessThanOrEqual(BULLET_MAX_WORDS + BULLET_SLACK_WORDS);
    expect(quality).toBe(1);
    // Without weights, the trailing list is an aside like any other.
    expect(compressSentence(sentence)).toBe('ISIS has the potential to be a spoiler.');
  });

  it('should not cut before a "but" that holds the claim when dropping brackets lets the cut come after it', () => {
    const sentence =
      'Other Islamist movements speak about establishing an Islamic State but are essentially national Islamist movements (such as the Chechen Islamists, Palestinian Hamas, Hezbollah in Lebanon and various Ansar al-Sharia franchises); these groups are pan-Islamist in so far as they support other Islamist movements around the world, but are tied to their local charismatic leaders and local political situations.';
    expect(compressClaim(sentence, BULLET_MAX_WORDS, () => 1).text).toBe('Other Islamist movements speak about establishing an Islamic State but are essentially national Islamist movements.');
  });

  it('should honour a smaller word limit', () => {
    const { text, words: count } = compressClaim(CASES[6]![1], 10);
    expect(count).toBeLessThanOrEqual(10);
    expect(text).toBe('The Senate voted 52-48 on Tuesday to confirm the nominee.');
  });

  it('should leave a sentence whole, with quality 0, rather than break it where no clean cut fits', () => {
    const sentence = 'Supporters of the plan in the northern provinces and the capital say farmers, traders and small manufacturers all gain.';
    const { text, quality } = compressClaim(sentence, 8);
    expect(text).toBe(sentence);
    expect(quality).toBe(0);
  });
});
