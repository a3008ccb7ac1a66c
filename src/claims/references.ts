/**
 * References: a bullet that opens by pointing back ("The group is open to ...", "This vacuum
 * ...", "He said ...") does not stand alone on a slide. Where the sentences before it name what
 * it points to, the opening is replaced by that name, in the article's own words ("The Islamic
 * State is open to ..."); where they do not, the bullet is left as it is, for claim selection to
 * pass over.
 *
 * Three kinds of opening are resolved, each only where the antecedent is plain:
 * - a generic definite noun of an organisation ("the group", "the company", "the organization"):
 *   by the nearest earlier name that is a sentence's subject, the article's central names first;
 * - "he" or "she" as the subject: by the nearest earlier person's full name (two or more capitalised
 *   words) that is a subject;
 * - a demonstrative with its noun ("this vacuum"): by the nearest earlier noun phrase with the same
 *   head noun ("a security vacuum" -> "the security vacuum").
 * "It" and "they" are not: their antecedent is too often a clause or a plural no name stands for.
 */
import { defaultTagger, type Tagger, type Token } from '../text/nlp.ts';

/** Nouns an article uses for an organisation it has named: "the group" after "the Islamic State". */
const GENERIC_NOUNS = new Set([
  'group', 'organization', 'organisation', 'movement', 'company', 'firm', 'agency', 'party', 'alliance', 'coalition', 'network',
  'militia', 'regime', 'club', 'team', 'union', 'bank', 'insurgency', 'outfit', 'startup', 'corporation', 'carrier', 'airline', 'retailer',
]);

/** How many sentences back an antecedent is looked for. */
export const LOOKBACK = 5;

/** A reference at the opening of a bullet, and how many of its tokens it spans. */
interface Opening {
  kind: 'generic' | 'person' | 'demonstrative';
  /** Tokens of the reference (the determiner and its noun, or the pronoun). */
  length: number;
  /** The head noun of a demonstrative ("vacuum" of "this vacuum"), lower-cased. */
  head?: string;
  /** Whether the reference is possessive ("The group's"). */
  possessive: boolean;
}

function openingOf(tokens: Token[]): Opening | undefined {
  const [first, second, third] = tokens;
  if (!first || !second) return undefined;
  const word = first.text.toLowerCase();
  if (word === 'the' && GENERIC_NOUNS.has(second.text.toLowerCase()) && second.pos === 'NOUN') {
    // "The group of fighters" says what it is; "the group's" is the group.
    if (third && third.text.toLowerCase() === 'of') return undefined;
    const possessive = /^['’]s$/u.test(third?.text ?? '');
    return { kind: 'generic', length: possessive ? 3 : 2, possessive };
  }
  if ((word === 'he' || word === 'she') && /^(AUX|VERB)$/.test(second.pos)) return { kind: 'person', length: 1, possessive: false };
  if (/^(this|these|that|those)$/.test(word) && first.pos === 'DET') {
    let end = 1;
    while (end < 4 && tokens[end]?.pos === 'ADJ') end += 1;
    const head = tokens[end];
    if (!head || head.pos !== 'NOUN') return undefined;
    // The noun phrase ends at the head: "This external support may ..." but not "This support group".
    if (tokens[end + 1]?.pos === 'NOUN') return undefined;
    return { kind: 'demonstrative', length: end + 1, head: head.text.toLowerCase(), possessive: false };
  }
  return undefined;
}

/** Runs of names in a sentence, as [start, end) token ranges, with a leading "the" kept ("the Islamic State"). */
function nameRuns(tokens: Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i]!.pos !== 'PROPN') continue;
    let end = i;
    while (end < tokens.length && (tokens[end]!.pos === 'PROPN' || (/^\p{Lu}/u.test(tokens[end]!.text) && tokens[end]!.pos === 'ADJ'))) end += 1;
    const start = i > 0 && tokens[i - 1]!.text.toLowerCase() === 'the' ? i - 1 : i;
    runs.push([start, end]);
    i = end;
  }
  return runs;
}

/**
 * Whether the name run at [start, end) is the sentence's subject: it opens the sentence (or its main clause, after a
 * lead-in and its comma), is a whole word ("al-Baghdadi" is not "Baghdadi"), and is not the first half of a longer
 * phrase ("the Islamic State's fighters", "ISIS and AQAP").
 */
