import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { placesOf, withoutPositions } from '../helpers/positions.ts';
import type { Position } from '../../src/types.ts';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import type { ArticleFormat, Outline } from '../../src/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const cases = readdirSync(FIXTURES).filter((name) => name.startsWith('outline-file-') && existsSync(join(FIXTURES, name, 'input.outline.md')));
const valid = cases.filter((name) => !name.startsWith('outline-file-error-'));
const invalid = cases.filter((name) => name.startsWith('outline-file-error-'));

function read(name: string, file: string): string {
  return readFileSync(join(FIXTURES, name, file), 'utf8');
}

/** Every message of a parse as `file:line:column: reason`. */
function parse(text: string) {
  const file = new VFile({ path: 'input.outline.md', value: text });
  const result = outlineFromMarkdown(text, file);
  return { result, messages: file.messages.map((message) => `${message.file}:${message.line}:${message.column}: ${message.reason}`) };
}

function failure(text: string): string {
  try {
    outlineFromMarkdown(text, new VFile({ path: 'input.outline.md', value: text }));
  } catch (error) {
    expect(error).toBeInstanceOf(VFileMessage);
    const message = error as VFileMessage;
    return `${message.file}:${message.line}:${message.column}: ${message.reason}`;
  }
  throw new Error('expected the outline to fail');
}

describe('outlineFromMarkdown', () => {
  it.each(valid)('should read %s into the expected outline (with the position of every slide and bullet) and settings', (name) => {
    const { result, messages } = parse(read(name, 'input.outline.md'));
    const expected = JSON.parse(read(name, 'expected.json'));
    expect({ outline: result.outline, settings: result.settings, messages }).toEqual(expected);
  });

  it('should give each slide, bullet and block the unist position it was read from, line endings and blank lines left out', () => {
    const text = '---\ntitle: T\n---\n\n## First {.exhibit}\n\n  - a bullet\n    that goes on {@3:1}\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n::: notes\nSaid.\n:::\n\n\n## Second\n';
    const { outline } = parse(text).result;
    const [first, second] = outline.slides;
    expect(first!.position).toEqual({ start: { line: 5, column: 1, offset: 18 }, end: { line: 16, column: 4, offset: 127 } });
    expect(first!.bullets[0]!.position).toEqual({ start: { line: 7, column: 3, offset: 41 }, end: { line: 8, column: 24, offset: 75 } });
    expect(first!.blocks![0]!.position).toEqual({ start: { line: 10, column: 1, offset: 77 }, end: { line: 12, column: 10, offset: 106 } });
    expect(second!.position).toEqual({ start: { line: 19, column: 1, offset: 130 }, end: { line: 19, column: 10, offset: 139 } });
    const slice = (position: Position | undefined) => text.slice(position!.start.offset, position!.end.offset);
    expect(slice(first!.position)).toBe(text.slice(text.indexOf('## First'), text.indexOf(':::\n\n\n') + 3));
    expect(slice(first!.bullets[0]!.position)).toBe('- a bullet\n    that goes on {@3:1}');
    expect(slice(first!.blocks![0]!.position)).toBe('| a | b |\n| - | - |\n| 1 | 2 |');
    expect(slice(second!.position)).toBe('## Second');
  });

  it.each(invalid)('should fail %s with the line and column of the problem', (name) => {
    expect(failure(read(name, 'input.outline.md'))).toBe(read(name, 'expected-error.txt').trimEnd());
  });

  it('should point an unknown slide attribute at the attribute', () => {
    expect(failure('## Intro {.content .wide}\n')).toBe('input.outline.md:1:20: Unknown slide attribute `.wide`, expected .hidden, section="Name" or a kind: .title, .key-points, .agenda, .content, .closing, .exhibit, .quote');
  });

  it('should warn about an unresolved merge conflict with its line', () => {
    const { messages } = parse('## A\n\n- mine {@1:1}\n<!-- briefdeck-conflict: the article now has: - theirs {@1:1} -->\n');
    expect(messages).toEqual(['input.outline.md:4:1: Unresolved merge conflict: the article now has: - theirs {@1:1} (delete this comment once resolved)']);
  });

  it('should warn about a conflict comment in the front matter, not about the marker inside a value', () => {
    const { result, messages } = parse('---\ntitle: "A # briefdeck-conflict: in the title" # briefdeck-conflict: the article now has "B"\nsubtitle: "# briefdeck-conflict"\n---\n## A\n');
    expect(result.outline.title).toBe('A # briefdeck-conflict: in the title');
    expect(messages).toEqual(['input.outline.md:2:47: Unresolved merge conflict: the article now has "B" (delete this comment once resolved)']);
  });

  it('should read the same outline whatever the line endings', () => {
    const text = read('outline-file-hand-written', 'input.outline.md');
    const lf = parse(text).result;
    for (const eol of ['\r\n', '\r']) {
      const other = parse(text.replace(/\n/g, eol)).result;
      expect(withoutPositions(other.outline)).toEqual(withoutPositions(lf.outline));
      // The same lines and columns; the offsets count the longer line endings.
      expect(placesOf(other.outline)).toEqual(placesOf(lf.outline));
    }
  });
});

