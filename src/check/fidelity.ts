/**
 * Fidelity check: every number (with its unit and scale), date, percentage and proper name on a
 * slide must be in the article. A bullet with a provenance marker (`{@line:col}`) is checked against
 * its own source sentence, the one that starts there; a bullet without one (written by hand), and a
 * slide title, against the whole article. A generated outline passes by construction (its bullets
 * only drop words); a hand edit may not, and then the build warns at the line of the outline file.
 */
import type { VFile } from 'vfile';
import { labelsFor } from '../text/labels.ts';
import { primaryLanguage } from '../text/language.ts';
import { inlinePlainText } from '../text/inline-markdown.ts';
import { LOOKBACK } from '../claims/references.ts';
import type { Article, Outline } from '../types.ts';

/** Something on a slide that must be found in the article. */
export interface Fact {
  kind: 'number' | 'name';
  /** The text as it stands on the slide. */
  text: string;
  /** Offset of the fact in the text it was found in. */
  offset: number;
}

/** What a fact is checked against: the numbers and words of a text (an article, or one sentence of it). */
export interface TextFacts {
  /** Each number as `unit|value` (`$|14000000000`, `%|14`, `|1000`), as `~|value` whatever its unit, and as `*|digits` as written (`*|14` for "$14 billion"). */
  numbers: Set<string>;
  /** Words as written (case kept) and lower-cased. */
  words: Set<string>;
  lowerWords: Set<string>;
}

/** An article's facts, and the words it uses as names: capitalised where no sentence or line starts. */
export interface ArticleFacts extends TextFacts {
  names: Set<string>;
}

/** The article a deck is checked against: its text, and its model when read (for each bullet's own sentence). */
export interface FidelitySource {
  text: string;
  article?: Article;
}

/**
 * A number with what says what it counts: a currency before it (`$`, `US$`, `€`), a scale after it
 * (`14 billion`, `14bn`, `$14m`), a percentage (`14%`, `14 per cent`), percentage points, or a
 * currency word (`14 billion dollars`). Dates, scores and ranges (`2014-15`, `3-2`, `9/11`) are one number.
 */
