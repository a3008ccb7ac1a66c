/**
 * Sentence splitting for real prose: abbreviations, initials, decimals, URLs,
 * quotes and brackets that close after the period, ellipses and list markers.
 */
import { primaryLanguage } from './language.ts';

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
  'viz', 'esp', 'incl', 'min', 'max', 'misc', 'govt', 'assn', 'univ', 'ref', 'sec', 'art', 'ch', 'para', 'n°', 'nº',
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

const WORD_CHAR = /[\p{L}\p{N}.\-’'°]/u;

/** The word before a period: where it starts, and where it starts without leading hyphens and periods. */
interface WordBefore {
  start: number;
  bareStart: number;
}

/**
 * The word (letters, digits, periods, hyphens) that ends just before `index`.
 * Calls come in increasing `index` order over one text, so what was found last
 * time ends the scan: a long run of word characters ("-.-.-.") is read once.
 */
function wordBeforeReader(text: string): (index: number) => WordBefore {
  let lastIndex = -1;
  let last: WordBefore = { start: -1, bareStart: -1 };
  return (index) => {
    let start = index;
    let sameWord = false;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) {
      if (start === lastIndex) {
        sameWord = true;
        start = last.start;
        break;
      }
      start -= 1;
    }
    // The bare word starts at the first character that is not a hyphen or period; in the same word
    // as last time, it is where it was then, unless there were only hyphens and periods up to there.
    let bareStart = sameWord && last.bareStart < lastIndex ? last.bareStart : sameWord ? lastIndex : start;
    while (bareStart < index && (text[bareStart] === '-' || text[bareStart] === '.')) bareStart += 1;
    lastIndex = index;
    last = { start, bareStart };
    return last;
  };
}

/** The word after a period: its offsets in the text. */
interface WordAfter {
  start: number;
  end: number;
}

/**
 * The word that starts at the first non-space, non-quote character at or after `index`.
 * Calls come in increasing `index` order over one text: inside the word found last time,
 * the word ends where it ended then, so a long run of word characters is read once.
 */
