/**
 * Claims: which sentences of a section carry its main claims, and the short
 * bullet each becomes.
 */
import { compressSentence } from './compress.ts';
import type { Article, Section, Sentence } from './types.ts';

/** A main claim: the bullet text and the article sentence it was drawn from. */
export interface Claim {
  bullet: string;
  sentence: Sentence;
  /** Index of the section the sentence belongs to. */
  section: number;
  score: number;
}

const STOPWORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves said says one two may might must shall').split(' '),
);

/** Content words of a sentence, lower-cased, for similarity. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .map((word) => word.replace(/['’]s$/u, ''))
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [word, weight] of a) {
    na += weight * weight;
    const other = b.get(word);
    if (other) dot += weight * other;
  }
  for (const weight of b.values()) nb += weight * weight;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function vectorOf(words: string[]): Map<string, number> {
  const vector = new Map<string, number>();
  for (const word of words) vector.set(word, (vector.get(word) ?? 0) + 1);
  return vector;
}

const CLAIM_CUES = /\b(is|are|was|were|has|have|will|would|may|might|could|can|must|should|aims?|seeks?|threatens?|means?|shows?|expects?|designed|potential|likely|increasingly|significant)\b/i;
const QUESTION = /\?["'”’)]*$/;
const WEAK_OPENERS = /^(for example|for instance|in other words|that said|this is|it is|here is|click|read more)\b/i;

/** Score every sentence of a section by how much it reads as one of the section's main claims. */
export function scoreSentences(section: Section): Array<{ sentence: Sentence; score: number }> {
  const sentences = section.paragraphs.flatMap((paragraph) => paragraph.sentences);
  const vectors = sentences.map((sentence) => vectorOf(contentWords(sentence.text)));
  const sectionVector = vectorOf(sentences.flatMap((sentence) => contentWords(sentence.text)));
  return sentences.map((sentence, index) => {
    const words = sentence.text.split(/\s+/).length;
    const paragraph = section.paragraphs[sentence.paragraph]!;
    const positionInParagraph = paragraph.sentences.indexOf(sentence);
    let score = cosine(vectors[index]!, sectionVector);
    // Topic sentences open paragraphs; the first paragraph frames the section.
    if (positionInParagraph === 0) score += 0.15;
    if (sentence.paragraph === 0 && positionInParagraph === 0) score += 0.1;
    // Concluding sentences close the section.
    if (sentence.paragraph === section.paragraphs.length - 1 && positionInParagraph === paragraph.sentences.length - 1) score += 0.08;
    if (CLAIM_CUES.test(sentence.text)) score += 0.05;
    if (/\d/.test(sentence.text)) score += 0.03;
    if (QUESTION.test(sentence.text)) score -= 0.3;
    if (WEAK_OPENERS.test(sentence.text)) score -= 0.1;
    if (words < 6) score -= 0.25;
    return { sentence, score };
  });
}

/**
 * Choose up to `max` claims from a section with maximal marginal relevance
 * (strong and not repeating each other), returned in the article's order.
 */
export function sectionClaims(section: Section, sectionIndex: number, max: number): Claim[] {
  const scored = scoreSentences(section);
  const chosen: Array<{ sentence: Sentence; score: number }> = [];
  const vectors = new Map(scored.map(({ sentence }) => [sentence, vectorOf(contentWords(sentence.text))]));
  const remaining = [...scored];
  while (chosen.length < max && remaining.length > 0) {
    let best = 0;
    let bestValue = -Infinity;
    remaining.forEach((candidate, index) => {
      const redundancy = Math.max(0, ...chosen.map((other) => cosine(vectors.get(candidate.sentence)!, vectors.get(other.sentence)!)));
      const value = 0.7 * candidate.score - 0.3 * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    });
    chosen.push(remaining.splice(best, 1)[0]!);
  }
  return chosen
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map(({ sentence, score }) => ({ bullet: compressSentence(sentence.text), sentence, section: sectionIndex, score }));
}

/** How many claims a section of this many sentences deserves on its slides. */
export function claimBudget(sentenceCount: number): number {
  return Math.max(1, Math.min(15, Math.round(sentenceCount / 2.5)));
}

/**
 * The article's k main claims overall (bottom line up front): the strongest claim of
 * each section first, the thesis in the conclusion included, then the next strongest.
 */
export function keyPoints(article: Article, k: number): Claim[] {
  const perSection = article.sections.map((section, index) =>
    sectionClaims(section, index, Math.max(1, k)).sort((a, b) => b.score - a.score),
  );
  const chosen: Claim[] = [];
  for (let round = 0; chosen.length < k && perSection.some((claims) => claims.length > round); round += 1) {
    const candidates = perSection
      .map((claims) => claims[round])
      .filter((claim): claim is Claim => Boolean(claim))
      .sort((a, b) => b.score - a.score);
    for (const claim of candidates) {
      if (chosen.length >= k) break;
      chosen.push(claim);
    }
  }
  return chosen.sort((a, b) => a.section - b.section || a.sentence.index - b.sentence.index);
}
