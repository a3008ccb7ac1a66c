/**
 * Briefing: what turns an article's claims into a briefing rather than a
 * restatement. The thesis first on the key points, then the claims that most
 * support it, each standing alone; headline-length bullets; each long section cut
 * into slides where its topic shifts ({@link segmentSentences}), each slide with
 * its own title; a closing bottom line.
 */
import { compressIn, contentWords, keyPoints, sectionClaims, sentencesBefore, type ArticleIndex, type Claim } from '../claims/claims.ts';
import { resolveOpening } from '../claims/references.ts';
import { BULLET_MAX_WORDS, BULLET_SLACK_WORDS, type Compression } from '../claims/compress.ts';
import { gapStrengths, cutAtStrongestGaps } from './storyline.ts';
import { slideTitle } from './slide-titles.ts';
import { thesisOf } from './thesis.ts';
import { label } from '../text/labels.ts';
import { hasTagger } from '../text/language.ts';
import type { Article, Bullet, Section, Sentence, Slide } from '../types.ts';

/** Content bullets: at most this many words, aiming at {@link BULLET_TARGET_WORDS}. */
export const BULLET_LIMIT_WORDS = 15;
export const BULLET_TARGET_WORDS = 10;
/** Key points carry the argument alone: a little longer. */
export const KEY_POINT_LIMIT_WORDS = 16;
export const KEY_POINT_TARGET_WORDS = 13;
/** The thesis may keep the claim's full bullet when shortening it further would drop its point. */
export const THESIS_LIMIT_WORDS = 22;

/** {@link resolveOpening}, which reads English ("The group", "He"): a language without a tagger keeps its bullet as written. */
function resolveOpeningIn(lang: string | undefined, ...args: Parameters<typeof resolveOpening>): { text: string } {
  return lang !== undefined && !hasTagger(lang) ? { text: args[0] } : resolveOpening(...args);
}

/** Bullets on a slide: at most this many, and at least this many where the section has them. */
export const MAX_BULLETS_PER_SLIDE = 5;
export const MIN_BULLETS_PER_SLIDE = 3;

/**
 * A claim's bullet at headline length: its sentence shortened to about `target` words (at most
 * `limit`), whole constituents dropped, weighed by what the article is about. Several cuts compete
 * (aiming at the target, a little above it, at the limit): the cleanest wins (whole asides or a
 * trailing clause before a trailing phrase), then the one nearest the target. When none fits
 * cleanly, a phrase cut two words over the limit; failing that the claim's own, longer bullet stays:
 * a slightly longer bullet rather than a broken one.
 */
export function headlineBullet(claim: Claim, index: ArticleIndex, limit = BULLET_LIMIT_WORDS, target = BULLET_TARGET_WORDS): string {
  const text = headlineCompression(claim.sentence.text, index, limit, target)?.text ?? claim.bullet;
  // "The group is open to ..." names what it points back to, from the sentences before it.
  return resolveOpeningIn(index.article.lang, text, sentencesBefore(claim.sentence, index), index.tagger, index.central).text;
}

/** The headline-length compression {@link headlineBullet} shows, or undefined when none fits cleanly. */
export function headlineCompression(sentence: string, index: ArticleIndex, limit = BULLET_LIMIT_WORDS, target = BULLET_TARGET_WORDS): Compression | undefined {
  const key = `${limit}/${target}/${sentence}`;
  let made = index.headlines.get(key);
  if (made === undefined) {
    made = shortestCleanCut(sentence, index, limit, target) ?? null;
    index.headlines.set(key, made);
  }
  return made ?? undefined;
}

/** What a word under a headline's target counts for against a word over it, in choosing among clean cuts. */
const UNDER_TARGET_WEIGHT = 0.6;

