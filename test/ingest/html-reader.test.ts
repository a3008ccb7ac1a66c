import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/index.ts';
import { mdastFromFile } from '../../src/ingest/ingest.ts';
import { bylineNames, stripSiteName } from '../../src/ingest/page-metadata.ts';
import { tokenF1 } from '../../scripts/lib/token-f1.ts';
import type { Article } from '../../src/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ingest');
const pages = readdirSync(FIXTURES).filter((name) => readdirSync(join(FIXTURES, name)).includes('input.html'));

/** The article's text as a reader sees it: the headings it had and its paragraphs, one a line. */
export function bodyText(article: Article): string {
  return article.sections.flatMap((section) => [...(section.headingGenerated ? [] : [section.heading]), ...section.paragraphs.map((paragraph) => paragraph.text)]).join('\n');
}

interface Expected {
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  source?: string;
  lang?: string;
  images?: Array<{ url: string; alt: string; title: string }>;
  code?: string[];
  tables?: number;
  lists?: number;
  blockquotes?: number;
}

describe('saved web pages read as a reader view would', () => {
  it('should have at least 8 page fixtures', () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of pages) {
    describe(name, () => {
      const dir = join(FIXTURES, name);
      const html = readFileSync(join(dir, 'input.html'), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const expectedText = readFileSync(join(dir, 'expected.txt'), 'utf8');

      it('should read the article body at token F1 >= 0.97 against expected.txt', () => {
        const article = readArticle(html, { format: 'html', path: 'input.html' });
        const score = tokenF1(bodyText(article), expectedText);
        expect(score.f1, `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}\n${bodyText(article)}`).toBeGreaterThanOrEqual(0.97);
      });

      it('should take title, byline, date, source and lang from the page', () => {
        const article = readArticle(html, { format: 'html', path: 'input.html' });
        expect({ title: article.title, subtitle: article.subtitle, author: article.author, byline: article.byline, date: article.date, source: article.source, lang: article.lang }).toEqual({
          title: expected.title,
          subtitle: expected.subtitle,
          author: expected.author,
          byline: expected.author,
          date: expected.date,
          source: expected.source,
          lang: expected.lang,
        });
        expect(JSON.parse(JSON.stringify(article))).toEqual(article);
      });

      it('should keep figures as images with their captions, and code, tables, lists and quotes as nodes', () => {
        const file = new VFile({ path: 'input.html', value: html });
        const tree = mdastFromFile(file, 'html') as Root;
        const images: Array<{ url: string; alt: string; title: string }> = [];
        const code: string[] = [];
        const counts = { table: 0, list: 0, blockquote: 0 };
        visit(tree, (node) => {
          if (node.type === 'image') images.push({ url: node.url, alt: node.alt ?? '', title: node.title ?? '' });
          if (node.type === 'code') code.push(node.value);
          if (node.type === 'table' || node.type === 'blockquote') counts[node.type] += 1;
          if (node.type === 'list') counts.list += 1;
        });
        expect(images).toEqual(expected.images ?? []);
        expect(code).toEqual(expected.code ?? []);
        expect(counts).toEqual({ table: expected.tables ?? 0, list: expected.lists ?? 0, blockquote: expected.blockquotes ?? 0 });
        // No caption or credit is a paragraph: they are image titles.
        const paragraphs: string[] = [];
        visit(tree, 'paragraph', (node) => {
          paragraphs.push(toString(node));
        });
        for (const image of images) expect(paragraphs).not.toContain(image.title);
      });

      it('should say in one note what it kept and dropped', () => {
        const file = new VFile({ path: 'input.html', value: html });
        mdastFromFile(file, 'html');
        const notes = file.messages.filter((message) => message.ruleId === 'web-page');
        expect(notes).toHaveLength(1);
        expect(notes[0]!.reason).toMatch(/^kept 1 article of [\d,]+ words; dropped [\d,]+ words of page chrome \(navigation, headers, footers/);
      });

      it('should point every paragraph at its line in the page', () => {
        const article = readArticle(html, { format: 'html', path: 'input.html' });
        const lines = html.split('\n');
        for (const paragraph of article.sections.flatMap((section) => section.paragraphs)) {
          const first = paragraph.sentences[0]!;
          const line = lines[first.start.line - 1]!;
          // The sentence's first word starts there (inline tags may follow it).
          expect(line.slice(first.start.column - 1).replace(/^["“]/, "").startsWith(first.text.replace(/^["“]/, '').split(/[\s,.]/)[0]!), `${first.text} at ${first.start.line}:${first.start.column}`).toBe(true);
        }
      });
    });
  }

  it('should drop the site name from a page title but keep a title that is all headline', () => {
    expect(stripSiteName('Headline of the day | Ars Technica', 'Ars Technica')).toBe('Headline of the day');
    expect(stripSiteName('Using the Fetch API - Web APIs | MDN', 'MDN Web Docs')).toBe('Using the Fetch API');
    expect(stripSiteName('The Daily Ledger - Border Delays Push Grain Prices Higher', 'The Daily Ledger')).toBe('Border Delays Push Grain Prices Higher');
    expect(stripSiteName('Crime and Punishment - a review of the new translation')).toBe('Crime and Punishment - a review of the new translation');
  });

  it('should keep only the names of a byline, not the outlet, time, handle or job title sites print after them', () => {
    const cases: Array<[string, string | undefined]> = [
      ['Doug Stanglin, USA TODAY 8:42 p.m. EDT October 2, 2014', 'Doug Stanglin'],
      ['Bryan Walsh Tuesday, Aug. 17, 2010', 'Bryan Walsh'],
      ['Rose Orlik More from this author', 'Rose Orlik'],
      ['Griffin McElroy @griffinmcelroy', 'Griffin McElroy'],
      ['Alexa Ray Corriea on Jul 04, 2014 at 11:00a', 'Alexa Ray Corriea'],
      ['Andrea Stone Senior Washington Correspondent', 'Andrea Stone'],
      ['DAVID LIEBERMAN, Executive Editor', 'DAVID LIEBERMAN'],
      ['Ed Hornick, CNNcnnAuthor = "Ed Hornick"', 'Ed Hornick'],
      ['LILIAN ALEMAGNA, LAURE BRETTON', 'LILIAN ALEMAGNA, LAURE BRETTON'],
      ['By Mary May and Juan Marchand', 'Mary May and Juan Marchand'],
      ['9:39AM BST 05 Oct 2011', undefined],
      ['lefigaro.fr', undefined],
    ];
    for (const [byline, names] of cases) expect(bylineNames(byline), byline).toBe(names);
  });

  it('should read a page fragment without <html> or <article>', () => {
    const article = readArticle('<p>The council approved the budget after a long debate on Tuesday night.</p>', { format: 'html' });
    expect(bodyText(article)).toBe('The council approved the budget after a long debate on Tuesday night.');
  });

  it('should read a fragment with a stray <body> inside it (found by fuzzing: Readability walked off the tree)', () => {
    const fragment = '<p>&lt;video><source onerror=top.x=1&gt;\n<body>**The council approved the budget.**</body>\n<p><img src=x onerror=alert(1)>\n<td>The schools got more.';
    const article = readArticle(fragment, { format: 'html' });
    expect(bodyText(article)).toContain('The council approved the budget.');
    expect(bodyText(article)).toContain('The schools got more.');
  });
});
