/**
 * The fit model of a slide's exhibits (tables, code, formulas, figures,
 * quotes): the height each takes at a body text size, from the box sizes of
 * `src/render/client/briefdeck.css` and the theme's glyph widths, and the
 * splits of a table by rows and of a code block by lines when one slide
 * cannot hold it even at the smallest text size.
 *
 * Table column widths and alignments live here (not in render) so the model
 * wraps cells in exactly the widths the deck gives them.
 */
import { inlinePlainText } from '../text/inline-markdown.ts';
import type { CodeBlock, ColumnAlign, SlideBlock, TableBlock } from '../types.ts';

/** The exhibit boxes of `briefdeck.css`, in em of the slide's body text unless named `Px`. Keep in step with the stylesheet. */
export const EXHIBIT_LAYOUT = {
  table: { size: 0.8, lineHeight: 1.25, paddingY: 0.15, paddingX: 0.4, marginBottom: 0.5, borderPx: 1, headBorderPx: 2 },
  code: { size: 0.6, lineHeight: 1.3, paddingY: 0.4, paddingX: 0.6, tabSize: 2, extraLines: 0.65 },
  /** Advance width of the monospace fonts (DejaVu Sans Mono 0.602, Liberation Mono 0.600), rounded up; a wide (CJK, emoji) character is counted 1.25 em to be safe. */
  monoAdvance: 0.61,
  monoWide: 1.25,
  figure: { captionSize: 0.7, captionMarginTop: 0.3, lineHeight: 1.3, minImagePx: 120, columnImagePx: 440 },
  columns: { gap: 0.8 },
  quote: { size: 1.15, marginY: 0.5, marginX: 1, paddingY: 0.4, paddingX: 0.8, borderPx: 6, citeSize: 0.75, citeMarginTop: 0.4, paragraphMarginBottom: 0.5 },
  /** A display formula: `.bd-math` margins, KaTeX's display margins (1em) and its 1.21em text. */
  math: { marginY: 0.3, displayMarginY: 1, katexSize: 1.21 },
} as const;

/** A number as tables write one: `1.2`, `-4%`, `$3,400`, `12.5 bn`, `(3)`. */
const NUMERIC = /^[-+−(]?[$€£¥]?\s?\d[\d,.\s]*(?:%|[a-z]{1,3})?\)?$/i;

/** Each column's alignment: as the table says, else right for a column of numbers only. */
export function columnAlignments(block: TableBlock): ColumnAlign[] {
  return block.header.map((_, column) => {
    const given = block.align[column] ?? null;
    if (given) return given;
    const cells = block.rows.map((row) => inlinePlainText(row[column] ?? '').trim()).filter(Boolean);
    return cells.length > 0 && cells.every((cell) => NUMERIC.test(cell)) ? 'right' : null;
  });
}

/**
 * Column widths of a table as fractions of its width: by the widest cell of
 * each column (its text length), square-root damped so a long column does not
 * starve the others, each at least 8% (less when there are more than 12
 * columns). A part of a split table keeps the widths of the whole
 * (`columnWidths`), so its columns line up with the other parts'.
 */
export function tableColumnWidths(block: TableBlock): number[] {
  if (block.columnWidths && block.columnWidths.length === block.header.length) return [...block.columnWidths];
  const natural = block.header.map((_, column) => {
    const lengths = [block.header, ...block.rows].map((row) => inlinePlainText(row[column] ?? '').length);
    return Math.sqrt(Math.max(3, ...lengths));
  });
  const total = natural.reduce((sum, width) => sum + width, 0);
  const floor = Math.min(0.08, 1 / block.header.length);
  const raw = natural.map((width) => Math.max(floor, width / total));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((width) => width / sum);
}

/** What the exhibit model needs: text measuring (width in em of a string) and wrapping, from `fit.ts`. */
export interface ExhibitMeasure {
  /** Lines `text` wraps to at `size` px in a box `box` px wide, body font (`heading`: the bold heading weight). */
  lines(text: string, size: number, box: number, heading?: boolean): number;
  /** Width of the longest word of `text` in px at `size`. */
  longestWord(text: string, size: number, heading?: boolean): number;
}