/** The cleanest cut of `sentence` near `target` words, at most `limit` (or two over), or undefined. */
function shortestCleanCut(sentence: string, index: ArticleIndex, limit: number, target: number): Compression | undefined {
  const cuts = [...new Set([target, Math.round((target + limit) / 2), limit])].map((aim) => compressIn(index, sentence, limit, aim));
  const fitting = cuts.filter((cut) => cut.words <= limit && cut.words >= 4 && cut.quality >= 0.4);
  const tier = (cut: Compression) => (cut.quality >= 0.7 ? 0 : 1);
  // Numbers are the claim more often than not ("since 2011", "95%"): a cut that keeps more of them goes first.
  const numbers = (cut: Compression) => cut.text.match(/\d[\d.,%]*/g)?.length ?? 0;
  // A word under the target costs less than a word over it: "Revenue could fund leak repairs." (5) rather than the
  // same with ", which lose about a fifth of the city's water" (14), the point in the notes.
  const distance = (cut: Compression) => (cut.words > target ? cut.words - target : UNDER_TARGET_WEIGHT * (target - cut.words));
  fitting.sort((a, b) => tier(a) - tier(b) || numbers(b) - numbers(a) || distance(a) - distance(b));
  if (fitting[0]) return fitting[0];
  const longer = compressIn(index, sentence, limit + 2, target + 2);
  return longer.words <= limit + 2 && longer.words >= 4 && longer.quality >= 0.4 ? longer : undefined;
}

/**
 * Whether a bullet stands alone, read on a slide without the article: no pronoun as its
 * subject, no demonstrative pointing back ("these notions", "this vacuum"), no "the group".
 */
