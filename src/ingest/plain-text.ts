/**
 * A unified parser for articles pasted as plain text from a web page.
 *
 * Such text has no markup: the first line is the title (unless it reads as a
 * paragraph: text pasted without its headline), headings are short
 * standalone lines, blank lines may hold spaces or no-break spaces, and the
 * page's footer ("Join the conversation", "Share this", ...) trails the body.
 * This parser turns it into the same mdast the Markdown parser gives, so the
 * rest of the pipeline sees one kind of input.
 */
import type { Heading, Paragraph, Root, RootContent, Yaml } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { splitSentences } from '../text/sentences.ts';

/** Lines of page furniture that follow an article pasted from the web. */
const WEB_CHROME = [
  /^join the (conversation|discussion|debate)\b/i,
  /^share (this|on|via)\b/i,
  /^(share|tweet|email|print|comments?|reply|related|advertisement)$/i,
  /^subscribe\b/i,
  /^sign up\b/i,
  /^follow us\b/i,
  /^(leave|post|add|write) a (comment|reply)\b/i,
  /^\d+\s+comments?$/i,
  /^(view|show|load|read) (all )?(\d+ )?comments\b/i,
  /^(comments are closed|be the first to comment)\b/i,
  /^you (might|may) also like\b/i,
  /^(related|recommended|more) (articles|stories|reading)\b/i,
  /^(tags|filed under|topics):/i,
  /^(click|tap) here to\b/i,
];

/** Lines holding only white space, including no-break and other Unicode spaces, count as blank. */
const BLANK = /^[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]*$/;

/** A heading is short: at most this many words. */
const HEADING_MAX_WORDS = 12;
const HEADING_MAX_CHARS = 90;

export interface PlainTextBlock {
  text: string;
  startLine: number;
  endLine: number;
}

/** Whether a standalone line of pasted text reads as a heading rather than a sentence. */
export function looksLikeHeading(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > HEADING_MAX_CHARS) return false;
  const words = text.split(/\s+/);
  if (words.length > HEADING_MAX_WORDS) return false;
  // End punctuation (or a closing quote after it) marks a sentence; so does a list marker.
  if (/[.!?;,:…]["'”’)\]]*$/.test(text)) return false;
  if (/^([-*•–]|\d+[.)])\s/.test(text)) return false;
  // A heading starts with a capital letter, a digit or a quote.
  return /^[\p{Lu}\p{N}"“‘']/u.test(text);
}

/** A title is at most this long; a longer first line is the article's first paragraph. */
const TITLE_MAX_WORDS = 30;
const TITLE_MAX_CHARS = 200;

/**
 * Whether the first line of pasted text is the article's title rather than its
 * first paragraph (text pasted without its headline, or a whole article on one
 * line): short as a heading ("Stop. Think. Vote." too), or a single sentence of
 * a title's length.
 */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/).length;
  if (text.length === 0 || text.length > TITLE_MAX_CHARS || words > TITLE_MAX_WORDS) return false;
  return words <= HEADING_MAX_WORDS || splitSentences(text).length <= 1;
}

/** Whether a line is web-page furniture rather than article text. */
export function isWebChrome(line: string): boolean {
  const text = line.trim();
  return text.length < 80 && WEB_CHROME.some((pattern) => pattern.test(text));
}

/** Split text into blocks of consecutive non-blank lines. Lines are 1-based. */
export function plainTextBlocks(text: string): PlainTextBlock[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: PlainTextBlock[] = [];
  let current: PlainTextBlock | undefined;
  lines.forEach((line, index) => {
    if (BLANK.test(line)) {
      current = undefined;
      return;
    }
    if (current) {
      current.text += '\n' + line;
      current.endLine = index + 1;
    } else {
      current = { text: line, startLine: index + 1, endLine: index + 1 };
      blocks.push(current);
    }
  });
  return blocks;
}

/** Split "Title: Subtitle" into its two parts; a title without such a colon stays whole. */
export function splitTitle(line: string): { title: string; subtitle?: string } {
  const match = /^(.{3,}?):\s+(\S.*)$/u.exec(line.trim());
  if (!match) return { title: line.trim() };
  return { title: match[1]!.trim(), subtitle: match[2]!.trim() };
}

/**
 * Parse pasted plain text into mdast: a depth-1 heading for the title (with a
 * YAML node carrying title and subtitle), depth-2 headings, and paragraphs.
 * Trailing web chrome is dropped and reported on the file.
 */
export function plainTextToMdast(text: string, file?: VFile): Root {
  const place = location(text);
  const blocks = plainTextBlocks(text);

  const dropped: PlainTextBlock[] = [];
  while (blocks.length > 1) {
    const last = blocks[blocks.length - 1]!;
    const lines = last.text.split('\n');
    if (!lines.every(isWebChrome)) break;
    dropped.unshift(last);
    blocks.pop();
  }
  for (const block of dropped) {
    file?.info(`Dropped web page footer \`${block.text.trim().replace(/\s+/g, ' ')}\``, {
      place: { line: block.startLine, column: 1 },
      source: 'briefdeck',
      ruleId: 'web-chrome',
    });
  }

  const startOf = (line: number) => {
    const offset = place.toOffset({ line, column: 1 }) ?? 0;
    return { line, column: 1, offset };
  };
  const endOf = (line: number) => {
    const lineStart = place.toOffset({ line, column: 1 }) ?? 0;
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    if (text[end - 1] === '\r') end -= 1;
    const point = place.toPoint(end);
    return { line: point?.line ?? line, column: point?.column ?? 1, offset: end };
  };

  const children: RootContent[] = [];
  blocks.forEach((block, index) => {
    const position = { start: startOf(block.startLine), end: endOf(block.endLine) };
    // The text node keeps the block's raw characters so offsets inside it map back to the file.
    const raw = text.slice(position.start.offset, position.end.offset);
    const isSingleLine = block.startLine === block.endLine;
    // The first line is the title when it reads as one and the article goes on after it.
    if (index === 0 && isSingleLine && blocks.length > 1 && looksLikeTitle(block.text)) {
      const { title, subtitle } = splitTitle(block.text);
      const yaml: Yaml = {
        type: 'yaml',
        value: JSON.stringify(subtitle ? { title, subtitle } : { title }),
        position,
      };
      children.push(yaml);
      const heading: Heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: raw, position }], position };
      children.push(heading);
      return;
    }
    if (isSingleLine && looksLikeHeading(block.text)) {
      const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: raw, position }], position };
      children.push(heading);
      return;
    }
    const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: raw, position }], position };
    children.push(paragraph);
  });

  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: place.toPoint(text.length) ?? { line: 1, column: 1, offset: 0 } },
  };
}

/** unified plugin: use {@link plainTextToMdast} as the parser. */
export const plainTextParse: Plugin<[], string, Root> = function () {
  this.parser = (document, file) => plainTextToMdast(document, file);
};
