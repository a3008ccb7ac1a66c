/**
 * Merge: keep a person's edits to an outline file when the article changes.
 *
 * A three-way merge of outline files: `base` is the outline as briefdeck last
 * generated it, `ours` the file as the person left it, `theirs` the outline
 * generated from the changed article. Slides are matched by identity (kind and
 * title, else shared bullets), bullets by their provenance marker or text. What
 * the person edited, added, deleted or reordered stays, byte for byte; what they
 * left as generated follows the new article; where both changed the same slide
 * part or bullet, the person's version stays and a
 * `<!-- briefdeck-conflict: ... -->` comment after it says what the article now has.
 */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { parseDocument } from 'yaml';
import {
  bulletToMarkdown,
  commentText,
  CONFLICT_MARKER,
  lineEndingOf,
  outlineDocumentToMarkdown,
  outlineFromMarkdown,
  type OutlineDocument,
  type OutlineFile,
  type OutlinePart,
  type OutlineSlideBlock,
} from './outline-markdown.ts';
import type { Bullet, Slide, SlideBlock } from '../types.ts';

/** Slide kinds a generated outline has once. */
const SINGLE_KINDS = new Set(['title', 'key-points', 'closing']);

/** Front-matter keys that come from the article; the others (theme, lang) belong to the person. */
const ARTICLE_KEYS = ['title', 'subtitle', 'author', 'date', 'source', 'article', 'article-sha256'] as const;

/** What to do with the outline file in a build. */
export interface OutlineDecision {
  /**
   * `created`: there was no outline file; `kept`: the file is used as it is;
   * `updated`: the file was as generated and follows the changed article;
   * `merged`: the person's edits merged with the changed article;
   * `regenerated`: started fresh (the old file is kept as a backup).
   */
  status: 'created' | 'kept' | 'updated' | 'merged' | 'regenerated';
  /** The outline file's text to build from. */
  text: string;
  /** Whether `text` must be written to the outline file. */
  write: boolean;
  /** Whether to keep the current file as a backup before writing. */
  backup: boolean;
  /** The outline as generated, to record as the new base; undefined to leave the record as it is. */
  base?: string;
  /** True when `text` is kept exactly as briefdeck generated it (the file equals its recorded base): no hand edit to check. */
  asGenerated?: boolean;
}

/** What to do with the outline file in a build, and the outline to build, read. */
export interface OutlineUpdate extends OutlineDecision {
  /** `text` read: the outline to build, with the position of every slide, bullet and block. */
  read: OutlineFile;
  /** The warnings reading `text` gave (an unresolved merge conflict, a table row with too many cells). */
  messages: VFileMessage[];
}

/** The inputs of {@link updateOutline}: the three outline texts and the article's hash. */
export interface OutlineUpdateInput {
  /** The outline file as it is on disk; undefined when there is none. */
  ours?: string;
  /** The outline as briefdeck last generated it; undefined when not recorded. */
  base?: string;
  /** The outline generated from the article as it is now (a function, so it is generated only when needed). */
  theirs: () => string;
  /** SHA-256 of the article as it is now. */
  articleSha256: string;
  /** Start fresh from the article, whatever the file holds. */
  regenerate?: boolean;
}

/**
 * Decide what the outline file becomes in a build. Pure: reads nothing, writes
 * nothing. `file` is the outline file: its problems fail it (nothing is written
 * then) and notes about the decision are added to it. Each outline text is read
 * once, and the text to build comes back read, so the build does not read it again.
 */
