import { describe, expect, it } from 'vitest';
import { resolveOpening } from '../../src/claims/references.ts';

/** Each case: the rule, the bullet, the sentences before it (nearest first), what the slide shows. */
const CASES: Array<[string, string, string[], string, 'none' | 'resolved' | 'unresolved']> = [
  [
    'name "the group" by the subject of an earlier sentence',
    'The group is open to the possibility that they may face defeat.',
    ['Other Islamist movements are tied to their local leaders.', 'The Islamic State challenges these notions, aspiring to unite the entire Muslim world.'],
    'The Islamic State is open to the possibility that they may face defeat.',
    'resolved',
  ],
  [
    'keep a possessive',
    'The company’s shares fell 12% on Tuesday.',
    ['Volkswagen admitted that it had fitted 11 million cars with software to cheat emissions tests.'],
    'Volkswagen’s shares fell 12% on Tuesday.',
    'resolved',
  ],
  [
    'not take a name from inside a hyphenated word or an embedded clause',
    'The organization itself is designed to survive beyond al-Baghdadi.',
    ['They have prepared for this by declaring that al-Baghdadi is the 8th caliph.'],
    'The organization itself is designed to survive beyond al-Baghdadi.',
    'unresolved',
  ],
  [
    'name "he" by the full name of an earlier subject',
    'He said the bank would not raise rates before the summer.',
    ['Mark Carney, the governor of the Bank of England, spoke in London on Thursday.'],
    'Mark Carney said the bank would not raise rates before the summer.',
    'resolved',
  ],
  [
    'name a demonstrative by the earlier phrase with the same noun',
    'This vacuum could let armed groups return to the valley.',
    ['The withdrawal of the last army units left a security vacuum in the north.'],
    'The security vacuum could let armed groups return to the valley.',
    'resolved',
  ],
  [
    'leave a demonstrative whose noun the text before does not have',
    'This external support may strengthen the Taliban’s hand.',
    ['Russia is casting its lot with the Afghan Taliban as a partner for stability.'],
    'This external support may strengthen the Taliban’s hand.',
    'unresolved',
  ],
  ['leave a bullet that does not point back', 'The Senate voted 52-48 to confirm the nominee.', ['The vote came after a months-long fight.'], 'The Senate voted 52-48 to confirm the nominee.', 'none'],
  ['leave "the group of" that says what it is', 'The group of 20 nations met in Osaka.', ['Leaders arrived on Friday.'], 'The group of 20 nations met in Osaka.', 'none'],
];

describe('resolveOpening', () => {
  it.each(CASES)('should %s', (_rule, bullet, previous, expected, status) => {
    expect(resolveOpening(bullet, previous)).toEqual({ text: expected, status });
  });
});
