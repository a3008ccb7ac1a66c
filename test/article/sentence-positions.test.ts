/**
 * Every sentence's recorded line:column is where the sentence starts in the article file, whatever
 * escapes, entities, inline markup, footnote marks or container prefixes come before it in its paragraph.
 * A property test over random Markdown and plain text, and a fixture of each format.
 * With BRIEFDECK_HEAVY_TESTS (CI) more random articles run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { describe, expect, it } from 'vitest';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import type { Article, ArticleFormat } from '../../src/types.ts';

const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'article-positions');

/** Each sentence as `line:column first-word | source there`, for a readable failure. */
function misplaced(article: Article, text: string): string[] {
  const place = location(text);
  const wrong: string[] = [];
  for (const section of article.sections) {
    for (const paragraph of section.paragraphs) {
      for (const sentence of paragraph.sentences) {
        const first = /^[^\s,;:.!?]+/u.exec(sentence.text)?.[0] ?? sentence.text;
        const offset = place.toOffset({ line: sentence.start.line, column: sentence.start.column });
        if (offset !== sentence.start.offset || !text.startsWith(first, offset)) {
          wrong.push(`${sentence.start.line}:${sentence.start.column} ${first} | ${JSON.stringify(text.slice(offset ?? 0, (offset ?? 0) + 20))}`);
        }
      }
    }
  }
  return wrong;
}

function read(text: string, format: ArticleFormat): Article {
  return articleFromFile(new VFile({ path: `article.${format}`, value: text }), format);
}

const openers = fc.constantFrom('Rail', 'Fares', 'Commuters', 'Drivers', 'Cities', 'Budgets', 'Ministers', 'Prices', 'Unions', 'Trains');
const plainWord = fc.constantFrom('fell', 'rose', 'sharply', 'across', 'regional', 'network', 'survey', 'commuters', 'weekday', 'service');
const finalWord = fc.constantFrom('today', 'yesterday', 'again', 'overall', 'nationwide', 'recently');

/** A word of a sentence's middle, written with Markdown inline syntax, escapes or character references. */
const markdownToken = fc.oneof(
  plainWord,
  plainWord.map((word) => `**${word}**`),
  plainWord.map((word) => `*${word}*`),
  plainWord.map((word) => `_${word}_`),
  plainWord.map((word) => `~~${word}~~`),
  plainWord.map((word) => `\`${word}\``),
  plainWord.map((word) => `\`\` ${word} \`\``),
  plainWord.map((word) => `[${word}](https://example.org/${word})`),
  plainWord.map((word) => `[**${word}** \\*](https://example.org/a_(b))`),
  plainWord.map((word) => `${word}[^1]`),
  fc.constantFrom('\\*', '\\_', '\\[', '\\]', '\\#', '\\\\', '\\`', '\\$', 'a\\*b\\*c', '&amp;', '&copy;', '&#169;', '&#x2014;', '&nbsp;', '&lt;b&gt;', 'AT&T', '&amp;amp;', '&notanentity;'),
  fc.constantFrom('$5', '$x^2$', '$$y$$', '$10 and $20', '<span>raw</span>', '<https://example.org>', 'www.example.org', '![chart](c.png)'),
);

/** A sentence: a plain capitalised first word, random middle, a plain last word and a full stop. */
const markdownSentence = fc.tuple(openers, fc.array(markdownToken, { maxLength: 7 }), finalWord).map(([first, middle, last]) => [first, ...middle, `${last}.`]);

/** How a paragraph is written: where its lines go, and what starts each line. */
const container = fc.constantFrom('paragraph', 'list', 'quote', 'ordered', 'nested-quote');

const markdownParagraph = fc.record({
  container,
  sentences: fc.array(markdownSentence, { minLength: 1, maxLength: 4 }),
  /** After which words lines break (soft breaks, with the container's prefix on the next line). */
  breaks: fc.array(fc.nat(40), { maxLength: 4 }),
  /** Trailing spaces before a line break (two or more are a hard break). */
  trailing: fc.constantFrom('', ' ', '  '),
  indent: fc.constantFrom('', ' ', '   '),
});

