/**
 * TextRank (Mihalcea and Tarau, 2004) for sentence extraction: the baseline
 * that `npm run eval` compares the key points with, and a centrality measure.
 */

const STOPWORDS = new Set(
  ('a an the and or but of to in on at for with by from as is are was were be been being it its this that these those ' +
    'he she they we i you his her their our my your him them us me not no so if then than there here who whom which what ' +
    'when where why how has have had do does did will would can could may might must shall should said says').split(' '),
);

/** Content-word tokens of a sentence, lower-cased. */
function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOPWORDS.has(word));
}

/** TextRank's similarity: shared words over the log lengths of both sentences. */
function similarity(a: Set<string>, aLength: number, b: Set<string>, bLength: number): number {
  if (aLength < 2 || bLength < 2) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared === 0 ? 0 : shared / (Math.log(aLength) + Math.log(bLength));
}

/** TextRank score of every sentence (PageRank over the similarity graph, damping 0.85). */
export function textRankScores(sentences: string[]): number[] {
  const n = sentences.length;
  const words = sentences.map(tokens);
  const sets = words.map((list) => new Set(list));
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const w = similarity(sets[i]!, words[i]!.length, sets[j]!, words[j]!.length);
      weights[i]![j] = w;
      weights[j]![i] = w;
    }
  }
  const outSum = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let scores = new Array<number>(n).fill(1);
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const next = new Array<number>(n).fill(0.15);
    for (let j = 0; j < n; j += 1) {
      if (outSum[j] === 0) continue;
      for (let i = 0; i < n; i += 1) {
        const w = weights[j]![i]!;
        if (w > 0) next[i]! += (0.85 * w * scores[j]!) / outSum[j]!;
      }
    }
    const delta = next.reduce((sum, value, index) => sum + Math.abs(value - scores[index]!), 0);
    scores = next;
    if (delta < 1e-6) break;
  }
  return scores;
}

/** The k highest-ranked sentences, in the order of the text. */
export function textRank(sentences: string[], k: number): string[] {
  const scores = textRankScores(sentences);
  return sentences
    .map((text, index) => ({ text, index, score: scores[index]! }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.text);
}
