/**
 * Compression: an article sentence -> a bullet of at most 20 words that keeps
 * the claim, using only the sentence's own words.
 *
 * The sentence is tagged (src/nlp.ts) and whole constituents are deleted; no
 * word is ever added or reordered, and negations and modals inside the kept
 * clause stay. Always dropped: a dateline ("WASHINGTON (CNN) --") and leading
 * discourse markers ("And so,", "However,"). Then, only while the bullet is too
 * long: parentheticals, dash asides, trailing attribution (", officials said"),
 * non-restrictive relative clauses, interjected clauses, appositives,
 * participial tails and subordinate lead-ins whose main clause stands alone,
 * or a cut before a trailing clause. With word weights (what the article is
 * about), each round takes the step that loses least; examples that name places
 * ("particularly Libya") go last. Still too long: a cut before a trailing
 * phrase, then after a complete noun; failing all, the sentence stays whole,
 * with quality 0, for claim selection to pass over.
 */
import { countWords as countWordsIn, hasTagger } from '../text/language.ts';
import { stemmer } from 'stemmer';
import { defaultTagger, type Tagger, type Token } from '../text/nlp.ts';

/** The most words a bullet should have. */
export const BULLET_MAX_WORDS = 20;

/**
 * How many words over {@link BULLET_MAX_WORDS} a bullet may run when every way to
 * fit would drop most of what the sentence says about the article (its weight).
 */
export const BULLET_SLACK_WORDS = 2;

/** The share of a bullet's weight a fitting cut may lose before the bullet is kept a little long instead. */
const POINT_SHARE = 0.5;

/** A compressed sentence: the bullet and how it was obtained. */
export interface Compression {
  text: string;
  /** Words in the bullet (white-space separated). */
  words: number;
  /**
   * How cleanly the bullet was obtained: 1 when only whole asides were dropped,
   * lower when a trailing clause or phrase had to be cut, 0 when the sentence
   * had to be cut mid-phrase to fit.
   */
  quality: number;
}

interface Tok extends Token {
  /** Index in the tagged sentence. */
  index: number;
  /** The text, lower-cased (once: the steps compare it often). */
  lower: string;
}