function wordAfterReader(text: string): (index: number) => WordAfter {
  let last: WordAfter = { start: -1, end: -1 };
  return (index) => {
    let start = index;
    while (start < text.length && (isSpace(text[start]) || /["“‘'(\[]/u.test(text[start]!))) start += 1;
    let end = start;
    if (start > last.start && start < last.end) end = last.end;
    else while (end < text.length && WORD_CHAR.test(text[end]!)) end += 1;
    last = { start, end };
    return last;
  };
}

/** The longest word in {@link SENTENCE_OPENERS}. */
const LONGEST_OPENER = Math.max(...[...SENTENCE_OPENERS].map((word) => word.length));

/** Whether the word from `start` to `end`, lower-cased and without trailing periods and apostrophes, opens sentences. */
function isSentenceOpener(text: string, start: number, end: number): boolean {
  let stripped = end;
  while (stripped > start && /[.’']/.test(text[stripped - 1]!)) stripped -= 1;
  return stripped - start <= LONGEST_OPENER && SENTENCE_OPENERS.has(text.slice(start, stripped).toLowerCase());
}

/**
 * Whether `at` opens the text, a line or a sentence: only white space (with a line break) back to
 * the start of the line, or white space back to a sentence end (`.`, `!` or `?` and closing quotes
 * or brackets). Scans back from `at` only as far as that white space and punctuation reach.
 */
function startsLineOrSentence(text: string, at: number): boolean {
  if (at === 0) return true;
  let i = at;
  while (i > 0 && isSpace(text[i - 1])) {
    if (text[i - 1] === '\n') return true;
    i -= 1;
  }
  if (i === at) return false;
  while (i > 0 && /["'”’)\]]/u.test(text[i - 1]!)) i -= 1;
  return i > 0 && /[.!?]/.test(text[i - 1]!);
}

/** Whether the word before `at` (across spaces, at most a few characters back) starts with a lower-case letter. */
function previousWordIsLower(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && text[i - 1] === ' ') i -= 1;
  if (i === at) return false;
  let start = i;
  while (start > 0 && i - start < 30 && /\p{L}/u.test(text[start - 1]!)) start -= 1;
  return start < i && /^\p{Ll}/u.test(text[start]!);
}

/** A line break after the period, then a line opening with a list marker ("a. ", "2) "). */
const NEXT_LINE_IS_LIST_ITEM = /\s*\n\s*(\p{L}|\p{N}{1,3})[.)]\s/uy;

/** Whether `pattern` (sticky) matches at `index` of `text`. */
function matchesAt(pattern: RegExp, text: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(text);
}

/**
 * Whether the period at `index` belongs to a token rather than ending a sentence. Looks only at
 * the words around the period (never at the whole text before or after it), so splitting stays
 * linear in the text.
 */
function periodIsInternal(text: string, index: number, wordBefore: (index: number) => WordBefore, wordAfter: (index: number) => WordAfter): boolean {
  const { start: tokenStart, bareStart } = wordBefore(index);
  const next = text[index + 1];
  // Decimals, versions, URLs and e-mail addresses: a period followed directly by a letter or digit.
  if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) return true;
  if (tokenStart === index) return false;
  const bare = text.slice(bareStart, index);
  const lower = bare.toLowerCase();
  const following = wordAfter(index + 1);
  const followingOpens = () => isSentenceOpener(text, following.start, following.end);
  const first = following.end > following.start ? text[following.start]! : '';
  const nextIsLower = /^\p{Ll}/u.test(first);
  const nextIsDigit = /^\p{N}/u.test(first);
  // Dotted abbreviations: U.S., U.S.A., E.U., i.e., e.g., a.m., p.m., Ph.D.
  if (/^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(bare)) {
    if (nextIsLower || nextIsDigit) return true;
    // "in the U.S. The next day": a common sentence opener after it ends the sentence.
    return !followingOpens();
  }
  // The pronoun "I" after a lower-case word ends a sentence before a capital ("you and I. Did you ...").
  if (bare === 'I' && /^\p{Lu}/u.test(first) && previousWordIsLower(text, tokenStart)) return false;
  // A single capital letter is an initial (Jonas E. Smith).
  if (/^\p{Lu}$/u.test(bare)) return !followingOpens() || (following.end - following.start === 1 && first === 'I');
  if (ABBREVIATIONS.has(lower)) {
    if (nextIsLower || nextIsDigit) return true;
    if (SENTENCE_FINAL_ABBREVIATIONS.has(lower)) return !followingOpens();
    return true;
  }
  // A list marker like "1." or "a." at the start of the text, of a line or of a sentence.
  const lineStart = startsLineOrSentence(text, tokenStart);
  if (lineStart && /^(\p{N}{1,3}|\p{L})$/u.test(bare) && isSpace(text[index + 1])) return true;
  // The next line opens with a list marker: a boundary even before a lower-case letter.
  if (matchesAt(NEXT_LINE_IS_LIST_ITEM, text, index + 1)) return false;
  // Edited prose starts a sentence with a capital: "the world's No 1. player" goes on.
  if (nextIsLower) return true;
  if (lineStart && /^(\p{N}{1,3}|\p{Ll}|[ivxlc]{1,5})$/u.test(bare)) return true;
  return false;
}

/** A lower-case word next, after optional white space. */
const LOWER_CASE_NEXT = /\s*\p{Ll}/uy;
/** White space, then a lower-case word. */
const SPACE_THEN_LOWER_CASE = /\s+\p{Ll}/uy;
/** A spaced ellipsis, ". . ." or ". . . ." (the first period at the match). */
const SPACED_ELLIPSIS = /\.(?:[ \u00a0]\.){2,}/y;
/** White space, then a capital letter or digit, optionally after opening quotes or brackets. */
const SPACE_THEN_CAPITAL = /\s+["“‘'(\[]?[\p{Lu}\p{N}]/uy;

/**
 * Offsets of the opening brackets that close before their paragraph ends. Only these hold a
 * sentence together: a bracket that extraction left open must not swallow the rest of the text.
 */
function balancedOpenings(text: string): Set<number> {
  const balanced = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '(' || ch === '[') open.push(i);
    else if ((ch === ')' || ch === ']') && open.length > 0) balanced.add(open.pop()!);
    else if (ch === '\n' && text[i + 1] === '\n') open.length = 0;
  }
  return balanced;
}

/** An inline list marker: "1.)", "2)", "3.", "b.", optionally after a bullet sign ("• 9.", "⁃10."). */
const LIST_MARKER = /(?<=^|\s)([•⁃◦▪‣]\s?)?(\p{N}{1,3}|\p{L})(\.\)|\)|\.)(?=\s)/gu;

/** What inline list markers do to the text: where each item starts a sentence, and the periods that belong to a marker. */
interface ListMarks {
  breaks: number[];
  markerPeriods: Set<number>;
}

/** The value of a list marker in its sequence: 1, 2, 3 or a, b, c. */
function markerValue(label: string): number {
  return /^\p{N}+$/u.test(label) ? Number(label) : label.toLowerCase().codePointAt(0)!;
}

/**
 * Inline lists ("1.) The first item 2.) The second item", "a. The first b. The second"): runs of
 * two or more markers of one style with consecutive values (1, 2, 3 or a, b, c), the first at the
 * start of the text, of a line or after a sentence's end or a colon. Each later item starts a
 * sentence even without a period before it.
 */
function listMarks(text: string): ListMarks {
  const breaks: number[] = [];
  const markerPeriods = new Set<number>();
  if (!/[.)]\s/.test(text)) return { breaks, markerPeriods };
  interface Marker {
    start: number;
    value: number;
    style: string;
    period: number;
    opens: boolean;
  }
  let chain: Marker[] = [];
  const flush = () => {
    if (chain.length >= 2 && chain[0]!.opens) {
      for (const marker of chain) {
        if (marker.start > 0) breaks.push(marker.start);
        if (marker.period >= 0) markerPeriods.add(marker.period);
      }
    }
    chain = [];
  };
  for (const match of text.matchAll(LIST_MARKER)) {
    const start = match.index;
    const [, bullet = '', label = '', punctuation = ''] = match;
    const marker: Marker = {
      start,
      value: markerValue(label),
      style: `${bullet.trim()}${/\p{N}/u.test(label) ? '1' : /\p{Lu}/u.test(label) ? 'A' : 'a'}${punctuation}`,
      period: punctuation.startsWith('.') ? start + bullet.length + label.length : -1,
      opens: start === 0 || /(?:^|\n|[.!?:;]["”’)]*\s)\s*$/u.test(text.slice(Math.max(0, start - 8), start)),
    };
    const last = chain[chain.length - 1];
    if (last && last.style === marker.style && marker.value === last.value + 1) chain.push(marker);
    else {
      flush();
      chain = [marker];
    }
  }
  flush();
  return { breaks, markerPeriods };
}

/**
 * Split text into sentence spans. Whitespace between sentences belongs to neither. English (no
 * `lang`, or an `en` tag) goes by the rules above; any other language by {@link sentenceSplitter}.
 */
export function sentenceSpans(text: string, lang?: string): SentenceSpan[] {
  return lang === undefined || primaryLanguage(lang) === 'en' ? englishSentenceSpans(text) : sentenceSplitter(lang)(text);
}

function englishSentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let depth = 0; // open parentheses and brackets that close later in the paragraph
  const balanced = balancedOpenings(text);
  const { breaks, markerPeriods } = listMarks(text);
  let nextBreak = 0;
  const wordBefore = wordBeforeReader(text);
  const wordAfter = wordAfterReader(text);
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
    if (nextBreak < breaks.length && breaks[nextBreak] === i) {
      nextBreak += 1;
      depth = 0;
      push(i);
    }
    if ((ch === '(' || ch === '[') && balanced.has(i)) depth += 1;
    else if ((ch === ')' || ch === ']') && depth > 0) depth -= 1;
    if (ch === '\n' && text[i + 1] === '\n') {
      depth = 0;
      push(i);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    if (markerPeriods.has(i)) continue;
    let end = i + 1;
    SPACED_ELLIPSIS.lastIndex = i;
    const spaced = ch === '.' ? SPACED_ELLIPSIS.exec(text) : null;
    if (spaced) {
      // ". . ." leaves words out inside a sentence; ". . . ." (an ellipsis and a period) ends one before a capital.
      end = i + spaced[0].length;
      while (end < text.length && CLOSERS.has(text[end]!)) end += 1;
      const dots = (spaced[0].length + 1) / 2;
      if (end < text.length && (dots < 4 || !matchesAt(SPACE_THEN_CAPITAL, text, end) || depth > 0)) {
        i = end - 1;
        continue;
      }
      push(end);
      i = end - 1;
      continue;
    }
    if (ch === '.' && periodIsInternal(text, i, wordBefore, wordAfter)) continue;
    // Take the whole run of terminal punctuation: "?!", "!!", "...".
    while (end < text.length && /[.!?…]/.test(text[end]!)) end += 1;
    // Ellipsis followed by a lower-case word continues the sentence.
    const run = text.slice(i, end);
    if ((run === '...' || run === '…' || run.length > 3) && matchesAt(LOWER_CASE_NEXT, text, end)) {
      i = end - 1;
      continue;
    }
    if (run === '…' || run === '...') {
      if (!isSpace(text[end]) && end < text.length) {
        i = end - 1;
        continue;
      }
    }
    // "Yahoo! in the accounting department": an exclamation before a lower-case word is part of a name.
    if (run === '!' && matchesAt(SPACE_THEN_LOWER_CASE, text, end)) {
      i = end - 1;
      continue;
    }
    // Closing quotes and brackets after the period belong to this sentence.
    const closersStart = end;
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
    // A lower-case word after a closing quote or bracket continues the sentence
    // ("'Why?' he asked.", "(He worked as an engineer.) at the University").
    if (end > closersStart && matchesAt(SPACE_THEN_LOWER_CASE, text, end)) {
      i = end - 1;
      continue;
    }
    push(end);
    i = end - 1;
  }
  push(text.length);
  return spans;
}

/** Split text into sentences (see {@link sentenceSpans}). */
export function splitSentences(text: string, lang?: string): string[] {
  return sentenceSpans(text, lang).map((span) => span.text);
}

/**
 * Abbreviations after which a period does not end a sentence, by primary language subtag (lower
 * case, without their last period; spaced ones like "z. B." are their parts: a single letter
 * with a period never ends a sentence). Unicode's sentence rules, which `Intl.Segmenter` follows,
 * break after any period before a capital or a digit: these mend that.
 */
const LANGUAGE_ABBREVIATIONS: Record<string, string[]> = {
  de: [
    'bzw', 'ca', 'dr', 'prof', 'dipl', 'ing', 'hr', 'hrn', 'fr', 'frl', 'nr', 'str', 'tel', 'usw', 'vgl', 'evtl', 'ggf', 'inkl', 'zzgl', 'exkl',
    'mio', 'mrd', 'tsd', 'jh', 'jhd', 'jhs', 'st', 'sog', 'bspw', 'abs', 'art', 'bd', 'geb', 'gest', 'gegr', 'allg', 'bzgl', 'ehem', 'einschl',
    'insb', 'max', 'min', 'mind', 'rd', 'spd', 'u.a', 'z.b', 'd.h', 'u.ä', 'o.ä', 'v.a', 'i.d.r', 'z.t', 'u.u', 's.o', 's.u', 'a.d', 'abt',
    'anm', 'aufl', 'hg', 'hrsg', 'kap', 'lt', 'mo', 'di', 'mi', 'do', 'sa', 'so', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'okt', 'nov', 'dez', 'etc', 'zit', 'verh', 'vs', 'wg', 'zw', 'zb', 'dt', 'engl', 'frz', 'ital', 'span', 'russ', 'amerik', 'brit', 'europ',
  ],
  fr: [
    'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'pr', 'prof', 'me', 'mgr', 'st', 'ste', 'cf', 'env', 'etc', 'ex', 'p', 'pp', 'vol', 'chap',
    'art', 'av', 'apr', 'j.-c', 'c.-à-d', 'c-à-d', 'n°', 'no', 'nos', 'bd', 'fig', 'éd', 'coll', 'dir', 'hab', 'min', 'max', 'tél', 'janv',
    'févr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'gén', 'col', 'cdt', 'lt', 'sgt',
  ],
  es: [
    'sr', 'sra', 'sras', 'sres', 'srta', 'srtas', 'dr', 'dra', 'drs', 'dras', 'ud', 'uds', 'vd', 'vds', 'd', 'dña', 'lic', 'ing', 'arq', 'prof',
    'etc', 'ej', 'p', 'pp', 'pág', 'págs', 'aprox', 'núm', 'nº', 'n.º', 'art', 'av', 'avda', 'c', 'cía', 'dpto', 'ee', 'uu', 'ee.uu', 'admón',
    'gral', 'cap', 'vol', 'fig', 'tel', 'izq', 'der', 'ene', 'feb', 'mar', 'abr', 'jun', 'jul', 'ago', 'sep', 'sept', 'oct', 'nov', 'dic',
    'sto', 'sta', 'mons', 'excmo', 'excma', 'ilmo', 'ilma', 'a.c', 'd.c', 'ob', 'cit', 'máx', 'mín',
  ],
  it: [
    'sig', 'sigg', 'sig.ra', 'sig.na', 'dott', 'dott.ssa', 'dr', 'prof', 'prof.ssa', 'avv', 'ing', 'arch', 'geom', 'rag', 'on', 'sen', 'mons',
    'ecc', 'es', 'ad', 'pag', 'pagg', 'p', 'pp', 'art', 'artt', 'n', 'nn', 'cap', 'vol', 'fig', 'tel', 'cfr', 'ca', 'circa', 'gen', 'feb',
    'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic', 's', 'ss', 'sant', 'v', 'vs', 'mld', 'mln', 'min', 'max', 'a.c', 'd.c',
  ],
  pt: [
    'sr', 'sra', 'srs', 'sras', 'srta', 'dr', 'dra', 'drs', 'dras', 'prof', 'profa', 'eng', 'exa', 'exmo', 'exma', 'v', 'etc', 'ex', 'p',
    'pp', 'pág', 'págs', 'aprox', 'n', 'nº', 'n.º', 'art', 'av', 'cap', 'vol', 'fig', 'tel', 'cia', 'ltda', 'jan', 'fev', 'mar', 'abr', 'mai',
    'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez', 'sto', 'sta', 'min', 'máx', 'mín', 'a.c', 'd.c', 'obs', 'mi', 'mil', 'bi', 'tri',
  ],
  nl: ['dhr', 'mevr', 'mr', 'dr', 'drs', 'ir', 'ing', 'prof', 'bijv', 'bv', 'enz', 'etc', 'o.a', 'd.w.z', 'ca', 'nr', 'blz', 'mln', 'mld', 'jan', 'feb', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec'],
};

/** Abbreviations that also end sentences ("... Birnen usw. Danach ..."): a capital after them starts a new one. */
const SENTENCE_FINAL_IN: Record<string, string[]> = {
  de: ['usw', 'etc', 'jh', 'jhd', 'jhs', 'u.a', 'u.ä', 'o.ä'],
  fr: ['etc', 'env', 'j.-c'],
  es: ['etc', 'ee.uu', 'uu', 'a.c', 'd.c'],
  it: ['ecc', 'etc', 'a.c', 'd.c'],
  pt: ['etc', 'a.c', 'd.c', 'mil'],
  nl: ['enz', 'etc'],
};

/** Languages that write ordinals as a number and a period ("am 3. Mai", "den 2. december"). */
const PERIOD_ORDINALS = new Set(['de', 'da', 'nb', 'nn', 'no', 'fi', 'is', 'et', 'lv', 'lt', 'cs', 'sk', 'pl', 'hu', 'sl', 'hr', 'sr', 'bs', 'tr', 'fo']);

/** Words before an ordinal ("am 3.", "der 2.", "zum 100."): the number and period start no sentence after them. */
const ORDINAL_LEADS: Record<string, string[]> = {
  de: [
    'am', 'im', 'vom', 'zum', 'zur', 'beim', 'der', 'die', 'das', 'dem', 'den', 'des', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines',
    'jeder', 'jede', 'jedes', 'sein', 'seine', 'seinem', 'seinen', 'ihr', 'ihre', 'ihrem', 'ihren', 'unser', 'unsere', 'montag', 'dienstag', 'mittwoch', 'donnerstag',
    'freitag', 'samstag', 'sonntag', 'sonnabend', 'dieser', 'diese', 'dieses', 'diesem', 'diesen',
  ],
};

/** How one language's text is split: its abbreviations, its ordinals and its month names. */
interface LanguageRules {
  locale: string;
  abbreviations: Set<string>;
  finalAbbreviations: Set<string>;
  ordinals: boolean;
  ordinalLeads: Set<string>;
  months: Set<string>;
}

/** Month names of a language, long and short, lower case without periods, from `Intl`. */
function monthNames(locale: string): Set<string> {
  const names = new Set<string>();
  for (const month of ['long', 'short'] as const) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
    } catch {
      return names;
    }
    for (let index = 0; index < 12; index += 1) names.add(format.format(Date.UTC(2026, index, 15)).toLowerCase().replace(/\./g, ''));
  }
  return names;
}

