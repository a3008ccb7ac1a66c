/**
 * The language of an article: what its front matter or page says, else what its text is in
 * (franc-min, trigram statistics of the 82 most spoken languages, 175 KB bundled, about 3 ms for
 * 4 KB of text), and what follows from it: its primary subtag, its writing direction, whether
 * the compression has a part-of-speech tagger for it (only English: wink's model).
 */
import { francAll } from 'franc-min';

/** ISO 639-3 codes franc gives, as the BCP 47 primary subtags decks carry (the 639-1 code where there is one). */
const ISO_639_1: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', ces: 'cs', slk: 'sk',
  ron: 'ro', hun: 'hu', swe: 'sv', dan: 'da', nob: 'nb', fin: 'fi', ell: 'el', tur: 'tr', rus: 'ru', ukr: 'uk',
  bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', lit: 'lt', lav: 'lv', est: 'et', cat: 'ca', glg: 'gl',
  cmn: 'zh', jpn: 'ja', kor: 'ko', arb: 'ar', pes: 'fa', urd: 'ur', heb: 'he', hin: 'hi', ben: 'bn', vie: 'vi',
  ind: 'id', zlm: 'ms', tha: 'th', swh: 'sw', tgl: 'tl', amh: 'am', azj: 'az', uzn: 'uz', kaz: 'kk', ydd: 'yi',
};

/** Primary subtags of languages written right to left. */
const RIGHT_TO_LEFT = new Set(['ar', 'arb', 'fa', 'pes', 'ur', 'he', 'iw', 'yi', 'ydd', 'ps', 'sd', 'ug', 'ckb', 'dv', 'syr']);

/** The primary language subtag of a BCP 47 tag, lower case: `de-CH` -> `de`, `zh-Hant-TW` -> `zh`; `en` for none. */
export function primaryLanguage(lang: string | undefined): string {
  const primary = (lang ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  return /^[a-z]{2,8}$/.test(primary) ? primary : 'en';
}

/** Whether a language is written right to left (Arabic, Hebrew, Persian, Urdu, ...), from its tag or its script subtag. */
export function isRightToLeft(lang: string | undefined): boolean {
  if (!lang) return false;
  try {
    const script = new Intl.Locale(lang).maximize().script;
    if (script) return ['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg'].includes(script);
  } catch {
    // Not a well-formed tag: judged by its primary subtag below.
  }
  return RIGHT_TO_LEFT.has(primaryLanguage(lang));
}

/** Whether the compression has a part-of-speech tagger for the language: only English (wink's model) has one. */
export function hasTagger(lang: string | undefined): boolean {
  return primaryLanguage(lang) === 'en';
}

/** Whether a language writes without spaces between words (Chinese, Japanese, Thai, ...): words are counted by `Intl.Segmenter`. */
export function writesWithoutSpaces(lang: string | undefined): boolean {
  return ['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo'].includes(primaryLanguage(lang));
}

/** At most this much text (the start of the article) is read to detect its language: more does not change the answer. */
const DETECT_CHARS = 4000;
/** Fewer letters than this and the text does not say which language it is in. */
const MIN_LETTERS = 40;
/** Fewer letters than this and not even the script says which language the text is in. */
const MIN_SCRIPT_LETTERS = 10;
/** How much better than English (franc's score, 1 the best) another language must score to be taken over the default. */
const MARGIN_OVER_ENGLISH = 0.02;

/**
 * The language a text is written in, as a BCP 47 primary subtag, when it is clearly not English;
 * `undefined` for English, for text too short to tell, and whenever English is close: a deck
 * without `lang` is English, so an English article is never given another language by mistake.
 * Scripts only one language uses here (Hebrew, Hangul, kana, Thai) decide at once.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, DETECT_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  // A script only one language uses here decides with fewer letters: ten Han characters are a sentence.
  if (letters < MIN_SCRIPT_LETTERS) return undefined;
  const share = (script: RegExp) => (sample.match(script)?.length ?? 0) / letters;
  if (share(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) > 0.1) return 'ja';
  if (share(/\p{Script=Hangul}/gu) > 0.3) return 'ko';
  if (share(/\p{Script=Han}/gu) > 0.3) return 'zh';
  if (share(/\p{Script=Hebrew}/gu) > 0.3) return 'he';
  if (share(/\p{Script=Thai}/gu) > 0.3) return 'th';
  if (letters < MIN_LETTERS) return undefined;
  const ranked = francAll(sample, { minLength: MIN_LETTERS });
  const [best, score] = ranked[0] ?? ['und', 0];
  if (best === 'und' || best === 'eng' || score < 1) return undefined;
  const english = ranked.find(([code]) => code === 'eng')?.[1] ?? 0;
  if (english > 1 - MARGIN_OVER_ENGLISH) return undefined;
  return ISO_639_1[best] ?? best;
}

/**
 * Words in a text as its language writes them: runs of non-space characters, or, in a language
 * written without spaces (Chinese, Japanese, Thai), the words `Intl.Segmenter` finds.
 */
export function countWords(text: string, lang: string | undefined): number {
  if (!writesWithoutSpaces(lang)) return text.match(/\S+/g)?.length ?? 0;
  let words = 0;
  for (const segment of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) if (segment.isWordLike) words += 1;
  return words;
}
