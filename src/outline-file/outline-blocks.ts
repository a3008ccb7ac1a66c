/**
 * The blocks of an outline slide besides bullets, as Markdown a person edits:
 *
 *     | Year | Revenue |           a GFM table (lines starting with `|`)
 *     | :--- | ------: |
 *     | 2024 | 1.2 bn  |
 *
 *     ![Alt text](images/chart.png "Caption")      a figure: an image alone on its line
 *
 *     ```python                   a fenced code block (``` or ~~~)
 *     print("hi")
 *     ```
 *
 *     $$                          a display formula in TeX
 *     \sum_t \frac{C_t}{(1+r)^t}
 *     $$
 *
 *     > The quote's text.         a quote; a last line `> — Name` names the speaker
 *     > — Jane Doe
 *
 * Each writer here is exact with its reader: reading what was written gives
 * the block back.
 */
import type { Image, Paragraph, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { ColumnAlign, FigureBlock, SlideBlock, TableBlock } from '../types.ts';
import { escapeCell } from '../text/inline-markdown.ts';

export { escapeCell };

/** A line of an outline file, as the reader splits it. */
export interface BlockLine {
  text: string;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$/;
const MATH_FENCE = /^ {0,3}\$\$[ \t]*$/;
const TABLE_ROW = /^ {0,3}\|/;
const DELIMITER_CELL = /^[ \t]*(:?)-+(:?)[ \t]*$/;
const QUOTE_LINE = /^ {0,3}>[ \t]?(.*)$/s;
const FIGURE_LINE = /^ {0,3}!\[/;
/** The speaker line of a quote: `— Name`, `-- Name` or `― Name`. */
const CITE = /^(?:—|―|--)[ \t]*(.+)$/;

/** Split a table row into its cells at every `|` not escaped by a backslash; cells keep their escapes, trimmed. */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  let backslashes = 0;
  for (const char of row.trim()) {
    if (char === '|' && backslashes % 2 === 0) {
      cells.push(current);
      current = '';
    } else current += char;
    backslashes = char === '\\' ? backslashes + 1 : 0;
  }
  cells.push(current);
  // A leading and a trailing pipe open and close the row.
  if (row.trim().startsWith('|')) cells.shift();
  if (cells.length > 0 && /(?:^|[^\\])(?:\\\\)*\|$/.test(row.trim()) && cells.at(-1)!.trim() === '') cells.pop();
  return cells.map((cell) => cell.trim());
}


/** What kind of block starts at `lines[index]`, if any (a table needs its delimiter row on the next line). */
export function blockStart(lines: readonly BlockLine[], index: number): 'code' | 'math' | 'table' | 'figure' | 'quote' | undefined {
  const text = lines[index]!.text;
  if (FENCE_OPEN.test(text) && !(text.trimStart().startsWith('`') && /`/.test(FENCE_OPEN.exec(text)![3]!))) return 'code';
  if (MATH_FENCE.test(text)) return 'math';
  if (TABLE_ROW.test(text) && index + 1 < lines.length && isDelimiterRow(lines[index + 1]!.text)) return 'table';
  if (QUOTE_LINE.test(text)) return 'quote';
  if (FIGURE_LINE.test(text) && figureFromLine(text)) return 'figure';
  return undefined;
}

function isDelimiterRow(text: string): boolean {
  if (!/^ {0,3}\|?[ \t]*:?-/.test(text) || !text.includes('-')) return false;
  const cells = tableCells(text);
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell));
}

/** The block read from `lines` starting at `index`: the block and the index of its last line; `unclosed` when a fence has no end. */
export function readBlock(
  lines: readonly BlockLine[],
  index: number,
  kind: NonNullable<ReturnType<typeof blockStart>>,
): { block: SlideBlock; end: number; extraCells?: number } | { unclosed: true } {
  const text = lines[index]!.text;
  if (kind === 'code') {
    const [, indent, fence, info] = FENCE_OPEN.exec(text)!;
    const close = new RegExp(`^ {0,3}${fence![0] === '`' ? '`' : '~'}{${fence!.length},}[ \\t]*$`);
    let end = index + 1;
    while (end < lines.length && !close.test(lines[end]!.text)) end += 1;
    if (end === lines.length) return { unclosed: true };
    const strip = new RegExp(`^ {0,${indent!.length}}`);
    const value = lines.slice(index + 1, end).map((line) => line.text.replace(strip, '')).join('\n');
    const lang = info!.split(/[ \t]/)[0];
    return { block: { type: 'code', ...(lang ? { lang } : {}), value }, end };
  }
  if (kind === 'math') {
    let end = index + 1;
    while (end < lines.length && !MATH_FENCE.test(lines[end]!.text)) end += 1;
    if (end === lines.length) return { unclosed: true };
    return { block: { type: 'math', value: lines.slice(index + 1, end).map((line) => line.text).join('\n') }, end };
  }
  if (kind === 'table') {
    const header = tableCells(text);
    const align: ColumnAlign[] = tableCells(lines[index + 1]!.text).map((cell) => {
      const [, left, right] = DELIMITER_CELL.exec(cell)!;
      return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
    });
    // GFM: the header and the delimiter row have the same number of cells; the header decides.
    while (align.length < header.length) align.push(null);
    align.length = header.length;
    let end = index + 1;
    const rows: string[][] = [];
    let extraCells = 0;
    while (end + 1 < lines.length && TABLE_ROW.test(lines[end + 1]!.text)) {
      end += 1;
      const cells = tableCells(lines[end]!.text);
      if (cells.length > header.length) extraCells += cells.length - header.length;
      while (cells.length < header.length) cells.push('');
      rows.push(cells.slice(0, header.length));
    }
    const block: TableBlock = { type: 'table', align, header, rows };
    return { block, end, ...(extraCells > 0 ? { extraCells } : {}) };
  }
  if (kind === 'quote') {
    let end = index;
    while (end + 1 < lines.length && QUOTE_LINE.test(lines[end + 1]!.text)) end += 1;
    const content = lines.slice(index, end + 1).map((line) => QUOTE_LINE.exec(line.text)![1]!.trim());
    const cite = content.length > 1 ? CITE.exec(content.at(-1)!) : null;
    const body = cite ? content.slice(0, -1) : content;
    return { block: { type: 'quote', text: body.filter(Boolean).join(' '), ...(cite ? { cite: cite[1]!.trim() } : {}) }, end };
  }
  return { block: figureFromLine(text)!, end: index };
}

/** A figure from a line that is exactly one Markdown image, else undefined. */
function figureFromLine(text: string): FigureBlock | undefined {
  const tree = fromMarkdown(text.trim()) as Root;
  if (tree.children.length !== 1 || tree.children[0]!.type !== 'paragraph') return undefined;
  const children = (tree.children[0] as Paragraph).children;
  if (children.length !== 1 || children[0]!.type !== 'image') return undefined;
  const image = children[0] as Image;
  return { type: 'figure', src: image.url, alt: image.alt ?? '', ...(image.title ? { caption: image.title } : {}) };
}

/** Backslash before every ASCII punctuation character that could read as syntax in an image's alt text. */
function escapeAlt(text: string): string {
  return text.replace(/[\\[\]*_`!<>&$~]/g, '\\$&');
}

/** An image destination as written: bare when it can be, else in `<...>`. */
function escapeDestination(url: string): string {
  if (url !== '' && !/[\s()<>\\&]/.test(url)) return url;
  return `<${url.replace(/[\\<>&]/g, '\\$&')}>`;
}

/** The lines of a block as a fresh outline file writes it, without line endings. */
export function blockToLines(block: SlideBlock): string[] {
  switch (block.type) {
    case 'table': {
      const row = (cells: readonly string[]) => `| ${block.header.map((_, i) => escapeCell(cells[i] ?? '')).join(' | ')} |`;
      const delimiter = block.header.map((_, i) => {
        const align = block.align[i] ?? null;
        return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
      });
      return [row(block.header), `| ${delimiter.join(' | ')} |`, ...block.rows.map(row)];
    }
    case 'figure': {
      const caption = block.caption ? ` "${block.caption.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\"&]/g, '\\$&')}"` : '';
      return [`![${escapeAlt(block.alt.replace(/\s*[\r\n]+\s*/g, ' '))}](${escapeDestination(block.src)}${caption})`];
    }
    case 'code': {
      const longest = Math.max(2, ...Array.from(block.value.matchAll(/^ {0,3}(`+)/gm), (match) => match[1]!.length));
      const fence = '`'.repeat(longest + 1);
      return [`${fence}${block.lang ?? ''}`, ...block.value.split('\n'), fence];
    }
    case 'math':
      return ['$$', ...block.value.split('\n'), '$$'];
    case 'quote': {
      const lines = [`> ${block.text.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`];
      if (block.cite) lines.push(`> — ${block.cite.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`);
      return lines;
    }
    default:
      throw new TypeError(`Unknown slide block type \`${String((block as { type: unknown }).type)}\``);
  }
}
