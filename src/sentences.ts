/**
 * Sentence splitting for real prose: abbreviations, initials, decimals, URLs,
 * quotes and brackets that close after the period, ellipses and list markers.
 */

/** A sentence as a range of the text it came from. */
export interface SentenceSpan {
  /** Offset of the sentence's first character. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  text: string;
}

/** Abbreviations after which a period does not end a sentence (lower case, without the final period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'co', 'corp', 'inc', 'ltd', 'bros',
  'no', 'nos', 'vol', 'vols', 'pp', 'p', 'fig', 'figs', 'ed', 'eds', 'rev', 'gen', 'gov', 'sen', 'rep', 'col',
  'lt', 'maj', 'capt', 'cmdr', 'sgt', 'adm', 'pres', 'supt', 'hon', 'messrs', 'mme', 'mlle', 'vs', 'v', 'etc',
  'al', 'approx', 'dept', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'ave', 'blvd', 'rd', 'cf', 'ca', 'op', 'cit', 'ibid',
  'viz', 'esp', 'incl', 'min', 'max', 'misc', 'govt', 'assn', 'univ', 'ref', 'sec', 'art', 'ch', 'para',
]);

/**
 * Abbreviations that often end a sentence too ("... in the U.S. The next ...").
 * After these, a following capitalised word that is a common sentence opener starts a new sentence.
 */
const SENTENCE_FINAL_ABBREVIATIONS = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'al']);

/** Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'there', 'but', 'and', 'or', 'so', 'yet', 'however', 'meanwhile', 'in', 'on', 'at', 'for', 'if', 'when',
  'while', 'as', 'after', 'before', 'since', 'although', 'though', 'his', 'her', 'their', 'our', 'my',
  'what', 'why', 'how', 'who', 'where', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'other',
  'still', 'then', 'now', 'today', 'also', 'even', 'both', 'each', 'such', 'despite', 'with', 'without',
  'by', 'from', 'to', 'under', 'over', 'regardless', 'instead', 'indeed', 'moreover', 'furthermore',
]);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»', '›']);

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

/** The word (letters, digits, periods, hyphens) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{N}.\-’']/u.test(text[start - 1]!)) start -= 1;
  return text.slice(start, index);
}

/** The word that starts at the first non-space, non-quote character at or after `index`. */
function wordAfter(text: string, index: number): string {
  let start = index;
  while (start < text.length && (isSpace(text[start]) || /["“‘'(\[]/u.test(text[start]!))) start += 1;
  let end = start;
  while (end < text.length && /[\p{L}\p{N}.\-’']/u.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

/** Whether the period at `index` belongs to a token rather than ending a sentence. */
function periodIsInternal(text: string, index: number): boolean {
  const before = wordBefore(text, index);
  const next = text[index + 1];
  // Decimals, versions, URLs and e-mail addresses: a period followed directly by a letter or digit.
  if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) return true;
  if (before.length === 0) return false;
  const bare = before.replace(/^[\-.]+/, '');
  const lower = bare.toLowerCase();
  const following = wordAfter(text, index + 1);
  const followingLower = following.toLowerCase().replace(/[.’']+$/, '');
  const nextIsLower = /^\p{Ll}/u.test(following);
  const nextIsDigit = /^\p{N}/u.test(following);
  // Dotted abbreviations: U.S., U.S.A., E.U., i.e., e.g., a.m., p.m., Ph.D.
  if (/^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(bare)) {
    if (nextIsLower || nextIsDigit) return true;
    // "in the U.S. The next day": a common sentence opener after it ends the sentence.
    return !SENTENCE_OPENERS.has(followingLower);
  }
  // A single capital letter is an initial (Jonas E. Smith).
  if (/^\p{Lu}$/u.test(bare)) return !SENTENCE_OPENERS.has(followingLower) || following === 'I';
  if (ABBREVIATIONS.has(lower)) {
    if (nextIsLower || nextIsDigit) return true;
    if (SENTENCE_FINAL_ABBREVIATIONS.has(lower)) return !SENTENCE_OPENERS.has(followingLower);
    return true;
  }
  // A list marker like "1." or "a." at the start of the text, of a line or of a sentence.
  const tokenStart = index - before.length;
  const lineStart = tokenStart === 0 || /(\n|[.!?]["'”’)\]]*\s)\s*$/u.test(text.slice(0, tokenStart));
  if (lineStart && /^(\p{N}{1,3}|\p{L})$/u.test(bare) && /^\s/.test(text.slice(index + 1))) return true;
  // The next line opens with a list marker: a boundary even before a lower-case letter.
  if (/^\s*\n\s*(\p{L}|\p{N}{1,3})[.)]\s/u.test(text.slice(index + 1))) return false;
  // Edited prose starts a sentence with a capital: "the world's No 1. player" goes on.
  if (nextIsLower) return true;
  if (lineStart && /^(\p{N}{1,3}|\p{Ll}|[ivxlc]{1,5})$/u.test(bare)) return true;
  return false;
}

/** Split text into sentence spans. Whitespace between sentences belongs to neither. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let depth = 0; // open parentheses and brackets
  const push = (end: number) => {
    let s = start;
    while (s < end && isSpace(text[s])) s += 1;
    let e = end;
    while (e > s && isSpace(text[e - 1])) e -= 1;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };

  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth += 1;
    else if ((ch === ')' || ch === ']') && depth > 0) depth -= 1;
    if (ch === '\n' && text[i + 1] === '\n') {
      push(i);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    if (ch === '.' && periodIsInternal(text, i)) continue;
    // Take the whole run of terminal punctuation: "?!", "!!", "...".
    let end = i + 1;
    while (end < text.length && /[.!?…]/.test(text[end]!)) end += 1;
    // Ellipsis followed by a lower-case word continues the sentence.
    const run = text.slice(i, end);
    if ((run === '...' || run === '…' || run.length > 3) && /^\s*\p{Ll}/u.test(text.slice(end))) {
      i = end - 1;
      continue;
    }
    if (run === '…' || run === '...') {
      if (!/^\s/.test(text.slice(end)) && end < text.length) {
        i = end - 1;
        continue;
      }
    }
    // Closing quotes and brackets after the period belong to this sentence.
    while (end < text.length && CLOSERS.has(text[end]!)) {
      if (text[end] === ')' || text[end] === ']') depth = Math.max(0, depth - 1);
      end += 1;
    }
    if (end < text.length && !isSpace(text[end])) {
      i = end - 1;
      continue;
    }
    // Inside parentheses a period ends the sentence only when the bracket closes right after it.
    if (depth > 0) {
      i = end - 1;
      continue;
    }
    // A lower-case continuation after "?" or "!" inside a quote stays in the sentence ("'Why?' he asked.").
    const rest = text.slice(end);
    if (/^\s+\p{Ll}/u.test(rest) && (ch === '?' || ch === '!') && CLOSERS.has(text[end - 1]!)) {
      i = end - 1;
      continue;
    }
    push(end);
    i = end - 1;
  }
  push(text.length);
  return spans;
}

/** Split text into sentences. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => span.text);
}
