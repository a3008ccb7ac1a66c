/**
 * The outline file: {@link Outline} <-> Markdown a person edits.
 *
 *     ---
 *     title: The article's title
 *     theme: light
 *     ---
 *
 *     ## Key points {.key-points}
 *
 *     - A bullet drawn from the article {@3:1}
 *     - A bullet the person wrote
 *
 *     ::: notes
 *     What the speaker says.
 *     :::
 *
 * One `##` heading per slide; `{.kind}` after the title sets the slide's kind
 * (content when absent), `{.hidden}` leaves it out of the deck and `{section="Name"}`
 * puts the name of the article section a slide continues above its title; `-`, `*` or `+`
 * bullets, `{@line:column}` at a bullet's end points at its source sentence; other
 * lines are shown as paragraphs; `::: notes` ... `:::` holds the speaker notes;
 * a line `<!-- ... -->` is a comment (merge conflicts are marked with one).
 * Text that would read as syntax is written with a backslash (`\# not a heading`,
 * `## Foo \{.hidden}`), which reading takes away, so a generated outline reads
 * back as the outline it was written from.
 *
 * Like Slidev's parser, reading keeps the raw text of every part of the file
 * ({@link OutlineDocument}), so writing it back gives the same bytes and a
 * merge can reuse the person's text untouched. The block structure is found
 * line by line (a slide is a heading line and every line up to the next one),
 * which is what makes each part's byte range exact.
 */
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { isMap, parseDocument, stringify } from 'yaml';
import { isThemeName, THEMES } from '../outline/themes.ts';
import { blockStart, blockToLines, readBlock } from './outline-blocks.ts';
import type { Bullet, Outline, Position, Slide, SlideBlock, SlideKind } from '../types.ts';

export const SLIDE_KINDS: readonly SlideKind[] = ['title', 'key-points', 'agenda', 'content', 'closing', 'exhibit', 'quote'];

/** Front-matter keys of the outline file, with what each means. */
export const OUTLINE_FRONT_MATTER_KEYS = {
  title: 'Title of the deck',
  subtitle: 'Subtitle shown on the title slide',
  author: 'Author of the article',
  date: 'Date of the article',
  source: 'Where the article came from',
  theme: 'Deck theme (see --theme)',
  lang: 'Language of the deck (BCP 47 tag), default en',
  article: 'The article file this outline was generated from',
  'article-sha256': 'SHA-256 of the article text this outline was generated from',
} as const;

export type OutlineFrontMatterKey = keyof typeof OUTLINE_FRONT_MATTER_KEYS;

/** The comment that marks a merge conflict: `<!-- briefdeck-conflict: ... -->`. */
export const CONFLICT_MARKER = 'briefdeck-conflict';

/** Outline-file settings that are not slides: the front matter's deck options. */
export interface OutlineSettings {
  theme?: string;
  lang?: string;
  article?: string;
  'article-sha256'?: string;
}

/** One block of a slide, with its raw text (line endings included) and its 1-based first line. */
export type OutlinePart =
  | { type: 'bullet'; raw: string; line: number; bullet: Bullet }
  | { type: 'paragraph'; raw: string; line: number; text: string }
  | { type: 'notes'; raw: string; line: number; notes: string }
  | { type: 'block'; raw: string; line: number; block: SlideBlock }
  | { type: 'comment'; raw: string; line: number; text: string }
  | { type: 'blank'; raw: string; line: number };

/** One slide of an outline file: its heading line, its parts in order, and what they mean. */
export interface OutlineSlideBlock {
  /** The raw heading line, line ending included. */
  heading: string;
  /** 1-based line of the heading. */
  line: number;
  parts: OutlinePart[];
  slide: Slide;
}

/**
 * An outline file as written: every byte is in exactly one field, so
 * `frontMatter + head + slides (heading + parts)` is the file's text.
 */
