/**
 * Storyline: where a long section's topic shifts, so its slides break there and
 * not every five bullets.
 *
 * A TextTiling-like measure (Hearst 1997) of lexical cohesion between the
 * sentences before and after each gap (stemmed content words in blocks of a few
 * sentences), with two more signals: the names shared across the gap (a slide is
 * often about a set of actors: "China", "Russia") and the article's own paragraph
 * edges (a writer rarely shifts topic inside a paragraph). A gap's depth is how
 * far its cohesion falls below the peaks on either side; boundaries go to the
 * deepest gaps, chosen together by dynamic programming so each segment keeps a
 * size the caller allows.
 */
import { stemmer } from 'stemmer';
import { TOPIC_STOP_WORDS } from '../text/stop-words.ts';

/** One sentence of the text to segment, in reading order. */
export interface StorySentence {
  text: string;
  /** Index of its paragraph; a change of paragraph between two sentences is a paragraph edge. */
  paragraph: number;
}

/** Which signals the cohesion measure uses: all of them for the storyline, lexical only for plain TextTiling. */
export interface CohesionOptions {
  /** Sentences in the block on each side of a gap. */
  window?: number;
  /** Count names shared across a gap. */
  names?: boolean;
  /** Favour gaps at paragraph edges. */
  paragraphs?: boolean;
}