export function updateOutline(input: OutlineUpdateInput, file: VFile): OutlineUpdate {
  const read = (text: string) => {
    const scratch = new VFile({ path: file.path, value: text });
    return { read: outlineFromMarkdown(text, scratch), messages: scratch.messages };
  };
  if (input.ours === undefined) {
    const text = input.theirs();
    return { status: 'created', text, write: true, backup: false, base: text, ...read(text) };
  }
  if (input.regenerate) {
    const text = input.theirs();
    return { status: 'regenerated', text, write: true, backup: true, base: text, ...read(text) };
  }
  // Reading first: a malformed file stops the build before anything is written.
  const ours = read(input.ours);
  const recorded = ours.read.settings['article-sha256'];
  if (recorded === undefined || recorded === input.articleSha256) {
    // Record a base when there is none, so a later article change can merge.
    const base = input.base === undefined && recorded !== undefined ? input.theirs() : undefined;
    return { status: 'kept', text: input.ours, write: false, backup: false, base, ...(input.base !== undefined && input.ours === input.base ? { asGenerated: true } : {}), ...ours };
  }
  // A base the file still equals reads as the file did.
  const base = input.base === undefined ? undefined : input.base === input.ours ? ours.read : readable(input.base);
  if (base === undefined) {
    file.message('The article changed since this outline was generated, but briefdeck has no record of the outline it generated, so it cannot merge: the outline is used as it is (run with --regenerate to start fresh)', {
      place: { line: 1, column: 1 },
      ruleId: 'no-base',
      source: 'briefdeck',
    });
    return { status: 'kept', text: input.ours, write: false, backup: false, ...ours };
  }
  const text = input.theirs();
  if (input.ours === input.base) return { status: 'updated', text, write: true, backup: false, base: text, ...read(text) };
  const theirs = outlineFromMarkdown(text, new VFile({ path: 'theirs.outline.md', value: text }));
  const merged = mergeOutlineDocuments(base.document, ours.read.document, theirs.document, lineEndingOf(input.ours));
  return { status: 'merged', text: merged, write: true, backup: false, base: text, ...read(merged) };
}

/** A recorded base read, or undefined when it does not read as an outline (someone may have edited or truncated the record). */
function readable(text: string): OutlineFile | undefined {
  try {
    return outlineFromMarkdown(text, new VFile({ value: text }));
  } catch (error) {
    if (error instanceof VFileMessage) return undefined;
    throw error;
  }
}

/**
 * Three-way merge of outline texts. `base` and `theirs` are generated outlines,
 * `ours` the person's; all three must be valid outline files. The result is an
 * outline file in `ours`' line endings.
 */
export function mergeOutlines(base: string, ours: string, theirs: string): string {
  const b = outlineFromMarkdown(base, new VFile({ path: 'base.outline.md' })).document;
  const o = outlineFromMarkdown(ours, new VFile({ path: 'ours.outline.md' })).document;
  const t = outlineFromMarkdown(theirs, new VFile({ path: 'theirs.outline.md' })).document;
  return mergeOutlineDocuments(b, o, t, lineEndingOf(ours));
}

/** {@link mergeOutlines} of outline files already read; `eol` is the line ending of ours. */
function mergeOutlineDocuments(b: OutlineDocument, o: OutlineDocument, t: OutlineDocument, eol: string): string {
  const convert = (text: string) => text.replace(/\r\n|\r|\n/g, eol);

  const slides = mergeSequence<OutlineSlideBlock, string>({
    base: b.slides,
    ours: o.slides,
    theirs: t.slides,
    oursToBase: matchSlides(b.slides, o.slides, false),
    theirsToBase: matchSlides(b.slides, t.slides, true),
    both: (bs, os, ts) => [mergeSlide(bs, os, ts, eol, convert)],
    oursOnly: (os) => [slideRaw(os)],
    theirsOnly: (ts) => [convert(slideRaw(ts))],
    removedByTheirs: (bs, os) =>
      sameSlide(bs.slide, os.slide)
        ? []
        : [withCommentAfterHeading(os, `the article no longer has the section of this slide; delete the slide if it is not needed`, eol)],
  });

  const document: OutlineDocument = {
    frontMatter: mergeFrontMatter(b, o, t, eol),
    frontMatterData: {},
    head: o.head,
    slides: [],
  };
  const text = outlineDocumentToMarkdown(document) + endWithBreaks(slides, eol).join('');
  return text;
}

/** Make every piece but the last end with a line ending. */
function endWithBreaks(pieces: string[], eol: string): string[] {
  return pieces.map((piece, index) => (index < pieces.length - 1 && !/[\r\n]$/.test(piece) ? piece + eol : piece));
}

function slideRaw(block: OutlineSlideBlock): string {
  return block.heading + block.parts.map((part) => part.raw).join('');
}

function comment(text: string, eol: string): string {
  return `<!-- ${CONFLICT_MARKER}: ${commentText(text)} -->${eol}`;
}

function withCommentAfterHeading(block: OutlineSlideBlock, text: string, eol: string): string {
  const heading = /[\r\n]$/.test(block.heading) ? block.heading : block.heading + eol;
  return heading + comment(text, eol) + block.parts.map((part) => part.raw).join('');
}

