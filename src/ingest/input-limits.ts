/**
 * Input limits: Markdown that would make the parser take quadratic time or
 * overflow the stack is refused before parsing, with the line it is at.
 *
 * The Markdown parser (micromark) resolves emphasis, links and code spans per
 * paragraph in time that grows with the square of the markers in it, and walks
 * nested quotes and lists recursively. No article needs thousands of markers
 * in one paragraph or a hundred levels of nesting; crafted input does. This is
 * one linear scan over the lines, not a parse: it only counts.
 */
import type { VFile } from 'vfile';

/** The most inline markers (`*`, `_`, `[`, `]`, `<`, `>`, backticks, `~`) in one paragraph: a run of non-blank lines between headings. */
export const MAX_MARKERS_PER_BLOCK = 1000;
/** The most inline markers in a whole article. */
export const MAX_MARKERS = 50_000;
/** The most levels of block quotes and lists at the start of a line. */
export const MAX_NESTING = 64;
/** The most levels of nested elements in an HTML article. */
export const MAX_HTML_DEPTH = 256;

/**
 * The most headings in an article: each is a section and a slide, and no briefing needs
 * thousands. 100,000 headings with a short paragraph each (5.6 MB) took the parser and the
 * outline past a 1 GB heap; 5,000 build within 512 MB.
 */
export const MAX_HEADINGS = 5000;

/** The message of an article over {@link MAX_HEADINGS}. */
export function headingLimitReason(): string {
  return `Unexpected article with more than ${MAX_HEADINGS} headings, expected at most ${MAX_HEADINGS} (each is a slide): split it into several articles, or join its sections`;
}

const MARKER = new Set(['*', '_', '[', ']', '<', '>', '`', '~']);

/**
 * The levels of nesting at the start of a line (each `>` and each list marker, or its
 * indentation in pairs of columns), and whether it is an ATX heading.
 */
function containerPrefix(line: string): { depth: number; heading: boolean } {
  let quotes = 0;
  let markers = 0;
  // Indentation before the first marker: nested list items and their continuation lines.
  let columns = 0;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (quotes + markers === 0) columns += ch === ' ' ? 1 : 4 - (columns % 4);
    } else if (ch === '>') quotes += 1;
    else if ((ch === '-' || ch === '+' || ch === '*') && (line[i + 1] === ' ' || line[i + 1] === '\t')) markers += 1;
    else break;
    i += 1;
  }
  // Only an ATX heading surely ends a paragraph without a blank line: a list item or an
  // indented line may be a lazy continuation of the paragraph above.
  const heading = quotes === 0 && markers === 0 && columns < 4 && /^#{1,6}(?:[ \t]|$)/.test(line.slice(i));
  return { depth: quotes + markers + Math.floor(columns / 2), heading };
}

/**
 * Fail the file (a vfile message with line and column, rule `input-limits`) when its
 * Markdown goes past {@link MAX_NESTING}, {@link MAX_MARKERS_PER_BLOCK}, {@link MAX_MARKERS}
 * or {@link MAX_HEADINGS} (ATX headings: what a generated flood of sections uses).
 */
export function checkMarkdownLimits(file: VFile): void {
  const lines = String(file.value ?? '').split(/\r\n|\r|\n/);
  const fail = (reason: string, line: number, column: number): never => {
    file.fail(reason, { place: { line, column }, ruleId: 'input-limits', source: 'briefdeck' });
    throw new Error('unreachable');
  };
  let total = 0;
  let headings = 0;
  let block = 0;
  let blockStart = 1;
  lines.forEach((content, index) => {
    const line = index + 1;
    const { depth, heading } = containerPrefix(content);
    if (depth > MAX_NESTING) {
      fail(`Unexpected nesting ${depth} levels deep (quotes, lists or indentation), expected at most ${MAX_NESTING}: flatten it, or build the article as plain text with \`--format txt\``, line, 1);
    }
    if (heading && ++headings > MAX_HEADINGS) fail(headingLimitReason(), line, 1);
    // A blank line or a heading starts a new paragraph for the inline parser.
    if (content.trim() === '' || heading) {
      block = 0;
      blockStart = line;
    }
    for (let column = 0; column < content.length; column += 1) {
      if (!MARKER.has(content[column]!)) continue;
      block += 1;
      total += 1;
      if (block > MAX_MARKERS_PER_BLOCK) {
        fail(`Unexpected paragraph with more than ${MAX_MARKERS_PER_BLOCK} Markdown markers (\`*_[]<>~\` and backticks), expected at most ${MAX_MARKERS_PER_BLOCK}: split it with blank lines, or build the article as plain text with \`--format txt\``, blockStart, 1);
      }
      if (total > MAX_MARKERS) {
        fail(`Unexpected article with more than ${MAX_MARKERS} Markdown markers (\`*_[]<>~\` and backticks), expected at most ${MAX_MARKERS}: build it as plain text with \`--format txt\``, line, column + 1);
      }
    }
  });
}

/** Fail the file: its HTML nests elements deeper than briefdeck reads ({@link MAX_HTML_DEPTH}). */
export function failHtmlTooDeep(file: VFile, place: { line: number; column: number } = { line: 1, column: 1 }): never {
  file.fail(`Unexpected HTML nested more than ${MAX_HTML_DEPTH} elements deep, expected less: save the page as text and build it with \`--format txt\``, {
    place: { line: place.line, column: place.column },
    ruleId: 'input-limits',
    source: 'briefdeck',
  });
  throw new Error('unreachable');
}
