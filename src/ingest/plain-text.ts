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
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table, TableRow, Yaml } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { splitSentences } from '../text/sentences.ts';
import { CREDIT, LINK_LABEL, PRINT_FOOTER } from './page-chrome.ts';
import { authorListNames, bylineNames } from './page-metadata.ts';

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
  if (isBylineLine(text) || isPastedChrome(text)) return false;
  return words <= HEADING_MAX_WORDS || splitSentences(text).length <= 1;
}

/** A byline as a browser copies it: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By Jane Doe | Updated 10:32 AM". */
export function isBylineLine(line: string): boolean {
  const text = line.trim();
  return text.length <= 120 && /^[Bb][Yy]\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)+/u.test(text) && !/[.!?]["”’]?$/.test(text.replace(/\b(?:Jr|Sr|Dr|St)\.$/, ''));
}

/** What a line pasted from a page is when it is not article text: a photo credit, a link label ("Read more: ...") or a print-edition footer. */
export function pastedChromeKind(line: string): 'credit' | 'link' | 'print' | undefined {
  // (A caption above a credit is found by its place, in plainTextToMdast.)
  const text = line.trim();
  if (text.length < 140 && CREDIT.test(text)) return 'credit';
  if (text.length < 160 && LINK_LABEL.test(text)) return 'link';
  if (PRINT_FOOTER.test(text)) return 'print';
  return undefined;
}

const isPastedChrome = (line: string) => pastedChromeKind(line) !== undefined;

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

/** A date line under a pasted headline, with an optional "Published"/"Updated" and time. */
const DATE_LINE = /^(?:(?:published|updated|posted|last updated)(?: on)?:?\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?,?\s*)?((?:\p{L}+day,?\s+|\p{L}{3},?\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}))(?:[\s,]+\d{1,2}[:.]\d{2}.{0,20})?$/iu;

/** A list item in pasted text is at most this long. */
const ITEM_MAX_CHARS = 120;
const ITEM_MAX_WORDS = 18;
const BULLET = /^\s*(?:[-*•·▪◦–—]|\d{1,3}[.)])\s+/u;

/**
 * The items of a run of short consecutive lines, as a browser copies a list:
 * each line short, and none running on into the next (a line that ends without
 * end punctuation is followed by one that starts with a capital, digit or
 * bullet). A hard-wrapped paragraph has lines that run on, so it stays one. A
 * first line ending in a colon is the list's lead-in. Undefined when the block is not a list.
 */
