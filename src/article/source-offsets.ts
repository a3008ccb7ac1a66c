/**
 * Where each character of an inline node's text stands in the source file.
 *
 * A text node's value is not its source: Markdown drops the backslash of `\*` and decodes
 * `&amp;`, a line of a list or quote loses its indent and `>`, a saved page decodes its entities
 * and collapses white space. The node's position says where its source starts; walking the value
 * against the source from there, with the syntax's own rules for what the parser removed or
 * decoded, gives every character's offset. An escape or entity is decoded by the parser that
 * read the article (`mdast-util-from-markdown`, `hast-util-from-html`), never by a table of ours.
 */
import { fromHtml } from 'hast-util-from-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/**
 * How the article was written: what its parser removes from or decodes in a text's source.
 * `markdown-code` is the inside of a Markdown code span or formula: no escapes or entities, but a
 * line's indent or `>` is still not part of it.
 */
export type SourceSyntax = 'markdown' | 'markdown-code' | 'html' | 'text';

/** From value offset `at` on, the value's characters are at `sourceOffset` + (offset − `at`), up to the next run. */
export interface OffsetRun {
  at: number;
  sourceOffset: number;
}

/** What each character reference written in an article decodes to, by how it is written (`&amp;` -> `&`). */
export type ReferenceCache = Map<string, string>;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const MARKDOWN_REFERENCE = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/y;
const HTML_REFERENCE = /&(?:#\d{1,7};?|#[xX][\da-fA-F]{1,6};?|[A-Za-z][A-Za-z\d]{0,31};?)/y;
const SPACE = /\s/;

/**
 * Every distinct character reference of `source`, decoded by the parser of its syntax in one parse
 * (a page repeats `&nbsp;`; 1 MB of distinct ones, `&#1000; &#1001; ...`, took 80 s more parsed one at a time).
 */
export function decodedReferences(source: string, syntax: SourceSyntax): ReferenceCache {
  const decoded: ReferenceCache = new Map();
  if ((syntax !== 'markdown' && syntax !== 'html') || !source.includes('&')) return decoded;
  const pattern = new RegExp((syntax === 'markdown' ? MARKDOWN_REFERENCE : HTML_REFERENCE).source, 'g');
  const written = [...new Set(source.match(pattern) ?? [])];
  if (written.length === 0) return decoded;
  if (syntax === 'markdown') {
    // One paragraph each, between two letters so that a reference to white space is not trimmed.
    const paragraphs = fromMarkdown(written.map((reference) => `a${reference}b`).join('\n\n')).children;
    if (paragraphs.length === written.length) paragraphs.forEach((paragraph, index) => decoded.set(written[index]!, toString(paragraph).slice(1, -1)));
  } else {
    const elements = fromHtml(written.map((reference) => `<p>${reference}</p>`).join(''), { fragment: true }).children;
    if (elements.length === written.length) {
      elements.forEach((element, index) => {
        const text = element.type === 'element' ? element.children[0] : undefined;
        decoded.set(written[index]!, text?.type === 'text' ? text.value : '');
      });
    }
  }
  return decoded;
}

/** The character reference starting at `offset` of `source`, with what it decodes to; undefined when none starts there. */
function referenceAt(source: string, offset: number, syntax: SourceSyntax, decoded: ReferenceCache): { length: number; text: string } | undefined {
  const pattern = syntax === 'markdown' ? MARKDOWN_REFERENCE : HTML_REFERENCE;
  pattern.lastIndex = offset;
  const match = pattern.exec(source);
  const text = match ? decoded.get(match[0]) : undefined;
  return match && text !== undefined ? { length: match[0].length, text } : undefined;
}

/** Whether `wanted` is written at `offset` of `source`, as itself or as a character reference that decodes to it. */
function writtenAt(source: string, offset: number, wanted: string, syntax: SourceSyntax, references: ReferenceCache): boolean {
  if (source[offset] === wanted) return true;
  if (source[offset] !== '&' || (syntax !== 'markdown' && syntax !== 'html')) return false;
  return referenceAt(source, offset, syntax, references)?.text.startsWith(wanted) ?? false;
}

/**
 * The runs that map `value` (a text node's value) to offsets in `source`, where the node's
 * source starts at `start` and ends before `end` (a saved page's text positions have no exact end:
 * undefined). A source character the parser dropped (a Markdown escape's backslash, a line's indent
 * or `>`, collapsed white space) is stepped over; a value character the source does not have (a
 * quote a reader added) stays at the place reached.
 */
export function sourceRuns(value: string, source: string, start: number, end: number | undefined, syntax: SourceSyntax, references: ReferenceCache): OffsetRun[] {
  const runs: OffsetRun[] = [];
  const place = (at: number, sourceOffset: number) => {
    const last = runs.at(-1);
    if (last && last.sourceOffset + (at - last.at) === sourceOffset) return;
    runs.push({ at, sourceOffset });
  };
  const limit = Math.min(end ?? source.length, source.length);
  const dropped = syntax === 'markdown' || syntax === 'markdown-code' ? /[\s>]/ : SPACE;
  let i = 0;
  let j = start;
  while (i < value.length) {
    if (j >= limit) {
      place(i, limit);
      break;
    }
    const wanted = value[i]!;
    const at = source[j]!;
    if (syntax === 'markdown' && at === '\\' && source[j + 1] === wanted && ASCII_PUNCTUATION.test(wanted)) {
      // An escape: the character is where it is written, after its backslash.
      place(i, j + 1);
      i += 1;
      j += 2;
      continue;
    }
    if ((syntax === 'markdown' || syntax === 'html') && at === '&') {
      const reference = referenceAt(source, j, syntax, references);
      if (reference && reference.text.length > 0 && value.startsWith(reference.text, i)) {
        // Every character a reference decodes to is at the reference.
        for (let k = 0; k < reference.text.length; k += 1) runs.push({ at: i + k, sourceOffset: j });
        i += reference.text.length;
        j += reference.length;
        continue;
      }
    }
    // Spaces the parser dropped (a line's indent) before the character itself, written or as a reference
    // ("    &nbsp;" read as a no-break space): stepped over, not taken for it.
    if (at !== wanted && syntax !== 'text' && SPACE.test(wanted) && dropped.test(at)) {
      let next = j + 1;
      while (next < limit && source[next] !== wanted && source[next] !== '&' && dropped.test(source[next]!)) next += 1;
      if (next < limit && writtenAt(source, next, wanted, syntax, references)) {
        j = next;
        continue;
      }
    }
    if (at === wanted || (SPACE.test(at) && SPACE.test(wanted))) {
      place(i, j);
      i += 1;
      j += 1;
      continue;
    }
    if (syntax !== 'text' && dropped.test(at)) {
      j += 1;
      continue;
    }
    place(i, j);
    i += 1;
  }
  return runs;
}
