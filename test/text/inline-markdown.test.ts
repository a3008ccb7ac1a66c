/**
 * The plain-line fast path of inline Markdown: a line that is text but for
 * backslash escapes reads exactly as micromark reads it, without micromark
 * (which takes tens of microseconds per escape: a run of `\*` a megabyte long,
 * a text article of asterisks escaped in its outline, took minutes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineFromMarkdown, parsedLine } from '../../src/text/inline-markdown.ts';

/** Strip positions: the fast path makes no positions, and callers of the line reader use none. */
const shape = (nodes: unknown) => JSON.parse(JSON.stringify(nodes, (key, value) => (key === 'position' ? undefined : value)));

describe('lineFromMarkdown', () => {
  it('should read any line exactly as micromark does (generated lines of text, escapes, spaces and syntax)', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'B', ' ', '\t', '.', ',', ':', '(', ')', '#', '-', '+', '=', '"', "'", '/', '{', '}', '%', '1', 'é', '中', '\u00a0'),
      fc.constantFrom('\\*', '\\_', '\\[', '\\]', '\\\\', '\\#', '\\.', '\\`', '\\$', '\\~', '\\|', '\\<', '\\&', '\\a', '\\'),
      fc.constantFrom('*', '_', '`', '[', ']', '!', '<', '>', '&', '~', '$', '|', '@', 'www.', 'http://', 'https://x.org', 'a@b.org', '&amp;', '\u0000'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const line = pieces.join('');
        expect(shape(lineFromMarkdown(line))).toEqual(shape(parsedLine(line)));
      }),
      { numRuns: 3000 },
    );
  });

  it('should read a megabyte of escaped asterisks in linear time, as their text', () => {
    const line = '\\*'.repeat(1 << 19);
    expect(lineFromMarkdown(line)).toEqual([{ type: 'text', value: '*'.repeat(1 << 19) }]);
    expect(lineFromMarkdown(`${' '.repeat(1 << 20)}a${' '.repeat(1 << 20)}`)).toEqual([{ type: 'text', value: `${' '.repeat(1 << 20)}a` }]);
  });
});
