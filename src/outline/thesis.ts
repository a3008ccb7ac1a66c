/**
 * The thesis: the one claim a briefing opens with. Writers mark it in a few ways, and each kind of
 * article has its own: an analysis sums up ("And so, ...", "In short, ..."); a paper or a report says
 * what it argues or finds ("We argue that ...", "This report finds ...", "Our results show ...");
 * and a report or paper that has a conclusion opens it with its bottom line.
 */
import type { Claim } from '../claims/claims.ts';
import { headingWithoutNumber } from '../article/article.ts';
import type { Article } from '../types.ts';

/** A sentence that sums up ("And so, ...", "In short, ..."): where analyses put their thesis. */
const CONCLUDING = /^(?:and so|so|thus|therefore|in sum|in short|in conclusion|ultimately|overall|all in all|in the end|the bottom line|taken together)\b/i;

/** What a paper or report's authors say they argue, show or find. */
const AUTHORS_CLAIM = new RegExp(
  [
    // "We argue that ...", "In this paper, we show ...", "Here we find ..."
    String.raw`^(?:(?:in )?(?:this|the present) (?:paper|report|study|article|analysis|brief|essay|review|work),?\s+|here,?\s+)?we (?:argue|show|find|conclude|contend|demonstrate|establish|estimate)\b`,
    // "This report finds ...", "The council recommends ...", "Our analysis shows ..."
    String.raw`^(?:this|the|our) (?:paper|report|study|article|analysis|brief|essay|review|council|commission|committee|panel|authors?)(?: also)? (?:argues?|shows?|finds?|concludes?|contends?|demonstrates?|establishes|estimates?)\b`,
    String.raw`^our (?:results|findings|analysis|evidence|data|estimates) (?:show|suggest|indicate|demonstrate|confirm|imply)\b`,
  ].join('|'),
  'i',
);

/** Headings of the part where a paper or report states its bottom line. */
const CONCLUSION_HEADING = /^(?:conclusions?|concluding (?:remarks|thoughts)|summary and conclusions?|conclusions? and (?:recommendations|implications|policy implications|discussion|future work)|the bottom line|bottom line|final thoughts)$/i;

/** A claim's place in the article: section, then sentence. */
function position(claim: Claim): number {
  return claim.section * 1e6 + claim.sentence.index;
}

/**
 * The thesis among the key points `chosen` (or, for an authors' claim or a conclusion, among the
 * larger `pool` of strong claims): a concluding sentence, the latest first; else what the authors
 * say they argue or find; else the strongest claim that opens the article's conclusion; else the
 * lead of a story that opens without a heading ({@link leadThesisOf}); else the first chosen claim.
 */
export function thesisOf(article: Article, chosen: Claim[], pool: Claim[], reads: (claim: Claim) => boolean = () => true): Claim | undefined {
  return markedThesisOf(article, chosen, pool) ?? leadThesisOf(article, chosen, pool, reads) ?? chosen[0];
}

/** The thesis the writers mark as such (a summing-up, the authors' claim, the conclusion's opening), or undefined. */
export function markedThesisOf(article: Article, chosen: Claim[], pool: Claim[]): Claim | undefined {
  const concluding = chosen.filter((claim) => CONCLUDING.test(claim.sentence.text.trim()));
  if (concluding.length > 0) return concluding.sort((a, b) => position(b) - position(a))[0];
  const candidates = [...chosen, ...pool.filter((claim) => !chosen.includes(claim))];
  const authors = candidates.filter((claim) => AUTHORS_CLAIM.test(claim.sentence.text.trim()));
  if (authors.length > 0) return authors.sort((a, b) => b.score - a.score)[0];
  const concludes = candidates.filter((claim) => {
    const section = article.sections[claim.section];
    return section !== undefined && !section.headingGenerated && CONCLUSION_HEADING.test(headingWithoutNumber(section.heading)) && claim.sentence.paragraph === 0;
  });
  if (concludes.length > 0) return concludes.sort((a, b) => a.sentence.index - b.sentence.index || b.score - a.score)[0];
  return undefined;
}

/** The fewest words of a lead that can be a thesis. */
const LEAD_MIN_WORDS = 6;

/**
 * A story that opens straight into its text, with no heading of its own (news), puts its point in its
 * first sentence: the lead is the thesis when it is among the strong claims (`chosen`, or the `pool`) and its
 * bullet `reads` as a key point.
 * On the dev set (400 CNN stories) the lead was among the key points of only 257 before.
 */
export function leadThesisOf(article: Article, chosen: Claim[], pool: Claim[], reads: (claim: Claim) => boolean = () => true): Claim | undefined {
  if (!article.sections[0]?.headingGenerated) return undefined;
  const lead = [...chosen, ...pool].find((claim) => claim.section === 0 && claim.sentence.index === 0);
  // `reads`: whether its bullet reads as a key point (stands alone, headline length); a 40-word lead with no clean cut is not one.
  // Nor is a lead that asks ("What does Federer have to talk about with Murray?"), quotes someone, or is a fragment ("April 1, 2015.").
  if (!lead || /\?["'”’)]*$/u.test(lead.sentence.text.trim()) || /^["“‘]/u.test(lead.sentence.text.trim()) || lead.bullet.split(/\s+/).length < LEAD_MIN_WORDS) return undefined;
  return reads(lead) ? lead : undefined;
}
