/**
 * Markdown inline syntax, the way the outline carries formatting: a bullet,
 * a note, a table cell or a quote is one line of Markdown inline text
 * (`**strong**`, `*emphasis*`, `` `code` ``, `[link](url)`, `~~struck~~`, `$math$`).
 * Parsed with the same micromark extensions as articles (GFM, math); block
 * syntax never applies, so `- x` or `# x` at the start of a bullet stays text.
 */
import type { Html, PhrasingContent, Root, Text } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown, mathToMarkdown } from 'mdast-util-math';
import { toMarkdown } from 'mdast-util-to-markdown';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';

/**
 * A character put before the text so that nothing in it reads as block syntax:
 * a no-break space is Unicode white space (so `_x_` after it still opens
 * emphasis) but not indentation (so `- x`, `# x`, `> x` stay a paragraph).
 */
const SHIELD = '\u00a0';

/**
 * Whether a `$...$` span is a formula as Pandoc reads one: no space just inside
 * either dollar and no digit right after the closing one. "$5 and $10" is money.
 */
export function isTextMath(source: string): boolean {
  const match = /^(\$+)([\s\S]*?)(\$+)$/.exec(source);
  if (!match) return true;
  if (match[1]!.length > 1) return true;
  const inner = match[2]!;
  return inner.length > 0 && !/^\s/.test(inner) && !/\s$/.test(inner);
}

/**
 * mdast transform shared with the article reader: a single-dollar span that is
 * not a formula by {@link isTextMath} (or whose closing dollar a digit follows)
 * becomes the text it was written as.
 */
export function revertDollarText(children: PhrasingContent[], source: string, offsetShift = 0): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const child of children) {
    if (child.type === 'inlineMath' && child.position?.start.offset !== undefined && child.position.end.offset !== undefined) {
      const start = child.position.start.offset - offsetShift;
      const end = child.position.end.offset - offsetShift;
      const written = source.slice(start, end);
      if (!isTextMath(written) || /^\d/.test(source.slice(end, end + 1))) {
        out.push({ type: 'text', value: written, position: child.position });
        continue;
      }
    }
    if ('children' in child && Array.isArray(child.children)) {
      (child as { children: PhrasingContent[] }).children = revertDollarText(child.children as PhrasingContent[], source, offsetShift);
    }
    out.push(child);
  }
  // Adjacent text nodes read as one.
  return out.reduce<PhrasingContent[]>((merged, node) => {
    const last = merged.at(-1);
    if (last?.type === 'text' && node.type === 'text') {
      last.value += node.value;
      // The joined text spans both sources (the article reader maps its characters back through them).
      if (last.position && node.position) last.position = { start: last.position.start, end: node.position.end };
    } else merged.push(node);
    return merged;
  }, []);
}

/** Raw HTML in outline text is shown as written, never as markup. */
function htmlAsText(children: PhrasingContent[]): PhrasingContent[] {
  return children.map((child) => {
    if (child.type === 'html') return { type: 'text', value: (child as Html).value } satisfies Text;
    if ('children' in child && Array.isArray(child.children)) (child as { children: PhrasingContent[] }).children = htmlAsText(child.children as PhrasingContent[]);
    return child;
  });
}

/**
 * A line that is plain text but for backslash escapes of ASCII punctuation: no character that
 * starts inline syntax (emphasis, code, links, images, autolinks, HTML, entities, math,
 * strikethrough, table cells, hard breaks) and nothing a GFM autolink literal starts with.
 * Such a line reads as its text with the backslashes dropped, in time linear in its length;
 * micromark takes tens of microseconds per escape, which a run of `\*` a megabyte long
 * (a text article of asterisks, escaped in its outline) turns into minutes.
 */
const SYNTAX = new Set(['\\', '*', '_', '`', '[', ']', '!', '<', '>', '&', '~', '$', '|', '@', '\0']);
const AUTOLINK_START = /www|https?|mailto|xmpp/i;

/** Whether `code` is ASCII punctuation, what a backslash escapes. */
function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