function writeParagraph(paragraph: typeof markdownParagraph extends fc.Arbitrary<infer T> ? T : never): string {
  const words = paragraph.sentences.flat();
  const [first, next] = {
    paragraph: [paragraph.indent, paragraph.indent],
    list: ['- ', '  '],
    ordered: ['12. ', '    '],
    quote: ['> ', '> '],
    'nested-quote': ['> - ', '>   '],
  }[paragraph.container];
  let text = first;
  words.forEach((word, index) => {
    if (index > 0) text += paragraph.breaks.includes(index) ? `${paragraph.trailing}\n${next}` : ' ';
    text += word;
  });
  return text;
}

const markdownArticle = fc.array(markdownParagraph, { minLength: 1, maxLength: 4 }).map((paragraphs) => ['# Random article', '', 'Rail fares rose again today.', '', ...paragraphs.flatMap((paragraph) => [writeParagraph(paragraph), '']), '[^1]: A footnote.', ''].join('\n'));

/** Plain text keeps every character as written: backslashes, ampersands and asterisks are text. */
const plainToken = fc.oneof(plainWord, fc.constantFrom('\\*', '\\\\', '&amp;', '**bold**', '[x](y)', '`code`', '$5', 'AT&T', '\u00a0', '—'));
const plainSentence = fc.tuple(openers, fc.array(plainToken, { maxLength: 7 }), finalWord).map(([first, middle, last]) => [first, ...middle, `${last}.`].join(' '));
const plainArticle = fc
  .array(fc.array(plainSentence, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 })
  .map((paragraphs) => ['Random article about rail fares', '', ...paragraphs.flatMap((sentences) => [sentences.join(' '), ''])].join('\n'));

describe('sentence positions', () => {
  it('should record where each sentence starts in a Markdown file, whatever comes before it in its paragraph', () => {
    fc.assert(
      fc.property(markdownArticle, (text) => {
        expect(misplaced(read(text, 'md'), text)).toEqual([]);
      }),
      {
        numRuns: HEAVY ? 3000 : 250,
        // Found by a heavy run: a formula from "$5" to "\$" across a list item's lines, its indent inside the TeX.
        examples: [
          ['# Random article\n\nRail fares rose again today.\n\n12. Rail $5\n    today. Rail \\$ today.\n\n[^1]: A footnote.\n'],
          // Found in CI: a line's indent before "&nbsp;" was taken for the no-break space, and every later start slid back to it.
          ['# Random article\n\nRail fares rose again today.\n\n Rail today. Rail *fell*\n &nbsp; today. Rail today.\n\nRail today.\n\n[^1]: A footnote.\n'],
          ['# Random article\n\nRail fares rose again today.\n\n12. Rail *fell* \\* [**fell** \\*](https://example.org/a_(b)) today. Rail [fell](https://example.org/fell)\n    &nbsp; today. Rail today.\n\n[^1]: A footnote.\n'],
        ],
      },
    );
  });

  it('should record where each sentence starts in a plain text file', () => {
    fc.assert(
      fc.property(plainArticle, (text) => {
        expect(misplaced(read(text, 'txt'), text)).toEqual([]);
      }),
      { numRuns: HEAVY ? 1000 : 150 },
    );
  });

  it('should point at each sentence of the fixtures, in Markdown, plain text and a saved page', () => {
    for (const [name, format] of [['article.md', 'md'], ['article.txt', 'txt'], ['article.html', 'html']] as const) {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const article = read(text, format);
      const starts = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => `${sentence.start.line}:${sentence.start.column} ${sentence.text.slice(0, 24)}`)));
      expect({ name, starts }).toEqual({ name, starts: JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as string[] });
      expect(misplaced(article, text)).toEqual([]);
    }
  });
});