/** Merge the front matter: article keys follow the article unless the person changed them; the rest stays theirs. */
function mergeFrontMatter(b: OutlineDocument, o: OutlineDocument, t: OutlineDocument, eol: string): string {
  if (!o.frontMatter) return '';
  const lines = o.frontMatter.split(/(?<=\n)|(?<=\r)(?!\n)/);
  const open = lines[0]!;
  const close = lines[lines.length - 1]!;
  const inner = lines.slice(1, -1).join('');
  const document = parseDocument(inner.replace(/\r\n?/g, '\n'));
  let changed = false;
  for (const key of ARTICLE_KEYS) {
    const bv = b.frontMatterData[key];
    const ov = o.frontMatterData[key];
    const tv = t.frontMatterData[key];
    if (ov === tv) continue;
    if (ov === bv) {
      if (tv === undefined) document.delete(key);
      else document.set(key, tv);
      changed = true;
    } else if (tv !== bv && key !== 'article-sha256' && key !== 'article') {
      const node = document.get(key, true) as { comment?: string } | undefined;
      if (node) {
        node.comment = ` ${CONFLICT_MARKER}: the article now has ${commentText(JSON.stringify(tv ?? ''))}`;
        changed = true;
      }
    }
  }
  if (!changed) return o.frontMatter;
  const body = document.toString({ lineWidth: 0 }).replace(/\r\n|\r|\n/g, eol);
  return open + body + close;
}

interface SequenceMerge<T, R> {
  base: T[];
  ours: T[];
  theirs: T[];
  /** For each item of ours, the index of its base item, if any. */
  oursToBase: Array<number | undefined>;
  theirsToBase: Array<number | undefined>;
  both: (base: T, ours: T, theirs: T) => R[];
  oursOnly: (ours: T) => R[];
  theirsOnly: (theirs: T) => R[];
  /** An item the person kept (maybe edited) that the new generation no longer has. */
  removedByTheirs: (base: T, ours: T) => R[];
}

/**
 * Merge three versions of a list, in the person's order: items matched in all
 * three are merged, the person's additions stay where they are, the person's
 * deletions stay deleted, and new items of `theirs` go after the item they follow there.
 */
function mergeSequence<T, R>(merge: SequenceMerge<T, R>): R[] {
  const baseToTheirs = new Map<number, number>();
  merge.theirsToBase.forEach((baseIndex, theirsIndex) => {
    if (baseIndex !== undefined) baseToTheirs.set(baseIndex, theirsIndex);
  });
  /** Output entries in order, each remembering the theirs item it stands for. */
  const entries: Array<{ theirs?: number; items: R[] }> = [];
  merge.ours.forEach((item, oursIndex) => {
    const baseIndex = merge.oursToBase[oursIndex];
    if (baseIndex === undefined) {
      entries.push({ items: merge.oursOnly(item) });
      return;
    }
    const theirsIndex = baseToTheirs.get(baseIndex);
    if (theirsIndex === undefined) {
      entries.push({ items: merge.removedByTheirs(merge.base[baseIndex]!, item) });
      return;
    }
    entries.push({ theirs: theirsIndex, items: merge.both(merge.base[baseIndex]!, item, merge.theirs[theirsIndex]!) });
  });
  merge.theirs.forEach((item, theirsIndex) => {
    if (merge.theirsToBase[theirsIndex] !== undefined) return;
    const entry = { theirs: theirsIndex, items: merge.theirsOnly(item) };
    let after = -1;
    let bestBefore = -1;
    for (const [position, each] of entries.entries()) {
      if (each.theirs !== undefined && each.theirs < theirsIndex && each.theirs >= bestBefore) {
        bestBefore = each.theirs;
        after = position;
      }
    }
    if (after !== -1) {
      entries.splice(after + 1, 0, entry);
      return;
    }
    const before = entries.findIndex((each) => each.theirs !== undefined && each.theirs > theirsIndex);
    if (before !== -1) entries.splice(before, 0, entry);
    else entries.push(entry);
  });
  return entries.flatMap((entry) => entry.items);
}

/** Match the items of `other` to those of `base`: by each key in turn, first come first served. */
function matchByKeys<T>(base: T[], other: T[], keys: Array<(item: T) => string | undefined>): Array<number | undefined> {
  const result: Array<number | undefined> = other.map(() => undefined);
  const taken = new Set<number>();
  for (const key of keys) {
    const queues = new Map<string, number[]>();
    base.forEach((item, index) => {
      if (taken.has(index)) return;
      const value = key(item);
      if (value === undefined) return;
      const queue = queues.get(value) ?? [];
      queue.push(index);
      queues.set(value, queue);
    });
    other.forEach((item, index) => {
      if (result[index] !== undefined) return;
      const value = key(item);
      if (value === undefined) return;
      const baseIndex = queues.get(value)?.shift();
      if (baseIndex === undefined) return;
      result[index] = baseIndex;
      taken.add(baseIndex);
    });
  }
  return result;
}

