/**
 * Scores of a topic segmentation against a reference, both given as the index of
 * each segment's first item (0 first): Pk (Beeferman et al. 1999; lower is better)
 * and boundary F1 with a tolerance of one item either way. Used by `npm run eval`.
 */

/** Segment number of each of `count` items. */
function labels(starts: number[], count: number): number[] {
  const out = new Array<number>(count).fill(0);
  let segment = -1;
  let next = 0;
  for (let i = 0; i < count; i += 1) {
    while (next < starts.length && starts[next]! <= i) {
      segment += 1;
      next += 1;
    }
    out[i] = Math.max(0, segment);
  }
  return out;
}

/** Pk: the chance that two items k apart (k half the mean reference segment) are wrongly put in the same or in different segments. */
export function pk(reference: number[], hypothesis: number[], count: number): number {
  const ref = labels(reference, count);
  const hyp = labels(hypothesis, count);
  const k = Math.max(1, Math.round(count / Math.max(1, reference.length) / 2));
  let errors = 0;
  let trials = 0;
  for (let i = 0; i + k < count; i += 1) {
    trials += 1;
    if ((ref[i] === ref[i + k]) !== (hyp[i] === hyp[i + k])) errors += 1;
  }
  return trials === 0 ? 0 : errors / trials;
}

/** Boundary precision, recall and F1: a hypothesised boundary within `tolerance` items of an unmatched reference boundary counts. */
export function boundaryF1(reference: number[], hypothesis: number[], tolerance = 1): { precision: number; recall: number; f1: number } {
  const ref = reference.filter((start) => start > 0);
  const hyp = hypothesis.filter((start) => start > 0);
  const used = new Set<number>();
  let matched = 0;
  for (const boundary of hyp) {
    const hit = ref.findIndex((r, index) => !used.has(index) && Math.abs(r - boundary) <= tolerance);
    if (hit >= 0) {
      used.add(hit);
      matched += 1;
    }
  }
  const precision = hyp.length === 0 ? (ref.length === 0 ? 1 : 0) : matched / hyp.length;
  const recall = ref.length === 0 ? 1 : matched / ref.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
