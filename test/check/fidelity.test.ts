import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articleFacts, checkFidelity, factsMissingFrom } from '../../src/check/fidelity.ts';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { outlineFromText } from '../../src/outline/pipeline.ts';

const seed = readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8');
const facts = articleFacts(seed);

describe('factsMissingFrom', () => {
  it('should accept numbers, ordinals, dates and names the article has', () => {
    expect(factsMissingFrom('The Obama Administration is reconsidering its 2016 drawdown plans.', facts)).toEqual([]);
    expect(factsMissingFrom('Al-Baghdadi is the 8th caliph; the 12th will oversee the final battle.', facts)).toEqual([]);
    expect(factsMissingFrom('ISIS conquered Mosul in June of 2014.', facts)).toEqual([]);
    expect(factsMissingFrom('Russia and China court the Taliban in Tajikistan and Uzbekistan.', facts)).toEqual([]);
  });

  it('should report a number, a percentage and names the article lacks, with their offsets', () => {
    expect(factsMissingFrom('Its 2017 plans cut 45% of troops in Kabul, Joe Biden said.', facts)).toEqual([
      { kind: 'number', text: '2017', offset: 4 },
      { kind: 'number', text: '45%', offset: 19 },
      { kind: 'name', text: 'Kabul', offset: 36 },
      { kind: 'name', text: 'Joe', offset: 43 },
      { kind: 'name', text: 'Biden', offset: 47 },
    ]);
  });

  it('should not take a capitalised sentence opener for a name, unless it is shaped like one', () => {
    expect(factsMissingFrom('Overall, ISIS may be a spoiler.', facts)).toEqual([]);
    expect(factsMissingFrom('Ask the audience: who gains from the split?', facts)).toEqual([]);
    expect(factsMissingFrom('Tony Blair agreed.', facts)).toEqual([
      { kind: 'name', text: 'Tony', offset: 0 },
      { kind: 'name', text: 'Blair', offset: 5 },
    ]);
    expect(factsMissingFrom('McChrystal warned of a spoiler.', facts)).toEqual([{ kind: 'name', text: 'McChrystal', offset: 0 }]);
  });

  it('should compare numbers by their digits', () => {
    const withCommas = articleFacts('A crowd of 31,683 fans watched a 3-2 win worth $1.5 million.');
    expect(factsMissingFrom('31683 fans saw the 3-2 win; $1.5 million.', withCommas)).toEqual([]);
    expect(factsMissingFrom('31,684 fans.', withCommas)).toEqual([{ kind: 'number', text: '31,684', offset: 0 }]);
  });
});

describe('checkFidelity', () => {
  it('should pass the outline generated from the seed article', async () => {
    const outline = await outlineFromText(seed, { format: 'txt', path: 'isis-central-asia.txt' });
    const text = outlineToMarkdown(outline);
    const file = new VFile({ path: 'isis-central-asia.outline.md', value: text });
    const read = outlineFromMarkdown(text, file);
    checkFidelity(read.outline, seed, file);
    expect(file.messages.map(String)).toEqual([]);
  });

  it('should warn at the line and column of a hand-edited bullet and slide title, naming the slide', () => {
    const text = [
      '---',
      'title: ISIS in Central Asia',
      '---',
      '',
      '## Key points {.key-points}',
      '',
      '- ISIS has the potential to be a spoiler. {@25:1}',
      '- The U.S. will withdraw 9,800 troops by 2017. {@19:1}',
      '',
      '## Kabul and the Taliban',
      '',
      '- China is cultivating a friendship with the Taliban.',
      '',
    ].join('\n');
    const file = new VFile({ path: 'seed.outline.md', value: text });
    const read = outlineFromMarkdown(text, file);
    checkFidelity(read.outline, seed, file);
    expect(file.messages.map((message) => [message.line, message.column, message.ruleId, message.reason])).toEqual([
      [8, 26, 'fidelity', 'Unexpected number `9,800` on slide “Key points”, not found in the article; check it against the source'],
      [8, 42, 'fidelity', 'Unexpected number `2017` on slide “Key points”, not found in the article; check it against the source'],
      [10, 4, 'fidelity', 'Unexpected name `Kabul` on slide “Kabul and the Taliban”, not found in the article; check it against the source'],
    ]);
    expect(file.messages.every((message) => message.fatal === false)).toBe(true);
  });
});

describe('the build', () => {
  it('should warn through the CLI, at the outline line, when a hand edit puts a number on a slide the article lacks', async () => {
    const { runCli, seedWorkspace } = await import('../helpers/cli.ts');
    const { readFileSync: read, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = seedWorkspace('briefdeck-fidelity-');
    expect(runCli(['content/isis-central-asia.txt'], dir).status).toBe(0);
    const path = join(dir, 'content/isis-central-asia.outline.md');
    const lines = read(path, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('- '));
    lines[at] = '- ISIS has 40,000 fighters in Kabul.';
    writeFileSync(path, lines.join('\n'));
    const rebuilt = runCli(['content/isis-central-asia.txt'], dir);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const warnings = rebuilt.stderr.split('\n').filter((line) => line.includes('fidelity') || line.includes('not found in the article'));
    expect(warnings).toEqual([
      `warning: content/isis-central-asia.outline.md:${at + 1}:12: Unexpected number \`40,000\` on slide “Key points”, not found in the article; check it against the source`,
      `warning: content/isis-central-asia.outline.md:${at + 1}:31: Unexpected name \`Kabul\` on slide “Key points”, not found in the article; check it against the source`,
    ]);
  });
});
