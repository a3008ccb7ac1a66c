/**
 * Claims: which sentences of an article carry its main claims, and the short
 * bullet each becomes.
 *
 * A sentence is scored by where it sits (the lead of a news story, the topic
 * sentence of a paragraph, the conclusion of an analysis), by how central its
 * bullet is to the text around it (cosine of content words), by claim cues
 * (modality, numbers, names) and by penalties (questions, quotes, boilerplate,
 * a bullet that could not be compressed cleanly). Claims are then chosen with
 * maximal marginal relevance, so a slide does not say the same thing twice,
 * and shown in the article's order.
 */
import { BULLET_MAX_WORDS, BULLET_SLACK_WORDS, compressClaim, type Compression } from './compress.ts';
import { defaultTagger, type Tagger, type Token } from '../text/nlp.ts';
import type { Article, Section, Sentence } from '../types.ts';
import { STOP_WORDS } from '../text/stop-words.ts';
import { isBackgroundHeading, isFindingsHeading, isSummaryHeading } from '../article/article.ts';

/** A main claim: the bullet text and the article sentence it was drawn from. */
export interface Claim {
  bullet: string;
  sentence: Sentence;
  /** Index of the section the sentence belongs to. */
  section: number;
  score: number;
  /** How cleanly the bullet was compressed: 1 whole asides dropped, 0.7 a trailing clause cut, 0.4 a trailing phrase cut, 0 cut mid-phrase. */
  quality: number;
}

/** A word without its possessive "'s" or "’s" (a string test, not a regex: it runs for every word weighed). */
function withoutPossessive(word: string): string {
  return word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
}

/** Content words of a sentence, lower-cased, for similarity. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .map(withoutPossessive)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/** Word counts, with their sum of squares (kept so a cosine costs the smaller vector only, not the article's vocabulary). */
export interface Vector {
  counts: Map<string, number>;
  squares: number;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [word, weight] of a.counts) {
    const other = b.counts.get(word);
    if (other) dot += weight * other;
  }
  return a.squares === 0 || b.squares === 0 ? 0 : dot / Math.sqrt(a.squares * b.squares);
}

function vectorOf(words: Iterable<string>): Vector {
  const counts = new Map<string, number>();
  countInto(counts, words);
  return vectorOfCounts(counts);
}

/** Add one to the count of each word of `words`, in their order. */
function countInto(counts: Map<string, number>, words: Iterable<string>): void {
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
}

/** The vector of word counts already made (its sum of squares taken in the counts' order). */
function vectorOfCounts(counts: Map<string, number>): Vector {
  let squares = 0;
  for (const weight of counts.values()) squares += weight * weight;
  return { counts, squares };
}

/** A sentence that could become a bullet, with what scoring needs to know about it. */
interface Candidate {
  sentence: Sentence;
  section: number;
  compression: Compression;
  /** Content words of the bullet. */
  vector: Vector;
  /** Index of the sentence in the whole article. */
  position: number;
  /** Whether the sentence opens its paragraph. */
  opensParagraph: boolean;
  /** Index of the sentence in its paragraph. */
  inParagraph: number;
  /** Index of the paragraph in the whole article. */
  paragraph: number;
  /** Whether the sentence closes a paragraph of three or more sentences (a concluding sentence). */
  closesParagraph: boolean;
  /** Whether the sentence sits in the article's last paragraph. */
  inLastParagraph: boolean;
  /** Names in the bullet (capitalised words past its first, and acronyms), lower-cased. */
  names: string[];
  /** Whether the bullet's opening words (its subject, usually) name one of the article's central entities. */
  aboutCentral: boolean;
  /** Whether the bullet names one of the article's central entities anywhere. */
  mentionsCentral: boolean;
}

/** Words a bullet opens with that count as its subject: up to the first verb-like word, at most this many. */
const SUBJECT_WORDS = 6;
const VERB_LIKE = /^(is|are|was|were|be|been|has|have|had|will|would|may|might|can|could|should|must|does|did|do|seems?|appears?|remains?)$/i;

