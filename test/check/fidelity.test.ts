import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articleFacts, checkFidelity, factsMissingFrom, textFacts } from '../../src/check/fidelity.ts';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile, outlineFromText } from '../../src/outline/pipeline.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'check-fidelity');

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

  it('should not take a capitalised sentence opener for a name unless the article uses it as one, or it is shaped like one', () => {
    expect(factsMissingFrom('Overall, ISIS may be a spoiler.', facts, facts)).toEqual([]);
    expect(factsMissingFrom('Ask the audience: who gains from the split?', facts, facts)).toEqual([]);
    expect(factsMissingFrom('Extra troops are needed.', facts, facts)).toEqual([]);
    // "Tony" opens the bullet and the article never names a Tony; "Blair" stands where no sentence starts.
    expect(factsMissingFrom('Tony Blair agreed.', facts, facts)).toEqual([{ kind: 'name', text: 'Blair', offset: 5 }]);
    expect(factsMissingFrom('McChrystal warned of a spoiler.', facts, facts)).toEqual([{ kind: 'name', text: 'McChrystal', offset: 0 }]);
    // The article names the Taliban mid-sentence: opening a bullet, the word is a name, to be found in what the bullet is checked against.
    expect(factsMissingFrom('Taliban fighters are a spoiler.', textFacts('China is a spoiler.'), facts)).toEqual([{ kind: 'name', text: 'Taliban', offset: 0 }]);
    // The seed opens sentences with "Russia" but never names it elsewhere: opening a bullet, it is no name.
    expect(factsMissingFrom('Russia is a spoiler.', textFacts('China is a spoiler.'), facts)).toEqual([]);
  });

  it('should compare numbers by their value', () => {
    const withCommas = articleFacts('A crowd of 31,683 fans watched a 3-2 win worth $1.5 million.');
    expect(factsMissingFrom('31683 fans saw the 3-2 win; $1.5 million.', withCommas)).toEqual([]);
    expect(factsMissingFrom('31,684 fans.', withCommas)).toEqual([{ kind: 'number', text: '31,684', offset: 0 }]);
  });

  it('should compare numbers with their unit and scale', () => {
    const article = articleFacts('Fares rose 14% as operators earned $14 billion; 14 million journeys; 1,000 tickets; 2.5 percentage points; 20 billion dollars.');
    const missing = (text: string) => factsMissingFrom(text, article).map((fact) => fact.text);
    // Written another way, the same quantity.
    expect(missing('14 per cent; 14 percent; $14bn; US$14 billion; $14,000,000,000; 14m journeys; 1000 tickets; 2.5 percentage points; $20 billion.')).toEqual([]);
    // A number without a unit is the same number whatever its unit ("14 billion" of "$14 billion"); with one, only that unit.
    expect(missing('It rose 14; 14 billion journeys; 14 million dollars.')).toEqual(['14 million dollars']);
    // Another unit or scale is another quantity.
    expect(missing('$14 million; 14 trillion journeys; €14 billion; 14%; 2.5%; 1,000,000 tickets; $1,000.')).toEqual(['$14 million', '14 trillion', '€14 billion', '2.5%', '1,000,000', '$1,000']);
  });

  it('should read "14m" as a scale only of money, and a number glued to a word as the number', () => {
    const article = articleFacts('The wall is 14m high and the plot cost $3m; 14km of track.');
    expect(factsMissingFrom('A 14m wall on a $3 million plot; 14km.', article)).toEqual([]);
    expect(factsMissingFrom('A $14m wall.', article)).toEqual([{ kind: 'number', text: '$14m', offset: 2 }]);
  });
});

describe('checkFidelity', () => {
  it('should pass the outline generated from the seed article', async () => {
    const outline = await outlineFromText(seed, { format: 'txt', path: 'isis-central-asia.txt' });
    const text = outlineToMarkdown(outline);
    const file = new VFile({ path: 'isis-central-asia.outline.md', value: text });
    const read = outlineFromMarkdown(text, file);
    const article = articleFromFile(new VFile({ path: 'isis-central-asia.txt', value: seed }), 'txt');
    checkFidelity(read.outline, { text: seed, article }, file);
    expect(file.messages.map(String)).toEqual([]);
  });

  it('should pass the outline generated from the fixture article, each bullet against its own sentence', () => {
    const text = readFileSync(join(FIXTURES, 'article.md'), 'utf8');
    const article = articleFromFile(new VFile({ path: 'article.md', value: text }), 'md');
    const markdown = outlineToMarkdown(outlineFromArticle(article, { sourceName: 'article.md' }));
    const file = new VFile({ path: 'article.outline.md', value: markdown });
    const read = outlineFromMarkdown(markdown, file);
    expect(read.outline.slides.flatMap((slide) => slide.bullets).filter((bullet) => bullet.source).length).toBeGreaterThan(5);
    checkFidelity(read.outline, { text, article }, file);
    expect(file.messages.map(String)).toEqual([]);
  });

  // Each folder of test/fixtures/check-fidelity holds a hand-edited outline of article.md and the warnings it gives (none for `pass-*`).
  const article = readFileSync(join(FIXTURES, 'article.md'), 'utf8');
  for (const name of readdirSync(FIXTURES).filter((entry) => !entry.includes('.'))) {
    it(`should ${name.startsWith('pass-') ? 'not warn' : 'warn'} on the hand edit ${name}`, () => {
      const markdown = readFileSync(join(FIXTURES, name, 'outline.md'), 'utf8');
      const file = new VFile({ path: 'outline.md', value: markdown });
      const read = outlineFromMarkdown(markdown, file);
      checkFidelity(read.outline, { text: article, article: articleFromFile(new VFile({ path: 'article.md', value: article }), 'md') }, file);
      const warnings = file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`);
      const expectedPath = join(FIXTURES, name, 'expected.json');
      if (process.env.UPDATE_FIXTURES && !existsSync(expectedPath)) writeFileSync(expectedPath, `${JSON.stringify(warnings, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as string[];
      expect(warnings).toEqual(expected);
      expect(expected.length > 0).toBe(!name.startsWith('pass-'));
    });
  }

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
      '## Kabul and the Taliban in Herat',
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
      [10, 29, 'fidelity', 'Unexpected name `Herat` on slide “Kabul and the Taliban in Herat”, not found in the article; check it against the source'],
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
    // A generated bullet reworded with a year the article has, though not in the bullet's own sentence.
    const marked = lines.findIndex((line, index) => index > at && /^- .*\{@\d+:\d+\}$/.test(line) && !line.includes('2014'));
    const marker = /\{@(\d+:\d+)\}$/.exec(lines[marked]!)![1];
    expect(seed).toContain('June of 2014');
    lines[marked] = `- ISIS grew in 2014. {@${marker}}`;
    writeFileSync(path, lines.join('\n'));
    const rebuilt = runCli(['content/isis-central-asia.txt'], dir);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const warnings = rebuilt.stderr.split('\n').filter((line) => /Unexpected (number|name)/.test(line));
    expect(warnings).toEqual([
      `warning: content/isis-central-asia.outline.md:${at + 1}:12: Unexpected number \`40,000\` on slide “Key points”, not found in the article; check it against the source`,
      `warning: content/isis-central-asia.outline.md:${at + 1}:31: Unexpected name \`Kabul\` on slide “Key points”, not found in the article; check it against the source`,
      `warning: content/isis-central-asia.outline.md:${marked + 1}:16: Unexpected number \`2014\` on slide “Key points”, not in its source sentence (article ${marker}); check it against the source`,
    ]);
  });
});