/** Stemmed content words of a sentence. */
function termsOf(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [])
    .map((word) => word.replace(/['’]s$/u, ''))
    .filter((word) => word.length > 2 && !TOPIC_STOP_WORDS.has(word))
    .map((word) => stemmer(word));
}

/** Names in a sentence: capitalised words after its first, and acronyms, lower-cased. */
function namesOf(text: string): string[] {
  const words = text.match(/\p{L}[\p{L}'’.-]*/gu) ?? [];
  return words
    .filter((word, index) => /^\p{Lu}/u.test(word) && (index > 0 || /^\p{Lu}{2,}/u.test(word)))
    .map((word) => word.replace(/['’]s?$|\.$/gu, '').toLowerCase())
    .filter((word) => !TOPIC_STOP_WORDS.has(word));
}

function add(counts: Map<string, number>, words: string[], sign = 1): void {
  for (const word of words) {
    const count = (counts.get(word) ?? 0) + sign;
    if (count === 0) counts.delete(word);
    else counts.set(word, count);
  }
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [word, count] of a) {
    na += count * count;
    const other = b.get(word);
    if (other) dot += count * other;
  }
  for (const count of b.values()) nb += count * count;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Cohesion across each gap: entry `g - 1` is for the gap before sentence `g` (so there are
 * `sentences.length - 1` entries). Block comparison of the `window` sentences on either side,
 * plus shared names when asked. Windows slide, so the cost is linear in the text.
 */
export function cohesion(sentences: StorySentence[], options: CohesionOptions = {}): number[] {
  const window = options.window ?? 3;
  const terms = sentences.map((sentence) => termsOf(sentence.text));
  const names = options.names ? sentences.map((sentence) => namesOf(sentence.text)) : [];
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  const leftNames = new Map<string, number>();
  const rightNames = new Map<string, number>();
  const result: number[] = [];
  for (let g = 1; g < sentences.length; g += 1) {
    if (g === 1) {
      add(left, terms[0]!);
      if (options.names) add(leftNames, names[0]!);
      for (let i = 1; i < Math.min(sentences.length, 1 + window); i += 1) {
        add(right, terms[i]!);
        if (options.names) add(rightNames, names[i]!);
      }
    } else {
      add(left, terms[g - 1]!);
      add(right, terms[g - 1]!, -1);
      if (g - 1 - window >= 0) add(left, terms[g - 1 - window]!, -1);
      if (g - 1 + window < sentences.length) add(right, terms[g - 1 + window]!);
      if (options.names) {
        add(leftNames, names[g - 1]!);
        add(rightNames, names[g - 1]!, -1);
        if (g - 1 - window >= 0) add(leftNames, names[g - 1 - window]!, -1);
        if (g - 1 + window < sentences.length) add(rightNames, names[g - 1 + window]!);
      }
    }
    let score = cosine(left, right);
    if (options.names) score = 0.7 * score + 0.3 * cosine(leftNames, rightNames);
    result.push(score);
  }
  return result;
}

/**
 * Depth of each gap (TextTiling): how far its cohesion falls below the highest peaks reached climbing left and right.
 * A climb from gap g that can step to g - 1 goes on exactly as the climb from g - 1 does, so each gap's peak is its
 * neighbour's or its own: one pass each way, not a climb per gap (which took quadratic time on a long flat stretch,
 * a section of repeated paragraphs).
 */
export function depthScores(scores: number[]): number[] {
  const leftPeaks = new Array<number>(scores.length);
  for (let g = 0; g < scores.length; g += 1) leftPeaks[g] = g > 0 && scores[g - 1]! >= scores[g]! ? leftPeaks[g - 1]! : scores[g]!;
  const rightPeaks = new Array<number>(scores.length);
  for (let g = scores.length - 1; g >= 0; g -= 1) rightPeaks[g] = g + 1 < scores.length && scores[g + 1]! >= scores[g]! ? rightPeaks[g + 1]! : scores[g]!;
  return scores.map((score, g) => leftPeaks[g]! - score + (rightPeaks[g]! - score));
}

/** How strongly a paragraph edge invites a boundary, and how much a gap inside a paragraph resists one. */
const PARAGRAPH_EDGE = 0.25;
const INSIDE_PARAGRAPH = 0.35;

/**
 * The boundary strength of each gap of `sentences` (entry `g - 1` for the gap before sentence
 * `g`): depth of lexical and name cohesion, raised at paragraph edges and lowered inside a
 * paragraph (when `paragraphs` is not false and the text has more than one paragraph).
 */
export function gapStrengths(sentences: StorySentence[], options: CohesionOptions = {}): number[] {
  const withNames = options.names ?? true;
  const depths = depthScores(cohesion(sentences, { ...options, names: withNames }));
  const useParagraphs = (options.paragraphs ?? true) && sentences.some((sentence) => sentence.paragraph !== sentences[0]!.paragraph);
  if (!useParagraphs) return depths;
  return depths.map((depth, index) => {
    const edge = sentences[index + 1]!.paragraph !== sentences[index]!.paragraph;
    return edge ? depth + PARAGRAPH_EDGE : depth - INSIDE_PARAGRAPH;
  });
}

/**
 * Cut `count` items into `parts` segments of `minSize` to `maxSize` items, cutting at the
 * gaps of greatest `strength` (entry `g - 1` for the gap before item `g`), with a small pull
 * toward segments of even size. Returns the index of each segment's first item (0 first).
 * Dynamic programming over (part, end): O(parts x count x maxSize).
 */
export function cutAtStrongestGaps(count: number, parts: number, strength: (gap: number) => number, minSize = 1, maxSize = count): number[] {
  if (count === 0) return [];
  parts = Math.max(1, Math.min(parts, count));
  if (parts === 1) return [0];
  minSize = Math.max(1, Math.min(minSize, Math.floor(count / parts)));
  maxSize = Math.max(maxSize, Math.ceil(count / parts));
  const ideal = count / parts;
  const NEG = -Infinity;
  // best[p][e]: best value of cutting items [0, e) into p segments; from[p][e]: where the last began.
  const best: number[][] = Array.from({ length: parts + 1 }, () => new Array<number>(count + 1).fill(NEG));
  const from: number[][] = Array.from({ length: parts + 1 }, () => new Array<number>(count + 1).fill(-1));
  best[0]![0] = 0;
  for (let p = 1; p <= parts; p += 1) {
    for (let e = p * minSize; e <= count; e += 1) {
      for (let size = minSize; size <= maxSize && size <= e; size += 1) {
        const s = e - size;
        const previous = best[p - 1]![s]!;
        if (previous === NEG) continue;
        const cut = s === 0 ? 0 : strength(s);
        const value = previous + cut - 0.05 * Math.abs(size - ideal);
        if (value > best[p]![e]!) {
          best[p]![e] = value;
          from[p]![e] = s;
        }
      }
    }
  }
  if (best[parts]![count] === NEG) return cutAtStrongestGaps(count, parts, strength, 1, count);
  const starts: number[] = [];
  let e = count;
  for (let p = parts; p >= 1; p -= 1) {
    const s = from[p]![e]!;
    starts.push(s);
    e = s;
  }
  return starts.reverse();
}

/**
 * Segment a text into `parts` topical segments (at least `minSize` sentences each): the first
 * sentence index of each. With `options` the plain TextTiling measure can be had
 * (`{ names: false, paragraphs: false }`) for comparison.
 */
export function segmentSentences(sentences: StorySentence[], parts: number, minSize = 2, options: CohesionOptions = {}): number[] {
  if (sentences.length === 0) return [];
  const strengths = gapStrengths(sentences, options);
  return cutAtStrongestGaps(sentences.length, parts, (gap) => strengths[gap - 1]!, minSize);
}

/** Equal splits: the baseline a segmentation must beat. */
export function equalSegments(count: number, parts: number): number[] {
  parts = Math.max(1, Math.min(parts, count));
  return Array.from({ length: parts }, (_, index) => Math.round((index * count) / parts));
}