/**
 * Match slides: by kind and title; then, for a renamed slide, by the bullets it
 * shares with a base slide of its kind (provenance markers for the person's
 * file, whose markers stay; bullet text for a new generation, whose line numbers move).
 */
function matchSlides(base: OutlineSlideBlock[], other: OutlineSlideBlock[], generated: boolean): Array<number | undefined> {
  // The title, key-points and closing slides are one of a kind: the nth of a kind matches the nth when its title changed.
  const nth = (blocks: OutlineSlideBlock[]) => {
    const seen = new Map<string, number>();
    return new Map(blocks.map((block) => {
      const count = seen.get(block.slide.kind) ?? 0;
      seen.set(block.slide.kind, count + 1);
      return [block, `${block.slide.kind}#${count}`] as const;
    }));
  };
  const ordinals = new Map([...nth(base), ...nth(other)]);
  const result = matchByKeys(base, other, [
    (block) => `${block.slide.kind}\u0000${block.slide.title}`,
    (block) => (SINGLE_KINDS.has(block.slide.kind) ? ordinals.get(block) : undefined),
  ]);
  const taken = new Set(result.filter((index): index is number => index !== undefined));
  const signature = (bullet: Bullet) => (generated ? bullet.text : bullet.source ?? bullet.text);
  other.forEach((block, index) => {
    if (result[index] !== undefined) return;
    const mine = new Set(block.slide.bullets.map(signature));
    let best: number | undefined;
    let bestScore = 0;
    base.forEach((candidate, baseIndex) => {
      if (taken.has(baseIndex) || candidate.slide.kind !== block.slide.kind) return;
      const score = candidate.slide.bullets.filter((bullet) => mine.has(signature(bullet))).length;
      if (score > bestScore) {
        best = baseIndex;
        bestScore = score;
      }
    });
    if (best !== undefined) {
      result[index] = best;
      taken.add(best);
    }
  });
  return result;
}

function sameBullet(a: Bullet, b: Bullet): boolean {
  return a.text === b.text && a.source === b.source;
}

function sameSlide(a: Slide, b: Slide): boolean {
  return (
    a.kind === b.kind &&
    a.title === b.title &&
    Boolean(a.hidden) === Boolean(b.hidden) &&
    a.notes === b.notes &&
    JSON.stringify(a.body ?? []) === JSON.stringify(b.body ?? []) &&
    blocksMeaning(a.blocks ?? []) === blocksMeaning(b.blocks ?? []) &&
    a.bullets.length === b.bullets.length &&
    a.bullets.every((bullet, index) => sameBullet(bullet, b.bullets[index]!))
  );
}

/** What blocks say: their data without the place they were read from (a block moved down a line is the same block). */
function blocksMeaning(blocks: SlideBlock[]): string {
  return JSON.stringify(blocks.map(({ position, ...block }) => block));
}

/** A slide cut in three: parts before the bullets, the bullets (each with the lines up to the next), and the parts after. */
interface SlideCut {
  prefix: OutlinePart[];
  bullets: Array<{ bullet: Bullet; raw: string }>;
  suffix: OutlinePart[];
}

function cutSlide(block: OutlineSlideBlock): SlideCut {
  const parts = block.parts;
  const first = parts.findIndex((part) => part.type === 'bullet');
  if (first === -1) {
    const notes = parts.findIndex((part) => part.type === 'notes');
    const split = notes === -1 ? parts.length : notes;
    return { prefix: parts.slice(0, split), bullets: [], suffix: parts.slice(split) };
  }
  let last = first;
  parts.forEach((part, index) => {
    if (part.type === 'bullet') last = index;
  });
  const bullets: SlideCut['bullets'] = [];
  for (let index = first; index <= last; index += 1) {
    const part = parts[index]!;
    if (part.type === 'bullet') bullets.push({ bullet: part.bullet, raw: part.raw });
    else bullets[bullets.length - 1]!.raw += part.raw;
  }
  return { prefix: parts.slice(0, first), bullets, suffix: parts.slice(last + 1) };
}

