/**
 * Outline: {@link Article} -> {@link Outline}: a title slide, the key points
 * (bottom line up front), an agenda, content slides per section and a closing
 * slide naming the source.
 */
import { claimBudget, keyPoints, sectionClaims, type Claim } from './claims.ts';
import type { Article, Bullet, Outline, Slide } from './types.ts';

/** The most bullets on one slide; a section with more continues on further slides. */
export const MAX_BULLETS_PER_SLIDE = 5;
/** The most sections the agenda lists on one slide. */
const MAX_AGENDA_ITEMS = 7;

export interface OutlineOptions {
  /** How many key points to put up front; by default 3 to 5, by article length. */
  keyPoints?: number;
  /** What the closing slide names as the source when the article does not say (usually the file name). */
  sourceName?: string;
}

/** Key points for an article of this many sentences: 3 for a short piece, up to 5 for a long report. */
export function defaultKeyPointCount(sentenceCount: number): number {
  if (sentenceCount < 20) return 3;
  if (sentenceCount < 60) return 4;
  return 5;
}

function bulletOf(claim: Claim): Bullet {
  return { text: claim.bullet, source: `${claim.sentence.start.line}:${claim.sentence.start.column}` };
}

function notesOf(claims: Claim[]): string {
  return claims.map((claim) => claim.sentence.text).join('\n\n');
}

/** Split a list into chunks of at most `size`, as even as possible (7 -> 4 + 3, not 5 + 2). */
export function evenChunks<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / size);
  const base = Math.floor(items.length / count);
  const extra = items.length % count;
  const chunks: T[][] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    const length = base + (i < extra ? 1 : 0);
    chunks.push(items.slice(at, at + length));
    at += length;
  }
  return chunks;
}

/** Build the outline of a deck from an article. */
export function outlineFromArticle(article: Article, options: OutlineOptions = {}): Outline {
  const sentenceCount = article.sections.reduce(
    (sum, section) => sum + section.paragraphs.reduce((n, paragraph) => n + paragraph.sentences.length, 0),
    0,
  );
  const k = options.keyPoints ?? defaultKeyPointCount(sentenceCount);
  if (!Number.isInteger(k) || k < 1) throw new TypeError(`Expected keyPoints to be a positive integer, not ${String(options.keyPoints)}`);

  const slides: Slide[] = [];
  const byline = [article.author, article.date].filter(Boolean).join(' · ');
  const titleBody = [article.subtitle, byline].filter((line): line is string => Boolean(line));
  slides.push({ kind: 'title', title: article.title, bullets: [], body: titleBody, notes: '' });

  const points = keyPoints(article, k);
  slides.push({ kind: 'key-points', title: 'Key points', bullets: points.map(bulletOf), notes: notesOf(points) });

  if (article.sections.length >= 3) {
    const chunks = evenChunks(article.sections, MAX_AGENDA_ITEMS);
    chunks.forEach((sections, index) => {
      slides.push({
        kind: 'agenda',
        title: index === 0 ? 'Agenda' : 'Agenda (cont.)',
        bullets: sections.map((section) => ({ text: section.heading })),
        notes: '',
      });
    });
  }

  article.sections.forEach((section, sectionIndex) => {
    const count = section.paragraphs.reduce((n, paragraph) => n + paragraph.sentences.length, 0);
    const claims = sectionClaims(section, sectionIndex, claimBudget(count, section.paragraphs.length), article);
    evenChunks(claims, MAX_BULLETS_PER_SLIDE).forEach((chunk, index) => {
      slides.push({
        kind: 'content',
        title: index === 0 ? section.heading : `${section.heading} (cont.)`,
        bullets: chunk.map(bulletOf),
        notes: notesOf(chunk),
      });
    });
  });

  const source = article.source ?? options.sourceName;
  const closingBody = [
    [article.title, article.subtitle].filter(Boolean).join(': '),
    byline,
    source ? `Source: ${source}` : '',
  ].filter((line) => line.length > 0);
  slides.push({ kind: 'closing', title: 'Source', bullets: [], body: closingBody, notes: '' });

  const outline: Outline = { title: article.title, slides };
  if (article.subtitle) outline.subtitle = article.subtitle;
  if (article.author) outline.author = article.author;
  if (article.date) outline.date = article.date;
  if (source) outline.source = source;
  return outline;
}