/** Width of `text` in em in the monospace font. */
function monoWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length * EXHIBIT_LAYOUT.monoAdvance;
  let em = 0;
  for (const char of text) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(char) ? EXHIBIT_LAYOUT.monoWide : /\p{Mark}|\u200b|\u200d|\ufe0f/u.test(char) ? 0 : EXHIBIT_LAYOUT.monoAdvance;
  return em;
}

/** Rendered lines of one source line of code in a box `max` em wide (`white-space: pre-wrap` with `overflow-wrap: anywhere`: breaks at spaces, inside a word only when it is wider than the line). */
export function codeLineCount(line: string, maxEm: number): number {
  const text = line.replace(/\t/g, ' '.repeat(EXHIBIT_LAYOUT.code.tabSize)).replace(/\s+$/, '');
  if (text === '') return 1;
  let lines = 1;
  let used = 0;
  for (const [, spaces, word] of text.matchAll(/(\s*)(\S+)/g)) {
    const gap = monoWidth(spaces!);
    let width = monoWidth(word!);
    if (used + gap + width <= maxEm) {
      used += gap + width;
      continue;
    }
    if (used + gap > 0) {
      // The word moves to the next line (the spaces hang at the end of this one), unless it starts the block.
      if (used > 0) lines += 1;
      else width += gap;
    }
    while (width > maxEm) {
      lines += 1;
      width -= maxEm;
    }
    used = width;
  }
  return lines;
}

/** The rendered lines of a code block at code size `size` px in a slide content box `box` px wide. */
export function codeRenderedLines(block: CodeBlock, size: number, box: number): number[] {
  const { paddingX } = EXHIBIT_LAYOUT.code;
  const maxEm = ((box - 2 * paddingX * size) * 0.97) / size;
  return block.value.split('\n').map((line) => codeLineCount(line, maxEm));
}

/** Rows of TeX a display formula has (`\\` breaks inside environments), and whether any holds a tall construct. */
function mathRows(tex: string): number {
  const rows = tex.split(/\\\\/).filter((row) => row.trim() !== '');
  const tall = /\\(?:[dt]?frac|[dt]?binom|sum|prod|int|iint|oint|coprod|bigcup|bigcap|sqrt|overbrace|underbrace|lim|max|min|sup|inf|left|begin\{(?:p|b|v|B|V)?matrix\})/;
  return rows.reduce((sum, row) => sum + (tall.test(row) ? 2.6 : 1.4), 0) || 1.4;
}

/** The rows of a table with the lines each cell wraps to, at body text size `font` in a box `box` px wide. */
export function tableRowHeights(block: TableBlock, font: number, box: number, measure: ExhibitMeasure): { header: number; rows: number[] } {
  const t = EXHIBIT_LAYOUT.table;
  const size = font * t.size;
  const widths = tableColumnWidths(block);
  const inner = widths.map((fraction) => Math.max(1, fraction * box - 2 * t.paddingX * size - t.borderPx));
  const rowHeight = (cells: readonly string[], heading: boolean, border: number) =>
    Math.max(1, ...block.header.map((_, column) => measure.lines(inlinePlainText(cells[column] ?? ''), size, inner[column]!, heading))) * size * t.lineHeight + 2 * t.paddingY * size + border;
  return { header: rowHeight(block.header, true, t.headBorderPx), rows: block.rows.map((row) => rowHeight(row, false, t.borderPx)) };
}

/** Columns of a table whose longest word does not fit the column at body text size `font` (the deck then breaks it mid-word), 0-based. */
export function tableColumnsTooNarrow(block: TableBlock, font: number, box: number, measure: ExhibitMeasure): number[] {
  const t = EXHIBIT_LAYOUT.table;
  const size = font * t.size;
  const widths = tableColumnWidths(block);
  return block.header.flatMap((_, column) => {
    const inner = widths[column]! * box - 2 * t.paddingX * size - t.borderPx;
    const widest = Math.max(measure.longestWord(inlinePlainText(block.header[column] ?? ''), size, true), ...block.rows.map((row) => measure.longestWord(inlinePlainText(row[column] ?? ''), size)));
    return widest > inner * 0.97 ? [column] : [];
  });
}

