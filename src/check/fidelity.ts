/**
 * Fidelity check: every number, date, percentage and proper name on a slide
 * must appear in the article. A generated outline passes by construction (its
 * bullets only drop words); a hand edit may not, and then the build warns with
 * the slide and the line of the outline file.
 */
import { labelsFor } from '../text/labels.ts';
import { primaryLanguage } from '../text/language.ts';
import type { VFile } from 'vfile';
import { defaultTagger, type Tagger } from '../text/nlp.ts';
import { inlinePlainText } from '../text/inline-markdown.ts';
import type { Outline } from '../types.ts';

/** Something on a slide that must be found in the article. */
export interface Fact {
  kind: 'number' | 'name';
  /** The text as it stands on the slide. */
  text: string;
  /** Offset of the fact in the text it was found in. */
  offset: number;
}

/** What a fact is checked against: the article's numbers (digits only) and words. */
export interface ArticleFacts {
  numbers: Set<string>;
  /** Words as written (case kept) and lower-cased. */
  words: Set<string>;
  lowerWords: Set<string>;
}

const NUMBER = /[$€£¥]?\d(?:[\d,.:/-]*\d)?(?:st|nd|rd|th|s)?%?/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/**
 * The longest run of non-space characters searched for numbers and names. No number or
 * name is longer; V8 runs out of stack matching {@link WORD} over a run of megabytes
 * ("a." repeated), so such a run is not searched (it is no fact a slide could change).
 */
const MAX_FACT_RUN = 1000;

/** `pattern`'s matches in `text`, as `matchAll` gives them, except inside runs of non-space characters longer than {@link MAX_FACT_RUN}. */
function* factMatches(text: string, pattern: RegExp): Generator<{ 0: string; index: number }> {
  let from = 0;
  const flush = function* (end: number) {
    if (end <= from) return;
    for (const match of text.slice(from, end).matchAll(pattern)) yield { 0: match[0], index: match.index + from };
  };
  let runStart = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const space = i === text.length || /\s/.test(text[i]!);
    if (!space) {
      if (runStart === -1) runStart = i;
      continue;
    }
    if (runStart !== -1 && i - runStart > MAX_FACT_RUN) {
      yield* flush(runStart);
      from = i;
    }
    runStart = -1;
  }
  yield* flush(text.length);
}

/** The digits of a number, the way the article and the slide are compared ("31,683" and "31683" agree). */
function digitsOf(number: string): string {
  return number.replace(/[^\d.]/g, '').replace(/\.$/, '');
}

