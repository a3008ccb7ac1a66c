/**
 * The English "Golden Rules" of sentence boundary detection (the 48 English cases that
 * pragmatic_segmenter made the common benchmark for rule-based splitters), written out as a
 * fixture. briefdeck must get at least 46 of them right; each case is also reported by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.ts';

interface GoldenRule {
  name: string;
  text: string;
  expected: string[];
}

const RULES = JSON.parse(readFileSync(new URL('../fixtures/text-golden-rules/cases.json', import.meta.url), 'utf8')) as GoldenRule[];

describe('golden rules (English)', () => {
  it('holds the 48 cases', () => {
    expect(RULES).toHaveLength(48);
  });

  it('splits at least 46 of the 48 as expected', () => {
    const failed = RULES.filter((rule) => JSON.stringify(splitSentences(rule.text)) !== JSON.stringify(rule.expected));
    const report = failed.map((rule) => `${rule.name}: ${JSON.stringify(splitSentences(rule.text))}`);
    expect(RULES.length - failed.length, report.join('\n')).toBeGreaterThanOrEqual(46);
  });

  // The hard cases the issue names, each held on its own.
  for (const name of [
    'Ellipsis as sentence boundary (standard ellipsis rules)',
    'Named entities with an exclamation point',
    'List (period followed by parens and no period to end item)',
    'Alphabetical list',
    'I as a sentence boundary and I as an abbreviation',
    'Parenthetical inside sentence',
    'Geo coordinates',
    'Ellipsis with square brackets',
  ]) {
    it(name, () => {
      const rule = RULES.find((candidate) => candidate.name === name)!;
      expect(splitSentences(rule.text)).toEqual(rule.expected);
    });
  }
});
