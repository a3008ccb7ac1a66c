/**
 * Part-of-speech tagging with wink-nlp and its English lite model, both shipped
 * in npm packages (nothing is downloaded at run time). The tagger takes some
 * 60 ms to load (50 ms of it the model, from its cache: see tagger-model.ts), so
 * it is loaded on first use only: a build that does not compute claims (an
 * existing outline) never pays for it.
 */
import { loadTaggerModel } from './tagger-model.ts';
import { requireWinkNlp } from './wink-nlp-package.ts';

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

interface WinkDoc {
  tokens(): { out(what?: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; value: unknown };
}

let tagger: Wink | undefined;

/** Up to how many sentences the model's words are indexed in a Map, quicker to make and slower to read (see tagger-model.ts). */
const FEW_SENTENCES = 1000;
let expectedSentences: number | undefined;

/**
 * Say how many sentences are about to be tagged, before the first: the model is
 * then loaded the way that is quickest for that many. Only a matter of speed.
 */
export function expectSentences(count: number): void {
  expectedSentences ??= count;
}

function load(): Wink {
  if (!tagger) {
    const winkNLP = requireWinkNlp() as (model: unknown, pipe?: string[]) => Wink;
    const few = expectedSentences !== undefined && expectedSentences <= FEW_SENTENCES;
    tagger = winkNLP(loadTaggerModel(undefined, few ? 'map' : 'object'), ['pos']);
  }
  return tagger;
}

/** Tag a sentence: its tokens with their part of speech and offsets. */
export function tagSentence(text: string): Token[] {
  const nlp = load();
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
