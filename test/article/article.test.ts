import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatFromPath } from '../../src/ingest/ingest.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import type { Article } from '../../src/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** What the ingest + article stages are pinned on: structure and positions, not the generated section names. */
function summary(article: Article, file: VFile) {
  return {
    title: article.title,
    subtitle: article.subtitle ?? null,
    author: article.author ?? null,
    date: article.date ?? null,
    source: article.source ?? null,
    sections: article.sections.map((section) => ({
      heading: section.headingGenerated ? '(generated)' : section.heading,
      line: section.start.line,
      paragraphs: section.paragraphs.map((paragraph) => ({
        line: paragraph.start.line,
        firstSentence: paragraph.sentences[0]!.text.slice(0, 60),
        firstSentenceAt: `${paragraph.sentences[0]!.start.line}:${paragraph.sentences[0]!.start.column}`,
      })),
    })),
    // Only where there is some, so the fixtures of articles without it stay as they were.
    ...(article.backMatter ? { backMatter: article.backMatter.map((part) => ({ heading: part.heading, line: part.start.line, paragraphs: part.paragraphs.length })) } : {}),
    messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`),
  };
}

const cases = readdirSync(FIXTURES).filter((name) => name.startsWith('ingest-'));

describe('ingest and article model', () => {
  for (const name of cases) {
    it(`should read fixture ${name} as expected.json says`, () => {
      const dir = join(FIXTURES, name);
      const input = readdirSync(dir).find((file) => file.startsWith('input.'))!;
      const path = join(dir, input);
      const file = new VFile({ path: input, value: readFileSync(path, 'utf8') });
      const actual = summary(articleFromFile(file, formatFromPath(input)!), file);
      const expectedPath = join(dir, 'expected.json');
      if (process.env.UPDATE_FIXTURES || !existsSync(expectedPath)) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }

  it('should split the seed title at the colon, drop its footer and find two sections', () => {
    const text = readFileSync(join(FIXTURES, 'ingest-seed', 'input.txt'), 'utf8');
    const file = new VFile({ path: 'isis-central-asia.txt', value: text });
    const article = articleFromFile(file, 'txt');
    expect(article.title).toBe('ISIS’ Expedition Into Central Asia');
    expect(article.subtitle).toBe('A Spoiler or Boon for the Taliban?');
    expect(article.sections).toHaveLength(2);
    expect(article.sections[1]!.heading).toBe('A Critical Juncture');
    expect(article.sections[0]!.headingGenerated).toBe(true);
    expect(article.sections[0]!.heading).not.toMatch(/^(untitled|section \d+)$/i);
    const allText = article.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');
    expect(allText).not.toContain('Join the conversation');
    expect(file.messages.map((m) => [m.line, m.ruleId])).toEqual([[27, 'web-chrome']]);
  });

  it('should point each sentence at its line and column in the source', () => {
    const text = readFileSync(join(FIXTURES, 'ingest-seed', 'input.txt'), 'utf8');
    const file = new VFile({ value: text });
    const article = articleFromFile(file, 'txt');
    const lines = text.split('\n');
    for (const section of article.sections) {
      for (const paragraph of section.paragraphs) {
        for (const sentence of paragraph.sentences) {
          const line = lines[sentence.start.line - 1]!;
          const startWords = sentence.text.split(' ').slice(0, 3).join(' ');
          expect(line.slice(sentence.start.column - 1).replace(/[\s\u00a0]+/g, ' ')).toContain(startWords);
        }
      }
    }
  });

  it('should read front matter, tables and footnotes in Markdown without putting them on slides', () => {
    const text = readFileSync(join(FIXTURES, 'ingest-markdown', 'input.md'), 'utf8');
    const article = articleFromFile(new VFile({ value: text }), 'md');
    expect(article).toMatchObject({
      title: 'Water Rights on the Colorado',
      subtitle: 'Seven States, One Shrinking River',
      author: 'Dana Whitfield',
      date: '2024-03-18',
      source: 'https://example.org/colorado-water',
    });
    const allText = article.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');
    expect(allText).not.toContain('MAF');
    expect(allText).not.toContain('Arizona Department of Water Resources');
    expect(allText).toContain('California holds the most senior rights');
  });

  it('should read GFM as far as it shapes the text: tables and footnotes off, bare links and tildes as the characters they are', () => {
    const text = [
      '# Port Report',
      '',
      'Ships now dock at www.port.example and https://port.example/berths; write to harbour@port.example for a berth.',
      '',
      'Berth fees at http://port.example/~fees/ rose 5~10% in 3~4 years and https://port.example/*new* lists ~3 km of quays.',
      '',
      'The old pier closes in May.[^1]',
      '',
      '- [x] Dredging finished in March.',
      '',
      '| Berth | Depth |',
      '|-------|-------|',
      '| North | 14 m  |',
      '',
      '[^1]: Harbour board minutes, 2024.',
      '',
    ].join('\n');
    const article = articleFromFile(new VFile({ value: text }), 'md');
    const paragraphs = article.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text));
    expect(paragraphs).toEqual([
      'Ships now dock at www.port.example and https://port.example/berths; write to harbour@port.example for a berth.',
      'Berth fees at http://port.example/~fees/ rose 5~10% in 3~4 years and https://port.example/*new* lists ~3 km of quays.',
      'The old pier closes in May.',
      'Dredging finished in March.',
    ]);
  });

  it('should give each sentence its formatted stretches as Markdown, also in a copy sent to another thread', () => {
    const text = ['# Port Report', '', 'Fees rose **ten *percent*** in [the report](https://port.example/r) and `x` twice. Ships cost $x^2$ more.', ''].join('\n');
    const article = articleFromFile(new VFile({ value: text }), 'md');
    const sentences = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences));
    const expected = [
      [
        { text: 'ten percent', markdown: '**ten _percent_**' },
        { text: 'the report', markdown: '[the report](https://port.example/r)' },
        { text: 'x', markdown: '`x`' },
      ],
      [{ text: 'x^2', markdown: '$x^2$' }],
    ];
    expect(sentences.map((sentence) => sentence.marks)).toEqual(expected);
    // The Markdown is written when first read: a structured clone (a worker's message) and JSON read it too.
    const fresh = articleFromFile(new VFile({ value: text }), 'md');
    const cloned = structuredClone(fresh).sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.marks)));
    expect(cloned).toEqual(expected);
    expect(JSON.parse(JSON.stringify(fresh.sections[0]!.paragraphs[0]!.sentences[1]!.marks))).toEqual(expected[1]);
  });

  it('should keep only the article body of a saved HTML page', () => {
    const text = readFileSync(join(FIXTURES, 'ingest-html', 'input.html'), 'utf8');
    const article = articleFromFile(new VFile({ value: text }), 'html');
    expect(article.title).toBe('Harbour Ferries Return After Two Years');
    const allText = JSON.stringify(article);
    for (const chrome of ['Home', 'subscribe today', 'Related:', 'Share this story', 'alert']) expect(allText).not.toContain(chrome);
    expect(article.sections.map((s) => s.heading).slice(1)).toEqual(['Why Service Stopped']);
  });

  it('should read text pasted on one line, without a headline, as the article, and name it after its names', () => {
    // A whole news story on one line: its first sentence is no title, and "That" or "Your" opening sentences are no names.
    const text = readFileSync(join(FIXTURES, 'ingest-txt-one-paragraph', 'input.txt'), 'utf8');
    const article = articleFromFile(new VFile({ path: 'input.txt', value: text }), 'txt');
    expect(article.title).toBe('Summary: Broussard and California Pacific Medical Center');
    expect(article.sections).toHaveLength(1);
    expect(article.sections[0]!.paragraphs[0]!.sentences.length).toBeGreaterThan(20);
  });

  it('should take a short first line as the title and a long or many-sentence one as the first paragraph', () => {
    const read = (text: string) => articleFromFile(new VFile({ path: 'pasted.txt', value: text }), 'txt');
    const body = 'The council met on Monday. It voted to close the bridge for repairs.\n\nRepairs will take two years, officials said.\n';
    expect(read(`Bridge to Close for Two Years\n\n${body}`).title).toBe('Bridge to Close for Two Years');
    expect(read(`Is the U.S. Ready for Another Winter of Floods?\n\n${body}`).title).toBe('Is the U.S. Ready for Another Winter of Floods?');
    expect(read(`Stop. Think. Vote.\n\n${body}`).title).toBe('Stop. Think. Vote.');
    const headless = read(`The city's oldest bridge will close in May. Engineers found cracks in two of its piers last year.\n\n${body}`);
    expect(headless.sections[0]!.paragraphs[0]!.text).toMatch(/^The city's oldest bridge will close in May\./);
  });

  it('should leave an image at a network address out of the exhibits with a warning at its line, keeping a local one', () => {
    for (const format of ['md', 'html'] as const) {
      const text =
        format === 'md'
          ? '# Port plan\n\nThe board met on Monday and delayed the vote on the channel.\n\n![Dredger](https://cdn.example.com/dredger.jpg)\n\n![Map of the channel](map.png)\n'
          : '<html><body><h1>Port plan</h1><p>The board met on Monday and delayed the vote on the channel.</p>\n<p><img src="//cdn.example.com/dredger.jpg" alt="Dredger"></p>\n<p><img src="port_files/map.png" alt="Map of the channel"></p></body></html>';
      const file = new VFile({ path: `a.${format}`, value: text });
      const article = articleFromFile(file, format);
      const figures = article.sections.flatMap((section) => section.exhibits ?? []).map((exhibit) => (exhibit.block.type === 'figure' ? exhibit.block.src : exhibit.block.type));
      expect(figures, format).toEqual([format === 'md' ? 'map.png' : 'port_files/map.png']);
      const remote = file.messages.filter((message) => message.ruleId === 'remote-figure');
      expect(remote, format).toHaveLength(1);
      expect(remote[0]!.line, format).toBeGreaterThanOrEqual(1);
      expect(remote[0]!.reason).toMatch(/cdn\.example\.com\/dredger\.jpg.*network address.*left out/);
    }
  });

  it('should name a section after an acronym spelled like a common word, and after a first name that is also a verb', () => {
    const text = 'Officials said the US would act. The US envoy met Will Smith in May. Will Smith and the US envoy spoke again in June.\n';
    expect(articleFromFile(new VFile({ path: 'us.txt', value: text }), 'txt').title).toBe('Summary: US and Will Smith');
  });

  it('should fail an article without prose with a placed no-content message', () => {
    const file = new VFile({ path: 'only-headings.md', value: '# One\n\n## Two\n\n## Three\n' });
    expect(() => articleFromFile(file, 'md')).toThrowError(/No article text found/);
    const message = file.messages.at(-1)!;
    expect(message.ruleId).toBe('no-content');
    expect(message.line).toBe(1);
  });
});
