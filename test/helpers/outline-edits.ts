/** Edits a person makes to an outline file, done on the parsed document so each touches only its own lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { articleHash } from '../../src/node/build-deck.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { outlineDocumentToMarkdown, outlineFromMarkdown, outlineToMarkdown, type OutlineDocument, type OutlinePart } from '../../src/outline-file/outline-markdown.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';

export const MERGE_ARTICLE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'outline-file-merge', 'article.md'), 'utf8');

const generated = new Map<string, string>();

/** The outline file briefdeck generates for a Markdown article (memoized: the same text gives the same outline). */
export function generateOutline(article: string): string {
  let text = generated.get(article);
  if (text === undefined) {
    const outline = outlineFromArticle(articleFromFile(new VFile({ path: 'article.md', value: article }), 'md'), { sourceName: 'article.md' });
    text = outlineToMarkdown(outline, { article: 'article.md', 'article-sha256': articleHash(article) });
    generated.set(article, text);
  }
  return text;
}

/** Parse, edit the document, write it back. */
export function editOutline(text: string, edit: (document: OutlineDocument) => void): string {
  const document = outlineFromMarkdown(text).document;
  edit(document);
  return outlineDocumentToMarkdown(document);
}

function eolOf(raw: string): string {
  return /\r\n$|\r$|\n$/.exec(raw)?.[0] ?? '\n';
}

/** Index of the slide with this title; throws when there is none. */
export function slideIndex(document: OutlineDocument, title: string): number {
  const index = document.slides.findIndex((block) => block.slide.title === title);
  if (index === -1) throw new Error(`no slide titled ${title}`);
  return index;
}

function bulletParts(document: OutlineDocument, slide: number): Array<OutlinePart & { type: 'bullet' }> {
  return document.slides[slide]!.parts.filter((part): part is OutlinePart & { type: 'bullet' } => part.type === 'bullet');
}

/** Replace a bullet's text, keeping its provenance marker. */
export function rewordBullet(document: OutlineDocument, slide: number, bullet: number, text: string): void {
  const part = bulletParts(document, slide)[bullet]!;
  part.raw = `- ${text}${part.bullet.source ? ` {@${part.bullet.source}}` : ''}${eolOf(part.raw)}`;
}

/** Add a bullet without a marker after the bullet at `after` (-1: before the first). */
export function addBullet(document: OutlineDocument, slide: number, after: number, text: string): void {
  const block = document.slides[slide]!;
  const bullets = bulletParts(document, slide);
  const eol = eolOf(block.heading);
  const part: OutlinePart = { type: 'bullet', raw: `- ${text}${eol}`, line: 0, bullet: { text } };
  if (bullets.length === 0) {
    block.parts.unshift({ type: 'blank', raw: eol, line: 0 }, part);
    return;
  }
  const anchor = after < 0 ? bullets[0]! : bullets[Math.min(after, bullets.length - 1)]!;
  const at = block.parts.indexOf(anchor) + (after < 0 ? 0 : 1);
  block.parts.splice(at, 0, part);
}

export function deleteBullet(document: OutlineDocument, slide: number, bullet: number): void {
  const block = document.slides[slide]!;
  block.parts.splice(block.parts.indexOf(bulletParts(document, slide)[bullet]!), 1);
}

export function deleteSlide(document: OutlineDocument, slide: number): void {
  document.slides.splice(slide, 1);
}

export function moveSlide(document: OutlineDocument, from: number, to: number): void {
  const [block] = document.slides.splice(from, 1);
  document.slides.splice(to, 0, block!);
}

/** Add `{.hidden}` to a slide's heading. */
export function hideSlide(document: OutlineDocument, slide: number): void {
  const block = document.slides[slide]!;
  if (block.slide.hidden) return;
  const eol = eolOf(block.heading);
  const line = block.heading.slice(0, block.heading.length - (/[\r\n]$/.test(block.heading) ? eol.length : 0));
  block.heading = /\{[^{}]*\}[ \t]*$/.test(line) ? line.replace(/\}([ \t]*)$/, ' .hidden}$1') + eol : `${line} {.hidden}${eol}`;
  block.slide.hidden = true;
}

/** Insert a new slide the person wrote. */
export function insertSlide(document: OutlineDocument, at: number, title: string, bullets: string[]): void {
  const eol = eolOf(document.slides[0]?.heading ?? '\n');
  const parts: OutlinePart[] = [{ type: 'blank', raw: eol, line: 0 }];
  for (const text of bullets) parts.push({ type: 'bullet', raw: `- ${text}${eol}`, line: 0, bullet: { text } });
  parts.push({ type: 'blank', raw: eol, line: 0 });
  document.slides.splice(at, 0, { heading: `## ${title}${eol}`, line: 0, parts, slide: { kind: 'content', title, bullets: bullets.map((text) => ({ text })), notes: '' } });
}
