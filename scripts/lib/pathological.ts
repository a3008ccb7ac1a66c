/**
 * Pathological article shapes, sized in bytes: the hostile inputs of issue 17
 * (one long word, "a." repeated, runs of `*`, nested parentheses, URL- and
 * e-mail-like runs, many tiny sections) and cmark's pathological cases
 * (test/pathological_tests.py in commonmark/cmark), whole and in paragraphs of
 * prose under the per-paragraph limit. `npm run bench` times each
 * at 10 KB, 100 KB and 1 MB for its growth ratio; the property test in
 * test/ingest/pathological-property.test.ts builds generated mixes of them.
 */
import type { ArticleFormat } from '../../src/types.ts';

export interface Shape {
  /** A short name for the bench table. */
  name: string;
  format: ArticleFormat;
  /** An article of about `bytes` bytes in this shape (never less than `bytes`, at most a unit more). */
  make: (bytes: number) => string;
}

/** `unit` repeated to at least `bytes` bytes (a unit is ASCII). */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

/** Plain text with `run` between two ordinary sentences: the run inside a real paragraph. */
function inProse(run: string): string {
  return `Council budget\n\nThe council met on Monday. ${run} Critics said the plan cuts schools.\n`;
}

/** The shapes the issue names, each in the format it hurt. */
export const ISSUE_SHAPES: Shape[] = [
  { name: 'one long word', format: 'txt', make: (bytes) => inProse(repeatTo('a', bytes)) },
  { name: '"a." repeated', format: 'txt', make: (bytes) => inProse(repeatTo('a.', bytes)) },
  { name: '"a. " repeated (tiny sentences)', format: 'txt', make: (bytes) => inProse(repeatTo('a. ', bytes)) },
  { name: '"a " repeated (one-letter words)', format: 'txt', make: (bytes) => inProse(repeatTo('a ', bytes)) },
  { name: '"1. " repeated (numbers as sentences)', format: 'txt', make: (bytes) => inProse(repeatTo('1. ', bytes)) },
  { name: 'a run of * (text)', format: 'txt', make: (bytes) => inProse(repeatTo('*', bytes)) },
  { name: 'a run of * (Markdown)', format: 'md', make: (bytes) => `# Council budget\n\nThe council met on Monday. ${repeatTo('*', bytes)} Critics said so.\n` },
  { name: 'nested parentheses', format: 'txt', make: (bytes) => inProse(`${'('.repeat(Math.ceil(bytes / 2))}a${')'.repeat(Math.ceil(bytes / 2))}`) },
  { name: 'URL-like run', format: 'txt', make: (bytes) => inProse(`http://${repeatTo('a.', bytes)}com/`) },
  { name: 'e-mail-like run', format: 'txt', make: (bytes) => inProse(`${repeatTo('a', bytes / 2)}@${repeatTo('b.', bytes / 2)}org`) },
  {
    name: 'many tiny sections (Markdown)',
    format: 'md',
    make: (bytes) => {
      const parts = ['# Council budget\n'];
      let size = parts[0]!.length;
      for (let i = 1; size < bytes; i += 1) {
        const part = `## Part ${i}\n\nThe council met on day ${i}. It agreed.\n`;
        parts.push(part);
        size += part.length + 1;
      }
      return parts.join('\n');
    },
  },
];

/** cmark's cases: `make(n)` grows with its repeat count n. */
const CMARK: Array<[name: string, make: (n: number) => string]> = [
  ['nested strong emph', (n) => '*a **a '.repeat(n) + 'b' + ' a** a*'.repeat(n)],
  ['many emph closers with no openers', (n) => 'a_ '.repeat(n)],
  ['many emph openers with no closers', (n) => '_a '.repeat(n)],
  ['many link closers with no openers', (n) => 'a]'.repeat(n)],
  ['many link openers with no closers', (n) => '[a'.repeat(n)],
  ['mismatched openers and closers', (n) => '*a_ '.repeat(n)],
  ['openers and closers multiple of 3', (n) => 'a**b' + 'c* '.repeat(n)],
  ['link openers and emph closers', (n) => '[ a_'.repeat(n)],
  ['hard link/emph case', (n) => '**x [a*b**c*](d)'.repeat(n)],
  ['nested brackets', (n) => '['.repeat(n) + 'a' + ']'.repeat(n)],
  ['nested block quotes', (n) => '> '.repeat(n) + 'a'],
  ['deeply nested lists', (n) => Array.from({ length: n }, (_, x) => `${'  '.repeat(x)}* a\n`).join('')],
  ['U+0000 in input', (n) => 'abc\u0000de\u0000'.repeat(n)],
  ['backticks', (n) => Array.from({ length: n - 1 }, (_, x) => `e${'`'.repeat(x + 1)}`).join('')],
  ['unclosed links A', (n) => '[a](<b'.repeat(n)],
  ['unclosed links B', (n) => '[a](b'.repeat(n)],
  ['many references', (n) => Array.from({ length: n * 16 }, (_, x) => `[${x + 1}]: u\n`).join('') + '[0] '.repeat(n)],
];

/** The smallest n whose input is at least `bytes` long (inputs grow with n, some faster than linearly). */
function countFor(make: (n: number) => string, bytes: number): number {
  let low = 1;
  let high = 2;
  while (make(high).length < bytes) high *= 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (make(mid).length < bytes) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** cmark's pathological cases as Markdown shapes, sized in bytes. */
export const CMARK_SHAPES: Shape[] = CMARK.map(([name, make]) => ({ name: `cmark: ${name}`, format: 'md', make: (bytes) => make(countFor(make, bytes)) }));

/** How many repeats of a cmark case one paragraph holds under the limit of 1,000 inline markers a paragraph. */
function paragraphCount(name: string): number {
  if (name === 'hard link/emph case' || name === 'U+0000 in input') return 1;
  if (name === 'deeply nested lists') return 30;
  if (name === 'backticks') return 20;
  return 150;
}

/**
 * cmark's cases in paragraphs of prose, each under the per-paragraph limit, repeated to the size:
 * what is read and built rather than refused at the first paragraph.
 */
export const CMARK_PARAGRAPH_SHAPES: Shape[] = CMARK.map(([name, make]) => ({
  name: `cmark in paragraphs: ${name}`,
  format: 'md',
  make: (bytes) => `# Pathological\n\n${repeatTo(`A council vote on the budget is prose. ${make(paragraphCount(name))}\n\n`, bytes)}`,
}));

/** The shapes the property test mixes (test/ingest/pathological-property.test.ts). */
export const SHAPES: Shape[] = [...ISSUE_SHAPES, ...CMARK_SHAPES];

/** The shapes `npm run bench` times for their growth: those, and cmark's cases in paragraphs. */
export const GROWTH_SHAPES: Shape[] = [...SHAPES, ...CMARK_PARAGRAPH_SHAPES];