function isSubject(tokens: Token[], start: number, end: number, sentence: string): boolean {
  const opensClause = start === 0 || (tokens[start - 1]!.text === ',' && tokens.slice(0, start - 1).length <= 12 && !tokens.slice(0, start - 1).some((t) => /^(AUX|VERB)$/.test(t.pos) && !/ing$|ed$/.test(t.text)));
  if (!opensClause) return false;
  if (/[-‐]$/u.test(sentence.slice(0, tokens[start]!.start))) return false;
  const next = tokens[end];
  if (!next) return false;
  // "Mark Carney, the governor of ..., spoke": a comma may open an appositive.
  if (next.text === ',') return tokens[end + 1]?.pos === 'DET';
  return !/^(?:of|and|or|['’]s|['’]|-)$/iu.test(next.text);
}

function textOf(tokens: Token[], start: number, end: number, sentence: string): string {
  return sentence.slice(tokens[start]!.start, tokens[end - 1]!.end);
}

/** The antecedent of an opening in the sentences before (nearest first), in their words, or undefined. */
function antecedentOf(opening: Opening, previous: string[], tagger: Tagger, central?: Set<string>): string | undefined {
  for (const sentence of previous.slice(0, LOOKBACK)) {
    const tokens = tagger.tag(sentence);
    if (opening.kind === 'demonstrative') {
      const at = tokens.findIndex((t, i) => t.pos === 'NOUN' && t.text.toLowerCase() === opening.head && tokens[i + 1]?.pos !== 'NOUN');
      if (at === -1) continue;
      let start = at;
      while (start > 0 && /^(ADJ|NOUN|PROPN)$/.test(tokens[start - 1]!.pos)) start -= 1;
      // Only a phrase with more to say than the head, under a determiner or none ("a security vacuum", "Russia's support").
      if (start === at) continue;
      const phrase = textOf(tokens, start, at + 1, sentence);
      return /^(?:a|an|the)\s/iu.test(phrase) ? phrase.replace(/^(?:a|an)\s/iu, 'the ') : `the ${phrase}`;
    }
    const runs = nameRuns(tokens).filter(([start, end]) => isSubject(tokens, start, end, sentence));
    const named = runs.map(([start, end]) => textOf(tokens, start, end, sentence));
    if (opening.kind === 'person') {
      const person = named.find((name) => !/^the\s/iu.test(name) && name.split(/\s+/).length >= 2);
      if (person) return person;
      continue;
    }
    const ranked = central ? [...named].sort((a, b) => Number(isCentral(b, central)) - Number(isCentral(a, central))) : named;
    if (ranked[0]) return ranked[0];
  }
  return undefined;
}

function isCentral(name: string, central: Set<string>): boolean {
  return name.toLowerCase().split(/\s+/).some((word) => central.has(word.replace(/['’]s?$/u, '')));
}

/** What {@link resolveOpening} did: the bullet, and whether its opening pointed back and was resolved. */
export interface Resolution {
  text: string;
  /** `none`: nothing pointed back; `resolved`: the reference was replaced; `unresolved`: it points back still. */
  status: 'none' | 'resolved' | 'unresolved';
}

/**
 * Resolve a bullet's opening reference from the sentences before its own (`previous`, nearest
 * first). `central` holds the article's central names, lower-cased, preferred as antecedents.
 */
export function resolveOpening(bullet: string, previous: string[], tagger: Tagger = defaultTagger(), central?: Set<string>): Resolution {
  const tokens = tagger.tag(bullet);
  const opening = openingOf(tokens);
  if (!opening) return { text: bullet, status: 'none' };
  const antecedent = antecedentOf(opening, previous, tagger, central);
  if (!antecedent) return { text: bullet, status: 'unresolved' };
  const rest = bullet.slice(tokens[opening.length - 1]!.end);
  const name = antecedent.replace(/['’]s$/u, '');
  const replaced = (opening.possessive ? `${name}’s` : name) + rest;
  return { text: replaced.charAt(0).toUpperCase() + replaced.slice(1), status: 'resolved' };
}
