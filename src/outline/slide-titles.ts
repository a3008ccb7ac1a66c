/**
 * Slide titles made from the article's own words: what a slide of the storyline
 * claims or is about, at most {@link TITLE_MAX_WORDS} words, never "(cont.)".
 *
 * A title is the slide's strongest claim that shortens cleanly to a headline (a
 * whole clause kept, not a cut mid-phrase, no pronoun pointing back, no question);
 * failing that, one cut after a complete phrase (never the same claim as another title); failing that,
 * its section's heading with the slide's most frequent name. Never names alone
 * ("Levant and Iraq" says nothing of what the slide claims).
 */
import { namesIn } from '../article/section-title.ts';
import { compressClaim } from '../claims/compress.ts';
import type { Tagger } from '../text/nlp.ts';
import { label } from '../text/labels.ts';
import { hasTagger } from '../text/language.ts';

/** The most words a slide title has. */
export const TITLE_MAX_WORDS = 8;

/** What a title is drawn from: the full sentences behind a slide's bullets, strongest first. */
export interface TitleSource {
  sentence: string;
  score: number;
  /** Names what a shortened sentence's opening points back to ("The group ..." -> "The Islamic State ..."), when it can. */
  resolve?: (text: string) => string;
}

/** A headline may not point back ("This is a worrying sign") or open mid-thought ("And so", "But"). */
const POINTS_BACK = /^(?:it|they|he|she|we|this|that|these|those|there|its|their|his|her|such|and|but|or|so|yet|also|however|the (?:group|organization|organisation|movement|company|firm|man|woman|pair|two|latter|former))\b/i;
/** Words a headline may not end on: it would be a phrase cut short. */
const DANGLING_END = /\b(?:a|an|the|of|to|in|on|for|with|by|from|at|as|and|or|but|that|which|who|is|are|was|were|be|been|has|have|had|its|their|his|her|this|these|those|than|into|about|between)$/i;

/** A clause shortened to a headline, or undefined when it cannot be done cleanly. */
export function headlineOf(
  sentence: string,
  importance?: (word: string) => number,
  tagger?: Tagger,
  maxWords = TITLE_MAX_WORDS,
  minQuality = 0.4,
  resolve: (text: string) => string = (text) => text,
  lang?: string,
): string | undefined {
  if (/\?["'”’)]*$/u.test(sentence.trim()) || /^["“‘']/u.test(sentence.trim())) return undefined;
  const compression = compressClaim(sentence, maxWords, importance, maxWords, tagger, lang);
  if (compression.words > maxWords || compression.words < 3 || compression.quality < minQuality) return undefined;
  let resolved = resolve(compression.text);
  // The name that replaced "the group" may make it long again: shorten the resolved clause once more.
  if (resolved !== compression.text && resolved.split(/\s+/).length > maxWords) {
    const again = compressClaim(resolved, maxWords, importance, maxWords, tagger, lang);
    if (again.words > maxWords || again.quality < minQuality) return undefined;
    resolved = again.text;
  }
  const text = resolved.replace(/[.!;:,–—-]+$/u, '').trim();
  if (POINTS_BACK.test(text) || DANGLING_END.test(text) || cutInGapping(text, sentence)) return undefined;
  return text;
}

/**
 * A headline cut inside a gapped coordination: "BM25 falls to 63% and E5" from "BM25 falls to 63% and E5
 * to 49%", where the second subject's own figure ("to 49%") is what the cut left behind.
 */
function cutInGapping(headline: string, sentence: string): boolean {
  const tail = /\b(?:and|or)\s+\S+(?:\s+\S+)?$/iu.exec(headline);
  if (!tail) return false;
  const at = sentence.indexOf(tail[0]);
  return at !== -1 && /^\s+(?:to|from|by)\s+[$€£]?\d/u.test(sentence.slice(at + tail[0].length));
}

/** The names a slide's sentences mention most, as written, at most `max`. */
function topNames(sentences: string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const [name, { count, openerOnly }] of namesIn(sentence)) {
      if (openerOnly && !name.includes(' ') && !/^\p{Lu}{2,}$/u.test(name)) continue;
      counts.set(name, (counts.get(name) ?? 0) + count);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const chosen: string[] = [];
  for (const name of ranked) {
    if (chosen.some((other) => other.includes(name) || name.includes(other))) continue;
    chosen.push(name);
    if (chosen.length === max) break;
  }
  return chosen;
}

function key(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * A title for a slide from its claims' sentences (strongest first), distinct from every title in
 * `taken` (which it is added to). `heading` is the slide's section heading, the last resort. `strict`
 * takes only a clean headline of at most 8 words from the sentences (where a heading could stand instead).
 * Returns the title and, when it was made from one of the sentences, that sentence's index.
 */
export function slideTitle(
  sources: TitleSource[],
  heading: string,
  taken: Set<string>,
  importance?: (word: string) => number,
  tagger?: Tagger,
  strict = false,
  lang?: string,
): { title: string; from?: number } {
  const order = sources.map((source, index) => ({ ...source, index })).sort((a, b) => b.score - a.score);
  // A clean headline of at most 8 words; else one cut after a complete phrase: a title that says what the slide
  // claims before one that only names who it is about.
  const tiers = strict ? [0.4] : [0.4, 0.2];
  for (const minQuality of tiers) {
    for (const source of order) {
      const title = headlineOf(source.sentence, importance, tagger, TITLE_MAX_WORDS, minQuality, source.resolve, lang);
      // Not the same claim cut shorter or longer than another slide's title.
      if (title && ![...taken].some((other) => other.startsWith(key(title)) || key(title).startsWith(other))) {
        taken.add(key(title));
        return { title, from: source.index };
      }
    }
  }
  // Last resorts, never names alone: the section's heading with the name the slide is most about.
  // Names are capitalised words: in a language without a tagger (German capitalises every noun, Chinese nothing) they are not names.
  const names = lang === undefined || hasTagger(lang) ? topNames(sources.map((source) => source.sentence), 2) : [];
  const candidates = [
    names[0] ? label(lang, 'about', heading, names[0]) : '',
    ...names.slice(1).map((name) => label(lang, 'about', heading, name)),
  ].filter((title) => title && title.split(/\s+/).length <= TITLE_MAX_WORDS + 2);
  for (const title of candidates) {
    if (!taken.has(key(title))) {
      taken.add(key(title));
      return { title };
    }
  }
  // Every name is taken: number the part of the section, as a last resort (never "(cont.)").
  for (let part = 2; ; part += 1) {
    const title = label(lang, 'part', heading, part);
    if (!taken.has(key(title))) {
      taken.add(key(title));
      return { title };
    }
  }
}