export interface OutlineDocument {
  /** The raw front matter, `---` lines and line endings included; empty when there is none. */
  frontMatter: string;
  /** Front-matter values as text, by key. */
  frontMatterData: Record<string, string>;
  /** Raw lines between the front matter and the first slide (blank lines and comments). */
  head: string;
  slides: OutlineSlideBlock[];
}

/**
 * An outline file read: the outline, its settings and the document to write back.
 * Every slide, bullet and block of the outline has the `position` it was read from.
 */
export interface OutlineFile {
  outline: Outline;
  settings: OutlineSettings;
  document: OutlineDocument;
}

// `s`: a line may hold U+2028 or U+2029, which `.` would not match otherwise.
const SLIDE_HEADING = /^(#{1,2})(?:[ \t]+(.*?))?[ \t]*$/s;
const ATTRIBUTES = /[ \t]*(?<!\\)\{([^{}]*)\}[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/s;
const PROVENANCE = /[ \t]*(?<!\\)\{@(\d+):(\d+)\}[ \t]*$/;
const NOTES_OPEN = /^:::[ \t]*notes[ \t]*$/;
const FENCE_CLOSE = /^:::[ \t]*$/;
const COMMENT = /^[ \t]{0,3}<!--(.*)-->[ \t]*$/s;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/*
 * Escapes: text that would read as outline syntax is written with a backslash,
 * and reading takes the backslash away (docs/outline-editing.md, "Escapes").
 * Each pair below is exact: reading what the writer wrote gives the text back.
 */
/** A backslash before ASCII punctuation at the start of a paragraph line: the punctuation is text. */
const ESCAPED_START = /^\\(?=[!-/:-@[-`{-~])/;
/** A brace group at the end of a title or bullet (attributes, provenance marker), after any backslashes. */
const TRAILING_BRACES = /\{[^{}]*\}$/;
const ESCAPED_TRAILING_BRACES = /\\(\{[^{}]*\})$/;
/** Hashes after a space at the end of a title (a closing `##` sequence), after any backslashes. */
const TRAILING_HASHES = /([ \t])(\\*#+)$/;
const ESCAPED_TRAILING_HASHES = /([ \t])\\(\\*#+)$/;
/** A notes line that would end the notes block (`:::`), with the spaces before it: one more space is written. */
const FENCE_LIKE = /^ *:::[ \t]*$/;
const ESCAPED_FENCE = /^ (?= *:::[ \t]*$)/;
/** A notes line that would read as a slide heading (and so as notes left open), with the spaces before it: one more space is written. */
const HEADING_LIKE = /^ *#{1,2}(?:[ \t]|$)/;
const ESCAPED_HEADING = /^ (?= *#{1,2}(?:[ \t]|$))/;

/** The start of a line that reads as a table, figure, code block, formula or quote. */
const BLOCK_LIKE = /^(?:\||>|!\[|`{3}|~{3}|\$\$)/;

/** A paragraph line as written: a backslash first when it would read as a heading, bullet, notes, comment or escape. */
function escapeLineStart(text: string): string {
  const syntax = SLIDE_HEADING.test(text) || BULLET.test(text) || NOTES_OPEN.test(text) || COMMENT.test(text) || ESCAPED_START.test(text) || BLOCK_LIKE.test(text);
  return syntax ? `\\${text}` : text;
}

function unescapeLineStart(text: string): string {
  return text.replace(ESCAPED_START, '');
}

/** A title or bullet text as written: `\{` before a brace group at its end; for a title also `\#` before closing hashes. */
function escapeEnd(text: string, title: boolean): string {
  const braces = text.replace(TRAILING_BRACES, '\\$&');
  return title ? braces.replace(TRAILING_HASHES, '$1\\$2') : braces;
}

function unescapeEnd(text: string, title: boolean): string {
  const braces = text.replace(ESCAPED_TRAILING_BRACES, '$1');
  return title ? braces.replace(ESCAPED_TRAILING_HASHES, '$1$2') : braces;
}

/** A notes line as written: a line of `:::` (after any spaces) gets one more space before it. */
function escapeNotesLine(line: string): string {
  return FENCE_LIKE.test(line) || HEADING_LIKE.test(line) ? ` ${line}` : line;
}

function unescapeNotesLine(line: string): string {
  return line.replace(ESCAPED_FENCE, '').replace(ESCAPED_HEADING, '');
}

/** A line of text: its content, its line ending ('' for a last line without one), its number and offset. */
interface RawLine {
  text: string;
  eol: string;
  number: number;
  offset: number;
}

/** Split text into lines, keeping each line's ending (`\n`, `\r\n` or `\r`). */
function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let offset = 0;
  while (offset < text.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(text)!;
    lines.push({ text: match[1]!, eol: match[2]!, number: lines.length + 1, offset });
    offset += match[0].length;
  }
  return lines;
}

/** The line ending a text mostly uses; `\n` when it has none. */
export function lineEndingOf(text: string): string {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? match[0] : '\n';
}

/**
 * The place of lines `first` to `last` in the file: from the first character of `first` that is
 * not a space or tab to the end of `last`'s text (its line ending left out).
 */
function positionOf(first: RawLine, last: RawLine): Position {
  const indent = /^[ \t]*/.exec(first.text)![0].length;
  return {
    start: { line: first.number, column: indent + 1, offset: first.offset + indent },
    end: { line: last.number, column: last.text.length + 1, offset: last.offset + last.text.length },
  };
}

function rawOf(lines: RawLine[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}

/** Write a slide block back as text. */
export function slideBlockToMarkdown(block: OutlineSlideBlock): string {
  return block.heading + block.parts.map((part) => part.raw).join('');
}

/** Write an outline document back as text: the same bytes it was read from. */
export function outlineDocumentToMarkdown(document: OutlineDocument): string {
  const pieces = [document.frontMatter, document.head, ...document.slides.map(slideBlockToMarkdown)].filter((piece) => piece.length > 0);
  const eol = lineEndingOf(pieces.join(''));
  // A piece made by a merge may lack the final line ending it needs when it is no longer last.
  return pieces.map((piece, index) => (index < pieces.length - 1 && !/[\r\n]$/.test(piece) ? piece + eol : piece)).join('');
}

/**
 * Write an outline as the Markdown of an outline file. Given what
 * {@link outlineFromMarkdown} returned, it gives back the exact text read;
 * given a plain {@link Outline}, it writes a fresh outline file.
 */
export function outlineToMarkdown(value: Outline | OutlineFile, settings: OutlineSettings = {}): string {
  if ('document' in value) return outlineDocumentToMarkdown(value.document);
  const outline = value;
  const front: Record<string, string> = { title: outline.title };
  if (outline.subtitle) front.subtitle = outline.subtitle;
  if (outline.author) front.author = outline.author;
  if (outline.date) front.date = outline.date;
  if (outline.source) front.source = outline.source;
  for (const key of ['theme', 'lang', 'article', 'article-sha256'] as const) {
    const value = settings[key];
    if (value) front[key] = value;
  }
  const lines: string[] = ['---', ...Object.entries(front).map(([key, text]) => frontMatterLine(key, text)), '---', ''];
  for (const slide of outline.slides) lines.push(...slideLines(slide));
  return lines.join('\n');
}

/**
 * One front-matter entry, `key: value`, reading back as exactly `value`. Text the
 * YAML library would drop, change or write as invalid YAML (Unicode spaces,
 * U+2028, NEL, a `-` before a BOM) is written as a double-quoted scalar with
 * those characters escaped.
 */
function frontMatterLine(key: string, value: string): string {
  const plain = stringify({ [key]: value }, { lineWidth: 0 }).trimEnd();
  const check = parseDocument(plain);
  if (check.errors.length === 0 && (check.toJS() as Record<string, unknown> | null)?.[key] === value) return plain;
  const quoted = JSON.stringify(value).replace(/[\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${key}: ${quoted}`;
}

/** The lines of one slide as a fresh outline file writes it, a blank line at the end. */
function slideLines(slide: Slide): string[] {
  const lines: string[] = [];
  const classes = [
    slide.kind === 'content' ? '' : `.${slide.kind}`,
    slide.hidden ? '.hidden' : '',
    slide.section ? `section="${sectionAttribute(slide.section)}"` : '',
  ].filter(Boolean);
  lines.push(`## ${escapeEnd(oneLine(slide.title), true)}${classes.length > 0 ? ` {${classes.join(' ')}}` : ''}`, '');
  for (const paragraph of slide.body ?? []) lines.push(escapeLineStart(oneLine(paragraph)), '');
  for (const block of slide.blocks ?? []) lines.push(...blockToLines(block), '');
  if (slide.bullets.length > 0) {
    for (const bullet of slide.bullets) lines.push(bulletToMarkdown(bullet));
    lines.push('');
  }
  if (slide.notes.trim()) {
    lines.push('::: notes', ...slide.notes.trim().split(/\r\n|\r|\n/).map(escapeNotesLine), ':::', '');
  }
  return lines;
}

/** A section name inside `section="..."`: one line, quotes and backslashes escaped, braces (which end attributes) as brackets. */
function sectionAttribute(name: string): string {
  return oneLine(name).replace(/[\\"]/g, '\\$&').replace(/\{/g, '(').replace(/\}/g, ')');
}

/** A `section="..."` attribute of a slide heading. */
const SECTION_ATTRIBUTE = /(?:^|\s)section="((?:[^"\\]|\\.)*)"(?=\s|$)/;

/** One bullet line, without a line ending: `- text {@line:column}`. */
export function bulletToMarkdown(bullet: Bullet): string {
  return `- ${escapeEnd(oneLine(bullet.text), false)}${bullet.source ? ` {@${bullet.source}}` : ''}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Make a text safe inside an HTML comment on one line. */
export function commentText(text: string): string {
  return oneLine(text).replace(/--/g, '- -');
}

/**
 * Read an outline file. Problems fail the file with the line and column they
 * are at (a vfile message is thrown); unresolved merge conflicts are warnings.
 */
export function outlineFromMarkdown(text: string, file: VFile = new VFile({ value: text })): OutlineFile {
  if (typeof text !== 'string') throw new TypeError('Expected the outline text as a string');
  const lines = splitLines(text);
  const fail = (message: string, line: number, column = 1, ruleId = 'outline'): never => {
    file.fail(message, { place: { line, column }, ruleId, source: 'briefdeck' });
    throw new Error('unreachable');
  };

  let at = 0;
  const front: Record<string, string> = {};
  let frontMatter = '';
  if (lines[0]?.text.replace(/^\ufeff/, '').trimEnd() === '---') {
    const close = lines.findIndex((line, index) => index > 0 && FRONT_MATTER_CLOSE.test(line.text));
    if (close === -1) fail('Unclosed front matter: expected a `---` line to end it', 1, 1, 'front-matter');
    readFrontMatter(lines.slice(1, close), front, fail, file);
    frontMatter = rawOf(lines.slice(0, close + 1));
    at = close + 1;
  }

  const headLines: RawLine[] = [];
  const blocks: OutlineSlideBlock[] = [];
  let block: OutlineSlideBlock | undefined;

  for (let index = at; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = line.number;
    const heading = SLIDE_HEADING.exec(line.text);
    if (heading) {
      block = { heading: line.text + line.eol, line: lineNumber, parts: [], slide: slideFromHeading(line.text, heading, lineNumber, fail) };
      block.slide.position = positionOf(line, line);
      blocks.push(block);
      continue;
    }
    const comment = COMMENT.exec(line.text);
    if (line.text.trim() === '' || comment) {
      if (comment && comment[1]!.trim().startsWith(CONFLICT_MARKER)) {
        file.message(`Unresolved merge conflict: ${comment[1]!.trim().slice(CONFLICT_MARKER.length).replace(/^:\s*/, '')} (delete this comment once resolved)`, {
          place: { line: lineNumber, column: line.text.indexOf('<!--') + 1 },
          ruleId: 'merge-conflict',
          source: 'briefdeck',
        });
      }
      if (!block) {
        headLines.push(line);
        continue;
      }
      block.parts.push(
        comment
          ? { type: 'comment', raw: line.text + line.eol, line: lineNumber, text: comment[1]!.trim() }
          : { type: 'blank', raw: line.text + line.eol, line: lineNumber },
      );
      if (comment) extendSlide(block.slide, line);
      continue;
    }
    if (NOTES_OPEN.test(line.text)) {
      if (!block) fail('Unexpected notes before any slide: start a slide with a `## Title` line first', lineNumber, 1, 'slide-first');
      let close = index + 1;
      while (close < lines.length && !FENCE_CLOSE.test(lines[close]!.text)) close += 1;
      if (close === lines.length) close = -1;
      if (close === -1) fail('Unclosed notes block: expected a `:::` line to end it', lineNumber, 1, 'notes');
      // A notes block left open runs on to the next `:::`, and the slides between would vanish into its notes.
      const swallowed = lines.slice(index + 1, close).findIndex((l) => SLIDE_HEADING.test(l.text));
      if (swallowed !== -1) {
        fail(`Unclosed notes block: the slide heading on line ${lineNumber + 1 + swallowed} is inside it; end the notes with a \`:::\` line before that heading`, lineNumber, 1, 'notes');
      }
      const notes = lines
        .slice(index + 1, close)
        .map((l) => unescapeNotesLine(l.text))
        .join('\n')
        .trim();
      block!.parts.push({ type: 'notes', raw: rawOf(lines.slice(index, close + 1)), line: lineNumber, notes });
      extendSlide(block!.slide, lines[close]!);
      index = close;
      continue;
    }
    const blockKind = blockStart(lines, index);
    if (blockKind) {
      if (!block) fail('Unexpected table, figure, code, formula or quote before any slide: start a slide with a `## Title` line first', lineNumber, 1, 'slide-first');
      const read = readBlock(lines, index, blockKind);
      if ('unclosed' in read) fail(`Unclosed ${blockKind === 'math' ? 'formula: expected a `$$` line' : 'code block: expected a closing fence line'} to end it`, lineNumber, 1, 'block');
      else {
        if (read.extraCells) {
          file.message(`Table row has more cells than its header: ${read.extraCells} cell(s) beyond the header's columns are not shown`, {
            place: { line: lineNumber, column: 1 },
            ruleId: 'table-cells',
            source: 'briefdeck',
          });
        }
        block!.parts.push({ type: 'block', raw: rawOf(lines.slice(index, read.end + 1)), line: lineNumber, block: { ...read.block, position: positionOf(line, lines[read.end]!) } });
        extendSlide(block!.slide, lines[read.end]!);
        index = read.end;
      }
      continue;
    }
    const item = BULLET.exec(line.text);
    if (item) {
      if (!block) fail('Unexpected bullet before any slide: start a slide with a `## Title` line first', lineNumber, 1, 'slide-first');
      // Indented lines that follow continue the bullet.
      let end = index;
      while (end + 1 < lines.length && /^[ \t]+\S/.test(lines[end + 1]!.text) && !BULLET.exec(lines[end + 1]!.text) && !COMMENT.test(lines[end + 1]!.text)) end += 1;
      const joined = [item[1]!.trim(), ...lines.slice(index + 1, end + 1).map((l) => l.text.trim())].join(' ');
      block!.parts.push({ type: 'bullet', raw: rawOf(lines.slice(index, end + 1)), line: lineNumber, bullet: { ...bulletFromText(joined), position: positionOf(line, lines[end]!) } });
      extendSlide(block!.slide, lines[end]!);
      index = end;
      continue;
    }
    if (!block) fail('Unexpected text before any slide: start a slide with a `## Title` line first', lineNumber, 1, 'slide-first');
    let end = index;
    const isText = (at: number) => {
      const l = lines[at]!;
      return l.text.trim() !== '' && !SLIDE_HEADING.test(l.text) && !BULLET.test(l.text) && !NOTES_OPEN.test(l.text) && !COMMENT.test(l.text) && !blockStart(lines, at);
    };
    while (end + 1 < lines.length && isText(end + 1)) end += 1;
    const paragraph = lines.slice(index, end + 1);
    block!.parts.push({ type: 'paragraph', raw: rawOf(paragraph), line: lineNumber, text: paragraph.map((l) => unescapeLineStart(l.text.trim())).join(' ') });
    extendSlide(block!.slide, lines[end]!);
    index = end;
  }

  if (blocks.length === 0) fail('Expected at least one slide: a line starting with `## `', Math.max(1, lines.length), 1, 'no-slides');

  for (const each of blocks) fillSlide(each);
  const slides = blocks.map((each) => each.slide);
  const title = front.title || slides[0]!.title;
  const outline: Outline = { title, slides };
  for (const key of ['subtitle', 'author', 'date', 'source'] as const) {
    const value = front[key];
    if (value) outline[key] = value;
  }
  const settings: OutlineSettings = {};
  for (const key of ['theme', 'lang', 'article', 'article-sha256'] as const) {
    const value = front[key];
    if (value) settings[key] = value;
  }
  return { outline, settings, document: { frontMatter, frontMatterData: front, head: rawOf(headLines), slides: blocks } };
}

/** Make a slide's position end at the end of `line`, the last line read of it that is not blank. */
function extendSlide(slide: Slide, line: RawLine): void {
  slide.position!.end = positionOf(line, line).end;
}

/** Set a block's slide bullets, body and notes from its parts. */
function fillSlide(block: OutlineSlideBlock): void {
  const slide = block.slide;
  slide.bullets = [];
  slide.notes = '';
  delete slide.body;
  delete slide.blocks;
  for (const part of block.parts) {
    if (part.type === 'bullet') slide.bullets.push(part.bullet);
    else if (part.type === 'block') (slide.blocks ??= []).push(part.block);
    else if (part.type === 'paragraph') (slide.body ??= []).push(part.text);
    else if (part.type === 'notes' && part.notes) slide.notes = slide.notes ? `${slide.notes}\n\n${part.notes}` : part.notes;
  }
}

/** A bullet from its text after the marker: the provenance marker at its end becomes `source`. */
function bulletFromText(text: string): Bullet {
  const provenance = PROVENANCE.exec(text);
  if (!provenance) return { text: unescapeEnd(text.trim(), false) };
  return { text: unescapeEnd(text.slice(0, provenance.index).trim(), false), source: `${provenance[1]}:${provenance[2]}` };
}

function slideFromHeading(line: string, heading: RegExpExecArray, lineNumber: number, fail: (message: string, line: number, column?: number, ruleId?: string) => never): Slide {
  let title = heading[2] ?? '';
  let kind: SlideKind = 'content';
  let hidden = false;
  let section = '';
  const attributes = ATTRIBUTES.exec(title);
  if (attributes) {
    title = title.slice(0, attributes.index);
    let names = attributes[1]!;
    const sectionName = SECTION_ATTRIBUTE.exec(names);
    if (sectionName) {
      section = sectionName[1]!.replace(/\\(.)/g, '$1').trim();
      names = names.slice(0, sectionName.index) + ' ' + names.slice(sectionName.index + sectionName[0].length);
    }
    for (const name of names.trim().split(/\s+/).filter(Boolean)) {
      const bare = name.replace(/^\./, '');
      if (bare === 'hidden') hidden = true;
      else if ((SLIDE_KINDS as readonly string[]).includes(bare)) kind = bare as SlideKind;
      else fail(`Unknown slide attribute \`${name}\`, expected .hidden, section="Name" or a kind: ${SLIDE_KINDS.map((k) => '.' + k).join(', ')}`, lineNumber, line.lastIndexOf(name) + 1, 'slide-attribute');
    }
  }
  title = unescapeEnd(title.replace(/[ \t]+#+$/, '').trim(), true);
  if (!title) fail('Unexpected slide without a title: write the title after `##`', lineNumber, heading[1]!.length + 1, 'slide-title');
  const slide: Slide = { kind, title, bullets: [], notes: '' };
  if (hidden) slide.hidden = true;
  if (section) slide.section = section;
  return slide;
}

/** Read the front matter's `key: value` lines into `front`, failing with the place of a problem. */
function readFrontMatter(
  lines: RawLine[],
  front: Record<string, string>,
  fail: (message: string, line: number, column?: number, ruleId?: string) => never,
  file: VFile,
): void {
  const firstLine = 2;
  const source = lines.map((line) => line.text).join('\n');
  const { toPoint, toOffset } = location(source);
  const place = (at: number): [number, number] => {
    const point = toPoint(Math.min(Math.max(at, 0), source.length))!;
    return [firstLine + point.line - 1, point.column];
  };
  const document = parseDocument(source, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const [line, column] = place(error.pos[0]);
    fail(`Cannot read the front matter: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line, column, 'front-matter');
  }
  // The marker in a quoted value (an article titled `x # briefdeck-conflict`) is text, not a comment.
  const scalars = isMap(document.contents)
    ? document.contents.items.flatMap((pair) => [pair.key, pair.value].flatMap((node) => ((node as { range?: [number, number, number] } | null)?.range ? [(node as { range: [number, number, number] }).range] : [])))
    : [];
  const inScalar = (at: number) => scalars.some(([start, end]) => at >= start && at < end);
  for (const [index, line] of lines.entries()) {
    let comment = line.text.indexOf(`# ${CONFLICT_MARKER}`);
    while (comment !== -1 && inScalar(toOffset({ line: index + 1, column: comment + 1 })!)) comment = line.text.indexOf(`# ${CONFLICT_MARKER}`, comment + 1);
    if (comment !== -1) {
      file.message(`Unresolved merge conflict: ${line.text.slice(comment + CONFLICT_MARKER.length + 2).replace(/^:\s*/, '')} (delete this comment once resolved)`, {
        place: { line: firstLine + index, column: comment + 1 },
        ruleId: 'merge-conflict',
        source: 'briefdeck',
      });
    }
  }
  const contents = document.contents as unknown;
  if (contents === null || contents === undefined) return;
  const map = contents as { items?: Array<{ key: { value?: unknown; range?: [number, number, number] } | null; value: { range?: [number, number, number] } | null }> };
  if (!isMap(contents)) {
    fail('Expected the front matter to be `key: value` lines', firstLine, 1, 'front-matter');
  }
  let data: Record<string, unknown> = {};
  try {
    data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    // An alias bomb: yaml refuses aliases that expand past its limit.
    fail(`Cannot read the front matter: ${error instanceof Error ? error.message : String(error)}; expected plain \`key: value\` lines`, firstLine, 1, 'front-matter');
  }
  for (const pair of map.items!) {
    const key = String(pair.key?.value ?? '');
    const [line, column] = place(pair.key?.range?.[0] ?? 0);
    const [valueLine, valueColumn] = place(pair.value?.range?.[0] ?? pair.key?.range?.[1] ?? 0);
    if (!Object.hasOwn(OUTLINE_FRONT_MATTER_KEYS, key)) {
      fail(`Unknown front-matter key \`${key}\`, expected one of ${Object.keys(OUTLINE_FRONT_MATTER_KEYS).join(', ')}`, line, column, 'front-matter');
    }
    const value = data[key];
    if (value === null || value === undefined) continue;
    if (typeof value === 'object' && !(value instanceof Date)) fail(`Expected \`${key}\` to be text`, valueLine, valueColumn, 'front-matter');
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (key === 'theme' && !isThemeName(text)) {
      fail(`Unknown theme \`${text}\`, expected one of ${Object.keys(THEMES).join(', ')}`, valueLine, valueColumn, 'theme');
    }
    front[key] = text;
  }
}