/** Names in a bullet: capitalised words after its first word, and acronyms anywhere, lower-cased and without a possessive. */
function namesOf(text: string): string[] {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}.’'-]*/gu) ?? [];
  const names = words
    .filter((word, index) => /^\p{Lu}/u.test(word) && (index > 0 || /^\p{Lu}[\p{Lu}.]+$/u.test(word.replace(/['’]s?$/u, ''))))
    .map((word) => word.replace(/['’]s?$/u, '').replace(/\.$/u, '').toLowerCase());
  return [...new Set(names)];
}

/**
 * The article's central entities: names it mentions again and again (at least
 * three times and at least a quarter as often as its most frequent name), as in
 * "ISIS" and "Taliban" of an analysis of the two.
 */
export function centralNamesOf(article: Article): Set<string> {
  const counts = new Map<string, number>();
  for (const section of article.sections) {
    for (const paragraph of section.paragraphs) {
      for (const sentence of paragraph.sentences) for (const name of namesOf(sentence.text)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  let top = 0;
  for (const count of counts.values()) top = Math.max(top, count);
  return new Set([...counts].filter(([, count]) => count >= 3 && count >= top / 4).map(([name]) => name));
}

/** Names in the opening words of a bullet, up to its first verb (its subject, usually). */
function subjectNamesOf(text: string): string[] {
  const words = text.split(/\s+/).slice(0, SUBJECT_WORDS);
  const verb = words.findIndex((word, index) => index > 0 && VERB_LIKE.test(word));
  const subject = words.slice(0, verb === -1 ? words.length : verb).join(' ');
  return namesOf(`x ${subject}`);
}

/** What scoring reads from a bullet's text, whatever the article: its content words and its names. */
export interface BulletFacts {
  vector: Vector;
  names: string[];
  subjectNames: string[];
}

function factsOf(compression: Compression): BulletFacts {
  return { vector: vectorOf(contentWords(compression.text)), names: namesOf(compression.text), subjectNames: subjectNamesOf(compression.text) };
}

/** How often each content word occurs in the article's paragraphs (in the order the words first occur). */
function wordCountsOf(article: Article): Map<string, number> {
  const counts = new Map<string, number>();
  for (const section of article.sections) {
    for (const paragraph of section.paragraphs) countInto(counts, contentWords(paragraph.text));
  }
  return counts;
}

/** Weight of an article's words, from its word counts: more often, more what it is about. */
function wordWeights(counts: Map<string, number>): (word: string) => number {
  return (word) => counts.get(withoutPossessive(word)) ?? 0;
}

/** Content words of the article's title and subtitle, unless briefdeck generated the title from the text. */
function titleWordsOf(article: Article): string[] {
  const first = article.sections[0];
  if (first?.headingGenerated && article.title === first.heading) return [];
  return contentWords([article.title, article.subtitle ?? ''].join(' '));
}

/** Content words of the whole article (its `wordCounts`), with the title's words (a headline names the subject) counted thrice. */
function articleVectorOf(article: Article, wordCounts: Map<string, number>): Vector {
  const counts = new Map(wordCounts);
  const titleWords = titleWordsOf(article);
  for (let time = 0; time < 3; time += 1) countInto(counts, titleWords);
  return vectorOfCounts(counts);
}

/** A sentence's bullet, compressed with the article's word weights, and what scoring reads from it. */
export interface SentenceBullet {
  compression: Compression;
  facts: BulletFacts;
}

/**
 * What claim selection knows about one article, computed once and passed down: each section
 * is scored against the whole article, and redoing that per section would make the outline
 * quadratic in the article. Sentences are compressed with the article's word weights the first
 * time they are scored (the key points and the section's slides score the same sentences); the
 * bullets are kept here, with the article they belong to, not in module state, so nothing one
 * article or caller decides reaches another.
 */
export interface ArticleIndex {
  readonly article: Article;
  /** Content words of the whole article, its title's thrice. */
  readonly vector: Vector;
  /** The article's central entities ({@link centralNamesOf}). */
  readonly central: Set<string>;
  /** Each word's weight: how often the article uses it. */
  readonly importance: (word: string) => number;
  /** How sentences are tagged for compression. */
  readonly tagger: Tagger;
  /** The bullet of each sentence scored so far. */
  readonly bullets: Map<Sentence, SentenceBullet>;
  /** Every sentence of the article, in reading order, and each one's place in it. */
  readonly sentences: readonly Sentence[];
  readonly positions: ReadonlyMap<Sentence, number>;
  /** Headline-length bullets made so far, by length limit, target and sentence (none: no clean cut). */
  readonly headlines: Map<string, Compression | null>;
  /** Compressions made so far ({@link compressIn}), by length limit, target and sentence. */
  readonly compressions: Map<string, Compression>;
}

export interface IndexOptions {
  /** The tagger compression uses; by default the package's ({@link defaultTagger}). */
  tagger?: Tagger;
}

/** Index an article for claim selection (see {@link ArticleIndex}). An article is not changed once read. */
export function indexArticle(article: Article, options: IndexOptions = {}): ArticleIndex {
  const wordCounts = wordCountsOf(article);
  const sentences = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences));
  return {
    article,
    vector: articleVectorOf(article, wordCounts),
    central: centralNamesOf(article),
    importance: wordWeights(wordCounts),
    tagger: taggingOnce(options.tagger ?? defaultTagger()),
    bullets: new Map(),
    sentences,
    positions: new Map(sentences.map((sentence, at) => [sentence, at])),
    headlines: new Map(),
    compressions: new Map(),
  };
}

/**
 * `tagger`, each text tagged once: the key points, the slides, their titles and the reference
 * resolver compress and read the same sentences again and again (the seed article's 54 texts were
 * tagged 209 times). Tags depend on the text alone, so this changes only the speed. The tokens
 * handed out are shared between callers, which only read them.
 */
function taggingOnce(tagger: Tagger): Tagger {
  const tagged = new Map<string, Token[]>();
  return {
    tag(text) {
      let tokens = tagged.get(text);
      if (!tokens) {
        tokens = tagger.tag(text);
        tagged.set(text, tokens);
      }
      return tokens;
    },
  };
}

/**
 * {@link compressClaim} of `sentence` with the indexed article's word weights, tagger and
 * language, made once per limit and target (the same cuts compete for the key points, the
 * slides and the titles).
 */
export function compressIn(index: ArticleIndex, sentence: string, maxWords: number, target: number): Compression {
  const key = `${maxWords}/${target}/${sentence}`;
  let made = index.compressions.get(key);
  if (!made) {
    made = compressClaim(sentence, maxWords, index.importance, target, index.tagger, index.article.lang);
    index.compressions.set(key, made);
  }
  return made;
}

/** The bullet a build makes of `sentence` of the indexed article. */
export function bulletOf(sentence: Sentence, index: ArticleIndex): SentenceBullet {
  let bullet = index.bullets.get(sentence);
  if (!bullet) {
    const compression = compressIn(index, sentence.text, BULLET_MAX_WORDS, BULLET_MAX_WORDS);
    bullet = { compression, facts: factsOf(compression) };
    index.bullets.set(sentence, bullet);
  }
  return bullet;
}

/**
 * The candidates of the sections `sections` (the whole article, or one section scored as part of
 * it), their bullets those of `index`.
 */
function candidatesOf(sections: readonly Section[], index: ArticleIndex): Candidate[] {
  const candidates: Candidate[] = [];
  const lastSection = sections.length - 1;
  const { central } = index;
  let paragraphs = 0;
  sections.forEach((section, sectionIndex) => {
    section.paragraphs.forEach((paragraph, paragraphIndex) => {
      paragraphs += 1;
      paragraph.sentences.forEach((sentence, indexInParagraph) => {
        // Page furniture and source lines are never claims.
        if (BOILERPLATE.test(sentence.text) || isByline(sentence.text)) return;
        const { compression, facts } = bulletOf(sentence, index);
        const { vector, names, subjectNames } = facts;
        candidates.push({
          sentence,
          section: sectionIndex,
          compression,
          vector,
          position: candidates.length,
          opensParagraph: indexInParagraph === 0,
          inParagraph: indexInParagraph,
          closesParagraph: paragraph.sentences.length >= 3 && indexInParagraph === paragraph.sentences.length - 1,
          paragraph: paragraphs - 1,
          inLastParagraph: sectionIndex === lastSection && paragraphIndex === section.paragraphs.length - 1,
          names,
          aboutCentral: subjectNames.some((name) => central.has(name)),
          mentionsCentral: names.some((name) => central.has(name)),
        });
      });
    });
  });
  return candidates;
}

const MODALITY = /\b(may|might|could|can|must|should|will|would|likely|unlikely|potential(ly)?|expected|aims?|seeks?|threatens?|means?|shows?|designed)\b/i;
const CONCLUDING = /^(and so|so|thus|therefore|in sum|in short|in conclusion|ultimately|overall|all in all|in the end|the bottom line|taken together)\b/i;
const QUESTION = /\?["'”’)]*$/;
const QUOTED = /^["“‘']/;
/** A bullet whose subject is a bare pronoun ("They have prepared ...", "this is a worrying sign"), after an optional lead-in. */
const BARE_PRONOUN = /^(?:[^,]{0,40},\s*)?(?:(?:it|they|he|she|we)\s|(?:this|that|these|those)\s+(?:is|was|are|were|has|have|had|will|would|may|might|can|could|should|must|does|did|means?|shows?|suggests?|seems?|appears?)\b)/i;
const UNKNOWN = /\b(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?(?:not\s+(?:yet\s+)?(?:known|clear)|unknown|unclear)\b/i;
const BOILERPLATE = /(?:\b(?:also )?contributed(?: reporting)? to (?:this|the) (?:report|story|article)\b[^.!?]{0,60}\.?$|^(?:additional )?reporting by\b|^(?:for a chance to be mentioned|join the)\b)|^(editor['’]?s note:|join the|click|read more|follow|share|subscribe|sign up|contributed to this report|this (article|story) (was|has been)|copyright|all rights reserved|photo|image|watch|related|source:|sources:|via:|https?:\/\/)/i;

/** Names in a credit line: capitalised words, "CNN's", "Journalist", joined by commas and "and". */
const CREDITED_NAMES = String.raw`(?:(?:[Jj]ournalist|and|\p{Lu}[\p{L}'’.-]*),?\s+)+`;
/** "reported from Lagos", "wrote this story from Hong Kong", "reported and wrote from Atlanta, Georgia". */
const CREDIT = String.raw`(?:reported|wrote)(?: and (?:reported|wrote))?(?: this (?:story|report|article))? from (?:\p{Lu}[\p{L}'’.-]*,?\s*)+`;
/** A line that says only who reported and wrote the story from where, one credit or several joined by "and". */
const BYLINE = new RegExp(String.raw`^${CREDITED_NAMES}${CREDIT}(?:,?\s*and\s+${CREDITED_NAMES}${CREDIT})*\.?$`, 'u');

/** Whether `text` is a reporting credit ("Ana Ruiz reported from Lagos, and Omar Haddad wrote from London."); a long sentence is never one. */
function isByline(text: string): boolean {
  return text.length <= 300 && BYLINE.test(text);
}

/** What a key point gains from standing in a section of findings (or an abstract), and loses in one that sets the scene. */
const FINDINGS_SECTION = 0.15;
const BACKGROUND_SECTION = 0.3;

/** What naming a central entity in a bullet's subject adds to its score. */
const CENTRAL_SUBJECT = 0.1;

/** How strongly a candidate reads as a claim, apart from where it sits and how central it is. */
function cueScore(candidate: Candidate, qualityWeight: number): number {
  const { sentence, compression } = candidate;
  const text = sentence.text;
  let score = 0;
  if (MODALITY.test(compression.text)) score += 0.05;
  if (/\d/.test(compression.text)) score += 0.03;
  if (QUESTION.test(text)) score -= 0.4;
  if (QUOTED.test(text)) score -= 0.25;
  // "The exact number ... is not known" says what the article cannot claim.
  if (UNKNOWN.test(compression.text)) score -= 0.2;
  if (compression.words < 6) score -= 0.5;
  // A sentence that could not be shortened cleanly is a last resort.
  if (compression.words > BULLET_MAX_WORDS + BULLET_SLACK_WORDS || (compression.words > BULLET_MAX_WORDS && compression.quality === 0)) score -= 0.6;
  // A bullet whose subject is a bare pronoun ("this is a worrying sign") does not stand alone on a slide.
  if (BARE_PRONOUN.test(compression.text)) score -= 0.15;
  // "This external support may ...": a demonstrative with its noun says what it refers to, or nearly.
  else if (/^(?:[^,]{0,40},\s*)?(this|that|these|those)\s/i.test(compression.text)) score -= 0.05;
  // A bullet cut mid-phrase reads worse than another sentence that fits.
  score -= qualityWeight * (1 - compression.quality);
  return score;
}

/** What covering the article (its paragraphs, its sections) adds to a candidate's value, given the choices so far. */
interface Coverage {
  value(candidate: Candidate): number;
  /** Record a choice; true when it may raise the value of candidates not chosen (otherwise values only fall). */
  choose(candidate: Candidate): boolean;
}

/**
 * Choose up to `max` candidates with maximal marginal relevance: strong, and not
 * repeating each other. Returned in the article's order.
 *
 * Each round takes the candidate of highest value (score, less its greatest similarity to a
 * chosen one, plus coverage), the first in the article's order on a tie. A candidate's value only
 * falls as claims are chosen, so the last value computed bounds it: candidates wait in a heap by
 * that bound and only the top ones are brought up to date ("lazy greedy"). The choice is the same
 * as comparing every candidate every round, at a small part of the cost in a long section.
 */
function chooseByMmr(candidates: Candidate[], scores: number[], max: number, redundancyWeight = 0.6, coverage?: Coverage): Candidate[] {
  const chosen: number[] = [];
  // Greatest similarity of each candidate to the first `folded[i]` chosen candidates.
  const redundancy = new Array<number>(candidates.length).fill(0);
  const folded = new Array<number>(candidates.length).fill(0);
  const valueOf = (index: number) => {
    let red = redundancy[index]!;
    for (let c = folded[index]!; c < chosen.length; c += 1) red = Math.max(red, cosine(candidates[index]!.vector, candidates[chosen[c]!]!.vector));
    redundancy[index] = red;
    folded[index] = chosen.length;
    return scores[index]! - redundancyWeight * red + (coverage ? coverage.value(candidates[index]!) : 0);
  };
  const bound = new Array<number>(candidates.length).fill(0);
  const heap = new IndexHeap((a, b) => bound[a]! > bound[b]! || (bound[a] === bound[b] && a < b));
  const refill = (indexes: Iterable<number>) => {
    heap.clear();
    for (const index of indexes) {
      bound[index] = valueOf(index);
      heap.push(index);
    }
  };
  refill(candidates.keys());
  while (chosen.length < max && chosen.length < candidates.length) {
    let best = heap.pop()!;
    for (;;) {
      const value = valueOf(best);
      const next = heap.peek();
      if (next === undefined || value > bound[next]! || (value === bound[next] && best < next)) break;
      bound[best] = value;
      heap.push(best);
      best = heap.pop()!;
    }
    chosen.push(best);
    if (coverage?.choose(candidates[best]!)) refill(heap.drain());
  }
  return chosen.sort((a, b) => a - b).map((index) => candidates[index]!);
}

/** A binary heap of indexes, first the one for which `before` holds against all others. */
class IndexHeap {
  private items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  clear(): void {
    this.items = [];
  }

  peek(): number | undefined {
    return this.items[0];
  }

  /** Remove and return every index, in no particular order. */
  drain(): number[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  push(index: number): void {
    const items = this.items;
    items.push(index);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let first = at;
        if (left < items.length && this.before(items[left]!, items[first]!)) first = left;
        if (right < items.length && this.before(items[right]!, items[first]!)) first = right;
        if (first === at) break;
        [items[at], items[first]] = [items[first]!, items[at]!];
        at = first;
      }
    }
    return top;
  }
}

function claimOf(candidate: Candidate, score: number): Claim {
  return { bullet: candidate.compression.text, sentence: candidate.sentence, section: candidate.section, score, quality: candidate.compression.quality };
}

/** Score the sentences of one section as the claims of that section's slides: each paragraph's topic sentence first. */
function sectionScores(candidates: Candidate[], articleVector?: Vector): number[] {
  // In how many of the section's bullets each word occurs.
  const sectionCounts = new Map<string, number>();
  for (const candidate of candidates) countInto(sectionCounts, candidate.vector.counts.keys());
  const sectionVector = vectorOfCounts(sectionCounts);
  const firstParagraph = candidates[0]?.paragraph ?? 0;
  return candidates.map((candidate) => {
    let score =
      0.6 / Math.sqrt(1 + candidate.inParagraph) +
      0.3 / Math.sqrt(1 + candidate.paragraph - firstParagraph) +
      (articleVector ? cosine(candidate.vector, sectionVector) + cosine(candidate.vector, articleVector) : 1.5 * cosine(candidate.vector, sectionVector)) +
      cueScore(candidate, 0.15);
    // A paragraph's point is often its last sentence ("The Islamic State challenges these notions ..."); conclusions close the article.
    if (candidate.closesParagraph) score += 0.15;
    if (candidate.inLastParagraph && CONCLUDING.test(candidate.sentence.text)) score += 0.3;
    // A claim about one of the article's central entities outranks a background detail ("The exact number of fighters ...").
    // Names are what a briefing is about: each adds a little, up to three.
    score += 0.04 * Math.min(3, candidate.names.length);
    if (candidate.aboutCentral) score += CENTRAL_SUBJECT;
    else if (candidate.mentionsCentral) score += CENTRAL_SUBJECT / 2;
    return score;
  });
}

/** Score every sentence of a section by how much it reads as one of the section's main claims. */
export function scoreSentences(section: Section, options: IndexOptions = {}): Array<{ sentence: Sentence; score: number }> {
  const candidates = candidatesOf([section], indexArticle({ title: '', sections: [section] }, options));
  const scores = sectionScores(candidates);
  return candidates.map((candidate, index) => ({ sentence: candidate.sentence, score: scores[index]! }));
}

/**
 * Choose up to `max` claims from a section: strong, covering its paragraphs and
 * not repeating each other, returned in the article's order. With the article
 * (or its {@link ArticleIndex}, which a caller scoring every section should make
 * once), centrality counts what the whole article (and its title) is about too,
 * and bullets are those the article's key points use; without, the section is
 * scored as an article of its own.
 */
export function sectionClaims(section: Section, sectionIndex: number, max: number, article?: Article | ArticleIndex): Claim[] {
  const index = article === undefined ? undefined : 'bullets' in article ? article : indexArticle(article);
  const candidates = candidatesOf([section], index ?? indexArticle({ title: '', sections: [section] })).map((candidate) => ({ ...candidate, section: sectionIndex }));
  const scores = sectionScores(candidates, index?.vector);
  const byCandidate = new Map(candidates.map((candidate, index) => [candidate, scores[index]!]));
  const paragraphs = new Set(candidates.map((candidate) => candidate.paragraph)).size;
  // Each paragraph gets its strongest claim first (while the budget lasts); the rest go to the
  // strongest claims wherever they are, so a paragraph that makes several points keeps several.
  const covered = new Set<number>();
  const coverFirst: Coverage = {
    value: (candidate) => (covered.size < paragraphs && covered.has(candidate.paragraph) ? -Infinity : 0),
    choose: (candidate) => {
      const before = covered.size;
      covered.add(candidate.paragraph);
      // With every paragraph covered, the rest of the budget goes anywhere: values of covered paragraphs rise.
      return before < paragraphs && covered.size === paragraphs;
    },
  };
  return chooseByMmr(candidates, scores, Math.min(max, candidates.length), 0.6, coverFirst).map((candidate) => claimOf(candidate, byCandidate.get(candidate)!));
}

/** The most claims a section gets on its slides: four slides of five bullets. */
export const MAX_SECTION_CLAIMS = 20;

/**
 * How many claims a section deserves on its slides. Analytic prose (three or more
 * paragraphs of two or more sentences on average) makes a point in nearly every
 * sentence: all but the weakest sixth or so, at most {@link MAX_SECTION_CLAIMS}.
 * Otherwise (news in short paragraphs, a short section) one a paragraph, or two
 * for three sentences when paragraphs are long; at most 15.
 */
export function claimBudget(sentenceCount: number, paragraphCount = 0): number {
  if (paragraphCount >= 3 && sentenceCount >= 2 * paragraphCount) {
    return Math.max(paragraphCount, Math.min(MAX_SECTION_CLAIMS, Math.round(ANALYTIC_SHARE * sentenceCount)));
  }
  return Math.max(1, Math.min(15, Math.max(paragraphCount, Math.round(sentenceCount / 1.5))));
}

/** The share of an analytic section's sentences that become bullets. */
const ANALYTIC_SHARE = 0.85;

/** How {@link keyPoints} may be narrowed by a caller that knows more of each claim (how its bullet reads on a slide). */
export interface KeyPointOptions {
  /** Choose only among these sentences. */
  among?: ReadonlySet<Sentence>;
  /** What a sentence's score loses before the claims are chosen (a bullet that does not stand alone, one too long). */
  penalty?: (sentence: Sentence) => number;
}

/**
 * The article's k main claims overall (bottom line up front). The lead of the
 * article weighs most (news puts the point first); so does centrality to the
 * whole text; a concluding sentence ("And so, ...") carries the thesis of an
 * analysis and is kept even at the end. Returned in the article's order.
 * `index` is the article's {@link ArticleIndex}, when the caller scores its sections too.
 */
export function keyPoints(article: Article, k: number, index: ArticleIndex = indexArticle(article), options: KeyPointOptions = {}): Claim[] {
  if (index.article !== article) throw new TypeError('Expected the index of the article whose key points are asked for');
  const articleVector = index.vector;
  const { among, penalty } = options;
  const candidates = candidatesOf(article.sections, index).filter((candidate) => among === undefined || among.has(candidate.sentence));
  const paragraphs = article.sections.reduce((n, section) => n + section.paragraphs.length, 0);
  const titleWords = new Set(titleWordsOf(article));
  // A paper's or report's key points are its findings, not its scene-setting: what its abstract, results and
  // conclusions say outweighs its introduction, related work and method ("Question answering over long documents
  // is a common industrial task" is no key point of a paper on retrieval).
  const roles = article.sections.map((section) =>
    section.headingGenerated ? 0 : isSummaryHeading(section.heading) || isFindingsHeading(section.heading) ? FINDINGS_SECTION : isBackgroundHeading(section.heading) ? -BACKGROUND_SECTION : 0,
  );
  const scores = candidates.map((candidate) => {
    // The lead weighs most. Where the text has paragraphs, a paragraph's first and last
    // sentences share its place: a point made at the end of the opening paragraph still leads.
    const position = paragraphs >= 3 ? candidate.paragraph + (candidate.opensParagraph || candidate.closesParagraph ? 0 : 1) : candidate.position;
    let score = 1 / Math.sqrt(1 + position) + 2 * cosine(candidate.vector, articleVector) + cueScore(candidate, candidate.compression.quality < 0.5 ? 0.15 : 0);
    if (candidate.closesParagraph && !candidate.inLastParagraph) score += 0.15;
    if (candidate.inLastParagraph && CONCLUDING.test(candidate.sentence.text)) score += 0.5;
    // A claim about what the headline names is a main claim; background about others is not.
    let titleWordsNamed = 0;
    for (const word of candidate.vector.counts.keys()) if (titleWords.has(word)) titleWordsNamed += 1;
    score += 0.08 * Math.min(3, titleWordsNamed);
    score += roles[candidate.section] ?? 0;
    return penalty ? score - penalty(candidate.sentence) : score;
  });
  const byCandidate = new Map(candidates.map((candidate, index) => [candidate, scores[index]!]));
  // Draw from across sections: a section not yet represented gets a bonus.
  const sectionsChosen = new Set<number>();
  const coverSections: Coverage = {
    value: (candidate) => (sectionsChosen.has(candidate.section) ? 0 : 0.15),
    choose: (candidate) => {
      sectionsChosen.add(candidate.section);
      return false;
    },
  };
  return chooseByMmr(candidates, scores, k, 0.6, coverSections).map((candidate) => claimOf(candidate, byCandidate.get(candidate)!));
}

/** The sentences before `sentence` in the indexed article, nearest first, at most `count`. */
export function sentencesBefore(sentence: Sentence, index: ArticleIndex, count = 5): string[] {
  const at = index.positions.get(sentence);
  if (at === undefined) return [];
  return index.sentences.slice(Math.max(0, at - count), at).reverse().map((before) => before.text);
}