/** What a run of parts says, ignoring blank lines and line endings. */
function meaningOf(parts: OutlinePart[]): string {
  return JSON.stringify(
    parts.flatMap((part) => {
      if (part.type === 'paragraph') return [['p', part.text]];
      if (part.type === 'notes') return [['n', part.notes]];
      if (part.type === 'comment') return [['c', part.text]];
      if (part.type === 'block') return [['b', blocksMeaning([part.block])]];
      return [];
    }),
  );
}

function headingMeaning(block: OutlineSlideBlock): string {
  return JSON.stringify([block.slide.kind, block.slide.title, Boolean(block.slide.hidden)]);
}

/** Merge one slide present in all three versions. */
function mergeSlide(b: OutlineSlideBlock, o: OutlineSlideBlock, t: OutlineSlideBlock, eol: string, convert: (text: string) => string): string {
  if (sameSlide(o.slide, b.slide)) return convert(slideRaw(t));
  if (sameSlide(t.slide, b.slide) || sameSlide(o.slide, t.slide)) return slideRaw(o);

  const conflicts: string[] = [];
  let heading = o.heading;
  if (headingMeaning(o) === headingMeaning(b)) heading = convert(t.heading);
  else if (headingMeaning(t) !== headingMeaning(b) && headingMeaning(t) !== headingMeaning(o)) {
    conflicts.push(`the article now titles this slide: ${t.heading.trim()}`);
  }
  if (!/[\r\n]$/.test(heading)) heading += eol;

  const bc = cutSlide(b);
  const oc = cutSlide(o);
  const tc = cutSlide(t);
  const region = (name: string, pick: (cut: SlideCut) => OutlinePart[]): string => {
    const [bp, op, tp] = [pick(bc), pick(oc), pick(tc)];
    if (meaningOf(op) === meaningOf(bp)) return convert(tp.map((part) => part.raw).join(''));
    if (meaningOf(tp) !== meaningOf(bp) && meaningOf(tp) !== meaningOf(op)) {
      conflicts.push(`the article changed this slide's ${name} too; yours are kept, the new ones are: ${tp.map((part) => ('text' in part ? part.text : 'notes' in part ? part.notes : '')).filter(Boolean).join(' / ')}`);
    }
    return op.map((part) => part.raw).join('');
  };
  const prefix = region('text', (cut) => cut.prefix);
  const suffix = region('notes', (cut) => cut.suffix);

  type Item = SlideCut['bullets'][number];
  const bulletText = (item: Item) => item.bullet.text;
  const bulletSource = (item: Item) => item.bullet.source;
  const ensureBreak = (raw: string) => (/[\r\n]$/.test(raw) ? raw : raw + eol);
  const bullets = mergeSequence<Item, string>({
    base: bc.bullets,
    ours: oc.bullets,
    theirs: tc.bullets,
    oursToBase: matchByKeys(bc.bullets, oc.bullets, [bulletSource, bulletText]),
    theirsToBase: matchByKeys(bc.bullets, tc.bullets, [bulletText, bulletSource]),
    both: (bb, ob, tb) => {
      if (sameBullet(ob.bullet, bb.bullet)) return [convert(tb.raw)];
      if (sameBullet(tb.bullet, bb.bullet) || sameBullet(ob.bullet, tb.bullet)) return [ob.raw];
      return [ensureBreak(ob.raw) + comment(`the article now has: ${bulletToMarkdown(tb.bullet)}`, eol)];
    },
    oursOnly: (ob) => [ob.raw],
    theirsOnly: (tb) => [convert(tb.raw)],
    removedByTheirs: (bb, ob) =>
      sameBullet(ob.bullet, bb.bullet) ? [] : [ensureBreak(ob.raw) + comment(`the article no longer has the sentence of the bullet above${bb.bullet.source ? ` (was at ${bb.bullet.source})` : ''}`, eol)],
  });

  let body = prefix;
  if (conflicts.length > 0) body = conflicts.map((text) => comment(text, eol)).join('') + body;
  const bulletRun = endWithBreaks(bullets, eol).join('');
  if (bulletRun) {
    if (body && !/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)$/.test(heading + body)) body += eol;
    body += /[\r\n]$/.test(bulletRun) || !suffix ? bulletRun : bulletRun + eol;
    if (suffix && !/^[ \t]*(?:\r\n|\r|\n)/.test(suffix)) body += eol;
  }
  return heading + body + suffix;
}