describe('outlineToMarkdown', () => {
  const variants = (text: string): Array<[string, string]> => [
    ['as written', text],
    ['with CRLF', text.replace(/\n/g, '\r\n')],
    ['with CR', text.replace(/\n/g, '\r')],
    ['with a BOM', `\ufeff${text}`],
    ['with mixed endings', text.replace(/\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : '\n'))],
    ['without the final line ending', text.replace(/\s+$/, '')],
    ['with trailing spaces and blank lines', text.replace(/\n/g, '  \n').concat('\n\n\t\n')],
  ];

  for (const name of valid) {
    it.each(variants(read(name, 'input.outline.md')))(`should give back ${name} byte for byte %s`, (_, text) => {
      expect(outlineToMarkdown(outlineFromMarkdown(text))).toBe(text);
    });
  }

  it('should write a generated outline that reads back as the same outline', async () => {
    const article = readFileSync(join(import.meta.dirname, '..', '..', 'content', 'isis-central-asia.txt'), 'utf8');
    const outline = await outlineFromText(article, { format: 'txt', sourceName: 'isis-central-asia.txt' });
    const settings = { theme: 'dark', article: 'isis-central-asia.txt', 'article-sha256': 'f'.repeat(64) };
    const text = outlineToMarkdown(outline, settings);
    const read = outlineFromMarkdown(text);
    expect(withoutPositions(read.outline)).toEqual(outline);
    expect(read.settings).toEqual(settings);
    expect(outlineToMarkdown(read)).toBe(text);
  });
});

/** The outline with `body: []` left out: the file cannot tell an empty body from none (the generator gives a title slide without subtitle or byline `body: []`). */
function withoutEmptyBodies(outline: Outline): Outline {
  return { ...outline, slides: outline.slides.map(({ body, ...slide }) => (body && body.length > 0 ? { ...slide, body } : slide)) };
}

describe('escapes', () => {
  it.each<[ArticleFormat, string]>([
    ['txt', '# Title\n\nA sentence that is prose.'],
    ['md', '# Deck\n\n## Foo {.hidden}\n\nA sentence that is prose.\n\n## Bar\n\nAnother sentence that is prose.'],
    ['md', '# Deck\n\n## Foo {.bogus}\n\nA sentence that is prose.'],
    ['md', '# C# #\n\n## - Dash {@1:2}\n\nThe ::: notes and <!-- x --> here are prose {@4:4}\n\n## Braces {}\n\n+ A list item that is a sentence.'],
  ])('should read back the generated outline of a %s article that looks like outline syntax: %j', async (format, article) => {
    const outline = await outlineFromText(article, { format, path: `article.${format}` });
    const text = outlineToMarkdown(outline, { article: `article.${format}` });
    const read = outlineFromMarkdown(text, new VFile({ path: 'article.outline.md', value: text }));
    expect(read.outline.slides.length).toBe(outline.slides.length);
    expect(withoutPositions(read.outline)).toEqual(withoutEmptyBodies(outline));
  });

  it('should write text that looks like outline syntax with backslashes, and notes lines of `:::` or `#` with a space more', () => {
    const outline: Outline = {
      title: 'Deck',
      slides: [
        { kind: 'content', title: 'Foo {.hidden}', bullets: [{ text: 'Ends {@1:2}' }, { text: 'Marked {x}', source: '3:4' }], body: ['# Title', '- item', '\\- text'], notes: ':::\n :::\n# kept' },
        { kind: 'title', title: 'C# #', bullets: [], notes: '', hidden: true },
      ],
    };
    const text = outlineToMarkdown(outline);
    expect(text).toBe(
      [
        '---',
        'title: Deck',
        '---',
        '',
        '## Foo \\{.hidden}',
        '',
        '\\# Title',
        '',
        '\\- item',
        '',
        '\\\\- text',
        '',
        '- Ends \\{@1:2}',
        '- Marked \\{x} {@3:4}',
        '',
        '::: notes',
        ' :::',
        '  :::',
        // A heading-like notes line gets a space more too, so a notes block can never seem to run into a slide.
        ' # kept',
        ':::',
        '',
        '## C# \\# {.title .hidden}',
        '',
      ].join('\n'),
    );
    expect(withoutPositions(outlineFromMarkdown(text).outline)).toEqual(outline);
  });
});

describe('notes that read like slide headings', () => {
  it('should write a notes line of `## ...` so that it reads back as notes, not as a notes block left open', () => {
    const outline: Outline = { title: 'T', slides: [{ kind: 'content', title: 'One', bullets: [{ text: 'A point' }], notes: 'First line\n## not a heading\n# nor this' }, { kind: 'content', title: 'Two', bullets: [], notes: '' }] };
    const text = outlineToMarkdown(outline);
    const { result } = parse(text);
    expect(result.outline.slides.map((slide) => slide.title)).toEqual(['One', 'Two']);
    expect(result.outline.slides[0]!.notes).toBe('First line\n## not a heading\n# nor this');
  });
});