function bareWord(word: string): string {
  return word.replace(/['’]s?$/u, '');
}

/**
 * Index an article's text for {@link factsMissingFrom}. Most numbers and words repeat, so each
 * distinct one is split only the first time it is seen: one pass over the text.
 */
export function articleFacts(text: string): ArticleFacts {
  const numbers = new Set<string>();
  const seenNumbers = new Set<string>();
  for (const match of factMatches(text, NUMBER)) {
    const number = match[0];
    if (seenNumbers.has(number)) continue;
    seenNumbers.add(number);
    numbers.add(digitsOf(number));
    // "3-2" and "2014-15" hold numbers of their own too.
    if (/[-/:]/.test(number)) for (const part of number.split(/[-/:]/)) numbers.add(digitsOf(part));
  }
  const words = new Set<string>();
  const lowerWords = new Set<string>();
  const seenWords = new Set<string>();
  const add = (word: string) => {
    if (!word || words.has(word)) return;
    words.add(word);
    lowerWords.add(word.toLowerCase());
  };
  for (const match of factMatches(text, WORD)) {
    const word = match[0];
    if (seenWords.has(word)) continue;
    seenWords.add(word);
    add(word);
    add(bareWord(word));
    if (/[-.]/.test(word)) for (const part of word.split(/[-.]/)) add(part);
  }
  return { numbers, words, lowerWords };
}

/** Words that open sentences without being names (checked only when the article lacks them). */
const COMMON_OPENERS = new Set(
  ('the a an this that these those it its he she they we i you there here but and or so yet however meanwhile in on at for if ' +
    'when while as after before since although though his her their our my what why how who where one some many most all no not ' +
    'other still then now today also even both each such despite with without by from to under over instead indeed moreover ' +
    'furthermore overall finally first second third next last lastly thus therefore hence nonetheless nevertheless besides ' +
    'ultimately clearly notably importantly key main bottom summary background conclusion more less few several every any ' +
    'only just again already perhaps maybe likely unlike like given because once until unless whether which whose whom').split(' '),
);

/** Whether the word at `offset` opens a sentence (or the text), where a capital says nothing. */
function opensSentence(text: string, offset: number): boolean {
  return /(^|[.!?:;]["'”’)]*\s+|^["“‘(]|\s["“‘(])$/u.test(text.slice(Math.max(0, offset - 4), offset)) || offset === 0;
}

/** Numbers and proper names in a slide's text that the article does not have. */
export function factsMissingFrom(text: string, article: ArticleFacts, tagger: () => Tagger = defaultTagger, deckWords: ReadonlySet<string> = new Set()): Fact[] {
  const missing: Fact[] = [];
  for (const match of factMatches(text, NUMBER)) {
    const digits = digitsOf(match[0]);
    if (digits === '' || article.numbers.has(digits)) continue;
    missing.push({ kind: 'number', text: match[0], offset: match.index });
  }
  for (const match of factMatches(text, WORD)) {
    const word = bareWord(match[0]);
    if (!/^\p{Lu}/u.test(word) || /^\d/.test(word)) continue;
    if (article.words.has(word) || article.words.has(match[0]) || article.lowerWords.has(word.toLowerCase()) || deckWords.has(word.toLowerCase())) continue;
    // A capital that only opens a sentence is not a name, unless the word is shaped like one (ISIS, McIlroy, al-Sisi).
    const shapedLikeName = /\p{Lu}/u.test(word.slice(1)) || /\d/.test(word);
    if (opensSentence(text, match.index) && !shapedLikeName) {
      // A capitalised first word may be a name ("Kabul and the Taliban") or not ("Ask the audience"):
      // common openers are not; otherwise the tagger decides (loaded only for such a word, which only a hand edit brings).
      if (COMMON_OPENERS.has(word.toLowerCase())) continue;
      const nextWord = text.slice(match.index + match[0].length).match(/^\s+(\S)/u)?.[1] ?? '';
      if (!/\p{Lu}/u.test(nextWord)) {
        const token = tagger().tag(text).find((candidate) => candidate.start === match.index);
        if (token && token.pos !== 'PROPN') continue;
      }
    }
    missing.push({ kind: 'name', text: word, offset: match.index });
  }
  return missing.sort((a, b) => a.offset - b.offset);
}

/**
 * Check an outline against its article: each number, date, percentage or
 * proper name on a slide that the article does not have becomes a warning on
 * the outline file, at the bullet's (or the slide title's) line and column: the line is
 * the `position` the slide or bullet was read from (a generated outline's have none).
 * `tagger` gives the tagger for a capitalised first word (called only then); by default the package's.
 */
export function checkFidelity(outline: Outline, articleText: string, file: VFile, tagger: () => Tagger = defaultTagger, lang?: string): void {
  const facts = articleFacts(articleText);
  // The deck's own words in its language ("Hintergrund", "Teil") are no names from the article.
  // A title briefdeck numbered ("Streit um die Kosten, Teil 2"): its number is the deck's, not the article's.
  const partLabel = primaryLanguage(lang) === 'en' ? undefined : new RegExp(`^${labelsFor(lang).part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{0\\}', '(.*)').replace('\\{1\\}', '[\\p{N}〇一二三四五六七八九十]+')}$`, 'u');
  const withoutPartLabel = (title: string) => (partLabel ? (partLabel.exec(title)?.[1] ?? title) : title);
  const deckWords = primaryLanguage(lang) === 'en' ? new Set<string>() : new Set(Object.values(labelsFor(lang)).flatMap((text) => text.toLowerCase().match(/\p{L}+/gu) ?? []));
  outline.slides.forEach((slide) => {
    if (slide.kind === 'title' || slide.kind === 'closing') return;
    const slideLine = slide.position?.start.line;
    const report = (fact: Fact, line: number | undefined, column: number) => {
      const what = fact.kind === 'number' ? 'number' : 'name';
      file.message(`Unexpected ${what} \`${fact.text}\` on slide “${slide.title}”, not found in the article; check it against the source`, {
        place: line === undefined ? undefined : { line, column: column + fact.offset },
        ruleId: 'fidelity',
        source: 'briefdeck',
      });
    };
    if (slide.kind === 'content') {
      for (const fact of factsMissingFrom(withoutPartLabel(slide.title), facts, tagger, deckWords)) report(fact, slideLine, 4);
    }
    slide.bullets.forEach((bullet) => {
      for (const fact of factsMissingFrom(inlinePlainText(bullet.text), facts, tagger, deckWords)) report(fact, bullet.position?.start.line, 3);
    });
  });
}
