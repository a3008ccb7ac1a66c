/**
 * A title for a section the article left without a heading (usually its opening),
 * named after the names it mentions most: "Background: Islamic State and Al-Qaeda".
 */
import { sentenceSpans } from './sentences.ts';

/** Capitalised words that are not names when they open a sentence or stand alone. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'there', 'but', 'and', 'or', 'so', 'yet', 'however', 'meanwhile', 'in', 'on', 'at', 'for', 'if', 'when',
  'while', 'as', 'after', 'before', 'since', 'although', 'though', 'his', 'her', 'their', 'our', 'my', 'what',
  'why', 'how', 'who', 'where', 'other', 'even', 'also', 'still', 'regardless', 'despite', 'with', 'by', 'from',
  'to', 'of', 'mr', 'mrs', 'ms', 'dr', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'such', 'each',
  'thier', 'them', 'then', 'now', 'today', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday',
]);

/** Lower-case words allowed inside a name ("Bank of England", "Ansar al-Sharia"). */
const NAME_JOINERS = new Set(['of', 'de', 'du', 'la', 'van', 'von', 'der', 'al', 'bin', 'el']);

/** Names (runs of capitalised words) in the text, with how often each occurs. */
export function namesIn(text: string): Map<string, { count: number; first: number }> {
  const names = new Map<string, { count: number; first: number }>();
  for (const span of sentenceSpans(text)) {
    const tokens = span.text.split(/\s+/).map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    let run: string[] = [];
    const flush = () => {
      while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1]!.toLowerCase())) run.pop();
      if (run.length > 0) {
        const name = run.join(' ');
        const seen = names.get(name);
        if (seen) seen.count += 1;
        else names.set(name, { count: 1, first: span.start });
      }
      run = [];
    };
    tokens.forEach((token, index) => {
      const capitalised = /^\p{Lu}/u.test(token);
      const lower = token.toLowerCase();
      if (capitalised && !(index === 0 && NOT_NAMES.has(lower)) && !NOT_NAMES.has(lower)) {
        run.push(token.replace(/[’']s$/u, ''));
        if (/[’']s$/u.test(token)) flush();
      } else if (run.length > 0 && NAME_JOINERS.has(lower)) {
        run.push(token);
      } else {
        flush();
      }
    });
    flush();
  }
  return names;
}

/**
 * Name a section from its text: the kind of section (`lead`, e.g. "Background"),
 * then the one or two names it mentions most often, when any recurs.
 */
export function sectionTitleFromText(text: string, lead: string): string {
  const ranked = [...namesIn(text).entries()]
    .filter(([name, { count }]) => count >= 2 || name.includes(' '))
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .map(([name]) => name);
  const chosen: string[] = [];
  for (const name of ranked) {
    if (chosen.some((other) => other.includes(name) || name.includes(other))) continue;
    chosen.push(name);
    if (chosen.length === 2) break;
  }
  return chosen.length > 0 ? `${lead}: ${chosen.join(' and ')}` : lead;
}
