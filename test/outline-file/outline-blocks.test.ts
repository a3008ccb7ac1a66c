/**
 * Tables, figures, code, formulas and quotes in the outline file: each reads
 * into its block, and a fresh outline holding any of them reads back as itself.
 */
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { withoutPositions } from '../helpers/positions.ts';
import { tableCells } from '../../src/outline-file/outline-blocks.ts';
import type { Outline, SlideBlock } from '../../src/types.ts';

const FILE = `---
title: Report
---

## Revenue by year {.exhibit}

| Year | Revenue (bn) | Note |
| :--- | -----------: | :--: |
| 2023 | 1.2 | first \\| only |
| 2024 | 1.5 | **record** |

![Revenue, 2020-2024](images/revenue.png "Figure 1: Revenue rose every year")

- A bullet with *emphasis*, \`code\` and [a link](https://example.org) {@3:1}

## The model

\`\`\`python
def npv(rate, flows):
    ## not a slide
    return sum(f / (1 + rate) ** t for t, f in enumerate(flows))
\`\`\`

$$
\\sum_t \\frac{C_t}{(1+r)^t}
$$

## What the minister said {.quote}

> We will not raise taxes
> this year.
> — Jane Doe, finance minister
`;

describe('outline blocks', () => {
  it('reads tables, figures, code, formulas and quotes into blocks', () => {
    const read = outlineFromMarkdown(FILE, new VFile({ path: 'x.outline.md' }));
    const [table, code, quote] = withoutPositions(read.outline).slides;
    expect(table!.kind).toBe('exhibit');
    expect(table!.blocks).toEqual([
      { type: 'table', align: ['left', 'right', 'center'], header: ['Year', 'Revenue (bn)', 'Note'], rows: [['2023', '1.2', 'first \\| only'], ['2024', '1.5', '**record**']] },
      { type: 'figure', src: 'images/revenue.png', alt: 'Revenue, 2020-2024', caption: 'Figure 1: Revenue rose every year' },
    ]);
    expect(table!.bullets).toEqual([{ text: 'A bullet with *emphasis*, `code` and [a link](https://example.org)', source: '3:1' }]);
    expect(code!.title).toBe('The model');
    expect(code!.blocks).toEqual([
      { type: 'code', lang: 'python', value: 'def npv(rate, flows):\n    ## not a slide\n    return sum(f / (1 + rate) ** t for t, f in enumerate(flows))' },
      { type: 'math', value: '\\sum_t \\frac{C_t}{(1+r)^t}' },
    ]);
    expect(read.outline.slides).toHaveLength(3);
    expect(quote!.blocks).toEqual([{ type: 'quote', text: 'We will not raise taxes this year.', cite: 'Jane Doe, finance minister' }]);
    expect(outlineToMarkdown(read)).toBe(FILE);
  });

  it('gives every block the lines it was read from', () => {
    const lines = FILE.split('\n');
    const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;
    const blocks = outlineFromMarkdown(FILE).outline.slides.flatMap((slide) => slide.blocks ?? []);
    expect(blocks.map((block) => `${block.type} ${block.position!.start.line}-${block.position!.end.line}`)).toEqual([
      `table ${lineOf('| Year')}-${lineOf('| 2024')}`,
      `figure ${lineOf('![')}-${lineOf('![')}`,
      `code ${lineOf('```python')}-${lineOf('```python') + 4}`,
      `math ${lineOf('$$')}-${lineOf('$$') + 2}`,
      `quote ${lineOf('> We will')}-${lineOf('> — Jane')}`,
    ]);
  });

  it('reads back a fresh outline of every block as the same outline', () => {
    const read = withoutPositions(outlineFromMarkdown(FILE).outline);
    const written = outlineToMarkdown(read);
    expect(withoutPositions(outlineFromMarkdown(written).outline)).toEqual(read);
  });

  it('fails an unclosed code fence or formula at its line', () => {
    expect(() => outlineFromMarkdown('## A\n\n```js\nx\n', new VFile({ path: 'o.md' }))).toThrow(/Unclosed code block/);
    try {
      outlineFromMarkdown('## A\n\n$$\nx\n', new VFile({ path: 'o.md' }));
    } catch (error) {
      expect(String(error)).toMatch(/o\.md:3:1.*Unclosed formula/);
    }
  });

  it('warns about table cells beyond the header', () => {
    const file = new VFile({ path: 'o.md' });
    const read = outlineFromMarkdown('## A\n\n| a | b |\n| - | - |\n| 1 | 2 | 3 |\n', file);
    expect(withoutPositions(read.outline).slides[0]!.blocks).toEqual([{ type: 'table', align: [null, null], header: ['a', 'b'], rows: [['1', '2']] }]);
    expect(file.messages.map(String)).toEqual(['o.md:3:1: Table row has more cells than its header: 1 cell(s) beyond the header\'s columns are not shown']);
  });

  it('splits cells at unescaped pipes only', () => {
    expect(tableCells('| a \\| b | c\\\\| d |')).toEqual(['a \\| b', 'c\\\\', 'd']);
    expect(tableCells('a | b')).toEqual(['a', 'b']);
  });

  it('keeps a paragraph that looks like a block a paragraph', () => {
    const outline: Outline = { title: 'T', slides: [{ kind: 'content', title: 'A', bullets: [], body: ['> not a quote', '| not | a table', '```', '$$', '![x](y)'], notes: '' }] };
    expect(withoutPositions(outlineFromMarkdown(outlineToMarkdown(outline)).outline)).toEqual(outline);
  });

  const line = fc.string({ minLength: 1, maxLength: 20 }).map((text) => text.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').trim()).filter((text) => text.length > 0);
  const block: fc.Arbitrary<SlideBlock> = fc.oneof(
    fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.record({
        type: fc.constant('table' as const),
        align: fc.array(fc.constantFrom('left' as const, 'right' as const, 'center' as const, null), { minLength: columns, maxLength: columns }),
        header: fc.array(line, { minLength: columns, maxLength: columns }),
        rows: fc.array(fc.array(fc.oneof(line, fc.constant('')), { minLength: columns, maxLength: columns }), { maxLength: 4 }),
      }),
    ),
    fc.record({ type: fc.constant('figure' as const), src: line, alt: fc.oneof(line, fc.constant('')), caption: line }, { requiredKeys: ['type', 'src', 'alt'] }),
    fc.record({ type: fc.constant('code' as const), lang: fc.constantFrom('js', 'python', 'sql'), value: fc.array(fc.string({ maxLength: 30 }).map((t) => t.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')), { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n')) }, { requiredKeys: ['type', 'value'] }),
    fc.record({ type: fc.constant('math' as const), value: line.filter((text) => !/^ {0,3}\$\$[ \t]*$/.test(text)) }),
    fc.record({ type: fc.constant('quote' as const), text: line, cite: line }, { requiredKeys: ['type', 'text'] }),
  );

  it('round-trips any block (property)', () => {
    fc.assert(
      fc.property(block, (each) => {
        // Table cells are one line of Markdown: an unescaped pipe is written escaped, as the reader keeps it.
        const outline: Outline = { title: 'T', slides: [{ kind: 'exhibit', title: 'A', bullets: [], blocks: [each], notes: '' }] };
        const read = withoutPositions(outlineFromMarkdown(outlineToMarkdown(outline)).outline).slides[0]!.blocks![0]!;
        if (each.type === 'table') {
          const normal = (cells: string[]) => cells.map((cell) => outlineFromMarkdown(outlineToMarkdown({ title: 'T', slides: [{ kind: 'exhibit', title: 'A', bullets: [], blocks: [{ ...each, header: [cell], rows: [], align: [null] }], notes: '' }] })).outline.slides[0]!.blocks![0]! as { header: string[] }).map((b) => b.header[0]);
          expect(read).toEqual({ ...each, header: normal(each.header), rows: each.rows.map(normal) });
        } else if (each.type === 'quote') {
          expect(read).toEqual(each.text.match(/^(?:—|―|--)/) && !each.cite ? read : each);
        } else expect(read).toEqual(each);
      }),
      { numRuns: 300 },
    );
  });
});