const DASHES = new Set(['--', '---', '—', '–', '―']);
const OPENERS = new Set(['(', '[']);
const CLOSERS = new Map([
  ['(', ')'],
  ['[', ']'],
]);
const QUOTES = /^["“”‘’'«»]$/u;

/** Leading discourse markers ("And so,", "Meanwhile,"): phrases, and whether a comma must follow. */
const DISCOURSE: Array<[string[], boolean]> = [
  ...['and so', 'and yet', 'but then', 'in addition', 'in fact', 'of course', 'as a result', 'in turn', 'at the same time', 'to be sure', 'after all', 'for its part', 'for their part', 'in short', 'in sum', 'on the other hand', 'by contrast', 'in contrast', 'even so', 'that said', 'put simply', 'in other words', 'for example', 'for instance']
    .map((phrase): [string[], boolean] => [phrase.split(' '), phrase.startsWith('and') || phrase.startsWith('but')]),
  ...['and', 'but', 'yet', 'so', 'or', 'plus'].map((word): [string[], boolean] => [[word], false]),
  ...['nonetheless', 'nevertheless'].map((word): [string[], boolean] => [[word], false]),
  ...['meanwhile', 'however', 'moreover', 'furthermore', 'additionally', 'nonetheless', 'nevertheless', 'still', 'also', 'indeed', 'thus', 'therefore', 'hence', 'consequently', 'overall', 'finally', 'first', 'second', 'third', 'lastly', 'similarly', 'likewise', 'instead', 'then', 'now', 'again', 'besides', 'notably', 'importantly', 'ultimately', 'clearly', 'obviously', 'admittedly', 'meantime', 'separately', 'regardless', 'well', 'anyway', 'today']
    .map((word): [string[], boolean] => [[word], true]),
];

/** Adverbs that "so" intensifies rather than introduces ("So far, ...", "So much of it ..."). */
const SO_INTENSIFIED = new Set(['far', 'much', 'many', 'few', 'little', 'long', 'often', 'soon', 'well', 'badly', 'quickly', 'rarely']);

/** {@link DISCOURSE} by first word, in its order: a sentence is compared only with the markers it could open with. */
const DISCOURSE_BY_FIRST_WORD = new Map<string, Array<[string[], boolean]>>();
for (const marker of DISCOURSE) {
  const first = marker[0][0]!;
  DISCOURSE_BY_FIRST_WORD.set(first, [...(DISCOURSE_BY_FIRST_WORD.get(first) ?? []), marker]);
}

/** One-word discourse markers ("however", "meanwhile"). */
const DISCOURSE_WORDS = new Set(DISCOURSE.filter(([words]) => words.length === 1).map(([words]) => words[0]!));

/** Words that open a subordinate or adverbial lead-in ("While ..., the group ..."). `if` and `unless` are absent: the condition is part of the claim. */
const LEAD_INS = new Set([
  'while', 'although', 'though', 'when', 'whenever', 'after', 'as', 'since', 'despite', 'because', 'before', 'once', 'with',
  'amid', 'following', 'in', 'on', 'at', 'during', 'by', 'for', 'according', 'unlike', 'like', 'whereas', 'given', 'until',
  'throughout', 'over', 'under', 'within', 'among', 'earlier', 'later', 'last', 'this', 'from', 'to', 'across', 'regardless',
  'speaking', 'asked', 'having', 'without', 'beyond', 'besides', 'along', 'upon', 'nearly', 'almost', 'about', 'more',
]);

/** Verbs of saying: a trailing ", police said." is attribution, not claim. */
const SAYING = new Set([
  'said', 'says', 'say', 'told', 'tells', 'according', 'reported', 'reports', 'added', 'adds', 'explained', 'noted', 'announced',
  'wrote', 'writes', 'insisted', 'claimed', 'stated', 'stressed', 'warned', 'argued', 'confirmed', 'tweeted', 'posted', 'reported',
]);

/** Verbs that take a clause or object after them: a bullet cannot end on one. */
const COMPLEMENT_VERBS = /^(believe[sd]?|think|thinks|thought|know|knows|knew|show[sn]?|showed|suggest(s|ed)?|mean[st]?|expect(s|ed)?|hope[sd]?|fear(s|ed)?|find[s]?|found|argue[sd]?|answer(s|ed)?|claim(s|ed)?|insist(s|ed)?|seem(s|ed)?|appear(s|ed)?|tend(s|ed)?|want(s|ed)?|need(s|ed)?|tr(y|ies|ied)|decide[sd]?|agree[sd]?|feel[s]?|felt|reali[sz]e[sd]?|understand[s]?|understood|learn(s|ed|t)?|remember(s|ed)?|notice[sd]?|ensure[sd]?|require[sd]?|point)$/;

/** Words before which a phrase would end badly ("in front | of"). */
const NO_CUT_BEFORE = new Set(['of', "'s", '’s', 'than']);

/** Subordinating words that open a trailing adverbial clause, cut first when a bullet is too long. */
const CLAUSE_OPENERS = new Set([
  'after', 'as', 'because', 'before', 'since', 'while', 'when', 'although', 'though', 'despite', 'amid', 'following', 'until',
  'whereas', 'which', 'who', 'where', 'including', 'but', 'so',
]);

/** Conjunctions after which the sentence's claim comes: never cut before them. */
const CONTRAST = new Set(['but', 'yet']);

const isComma = (t: Tok | undefined) => t?.text === ',';
const isWord = (t: Tok) => t.pos !== 'PUNCT' && t.pos !== 'SYM';
const isPredicate = (t: Tok) => t.pos === 'VERB' || t.pos === 'AUX';
const lower = (t: Tok | undefined) => t?.lower ?? '';
const endPunct = (t: Tok | undefined) => t !== undefined && /^[.!?…]+$/.test(t.text);

/** Words (tokens that are not punctuation) among seq[from, to). */
function wordsIn(seq: Tok[], from = 0, to = seq.length): number {
  let words = 0;
  for (let i = from; i < to; i += 1) if (isWord(seq[i]!)) words += 1;
  return words;
}

/** Index of the bracket closing the one at `open`, or -1. */
function closingBracket(seq: Tok[], open: number): number {
  const want = CLOSERS.get(seq[open]!.text)!;
  let depth = 0;
  for (let i = open; i < seq.length; i += 1) {
    if (seq[i]!.text === seq[open]!.text) depth += 1;
    else if (seq[i]!.text === want) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Whether a dash token sets off an aside: a long dash, or a hyphen with space around it. */
function isAsideDash(seq: Tok[], i: number, text: string): boolean {
  const t = seq[i]!;
  if (DASHES.has(t.text)) return true;
  if (t.text !== '-') return false;
  return /\s/.test(text[t.start - 1] ?? '') && /\s/.test(text[t.end] ?? '');
}

/** Index of the next comma after `from` at bracket depth 0, before the sentence end, or -1. */
function nextComma(seq: Tok[], from: number): number {
  for (let i = from + 1; i < seq.length; i += 1) {
    if (isComma(seq[i])) return i;
    if (DASHES.has(seq[i]!.text) || seq[i]!.text === ';') return -1;
  }
  return -1;
}

/** The sentence end: index of trailing punctuation (and closing quotes), or seq.length. */
function endIndex(seq: Tok[]): number {
  let end = seq.length;
  while (end > 0 && (endPunct(seq[end - 1]) || QUOTES.test(seq[end - 1]!.text))) end -= 1;
  return end;
}

/** `seq` without the tokens from `from` up to `to` (a new sequence). */
function remove(seq: Tok[], from: number, to: number): Tok[] {
  return seq.slice(0, from).concat(seq.slice(to));
}

/** "WASHINGTON (CNN) --", "(Reuters)" at the start. */
function dropDateline(seq: Tok[]): Tok[] {
  let i = 0;
  while (i < seq.length && i < 8 && (isComma(seq[i]) || (/^[\p{Lu}.\-]+$/u.test(seq[i]!.text) && seq[i]!.text.length > 1))) i += 1;
  // "Harbor City (Wire) --": a place in title case, then the agency and a dash.
  let place = 0;
  // "Sanaa, Yemen (CNN)": a place may name its country after a comma.
  while (
    place < 6 &&
    ((/^\p{Lu}/u.test(seq[place]?.text ?? '') && /^(PROPN|NOUN)$/.test(seq[place]!.pos)) || (place > 0 && isComma(seq[place]) && /^\p{Lu}/u.test(seq[place + 1]?.text ?? '')))
  )
    place += 1;
  if (place > 0 && seq[place]?.text === '(') {
    const close = closingBracket(seq, place);
    if (close !== -1 && close - place <= 6 && seq[close + 1] && DASHES.has(seq[close + 1]!.text)) return seq.slice(close + 2);
    // "London (CNN)The discovery ...": an agency in capitals needs no dash.
    if (close === place + 2 && /^\p{Lu}{2,}$/u.test(seq[place + 1]!.text)) return seq.slice(close + 1);
  }
  if (seq[i]?.text === '(') {
    const close = closingBracket(seq, i);
    if (close !== -1 && close - i <= 6) {
      let end = close + 1;
      if (seq[end] && DASHES.has(seq[end]!.text)) end += 1;
      return seq.slice(end);
    }
  }
  if (i > 0 && seq[i] && DASHES.has(seq[i]!.text)) return seq.slice(i + 1);
  return seq;
}

function dropDiscourseMarkers(seq: Tok[]): Tok[] {
  for (let round = 0; round < 3; round += 1) {
    let changed = false;
    for (const [words, needsComma] of DISCOURSE_BY_FIRST_WORD.get(lower(seq[0])) ?? []) {
      if (!words.every((word, index) => lower(seq[index]) === word)) continue;
      const hasComma = isComma(seq[words.length]);
      if (needsComma && !hasComma) continue;
      // "So high that ...", "So far ...": an intensifier, not a marker.
      if (!hasComma && words.length === 1 && words[0] === 'so' && (seq[1]?.pos === 'ADJ' || SO_INTENSIFIED.has(lower(seq[1])))) continue;
      const cut = words.length + (hasComma ? 1 : 0);
      if (wordsIn(seq, cut) < 4) continue;
      // "So did the screams ...", "And so is the risk": the marker inverts what follows; without it an auxiliary
      // would open a sentence that asks nothing.
      if (opensWithAuxiliary(seq.slice(cut))) continue;
      seq = seq.slice(cut);
      changed = true;
      break;
    }
    if (!changed) break;
  }
  // Interjected markers: "..., however, are ..."
  for (let i = 1; i < seq.length - 2; i += 1) {
    if (isComma(seq[i]) && isComma(seq[i + 2]) && /^(however|therefore|meanwhile|moreover|though|too|instead|nonetheless|nevertheless|indeed|also|then|in turn)$/.test(lower(seq[i + 1]))) {
      seq = remove(seq, i, i + 3);
    }
  }
  return seq;
}

/** Whether tokens open on an auxiliary ("Did the screams ...", "Has the plan ...") and do not end as a question. */
function opensWithAuxiliary(seq: Tok[]): boolean {
  const at = seq.findIndex(isWord);
  const first = seq[at];
  if (!first || first.pos !== 'AUX') return false;
  // "Don't try to use it": an imperative, not an inversion.
  if (first.lower === 'do' && /^(?:n['’]t|not)$/.test(lower(seq[at + 1]))) return false;
  return !seq.some((t) => t.text.includes('?'));
}

/**
 * A quotation the sentence opens and does not close (the splitter ended the sentence inside it: 'in an internal
 * email: "Awesome!' then 'Thanks!" according to ...'): its words are a fragment of what was said. The clause before
 * it, when it stands alone, is the bullet; else the sentence stays as it is.
 */
function dropOpenQuotation(seq: Tok[], text: string): Tok[] {
  let open = -1;
  for (let i = 0; i < seq.length; i += 1) {
    const t = seq[i]!;
    if (t.text === '“') open = i;
    else if (t.text === '”') open = -1;
    else if (t.text === '"') {
      // A straight quote opens after a space or the start and before a word; else it closes.
      const opens = /^$|[\s(\[:]$/u.test(text.slice(Math.max(0, t.start - 1), t.start)) && /^[^\s.,;:!?]/u.test(text.slice(t.end, t.end + 1));
      open = opens && open === -1 ? i : -1;
    }
  }
  if (open <= 0) return seq;
  // The quotation's words make a clause ('told reporters: "We will fight this in every court.'): it stays, as written.
  if (hasFiniteVerb(seq.slice(open + 1))) return seq;
  let cut = open;
  while (cut > 0 && /^[,:;]$/.test(seq[cut - 1]!.text)) cut -= 1;
  const rest = seq.slice(0, cut);
  // Not when what was said is what the clause before it is about ("He told reporters: "Never!").
  const lastVerb = rest.filter(isPredicate).at(-1);
  if (!standsAlone(rest, 5) || (lastVerb && SAYING.has(lastVerb.lower))) return seq;
  return rest.concat(seq.slice(endIndex(seq)).filter((t) => endPunct(t) && !/[!?]/.test(t.text)));
}

/** Interjected examples: "into North Africa, particularly Libya, have ..." */
function dropInterjectedExamples(seq: Tok[]): Tok[] {
  for (let i = 1; i < seq.length - 2; i += 1) {
    if (!isComma(seq[i]) || !/^(particularly|especially|notably|mainly|mostly|chiefly|primarily|including)$/.test(lower(seq[i + 1]))) continue;
    const close = nextComma(seq, i + 1);
    if (close !== -1 && close - i <= 8 && close < endIndex(seq)) seq = remove(seq, i, close + 1);
  }
  return seq;
}

function dropBrackets(seq: Tok[]): Tok[] {
  for (let i = 0; i < seq.length; i += 1) {
    if (!OPENERS.has(seq[i]!.text)) continue;
    // "(It) felt good": an editor's insertion in a quote stands for words left out.
    if (i > 0 && QUOTES.test(seq[i - 1]!.text)) continue;
    const close = closingBracket(seq, i);
    if (close === -1) continue;
    seq = remove(seq, i, close + 1);
    i -= 1;
  }
  return seq;
}

function dropDashAsides(seq: Tok[], text: string): Tok[] {
  const dashes = seq.map((_, i) => i).filter((i) => isAsideDash(seq, i, text));
  if (dashes.length >= 2) {
    const [a, b] = dashes as [number, number];
    // "The report -- published ... -- describes": a two-word subject will do when the verb follows the aside.
    const verbAfter = seq[b + 1] !== undefined && isPredicate(seq[b + 1]!);
    if (b - a <= 20 && wordsIn(seq, 0, a) >= (verbAfter ? 2 : 3)) return dropDashAsides(remove(seq, a, b + 1), text);
  }
  if (dashes.length >= 1) {
    const a = dashes[0]!;
    const end = endIndex(seq);
    const tail = seq.slice(a + 1, end);
    // "... much less known–but potentially very important": the contrast is the claim; keep it.
    if (CONTRAST.has(lower(tail[0]))) return seq;
    if (wordsIn(seq, 0, a) >= 6) return remove(seq, a, end);
  }
  return seq;
}

function dropRelativeClauses(seq: Tok[]): Tok[] {
  for (let i = 1; i < seq.length - 1; i += 1) {
    if (!isComma(seq[i]) || !/^(who|which|whose|whom)$/.test(lower(seq[i + 1]))) continue;
    let close = nextComma(seq, i + 1);
    // "who founded the Equal Justice Initiative in Montgomery, Alabama, examined": a comma inside a place's name.
    while (close !== -1 && seq[close - 1]?.pos === 'PROPN' && seq[close + 1]?.pos === 'PROPN' && isComma(seq[close + 2])) close = nextComma(seq, close + 1);
    const end = endIndex(seq);
    if (close !== -1 && close < end) {
      seq = remove(seq, i, close + 1 < end && !isPredicate(seq[close + 1]!) && seq[close + 1]!.pos !== 'ADV' ? close : close + 1);
      // Keep the comma when what follows is not the main verb ("Smith, who ..., and Jones"); drop it before the verb.
      // The kept comma may open a second clause ("The artist, whose ..., which depicts ..., first put"): look again.
      i -= 1;
    } else if (close === -1) {
      seq = remove(seq, i, end);
    }
  }
  return seq;
}

function dropAppositives(seq: Tok[]): Tok[] {
  for (let i = 1; i < seq.length - 2; i += 1) {
    if (!isComma(seq[i]) || seq[i - 1]!.pos !== 'PROPN') continue;
    const first = seq[i + 1]!;
    if (!(first.pos === 'DET' || first.pos === 'NUM' || first.pos === 'ADJ' || /^(former|then|now)$/i.test(first.text))) continue;
    let close = nextComma(seq, i + 1);
    // "So will Newt Gingrich, the Republican former House speaker.": an appositive may end the sentence.
    const end = endIndex(seq);
    const last = close === -1 && end - i <= 10 && end < seq.length;
    if (last) close = end;
    if (close === -1 || close - i > 16) continue;
    const inner = seq.slice(i + 1, close);
    // No verb of its own, except inside a relative clause ("a former commander who had spent years in detention").
    const relative = inner.findIndex((t) => /^(who|which|that|whose)$/i.test(t.text));
    const head = relative === -1 ? inner : inner.slice(0, relative);
    if (head.some((t) => isPredicate(t) && !/(ed|en)$/.test(t.text))) continue;
    if (last) {
      // No clause or quotation of its own, and not a list's last item ("Paris, Lyon and Nice").
      if (inner.some((t) => isPredicate(t) || QUOTES.test(t.text) || t.pos === 'CCONJ' || /^(?:who|which|that|whose)$/.test(t.lower)) || wordsIn(seq, 0, i) < 4) continue;
      // The speaker of a trailing attribution (", said Gary Samore, the White House's ..."): the attribution goes whole.
      if (seq.slice(Math.max(0, i - 5), i).some((t) => SAYING.has(t.lower))) continue;
      seq = remove(seq, i, close);
      continue;
    }
    const after = seq[close + 1];
    // What follows an appositive is the rest of the clause (a verb, an adverb), not a list's next item.
    if (!after || !/^(VERB|AUX|ADV|ADP|PART|SCONJ)$/.test(after.pos)) continue;
    seq = remove(seq, i, close + 1);
  }
  return seq;
}

/**
 * A descriptor set before the name it describes: "Local newspaper, The Liverpool Echo, published ..." -> "The
 * Liverpool Echo, published ...": an appositive in front. Only a common noun (with adjectives), then a name that is
 * the subject: not a list ("Apple, Google and Microsoft said").
 */
function dropLeadingDescriptor(seq: Tok[]): Tok[] {
  let d = 0;
  while (d < 3 && /^(?:ADJ|NOUN|PROPN)$/.test(seq[d]?.pos ?? '')) d += 1;
  if (d === 0 || !isComma(seq[d]) || !seq.slice(0, d).some((t) => t.pos === 'NOUN' && /^\p{Ll}/u.test(t.text))) return seq;
  const rest = seq.slice(d + 1);
  const name = rest[0]?.lower === 'the' ? 1 : 0;
  if (rest[name]?.pos !== 'PROPN') return seq;
  const verb = rest.findIndex((t, i) => isPredicate(t) && isFinite(rest, i));
  if (verb === -1 || rest.slice(0, verb).some((t) => t.pos === 'CCONJ') || wordsIn(rest) < 5) return seq;
  return rest;
}

/** A subordinate or adverbial lead-in up to the first comma, when the rest is a clause of its own. */
function dropLeadIn(seq: Tok[], keepReferents = true): Tok[] {
  const first = seq[0];
  if (!first) return seq;
  const word = lower(first);
  const participle = first.pos === 'VERB' && /(ing|ed)$/.test(word);
  if (first.pos === 'ADV' && DISCOURSE_WORDS.has(word)) {
    const rest = dropDiscourseMarkers(seq);
    if (rest !== seq) return dropLeadIn(rest, keepReferents);
  }
  // "Even at that time, ...", "Shortly after ..., ..."
  if (first.pos === 'ADV' && LEAD_INS.has(lower(seq[1])) && /^(even|just|only|shortly|soon|long|well|early|late|not|right|back)$/.test(word)) {
    // Only with the lead-in it belongs to: "Even at that time" never loses just its "Even".
    const afterAdverb = seq.slice(1);
    const rest = dropLeadIn(afterAdverb, keepReferents);
    return rest === afterAdverb ? seq : rest;
  }
  if (!LEAD_INS.has(word) && !participle && first.pos !== 'SCONJ') return seq;
  if (word === 'if' || word === 'unless' || word === 'whether') return seq;
  for (let k = 1; k < Math.min(seq.length, 30); k += 1) {
    if (!isComma(seq[k])) continue;
    const rest = seq.slice(k + 1);
    const head = rest[0];
    if (!head || head.pos === 'CCONJ' || isComma(head) || /^(which|who|whom|whose|where)$/.test(lower(head))) return seq;
    if (wordsIn(rest) < 5 || !rest.some(isPredicate)) return seq;
    // "According to X, at least 155 aid workers were killed": a quantity opens the subject, not another adjunct.
    if (/^(?:at|up|more|less|fewer|about|nearly|almost|around|over|some|roughly|as)$/.test(head.lower) && rest.slice(1, 3).some((t) => t.pos === 'NUM') && !(keepReferents && seq.slice(0, k).some((t) => t.pos === 'PROPN') && rest.slice(0, 5).some((t) => t.pos === 'PRON'))) return rest;
    // The rest must open like a clause: a subject, not a verb or another adjunct.
    if (head.pos === 'ADP' || head.pos === 'ADV' || head.pos === 'SCONJ') {
      const again = dropLeadIn(rest, keepReferents);
      if (again !== rest) return again;
      // No second lead-in: an adverb opening a clause of its own ("..., just under 16% of accidents occur ...") stays with
      // it, but not one inside the lead-in's list ("aggressive, often religious language, ...") or a participle's ("perhaps adding").
      if (head.pos === 'ADV' && rest[1]?.pos !== 'VERB') {
        const verb = rest.findIndex(isPredicate);
        // As below: a pronoun after the adverb would lose the name the lead-in gave it ("When Marlow ..., soon its use fell").
        const losesReferent = keepReferents && rest[1]?.pos === 'PRON' && seq.slice(0, k).some((t) => t.pos === 'PROPN');
        if (verb > 1 && !rest.slice(0, verb).some(isComma) && !losesReferent) return rest;
      }
      return seq;
    }
    if (!/^(DET|PRON|PROPN|NOUN|ADJ|NUM)$/.test(head.pos) && !QUOTES.test(head.text)) return seq;
    // "When Marlow raised prices, its use fell": the pronoun would lose what it refers to.
    if (keepReferents && head.pos === 'PRON' && seq.slice(0, k).some((t) => t.pos === 'PROPN')) return seq;
    return rest;
  }
  return seq;
}

/** Adjectives of an evidential frame that asserts what follows ("It is clear that ..."); "likely" and "possible" hedge, so they stay. */
const EVIDENT = /^(apparent|clear|evident|obvious|plain|true|undeniable|certain|known|understood|established|documented)$/;

/**
 * "It has been apparent for at least the past year that elements of X traveled ..." -> "Elements of X traveled ...":
 * the frame asserts the clause, so the clause alone says the same.
 */
function dropEvidentialFrame(seq: Tok[]): Tok[] {
  if (lower(seq[0]) !== 'it') return seq;
  let i = 1;
  while (i < 4 && /^(is|was|has|had|have|been|be|become|becomes|became|now|long|already|well|increasingly|widely)$/.test(lower(seq[i]))) i += 1;
  if (i === 1 || !EVIDENT.test(lower(seq[i]))) return seq;
  // What follows the adjective, up to "that", may be a short adjunct ("for at least the past year"); no clause of its own.
  for (let k = i + 1; k < Math.min(seq.length, i + 10); k += 1) {
    if (lower(seq[k]) === 'that') {
      const rest = seq.slice(k + 1);
      return wordsIn(rest) >= 5 && rest.some(isPredicate) && /^(DET|PRON|PROPN|NOUN|ADJ|NUM)$/.test(rest[0]?.pos ?? '') ? rest : seq;
    }
    if (isPredicate(seq[k]!) || isComma(seq[k])) return seq;
  }
  return seq;
}

/** Neutral verbs of reporting: "Officials said (that) ..." reports the clause without taking a stance on it. */
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'explained', 'noted', 'announced', 'stated', 'confirmed', 'reported', 'reports', 'wrote', 'writes']);

/**
 * A leading attribution: "Officials said on Monday that the bridge will close" -> "The bridge will close",
 * "Marina Pacheco, chief executive of X, told CNN the image looked genuine" -> "The image looked genuine".
 * Only a speaker (a noun phrase, an appositive allowed), a neutral verb of reporting, who was told and when, then
 * a clause with a subject of its own; never one whose subject is a pronoun ("He said he would ..."): it would lose its name.
 */
function dropLeadingAttribution(seq: Tok[]): Tok[] {
  if (QUOTES.test(seq[0]?.text ?? '')) return seq;
  const verb = seq.findIndex((t, i) => i < 14 && isPredicate(t));
  if (verb < 1 || !REPORTING.has(lower(seq[verb])) || !/^(NOUN|PROPN|PRON|NUM|ADJ|PUNCT)$/.test(seq[verb - 1]!.pos)) return seq;
  // The speaker: a noun phrase, no clause of its own ("The man who ..." is fine only without a verb before the report).
  if (seq.slice(0, verb).some((t) => /^(who|which|that|if|when|because)$/.test(t.lower) || t.text === ';' || QUOTES.test(t.text))) return seq;
  let at = verb + 1;
  // Who was told ("told CNN", "told reporters"), then when or where ("on Monday", "in a statement").
  if (/^(told|tells)$/.test(lower(seq[verb]))) {
    let object = 0;
    while (object < 4 && /^(PROPN|NOUN|PRON)$/.test(seq[at + object]?.pos ?? '') && !/^(he|she|they|it|we|i|you)$/.test(lower(seq[at + object]))) object += 1;
    if (object === 0 || (seq[at + object]?.pos === 'PART' && lower(seq[at + object]) !== 'that')) return seq;
    // "told Senate Foreign Relations Chairman Bob Corker (R-TN) a bill ...": a longer name than we read is no clause's subject.
    if (object === 4 && /^(PROPN|NOUN)$/.test(seq[at + object]?.pos ?? '')) return seq;
    at += object;
  }
  for (let round = 0; round < 2 && seq[at]?.pos === 'ADP' && lower(seq[at]) !== 'that'; round += 1) {
    let end = at + 1;
    while (end < at + 6 && /^(DET|ADJ|NOUN|PROPN|NUM)$/.test(seq[end]?.pos ?? '')) end += 1;
    if (end === at + 1) return seq;
    at = end;
  }
  // "wrote Saturday that ...": a bare time before "that".
  let when = 0;
  while (when < 3 && /^(PROPN|NOUN|NUM)$/.test(seq[at + when]?.pos ?? '')) when += 1;
  if (when > 0 && lower(seq[at + when]) === 'that') at += when;
  if (isComma(seq[at])) return seq;
  if (lower(seq[at]) === 'that') at += 1;
  const rest = seq.slice(at);
  // "told CNN the image looked genuine and that it was possible ...": the second clause needs the verb of saying.
  if (rest.some((t, i) => t.lower === 'that' && /^(and|or|but)$/.test(lower(rest[i - 1])))) return seq;
  // No second "that" before the clause's own verb ("Saturday that Cayman was ...").
  const firstThat = rest.findIndex((t) => t.lower === 'that' && t.pos !== 'DET');
  const head = rest[0];
  if (!head || !/^(DET|PROPN|NOUN|ADJ|NUM)$/.test(head.pos) || wordsIn(rest) < 5) return seq;
  // The clause needs its own predicate, and a finite one ("the image looked genuine", not "the image looking").
  const ownVerb = rest.findIndex((t, i) => i > 0 && isPredicate(t));
  if (ownVerb === -1 || (rest[ownVerb]!.pos === 'VERB' && /ing$/.test(rest[ownVerb]!.lower))) return seq;
  if (firstThat !== -1 && firstThat < ownVerb) return seq;
  return rest;
}

/** A clause set off by commas inside the main clause: "this support, when paired with ..., may strengthen". */
function dropInterjectedClauses(seq: Tok[]): Tok[] {
  for (let i = 1; i < seq.length - 2; i += 1) {
    if (!isComma(seq[i]) || !/^(when|while|as|although|though|once|after|before|since|despite|because|even)$/.test(lower(seq[i + 1]))) continue;
    const close = nextComma(seq, i + 1);
    if (close === -1 || close - i > 20 || close >= endIndex(seq)) continue;
    const after = seq[close + 1]!;
    if (!(isPredicate(after) || after.pos === 'ADV' || after.pos === 'PART')) continue;
    seq = remove(seq, i, close + 1);
  }
  return seq;
}

/** ", police said." and ", according to officials." at the end. */
function dropTrailingAttribution(seq: Tok[]): Tok[] {
  if (QUOTES.test(seq[0]?.text ?? '')) return seq;
  const end = endIndex(seq);
  // ", said Cedric Alexander, the public safety director of DeKalb County." spans two commas.
  let commas = 0;
  for (let i = end - 1; i > 0 && end - i <= 16 && commas < 3; i -= 1) {
    if (!isComma(seq[i])) continue;
    commas += 1;
    const tail = seq.slice(i + 1, end);
    const saying = tail.findIndex((t) => SAYING.has(lower(t)));
    // Attribution only: the verb of saying and who said it, not a clause of its own ("said on Monday that the city ...").
    const otherPredicates = tail.filter((t, index) => index !== saying && isPredicate(t)).length;
    const clause = tail.some((t) => lower(t) === 'that' || t.pos === 'SCONJ');
    if (saying !== -1 && saying <= 5 && otherPredicates === 0 && !clause && wordsIn(seq, 0, i) >= 5) return remove(seq, i, end);
  }
  return seq;
}

/** ", killing 12 people.", ", including ...", ", such as ..." at the end. */
function dropParticipialTail(seq: Tok[]): Tok[] {
  const end = endIndex(seq);
  for (let i = 1; i < end - 1; i += 1) {
    if (!isComma(seq[i])) continue;
    const next = seq[i + 1]!;
    const ing = (next.pos === 'VERB' && /ing$/.test(lower(next))) || lower(next) === 'including' || (lower(next) === 'such' && lower(seq[i + 2]) === 'as');
    if (ing && wordsIn(seq, 0, i) >= 6) return remove(seq, i, end);
  }
  return seq;
}

/** Whether the clause opening at `from` has a subject of its own and then a predicate: "Jeff Goldblum will reprise". */
function opensClause(seq: Tok[], from: number): boolean {
  const head = seq[from];
  if (!head || !/^(DET|PROPN|NOUN|PRON)$/.test(head.pos) || /^(that|which|who)$/.test(head.lower)) return false;
  for (let i = from + 1; i < Math.min(seq.length, from + 6); i += 1) {
    const t = seq[i]!;
    if (isComma(t) || t.pos === 'CCONJ' || t.pos === 'ADP') return false;
    if (isPredicate(t)) return t.pos === 'AUX' || !/ing$/.test(t.lower);
  }
  return false;
}

/** A finite predicate: an auxiliary, or a verb that is not an "-ing" form and not after "to". */
function isFinite(seq: Tok[], i: number): boolean {
  const t = seq[i]!;
  if (t.pos === 'AUX') return lower(seq[i - 1]) !== 'to';
  // "a grand bargain imposed by the stronger party": a participle after its noun, with its agent, is no clause's verb
  // ("sales increased by 10%" is).
  if (t.pos === 'VERB' && /(?:ed|en)$/.test(t.lower) && /^(?:NOUN|PROPN)$/.test(seq[i - 1]?.pos ?? '') && lower(seq[i + 1]) === 'by' && !/^(?:NUM|SYM)$/.test(seq[i + 2]?.pos ?? '')) return false;
  return t.pos === 'VERB' && !/ing$/.test(t.lower) && lower(seq[i - 1]) !== 'to';
}

/** Words that open a clause which needs a verb of its own: "... admitted that his failure." does not have one. */
const NEEDS_VERB = /^(that|which|who|whom|whose|because|although|though|whereas|unless|if|since|while|when|where)$/;

/**
 * Whether every clause a prefix opens is complete: after a relative pronoun or a subordinating word, a finite
 * verb ("in which Islamic militias, some of them pledging allegiance" has none; "that his failure" has none).
 */
function clausesComplete(prefix: Tok[]): boolean {
  // The main clause has a finite verb outside any dash aside: "The report -- released one year after ..." has none.
  const dashes = prefix.map((t, i) => (DASHES.has(t.text) ? i : -1)).filter((i) => i !== -1);
  const outside = prefix.filter((_, i) => dashes.filter((d) => d <= i).length % 2 === 0 && !DASHES.has(prefix[i]!.text));
  if (!outside.some((_, i) => isFinite(outside, i))) return false;
  let clauses = 0;
  for (let i = prefix.length - 1; i >= 0; i -= 1) {
    const t = prefix[i]!;
    if (!NEEDS_VERB.test(t.lower)) continue;
    // "that" as a determiner ("that time") opens nothing.
    if (t.lower === 'that' && t.pos === 'DET') continue;
    // "since 2010" and "because of the war" are phrases, not clauses.
    if ((t.lower === 'since' && t.pos !== 'SCONJ') || (t.lower === 'because' && lower(prefix[i + 1]) === 'of')) continue;
    // "so that": one clause.
    if (t.lower === 'that' && lower(prefix[i - 1]) === 'so') continue;
    clauses += 1;
    let finite = false;
    for (let j = i + 1; j < prefix.length && !finite; j += 1) if (isFinite(prefix, j)) finite = true;
    if (!finite) return false;
  }
  // Each clause opened has a verb of its own, and the main clause one more: "that brave new MLS dawn that broke over
  // San Jose back" has one verb for two clauses (its main verb, "has turned", was cut).
  return clauses === 0 || verbGroups(prefix) > clauses;
}

/** Finite verb groups in a sequence: "had been able" and "does not know" are one each. */
function verbGroups(seq: Tok[]): number {
  let groups = 0;
  let inGroup = false;
  for (let i = 0; i < seq.length; i += 1) {
    const t = seq[i]!;
    if (isPredicate(t)) {
      if (!inGroup && isFinite(seq, i)) groups += 1;
      inGroup = inGroup || isFinite(seq, i);
    } else if (!(t.pos === 'ADV' || t.pos === 'PART')) inGroup = false;
  }
  return groups;
}

/** Whether a prefix can stand as a bullet: a predicate, enough words, ends on a content word. */
function standsAlone(prefix: Tok[], minWords: number): boolean {
  if (wordsIn(prefix) < minWords) return false;
  // The predicate must belong to the main clause, not to a lead-in ("Regardless of the threat posed by ISIS, this support").
  const first = prefix[0];
  // "Of the 10.5 million refugees registered with UNHCR": a partitive "of" needs the clause after its comma too.
  const leadIn = first !== undefined && (first.pos === 'SCONJ' || /^(while|when|whenever|although|though|because|since|whereas|once|as|after|before|until|unless|if|despite|regardless|of)$/.test(lower(first)));
  const comma = leadIn ? prefix.findIndex(isComma) : -1;
  if (leadIn && comma === -1) return false;
  const main = comma === -1 ? prefix : prefix.slice(comma + 1);
  if (!main.some(isPredicate) || wordsIn(main) < 3) return false;
  // What follows a colon is a clause of its own: "money matters: a development bank's willingness" is not.
  const colon = prefix.findLastIndex((t) => t.text === ':');
  if (colon !== -1 && !prefix.slice(colon + 1).some(isPredicate)) return false;
  if (!clausesComplete(prefix)) return false;
  const last = prefix[prefix.length - 1]!;
  if (!/^(NOUN|PROPN|NUM|ADV|PRON|VERB|ADJ|PART)$/.test(last.pos) && !QUOTES.test(last.text) && last.text !== '%') return false;
  if (last.pos === 'VERB' && /^(is|are|was|were|be|been|has|have|had)$/.test(lower(last))) return false;
  // A verb that wants what follows ("both sides believe | , sincerely, that ...") cannot end a bullet.
  if (isPredicate(last) && (SAYING.has(lower(last)) || COMPLEMENT_VERBS.test(lower(last)))) return false;
  return !/^(the|a|an|of|and|or|but|to|in|on|at|for|by|with|as|that|its|his|her|their|our|my|your|this|these|those|not|no|particularly|especially|notably|including|such|like|even|just|only|also|mainly|mostly|very|more|less|most|least)$/.test(lower(last));
}

/** Cut a trailing clause (`clause`), phrase (`phrase`) or, last, anything after a complete noun (`noun`) so the bullet fits `maxWords`. */
function cutTail(seq: Tok[], maxWords: number, mode: 'clause' | 'phrase' | 'noun', text: string): Tok[] | undefined {
  const end = endIndex(seq);
  let best: number | undefined;
  // Marks in seq[0, k), counted as k grows: a cut never falls inside brackets or a quotation.
  const marks = new MarkCounts();
  // Whether seq[0, k) has a degree word ("significant enough for X | to proclaim").
  let degreeWord = false;
  const countIn = (p: Tok) => {
    marks.add(p);
    if (DEGREE_WORDS.has(p.lower)) degreeWord = true;
  };
  if (seq[0]) countIn(seq[0]);
  // "but" as a conjunction; "yet" after a comma, dash or "and" ("..., yet the study found"), not "has yet to".
  const contrastAt = seq.findIndex((t, i) => i > 1 && i < end && CONTRAST.has(t.lower) && (t.pos === 'CCONJ' || /^(?:,|;|and|--|---|—|–)$/.test(seq[i - 1]!.lower)));
  for (let k = 2; k < end; k += 1) {
    countIn(seq[k - 1]!);
    const t = seq[k]!;
    const previous = seq[k - 1]!;
    const next = seq[k + 1];
    const afterComma = isComma(previous);
    const opener = mode === 'noun'
      ? // Last resort: end on a noun whose phrase is complete ("held by a Navy sailor | whose face ...").
        /^(NOUN|PROPN|NUM)$/.test(previous.pos) &&
        /^(ADP|SCONJ|CCONJ)$/.test(t.pos) &&
        lower(t) !== 'of' &&
        // "exchanged in ways | that cubic metres of river flow cannot": a clause that restricts its noun is its point.
        lower(t) !== 'that' &&
        // "a dam | and the one that ..." ends a phrase; "ISIS | and AQAP" does not.
        (!/^(and|or)$/.test(lower(t)) || /^(DET|PRON)$/.test(next?.pos ?? ''))
      : mode === 'clause'
      ? t.text === ';' ||
        DASHES.has(t.text) ||
        // "... once again in 2016 | , with Adam West and Burt Ward promising a return": an absolute phrase after a comma.
        (isComma(t) && next !== undefined && lower(next) !== 'that' && (next.lower === 'with' || next.pos === 'CCONJ' || next.pos === 'SCONJ' || next.pos === 'ADJ' || next.pos === 'ADV' || (next.pos === 'VERB' && /(ing|ed)$/.test(lower(next))) || CLAUSE_OPENERS.has(lower(next)))) ||
        (CLAUSE_OPENERS.has(lower(t)) && lower(previous) !== 'even' && lower(previous) !== 'just') ||
        // "... in a lead role | and Jeff Goldblum will reprise ...": a coordinated clause with a subject of its own.
        (t.pos === 'CCONJ' && /^(and|but)$/.test(lower(t)) && (opensClause(seq, k + 1) || lower(next) === 'that')) ||
        // "... security situation | in which militias have thrived": a relative clause after its preposition.
        (t.pos === 'ADP' && /^(which|whom)$/.test(lower(next)) && /^(NOUN|PROPN)$/.test(previous.pos))
      : (t.pos === 'ADP' && (/^(NOUN|PROPN|NUM|ADV)$/.test(previous.pos) || previous.text === '%') && !/^(enough|too|so)$/.test(lower(previous))) ||
        // "its drawdown plans | to ensure ...", but not "significant enough for X | to proclaim".
        (lower(t) === 'to' && previous.pos === 'NOUN' && !degreeWord) ||
        (t.pos === 'CCONJ' && (afterComma || (previous.pos === 'NOUN' && next !== undefined && isPredicate(next)))) ||
        (t.pos === 'SCONJ' && /^(NOUN|PROPN|NUM|ADV)$/.test(previous.pos) && !/^(that|if|whether|unless)$/.test(lower(t)));
    if (!opener || NO_CUT_BEFORE.has(lower(t))) continue;
    // "Real piled on the pressure | but couldn't find a way past": what comes after "but" or "yet" is what the
    // sentence claims; a cut anywhere before it keeps the concession and turns the claim around.
    if (contrastAt !== -1 && k <= contrastAt) continue;
    // Nor inside the contrast before its verb ("..., yet their advantage | on long documents is rarely measured").
    if (contrastAt !== -1 && !hasFiniteVerb(seq.slice(contrastAt + 1, k))) continue;
    // "traces 61% of the load | to three corridors", "charged him | with murder": the verb needs that phrase.
    if (completesVerb(seq, k)) continue;
    // "as little | as $71 a month": the second "as" completes the comparison.
    if (lower(t) === 'as' && lower(seq[k - 2]) === 'as') continue;
    // "with four times | as many people", "as many | as 300": a comparison, not a clause.
    if (lower(t) === 'as' && (/^(?:times|twice|thrice|half)$/.test(previous.lower) || /^(?:many|much|few|little)$/.test(lower(next)))) continue;
    // "from 1877 | to 1950", "between 20 | and 30": a range is one phrase.
    if (/^(?:to|and|through)$/.test(t.lower) && previous.pos === 'NUM' && seq.slice(Math.max(0, k - 4), k).some((p) => p.lower === 'from' || p.lower === 'between')) continue;
    const prefix = seq.slice(0, prefixEnd(seq, k));
    if (countWords(render(prefix, text)) > maxWords) break;
    // "a long sequence of small | , reversible steps": adjectives in a row are one phrase.
    if (isComma(t) && previous.pos === 'ADJ' && next?.pos === 'ADJ') continue;
    // Never cut inside brackets or a quotation (the commas and dashes trimmed off the prefix are neither).
    if (!marks.balanced()) continue;
    // "Start with shared measurement | , because a number both sides trust ...": a short main clause that names what
    // it is about (no pronoun) stands alone before the reason or the time it is given.
    const subordinator = t.text === ',' ? next : t;
    const shortClause = mode === 'clause' && subordinator?.pos === 'SCONJ' && REASON_OR_TIME.has(subordinator.lower) && !prefix.some((p) => p.pos === 'PRON');
    // An absolute "with" phrase ends a main clause, not a lead-in ("In a republic designed to ... | , with a ...").
    if (isComma(t) && next?.lower === 'with' && mode === 'clause' && (LEAD_INS.has(prefix[0]!.lower) || /^(?:ADP|SCONJ|NUM|ADV)$/.test(prefix[0]!.pos))) continue;
    if (standsAlone(prefix, shortClause ? 4 : 6) && !losesComplement(prefix.filter(isWord), seq.slice(prefix.length, end))) best = k;
  }
  if (best === undefined) return undefined;
  return seq.slice(0, prefixEnd(seq, best)).concat(seq.slice(end).filter((t) => endPunct(t)));
}

/**
 * Verbs whose object needs a phrase with one of these prepositions to say what the verb says: "traces
 * the load to the corridors", "charged him with murder", "sentenced her to ten years", "stopped them
 * from voting", "spent $2 billion on roads". Keyed by Porter stem, so every inflection matches.
 */
const VERB_COMPLEMENTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const table: Record<string, string> = {
    to: 'trace attribute ascribe link tie owe compare liken limit reduce assign confine restrict divert shift transfer sentence subject expose devote dedicate commit condemn relegate lend',
    from: 'prevent stop protect ban bar keep distinguish separate exempt exclude shield deter discourage prohibit derive',
    on: 'blame spend focus base impose',
    into: 'turn convert translate transform divide',
    with: 'charge credit provide supply equip replace associate confuse',
    for: 'blame praise criticise criticize thank punish arrest fine sue',
    as: 'describe regard treat classify label brand',
  };
  // Porter's stems of a verb's forms are not always one ("tie" -> tie, "tied" -> ti; "sue", "sued"; "spend",
  // "spent"): each form's stem is a key.
  const irregular: Record<string, string[]> = { spend: ['spent'], lend: ['lent'], keep: ['kept'], tie: ['tying'] };
  const complements = new Map<string, Set<string>>();
  for (const [preposition, verbs] of Object.entries(table)) {
    for (const verb of verbs.split(' ')) {
      for (const form of [...verbForms(verb), ...(irregular[verb] ?? [])]) {
        const stem = stemmer(form);
        if (!complements.has(stem)) complements.set(stem, new Set());
        complements.get(stem)!.add(preposition);
      }
    }
  }
  return complements;
})();

/** A regular verb's forms: base, third person, past, "-ing" ("ban", "bans", "banned", "banning"). */
function verbForms(verb: string): string[] {
  if (verb.endsWith('e')) return [verb, `${verb}s`, `${verb}d`, `${verb.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(verb)) return [verb, `${verb.slice(0, -1)}ies`, `${verb.slice(0, -1)}ied`, `${verb}ing`];
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return [verb, `${verb}es`, `${verb}ed`, `${verb}ing`];
  // One syllable ending consonant-vowel-consonant doubles it: "bar", "barred".
  const doubled = /^[^aeiou]*[aeiou][bdgmnprt]$/.test(verb) ? verb + verb.at(-1)! : verb;
  return [verb, `${verb}s`, `${doubled}ed`, `${doubled}ing`];
}

/**
 * Verbs whose object is followed by the infinitive that says what the verb does to it: "allow store owners to deny
 * service", "urged them to leave", "forced the firm to close". Keyed by the stems of their forms.
 */
const OBJECT_INFINITIVE: ReadonlySet<string> = new Set(
  'allow permit enable force compel urge ask invite encourage persuade require order tell warn cause prompt push pressure lead convince'
    .split(' ')
    .flatMap((verb) => verbForms(verb).map((form) => stemmer(form))),
);

/** Whether the preposition at `k` completes a verb before it, with only the verb's object between ({@link VERB_COMPLEMENTS}, {@link OBJECT_INFINITIVE}). */
function completesVerb(seq: Tok[], k: number): boolean {
  const preposition = seq[k]!.lower;
  const infinitive = preposition === 'to' && seq[k + 1]?.pos === 'VERB' && !/ing$/.test(seq[k + 1]!.lower);
  for (let i = k - 1; i >= 0 && i >= k - 10; i -= 1) {
    const t = seq[i]!;
    // The verb's own object must be there: "urged | to" is no object and its infinitive.
    if (t.pos === 'VERB' && infinitive) return i < k - 1 && OBJECT_INFINITIVE.has(stemmer(t.lower));
    if (t.pos === 'VERB') return VERB_COMPLEMENTS.get(stemmer(t.lower))?.has(preposition) ?? false;
    // The object may hold an "of" phrase ("61% of expected unserved load").
    if (!/^(DET|ADJ|NOUN|PROPN|NUM|PRON|ADV|PART|SYM)$/.test(t.pos) && t.text !== '%' && t.text !== '$' && t.lower !== 'of') return false;
  }
  return false;
}

/** Whether a token is the preposition `preposition` as a verb's complement: "to" before a verb is an infinitive's ("tied the bid to keep"), unless an "-ing" form. */
function isComplementPreposition(seq: Tok[], i: number, prepositions: ReadonlySet<string>): boolean {
  const t = seq[i]!;
  if (!prepositions.has(t.lower)) return false;
  const next = seq[i + 1];
  if (t.lower === 'to' && next !== undefined && isPredicate(next) && !/ing$/.test(next.lower)) return false;
  return t.pos === 'ADP' || t.pos === 'PART' || t.pos === 'SCONJ';
}

/**
 * Whether a cut after `kept` (its words in order) leaves its clause short of what its verb needs, judged by `dropped`,
 * the tokens that followed the last kept word:
 * - a verb of {@link VERB_COMPLEMENTS} in the kept clause without its preposition, which the dropped words hold
 *   before their clause ends ("tied the administration's bid to keep the deal away from Congress | to other
 *   accusations": the infinitive's "to" is not the one "tie" needs);
 * - the kept clause ends on a verb that shares the object after a coordinated verb set off by commas ("we have
 *   seen Congress manufacture | , then escalate, a political crisis").
 */
function losesComplement(kept: Tok[], dropped: Tok[]): boolean {
  const last = kept.at(-1);
  if (!last) return false;
  if (last.pos === 'VERB' && sharesObject(dropped)) return true;
  // The verbs of the last clause, back to its finite verb. A verb after the one that needs the phrase may take it
  // instead ("spent years criss-crossing the continent | on foot"), unless it is an infinitive of the object's noun
  // ("tied the bid to keep the deal away from Congress | to other accusations").
  let between = false;
  for (let i = kept.length - 1; i >= 0; i -= 1) {
    const t = kept[i]!;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const prepositions = t.pos === 'VERB' ? VERB_COMPLEMENTS.get(stemmer(t.lower)) : undefined;
    if (prepositions && !between && !kept.slice(i + 1).some((_, j) => isComplementPreposition(kept, i + 1 + j, prepositions))) {
      // The preposition follows in the dropped words, within their clause ("... in 2019, after which ..." ends it).
      for (let j = 0; j < Math.min(dropped.length, 10); j += 1) {
        const d = dropped[j]!;
        if (j > 0 && (/^[,;:]$/.test(d.text) || DASHES.has(d.text) || d.pos === 'SCONJ' || /^(?:that|which|who|whom|whose)$/.test(d.lower) || (CLAUSE_OPENERS.has(d.lower) && !prepositions.has(d.lower)))) break;
        if (j === 0 && /^[,;:]$/.test(d.text)) break;
        if (isComplementPreposition(dropped, j, prepositions)) return true;
        if (isPredicate(d) && isFinite(dropped, j)) break;
      }
    }
    if (isFinite(kept, i)) break;
    if (!(lower(kept[i - 1]) === 'to' && kept[i - 2]?.pos === 'NOUN')) between = true;
  }
  return false;
}

/** Whether dropped words open with a verb coordinated with the kept one and the object both share: ", then escalate, a crisis". */
function sharesObject(dropped: Tok[]): boolean {
  const open = dropped[0];
  if (!open || !(isComma(open) || DASHES.has(open.text))) return false;
  let i = 1;
  while (i < dropped.length && (dropped[i]!.pos === 'CCONJ' || dropped[i]!.pos === 'ADV')) i += 1;
  if (dropped[i]?.pos !== 'VERB') return false;
  i += 1;
  while (i < dropped.length && (dropped[i]!.pos === 'ADV' || dropped[i]!.pos === 'PART')) i += 1;
  // The second verb set off as the first was: its object is both verbs'.
  if (dropped[i]?.text !== open.text) return false;
  const object = dropped[i + 1];
  return object !== undefined && (/^(?:DET|NOUN|PROPN|NUM|ADJ)$/.test(object.pos) || POSSESSIVES.has(object.lower));
}

/** Where a prefix cut before `k` ends: trailing commas and dashes go. */
function prefixEnd(seq: Tok[], k: number): number {
  let cut = k;
  while (cut > 0 && (isComma(seq[cut - 1]) || DASHES.has(seq[cut - 1]!.text))) cut -= 1;
  return cut;
}

/** Subordinators of a reason or a time: the clause before one may be short and still say its point. */
const REASON_OR_TIME = new Set(['because', 'since', 'after', 'before', 'when', 'until']);

/** Words of degree: after one, "to" completes it ("significant enough for X | to proclaim") rather than opening a phrase. */
const DEGREE_WORDS = new Set(['enough', 'too', 'so']);

/** Brackets and quotation marks counted over a growing prefix: whether as many are closed as opened. */
class MarkCounts {
  private brackets = 0;
  private curlyQuotes = 0;
  private straightQuotes = 0;

  add(t: Tok): void {
    if (t.text === '(' || t.text === '[') this.brackets += 1;
    else if (t.text === ')' || t.text === ']') this.brackets -= 1;
    else if (t.text === '“') this.curlyQuotes += 1;
    else if (t.text === '”') this.curlyQuotes -= 1;
    else if (t.text === '"') this.straightQuotes += 1;
  }

  /** As many closing brackets as opening ones, as many closing curly quotes as opening ones, straight quotes in pairs. */
  balanced(): boolean {
    return this.brackets === 0 && this.curlyQuotes === 0 && this.straightQuotes % 2 === 0;
  }
}

/** Join the kept tokens, with the original spacing where they were adjacent. */
function render(seq: Tok[], text: string): string {
  let out = '';
  for (let i = 0; i < seq.length; i += 1) {
    const t = seq[i]!;
    const previous = seq[i - 1];
    if (previous) {
      if (t.index === previous.index + 1) out += text.slice(previous.end, t.start);
      else if (!ATTACHES_LEFT.test(t.text)) out += ' ';
    }
    out += t.text;
  }
  out = out
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,;:–—-]+/u, '')
    .replace(/[\s,;:–—-]+([.!?…]*["”’']?)$/u, '$1')
    .trim();
  // A quotation mark left alone by a cut goes too.
  const straight = (out.match(/"/g) ?? []).length;
  if (straight % 2 === 1) out = out.replace(/^"|"(?=[.!?]?$)/u, '');
  const opens = (out.match(/“/g) ?? []).length;
  const closes = (out.match(/”/g) ?? []).length;
  if (opens > closes && out.startsWith('“')) out = out.slice(1);
  else if (closes > opens) out = out.replace(/”(?=[.!?]?$)/u, '');
  if (!/[.!?…]["”’')\]]*$/u.test(out)) out = out.replace(/[…]+$/u, '') + '.';
  // A cut after an abbreviation keeps the sentence's full stop too: "to the U.S." + "." is one period, not two
  // (an ellipsis, "..." as the article wrote it, stays).
  out = out.replace(/(?<!\.)\.\.$/u, '.');
  return out.replace(/^(["“‘']?)(\p{Ll})/u, (_, quote: string, letter: string) => quote + letter.toUpperCase());
}

/** Hyphens the tagger splits ("---" as three "-") joined back into one dash token, so an aside it sets off is seen. */
function joinHyphens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (previous && token.text === '-' && /^-+$/.test(previous.text) && previous.end === token.start) {
      out[out.length - 1] = { ...previous, text: previous.text + '-', end: token.end };
    } else out.push(token);
  }
  return out;
}

/** A token that takes no space before it where words were dropped: closing punctuation, an apostrophe ("'s"). */
const ATTACHES_LEFT = /^[,.;:!?…)\]”’']/;

/** Words of a text: its runs of non-space characters (as many as `split(/\s+/)` gives non-empty pieces). */
function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** A bullet rendered from a token sequence, and its word count. */
interface Rendering {
  text: string;
  words: number;
}

/** Possessive determiners: "its expected revenue" (not "they expected revenue"). */
const POSSESSIVES = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

/**
 * The tagger's tags, mended where they would make a cut misjudge the sentence's clause (each token a new object):
 * - a capitalised "verb" inside a name is part of it ("The Liverpool Echo", "actor Will Smith");
 * - a participle between a determiner, a preposition or an adjective and its noun is an adjective ("of
 *   expected unserved load"), not a clause's verb;
 * - in a sentence left with no finite verb, the verb read as a noun is found again: a plural after its subject
 *   and before its object ("The council's modelling traces 61% of ..."), a noun right after "that" or "which"
 *   and before its object ("corridors that link the cities").
 */
function mendTags(tokens: Tok[]): Tok[] {
  const out = tokens.map((t) => ({ ...t }));
  const retag = (i: number, pos: string) => {
    out[i]!.pos = pos;
  };
  for (let i = 1; i < out.length; i += 1) {
    const t = out[i]!;
    if (!isPredicate(t) || !/^\p{Lu}/u.test(t.text) || t.text === 'I') continue;
    const before = out[i - 1]!;
    const after = out[i + 1];
    if (before.pos === 'PROPN' || (before.pos === 'DET' && before.lower === 'the') || (after?.pos === 'PROPN' && /^\p{Lu}/u.test(before.text) && isWord(before))) retag(i, 'PROPN');
  }
  // Participles before their noun, right to left so that one before another is seen ("expected unserved load").
  for (let i = out.length - 2; i >= 1; i -= 1) {
    const t = out[i]!;
    if (t.pos !== 'VERB' || !/(?:ed|en)$/.test(t.lower)) continue;
    const after = out[i + 1]!;
    if (!(after.pos === 'NOUN' || (after.pos === 'ADJ' && out[i + 2]?.pos === 'NOUN'))) continue;
    const before = out[i - 1]!;
    if (/^(?:DET|ADJ|NUM|ADP)$/.test(before.pos) || POSSESSIVES.has(before.lower) || /^['’]s$/.test(before.text) || (before.pos === 'VERB' && /(?:ed|en)$/.test(before.lower) && /^(?:DET|ADJ|NUM|ADP)$/.test(out[i - 2]?.pos ?? ''))) {
      // "that" as a determiner may be a conjunction ("said that elected officials"): the participle reads as an adjective either way.
      retag(i, 'ADJ');
    }
  }
  // "Chinese relic experts claim that ...": a noun before "that" after its subject is the main clause's verb when the
  // main clause has no other.
  const that = out.findIndex((t) => t.lower === 'that' && t.pos === 'SCONJ');
  if (that >= 2 && out[that - 1]!.pos === 'NOUN' && /^(?:NOUN|PROPN)$/.test(out[that - 2]!.pos) && !out.slice(0, that).some((_, i) => isFinite(out, i))) retag(that - 1, 'VERB');
  if (out.some((_, i) => isFinite(out, i))) return out;
  const objectStart = (t: Tok | undefined) => t !== undefined && (/^(?:DET|NUM|PROPN)$/.test(t.pos) || POSSESSIVES.has(t.lower));
  for (let i = 1; i < out.length - 1; i += 1) {
    const t = out[i]!;
    if (t.pos !== 'NOUN' || !objectStart(out[i + 1])) continue;
    const before = out[i - 1]!;
    const afterSubject = /s$/.test(t.lower) && !/ss$/.test(t.lower) && (/^(?:NOUN|PROPN)$/.test(before.pos) || (before.pos === 'VERB' && /ing$/.test(before.lower)));
    const afterRelative = /^(?:that|which|who)$/.test(before.lower) && out.slice(0, i - 1).some((p) => p.pos === 'NOUN' || p.pos === 'PROPN');
    if (afterSubject || afterRelative) retag(i, 'VERB');
  }
  return out;
}

/**
 * Compress a sentence into a bullet of at most `maxWords` words (see the module
 * comment for the steps), reporting how cleanly it could be done. A sentence that
 * has no clean place to cut stays longer than `maxWords`, with quality 0.
 * `importance` weighs the words by what the article is about; `tagger` tags the sentence.
 * `lang` is the sentence's language: one without a tagger (any but English) goes by
 * {@link compressAtClauses}, never by English rules.
 */
export function compressClaim(
  sentence: string,
  maxWords = BULLET_MAX_WORDS,
  importance?: (word: string) => number,
  target = maxWords,
  tagger: Tagger = defaultTagger(),
  lang?: string,
): Compression {
  if (lang !== undefined && !hasTagger(lang)) return compressAtClauses(sentence, maxWords, target, lang);
  const text = sentence.trim();
  // Tokens of one shape (no spread): every step reads their fields many times.
  const tagged: Tok[] = mendTags(joinHyphens(tagger.tag(text)).map(({ text, pos, start, end }, index) => ({ text, pos, start, end, index, lower: text.toLowerCase() })));
  // Renderings of the sequences made from this sentence: the same sequence is measured again and again while
  // steps compete. (A sequence is never changed once made: steps return new ones.)
  const renderings = new Map<Tok[], Rendering>();
  const renderingOf = (s: Tok[]) => {
    let rendering = renderings.get(s);
    if (!rendering) {
      const out = render(s, text);
      rendering = { text: out, words: countWords(out) };
      renderings.set(s, rendering);
    }
    return rendering;
  };
  const renderedWords = (s: Tok[]) => renderingOf(s).words;
  let seq = tagged;
  // Always: what is never part of a claim.
  const always: Array<(s: Tok[]) => Tok[]> = [dropDateline, dropDiscourseMarkers];
  // As needed, in this order, while the bullet is longer than `target` words.
  const dashAsides = (s: Tok[]) => dropDashAsides(s, text);
  const asNeeded: Array<(s: Tok[]) => Tok[]> = [
    dropEvidentialFrame,
    dropLeadingAttribution,
    dropBrackets,
    dashAsides,
    dropTrailingAttribution,
    dropRelativeClauses,
    dropInterjectedClauses,
    dropAppositives,
    dropLeadingDescriptor,
    dropParticipialTail,
    dropLeadIn,
    dropDiscourseMarkers,
  ];
  const valid = (next: Tok[]) => next !== seq && wordsIn(next) >= 4 && next.some(isPredicate);
  // A step never leaves a bullet without a predicate or too short to say anything.
  for (const step of always) {
    const next = step(seq);
    if (valid(next)) seq = next;
  }
  // A quotation left open by the sentence's end is cut off before it: the bullet says less, as a cut clause does.
  const beforeQuotation = dropOpenQuotation(seq, text);
  const quotationCut = beforeQuotation !== seq && valid(beforeQuotation);
  if (quotationCut) seq = beforeQuotation;
  // The sentence as the reader would see it whole: what a broken cut falls back to.
  const whole = seq;
  let cutQuality = quotationCut ? 0.7 : 1;
  // Whether the bullet stays up to BULLET_SLACK_WORDS over the limit because every way to fit loses its point.
  let keptLong = false;
  if (importance) {
    // Drop, each time, the aside that costs the least of what the article is about.
    // A name counts at least twice: "particularly Libya" is rarely repeated but is what the reader needs.
    // Each token's weight, by its index in the tagged sentence: computed once, summed for every candidate sequence.
    let tokenWeights: number[] | undefined;
    const weights = new Map<Tok[], number>();
    const weightOf = (s: Tok[]) => {
      let weight = weights.get(s);
      if (weight === undefined) {
        tokenWeights ??= tagged.map((t) => Math.max(importance(t.lower), t.pos === 'PROPN' ? 2 : 0));
        weight = 0;
        for (const t of s) weight += tokenWeights[t.index]!;
        weights.set(s, weight);
      }
      return weight;
    };
    while (renderedWords(seq) > target) {
      const before = weightOf(seq);
      let best: Tok[] | undefined;
      let bestCost = Infinity;
      // A bullet a word or two over the limit may keep what a fitting cut would lose when that is most of
      // what the sentence says about the article ("a spoiler–for the Taliban, the United States, ...").
      const nearlyFits = renderedWords(seq) <= maxWords + BULLET_SLACK_WORDS;
      let pointLost = false;
      // Cutting a trailing clause competes too: it may cost less than an aside that names a place.
      const clauseCut = cutTail(seq, maxWords, 'clause', text);
      // A cut before "but" keeps the concession and loses the claim ("X speak about Y | but are essentially Z"):
      // then, with the brackets gone, the cut may fit after the claim ("... Z (such as A, B, C) | ; these ...").
      const kept = clauseCut ? clauseCut.filter((t) => !endPunct(t)).length : 0;
      const beforeBut = clauseCut !== undefined && seq.slice(kept, kept + 2).some((t) => lower(t) === 'but');
      const unbracketed = beforeBut ? dropBrackets(seq) : seq;
      const bracketsAndClauseCut = unbracketed === seq ? undefined : cutTail(unbracketed, maxWords, 'clause', text);
      let bestIsCut = false;
      for (const step of [...asNeeded, () => clauseCut ?? seq, () => bracketsAndClauseCut ?? seq]) {
        const next = step(seq);
        if (!valid(next)) continue;
        const saved = seq.length - next.length;
        if (saved <= 0) continue;
        // A step that makes the bullet fit is judged by what it loses in all; otherwise by what it loses per word saved.
        const loss = before - weightOf(next);
        const fits = renderedWords(next) <= target;
        // Attribution, brackets, relative clauses and appositives are asides whatever names they hold; a dash tail,
        // a participial tail or a cut clause may be the point.
        const mayHoldPoint = step === dashAsides || step === dropParticipialTail || next === clauseCut || next === bracketsAndClauseCut;
        if (fits && nearlyFits && mayHoldPoint && loss > POINT_SHARE * before) {
          pointLost = true;
          continue;
        }
        // Next best, a step that brings the bullet within the slack and keeps most of its weight.
        const near = !fits && renderedWords(next) <= maxWords + BULLET_SLACK_WORDS && loss <= POINT_SHARE * before;
        const cost = fits ? loss - 1e6 : near ? loss / saved - 1e3 : loss / saved;
        if (cost < bestCost) {
          bestCost = cost;
          best = next;
          bestIsCut = next === clauseCut || next === bracketsAndClauseCut;
        }
      }
      if (!best) {
        keptLong = pointLost;
        break;
      }
      seq = best;
      if (bestIsCut) cutQuality = 0.7;
    }
    // Examples set off by commas name places and people: dropped only when nothing else fits.
    if (!keptLong && renderedWords(seq) > target && valid(dropInterjectedExamples(seq))) seq = dropInterjectedExamples(seq);
  } else {
    for (const step of [...asNeeded, dropInterjectedExamples]) {
      if (renderedWords(seq) <= target) break;
      const next = step(seq);
      if (valid(next)) seq = next;
    }
  }
  let quality = cutQuality;
  // Last resorts, in this order while the bullet is still too long, each worth less than the one before.
  const lastResorts: Array<[cut: (s: Tok[]) => Tok[] | undefined, quality: number]> = [
    [(s) => cutTail(s, maxWords, 'clause', text), 0.7],
    [(s) => cutTail(s, maxWords, 'phrase', text), 0.4],
    // Rather a main clause whose pronoun lost its name than a lead-in without its main clause.
    [
      (s) => {
        const main = dropLeadIn(s, false);
        if (main === s || !valid(main)) return undefined;
        return renderedWords(main) <= maxWords ? main : cutTail(main, maxWords, 'phrase', text);
      },
      0.3,
    ],
    [(s) => cutTail(s, maxWords, 'noun', text), 0.2],
  ];
  for (const [cut, worth] of lastResorts) {
    if (keptLong || renderedWords(seq) <= maxWords) break;
    const next = cut(seq);
    if (next) {
      seq = next;
      quality = worth;
    }
  }
  // A cut that leaves the claim without its main verb, its subject or the end of a list is no bullet:
  // the sentence stays whole (and, over the limit, gives way to another claim).
  if (seq !== whole && cutBreaksClaim(seq, tagged)) {
    seq = whole;
    keptLong = false;
  }
  // Usually rendered already, to be measured.
  const { text: out, words } = renderingOf(seq);
  // No clean cut: the bullet stays whole and over the limit (quality 0), so claim selection
  // prefers another sentence; a complete long sentence says more than a broken short one.
  if (words > maxWords && !keptLong) quality = 0;
  return { text: out, words, quality };
}

/**
 * Whether the kept tokens of a sentence read as a broken claim, judged against what was dropped
 * right after the last word kept:
 * - the main verb went with a dash aside ("..., Duncan -- a Liberian national -- helped carry ..."
 *   kept as "..., Duncan.");
 * - a list lost its last items ("a bunch of upgrades, equipment and items to buy" kept as
 *   "... upgrades, equipment.");
 * - the subject went with a lead-in, leaving a verb first ("Turned home that evening ...").
 */
function cutBreaksClaim(kept: Tok[], tagged: Tok[]): boolean {
  // The sentence had a finite verb and the bullet has none ("Figuring out how to combo-bounce through
  // flying enemies, killer spikes."): the main verb went with the cut.
  if (hasFiniteVerb(tagged) && !hasFiniteVerb(kept)) return true;
  const words = kept.filter(isWord);
  const first = words[0];
  if (first && first.index > 0 && first.pos === 'VERB' && !/ing$/i.test(first.text)) return true;
  // "Did the screams and the lives of ...": an auxiliary left first by a cut asks nothing, and is no clause's verb.
  if (first && first.index > 0 && opensWithAuxiliary(kept)) return true;
  const last = words.at(-1);
  if (!last) return false;
  const keptIndexes = new Set(kept.map((t) => t.index));
  const dropped: Tok[] = [];
  for (let i = last.index + 1; i < tagged.length && !keptIndexes.has(i); i += 1) dropped.push(tagged[i]!);
  const run = dropped.filter((t) => !endPunct(t));
  if (run.length === 0) return false;
  if (losesComplement(words, run)) return true;
  const head = run[0]!;
  // A dash aside after the last word, then a verb after it closes: that verb was the claim's.
  if (/^(?:-{2,3}|—|–)$/.test(head.text)) {
    const dash = (t: Tok) => /^(?:-{2,3}|—|–)$/.test(t.text);
    // Or the bullet ends inside the aside, the closing dash and the verb after it dropped ("Ama Mensah -- a nurse.").
    const openAside = kept.filter(dash).length % 2 === 1;
    if (openAside && run[1] && hasFiniteVerb([run[1]])) return true;
    const close = run.findIndex((t, i) => i > 0 && dash(t));
    if (close !== -1 && run[close + 1] && hasFiniteVerb([run[close + 1]!])) return true;
  }
  // "La Stampa says the women | , aged 21 and 25, were spotted ...": the bullet ends on the subject of a
  // clause whose verb was dropped (after an aside set off by commas, or right after it).
  if (/^(?:NOUN|PROPN|PRON|NUM)$/.test(last.pos)) {
    const closing = head.text === ',' ? run.findIndex((t, i) => i > 0 && t.text === ',') : -1;
    const verb = head.text === ',' ? (closing === -1 ? undefined : run[closing + 1]) : head;
    if (verb && isPredicate(verb) && hasFiniteVerb([verb])) return true;
  }
  // "he had worked | as a personal driver for ...": a bullet that ends on its verb lost the object or
  // complement that carried the point.
  if (last.pos === 'VERB' && (/^(?:DET|NOUN|PROPN|NUM|PRON)$/.test(head.pos) || /^(?:as|to|into|onto|about|with)$/i.test(head.text))) return true;
  // "a spokeswoman said early Friday | that it had no information": a verb of saying near the end whose reported
  // clause was dropped.
  const lastVerb = words.filter(isPredicate).at(-1);
  if (lastVerb && SAYING.has(lastVerb.lower) && words.length - words.indexOf(lastVerb) <= 4) {
    if (head.lower === 'that' || (isWord(head) && hasFiniteVerb(run.slice(0, 6)))) return true;
  }
  // "X, Y | and Z ..." with no verb before the next comma: the list was cut short.
  // (Or ", and Z", ", or other places of culture" after a series comma.)
  const conjunction = head.text === ',' && /^(?:and|or|nor)$/i.test(run[1]?.text ?? '') ? 1 : 0;
  if (/^(?:and|or|nor)$/i.test(run[conjunction]!.text)) {
    const lastComma = kept.findLastIndex((t) => t.text === ',');
    const item = lastComma === -1 ? [] : kept.slice(lastComma + 1).filter(isWord);
    // The kept tail is a list item: a few words and no verb ("equipment", "killer spikes"; not "citing delays").
    const itemWords = item.length === 0 || item.some(isPredicate) ? Infinity : item.length;
    const nextBreak = run.findIndex((t, i) => i > conjunction && /^[,;:]$/.test(t.text));
    const clause = run.slice(conjunction + 1, nextBreak === -1 ? run.length : nextBreak);
    if (itemWords <= 4 && !startsClause(clause)) return true;
  }
  return false;
}

/**
 * Whether tokens after "and" open a clause of their own (a subject, then its verb: "and officials
 * agreed", "and it will take a year") rather than continue a list ("and spells to buy", "and pits").
 */
function startsClause(tokens: Tok[]): boolean {
  const first = tokens[0];
  if (!first) return false;
  if (first.pos === 'PRON' && !/^(?:which|that|who|whom|whose)$/i.test(first.text)) return true;
  if (first.pos === 'VERB' || first.pos === 'AUX') return false;
  for (let i = 1; i < Math.min(tokens.length, 6); i += 1) {
    const t = tokens[i]!;
    if (isPredicate(t)) return hasFiniteVerb([t]) || t.pos === 'AUX';
    if (!/^(?:DET|ADJ|NOUN|PROPN|NUM|PART)$/.test(t.pos)) return false;
  }
  return false;
}

/** Whether tokens hold a finite verb: a verb or auxiliary not after "to", and no bare "-ing" form. */
function hasFiniteVerb(tokens: Tok[]): boolean {
  return tokens.some((t, i) => {
    if (!isPredicate(t)) return false;
    const before = tokens[i - 1];
    // "to do", and the second half of a hyphenated word ("combo-bounce"): not a finite verb.
    if (before && (before.lower === 'to' || (before.text === '-' && before.end === t.start))) return false;
    return !/ing$/i.test(t.text) || (before !== undefined && before.pos === 'AUX');
  });
}

/** Punctuation that ends a clause inside a sentence, in the scripts briefdeck reads: a cut may fall before it. */
const CLAUSE_PUNCTUATION = /[,;:，；：、،؛—–]/gu;
/** Of those, the marks that end a clause more firmly than a comma does: a cut before one is preferred. */
const STRONG_CLAUSE_PUNCTUATION = /[;:；：؛—–]/u;
/** Opening and closing brackets and quotes: no cut falls inside a pair. */
const OPENS = new Set(['(', '[', '（', '【', '「', '『', '“', '‘', '«', '„', '《', '〈']);
const CLOSES = new Set([')', ']', '）', '】', '」', '』', '”', '’', '»', '》', '〉']);
/** A cut keeps at least this share of the sentence's words: an opening phrase ("为了保障居民用电", "Nach Angaben der Behörde") says nothing alone. */
const MIN_KEPT_SHARE = 0.45;

/**
 * A bullet of a sentence in a language without a tagger: the whole sentence when it has at most
 * `maxWords` words (quality 1), else an opening part of it that does, ended before clause
 * punctuation (，；、 ; , : — ، ؛), not inside brackets or quotes, of at least four words and
 * {@link MIN_KEPT_SHARE} of the sentence (quality 0.7): the longest within `target` words, one
 * before a semicolon, colon or dash rather than a comma; failing that, the whole sentence
 * (quality 0). Characters are only ever left out, never added: no period after "。", no
 * ellipsis. Words are counted as the language writes them ({@link countWordsIn}: by
 * `Intl.Segmenter` where words have no spaces between them).
 */
export function compressAtClauses(sentence: string, maxWords: number, target: number, lang: string): Compression {
  const text = sentence.trim();
  const words = countWordsIn(text, lang);
  if (words <= maxWords) return { text, words, quality: 1 };
  const least = Math.max(4, Math.ceil(words * MIN_KEPT_SHARE));
  let best: { compression: Compression; rank: number } | undefined;
  let depth = 0;
  let scanned = 0;
  for (const match of text.matchAll(CLAUSE_PUNCTUATION)) {
    for (; scanned < match.index; scanned += 1) {
      const ch = text[scanned]!;
      if (OPENS.has(ch)) depth += 1;
      else if (CLOSES.has(ch)) depth = Math.max(0, depth - 1);
      // A straight double quote opens and closes: counted by parity.
      else if (ch === '"') depth = depth > 0 ? depth - 1 : depth + 1;
    }
    if (depth > 0) continue;
    const prefix = text.slice(0, match.index).trimEnd();
    const count = countWordsIn(prefix, lang);
    if (count > maxWords) break;
    if (count < least) continue;
    // Within the target beats over it; a firm clause end beats a comma; then the longer.
    const rank = (count <= target ? 2 : 0) + (STRONG_CLAUSE_PUNCTUATION.test(match[0]) ? 1 : 0) + count / (maxWords + 1);
    if (!best || rank >= best.rank) best = { compression: { text: prefix, words: count, quality: 0.7 }, rank };
  }
  return best?.compression ?? { text, words, quality: 0 };
}

export interface CompressOptions {
  maxWords?: number;
  /**
   * What the article is about, as the words' weights: with the weights of the article the
   * sentence is from (`indexArticle(article).importance`), the bullet is the one a build
   * makes of it. Without, the sentence is shortened on its own.
   */
  importance?: (word: string) => number;
  tagger?: Tagger;
}

/**
 * Shorten a sentence into a bullet of at most `maxWords` words (a number, or in the
 * options), using only its own words. Given the article's word weights, this is the
 * bullet a build makes of the sentence: both go through {@link compressClaim}.
 */
export function compressSentence(sentence: string, options: number | CompressOptions = {}): string {
  const { maxWords = BULLET_MAX_WORDS, importance, tagger } = typeof options === 'number' ? { maxWords: options } : options;
  return compressClaim(sentence, maxWords, importance, maxWords, tagger).text;
}
