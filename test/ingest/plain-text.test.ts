import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/index.ts';
import { mdastFromFile } from '../../src/ingest/ingest.ts';
import { listItems } from '../../src/ingest/plain-text.ts';
import { tokenF1 } from '../../scripts/lib/token-f1.ts';
import type { Article } from '../../src/types.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'ingest', 'pasted-news');
const bodyText = (article: Article) => article.sections.flatMap((section) => [...(section.headingGenerated ? [] : [section.heading]), ...section.paragraphs.map((paragraph) => paragraph.text)]).join('\n');

describe('text pasted from a web page, as a browser copies it', () => {
  const text = readFileSync(join(DIR, 'input.txt'), 'utf8');
  const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { title: string; author: string; date: string; lists: number; listItems: number; tables: number; tableRows: string[][] };

  it('should read the article body and nothing else (token F1 >= 0.97), with the byline and date as metadata', () => {
    const article = readArticle(text, { format: 'txt', path: 'input.txt' });
    const score = tokenF1(bodyText(article), readFileSync(join(DIR, 'expected.txt'), 'utf8'));
    expect(score.f1, bodyText(article)).toBeGreaterThanOrEqual(0.97);
    expect({ title: article.title, author: article.author, byline: article.byline, date: article.date }).toEqual({ title: expected.title, author: expected.author, byline: expected.author, date: expected.date });
    // "Read the full transcript ..." is a link label, not a section.
    expect(article.sections.map((section) => section.heading)).not.toContain('Read the full transcript of the customs briefing');
  });

  it('should make a run of short lines a list and tab-separated rows a table', () => {
    const tree = mdastFromFile(new VFile({ path: 'input.txt', value: text }), 'txt') as Root;
    const lists: string[][] = [];
    const tables: string[][][] = [];
    visit(tree, (node) => {
      if (node.type === 'list') lists.push(node.children.map((item) => toString(item)));
      if (node.type === 'table') tables.push((node as Table).children.map((row) => row.children.map((cell) => toString(cell))));
    });
    expect(lists).toEqual([["Drivers' wages for the hours spent waiting", 'Fuel for engines left running in the cold', 'Penalties for late deliveries to bakeries']]);
    expect(tables).toEqual([expected.tableRows]);
    // Every table cell and list item points at its place in the pasted text.
    visit(tree, 'tableCell', (cell) => {
      const offset = cell.children[0]?.position?.start.offset;
      expect(text.slice(offset, offset! + toString(cell).length)).toBe(toString(cell));
    });
  });

  it('should say in one note what it dropped', () => {
    const file = new VFile({ path: 'input.txt', value: text });
    mdastFromFile(file, 'txt');
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`)).toEqual([
      '39:1 web-chrome: Dropped web page footer `Share this 312 Comments`; dropped a photo credit, a photo caption, 4 "Read more" or link lines, a print-edition footer (page furniture, not article text)',
    ]);
  });

  it('should keep a hard-wrapped paragraph whole, and lines of long sentences as paragraphs', () => {
    expect(listItems(['The council met on Tuesday and voted to keep the', 'library open on Sundays, reversing a plan.'])).toBeUndefined();
    expect(listItems(['The council voted 7 to 2 on Tuesday to keep the central library open on Sundays.', 'The plan would have saved about 85,000 dollars a year, council members said.'])).toBeUndefined();
    expect(listItems(['• Raise tariffs', '• Publish the age of every main'])?.items).toEqual([
      { line: 0, from: 2 },
      { line: 1, from: 2 },
    ]);
  });

  it('should not take a "By ..." line or a link label as the title', () => {
    const article = readArticle('By Jane Roe\n\nThe council voted on Tuesday to keep the library open on Sundays. The plan would have saved money.\n\nMembers found the money elsewhere.', { format: 'txt' });
    expect(article.author).toBe('Jane Roe');
    expect(article.title).not.toMatch(/^By /);
  });
});