/** Height in px (margin below included) of one exhibit at body text size `font` in a content box `box` px wide. */
export function exhibitHeight(block: SlideBlock, font: number, box: number, measure: ExhibitMeasure): number {
  switch (block.type) {
    case 'table': {
      const { header, rows } = tableRowHeights(block, font, box, measure);
      return header + rows.reduce((sum, row) => sum + row, 0) + EXHIBIT_LAYOUT.table.marginBottom * font * EXHIBIT_LAYOUT.table.size;
    }
    case 'code': {
      const c = EXHIBIT_LAYOUT.code;
      const size = font * c.size;
      const lines = codeRenderedLines(block, size, box).reduce((sum, count) => sum + count, 0);
      // Chromium lays the code box out 0.6 of a line taller than its lines and padding (measured at every step); 0.65 is kept.
      return (lines + c.extraLines) * size * c.lineHeight + 2 * c.paddingY * size;
    }
    case 'math': {
      const m = EXHIBIT_LAYOUT.math;
      return mathRows(block.value) * font * m.katexSize + 2 * m.displayMarginY * font + 2 * m.marginY * font;
    }
    case 'figure': {
      const f = EXHIBIT_LAYOUT.figure;
      const size = font * f.captionSize;
      const caption = block.caption ? measure.lines(block.caption, size, box) * size * f.lineHeight + f.captionMarginTop * size : 0;
      return f.minImagePx + caption;
    }
    case 'quote': {
      const q = EXHIBIT_LAYOUT.quote;
      const size = font * q.size;
      const inner = box - 2 * q.marginX * size - 2 * q.paddingX * size - q.borderPx;
      // Italic text: measured with the upright widths and 5% to spare.
      const text = measure.lines(inlinePlainText(block.text), size, inner * 0.95) * size * 1.3 + q.paragraphMarginBottom * size;
      const citeSize = size * q.citeSize;
      const cite = block.cite ? measure.lines(`— ${block.cite}`, citeSize, inner) * citeSize * 1.3 + q.citeMarginTop * citeSize : 0;
      return text + cite + 2 * q.paddingY * size + 2 * q.marginY * size;
    }
    default:
      return 0;
  }
}

/** The height of a figure's column beside bullets: the image at most its column height, and its caption in half the box. */
export function columnFigureHeight(block: SlideBlock, font: number, column: number, measure: ExhibitMeasure): number {
  if (block.type !== 'figure') return exhibitHeight(block, font, column, measure);
  const f = EXHIBIT_LAYOUT.figure;
  const size = font * f.captionSize;
  const caption = block.caption ? measure.lines(block.caption, size, column) * size * f.lineHeight + f.captionMarginTop * size : 0;
  return f.columnImagePx + caption;
}

/** A table's rows cut into `parts` runs as even as can be: the index of each run's first row, and the end. */
export function evenBounds(count: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.round((i * count) / parts));
}

/**
 * A code block's lines cut into `parts` runs: near the even cut, at a blank
 * line when one is within a quarter of a run of it (the cut goes after the
 * blank line), else at the even cut.
 */
export function codeBounds(lines: readonly string[], parts: number): number[] {
  const even = evenBounds(lines.length, parts);
  const reach = Math.max(1, Math.floor(lines.length / parts / 4));
  const bounds = [0];
  for (let i = 1; i < parts; i += 1) {
    const target = even[i]!;
    let best = target;
    for (let distance = 0; distance <= reach; distance += 1) {
      const candidates = [target - distance, target + distance];
      const found = candidates.find((cut) => cut > bounds.at(-1)! && cut < lines.length && lines[cut - 1]!.trim() === '');
      if (found !== undefined) {
        best = found;
        break;
      }
    }
    bounds.push(Math.max(best, bounds.at(-1)! + 1));
  }
  bounds.push(lines.length);
  return bounds;
}
