/**
 * Token F1 of an extracted article body against the checked one, the measure
 * used for web-page body extraction: both texts are cut into lowercase word
 * tokens, and precision and recall count the tokens they share (as multisets).
 */

/** Lowercase word tokens: letters and digits, apostrophes inside words kept. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map((token) => token.replace(/’/g, "'"));
}

export interface F1 {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of `candidate` tokens against `reference` tokens. */
export function tokenF1(candidate: string, reference: string): F1 {
  const counts = new Map<string, number>();
  const reference_ = tokens(reference);
  for (const token of reference_) counts.set(token, (counts.get(token) ?? 0) + 1);
  const candidate_ = tokens(candidate);
  let shared = 0;
  for (const token of candidate_) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(token, left - 1);
    }
  }
  if (candidate_.length === 0 || reference_.length === 0) return { precision: 0, recall: 0, f1: candidate_.length === reference_.length ? 1 : 0 };
  const precision = shared / candidate_.length;
  const recall = shared / reference_.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
