/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 over Porter-stemmed tokens, as in Lin (2004)
 * and Google's `rouge-score` (lower-cased, non-alphanumerics as spaces, tokens
 * longer than 3 characters stemmed). Used by `npm run eval`. The stems are the
 * `stemmer` package's Porter (1980) stemmer.
 */
import { stemmer } from 'stemmer';

/** Precision, recall and F1 of one ROUGE measure. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** ROUGE-1, -2 and -L of a candidate against a reference. */
export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

const VOWELS = /[aeiou]/;

/** ROUGE tokens: lower case, runs of letters and digits, words over 3 characters Porter-stemmed. */
export function rougeTokens(text: string): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  return tokens.map((token) => (token.length > 3 && VOWELS.test(token) ? stemmer(token) : token));
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function score(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal === 0 ? 0 : overlap / candidateTotal;
  const recall = referenceTotal === 0 ? 0 : overlap / referenceTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function rougeN(candidate: string[], reference: string[], n: number): RougeScore {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return score(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence of two token lists. */
export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** ROUGE-1, -2 and -L (LCS over the whole text) of a candidate summary against a reference. */
export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return {
    rouge1: rougeN(c, r, 1),
    rouge2: rougeN(c, r, 2),
    rougeL: score(lcsLength(c, r), c.length, r.length),
  };
}