/** The text of a plain line (see above) with its escapes resolved, or undefined when the line has syntax. One pass, no regex. */
function plainLineText(line: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (!SYNTAX.has(ch)) continue;
    if (ch !== '\\' || i + 1 >= line.length || !isAsciiPunctuation(line.charCodeAt(i + 1))) return undefined;
    out += line.slice(from, i);
    from = i + 1;
    i += 1;
  }
  if (AUTOLINK_START.test(line)) return undefined;
  return out + line.slice(from);
}

/** One line of Markdown inline text as mdast phrasing content. */
export function lineFromMarkdown(line: string): PhrasingContent[] {
  const plain = plainLineText(line);
  if (plain === undefined) return parsedLine(line);
  // A paragraph drops the white space at its end, and so does this.
  let end = plain.length;
  while (end > 0 && (plain[end - 1] === ' ' || plain[end - 1] === '\t')) end -= 1;
  return end === 0 ? [] : [{ type: 'text', value: plain.slice(0, end) }];
}

/** One line of Markdown inline text as mdast phrasing content, parsed by micromark (what {@link lineFromMarkdown} does for a line with syntax). */
export function parsedLine(line: string): PhrasingContent[] {
  const source = SHIELD + line;
  const tree = fromMarkdown(source, { extensions: [gfm(), math()], mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()] }) as Root;
  const children: PhrasingContent[] = [];
  for (const block of tree.children) {
    if (block.type === 'paragraph') children.push(...block.children);
    // Anything else (a footnote definition, a stray table) reads as its text.
    else if (children.length === 0) children.push({ type: 'text', value: toString(block) });
  }
  const first = children[0];
  if (first?.type === 'text' && first.value.startsWith(SHIELD)) {
    first.value = first.value.slice(SHIELD.length);
    if (first.value === '') children.shift();
  }
  return htmlAsText(revertDollarText(children, source));
}

/**
 * Markdown inline text -> mdast phrasing content. Lines are read one by one
 * (a line break inside is a space), so no line can start a list or a heading.
 */
export function inlineFromMarkdown(text: string): PhrasingContent[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: PhrasingContent[] = [];
  lines.forEach((line, index) => {
    if (index > 0) out.push({ type: 'text', value: ' ' });
    out.push(...lineFromMarkdown(line));
  });
  return out;
}

/** What Markdown inline text reads as, without the formatting: `**10%** of [GDP](x)` -> `10% of GDP`. */
export function inlinePlainText(text: string): string {
  if (!/[\\*_`[\]$~<&!]/.test(text)) return text;
  return inlineFromMarkdown(text).map((node) => toString(node)).join('');
}

const TO_MARKDOWN = { extensions: [gfmToMarkdown(), mathToMarkdown()] };

/** mdast phrasing content -> one line of Markdown inline text. */
export function inlineToMarkdown(children: PhrasingContent[]): string {
  if (children.length === 0) return '';
  const written = toMarkdown({ type: 'paragraph', children }, TO_MARKDOWN).replace(/\n$/, '');
  // A hard break or a soft line break would split the line: one line, spaces instead.
  return written.replace(/\\?\r?\n/g, ' ');
}

/** Plain text written as Markdown inline text that reads back as exactly that text. */
export function escapeInline(text: string): string {
  if (text === '') return '';
  if (!/[\\*_`[\]$~<>&!#+\-=.|:)]/.test(text) && !/^\s|\s$/.test(text)) return text;
  return inlineToMarkdown([{ type: 'text', value: text }]);
}

/** A formula as Markdown inline text: `$tex$`, with more dollars when the TeX holds one. */
export function mathToInline(tex: string): string {
  return inlineToMarkdown([{ type: 'inlineMath', value: tex } satisfies InlineMath]);
}

/** A cell's text as written in a row: every `|` not yet escaped gets a backslash, line breaks become spaces. */
export function escapeCell(text: string): string {
  let out = '';
  let backslashes = 0;
  for (const char of text.replace(/\s*[\r\n]+\s*/g, ' ').trim()) {
    if (char === '|' && backslashes % 2 === 0) out += '\\';
    out += char;
    backslashes = char === '\\' ? backslashes + 1 : 0;
  }
  return out;
}
