/**
 * Part-of-speech tagging with wink-nlp and its English lite model, both shipped
 * in npm packages (nothing is downloaded at run time).
 *
 * A {@link Tagger} is made from a model and passed down to what tags (compression,
 * the fidelity check): the caller chooses the model. The edge (src/node/tagger.ts)
 * loads it from the compact cache made at install, in about 50 ms; without one,
 * {@link defaultTagger} loads the package's own model (about 150 ms), once per
 * process and on first use only: a build that does not compute claims never pays
 * for it. Which model a tagger was made from changes its speed, never its tags.
 */
import { requireWinkModel, requireWinkNlp } from './wink-nlp-package.ts';

/** A token of a sentence: its text, Universal POS tag and where it sits in the sentence. */
export interface Token {
  text: string;
  /** Universal dependencies tag: NOUN, PROPN, VERB, AUX, ADP, SCONJ, PUNCT, ... */
  pos: string;
  /** Offset of the token's first character in the sentence. */
  start: number;
  /** Offset just past its last character. */
  end: number;
}

/** Tags sentences: their tokens with their part of speech and offsets (frozen: a tagger may hand the same tokens out again). */
export interface Tagger {
  tag(text: string): Token[];
}

interface WinkDoc {
  tokens(): { out(what?: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; value: unknown };
}

/**
 * A tagger from a wink model (the package's `wink-eng-lite-web-model`, or one
 * loaded from its cache): for this tagger alone, since wink-nlp adds the words it
 * reads to the model.
 */
export function createTagger(model: unknown): Tagger {
  const winkNLP = requireWinkNlp() as (model: unknown, pipe?: string[]) => Wink;
  const nlp = winkNLP(model, ['pos']);
  // The tokens of the texts tagged last, most recent last. One sentence is tagged by several stages (its
  // compression at each bullet length, the opening's reference, the slide title): a sentence of 100,000 words
  // ("a. " repeated) was tagged twelve times, and the token arrays it left filled the heap.
  const recent = new Map<string, readonly Token[]>();
  return {
    tag: (text) => {
      let tokens = recent.get(text);
      if (tokens) recent.delete(text);
      else {
        tokens = tagCapped(nlp, text).map((token) => Object.freeze(token));
        if (recent.size >= RECENT_TAGGINGS) recent.delete(recent.keys().next().value!);
      }
      recent.set(text, tokens);
      return tokens.slice();
    },
  };
}

/** How many texts a tagger keeps the tokens of (see {@link createTagger}): more than the stages that tag one sentence. */
const RECENT_TAGGINGS = 64;

/**
 * The longest run of non-space characters given to wink. Its tokenizer runs its
 * patterns (e-mail, URL) on each such run in time that grows with the square of
 * its length: a 50 KB "word" took seconds. Longer runs (no word of prose is) are
 * one token tagged `X`, and the text around them is tagged piece by piece.
 */
export const MAX_TAGGED_RUN = 64;

/** Whether the UTF-16 code unit at `index` is white space as `\s` means it (a scan, not a regex: `\S{65,}` overflows the stack on a run of megabytes). */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return /\s/.test(text[index]!);
}

/** The runs of more than {@link MAX_TAGGED_RUN} non-space characters in `text`, as [start, end) offsets, in one pass. */
function longRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const space = i === text.length || isSpaceAt(text, i);
    if (!space && start === -1) start = i;
    else if (space && start !== -1) {
      // Length in code points, as the `u` regex counted before.
      if (i - start > MAX_TAGGED_RUN && [...text.slice(start, Math.min(i, start + 2 * (MAX_TAGGED_RUN + 1)))].length > MAX_TAGGED_RUN) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

function tagCapped(nlp: Wink, text: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  const piece = (end: number) => {
    if (end <= from) return;
    const part = text.slice(from, end);
    if (part.trim() !== '') for (const token of tagWith(nlp, part)) tokens.push({ ...token, start: token.start + from, end: token.end + from });
  };
  for (const [start, end] of longRuns(text)) {
    piece(start);
    tokens.push({ text: text.slice(start, end), pos: 'X', start, end });
    from = end;
  }
  if (from === 0) return tagWith(nlp, text);
  piece(text.length);
  return tokens;
}

/** The tagger of the package's own model, made on first call: a loaded resource, the same tags whoever calls first. */
let packageTagger: Tagger | undefined;

/** The tagger of the package's own model (see the module comment), for callers that bring none. */
export function defaultTagger(): Tagger {
  packageTagger ??= createTagger(requireWinkModel());
  return packageTagger;
}

function tagWith(nlp: Wink, text: string): Token[] {
  const doc = nlp.readDoc(text);
  const words = doc.tokens().out();
  const tags = doc.tokens().out(nlp.its.pos);
  const tokens: Token[] = [];
  let cursor = 0;
  words.forEach((word, index) => {
    let at = text.indexOf(word, cursor);
    // wink may normalise a token; keep offsets monotonic and close to the cursor.
    if (at === -1 || at - cursor > 40) {
      while (cursor < text.length && /\s/.test(text[cursor]!)) cursor += 1;
      at = cursor;
    }
    const end = Math.min(text.length, at + word.length);
    tokens.push({ text: text.slice(at, end), pos: tags[index] ?? 'X', start: at, end });
    cursor = end;
  });
  return tokens;
}

/** Tag a sentence with `tagger` (by default the package's): its tokens with their part of speech and offsets. */
export function tagSentence(text: string, tagger: Tagger = defaultTagger()): Token[] {
  return tagger.tag(text);
}