function rulesFor(lang: string): LanguageRules {
  const primary = primaryLanguage(lang);
  let locale = primary;
  try {
    locale = new Intl.Locale(lang).toString();
  } catch {
    // A malformed tag: its primary subtag (checked by primaryLanguage) stands for it.
  }
  return {
    locale,
    abbreviations: new Set(LANGUAGE_ABBREVIATIONS[primary] ?? []),
    finalAbbreviations: new Set(SENTENCE_FINAL_IN[primary] ?? []),
    ordinals: PERIOD_ORDINALS.has(primary),
    ordinalLeads: new Set(ORDINAL_LEADS[primary] ?? []),
    months: PERIOD_ORDINALS.has(primary) ? monthNames(locale) : new Set(),
  };
}

/** Letters with their marks (Arabic vowel signs, combining accents), digits, periods, hyphens, apostrophes. */
const MARKED_WORD_CHAR = /[\p{L}\p{M}\p{N}.\-’'°]/u;

/** The word ending at `end` (see {@link MARKED_WORD_CHAR}), and the one before it. */
function wordsEndingAt(text: string, end: number): { word: string; start: number; previous: string } {
  let start = end;
  while (start > 0 && MARKED_WORD_CHAR.test(text[start - 1]!)) start -= 1;
  let before = start;
  while (before > 0 && text[before - 1] === ' ') before -= 1;
  let previousStart = before;
  while (previousStart > 0 && before - previousStart < 40 && /[\p{L}\p{N}]/u.test(text[previousStart - 1]!)) previousStart -= 1;
  return { word: text.slice(start, end), start, previous: text.slice(previousStart, before) };
}

/** The first word at or after `at` (after spaces and opening quotes). */
function wordStartingAt(text: string, at: number): string {
  let start = at;
  while (start < text.length && (isSpace(text[start]) || /["“„‘‚'«»(\[]/u.test(text[start]!))) start += 1;
  let end = start;
  while (end < text.length && end - start < 40 && /[\p{L}\p{N}]/u.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

/**
 * Whether a break that `Intl.Segmenter` put after the period at `period` is not a sentence end in
 * this language: an abbreviation ("z. B.", "Dr.", "Mio."), an initial, or an ordinal ("am 3. Mai").
 */
function periodContinues(text: string, period: number, rules: LanguageRules): boolean {
  const { word, previous } = wordsEndingAt(text, period);
  const bare = word.replace(/^[-.]+/, '');
  if (bare === '') return false;
  const lower = bare.toLowerCase();
  const next = wordStartingAt(text, period + 1);
  const nextIsLowerOrDigit = /^[\p{Ll}\p{N}]/u.test(next);
  // A single letter of a script with case: an initial ("A. Merkel") or part of a spaced abbreviation ("z. B.", "p. ex.").
  if (/^[\p{Lu}\p{Ll}]$/u.test(bare)) return true;
  // Dotted abbreviations: "z.B.", "d.h.", "EE.UU.", "c.-à-d.".
  if (rules.abbreviations.has(lower)) return !rules.finalAbbreviations.has(lower) || nextIsLowerOrDigit;
  if (/^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(bare)) return nextIsLowerOrDigit;
  if (rules.ordinals && /^\p{N}{1,3}$/u.test(bare)) {
    const nextLower = next.toLowerCase();
    return rules.months.has(nextLower) || rules.months.has(nextLower.slice(0, 3)) || rules.ordinalLeads.has(previous.toLowerCase()) || /^\p{Ll}/u.test(next);
  }
  return false;
}

/**
 * A sentence splitter for a language other than English: `Intl.Segmenter`'s sentence breaks in
 * the language's locale (Unicode's rules: "。", "！", "？", "؟", "۔" and "।" end sentences with or
 * without a space after them, closing quotes stay with their sentence), mended where a period
 * after an abbreviation, an initial or an ordinal was taken for a full stop. A blank line always
 * ends a sentence; a single line break is a space. Linear in the text.
 */
export function sentenceSplitter(lang: string): (text: string) => SentenceSpan[] {
  const rules = rulesFor(lang);
  const segmenter = new Intl.Segmenter(rules.locale, { granularity: 'sentence' });
  return (text) => {
    const spans: SentenceSpan[] = [];
    const push = (from: number, to: number) => {
      let s = from;
      while (s < to && isSpace(text[s])) s += 1;
      let e = to;
      while (e > s && isSpace(text[e - 1])) e -= 1;
      if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
    };
    let blockStart = 0;
    const block = (blockEnd: number) => {
      // Line breaks inside a paragraph are spaces to the segmenter (the same length, so offsets hold).
      const part = text.slice(blockStart, blockEnd).replace(/[\r\n\u2028\u2029]/g, ' ');
      let start = blockStart;
      for (const { index, segment } of segmenter.segment(part)) {
        if (index === 0) continue;
        const at = blockStart + index;
        // The last non-space character before the break, after closing quotes and brackets.
        let end = at;
        while (end > start && isSpace(text[end - 1])) end -= 1;
        let period = end - 1;
        while (period > start && CLOSERS.has(text[period]!)) period -= 1;
        if (segment !== '' && text[period] === '.' && periodContinues(text, period, rules)) continue;
        push(start, at);
        start = at;
      }
      push(start, blockEnd);
    };
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '\n' && text[i + 1] === '\n') {
        block(i);
        blockStart = i;
      }
    }
    block(text.length);
    return spans;
  };
}
