/**
 * The outline file: {@link Outline} <-> Markdown a person edits.
 *
 *     ---
 *     title: The article's title
 *     theme: white
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
 * (content when absent) and `{.hidden}` leaves it out of the deck; `-` bullets,
 * `{@line:column}` at a bullet's end points at its source sentence; other lines
 * are shown as paragraphs; `::: notes` ... `:::` holds the speaker notes.
 */
import type { VFile } from 'vfile';
import { parseDocument, stringify } from 'yaml';
import type { Bullet, Outline, Slide, SlideKind } from './types.ts';

export const SLIDE_KINDS: readonly SlideKind[] = ['title', 'key-points', 'agenda', 'content', 'closing'];

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

/** Outline-file settings that are not slides: the front matter's deck options. */
export interface OutlineSettings {
  theme?: string;
  lang?: string;
  article?: string;
  'article-sha256'?: string;
}

export interface OutlineFile {
  outline: Outline;
  settings: OutlineSettings;
  /** 1-based line of each slide's heading in the file. */
  slideLines: number[];
  /** 1-based line of each bullet, per slide. */
  bulletLines: number[][];
}

const SLIDE_HEADING = /^(#{1,2})(?:[ \t]+(.*?))?[ \t]*$/;
const ATTRIBUTES = /[ \t]*\{([^{}]*)\}[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const PROVENANCE = /[ \t]*\{@(\d+):(\d+)\}[ \t]*$/;
const NOTES_OPEN = /^:::[ \t]*notes[ \t]*$/;
const FENCE_CLOSE = /^:::[ \t]*$/;

/** Write an outline as the Markdown of an outline file. */
export function outlineToMarkdown(outline: Outline, settings: OutlineSettings = {}): string {
  const front: Record<string, string> = { title: outline.title };
  if (outline.subtitle) front.subtitle = outline.subtitle;
  if (outline.author) front.author = outline.author;
  if (outline.date) front.date = outline.date;
  if (outline.source) front.source = outline.source;
  for (const key of ['theme', 'lang', 'article', 'article-sha256'] as const) {
    const value = settings[key];
    if (value) front[key] = value;
  }
  const lines: string[] = ['---', stringify(front, { lineWidth: 0 }).trimEnd(), '---', ''];
  for (const slide of outline.slides) {
    const classes = [slide.kind === 'content' ? '' : `.${slide.kind}`, slide.hidden ? '.hidden' : ''].filter(Boolean);
    lines.push(`## ${oneLine(slide.title)}${classes.length > 0 ? ` {${classes.join(' ')}}` : ''}`, '');
    for (const paragraph of slide.body ?? []) lines.push(oneLine(paragraph), '');
    if (slide.bullets.length > 0) {
      for (const bullet of slide.bullets) lines.push(`- ${oneLine(bullet.text)}${bullet.source ? ` {@${bullet.source}}` : ''}`);
      lines.push('');
    }
    if (slide.notes.trim()) {
      lines.push('::: notes', ...slide.notes.trim().split(/\r?\n/).map((line) => (FENCE_CLOSE.test(line) ? ` ${line}` : line)), ':::', '');
    }
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Read an outline file. Problems fail the file with the line and column they are at. */
export function outlineFromMarkdown(text: string, file: VFile): OutlineFile {
  const lines = text.split(/\r\n|\r|\n/);
  const fail = (message: string, line: number, column = 1, ruleId = 'outline'): never => {
    file.fail(message, { place: { line, column }, ruleId, source: 'briefdeck' });
    throw new Error('unreachable');
  };

  let at = 0;
  const front: Record<string, unknown> = {};
  if (lines[0]?.replace(/^\ufeff/, '') === '---') {
    const close = lines.findIndex((line, index) => index > 0 && (line === '---' || line === '...'));
    if (close === -1) fail('Unclosed front matter: expected a `---` line to end it', 1, 1, 'front-matter');
    const document = parseDocument(lines.slice(1, close).join('\n'));
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      fail(`Cannot read the front matter: ${error.message.split('\n')[0]}`, 1 + (error.linePos?.[0].line ?? 1), error.linePos?.[0].col ?? 1, 'front-matter');
    }
    const data: unknown = document.toJS();
    if (data !== null && data !== undefined) {
      if (typeof data !== 'object' || Array.isArray(data)) fail('Expected the front matter to be `key: value` lines', 2, 1, 'front-matter');
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        const line = 2 + lines.slice(1, close).findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`"${key}":`));
        if (!(key in OUTLINE_FRONT_MATTER_KEYS)) {
          fail(`Unknown front-matter key \`${key}\`, expected one of ${Object.keys(OUTLINE_FRONT_MATTER_KEYS).join(', ')}`, line, 1, 'front-matter');
        }
        if (value !== null && typeof value === 'object' && !(value instanceof Date)) fail(`Expected \`${key}\` to be text`, line, key.length + 3, 'front-matter');
        front[key] = value instanceof Date ? value.toISOString().slice(0, 10) : value === null ? undefined : String(value);
      }
    }
    at = close + 1;
  }

  const slides: Slide[] = [];
  const slideLines: number[] = [];
  const bulletLines: number[][] = [];
  let slide: Slide | undefined;
  let paragraph: string[] | undefined;
  let bullet: Bullet | undefined;

  const endBlock = () => {
    if (paragraph && slide) (slide.body ??= []).push(paragraph.join(' '));
    paragraph = undefined;
    bullet = undefined;
  };

  for (let index = at; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    const heading = SLIDE_HEADING.exec(line);
    if (heading) {
      endBlock();
      let title = heading[2] ?? '';
      let kind: SlideKind = 'content';
      let hidden = false;
      const attributes = ATTRIBUTES.exec(title);
      if (attributes) {
        title = title.slice(0, attributes.index);
        for (const name of attributes[1]!.trim().split(/\s+/).filter(Boolean)) {
          const bare = name.replace(/^\./, '');
          if (bare === 'hidden') hidden = true;
          else if ((SLIDE_KINDS as readonly string[]).includes(bare)) kind = bare as SlideKind;
          else fail(`Unknown slide attribute \`${name}\`, expected .hidden or a kind: ${SLIDE_KINDS.map((k) => '.' + k).join(', ')}`, lineNumber, line.indexOf(name) + 1, 'slide-attribute');
        }
      }
      title = title.replace(/[ \t]+#+$/, '').trim();
      if (!title) fail('Unexpected slide without a title: write the title after `##`', lineNumber, 1, 'slide-title');
      slide = { kind, title, bullets: [], notes: '' };
      if (hidden) slide.hidden = true;
      slides.push(slide);
      slideLines.push(lineNumber);
      bulletLines.push([]);
      continue;
    }
    if (NOTES_OPEN.test(line)) {
      endBlock();
      if (!slide) fail('Unexpected notes before any slide: start a slide with a `## Title` line first', lineNumber);
      const close = lines.findIndex((l, i) => i > index && FENCE_CLOSE.test(l));
      if (close === -1) fail('Unclosed notes block: expected a `:::` line to end it', lineNumber, 1, 'notes');
      const notes = lines.slice(index + 1, close).map((l) => l.replace(/^ (:::[ \t]*)$/, '$1')).join('\n').trim();
      slide!.notes = slide!.notes ? `${slide!.notes}\n\n${notes}` : notes;
      index = close;
      continue;
    }
    if (line.trim() === '') {
      endBlock();
      continue;
    }
    const item = BULLET.exec(line);
    if (item) {
      if (!slide) fail('Unexpected bullet before any slide: start a slide with a `## Title` line first', lineNumber);
      if (paragraph) endBlock();
      let textOfItem = item[1]!;
      const provenance = PROVENANCE.exec(textOfItem);
      bullet = { text: '' };
      if (provenance) {
        bullet.source = `${provenance[1]}:${provenance[2]}`;
        textOfItem = textOfItem.slice(0, provenance.index);
      }
      bullet.text = textOfItem.trim();
      slide!.bullets.push(bullet);
      bulletLines[bulletLines.length - 1]!.push(lineNumber);
      continue;
    }
    if (!slide) fail('Unexpected text before any slide: start a slide with a `## Title` line first', lineNumber);
    if (bullet && /^[ \t]+\S/.test(line)) {
      // An indented line continues the bullet above it.
      const provenance = PROVENANCE.exec(line);
      const continuation = provenance ? line.slice(0, provenance.index) : line;
      if (provenance) bullet.source = `${provenance[1]}:${provenance[2]}`;
      bullet.text = `${bullet.text} ${continuation.trim()}`.trim();
      continue;
    }
    bullet = undefined;
    (paragraph ??= []).push(line.trim());
  }
  endBlock();

  if (slides.length === 0) fail('Expected at least one slide: a line starting with `## `', Math.max(1, lines.length));

  const title = typeof front.title === 'string' && front.title ? front.title : slides[0]!.title;
  const outline: Outline = { title, slides };
  for (const key of ['subtitle', 'author', 'date', 'source'] as const) {
    const value = front[key];
    if (typeof value === 'string' && value) outline[key] = value;
  }
  const settings: OutlineSettings = {};
  for (const key of ['theme', 'lang', 'article', 'article-sha256'] as const) {
    const value = front[key];
    if (typeof value === 'string' && value) settings[key] = value;
  }
  return { outline, settings, slideLines, bulletLines };
}