const QUANTITY =
  /(?<currency>(?:[A-Z]{1,2})?[$€£¥₹])?(?<number>\d(?:[\d,.:/-]*\d)?)(?<suffix>st|nd|rd|th|s)?(?:(?<glued>bn|mn|tn|trn|[kmMK])(?![\p{L}\p{N}])|\s?(?<percent>%|per\s?cent\b|percent\b|pct\b)|\s(?<points>percentage points?\b)|\s(?<scale>[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|bn|mn|tn)\b(?:\s(?<scaleCurrency>dollars?|euros?|yen)\b)?|\s(?<currencyWord>dollars?|euros?|yen)\b)?/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Powers of ten of the scale words and abbreviations. */
const SCALE: Record<string, number> = { k: 3, thousand: 3, m: 6, mn: 6, million: 6, bn: 9, billion: 9, tn: 12, trn: 12, trillion: 12 };
const CURRENCY_WORD: Record<string, string> = { dollar: '$', dollars: '$', euro: '€', euros: '€', yen: '¥' };

/** A decimal number (digits, at most one point) times ten to `exponent`, written without a point where it has none: "1.5" and 9 give "1500000000". */
function scaled(decimal: string, exponent: number): string {
  const [whole = '', fraction = ''] = decimal.split('.');
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  const point = whole.length + exponent;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}

/** A quantity as the check compares it: its unit and its value (`$`, `14000000000`), and its digits as written. */
interface Quantity {
  unit: string;
  value: string;
  digits: string;
  text: string;
  offset: number;
}

function quantityOf(match: RegExpMatchArray & { index: number }): Quantity {
  const groups = match.groups!;
  const number = groups.number!;
  const digits = number.replace(/[^\d.]/g, '').replace(/\.$/, '');
  // A currency's country letters ("US$") say nothing the dollar does not.
  let unit = groups.currency ? groups.currency.replace(/^US(?=\$)/, '') : '';
  if (groups.percent) unit = '%';
  else if (groups.points) unit = 'pp';
  const word = groups.currencyWord ?? groups.scaleCurrency;
  if (word && !unit) unit = CURRENCY_WORD[word.toLowerCase()]!;
  const scaleWord = (groups.scale ?? groups.glued)?.toLowerCase();
  // A bare "14m" or "14k" is a length or a grade as often as a sum: it scales only money.
  const exponent = scaleWord && (groups.scale || !/^[mk]$/.test(scaleWord) || unit) ? SCALE[scaleWord]! : 0;
  const text = exponent === 0 && groups.glued && !groups.scale ? match[0].slice(0, match[0].length - groups.glued.length) : match[0];
  // A date, score or range ("2014-15", "3-2", "10:30") is compared as written; a plain number by its value ("1,000" is 1000).
  const plain = /^\d[\d,]*(?:\.\d+)?$/.test(number);
  const value = plain ? scaled(number.replace(/,/g, ''), exponent) : digits;
  return { unit, value, digits, text: text.trimEnd(), offset: match.index };
}
/**
 * The longest run of non-space characters searched for numbers and names. No number or
 * name is longer; V8 runs out of stack matching {@link WORD} over a run of megabytes
 * ("a." repeated), so such a run is not searched (it is no fact a slide could change).
 */
const MAX_FACT_RUN = 1000;

/** `pattern`'s matches in `text`, as `matchAll` gives them, except inside runs of non-space characters longer than {@link MAX_FACT_RUN}. */
function* factMatches(text: string, pattern: RegExp): Generator<RegExpMatchArray & { index: number }> {
  let from = 0;
  const flush = function* (end: number) {
    if (end <= from) return;
    for (const match of text.slice(from, end).matchAll(pattern)) {
      match.index += from;
      yield match as RegExpMatchArray & { index: number };
    }
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

function bareWord(word: string): string {
  return word.replace(/['’]s?$/u, '');
}

/**
 * Whether the word at `offset` of `text` opens a sentence, a line or a list item (where a capital
 * says nothing): after a full stop, at the start of a line or after a Markdown list, quote or
 * heading marker, or after an opening quote.
 */
function opensSentence(text: string, offset: number): boolean {
  const before = (offset <= 16 ? '\n' : '') + text.slice(Math.max(0, offset - 16), offset);
  return /(?:[.!?:;…]["'”’)\]*_]*\s+|\n[ \t>]*(?:(?:[-*+•]|\d{1,3}[.)]|#{1,6})[ \t]+)?|\s["“‘(]+)["“‘(*_[]*$/u.test(before);
}

/** Index a text's numbers and words for {@link factsMissingFrom}. Most repeat, so each distinct one is split only the first time it is seen. */
export function textFacts(text: string): TextFacts {
  const numbers = new Set<string>();
  const seenNumbers = new Set<string>();
  for (const match of factMatches(text, QUANTITY)) {
    if (seenNumbers.has(match[0])) continue;
    seenNumbers.add(match[0]);
    const quantity = quantityOf(match);
    numbers.add(`${quantity.unit}|${quantity.value}`);
    numbers.add(`~|${quantity.value}`);
    numbers.add(`*|${quantity.digits}`);
    // "3-2" and "2014-15" hold numbers of their own too.
    const number = match.groups!.number!;
    if (/[-/:]/.test(number)) for (const part of number.split(/[-/:]/)) numbers.add(`*|${part.replace(/[^\d.]/g, '')}`);
  }
  const words = new Set<string>();
  const lowerWords = new Set<string>();
  const add = (word: string) => {
    if (!word || words.has(word)) return;
    words.add(word);
    lowerWords.add(word.toLowerCase());
  };
  const seenWords = new Set<string>();
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

/** Index an article's text for {@link factsMissingFrom}: its numbers and words, and the words it uses as names. */
export function articleFacts(text: string): ArticleFacts {
  const names = new Set<string>();
  for (const match of factMatches(text, WORD)) {
    const word = bareWord(match[0]);
    if (/^\p{Lu}/u.test(word) && !names.has(word) && !opensSentence(text, match.index)) names.add(word);
  }
  return { ...textFacts(text), names };
}

/** Whether `word` (or, for "Wesson.38-caliber", each of its parts) is among `facts`' words, in any case. */
function hasWord(facts: TextFacts, word: string, written: string, deckWords: ReadonlySet<string>): boolean {
  const known = (candidate: string) => facts.words.has(candidate) || facts.lowerWords.has(candidate.toLowerCase()) || deckWords.has(candidate.toLowerCase());
  if (known(word) || known(written)) return true;
  const parts = word.split(/[-.]/).filter(Boolean);
  return parts.length > 1 && parts.every(known);
}

/**
 * Numbers and proper names in a slide's text that `reference` (the article, or a bullet's source
 * sentence) does not have. A number must be there with its unit and scale ("$14 billion" is not
 * "14%", "14 million" is not "14 billion"; "14 per cent" is "14%", "$14bn" is "$14 billion", "1,000"
 * is "1000"); a number without a unit only as written. A capitalised word is a name where no sentence
 * starts; one opening a sentence only when `article` uses it as a name (capitalised where no
 * sentence starts) or it is shaped like one (ISIS, McIlroy, G7).
 */
export function factsMissingFrom(text: string, reference: TextFacts, article: ArticleFacts = { ...reference, names: new Set() }, deckWords: ReadonlySet<string> = new Set()): Fact[] {
  const missing: Fact[] = [];
  for (const match of factMatches(text, QUANTITY)) {
    const quantity = quantityOf(match);
    // With a unit, the same unit and value; without, the same value whatever its unit ("14 million" for "$14 million"), or the number as written ("14" of "$14 billion").
    const found = quantity.unit
      ? reference.numbers.has(`${quantity.unit}|${quantity.value}`)
      : reference.numbers.has(`~|${quantity.value}`) || (quantity.value === quantity.digits && reference.numbers.has(`*|${quantity.digits}`));
    if (!found) missing.push({ kind: 'number', text: quantity.text, offset: quantity.offset });
  }
  for (const match of factMatches(text, WORD)) {
    const word = bareWord(match[0]);
    if (!/^\p{Lu}/u.test(word)) continue;
    // The letters of a currency ("US$14") belong to its number.
    if (/^[A-Z]{1,2}$/.test(word) && /^[$€£¥₹]\d/u.test(text.slice(match.index + match[0].length))) continue;
    const shapedLikeName = /\p{Lu}/u.test(word.slice(1)) || /\d/.test(word);
    if (opensSentence(text, match.index) && !shapedLikeName && !article.names.has(word)) continue;
    if (hasWord(reference, word, match[0], deckWords)) continue;
    missing.push({ kind: 'name', text: word, offset: match.index });
  }
  return missing.sort((a, b) => a.offset - b.offset);
}

/**
 * What a bullet drawn from each sentence may say, by where the sentence starts (`line:column`, as a
 * provenance marker writes it): the sentence, and the {@link LOOKBACK} sentences before it, from
 * which an opening "He" or "The group" is given its name (see references.ts).
 */
function sentencesByStart(article: Article | undefined): Map<string, string> {
  const sentences = new Map<string, string>();
  const all = (article?.sections ?? []).flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences));
  all.forEach((sentence, at) => {
    const context = all.slice(Math.max(0, at - LOOKBACK), at).map((before) => before.text);
    sentences.set(`${sentence.start.line}:${sentence.start.column}`, [...context, sentence.text].join('\n'));
  });
  return sentences;
}

/**
 * Check an outline against its article: each number, date, percentage or proper name on a slide
 * that is not in the article becomes a warning on the outline file, at the bullet's (or the slide
 * title's) line and column: the line is the `position` the slide or bullet was read from (a generated
 * outline's have none). A bullet with a provenance marker is checked against the sentence of
 * `source.article` that starts there; a bullet without one, one whose marker points at no sentence
 * (or when the article was not read), and a slide title, against the article's whole text.
 */
export function checkFidelity(outline: Outline, source: string | FidelitySource, file: VFile, lang?: string): void {
  const { text, article } = typeof source === 'string' ? { text: source, article: undefined } : source;
  const facts = articleFacts(text);
  const sentences = sentencesByStart(article);
  const sentenceFacts = new Map<string, TextFacts>();
  const factsOfSentence = (marker: string) => {
    const sentence = sentences.get(marker);
    if (sentence === undefined) return undefined;
    let known = sentenceFacts.get(marker);
    if (!known) sentenceFacts.set(marker, (known = textFacts(sentence)));
    return known;
  };
  // The deck's own words in its language ("Hintergrund", "Teil") are no names from the article.
  // A title briefdeck numbered ("Streit um die Kosten, Teil 2", "Costs, part 2"): its number is the deck's, not the article's.
  const partLabel = new RegExp(`^${labelsFor(lang).part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{0\\}', '(.*)').replace('\\{1\\}', '[\\p{N}〇一二三四五六七八九十]+')}$`, 'u');
  const withoutPartLabel = (title: string) => partLabel.exec(title)?.[1] ?? title;
  const deckWords = primaryLanguage(lang) === 'en' ? new Set<string>() : new Set(Object.values(labelsFor(lang)).flatMap((label) => label.toLowerCase().match(/\p{L}+/gu) ?? []));
  outline.slides.forEach((slide) => {
    if (slide.kind === 'title' || slide.kind === 'closing') return;
    const slideLine = slide.position?.start.line;
    const report = (fact: Fact, line: number | undefined, column: number, where: string) => {
      const what = fact.kind === 'number' ? 'number' : 'name';
      file.message(`Unexpected ${what} \`${fact.text}\` on slide “${slide.title}”, ${where}; check it against the source`, {
        place: line === undefined ? undefined : { line, column: column + fact.offset },
        ruleId: 'fidelity',
        source: 'briefdeck',
      });
    };
    if (slide.kind === 'content') {
      for (const fact of factsMissingFrom(withoutPartLabel(slide.title), facts, facts, deckWords)) report(fact, slideLine, 4, 'not found in the article');
    }
    slide.bullets.forEach((bullet) => {
      const own = bullet.source === undefined ? undefined : factsOfSentence(bullet.source);
      const where = own ? `not in its source sentence (article ${bullet.source})` : 'not found in the article';
      for (const fact of factsMissingFrom(inlinePlainText(bullet.text), own ?? facts, facts, deckWords)) report(fact, bullet.position?.start.line, 3, where);
    });
  });
}
