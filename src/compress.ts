/**
 * Compression: an article sentence -> a bullet of at most about 20 words that
 * keeps the claim, using only the sentence's own words.
 */

/** The most words a bullet should have. */
export const BULLET_MAX_WORDS = 20;

const DISCOURSE_MARKERS =
  /^(and so|and yet|and|but|so|yet|meanwhile|however|moreover|furthermore|in addition|additionally|nonetheless|nevertheless|still|also|indeed|in fact|of course|thus|therefore|hence|consequently|as a result|in turn|at the same time|to be sure|after all|for its part|in short|in sum|overall|finally|first|second|third|lastly|similarly|likewise|instead|then|now|again|besides)\b,?\s*/i;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function capitalise(text: string): string {
  return text.replace(/^(["“‘']?)(\p{Ll})/u, (_, quote: string, letter: string) => quote + letter.toUpperCase());
}

/** Remove (parenthetical asides) and [bracketed notes]. */
function dropParentheticals(text: string): string {
  let previous;
  let out = text;
  do {
    previous = out;
    out = out.replace(/\s*\([^()]*\)/g, '').replace(/\s*\[[^[\]]*\]/g, '');
  } while (out !== previous);
  return out;
}

/** Cut at the first of several clause boundaries that leaves a standalone clause of enough words. */
function mainClause(text: string): string {
  // Trailing examples or asides after a dash: "... very important–but potentially ...".
  const dash = text.search(/\s*[–—]\s*|\s+-\s+/);
  if (dash > 0 && wordCount(text.slice(0, dash)) >= 6) text = text.slice(0, dash);
  const semicolon = text.indexOf(';');
  if (semicolon > 0 && wordCount(text.slice(0, semicolon)) >= 6) text = text.slice(0, semicolon);
  return text;
}

function endWithPeriod(text: string): string {
  const trimmed = text.replace(/[\s,;:–—-]+$/u, '');
  return /[.!?…]["'”’)]*$/u.test(trimmed) ? trimmed : trimmed + '.';
}

/**
 * Shorten a sentence into a bullet: drop leading discourse markers, parentheticals
 * and trailing asides; if still long, keep the words up to a clause boundary within
 * the limit. Never adds a word.
 */
export function compressSentence(sentence: string, maxWords = BULLET_MAX_WORDS): string {
  let text = sentence.trim();
  for (let i = 0; i < 3; i += 1) {
    const stripped = text.replace(DISCOURSE_MARKERS, '');
    if (stripped === text || wordCount(stripped) < 4) break;
    text = stripped;
  }
  if (wordCount(text) > maxWords) text = dropParentheticals(text);
  if (wordCount(text) > maxWords) text = mainClause(text);
  if (wordCount(text) > maxWords) {
    const words = text.split(/\s+/);
    // Prefer to stop at a comma within the limit; otherwise at the limit.
    let cut = maxWords;
    for (let i = maxWords; i >= Math.ceil(maxWords * 0.6); i -= 1) {
      if (/[,;:]$/.test(words[i - 1]!)) {
        cut = i;
        break;
      }
    }
    text = words.slice(0, cut).join(' ').replace(/[,;:]$/, '') + '…';
    return capitalise(text);
  }
  return capitalise(endWithPeriod(text));
}