export function standsAlone(text: string): boolean {
  const opening = text.replace(/^[^,]{0,40},\s*/u, (lead) => (/\b(?:this|these|those|it|they)\b/i.test(lead) ? lead : ''));
  if (/^(?:it|they|he|she|we|its|their|his|her|them|this|that|these|those|such|there)\b/i.test(opening)) return false;
  // "Establishing their local prowess ...": a pronoun in the subject points back too.
  if (/^(?:[\p{L}’'-]+\s+){1,3}(?:their|its|they|them|his|her|he|she)\b/iu.test(opening)) return false;
  if (/\b(?:this|these|those)\s+\p{L}/iu.test(text)) return false;
  if (/\bthe (?:group|organization|organisation|movement|latter|former)\b/i.test(text)) return false;
  return true;
}

/** A bullet for a claim, pointing at its sentence. */
export function bulletOfClaim(claim: Claim, text = claim.bullet): Bullet {
  return { text, source: `${claim.sentence.start.line}:${claim.sentence.start.column}` };
}


/** How much a chosen claim's strength keeps it from giving way to a thesis it repeats. */
const THESIS_REPEAT_STRENGTH = 0.5;

/** What a key point's score loses when its bullet does not stand alone (a last resort), is about others than the headline names, or is longer than {@link KEY_POINT_LIMIT_WORDS}. */
const KEY_POINT_NOT_ALONE = 1;
const KEY_POINT_OFF_TITLE = 0.6;
const KEY_POINT_TOO_LONG = 0.6;

/** The key points of a briefing: the thesis, then the claims that most support it. */
export interface BriefingPoints {
  /** The thesis first, then the supporting claims in the article's order. */
  claims: Claim[];
  /** The bullet text of each claim, at key-point length. */
  bullets: string[];
}

/**
 * The key points: `k` claims, the thesis first. Candidates are the article's strongest claims
 * (three times as many as needed); those that do not stand alone give way while others remain. The
 * thesis is a concluding sentence among them ("And so, ... ISIS has the potential to be a
 * spoiler"), else the strongest; the rest follow in the article's order.
 */
export function briefingKeyPoints(article: Article, k: number, index: ArticleIndex): BriefingPoints {
  const pool = keyPoints(article, k * 3, index);
  const bulletOf = new Map<Sentence, string>();
  for (const claim of pool) bulletOf.set(claim.sentence, headlineBullet(claim, index, KEY_POINT_LIMIT_WORDS, KEY_POINT_TARGET_WORDS));
  const thesisBullet = (claim: Claim) => {
    // The thesis carries the argument: it keeps its point even at the length of a full bullet.
    const short = bulletOf.get(claim.sentence)!;
    const full = resolveOpeningIn(index.article.lang, claim.bullet, sentencesBefore(claim.sentence, index), index.tagger, index.central).text;
    return full.split(/\s+/).length <= THESIS_LIMIT_WORDS && short.split(/\s+/).length < KEY_POINT_TARGET_WORDS ? full : short;
  };
  const titleWords = titleWordsOf(article);
  const namesTitle = (sentence: Sentence) => titleWords.size === 0 || contentWords(sentence.text).some((word) => titleWords.has(bareWord(word)));
  // The pool's claims chosen again, each as its bullet will read: one that does not stand alone is a last
  // resort, one about others than the headline names or one that would not shorten to a headline gives way
  // to a slightly weaker claim. Chosen with the same redundancy and coverage as the pool (a claim swapped in
  // for another must not repeat a third), not by score alone.
  const penalty = (sentence: Sentence) => {
    const bullet = bulletOf.get(sentence)!;
    let lost = standsAlone(bullet) ? (namesTitle(sentence) ? 0 : KEY_POINT_OFF_TITLE) : KEY_POINT_NOT_ALONE;
    if (bullet.split(/\s+/).length > KEY_POINT_LIMIT_WORDS) lost += KEY_POINT_TOO_LONG;
    return lost;
  };
  // As the pool's claims (their scores without the penalties), so the thesis below can tell them apart from the rest of the pool.
  const poolClaim = new Map(pool.map((claim) => [claim.sentence, claim]));
  const chosen = keyPoints(article, k, index, { among: new Set(bulletOf.keys()), penalty }).map((claim) => poolClaim.get(claim.sentence)!);
  // The thesis (src/outline/thesis.ts): a concluding sentence, what the authors say they argue or find, the
  // opening of the conclusion, a news story's lead, else the first chosen claim.
  const ranked = [...pool].sort((a, b) => b.score - a.score);
  // A story's lead is its thesis when its bullet reads as one: standing alone, and no longer than an ordinary bullet
  // may run (a 59-word lead with no clean cut is no key point).
  const reads = (claim: Claim) => {
    const bullet = bulletOf.get(claim.sentence)!;
    return claim.quality > 0 && standsAlone(bullet) && bullet.split(/\s+/).length <= BULLET_MAX_WORDS + BULLET_SLACK_WORDS;
  };
  const thesis = thesisOf(article, chosen, ranked, reads);
  if (!thesis) return { claims: [], bullets: [] };
  const others = chosen.filter((claim) => claim !== thesis);
  // A thesis from the wider pool takes the place of the chosen claim that most repeats it (the share of its content
  // words the thesis has), less half its strength: still k points, and not two saying the same. (Dropping the weakest,
  // as before, often kept one that restated the lead: dev set 102/94/106% -> 102/95/107% of Lead-3.)
  if (others.length === chosen.length && others.length > 0) {
    const thesisWords = new Set(contentWords(thesis.sentence.text));
    const repeats = (claim: Claim) => {
      const words = contentWords(claim.sentence.text);
      return words.filter((word) => thesisWords.has(word)).length / Math.max(1, words.length) - THESIS_REPEAT_STRENGTH * claim.score;
    };
    others.splice(others.indexOf(others.reduce((most, claim) => (repeats(claim) > repeats(most) ? claim : most))), 1);
  }
  const rest = others.sort((a, b) => position(a) - position(b));
  const claims = [thesis, ...rest];
  return { claims, bullets: claims.map((claim, index) => (index === 0 ? thesisBullet(claim) : bulletOf.get(claim.sentence)!)) };
}

/** Content words of the article's headline, unless briefdeck made the title up from the text. */
function titleWordsOf(article: Article): Set<string> {
  const first = article.sections[0];
  if (!article.title || (first?.headingGenerated && article.title === first.heading)) return new Set();
  return new Set(contentWords([article.title, article.subtitle ?? ''].join(' ')).map(bareWord));
}

/** A word without a trailing apostrophe ("ISIS’" as in "ISIS’ move"). */
function bareWord(word: string): string {
  return word.replace(/['’]+$/u, '');
}

/** A claim's place in the article: section, then sentence. */
function position(claim: Claim): number {
  return claim.section * 1e6 + claim.sentence.index;
}

/** Words that say what may or will follow. */
const IMPLICATION = /\b(?:may|might|could|can|cannot|will|would|must|should|likely|potential(?:ly)?|risks?|threat\w*|means?|ensure|recommends?|recommended|urges?|needs? to)\b/i;

/**
 * The bottom line: the thesis again, then up to two implications, claims from the article's
 * last part (its slides' claims, and every sentence of a closing section) that say what may or
 * will follow ("may strengthen the Taliban's hand", "The commission recommends ...") and stand alone,
 * not already on the key points.
 */
export function bottomLine(article: Article, points: BriefingPoints, candidates: Claim[], index: ArticleIndex): Bullet[] {
  const [thesis] = points.claims;
  if (!thesis) return [];
  const bullets = [bulletOfClaim(thesis, points.bullets[0])];
  const onKeyPoints = new Set(points.claims.map((claim) => claim.sentence));
  const total = article.sections.length;
  // A report's or paper's closing section says what follows from it ("The commission recommends ..."), in sentences its
  // slides may not show: all of them are candidates, beside the late claims on the slides.
  const closing = article.sections[total - 1];
  const closingClaims = total > 1 && closing && !closing.headingGenerated ? sectionClaims(closing, total - 1, closing.paragraphs.reduce((n, paragraph) => n + paragraph.sentences.length, 0), index) : [];
  const shown = new Set(candidates.map((claim) => claim.sentence));
  const pool = [...candidates, ...closingClaims.filter((claim) => !shown.has(claim.sentence))];
  const late = pool.filter((claim) => claim.section >= Math.floor((2 * total) / 3) || claim.section === total - 1);
  const implications = late
    .filter((claim) => !onKeyPoints.has(claim.sentence) && IMPLICATION.test(claim.sentence.text))
    .map((claim) => ({ claim, text: headlineBullet(claim, index) }))
    // What the slide shows must say what follows: a cut that kept only the sentence's facts ("China has been
    // cultivating a friendship with the Taliban" of "... in the hopes that [they] can help check ISIS' growth")
    // is no implication, only a content bullet again.
    // And it must read as a headline: a 24-word sentence with no clean cut is a paragraph, not a bottom line.
    .filter(({ text }) => standsAlone(text) && IMPLICATION.test(text) && text.split(/\s+/).length <= KEY_POINT_LIMIT_WORDS)
    .sort((a, b) => b.claim.score - a.claim.score)
    .slice(0, 2)
    .sort((a, b) => position(a.claim) - position(b.claim));
  for (const { claim, text } of implications) bullets.push(bulletOfClaim(claim, text));
  return bullets;
}

/** How a section's slides are made: its claims on the slides, what they are titled. */
export interface SectionSlidesInput {
  section: Section;
  /** Claims on the section's slides, in the article's order. */
  claims: Claim[];
  /** Sentences on the key points: not repeated on a content slide (their sentences stay in the notes). */
  onKeyPoints: Set<Sentence>;
  /** Titles already used in the deck (each new one is added). */
  taken: Set<string>;
  /** Show the section's heading as a label on slides that do not carry it as their title. */
  label: boolean;
  index: ArticleIndex;
}

/** How many slides a section's `count` bullets take: as few as hold them at most five a slide. */
export function slideCountFor(count: number): number {
  return Math.max(1, Math.ceil(count / MAX_BULLETS_PER_SLIDE));
}

/**
 * A section's storyline slides: its claims (less those on the key points) cut where its topic
 * shifts, 3-5 bullets a slide where it has them, each slide titled. The first slide keeps the
 * article's heading (unless briefdeck made it up); the others get a title of their own from their
 * claims, with the heading as a small label. A slide titled after one of its claims does not
 * repeat that claim as a bullet (when it has bullets to spare). The notes hold the section's text,
 * every sentence under the slide its place falls on, so nothing leaves the deck.
 */
export function sectionSlides(input: SectionSlidesInput): Slide[] {
  const { section, onKeyPoints, taken, index: articleIndex } = input;
  const { lang } = articleIndex.article;
  const shown = input.claims.filter((claim) => !onKeyPoints.has(claim.sentence));
  const onSlides = shown.length > 0 ? shown : input.claims;
  if (onSlides.length === 0) return [];
  const sentences = section.paragraphs.flatMap((paragraph) => paragraph.sentences);
  // Where the section's topic shifts, measured only when its claims take more than one slide.
  let strengths: number[] | undefined;
  const gaps = () => {
    if (!strengths) {
      const sentences = section.paragraphs.flatMap((paragraph, index) => paragraph.sentences.map((sentence) => ({ text: sentence.text, paragraph: index })));
      strengths = sentences.length > 1 ? gapStrengths(sentences) : [];
    }
    return strengths;
  };
  // The strength of a cut between two claims: the strongest gap between their sentences.
  const between = (gap: number) => {
    const strengths = gaps();
    let best = -Infinity;
    for (let at = onSlides[gap - 1]!.sentence.index; at < onSlides[gap]!.sentence.index; at += 1) best = Math.max(best, strengths[at] ?? -Infinity);
    return best === -Infinity ? -1 : best;
  };
  const parts = slideCountFor(onSlides.length);
  const starts = cutAtStrongestGaps(onSlides.length, parts, between, Math.min(MIN_BULLETS_PER_SLIDE, Math.floor(onSlides.length / parts)), MAX_BULLETS_PER_SLIDE);
  const slides: Slide[] = [];
  starts.forEach((start, index) => {
    const chunk = onSlides.slice(start, starts[index + 1] ?? onSlides.length);
    let title: string;
    let titledBy: Claim | undefined;
    let labelled = index > 0;
    const made = index === 0 && !section.headingGenerated ? undefined : slideTitle(chunk.map((claim) => ({ sentence: claim.sentence.text, score: claim.score, resolve: (text: string) => resolveOpeningIn(lang, text, sentencesBefore(claim.sentence, articleIndex), articleIndex.tagger, articleIndex.central).text })), section.heading, taken, articleIndex.importance, articleIndex.tagger, index === 0, lang);
    if (made && (made.from !== undefined || index > 0)) {
      title = made.title;
      if (made.from !== undefined) titledBy = chunk[made.from];
      labelled = true;
    } else {
      // The article's heading, or briefdeck's name for an untitled opening when no claim makes a headline.
      title = section.heading;
      if (made) taken.delete(made.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
      taken.add(title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    }
    const bullets = chunk.filter((claim) => !(claim === titledBy && chunk.length > MIN_BULLETS_PER_SLIDE)).map((claim) => bulletOfClaim(claim, headlineBullet(claim, articleIndex)));
    // The notes hold the section's text from this slide's first claim to the next slide's, every sentence in the
    // article's order: what a bullet shortened, what the key points took, what was cut for time and what was never
    // a claim. Nothing of a section with slides is left out of the deck.
    const from = index === 0 ? -Infinity : chunk[0]!.sentence.index;
    const next = onSlides[starts[index + 1] ?? onSlides.length]?.sentence.index ?? Infinity;
    const notes = sentences.filter((sentence) => sentence.index >= from && sentence.index < next).map((sentence) => sentence.text).join('\n\n');
    const slide: Slide = { kind: 'content', title, bullets, notes };
    if (input.label && labelled && title !== section.heading) slide.section = section.heading;
    slides.push(slide);
  });
  return slides;
}
