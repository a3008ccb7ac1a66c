import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences, type SentenceSpan } from '../../src/text/sentences.ts';

/** Each case: the text and the sentences it must split into. */
const CASES: Array<[string, string, string[]]> = [
  ['titles', 'Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
  ['saint and company', 'He lives on St. James St. near Acme Co. headquarters. It rains.', ['He lives on St. James St. near Acme Co. headquarters.', 'It rains.']],
  ['company at the end', 'She joined Acme Co. The firm grew.', ['She joined Acme Co.', 'The firm grew.']],
  ['junior', 'Martin Luther King Jr. spoke. Crowds listened.', ['Martin Luther King Jr. spoke.', 'Crowds listened.']],
  ['number', 'He was ranked No. 1 in the world. Then he fell.', ['He was ranked No. 1 in the world.', 'Then he fell.']],
  ['U.S. inside', 'The U.S. military left. Others stayed.', ['The U.S. military left.', 'Others stayed.']],
  ['U.S. at the end', 'They flew to the U.S. The next day they rested.', ['They flew to the U.S.', 'The next day they rested.']],
  ['U.S.A. and E.U.', 'Both the U.S.A. and the E.U. agreed. Talks ended.', ['Both the U.S.A. and the E.U. agreed.', 'Talks ended.']],
  ['i.e. and e.g.', 'Some fruit, e.g. apples, i.e. the red ones, sold out. Pears did not.', ['Some fruit, e.g. apples, i.e. the red ones, sold out.', 'Pears did not.']],
  ['etc. mid-sentence', 'Apples, pears, etc. are fruit. Carrots are not.', ['Apples, pears, etc. are fruit.', 'Carrots are not.']],
  ['a.m. and p.m.', 'We met at 9 a.m. and left at 5 p.m. on Friday. It was long.', ['We met at 9 a.m. and left at 5 p.m. on Friday.', 'It was long.']],
  ['p.m. at the end', 'The vote is at 5 p.m. The count follows.', ['The vote is at 5 p.m.', 'The count follows.']],
  ['initials', 'Jonas E. Smith and J. R. R. Tolkien wrote. Readers read.', ['Jonas E. Smith and J. R. R. Tolkien wrote.', 'Readers read.']],
  ['decimals and money', 'It cost $100.00 or 3.5 percent more. Sales fell 2.4%.', ['It cost $100.00 or 3.5 percent more.', 'Sales fell 2.4%.']],
  ['URL', 'See https://example.com/a.b?c=d. Then read on.', ['See https://example.com/a.b?c=d.', 'Then read on.']],
  ['e-mail', 'Write to jane.doe@example.org for details. She answers.', ['Write to jane.doe@example.org for details.', 'She answers.']],
  ['quote closing after the period', 'He said, "We won." Then he left.', ['He said, "We won."', 'Then he left.']],
  ['curly quote closing after the period', 'She wrote: “It is over.” Nobody replied.', ['She wrote: “It is over.”', 'Nobody replied.']],
  ['question in a quote', '"Why?" he asked. Nobody knew.', ['"Why?" he asked.', 'Nobody knew.']],
  ['ellipsis mid-sentence', 'The Afghan government…or more likely, all of them. Next.', ['The Afghan government…or more likely, all of them.', 'Next.']],
  ['ellipsis with lower case', 'We waited... and waited. Finally it came.', ['We waited... and waited.', 'Finally it came.']],
  ['ellipsis ending a sentence', 'It trailed off... Then silence.', ['It trailed off...', 'Then silence.']],
  ['sentence in parentheses', 'The plan failed. (Nobody was surprised.) Work resumed.', ['The plan failed.', '(Nobody was surprised.)', 'Work resumed.']],
  ['numbered list markers', '1. Buy milk. 2. Sell bread.', ['1. Buy milk.', '2. Sell bread.']],
  ['lettered list marker on a line', 'a. First point here.\nb. Second point here.', ['a. First point here.', 'b. Second point here.']],
  ['double exclamation', 'Stop!! Go now.', ['Stop!!', 'Go now.']],
  ['interrobang', 'Really?! Yes, really.', ['Really?!', 'Yes, really.']],
  ['lower case after a number', "It was the world's No 1. player in March. He won.", ["It was the world's No 1. player in March.", 'He won.']],
  ['decade', 'In the 1990s. Then later.', ['In the 1990s.', 'Then later.']],
  [
    'the seed article: etc. inside parentheses',
    'Al-Qaeda concerned itself with the Caliphate through its affiliates (i.e. AQIS, AQAP, AQIM, etc.). Other Islamist movements speak about it.',
    ['Al-Qaeda concerned itself with the Caliphate through its affiliates (i.e. AQIS, AQAP, AQIM, etc.).', 'Other Islamist movements speak about it.'],
  ],
  ['a bracket extraction left open', 'The plan (see the annex failed. Nobody was surprised. Work resumed.', ['The plan (see the annex failed.', 'Nobody was surprised.', 'Work resumed.']],
  ['a stray closing bracket', 'The plan failed.) Nobody was surprised.', ['The plan failed.)', 'Nobody was surprised.']],
  ['inline numbered list without periods', 'Steps: 1) Read it 2) Brief it', ['Steps:', '1) Read it', '2) Brief it']],
  ['blank line ends a sentence', 'A heading without a period\n\nThe text follows.', ['A heading without a period', 'The text follows.']],
];

describe('splitSentences', () => {
  it.each(CASES)('should split %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('should return spans whose offsets slice the text', () => {
    const text = 'Mr. Smith left. "Why?" she asked. It was 5 p.m. The end.';
    for (const span of sentenceSpans(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('should return no sentence for white space', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });

  it('should split a long text (every case above, joined by blank lines) into the same spans as each case alone', () => {
    const parts = CASES.map(([, text]) => text);
    const joined = Array.from({ length: 200 }, () => parts).flat();
    const text = joined.join('\n\n');
    const expected: SentenceSpan[] = [];
    let offset = 0;
    for (const part of joined) {
      for (const span of sentenceSpans(part)) expected.push({ start: span.start + offset, end: span.end + offset, text: span.text });
      offset += part.length + 2;
    }
    expect(sentenceSpans(text)).toEqual(expected);
  });

  it('should read a long run of word characters and periods as one token', () => {
    const run = '-.'.repeat(20000);
    expect(splitSentences(`It ended ${run} Then it went on.`)).toEqual([`It ended ${run}`, 'Then it went on.']);
  });
});
