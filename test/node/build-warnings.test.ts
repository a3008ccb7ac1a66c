/**
 * A build's warnings about a hand-edited outline point at the outline line they are about:
 * the fidelity check at the bullet (and column of the number), the fit step at the bullet that
 * fits nowhere, figures and formulas at their slide's heading (also on a "(cont.)" slide), and
 * an unresolved merge conflict at its comment. The places come from the positions the
 * outline's slides and bullets were read with.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/node/build-deck.ts';

const ARTICLE = [
  '# Rates rise',
  '',
  'The central bank raised rates by half a point on Tuesday, said Jane Smith, its governor.',
  '',
  'Inflation reached 7.1% in March, the highest in decades.',
  '',
  '## Markets',
  '',
  'Stocks fell 3% after the announcement, according to traders in London.',
  '',
  'Bond yields climbed as investors sold government debt.',
  '',
].join('\n');

const LONG_BULLET = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'long-article', 'impossible.outline.md'), 'utf8')
  .split('\n')
  .find((line) => line.startsWith('- Negotiators'))!;

describe('build warnings on a hand-edited outline', () => {
  it('should give each warning the line and column of what it is about', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-warnings-'));
    const article = join(dir, 'rates.md');
    writeFileSync(article, ARTICLE);
    const first = await buildDeck({ article, outDir: join(dir, 'dist') });
    expect(first.messages.map(String)).toEqual([]);
    const front = /^---\n[^]*?\n---\n/.exec(first.outlineText)![0];
    // Kept as it is (the article did not change): every line below is the person's.
    const lines = [
      ...front.trimEnd().split('\n'),
      '',
      '## Rates rise {.title}',
      '',
      '## Markets',
      '',
      '- Stocks fell 3% after the announcement. {@9:1}',
      '  - Bond yields climbed to 9.4% as investors sold debt.',
      '<!-- briefdeck-conflict: the article now has: - Stocks fell. -->',
      '',
      '## Crowded',
      '',
      ...Array.from({ length: 14 }, (_, index) => `- Point ${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen'][index]} of a long list that will not fit on one slide`),
      '- The last point has a formula that cannot be typeset: $\\frac{$',
      '',
      '## A chart {.exhibit}',
      '',
      '![A chart](missing.png)',
      '',
      '## Too long',
      '',
      LONG_BULLET,
      '',
    ];
    const outlineText = lines.join('\n');
    writeFileSync(first.outlinePath, outlineText);
    const report = await buildDeck({ article, outDir: join(dir, 'dist') });
    expect(report.outline).toBe('kept');
    const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;
    const places = report.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
    expect(places).toEqual(
      expect.arrayContaining([
        `${lineOf('<!-- briefdeck-conflict')}:1 merge-conflict`,
        // A bullet's facts are counted from column 3, after `- `.
        `${lineOf('  - Bond yields')}:${3 + 'Bond yields climbed to '.length} fidelity`,
        `${lineOf('- Negotiators')}:1 slide-overflow`,
        `${lineOf('## Crowded')}:1 math`,
        `${lineOf('## A chart')}:1 figure`,
      ]),
    );
    // Whatever else the fidelity check finds (names in the person's text), it is on a slide's or bullet's line.
    const starts = new Set(lines.flatMap((line, index) => (/^(?:## | {0,3}- |<!--)/.test(line) ? [index + 1] : [])));
    expect(report.messages.filter((message) => !starts.has(message.line!)).map(String)).toEqual([]);
    // The formula is on the crowded slide's "(cont.)" part, which points at the slide it continues.
    expect(report.slideCount).toBeGreaterThan(lines.filter((line) => line.startsWith('## ')).length);
  });
});
