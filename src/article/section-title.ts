/**
 * A title for a section the article left without a heading (usually its opening),
 * named after the names it mentions most: "Background: Islamic State and Caliphate".
 */
import { sentenceSpans } from '../text/sentences.ts';
import { joinNames, label } from '../text/labels.ts';

/** Capitalised words that are not names when they open a sentence or stand alone. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'there', 'but', 'and', 'or', 'so', 'yet', 'however', 'meanwhile', 'in', 'on', 'at', 'for', 'if', 'when',
  'while', 'as', 'after', 'before', 'since', 'although', 'though', 'his', 'her', 'their', 'our', 'my', 'what',
  'why', 'how', 'who', 'where', 'other', 'even', 'also', 'still', 'regardless', 'despite', 'with', 'by', 'from',
  'to', 'of', 'mr', 'mrs', 'ms', 'dr', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'such', 'each',
  'thier', 'them', 'then', 'now', 'today', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'your', 'yours',
]);

/** Lower-case words allowed inside a name ("Bank of England", "Ansar al-Sharia"). */
const NAME_JOINERS = new Set(['of', 'de', 'du', 'la', 'van', 'von', 'der', 'al', 'bin', 'el']);

/** Endings of capitalised adjectives ("Islamist movements", "Egyptian forces"): not names when a lower-case word follows. */
const ADJECTIVE_ENDING = /(ist|ists|ic|an|ian|ese|ish|i)$/;

/**
 * Replace bracketed asides by spaces (offsets stay): names in them are examples, not the subject.
 * Each balanced `(...)` and `[...]` is blanked, nested ones included, in one pass with a stack
 * per bracket kind: repeated regex passes took time quadratic in the nesting depth.
 */
function withoutAsides(text: string): string {
  // +1 where a blanked range starts, -1 just past where it ends.
  const marks = new Int32Array(text.length + 1);
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    const stack: number[] = [];
    for (let index = 0; index < text.length; index += 1) {
      if (text[index] === open) stack.push(index);
      else if (text[index] === close && stack.length > 0) {
        // Every closed pair is marked (an unclosed opener around it must not hide it); nested marks add up.
        marks[stack.pop()!]! += 1;
        marks[index + 1]! -= 1;
      }
    }
  }
  let out = '';
  let depth = 0;
  let from = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const next = depth + (marks[index] ?? 0);
    if (depth === 0 && next > 0) {
      out += text.slice(from, index);
      from = index;
    } else if (depth > 0 && next === 0) {
      out += ' '.repeat(index - from);
      from = index;
    }
    depth = next;
  }
  return out + text.slice(from);
}

/** Names (runs of capitalised words) in the text, with how often each occurs. */
export function namesIn(text: string): Map<string, { count: number; first: number; openerOnly: boolean }> {
  const names = new Map<string, { count: number; first: number; openerOnly: boolean }>();
  for (const span of sentenceSpans(withoutAsides(text))) {
    const raw = span.text.split(/\s+/).filter(Boolean);
    const tokens = raw.map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    let run: string[] = [];
    // Where the run started: a word capitalised only where it opens a sentence may be no name at all.
    let runStart = 0;
    const flush = () => {
      while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1]!.toLowerCase())) run.pop();
      if (run.length > 0) {
        const name = run.join(' ');
        const opener = runStart === 0;
        const seen = names.get(name);
        if (seen) {
          seen.count += 1;
          seen.openerOnly &&= opener;
        } else names.set(name, { count: 1, first: span.start, openerOnly: opener });
      }
      run = [];
    };
    tokens.forEach((token, index) => {
      const capitalised = /^\p{Lu}/u.test(token);
      // "That's" and "Your" open sentences as often as "That" does.
      const lower = token.replace(/[’']s?$/u, '').toLowerCase();
      const next = tokens[index + 1] ?? '';
      const adjective = ADJECTIVE_ENDING.test(token) && /^\p{Ll}/u.test(next) && !NAME_JOINERS.has(next);
      // A contraction ("I'm", "We've", "Don't") is no name either.
      const contraction = /['’](m|re|ve|ll|d|t)$/iu.test(token);
      // An acronym is a name even when spelled like a common word ("US", "IT").
      const acronym = /^\p{Lu}{2,}$/u.test(token);
      if (capitalised && !adjective && !contraction && (acronym || !NOT_NAMES.has(lower))) {
        if (run.length === 0) runStart = index;
        run.push(token.replace(/[’']s?$/u, ''));
        if (/[’']s?$/u.test(token)) flush();
      } else if (run.length > 0 && NAME_JOINERS.has(lower)) {
        run.push(token);
      } else {
        flush();
      }
      // Punctuation after a token ends a name: "AQIS, AQAP" are two.
      if (/[,;:.!?"”’)–—]$/u.test(raw[index]!) && !/[’']s?$/u.test(token + (raw[index]!.slice(-1)))) flush();
    });
    flush();
  }
  return names;
}

/** How often each name is mentioned, counting lower-case mentions and forms sharing a stem ("Caliphate", "caliph"). */
function mentions(text: string): Array<{ name: string; count: number; first: number }> {
  const stemOf = (name: string) => (name.includes(' ') ? name.toLowerCase() : name.toLowerCase().slice(0, 6));
  const groups = new Map<string, { name: string; count: number; first: number }>();
  const lowerWords = new Set(text.match(/\b\p{Ll}[\p{L}-]*/gu) ?? []);
  for (const [name, { count, first, openerOnly }] of namesIn(text)) {
    // A word capitalised only where it opens a sentence, and written in lower case elsewhere ("Share", "Your"), is no name.
    if (openerOnly && !name.includes(' ') && lowerWords.has(name.toLowerCase())) continue;
    const key = stemOf(name);
    const group = groups.get(key);
    if (!group) groups.set(key, { name, count, first });
    else {
      group.count += count;
      if (first < group.first) Object.assign(group, { name, first });
    }
  }
  // Lower-case mentions of a one-word name count too ("the caliph").
  for (const word of text.match(/\b\p{Ll}[\p{L}-]{3,}/gu) ?? []) {
    const group = groups.get(stemOf(word));
    if (group && !group.name.includes(' ')) group.count += 1;
  }
  return [...groups.values()];
}

/**
 * Name a section from its text: the kind of section (`lead`, e.g. "Background"),
 * then the one or two names it mentions most often (lower-case mentions and
 * forms of the same stem included), when any recurs. Names in brackets are
 * examples and do not count; capitalised adjectives ("Islamist movements") are
 * not names.
 */
export function sectionTitleFromText(text: string, lead: string, lang?: string): string {
  const ranked = mentions(text)
    .filter(({ count }) => count >= 2)
    .sort((a, b) => b.count - a.count || Number(b.name.includes(' ')) - Number(a.name.includes(' ')) || a.first - b.first)
    .map(({ name }) => name);
  const chosen: string[] = [];
  for (const name of ranked) {
    if (chosen.some((other) => other.includes(name) || name.includes(other))) continue;
    chosen.push(name);
    if (chosen.length === 2) break;
  }
  return chosen.length > 0 ? label(lang, 'about', lead, joinNames(lang, chosen)) : lead;
}