export function listItems(lines: string[]): { intro: boolean; ordered: boolean; items: Array<{ line: number; from: number }> } | undefined {
  const intro = lines.length >= 3 && /:\s*$/.test(lines[0]!) && !BULLET.test(lines[0]!);
  const itemLines = lines.map((line, index) => ({ line, index })).slice(intro ? 1 : 0);
  if (itemLines.length < 2) return undefined;
  const bulleted = itemLines.every(({ line }) => BULLET.test(line));
  for (let i = 0; i < itemLines.length; i += 1) {
    const line = itemLines[i]!.line.trim();
    if (!bulleted && (line.length > ITEM_MAX_CHARS || line.split(/\s+/).length > ITEM_MAX_WORDS)) return undefined;
    if (!bulleted && !/^[\p{Lu}\p{N}"“‘'(]/u.test(line)) return undefined;
    const next = itemLines[i + 1]?.line.trim();
    // A line that stops mid-sentence ("... the") before a lowercase line is a wrapped paragraph.
    if (next !== undefined && !bulleted && !/[.!?:;…"”’)]$/.test(line) && !/^[\p{Lu}\p{N}"“‘'(]/u.test(next)) return undefined;
  }
  // Lines of a few words each ending a sentence are a list only when short: long sentences one a line are paragraphs.
  if (!bulleted && itemLines.every(({ line }) => /[.!?]["”’)]?$/.test(line.trim())) && itemLines.some(({ line }) => line.trim().split(/\s+/).length > 12)) return undefined;
  const ordered = bulleted && itemLines.every(({ line }) => /^\s*\d/.test(line));
  return {
    intro,
    ordered,
    items: itemLines.map(({ line, index }) => ({ line: index, from: bulleted ? BULLET.exec(line)![0].length : line.length - line.trimStart().length })),
  };
}

/**
 * The cells of rows separated by tabs, as a browser copies a table: at least
 * two lines, each with the same number (two or more) of tab-separated cells.
 * Each cell is its [start, end) in its line, spaces trimmed. Undefined when the block is not a table.
 */
export function tableRows(lines: string[]): Array<Array<[number, number]>> | undefined {
  if (lines.length < 2 || !lines.every((line) => line.includes('\t'))) return undefined;
  const rows = lines.map((line) => {
    const cells: Array<[number, number]> = [];
    let from = 0;
    for (const part of line.split('\t')) {
      const lead = part.length - part.trimStart().length;
      cells.push([from + lead, from + part.trimEnd().length]);
      from += part.length + 1;
    }
    return cells;
  });
  const width = rows[0]!.length;
  return width >= 2 && rows.every((row) => row.length === width) ? rows : undefined;
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
  // Lines of page furniture anywhere (photo credits, "Read more" links, print footers) go; a block they split becomes two.
  const counts = { credit: 0, caption: 0, link: 0, print: 0 };
  let firstDropped: number | undefined;
  const kept: PlainTextBlock[] = [];
  for (const block of blocks) {
    let current: PlainTextBlock | undefined;
    block.text.split('\n').forEach((line, index) => {
      const lineNumber = block.startLine + index;
      const kind = pastedChromeKind(line);
      if (kind) {
        counts[kind] += 1;
        firstDropped ??= lineNumber;
        // A short line right above a credit is the photo's caption: it goes with it.
        if (kind === 'credit' && current && current.startLine === current.endLine && current.text.trim().split(/\s+/).length <= 30 && kept.at(-1) === current) {
          kept.pop();
          counts.caption += 1;
        }
        current = undefined;
        return;
      }
      if (current) {
        current.text += '\n' + line;
        current.endLine = lineNumber;
      } else {
        current = { text: line, startLine: lineNumber, endLine: lineNumber };
        kept.push(current);
      }
    });
  }
  blocks.splice(0, blocks.length, ...kept);
  // A byline (and the date line under it) copied with the headline block stand alone, so each is read as what it is.
  for (let i = 0; i < Math.min(blocks.length, 3); i += 1) {
    const block = blocks[i]!;
    const lines = block.text.split('\n');
    const at = lines.findIndex(isBylineLine);
    if (at === -1 || lines.length === 1) continue;
    const pieces = [lines.slice(0, at), [lines[at]!], ...(lines.length > at + 1 ? [[lines[at + 1]!], lines.slice(at + 2)] : [])].filter((piece) => piece.length > 0);
    let line = block.startLine;
    blocks.splice(i, 1, ...pieces.map((piece) => {
      const part = { text: piece.join('\n'), startLine: line, endLine: line + piece.length - 1 };
      line += piece.length;
      return part;
    }));
    break;
  }

  // One message for all that was dropped, at the first footer (or the first dropped line).
  const parts: string[] = [];
  if (dropped.length > 0) parts.push(`Dropped web page footer ${dropped.map((block) => `\`${block.text.trim().replace(/\s+/g, ' ')}\``).join(', ')}`);
  const counted = (n: number, one: string, many: string) => (n === 0 ? undefined : n === 1 ? one : `${n} ${many}`);
  const lines = [counted(counts.credit, 'a photo credit', 'photo credits'), counted(counts.caption, 'a photo caption', 'photo captions'), counted(counts.link, 'a "Read more" or link line', '"Read more" or link lines'), counted(counts.print, 'a print-edition footer', 'print-edition footers')].filter(Boolean);
  if (lines.length > 0) parts.push(`${parts.length > 0 ? 'dropped' : 'Dropped'} ${lines.join(', ')} (page furniture, not article text)`);
  if (parts.length > 0) {
    file?.info(parts.join('; '), {
      place: { line: dropped[0]?.startLine ?? firstDropped ?? 1, column: 1 },
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

  /** The position of characters `from` to `to` of a line (1-based), and the text node for them. */
  const lineSpan = (line: number, from = 0, to?: number) => {
    const lineStart = startOf(line).offset;
    const lineEnd = endOf(line).offset;
    const start = lineStart + from;
    const end = to === undefined ? lineEnd : lineStart + to;
    const position = { start: pointOf(start), end: pointOf(end) };
    return { position, text: { type: 'text' as const, value: text.slice(start, end), position } };
  };
  const pointOf = (offset: number) => {
    const point = place.toPoint(offset);
    return { line: point?.line ?? 1, column: point?.column ?? 1, offset };
  };

  const children: RootContent[] = [];
  const front: Record<string, string> = {};
  let yaml: Yaml | undefined;
  let bodyBlocks = 0;
  blocks.forEach((block, index) => {
    const position = { start: startOf(block.startLine), end: endOf(block.endLine) };
    // The text node keeps the block's raw characters so offsets inside it map back to the file.
    const raw = text.slice(position.start.offset, position.end.offset);
    const isSingleLine = block.startLine === block.endLine;
    const lines = block.text.split('\n');
    // The first line is the title when it reads as one and the article goes on after it.
    if (index === 0 && isSingleLine && blocks.length > 1 && looksLikeTitle(block.text)) {
      const { title, subtitle } = splitTitle(block.text);
      front.title = title;
      if (subtitle) front.subtitle = subtitle;
      yaml = { type: 'yaml', value: '', position };
      children.push(yaml);
      const heading: Heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: raw, position }], position };
      children.push(heading);
      return;
    }
    // A "By ..." line before the story's text is its byline, not a paragraph.
    // So is a line of the authors' names alone right under the title, as papers and reports print it.
    const authorList = isSingleLine && bodyBlocks === 0 && !front.author && front.title ? authorListNames(block.text) : undefined;
    if (authorList || (isSingleLine && bodyBlocks === 0 && !front.author && isBylineLine(block.text))) {
      const names = authorList ?? bylineNames(block.text.replace(/\s+[|·•–—]\s+.*$/u, ''));
      if (names) {
        front.author = names;
        yaml ??= { type: 'yaml', value: '', position };
        if (!children.includes(yaml)) children.unshift(yaml);
        return;
      }
    }
    // So is a date line there ("March 2, 2026", "Updated 10:32 AM EST, Mon March 2, 2026").
    const dated = isSingleLine && bodyBlocks === 0 && !front.date ? DATE_LINE.exec(block.text.trim()) : null;
    if (dated) {
      front.date = dated[1]!;
      yaml ??= { type: 'yaml', value: '', position };
      if (!children.includes(yaml)) children.unshift(yaml);
      return;
    }
    bodyBlocks += 1;
    if (isSingleLine && looksLikeHeading(block.text)) {
      const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: raw, position }], position };
      children.push(heading);
      return;
    }
    const table = tableRows(lines);
    if (table) {
      const rows: TableRow[] = table.map((cells, row) => ({
        type: 'tableRow',
        children: cells.map(([from, to]) => ({ type: 'tableCell', children: to > from ? [lineSpan(block.startLine + row, from, to).text] : [] })),
        position: lineSpan(block.startLine + row).position,
      }));
      const node: Table = { type: 'table', align: table[0]!.map(() => null), children: rows, position };
      children.push(node);
      return;
    }
    const items = listItems(lines);
    if (items) {
      if (items.intro) {
        const intro = lineSpan(block.startLine);
        children.push({ type: 'paragraph', children: [intro.text], position: intro.position } satisfies Paragraph);
      }
      const list: List = {
        type: 'list',
        ordered: items.ordered,
        spread: false,
        children: items.items.map(({ line, from }): ListItem => {
          const span = lineSpan(block.startLine + line, from);
          return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [span.text], position: span.position }], position: span.position };
        }),
        position,
      };
      children.push(list);
      return;
    }
    const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: raw, position }], position };
    children.push(paragraph);
  });
  if (yaml) yaml.value = JSON.stringify(front);

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
